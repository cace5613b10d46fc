"""The parts around the body, rule by rule: the header, the decision and its own fields, the
attached line, the appendix (rows, groups, numbering, alignment). Smallest drafts, exact text;
formatting is read back from one rendered document with tests/ooxml.py."""
from __future__ import annotations

import pytest

from behaviour import APPENDIX_DRAFT, COMMUNE_TYPES, KINDS, ctx, draft, rendered, task
from drafter.outline import BLANK
from ooxml import Package, q, text_of

SIGNER = {"authority": "KT.", "authority_of": "Chủ tịch", "title": "Phó Chủ tịch", "name": "Lê Văn Bình"}


# ----------------------------------------------------------------------------- header

@pytest.mark.parametrize("ctype", COMMUNE_TYPES)
def test_header_issuer_is_the_commune_upper_cased(ctype):
    h = ctx(commune={"name": "An Lạc", "type": ctype}, number="7")["plan"]["hdr"]
    assert h["issuer"] == ["ỦY BAN NHÂN DÂN", f"{ctype.upper()} AN LẠC"]
    assert h["parent"] == ""
    assert h["number"] == "Số: 07/KH-UBND"
    assert h["place_date"] == "An Lạc, ngày 05 tháng 6 năm 2026"


def test_written_issuer_and_parent_are_upper_cased_and_place_overrides_the_name():
    h = ctx(issuer={"parent": "Ủy ban nhân dân tỉnh Bắc Ninh", "lines": ["Ủy ban nhân dân", "xã An Lạc"]},
            place="Bắc Ninh")["plan"]["hdr"]
    assert h["parent"] == "ỦY BAN NHÂN DÂN TỈNH BẮC NINH"
    assert h["issuer"] == ["ỦY BAN NHÂN DÂN", "XÃ AN LẠC"]
    assert h["number"] == f"Số: {BLANK}/KH-UBND"
    assert h["place_date"] == "Bắc Ninh, ngày 05 tháng 6 năm 2026"


def test_plan_issued_by_a_decision_has_no_number_or_date_of_its_own():
    c = ctx(kind="quyet-dinh", number="12", decision={"number": "3"})
    assert c["plan"]["hdr"]["number"] == "" and c["plan"]["hdr"]["place_date"] == ""
    assert c["plan"]["hdr"]["issuer"] == ["ỦY BAN NHÂN DÂN", "XÃ AN LẠC"]
    assert c["decision"]["hdr"]["number"] == "Số: 03/QĐ-UBND"


@pytest.mark.parametrize("kind", KINDS)
def test_rendered_header_lines_are_upper_case(kind):
    pkg = Package(rendered(kind))
    texts = [text_of(p) for p in pkg.paragraphs("IssuingBody")] or [
        text_of(p) for p in pkg.paragraphs() if text_of(p) in ("ỦY BAN NHÂN DÂN", "XÃ AN LẠC")]
    assert "XÃ AN LẠC" in texts and "xã An Lạc" not in [text_of(p) for p in pkg.paragraphs()]
    assert "ỦY BAN NHÂN DÂN TỈNH BẮC NINH" in [text_of(p) for p in pkg.paragraphs()]


# ----------------------------------------------------------------------------- the decision

@pytest.mark.parametrize("ctype", COMMUNE_TYPES)
def test_decision_defaults_name_the_commune(ctype):
    d = ctx(kind="quyet-dinh", commune={"name": "An Lạc", "type": ctype})["decision"]
    full = f"{ctype} An Lạc"
    assert d["subject"] == "Ban hành Kế hoạch cải cách hành chính năm 2026"
    assert d["author"] == f"CHỦ TỊCH ỦY BAN NHÂN DÂN {full.upper()}"
    assert [a["label"] for a in d["articles"]] == ["Điều 1.", "Điều 2.", "Điều 3."]
    assert d["articles"][0]["text"] == "Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính năm 2026."
    assert d["articles"][1]["text"] == "Quyết định này có hiệu lực thi hành kể từ ngày ký."
    assert d["articles"][2]["text"].startswith(f"Chánh Văn phòng HĐND và UBND {full}, ")
    assert d["articles"][2]["text"].endswith("chịu trách nhiệm thi hành Quyết định này./.")
    assert d["hdr"]["issuer"] == ["ỦY BAN NHÂN DÂN", full.upper()]


