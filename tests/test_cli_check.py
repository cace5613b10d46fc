"""drafter check on the command line: exit codes, bad input, JSON, folders, the annotated copy."""
from __future__ import annotations

import io
import json
import re
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from drafter.cli import main

sys.path.insert(0, str(Path(__file__).parent))
import office_docs as od  # noqa: E402


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def an_lac(tmp_path) -> Path:
    path = tmp_path / "an-lac.docx"
    path.write_bytes(od.build_docx("an-lac"))
    return path


def test_errors_give_exit_1_and_name_rule_place_and_fix(an_lac):
    result = run("check", an_lac)
    assert result.exit_code == 1
    assert "lỗi: [NUM-ROMAN-SEQUENCE] mục IV, «IV. TỔ CHỨC THỰC HIỆN»" in result.output
    assert "hãy đánh số lại" in result.output


def test_json_output(an_lac):
    result = run("check", an_lac, "--format", "json")
    data = json.loads(result.output)
    rules = {f["rule"] for f in data["findings"]}
    assert {"NUM-ROMAN-SEQUENCE", "DATE-PADDING", "SECTION-OFF-TOPIC"} <= rules
    assert data["counts"]["error"] == 1


def test_rules_lists_every_rule():
    result = run("check", "--rules")
    assert result.exit_code == 0 and "ND30-ISSUER-RULE-LENGTH" in result.output and "CITE-DATE-LIBRARY" in result.output


def test_a_clean_draft_exits_0(tmp_path):
    from drafter.rules.samples import DRAFT

    path = tmp_path / "d.yaml"
    path.write_text(DRAFT, encoding="utf-8")
    result = run("check", path)
    assert result.exit_code == 0, result.output
    assert "không thấy lỗi nào" in result.output


@pytest.mark.parametrize("content, words", [
    (b"PK\x03\x04 this is not a zip", "không"),
    (b"", "không có chữ"),
])
def test_bad_files_give_a_vietnamese_message_and_exit_2(tmp_path, content, words):
    path = tmp_path / "hong.docx"
    path.write_bytes(content)
    result = run("check", path)
    assert result.exit_code == 2
    assert "Lỗi:" in result.output and words in result.output and "Traceback" not in result.output


def test_an_encrypted_file_exits_2(tmp_path):
    from fuzz_corpus import encrypted_docx

    path = tmp_path / "mat-khau.docx"
    path.write_bytes(encrypted_docx())
    result = run("check", path)
    assert result.exit_code == 2 and "mật khẩu" in result.output


def test_an_empty_document_and_a_file_that_is_no_plan_exit_2(tmp_path):
    import docx

    empty = tmp_path / "trong.docx"
    docx.Document().save(empty)
    result = run("check", empty)
    assert result.exit_code == 2 and "không có chữ nào" in result.output
    letter = tmp_path / "thu.docx"
    d = docx.Document()
    d.add_paragraph("Kính gửi anh Nam, tuần sau họp lớp ở nhà hàng.")
    d.save(letter)
    result = run("check", letter)
    assert result.exit_code == 2 and "không giống một kế hoạch" in result.output


def test_a_folder_one_bad_file_never_stops_the_others(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "ke-hoach.docx").write_bytes(od.build_docx("vo-cuong"))
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "ke-hoach.docx").write_bytes(b"PK\x03\x04 broken")
    result = run("check", tmp_path)
    assert result.exit_code == 2
    assert "không đọc được" in result.output and "2 tệp" in result.output


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


_COMMENT_MARKS = re.compile(rb"<w:commentRangeStart [^>]*/>|<w:commentRangeEnd [^>]*/>|"
                            rb"<w:r><w:rPr><w:rStyle w:val=\"CommentReference\"/></w:rPr><w:commentReference [^>]*/></w:r>|"
                            rb"<w:r><w:commentReference [^>]*/></w:r>")


def _canon(xml: bytes) -> bytes:
    return etree.tostring(etree.fromstring(xml), method="c14n")


def test_annotate_writes_one_comment_per_finding_and_changes_nothing_else(an_lac, tmp_path):
    out = tmp_path / "an-lac.gop-y.docx"
    result = run("check", an_lac, "--annotate", out)
    assert result.exit_code == 1 and out.exists()
    before, after = _parts(an_lac.read_bytes()), _parts(out.read_bytes())
    comments = after.pop("word/comments.xml")
    findings = json.loads(run("check", an_lac, "--format", "json").output)["findings"]
    texts = etree.fromstring(comments).findall(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}comment")
    assert len(texts) == len(findings)
    assert all(t.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}author") == "drafter" for t in texts)
    assert b"[NUM-ROMAN-SEQUENCE]" in comments
    assert set(after) == set(before)
    for name, data in before.items():
        new = after[name]
        if name == "word/document.xml":
            new = _COMMENT_MARKS.sub(b"", new)
        if name == "[Content_Types].xml":
            new = re.sub(rb'<Override PartName="/word/comments.xml"[^>]*/>', b"", new)
        if name == "word/_rels/document.xml.rels":
            new = re.sub(rb'<Relationship Id="[^"]*" Type="[^"]*/comments" Target="comments.xml"/>', b"", new)
        if name.endswith(".xml") or name.endswith(".rels"):
            assert _canon(new) == _canon(data), name
        else:
            assert new == data, name
    again = run("check", an_lac, "--annotate", out)
    assert again.exit_code == 2 and "--force" in again.output


def test_annotate_needs_one_docx(tmp_path, an_lac):
    other = tmp_path / "khac.docx"
    other.write_bytes(an_lac.read_bytes())
    result = run("check", an_lac, other, "--annotate", tmp_path / "x.docx")
    assert result.exit_code == 2
