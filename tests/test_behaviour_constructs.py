"""Real-plan constructs, rule by rule (bullets, lettered points, a heading with its text, the proposer,
the TM./KT. signer): the exact text a signed document carries. Written for the mutation check's
survivors in these rules."""
from __future__ import annotations

import pytest

from behaviour import body, draft, task
from drafter.context import build_context, signer_lines
from drafter.outline import plan_blocks
from test_constructs import runs

BASIS = {"kind": "Luật", "number": "76/2025/QH15", "date": "18/6/2025", "issuer": "Quốc hội",
         "subject": "Tổ chức chính quyền địa phương"}
PREAMBLE = "Ủy ban nhân dân xã ban hành Kế hoạch thực hiện như sau:"


def test_lettered_tasks_are_a_b_c_in_order():
    text = body(sections=[{"title": "Nhiệm vụ", "lettered": True, "tasks": [
        task("Việc một", ["vp"]), task("Việc hai", ["vp"]), task("Việc ba", ["vp"])]}])
    assert text[1:] == ["a) Việc một", "b) Việc hai", "c) Việc ba./."]


@pytest.mark.parametrize("typed, shown", [
    ("- Việc đã có gạch đầu dòng", "- Việc đã có gạch đầu dòng"),  # pasted with its bullet: one bullet
    ("-20% chi phí giấy tờ", "- -20% chi phí giấy tờ"),  # a minus sign is text, not a bullet
])
def test_a_task_bullet_is_printed_once(typed, shown):
    text = body(sections=[{"title": "Nhiệm vụ", "task_bullet": "-", "tasks": [task(typed, ["vp"]), task("Việc cuối", ["vp"])]}])
    assert text[1] == shown + ";"


@pytest.mark.parametrize("title, first", [("Tổ chức", "I. TỔ CHỨC:"), ("Kinh phí:", "I. KINH PHÍ:"),
                                          ("Kinh phí.", "I. KINH PHÍ.")])
def test_a_heading_with_its_text_on_one_line(title, first):
    blocks = plan_blocks(draft(sections=[{"title": title, "text": "Các phòng thực hiện."}]))
    head, rest = blocks[0].spans[0], blocks[0].spans[1]
    assert (head.text, head.bold) == (first, True)  # the numbered title bold, at every heading level
    assert rest.text.startswith(" Các phòng thực hiện") and not rest.bold


def test_a_second_level_heading_with_its_text():
    blocks = plan_blocks(draft(sections=[{"title": "Tổ chức", "items": [{"title": "Phòng Kinh tế", "text": "Chủ trì."}]}]))
    spans = blocks[1].spans
    assert (spans[0].text, spans[0].bold) == ("1. Phòng Kinh tế:", True) and spans[1].text.startswith(" Chủ trì")


@pytest.mark.parametrize("proposer", ["Phòng Văn hóa - Xã hội", "Phòng Văn hóa - Xã hội.",
                                      "Theo đề nghị của Phòng Văn hóa - Xã hội;"])
@pytest.mark.parametrize("layout, end, joined", [("sentence", ",", "; "), ("sentence", ";", "; "),
                                                 ("sentence", ".", None), ("lines", ",", None)])
def test_the_proposer_follows_the_bases_with_a_capital(proposer, layout, end, joined):
    text = body(bases=[BASIS], proposer=proposer, preamble=PREAMBLE, bases_layout=layout, bases_end=end,
                sections=[{"title": "Mục đích", "items": ["Nâng cao chất lượng."]}])
    basis = "Căn cứ Luật số 76/2025/QH15 ngày 18/6/2025 của Quốc hội Tổ chức chính quyền địa phương"
    lead = f"Theo đề nghị của Phòng Văn hóa - Xã hội, {PREAMBLE}"
    if joined:  # one sentence, never "..., Theo đề nghị"
        assert text[0] == basis + joined + lead
    else:
        assert text[:2] == [basis + ("." if layout == "sentence" else ";"), lead]


