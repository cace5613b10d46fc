"""The plan's body, rule by rule: numbering at every level, citations and the bases sentence,
"Phụ trách thực hiện", the derived duties and the closing mark. Each test builds the smallest
draft that shows its rule and asserts the exact text a signed document would carry."""
from __future__ import annotations

import pytest

from behaviour import body, draft, task
from drafter.model import Citation, PartialDate
from drafter.outline import BLANK, date_words, number_line, number_symbol, plan_blocks
from drafter.citations import bases_sentence, basis_lines, cite, opening, verb
from drafter.numerals import letter, roman


# ----------------------------------------------------------------------------- numbering

def test_sections_are_roman_upper_cased_items_arabic_points_lettered():
    text = body(sections=[
        {"title": "Mục đích, yêu cầu", "items": [
            {"title": "Mục đích", "items": [{"title": "Về thể chế"}, {"title": "Về tổ chức"}]},
            {"title": "Yêu cầu"},
        ]},
        {"title": "Nhiệm vụ"},
    ])
    assert text == ["I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "a) Về thể chế", "b) Về tổ chức", "2. Yêu cầu",
                    "II. NHIỆM VỤ"]


def test_block_styles_follow_the_level():
    blocks = plan_blocks(draft(sections=[{"title": "A", "items": [
        {"title": "B", "items": [{"title": "C"}, "Đoạn", "- gạch", "+ cộng"]}]}]))
    assert [(b.style, b.prefix) for b in blocks] == [
        ("h1", "I."), ("h2", "1."), ("h3", "a)"), ("p", ""), ("dash", ""), ("plus", "")]


def test_decimal_numbering_of_a_nodes_children():
    blocks = plan_blocks(draft(sections=[{"title": "A", "items": [
        {"title": "B"}, {"title": "C", "numbering": "decimal", "items": [{"title": "D"}, {"title": "E"}]}]}]))
    assert [(b.style, b.full) for b in blocks] == [
        ("h1", "I. A"), ("h2", "1. B"), ("h2", "2. C"), ("h3b", "2.1. D"), ("h3b", "2.2. E")]


def test_points_below_points_restart_at_a():
    text = body(sections=[{"title": "A", "items": [{"title": "B", "items": [
        {"title": "C", "items": [{"title": "D"}, {"title": "Đ"}]}]}]}])
    assert text == ["I. A", "1. B", "a) C", "a) D", "b) Đ"]


@pytest.mark.parametrize("where", ["first", "middle", "last"])
def test_an_untitled_section_takes_no_numeral(where):
    untitled = {"items": ["Đoạn không có tiêu đề."]}
    titled = [{"title": "Một"}, {"title": "Hai"}]
    at = {"first": 0, "middle": 1, "last": 2}[where]
    sections = titled[:at] + [untitled] + titled[at:]
    text = body(sections=sections)
    assert [t for t in text if t[0] in "IV"] == ["I. MỘT", "II. HAI"]
    assert "Đoạn không có tiêu đề./." in text or "Đoạn không có tiêu đề." in text


def test_an_unnumbered_title_takes_no_number_at_any_level():
    text = body(sections=[
        {"title": "Một"},
        {"title": "Chen", "numbered": False, "items": [
            {"title": "x", "numbered": False}, {"title": "y"}]},
        {"title": "Hai", "items": [{"title": "p", "numbered": False}, {"title": "q"}]},
    ])
    assert text == ["I. MỘT", "CHEN", "x", "1. y", "II. HAI", "p", "1. q"]
    blocks = plan_blocks(draft(sections=[{"title": "Chen", "numbered": False, "items": [
        {"title": "x", "numbered": False, "items": [{"title": "z", "numbered": False}]}]}]))
    assert [(b.style, b.full) for b in blocks] == [("h1", "CHEN"), ("h2", "x"), ("h3", "z")]


def test_untitled_sub_node_takes_no_number():
    text = body(sections=[{"title": "A", "items": [{"items": ["Giới thiệu."]}, {"title": "B"}, {"title": "C"}]}])
    assert text == ["I. A", "Giới thiệu./.", "1. B", "2. C"]


def test_lettered_node_letters_plain_paragraphs_not_bullets_sharing_the_count():
    blocks = plan_blocks(draft(sections=[{"title": "A", "items": [{"title": "B", "lettered": True, "items": [
        "Thứ nhất", "- gạch", "+ cộng", "Thứ hai", {"title": "Tiểu mục"}, "Thứ tư"]}]}]))
    assert [b.full for b in blocks] == ["I. A", "1. B", "a) Thứ nhất", "- gạch", "+ cộng", "b) Thứ hai",
                                        "c) Tiểu mục", "d) Thứ tư./."]
    assert [b.style for b in blocks] == ["h1", "h2", "p", "dash", "plus", "p", "h3", "p"]


