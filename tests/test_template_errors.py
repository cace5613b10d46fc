"""A broken template names the document and the paragraph, and writes nothing."""
import pytest

from drafter.context import build_context
from drafter.docxpkg import read_parts, write_parts
from drafter.errors import RenderError
from drafter.loader import load_draft
from drafter.render import PreparedTemplate
from drafter.resources import template_path

from conftest import EXAMPLES


def _broken(tmp_path, old: str, new: str):
    parts = read_parts(template_path("kehoach").read_bytes())
    xml = parts["word/document.xml"].decode("utf-8")
    assert old in xml
    parts["word/document.xml"] = xml.replace(old, new, 1).encode("utf-8")
    path = tmp_path / "kehoach.docx"
    path.write_bytes(write_parts(parts))
    return path


def test_a_syntax_error_names_the_paragraph(tmp_path):
    path = _broken(tmp_path, "{{ plan.subject }}", "{{ plan.subject + }}")
    with pytest.raises(RenderError) as err:
        PreparedTemplate(path)
    message = str(err.value)
    assert "mẫu có thẻ Jinja sai cú pháp" in message and str(path) in message
    assert "đoạn thứ" in message and "plan.subject +" in message


def test_an_error_while_filling_names_the_paragraph(tmp_path):
    path = _broken(tmp_path, "{{ plan.subject }}", "{{ plan.subject.no.such.field }}")
    context = build_context(load_draft(EXAMPLES / "an-lac-2026.yaml").draft)
    with pytest.raises(RenderError) as err:
        PreparedTemplate(path).render(context)
    message = str(err.value)
    assert "không điền được mẫu" in message and str(path) in message
    assert "đoạn thứ" in message and "plan.subject.no.such.field" in message