def test_decision_takes_the_plans_fields_when_it_has_none_of_its_own():
    c = ctx(kind="quyet-dinh", signer=SIGNER, archive="VT, VHXH", date="2026-06-05",
            recipients=[{"text": "Sở Nội vụ", "report": True}, {"unit": "vp"}, {"unit": "kt"}])
    d = c["decision"]
    assert d["signer"] == {"titles": ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "name": "Lê Văn Bình"}
    assert d["hdr"]["place_date"] == "An Lạc, ngày 05 tháng 6 năm 2026"
    # "Như Điều 3" stands for the executing units: they are not listed again
    assert d["recipients"] == ["- Như Điều 3;", "- Sở Nội vụ (b/c);", "- Lưu: VT, VHXH."]


def test_decision_own_signer_date_archive_recipients_win_over_the_plans():
    c = ctx(kind="quyet-dinh", signer=SIGNER, archive="VT, VHXH", date="2026-06-05",
            recipients=[{"unit": "vp"}],
            decision={"number": "9", "date": "2026-06-01", "archive": "VT, VP.",
                      "signer": {"authority": "TM.", "authority_of": "Ủy ban nhân dân", "title": "Chủ tịch",
                                 "name": "Phạm Văn Chủ"},
                      "recipients": [{"text": "Như Điều 3"}, {"text": "Sở Tư pháp", "report": True}]})
    d, p = c["decision"], c["plan"]
    assert d["signer"] == {"titles": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "name": "Phạm Văn Chủ"}
    assert d["hdr"]["place_date"] == "An Lạc, ngày 01 tháng 6 năm 2026"
    assert d["hdr"]["number"] == "Số: 09/QĐ-UBND"
    assert d["recipients"] == ["- Như Điều 3;", "- Sở Tư pháp (b/c);", "- Lưu: VT, VP."]
    # the plan keeps its own
    assert p["signer"]["name"] == "Lê Văn Bình"
    assert p["recipients"] == ["- Văn phòng HĐND và UBND;", "- Lưu: VT, VHXH."]
    assert p["attached"] == ("(Ban hành kèm theo Quyết định số 09/QĐ-UBND ngày 01 tháng 6 năm 2026 "
                             "của Chủ tịch Ủy ban nhân dân xã An Lạc)")


def test_decision_recipients_point_at_its_last_article():
    d = ctx(kind="quyet-dinh", recipients=[{"unit": "vp"}, "Như trên"],
            decision={"articles": ["Ban hành.", "Giao các phòng thi hành./."]})["decision"]
    assert [a["label"] for a in d["articles"]] == ["Điều 1.", "Điều 2."]
    assert d["recipients"] == ["- Như Điều 2;", "- Như trên;", "- Lưu: VT."]


def test_decision_own_subject_author_and_bases_with_proposer():
    d = ctx(kind="quyet-dinh", decision={
        "subject": "Về việc ban hành Kế hoạch", "author": "Chủ tịch UBND xã An Lạc",
        "bases": [{"name": "Luật Tổ chức chính quyền địa phương"}, {"kind": "Nghị quyết", "number": "76/NQ-CP"}],
        "proposer": "Trưởng phòng Văn hóa - Xã hội;"})["decision"]
    assert d["subject"] == "Về việc ban hành Kế hoạch"
    assert d["author"] == "CHỦ TỊCH UBND XÃ AN LẠC"
    assert d["bases"] == ["Căn cứ Luật Tổ chức chính quyền địa phương;", "Căn cứ Nghị quyết số 76/NQ-CP;",
                          "Theo đề nghị của Trưởng phòng Văn hóa - Xã hội."]


def test_decision_bases_without_proposer_end_with_a_full_stop():
    d = ctx(kind="quyet-dinh", decision={"bases": [{"name": "Luật A"}, {"name": "Luật B"}]})["decision"]
    assert d["bases"] == ["Căn cứ Luật A;", "Căn cứ Luật B."]
    assert ctx(kind="quyet-dinh")["decision"]["bases"] == []


def test_a_plan_alone_has_no_decision():
    c = ctx()
    assert c["decision"] == {} and c["show"]["decision"] is False
    assert c["plan"]["attached"] == ""
    assert c["plan"]["hdr"]["number"] == f"Số: {BLANK}/KH-UBND"