def test_lettered_points_in_a_sub_node():
    text = body(sections=[{"title": "A", "items": [{"title": "B", "lettered": True, "items": ["x", "y"]}]}])
    assert text == ["I. A", "1. B", "a) x", "b) y./."]


def test_vietnamese_alphabet_has_no_f_j_w_z():
    letters = [letter(i) for i in range(1, 25)]
    assert letters[:8] == ["a", "b", "c", "d", "đ", "e", "g", "h"]
    assert not {"f", "j", "w", "z"} & set(letters)
    assert letters[22] == "y" and letters[23] == "aa"
    text = body(sections=[{"title": "A", "items": [{"title": "B", "items": [{"title": str(i)} for i in range(8)]}]}])
    assert [t.split(")")[0] for t in text[2:]] == ["a", "b", "c", "d", "đ", "e", "g", "h"]


@pytest.mark.parametrize("n, numeral", [(1, "I"), (2, "II"), (3, "III"), (4, "IV"), (5, "V"), (6, "VI"),
                                        (9, "IX"), (10, "X"), (14, "XIV"), (19, "XIX"), (40, "XL"),
                                        (49, "XLIX"), (90, "XC"), (100, "C"), (400, "CD"), (500, "D"),
                                        (888, "DCCCLXXXVIII"), (1994, "MCMXCIV"), (2026, "MMXXVI")])
def test_roman_numerals(n, numeral):
    assert roman(n) == numeral


def test_many_sections_count_on():
    text = body(sections=[{"title": f"Phần {i}"} for i in range(1, 12)])
    assert [t.split(".")[0] for t in text] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI"]


# ----------------------------------------------------------------------------- tasks in the body

def test_tasks_follow_items_with_bullet_and_sub_points_and_body_false_hidden():
    blocks = plan_blocks(draft(sections=[{"title": "A", "task_bullet": "-", "items": ["Mở đầu."], "tasks": [
        task("Rà soát", ["vp"], items=["Bước một", "- bước hai"]),
        task("Ẩn khỏi thân", ["vp"], body=False),
        task("Kiểm tra", ["kt"]),
    ]}]))
    assert [(b.style, b.full) for b in blocks] == [
        ("h1", "I. A"), ("p", "Mở đầu."), ("dash", "- Rà soát"), ("plus", "+ Bước một"),
        ("plus", "- bước hai"), ("dash", "- Kiểm tra./.")]


def test_task_with_a_plus_bullet():
    blocks = plan_blocks(draft(sections=[{"title": "A", "task_bullet": "+", "tasks": [task("Rà soát", ["vp"])]}],
                               closing="Hết."))
    assert [(b.style, b.text) for b in blocks] == [("h1", "A"), ("plus", "+ Rà soát."), ("p", "Hết./.")]


def test_task_without_bullet_is_a_plain_paragraph():
    blocks = plan_blocks(draft(sections=[{"title": "A", "tasks": [task("Rà soát", ["vp"])]}], closing="Hết."))
    assert [(b.style, b.text) for b in blocks] == [("h1", "A"), ("p", "Rà soát"), ("p", "Hết./.")]


# ----------------------------------------------------------------------------- closing mark

@pytest.mark.parametrize("closing, shown", [
    ("Đề nghị thực hiện", "Đề nghị thực hiện./."),
    ("Đề nghị thực hiện.", "Đề nghị thực hiện./."),
    ("Đề nghị thực hiện./.", "Đề nghị thực hiện./."),
    ("Đề nghị thực hiện...  ", "Đề nghị thực hiện./."),
])
def test_closing_mark_is_stuck_to_the_last_word_once(closing, shown):
    text = body(sections=[{"title": "A", "items": ["x."]}], closing=closing)
    assert text[-1] == shown
    assert text[-2] == "x."
    assert sum(t.count("/.") for t in text) == 1


def test_closing_mark_goes_on_the_last_paragraph_not_a_heading():
    text = body(sections=[{"title": "A", "items": ["- cuối."]}, {"title": "B"}])
    assert text == ["I. A", "- cuối./.", "II. B"]


def test_closing_mark_on_the_preamble_when_the_body_is_empty():
    assert body(preamble="Mở đầu") == ["Mở đầu./."]


# ----------------------------------------------------------------------------- citations

NQ = {"kind": "Nghị quyết", "number": "76/NQ-CP", "date": "15/7/2021", "issuer": "Chính phủ",
      "subject": "ban hành Chương trình tổng thể cải cách hành chính"}
PARTY = {"kind": "Nghị quyết", "number": "57-NQ/TW", "date": "22/12/2024", "issuer": "Bộ Chính trị",
         "subject": "về đột phá phát triển khoa học"}
