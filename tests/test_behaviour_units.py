"""Who does what, as a signed plan says it: "Phụ trách thực hiện", the duties derived from the
assignment, the recipients and "Lưu:", the signer's lines. Smallest drafts, exact text."""
from __future__ import annotations

import pytest

from behaviour import COMMUNE_TYPES, KINDS, body, ctx, draft, task
from drafter.context import recipient_lines, signer_lines
from drafter.model import Recipient, Signer
from drafter.duties import derived_duty, responsible_line, units_with_duties
from drafter.outline import layout_body


# ----------------------------------------------------------------------------- "Phụ trách thực hiện"

def _responsible(*tasks, responsible="auto") -> str:
    d = draft(sections=[{"title": "A", "tasks": list(tasks), "responsible": responsible}])
    return responsible_line(d, d.sections[0])


def _clauses(line: str) -> list[str]:
    return line.removeprefix("Phụ trách thực hiện: ").removesuffix(".").split("; ")


def test_responsible_line_one_lead_with_its_supports_in_order_without_repeats():
    assert _responsible(task("x", ["vp"], ["kt", "vhxh"]), task("y", ["vp"], ["ca", "vhxh"])) == (
        "Phụ trách thực hiện: Văn phòng HĐND và UBND chủ trì, "
        "phối hợp với Phòng Kinh tế, Phòng Văn hóa - Xã hội, Công an xã.")


def test_a_lead_unit_is_never_also_listed_as_support_of_its_own_tasks():
    assert _responsible(task("x", ["vp"], ["vp", "kt"])) == (
        "Phụ trách thực hiện: Văn phòng HĐND và UBND chủ trì, phối hợp với Phòng Kinh tế.")


@pytest.mark.parametrize("order", [1, -1])
def test_the_unit_leading_most_tasks_leads_the_part_others_are_named_apart(order):
    tasks = [task("x", ["vp"], ["kt"]), task("x2", ["vp"]), task("y", ["kt"], ["vp", "kt"])][::order]
    clauses = _clauses(_responsible(*tasks))
    assert clauses[0] == "Văn phòng HĐND và UBND chủ trì, phối hợp với Phòng Kinh tế"
    assert len(clauses) == 2 and "Phòng Kinh tế chủ trì" in clauses[1]
    # the lead of the second clause is not among its own supporters
    assert "Phòng Kinh tế" not in clauses[1].split("chủ trì", 1)[1]


def test_responsible_line_without_a_lead():
    assert _responsible(task("x", [], ["kt"])) == "Phụ trách thực hiện: Các cơ quan, đơn vị."
    assert _responsible(task("x")) == "Phụ trách thực hiện: Các cơ quan, đơn vị."


def test_written_responsible_line_is_kept_as_written():
    assert _responsible(task("x", ["vp"]), responsible="Phụ trách thực hiện: Công an xã.") == (
        "Phụ trách thực hiện: Công an xã.")


def test_responsible_line_closes_its_node_after_the_tasks():
    text = body(sections=[
        {"title": "A", "items": [{"title": "B", "items": ["Mở"], "tasks": [task("x", ["vp"])],
                                  "responsible": "auto"}, {"title": "C"}]}])
    assert text == ["I. A", "1. B", "Mở", "x", "Phụ trách thực hiện: Văn phòng HĐND và UBND chủ trì./.", "2. C"]


# ----------------------------------------------------------------------------- derived duties

SECTIONS = [
    {"title": "Mục đích"},
    {"title": "Nhiệm vụ", "items": [
        {"title": "Thể chế", "tasks": [task("x", ["vp"], ["kt"]), task("x2", ["kt"])]},
        {"title": "Thủ tục", "tasks": [task("y", ["kt"], ["vp"])]},
        {"title": "Tổ chức", "items": [{"title": "Bộ máy", "tasks": [task("z", ["vhxh"], ["vp", "kt"])]}]},
    ]},
    {"title": "Tổ chức thực hiện", "generate": "duties"},
]


def _duties() -> dict[str, str | None]:
    d = draft(sections=SECTIONS)
    _, layout = layout_body(d)
    return {u.id: derived_duty(d, u, layout) for u in d.units}