def test_parts_shown_follow_the_request():
    d = draft(kind="quyet-dinh", **{k: v for k, v in APPENDIX_DRAFT.items() if k != "issuer"})
    from drafter.context import build_context

    assert build_context(d)["show"] == {"decision": True, "plan": True, "appendices": True}
    assert build_context(d)["kind"] == "quyet-dinh"
    assert build_context(d, ("plan",))["show"] == {"decision": False, "plan": True, "appendices": False}
    assert build_context(draft(), ("appendices",))["show"]["appendices"] is False


# ----------------------------------------------------------------------------- the attached line

@pytest.mark.parametrize("ctype", COMMUNE_TYPES)
def test_appendix_of_a_plan_is_attached_to_the_plan(ctype):
    c = ctx(commune={"name": "Hòa Bình", "type": ctype}, number="5", appendices=[{"title": "Danh mục"}])
    a = c["appendices"][0]
    assert a["attached"] == (f"(Kèm theo Kế hoạch số 05/KH-UBND ngày 05 tháng 6 năm 2026 "
                             f"của Ủy ban nhân dân {ctype} Hòa Bình)")
    assert c["plan"]["attached"] == ""


@pytest.mark.parametrize("ctype", COMMUNE_TYPES)
def test_plan_and_appendix_of_a_decision_are_attached_to_the_decision(ctype):
    c = ctx(kind="quyet-dinh", commune={"name": "Hòa Bình", "type": ctype}, appendices=[{"title": "Danh mục"}])
    line = (f"(Ban hành kèm theo Quyết định số {BLANK}/QĐ-UBND ngày 05 tháng 6 năm 2026 "
            f"của Chủ tịch Ủy ban nhân dân {ctype} Hòa Bình)")
    assert c["plan"]["attached"] == line
    assert c["appendices"][0]["attached"] == line


# ----------------------------------------------------------------------------- appendix

def _rows(kind="ke-hoach", **more) -> list[list[str]]:
    c = ctx(**{**APPENDIX_DRAFT, "kind": kind, **more})
    return [[cell["text"] for cell in r["cells"]] for r in c["appendices"][0]["rows"]]


@pytest.mark.parametrize("kind", KINDS)
def test_appendix_rows_group_by_area_in_roman_tasks_counted_from_one(kind):
    assert _rows(kind) == [
        ["I", "Cải cách thể chế", "", "", "", ""],
        ["1", "Rà soát văn bản", "Văn phòng HĐND và UBND", "Phòng Kinh tế", "Quý I/2026", "Báo cáo"],
        ["2", "Tự kiểm tra", "Phòng Kinh tế", "", "Thường xuyên", "Kế hoạch"],
        ["II", "Cải cách thủ tục", "", "", "", ""],
        ["1", "Công khai thủ tục", "Phòng Văn hóa - Xã hội", "", "30/6/2026", "Danh mục"],
    ]


def test_appendix_flags_groups_and_centres_stt_and_deadline_only():
    rows = ctx(**APPENDIX_DRAFT)["appendices"][0]["rows"]
    assert [all(c["group"] for c in r["cells"]) for r in rows] == [True, False, False, True, False]
    assert [c["center"] for c in rows[0]["cells"]] == [True, False, False, False, False, False]
    assert [c["center"] for c in rows[1]["cells"]] == [True, False, False, False, True, False]


def test_appendix_cells_units_joined_by_semicolons_items_on_new_lines_and_target():
    rows = _rows(sections=[{"title": "A", "tasks": [
        task("Làm", ["vp", "kt"], ["vhxh", "ca"], items=["+ bước 1", "+ bước 2"], target="100%")]}],
        appendices=[{"title": "PL", "columns": [
            {"key": "stt", "header": "STT"}, {"key": "target", "header": "Mục tiêu"},
            {"key": "task", "header": "Nhiệm vụ"}, {"key": "lead", "header": "Chủ trì"},
            {"key": "support", "header": "Phối hợp"}, {"key": "ghi-chu", "header": "Ghi chú"}]}])
    assert rows == [["I", "A", "", "", "", ""],
                    ["1", "100%", "Làm\n+ bước 1\n+ bước 2", "Văn phòng HĐND và UBND; Phòng Kinh tế",
                     "Phòng Văn hóa - Xã hội; Công an xã", ""]]