LAW = {"name": "Luật Tổ chức chính quyền địa phương", "date": "16/6/2025"}
PLAN = {"kind": "Kế hoạch", "number": "182/KH-UBND", "issuer": "Ủy ban nhân dân tỉnh Bắc Ninh"}


def _c(d: dict) -> Citation:
    return Citation.model_validate(d)


def test_citation_parts_in_order():
    assert cite(_c(NQ)) == ("Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ "
                            "ban hành Chương trình tổng thể cải cách hành chính")
    assert cite(_c(PLAN)) == "Kế hoạch số 182/KH-UBND của Ủy ban nhân dân tỉnh Bắc Ninh"
    assert cite(_c({"kind": "Quyết định", "number": "1/QĐ"})) == "Quyết định số 1/QĐ"
    assert cite(_c(LAW)) == "Luật Tổ chức chính quyền địa phương ngày 16/6/2025"
    assert cite(_c({"name": "Luật Cán bộ", "subject": "sửa đổi"})) == "Luật Cán bộ sửa đổi"
    assert cite(_c({"text": "Văn bản  viết tay", "kind": "Nghị quyết", "number": "9/NQ"})) == "Văn bản  viết tay"


def test_party_documents_are_carried_out_others_are_bases():
    assert verb(_c(PARTY)) == "Thực hiện"
    assert verb(_c({"kind": "Kết luận", "number": "1.2-KL/TW"})) == "Thực hiện"
    assert verb(_c(NQ)) == "Căn cứ"
    assert verb(_c(LAW)) == "Căn cứ"
    assert verb(_c({**NQ, "verb": "Thực hiện"})) == "Thực hiện"


def test_bases_sentence_repeats_the_verb_only_when_it_changes():
    s = bases_sentence([_c(LAW), _c(NQ), _c(PARTY), _c({**PARTY, "number": "18-NQ/TW"}), _c(PLAN)])
    assert s == ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025; "
                 f"{cite(_c(NQ))}; Thực hiện {cite(_c(PARTY))}; {cite(_c({**PARTY, 'number': '18-NQ/TW'}))}; "
                 f"Căn cứ {cite(_c(PLAN))}")


@pytest.mark.parametrize("end", [",", ";"])
def test_plan_opening_joins_bases_and_preamble_with_the_chosen_mark(end):
    assert opening([_c(LAW)], end, "UBND xã ban hành") == [
        f"Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025{end} UBND xã ban hành"]


def test_plan_opening_with_a_full_stop_or_no_preamble_is_two_sentences():
    law = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025."
    assert opening([_c(LAW)], ".", "Mở đầu") == [law, "Mở đầu"]
    assert opening([_c(LAW)], ",", None) == [law]
    assert opening([], ",", "Mở đầu") == ["Mở đầu"]
    assert opening([], ",", None) == []


def test_plan_body_starts_with_its_bases():
    text = body(bases=[LAW, NQ], bases_end=",", preamble="Ủy ban nhân dân xã ban hành Kế hoạch:",
                sections=[{"title": "A", "items": ["x"]}])
    assert text[0] == f"Căn cứ {cite(_c(LAW))}; {cite(_c(NQ))}, Ủy ban nhân dân xã ban hành Kế hoạch:"
    assert text[1:] == ["I. A", "x./."]


def test_decision_bases_one_a_line_ending_with_a_semicolon():
    assert basis_lines([_c(LAW), _c(PARTY)]) == [f"Căn cứ {cite(_c(LAW))};", f"Thực hiện {cite(_c(PARTY))};"]


# ----------------------------------------------------------------------------- numbers and dates

@pytest.mark.parametrize("date, words", [
    ("2026-06-05", "ngày 05 tháng 6 năm 2026"),
    ("2026-01-15", "ngày 15 tháng 01 năm 2026"),
    ("2026-02-09", "ngày 09 tháng 02 năm 2026"),
    ("2026-03-10", "ngày 10 tháng 3 năm 2026"),
    ("2026-12-31", "ngày 31 tháng 12 năm 2026"),
    ("2026-06", f"ngày {BLANK} tháng 6 năm 2026"),
    ("2026", f"ngày {BLANK} tháng {BLANK} năm 2026"),
])
def test_date_in_words_pads_days_under_ten_and_months_one_and_two(date, words):
    assert date_words(PartialDate.model_validate(date)) == words


@pytest.mark.parametrize("number, shown", [("9", "09/KH-UBND"), ("12", "12/KH-UBND"), (" 7 ", "07/KH-UBND"),
                                           ("", f"{BLANK}/KH-UBND"), ("105", "105/KH-UBND")])
def test_number_and_symbol(number, shown):
    assert number_symbol(number, "KH-UBND") == shown
    assert number_line(number, "KH-UBND") == f"Số: {shown}"
