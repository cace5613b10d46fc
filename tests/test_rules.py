"""drafter check's rules: each one's examples, the office fixtures' real defects, drafter's own output, config."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from drafter.derive import derive_model
from drafter.errors import Severity
from drafter.model import Commune
from drafter.presets import list_presets, load_preset
from drafter.reader import read_bytes
from drafter.render import render_draft
from drafter.rules import all_rules, check_read, check_structure
from drafter.rules.config import parse_config
from drafter.rules.examples import document_of, run_example
from drafter.rules.from_draft import draft_structure

sys.path.insert(0, str(Path(__file__).parent))
import office_docs as od  # noqa: E402

RULES = all_rules()
CASES = [(r.id, kind, i) for r in RULES.values() for i, (kind, _) in enumerate(r.examples())]


def test_at_least_sixty_rules_each_with_its_metadata():
    assert len(RULES) >= 60
    for r in RULES.values():
        assert r.summary and r.clause and r.severity in Severity
        assert r.clause == "practice" or r.clause.startswith("decree"), r.id


@pytest.mark.parametrize("rule_id, kind, index", CASES, ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in CASES])
def test_each_rule_triggers_on_its_example_and_passes_the_other(rule_id, kind, index):
    rule = RULES[rule_id]
    example = rule.examples()[index][1]
    found = [f for f in run_example(rule, example) if f.rule == rule_id]
    if kind == "trigger":
        assert found, f"{rule_id}: its triggering example finds nothing"
        assert all(f.message and f.fix for f in found)
    else:
        assert not found, f"{rule_id}: its passing example is reported: {[f.text for f in found]}"


# The shared examples as offices type them: every real defect, by rule and the words of the paragraph it is on.
# ND30-RULE-MISSING under the subject: the fixtures draw no rule there. The auto variants add Word's own
# letter numbering (NUM-LETTER-WORD-AUTO, and NUM-LETTER-ALPHABET where it shows f) or j)).
EXPECTED_ERRORS = {
    "an-lac": {("NUM-ROMAN-SEQUENCE", "IV. TỔ CHỨC THỰC HIỆN")},
    "vo-cuong": set(),
    "loc-hoa": {("CITE-DOUBLE-SLASH", "Căn cứ Chỉ thị số 23//CT-TTg"), ("HEADER-MOTTO-TEXT", "Độc lập – Tự do"),
                ("CITE-DATE-LIBRARY", "- + Duy trì Hệ thống quản lý"), ("NUM-LETTER-ALPHABET", "f) Chủ trì")},
    "bac-ninh": set(),
    "dong-nai": set(),
    "dong-thap": {("CITE-DATE-LIBRARY", "Thực hiện Kế hoạch số 283/KH-UBND")},
}
TYPED_ERRORS = {  # letters skipped in the typed text (Word's automatic numbering cannot skip)
    "loc-hoa": {("NUM-LETTER-SEQUENCE", "e) Chủ trì, phối hợp với các cơ")},
    "bac-ninh": {("NUM-LETTER-SEQUENCE", "g) Đào tạo nhân lực kinh tế số")},
    "dong-nai": {("NUM-LETTER-SEQUENCE", "k) Tổ chức triển khai đào tạo"), ("NUM-LETTER-ALPHABET", "f) Chủ trì")},
}
EXPECTED_WARNINGS = {
    "an-lac": {("DATE-PADDING", "An Lạc, ngày tháng 06"), ("SECTION-OFF-TOPIC", "IV. TỔ CHỨC THỰC HIỆN"),
               ("UNIT-NAME-VARIANT", "Định kỳ tổng hợp, báo cáo")},
    "loc-hoa": {("BASES-END", "Theo đề nghị của Công chức"), ("APPENDIX-REPEATS-HEADER", "ỦY BAN NHÂN DÂN"),
                ("TEXT-DOUBLED-WORD", "- Giảm chi trực tiếp"), ("ND30-BASIS-FORMAT", "Căn cứ Luật Tổ chức")},
    "dong-nai": {("CITE-DATE-MISSING", "Căn cứ Quyết định số 411"),
                 ("TEXT-DOUBLED-WORD", "Căn cứ Căn cứ")},
    "bac-ninh": {("CITE-SYMBOL-SPACE", "c) Tiếp tục nghiên cứu")},
}


def _found(findings, severity):
    return {(f.rule, f.where.excerpt or "") for f in findings if f.severity is severity}


def _matches(expected: set, found: set) -> set:
    """Expected (rule, first words) pairs not found."""
    return {(rule, words) for rule, words in expected
            if not any(r == rule and e.startswith(words[:25]) for r, e in found)}


@pytest.mark.parametrize("variant", ["typed", "auto"])
@pytest.mark.parametrize("name", od.NAMES)
def test_office_fixtures_real_defects_and_no_false_errors(name, variant):
    data = od.build_docx(name, **od.VARIANTS[variant])
    _, findings = check_read(read_bytes(data, f"{name}.docx"))
    errors = _found(findings, Severity.ERROR)
    expected = set(EXPECTED_ERRORS[name]) | (TYPED_ERRORS.get(name, set()) if variant == "typed" else set())
    assert not _matches(expected, errors), f"missing: {_matches(expected, errors)}"
    extra = {(r, e) for r, e in errors if not any(r == x and e.startswith(w[:25]) for x, w in expected)}
    if variant == "auto":  # Word's lowerLetter shows f) and j): each is its own, real, error
        extra = {(r, e) for r, e in extra if r != "NUM-LETTER-ALPHABET"}
    assert not extra, f"false errors: {extra}"
    assert not _matches(EXPECTED_WARNINGS.get(name, set()), _found(findings, Severity.WARNING))


@pytest.mark.parametrize("name", ["an-lac-2026", "vo-cuong-2026", "loc-hoa-2025", "dong-thap-617-2025", "bac-ninh-144-2025", "dong-nai-179-2025"])
def test_drafter_examples_render_without_errors(name):
    from drafter.loader import load_draft
    from drafter.resources import presets_dir

    draft = load_draft(presets_dir() / "examples" / f"{name}.yaml").draft
    _, findings = check_read(read_bytes(render_draft(draft), f"{name}.docx"))
    assert [f.text for f in findings if f.severity is Severity.ERROR] == []
    assert [f.text for f in check_structure(draft_structure(draft)) if f.severity is Severity.ERROR] == []


@pytest.mark.parametrize("info", list_presets(), ids=lambda i: i.name)
@pytest.mark.parametrize("kind", ["xã", "phường", "đặc khu"])
def test_every_preset_renders_a_document_without_errors_or_warnings(info, kind):
    draft = derive_model(load_preset(info.name), Commune(name="Tân Hội", type=kind), {"signer_name": "Nguyễn Văn An"})
    _, findings = check_read(read_bytes(render_draft(draft), "ke-hoach.docx"))
    assert [f.text for f in findings if f.severity is not Severity.HINT] == []


def test_a_project_switches_a_rule_off_and_changes_a_severity(tmp_path):
    path = tmp_path / "drafter.toml"
    path.write_text('[rules]\nDATE-PADDING = "off"\nNUM-ROMAN-SEQUENCE = "gợi ý"\n', encoding="utf-8")
    config = parse_config(path.read_text(encoding="utf-8"), path)
    doc = document_of(RULES["DATE-PADDING"].trigger)
    assert any(f.rule == "DATE-PADDING" for f in check_structure(doc))
    assert not any(f.rule == "DATE-PADDING" for f in check_structure(doc, config))
    roman = check_structure(document_of(RULES["NUM-ROMAN-SEQUENCE"].trigger), config)
    assert [f.severity for f in roman if f.rule == "NUM-ROMAN-SEQUENCE"] == [Severity.HINT]


def test_pyproject_tool_table_and_bad_settings_are_located_errors(tmp_path):
    from drafter.errors import DraftError

    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\n[tool.drafter.rules]\nABBREV-UNDEFINED = "tắt"\n', encoding="utf-8")
    assert "ABBREV-UNDEFINED" in parse_config(path.read_text(encoding="utf-8"), path).off
    bad = tmp_path / "drafter.toml"
    bad.write_text('[rules]\nKHONG-CO = "off"\n', encoding="utf-8")
    with pytest.raises(DraftError) as exc:
        parse_config(bad.read_text(encoding="utf-8"), bad)
    assert exc.value.problems[0].line == 2 and "không có quy tắc" in exc.value.problems[0].message
