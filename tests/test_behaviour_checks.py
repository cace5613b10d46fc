"""The checker on the closing block (recipients, "Lưu:", signer), rule by rule: each finding
on the exact line it is about, for a xã, a phường and a đặc khu, and drafter's own closing
block passing every one of them."""
from __future__ import annotations

import pytest

from behaviour import COMMUNE_TYPES
from drafter.reader import read_bytes
from drafter.rules import check_structure
from drafter.rules.samples import DECISION, PLAN
from drafter.rules.structure import read_structure

CLOSING_RULES = {"RECIPIENTS-NONE", "RECIPIENTS-DASH", "RECIPIENTS-SEMICOLON", "RECIPIENTS-ARCHIVE-LAST",
                 "RECIPIENTS-ARCHIVE-VT", "RECIPIENTS-ARCHIVE-UNIT", "RECIPIENTS-AS-ARTICLE", "SIGNER-NAME",
                 "SIGNER-AUTHORITY", "SIGNER-DEGREE", "RECIPIENTS-REPORT"}


def _findings(text: str, ctype: str = "xã") -> list[tuple[str, str]]:
    if ctype != "xã":
        text = text.replace("XÃ AN LẠC", f"{ctype.upper()} AN LẠC").replace("xã An Lạc", f"{ctype} An Lạc")
    doc = read_structure(read_bytes(text.encode("utf-8"), "vi-du.txt"))
    return sorted((f.rule, f.where.excerpt or "") for f in check_structure(doc, only=CLOSING_RULES))


def _plan(old: str, new: str) -> str:
    assert old in PLAN
    return PLAN.replace(old, new)


@pytest.mark.parametrize("ctype", COMMUNE_TYPES)
def test_the_samples_closing_blocks_pass(ctype):
    assert _findings(PLAN, ctype) == []
    assert _findings(DECISION, ctype) == []


@pytest.mark.parametrize("ctype", COMMUNE_TYPES)
def test_a_superior_without_report_mark_is_pointed_at(ctype):
    found = _findings(_plan("- UBND tỉnh Bắc Ninh (b/c);", "- UBND tỉnh Bắc Ninh;\n- Sở Nội vụ để báo cáo;"),
                      ctype)
    assert found == [("RECIPIENTS-REPORT", "- UBND tỉnh Bắc Ninh;")]


@pytest.mark.parametrize("line, rule", [
    ("- Lưu: VT, VHXH", "RECIPIENTS-ARCHIVE-LAST"),
    ("- Lưu: VT, VHXH;", "RECIPIENTS-ARCHIVE-LAST"),
    ("- Lưu: VHXH.", "RECIPIENTS-ARCHIVE-VT"),
    ("- Lưu: VT.", "RECIPIENTS-ARCHIVE-UNIT"),
])
def test_archive_line_faults(line, rule):
    assert _findings(_plan("- Lưu: VT, VHXH.", line)) == [(rule, line)]


@pytest.mark.parametrize("line", ["- Lưu: VT, VHXH.  ", "- Lưu: VT, VHXH. ", "+ Lưu: VT, VHXH."])
def test_archive_line_with_trailing_spaces_or_plus_is_accepted(line):
    assert _findings(_plan("- Lưu: VT, VHXH.", line)) == []


def test_recipient_without_dash_or_semicolon():
    assert _findings(_plan("- Phòng Văn hóa - Xã hội;", "Phòng Văn hóa - Xã hội;")) == [
        ("RECIPIENTS-DASH", "Phòng Văn hóa - Xã hội;")]
    assert _findings(_plan("- Phòng Văn hóa - Xã hội;", "- Phòng Văn hóa - Xã hội")) == [
        ("RECIPIENTS-SEMICOLON", "- Phòng Văn hóa - Xã hội")]


@pytest.mark.parametrize("signer, rule, at", [
    ("TM. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "SIGNER-AUTHORITY", "TM. CHỦ TỊCH"),
    ("KT. ỦY BAN NHÂN DÂN\nPHÓ CHỦ TỊCH", "SIGNER-AUTHORITY", "KT. ỦY BAN NHÂN DÂN"),
    ("KT. CHỦ TỊCH\nCHỦ TỊCH", "SIGNER-AUTHORITY", "KT. CHỦ TỊCH"),
])
def test_signer_authority_faults(signer, rule, at):
    assert _findings(_plan("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", signer)) == [(rule, at)]


@pytest.mark.parametrize("signer", ["TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
                                    "KT. CHỦ TỊCH",
                                    "TM. HỘI ĐỒNG NHÂN DÂN\nCHỦ TỊCH", "  TM. BAN CHỈ ĐẠO\nTRƯỞNG BAN"])
def test_signer_authority_accepted(signer):
    assert _findings(_plan("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", signer)) == []


def test_signer_name_and_degree():
    assert _findings(_plan("Nguyễn Văn An", "ThS. Nguyễn Văn An")) == [("SIGNER-DEGREE", "ThS. Nguyễn Văn An")]


def test_decision_recipient_pointing_at_a_missing_article():
    text = DECISION.replace("- Như Điều 3;", "- Như Điều 4;")
    assert _findings(text) == [("RECIPIENTS-AS-ARTICLE", "- Như Điều 4;")]


@pytest.mark.parametrize("ctype", COMMUNE_TYPES)
@pytest.mark.parametrize("kind", ["ke-hoach", "quyet-dinh"])
def test_drafters_own_closing_block_passes(ctype, kind):
    from behaviour import draft
    from drafter.rules.from_draft import draft_structure

    d = draft(kind=kind, commune={"name": "An Lạc", "type": ctype}, archive="VT, VHXH",
              recipients=[{"text": "UBND tỉnh Bắc Ninh", "report": True}, {"unit": "vp"}],
              signer={"authority": "KT.", "authority_of": "Chủ tịch", "title": "Phó Chủ tịch", "name": "Lê An"},
              sections=[{"title": "Nhiệm vụ", "tasks": [{"text": "Rà soát", "lead": "vp"}]}])
    assert [f.rule for f in check_structure(draft_structure(d), only=CLOSING_RULES)] == []


def test_other_kinds_of_document_need_a_signer_name_too():
    text = _plan("KẾ HOẠCH\n", "BÁO CÁO\n").replace("CHỦ TỊCH\nNguyễn Văn An\n", "CHỦ TỊCH\n")
    assert _findings(text) == [("SIGNER-NAME", "CHỦ TỊCH")]


def test_a_province_or_an_unknown_issuer_is_not_asked_for_report_marks():
    province = _plan("XÃ AN LẠC", "TỈNH BẮC NINH").replace("- UBND tỉnh Bắc Ninh (b/c);", "- Sở Nội vụ;")
    assert _findings(province) == []
    unknown = _plan("ỦY BAN NHÂN DÂN\nXÃ AN LẠC\n", "").replace("- UBND tỉnh Bắc Ninh (b/c);", "- Sở Nội vụ;")
    assert [r for r, _ in _findings(unknown)] == []