def test_derived_duty_cites_the_numbers_of_led_and_supported_items():
    duties = _duties()
    assert duties["vhxh"] == "Chủ trì thực hiện các nhiệm vụ tại mục II.3.a của Kế hoạch này."
    assert duties["vp"].startswith("Chủ trì thực hiện nhiệm vụ ") and " tại mục II.1; " in duties["vp"]
    assert duties["vp"].endswith("; phối hợp thực hiện các nhiệm vụ tại mục II.2, II.3.a của Kế hoạch này.")
    assert duties["ca"] is None


def test_derived_duty_never_cites_a_task_both_led_and_supported():
    # kt supports x and leads x2 in II.1, leads all of II.2, supports II.3.a
    led, supported = _duties()["kt"].split("; phối hợp thực hiện ")
    assert "II.2" in led and "II.2" not in supported
    assert "II.3.a" in supported and "II.3.a" not in led


def test_derived_duty_of_a_unit_that_only_supports():
    d = draft(sections=[{"title": "A", "tasks": [task("x", ["vp"], ["ca"])]}])
    _, layout = layout_body(d)
    assert derived_duty(d, d.unit("ca"), layout) == "Phối hợp thực hiện các nhiệm vụ tại mục I của Kế hoạch này."


def test_duties_part_lists_units_with_tasks_or_own_duties_numbered_under_its_node():
    units = [{**u, "duties": ["Tổng hợp, báo cáo."]} if u["id"] == "vhxh" else u for u in
             [{"id": "vp", "name": "Văn phòng HĐND và UBND"}, {"id": "vhxh", "name": "Phòng Văn hóa - Xã hội"},
              {"id": "ca", "name": "Công an xã", "duties_title": "Đề nghị Công an xã"},
              {"id": "kt", "name": "Phòng Kinh tế"}]]
    text = body(units=units, sections=[
        {"title": "Nhiệm vụ", "tasks": [task("x", ["vp"], ["ca"])]},
        {"title": "Tổ chức thực hiện", "items": [{"title": "Trách nhiệm", "generate": "duties"}]},
    ])
    assert text == [
        "I. NHIỆM VỤ", "x", "II. TỔ CHỨC THỰC HIỆN", "1. Trách nhiệm",
        "a) Văn phòng HĐND và UBND", "Chủ trì thực hiện các nhiệm vụ tại mục I của Kế hoạch này.",
        "b) Phòng Văn hóa - Xã hội", "Tổng hợp, báo cáo.",
        "c) Đề nghị Công an xã", "Phối hợp thực hiện các nhiệm vụ tại mục I của Kế hoạch này./.",
    ]


def test_duties_at_section_level_are_arabic_items():
    text = body(sections=[{"title": "Nhiệm vụ", "tasks": [task("x", ["kt"])]},
                          {"title": "Tổ chức thực hiện", "generate": "duties"}])
    assert text[2:] == ["II. TỔ CHỨC THỰC HIỆN", "1. Phòng Kinh tế",
                        "Chủ trì thực hiện các nhiệm vụ tại mục I của Kế hoạch này./."]


def test_without_derived_duties_only_units_with_own_text_get_a_part():
    units = [{"id": "vp", "name": "Văn phòng"}, {"id": "kt", "name": "Phòng Kinh tế", "duties": ["Theo dõi."]}]
    d = draft(units=units, derive_duties=False, sections=[
        {"title": "Nhiệm vụ", "tasks": [task("x", ["vp"])]}, {"title": "Tổ chức", "generate": "duties"}])
    assert [u.id for u in units_with_duties(d)] == ["kt"]
    assert [b.full for b in layout_body(d)[0]][2:] == ["II. TỔ CHỨC", "1. Phòng Kinh tế", "Theo dõi."]


def test_a_units_own_duties_are_numbered_below_its_heading():
    units = [{"id": "kt", "name": "Phòng Kinh tế", "duties": [{"title": "Tham mưu"}, {"title": "Báo cáo"}]}]
    text = body(units=units, derive_duties=False, sections=[{"title": "Tổ chức", "generate": "duties"}])
    assert text == ["I. TỔ CHỨC", "1. Phòng Kinh tế", "a) Tham mưu", "b) Báo cáo"]


