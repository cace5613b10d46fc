"""Previews come from the library and say what the DOCX says."""
from pathlib import Path

import pytest

from drafter.context import build_context
from drafter.loader import load_draft
from drafter.citations import lead_in
from drafter.preview import bases_text, citation_line, closing_lines, plain_text, unit_duties

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "presets" / "examples").glob("*.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_previews_equal_what_the_document_prints(path):
    draft = load_draft(path).draft
    text = plain_text(draft)
    plan = build_context(draft)["plan"]
    shown = bases_text(draft.bases, end=draft.bases_end, preamble=lead_in(draft), layout=draft.bases_layout)
    assert shown.split("\n") == [b.text for b in plan["body"][:shown.count("\n") + 1]]
    assert closing_lines(draft)[1:len(plan["recipients"]) + 1] == plan["recipients"]
    for uid, duty in unit_duties(draft).items():
        if duty:
            assert any(duty in line for line in text), uid
    if draft.decision:
        lines = bases_text(draft.decision.bases, decision=True).splitlines()
        shown = build_context(draft)["decision"]["bases"]
        assert lines[:-1] == shown[:len(lines) - 1]


def test_one_basis_previews_alone():
    assert citation_line({"ref": "nq-76-2021"}).startswith("Căn cứ Nghị quyết số 76/NQ-CP")
    assert citation_line({"ref": "khong-co"}) == "(không có mã «khong-co» trong thư viện)"
    assert citation_line({"kind": "Quyết định"}).startswith("(căn cứ chưa đủ")
    assert citation_line({"kind": "Nghị quyết", "number": "57-NQ/TW"}).startswith("Thực hiện Nghị quyết số 57-NQ/TW")
