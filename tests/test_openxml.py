"""Word opens every file drafter writes without repair.

Each kind of output is validated against the Office Open XML schema and Word's own
semantic rules with openxml-audit: element order (Word calls a file with a property
out of order unreadable and offers to repair it), required parts and relationships
(font table, theme), content types. Every kind must have 0 findings.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from openxml_audit import OpenXmlValidator

from drafter import template_builder
from drafter.batch import PresetMaker, run_batch
from drafter.communes import load_communes
from drafter.context import build_context
from drafter.loader import load_draft
from drafter.render import render_draft, render_plain, split_outputs

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = sorted((ROOT / "presets" / "examples").glob("*.yaml"))
VALIDATOR = OpenXmlValidator()


def assert_opens(path: Path) -> None:
    result = VALIDATOR.validate(path)
    assert not result.errors, f"{path.name}: " + "; ".join(map(str, result.errors))


def _outputs(draft) -> dict[str, bytes]:
    return {"whole.docx": render_draft(draft), **dict(split_outputs(draft))}


@pytest.mark.parametrize("path", EXAMPLES + [FIXTURES / "qd-kh-pl.yaml", FIXTURES / "ke-hoach.yaml"],
                         ids=lambda p: p.stem)
def test_rendered_files_and_split_parts(path, tmp_path):
    """A plan, a plan with an appendix, a decision with its plan and appendix, and --split parts."""
    files = _outputs(load_draft(path).draft)
    assert len(files) >= 2
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        assert_opens(tmp_path / name)


@pytest.mark.parametrize("preset", ["bac-ninh-cchc-2026", "hai-phong-cchc-2026"])
def test_batch_packages(preset, tmp_path):
    report = run_batch(load_communes("hai-phong", limit=2), PresetMaker(preset), tmp_path / "out", split=True)
    assert not report.failed
    files = sorted((tmp_path / "out").rglob("*.docx"))
    assert len(files) >= 4
    for path in files:
        assert_opens(path)


def test_templates_and_the_plain_docxtpl_way(tmp_path):
    for name in template_builder.NAMES:
        (tmp_path / f"{name}.docx").write_bytes(template_builder.build_named(name))
        assert_opens(tmp_path / f"{name}.docx")
    plain = render_plain(build_context(load_draft(FIXTURES / "qd-kh-pl.yaml").draft))
    (tmp_path / "plain.docx").write_bytes(plain)
    assert_opens(tmp_path / "plain.docx")