def test_appendix_areas_are_the_nodes_that_hold_its_tasks_at_any_depth():
    rows = _rows(sections=[
        {"title": "Mở đầu", "tasks": [task("Không vào phụ lục", ["vp"], appendix=False)]},
        {"title": "Nhiệm vụ", "items": [{"title": "Nhóm", "items": [
            {"title": "Sâu", "tasks": [task("t1", ["vp"])]}]}, {"title": "Nông", "tasks": [task("t2", ["kt"])]}]},
    ])
    assert [r[:2] for r in rows] == [["I", "Sâu"], ["1", "t1"], ["II", "Nông"], ["1", "t2"]]


def test_group_title_goes_in_the_first_column_after_stt():
    rows = _rows(appendices=[{"title": "PL", "columns": [
        {"key": "task", "header": "Nhiệm vụ"}, {"key": "stt", "header": "STT"}]}])
    assert rows[0] == ["Cải cách thể chế", "I"]
    rows = _rows(appendices=[{"title": "PL", "columns": [{"key": "stt", "header": "STT"}]}])
    assert rows[0] == ["I"] and rows[1] == ["1"]


@pytest.mark.parametrize("kind", KINDS)
def test_appendix_label_title_columns(kind):
    c = ctx(**{**APPENDIX_DRAFT, "kind": kind})
    a = c["appendices"][0]
    assert a["label"] == "Phụ lục"
    assert a["title"] == "DANH MỤC NHIỆM VỤ NĂM 2026"
    assert [col["number"] for col in a["columns"]] == ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"]
    assert [col["header"] for col in a["columns"]] == ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp",
                                                       "Thời gian hoàn thành", "Sản phẩm"]
    two = ctx(**{**APPENDIX_DRAFT, "kind": kind, "appendices": [{"title": "Một"}, {"title": "Hai"}]})
    assert [x["label"] for x in two["appendices"]] == ["Phụ lục I", "Phụ lục II"]


def test_appendix_of_written_rows_pads_short_rows_and_centres_by_column():
    a = ctx(appendices=[{"title": "PL", "source": "rows", "number_row": False, "columns": [
        {"key": "stt", "header": "STT"}, {"key": "noi-dung", "header": "Nội dung"},
        {"key": "deadline", "header": "Thời hạn"}],
        "rows": [{"cells": ["I", "Nhóm"], "group": True}, {"cells": ["1", "Việc", "Quý II"]}]}])["appendices"][0]
    assert [[c["text"] for c in r["cells"]] for r in a["rows"]] == [["I", "Nhóm", ""], ["1", "Việc", "Quý II"]]
    assert [[c["center"] for c in r["cells"]] for r in a["rows"]] == [[True, False, True], [True, False, True]]
    assert [[c["group"] for c in r["cells"]] for r in a["rows"]] == [[True] * 3, [False] * 3]
    assert a["number_row"] is False


def _table_rows(pkg: Package):
    tbl = next(t for t in pkg.body.iter(q("tbl"))
               if "Rà soát văn bản" in text_of(t))
    return [[c for c in tr.findall(q("tc"))] for tr in tbl.findall(q("tr"))]


def test_rendered_appendix_alignment_and_weight():
    pkg = Package(rendered("ke-hoach"))
    rows = _table_rows(pkg)

    def fmt(tc):
        return pkg.fmt(tc.find(q("p")))

    header, numbers, group, first = rows[0], rows[1], rows[2], rows[3]
    assert [text_of(c) for c in numbers] == ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"]
    assert all(fmt(c).bold for c in header)
    # group row: "I" centred and bold, its title bold and spanning the empty cells after it
    assert [text_of(c) for c in group] == ["I", "Cải cách thể chế"]
    assert fmt(group[0]).align == "center" and fmt(group[0]).bold and fmt(group[1]).bold
    # task row: STT and deadline centred, the others not; nothing bold
    assert [text_of(c) for c in first] == ["1", "Rà soát văn bản", "Văn phòng HĐND và UBND", "Phòng Kinh tế",
                                           "Quý I/2026", "Báo cáo"]
    assert [fmt(c).align == "center" for c in first] == [True, False, False, False, True, False]
    assert all(fmt(c).not_bold for c in first)