# ----------------------------------------------------------------------------- recipients and "Lưu:"

def _lines(recipients, archive="VT, VHXH") -> list[str]:
    d = draft(recipients=recipients)
    return recipient_lines(d, d.recipients, archive)


def test_recipients_one_a_line_report_marked_archive_last():
    assert _lines([{"text": "Sở Nội vụ", "report": True}, {"unit": "vp"}, "Như trên"]) == [
        "- Sở Nội vụ (b/c);", "- Văn phòng HĐND và UBND;", "- Như trên;", "- Lưu: VT, VHXH."]


@pytest.mark.parametrize("archive", ["VT, VHXH", "VT, VHXH.", " VT, VHXH.. "])
def test_archive_line_ends_with_one_full_stop(archive):
    assert _lines([], archive) == ["- Lưu: VT, VHXH."]


@pytest.mark.parametrize("written", ["Sở Nội vụ (b/c)", "- Sở Nội vụ (b/c);", "Sở Nội vụ (b/c)."])
def test_report_mark_is_never_doubled_and_written_punctuation_is_not_repeated(written):
    assert _lines([{"text": written, "report": True}])[0] == "- Sở Nội vụ (b/c);"
    assert _lines([{"text": written}])[0] == "- Sở Nội vụ (b/c);"


def test_recipient_written_with_its_dash_and_semicolon_is_not_doubled():
    assert _lines(["- Như trên;", "Các phòng."])[:2] == ["- Như trên;", "- Các phòng;"]


@pytest.mark.parametrize("kind", KINDS)
def test_plan_recipients_and_archive(kind):
    c = ctx(kind=kind, recipients=[{"unit": "kt"}], archive="VT, KT.")
    assert c["plan"]["recipients"] == ["- Phòng Kinh tế;", "- Lưu: VT, KT."]


# ----------------------------------------------------------------------------- signer

@pytest.mark.parametrize("signer, titles", [
    ({}, ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    ({"authority": "KT.", "authority_of": "Chủ tịch", "title": "Phó Chủ tịch"}, ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    ({"authority": "", "title": "Chủ tịch"}, ["CHỦ TỊCH"]),
    ({"authority": "Q.", "authority_of": "Chủ tịch", "title": "Phó Chủ tịch"}, ["Q. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
])
def test_signer_lines_upper_cased_authority_first(signer, titles):
    lines = signer_lines(Signer.model_validate({**signer, "name": "Nguyễn Văn An"}))
    assert lines == {"titles": titles, "name": "Nguyễn Văn An"}


@pytest.mark.parametrize("kind", KINDS)
def test_plan_signer_is_the_drafts(kind):
    c = ctx(kind=kind, signer={"authority": "KT.", "authority_of": "Chủ tịch", "title": "Phó Chủ tịch",
                               "name": "Trần Bình"})
    assert c["plan"]["signer"] == {"titles": ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "name": "Trần Bình"}


# ----------------------------------------------------------------------------- recipients of each unit with a task

@pytest.mark.parametrize("ctype", COMMUNE_TYPES)
def test_derived_draft_sends_the_plan_to_every_unit_with_a_task(ctype):
    from drafter.derive import derive_model
    from drafter.presets import load_preset

    d = derive_model(load_preset("bac-ninh-cchc-2026"), {"name": "An Lạc", "type": ctype})
    named = {r.unit for r in d.recipients if r.unit}
    involved = {u for n in d.sections for t in _tasks(n) for u in t.lead + t.support}
    assert involved and involved <= named | {u.id for u in d.units if not u.receives}
    lines = recipient_lines(d, d.recipients, d.archive)
    assert lines[-1].startswith("- Lưu: VT") and lines[-1].endswith(".") and not lines[-1].endswith("..")
    assert f"- TT Đảng ủy, TT HĐND {ctype} An Lạc (b/c);" in lines


def _tasks(node):
    yield from node.tasks
    for i in node.items:
        if not isinstance(i, str):
            yield from _tasks(i)