@pytest.mark.parametrize("on_behalf", ["Ủy ban nhân dân", "TM. Ủy ban nhân dân", "  TM. ỦY BAN NHÂN DÂN "])
def test_on_behalf_above_a_deputy(on_behalf):
    signer = draft(signer={"name": "Lê Văn A", "authority": "KT.", "authority_of": "Chủ tịch",
                           "title": "Phó Chủ tịch", "on_behalf": on_behalf}).signer
    assert signer_lines(signer)["titles"] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_a_decisions_proposer_ends_with_one_full_stop():
    ctx_ = build_context(draft(kind="quyet-dinh", decision={"proposer": "Phòng Văn hóa - Xã hội. ", "bases": [BASIS]}))
    lines = [line for line in ctx_["decision"]["bases"] if "đề nghị" in line]
    assert lines == ["Theo đề nghị của Phòng Văn hóa - Xã hội."]


@pytest.mark.parametrize("written", ["Kèm theo Kế hoạch số 12/KH-UBND.", "(Kèm theo Kế hoạch số 12/KH-UBND)"])
def test_an_appendix_attached_line_as_written_is_in_brackets_without_a_full_stop(written):
    appendix = {"title": "Danh mục", "attached": written, "columns": [{"key": "a", "header": "Việc"}],
                "rows": [{"cells": ["Một"]}]}
    ctx_ = build_context(draft(appendices=[appendix]))
    assert ctx_["appendices"][0]["attached"] == "(Kèm theo Kế hoạch số 12/KH-UBND)"


def test_a_numbered_paragraph_with_emphasis_keeps_its_number_and_its_looks_in_word():
    from ooxml import Package

    from drafter.render import render_draft
    pkg = Package(render_draft(draft(sections=[{"title": "Quan điểm", "numbered_items": True, "items": [
        "Phát triển <b>kinh tế số</b> là định hướng.", "Đoạn hai."]}])))
    p = next(p for p in pkg.paragraphs() if pkg.fmt(p).text.startswith("1. "))
    assert runs(pkg, p) == [("1. Phát triển ", False, False), ("kinh tế số", True, False),
                            (" là định hướng.", False, False)]


def test_a_numbered_heading_with_emphasis_keeps_its_number_in_word():
    from ooxml import Package

    from drafter.render import render_draft
    pkg = Package(render_draft(draft(sections=[{"title": "Nhiệm vụ", "items": [
        {"title": "Cải cách <i>thể chế</i>", "items": ["Rà soát văn bản."]}]}])))
    p = next(p for p in pkg.paragraphs() if pkg.fmt(p).text.startswith("1. "))
    assert runs(pkg, p) == [("1. Cải cách ", True, False), ("thể chế", True, True)]


def test_the_closing_mark_takes_the_look_of_the_sentence_end_not_of_the_emphasis_before_it():
    """«… <i>nghiêng</i>.»: the full stop is plain, so «./.» is plain, even after an italic word."""
    last = plan_blocks(draft(sections=[{"title": "Tổ chức", "items": [
        "Văn bản <b>đậm</b> và <i>nghiêng</i>."]}]))[-1]
    assert last.full.endswith("nghiêng./.")
    end = [s for s in last.spans if s.text]
    assert (end[-1].text, end[-1].italic, end[-1].bold) == ("./.", False, False)
    assert (end[-2].text, end[-2].italic) == ("nghiêng", True)


def test_bases_one_a_line_with_nothing_after_them_end_with_a_full_stop():
    """No proposer, no opening sentence: the last basis closes the sentence with «.», the others «;»."""
    text = body(bases=[BASIS, {**BASIS, "number": "77/2025/QH15"}], bases_layout="lines", preamble="",
                sections=[{"title": "Mục đích", "items": ["Nâng cao chất lượng."]}])
    assert text[0].endswith("địa phương;") and text[1].endswith("địa phương.")
    assert text[1].startswith("Căn cứ Luật số 77/2025/QH15")