HEADER = ["ParentBody", "IssuingBody", "IssuingBody", "RuleLine", "NationalTitle", "Motto", "RuleLine"]
CLOSING = ["RecipientsTitle", "Recipient", "SignerTitle", "SignerTitle", "SignerName", "SectionBreak"]
APPENDIX = ["AppendixLabel", "AppendixTitle", "AppendixAttached", "RuleLine"]


@pytest.mark.parametrize("kind", KINDS)
def test_rendered_parts_in_order_with_a_rule_under_issuer_motto_subject_and_attached_lines(kind):
    pkg = Package(rendered(kind))
    skeleton = [s for s in map(pkg.pstyle, pkg.paragraphs())
                if s not in ("Body", "BodyLast", None) and not s.startswith("Table")]
    decision = (HEADER + ["NumberLine", "PlaceDate", "DocumentKind", "DocumentSubject", "RuleLine", "AuthorLine",
                          "DecideWord", "Article", "Article", "ArticleLast", "RecipientsTitle", "Recipient",
                          "Recipient"] + CLOSING[2:])
    plan_head = (["NumberLine", "PlaceDate", "DocumentKind", "DocumentSubject", "RuleLine"] if kind == "ke-hoach"
                 else ["DocumentKind", "DocumentSubject", "AttachedLine", "RuleLine"])
    plan = HEADER + plan_head + ["PartHeading", "PartHeading", "ItemHeading", "ItemHeading"] + CLOSING
    assert skeleton == (decision if kind == "quyet-dinh" else []) + plan + APPENDIX


def test_a_group_cell_of_spaces_is_empty_so_the_title_spans_it():
    from drafter.fragments import appendix_table
    from lxml import etree

    cols = [{"header": h, "number": f"({i})", "width": None} for i, h in enumerate(["STT", "Nội dung", "Ghi chú"], 1)]
    row = {"cells": [{"text": t, "group": True, "center": i == 0} for i, t in enumerate(["I", "Nhóm", "  "])]}
    xml = f'<w:body xmlns:w="{q("x")[1:-2]}">{appendix_table(cols, [row], False)}</w:body>'
    tbl = etree.fromstring(xml).find(q("tbl"))
    cells = tbl.findall(q("tr"))[-1].findall(q("tc"))
    assert [text_of(c) for c in cells] == ["I", "Nhóm"]
    assert cells[1].find(f"{q('tcPr')}/{q('gridSpan')}").get(q("val")) == "2"


def test_several_addressees_a_centred_block_dashes_under_the_colon():
    from lxml import etree

    from drafter import nd30
    from drafter.fragments import addressees
    from drafter.geometry import TEXT_W, estimate_width

    assert addressees([]) == ""
    one = etree.fromstring(f'<w:body xmlns:w="{q("x")[1:-2]}">{addressees(["Sở Nội vụ"])}</w:body>')
    assert [text_of(p) for p in one.iter(q("p"))] == [f"{nd30.ADDRESSEE_WORD} Sở Nội vụ"]
    xml = addressees(["Sở Nội vụ", "Sở Tư pháp tỉnh Bắc Ninh"])
    paras = list(etree.fromstring(f'<w:body xmlns:w="{q("x")[1:-2]}">{xml}</w:body>').iter(q("p")))
    assert [text_of(p) for p in paras] == [nd30.ADDRESSEE_WORD, "- Sở Nội vụ;", "- Sở Tư pháp tỉnh Bắc Ninh."]
    lefts = [int(p.find(f"{q('pPr')}/{q('ind')}").get(q("left"))) for p in paras]
    style = nd30.REPORT_STYLES["Addressee"]
    width = lambda t: estimate_width(t, style.size_pt, style.bold)  # noqa: E731
    label, widest = width(nd30.ADDRESSEE_WORD), width("- Sở Tư pháp tỉnh Bắc Ninh.")
    assert abs(lefts[0] - (TEXT_W - lefts[0] - label - widest)) <= 1  # as much room left as right
    assert lefts[1] == lefts[2] == lefts[0] + label - width(":")  # the dashes under the colon
