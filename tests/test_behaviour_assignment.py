"""Who leads which task, as main's derivation now says it: one lead per task, the other leads'
tasks named apart, the requested bodies asked («đề nghị») apart and after the assigned units'
duties, duties citing appendix rows as ranges. Smallest drafts; the rule asserted, with exact text
where the wording is the rule."""
from __future__ import annotations

import pytest

from behaviour import UNITS, body, ctx, draft, task
from drafter.model import Task
from drafter.duties import appendix_label, derived_duty, requested_with_duties, responsible_line, row_ranges, task_topic, units_with_duties
from drafter.outline import layout_body

FRONT = {"id": "mttq", "name": "Ủy ban MTTQ Việt Nam xã An Lạc", "short": "MTTQ", "role": "requested"}
WITH_FRONT = UNITS + [FRONT]


@pytest.mark.parametrize("text, topic", [
    ("Triển khai Đề án 06; tổ chức tập huấn", "triển khai Đề án 06"),
    ("Rà soát văn bản (theo Kế hoạch 12).", "rà soát văn bản"),
    ("UBND xã chỉ đạo rà soát", "UBND xã chỉ đạo rà soát"),
    ("Cải cách thủ tục:", "cải cách thủ tục"),
    # A long clause up to its last circumstance that keeps it within twelve words, else its first.
    ("Phát huy vai trò của Tổ công nghệ số cộng đồng trong hỗ trợ người dân tiếp cận, sử dụng nền tảng số tại "
     "tổ dân phố", "phát huy vai trò của Tổ công nghệ số cộng đồng"),
    ("Xử lý hồ sơ công việc trên môi trường mạng theo quy định của Ủy ban nhân dân",
     "xử lý hồ sơ công việc trên môi trường mạng"),
    ("Bảo đảm thực hiện hiệu quả các nội dung phân cấp, phân quyền, ủy quyền cho chính quyền cấp xã",
     "bảo đảm thực hiện hiệu quả các nội dung phân cấp, phân quyền, ủy quyền"),
    ("Xử lý hồ sơ trên môi trường mạng theo quy định", "xử lý hồ sơ trên môi trường mạng theo quy định"),
])
def test_task_topic_is_its_first_clause_inside_a_sentence(text, topic):
    assert task_topic(Task(text=text)) == topic


def _responsible(*tasks, units=WITH_FRONT) -> str:
    d = draft(units=units, sections=[{"title": "A", "tasks": list(tasks), "responsible": "auto"}])
    return responsible_line(d, d.sections[0])


def test_other_leads_tasks_are_named_apart_with_their_supports():
    line = _responsible(task("Việc một", ["vp"]), task("Việc hai", ["vp"]),
                        task("Rà soát A", ["kt"], ["ca"]), task("Kiểm tra B", ["kt"]))
    assert line == ("Phụ trách thực hiện: Văn phòng HĐND và UBND chủ trì; riêng nhiệm vụ rà soát A và nhiệm vụ "
                    "kiểm tra B do Phòng Kinh tế chủ trì, Công an xã phối hợp.")


def test_requested_bodies_are_asked_apart_never_assigned():
    line = _responsible(task("x", ["mttq", "vp"], ["mttq", "kt"]), task("y", ["vp"], ["mttq"]))
    assert line == ("Phụ trách thực hiện: Văn phòng HĐND và UBND chủ trì, phối hợp với Phòng Kinh tế; "
                    "đề nghị Ủy ban MTTQ Việt Nam xã An Lạc phối hợp thực hiện.")


def test_requested_bodies_duties_follow_the_units_duties_as_items_of_their_own():
    text = body(units=WITH_FRONT, sections=[
        {"title": "Nhiệm vụ", "tasks": [task("x", ["vp"], ["mttq"])]},
        {"title": "Tổ chức thực hiện", "items": [{"title": "Trách nhiệm", "generate": "duties"},
                                                  {"title": "Báo cáo"}]},
    ])
    assert text[2:] == [
        "II. TỔ CHỨC THỰC HIỆN", "1. Trách nhiệm", "a) Văn phòng HĐND và UBND",
        "Chủ trì thực hiện các nhiệm vụ tại mục I của Kế hoạch này.",
        "2. Đề nghị Ủy ban MTTQ Việt Nam xã An Lạc",
        "Phối hợp thực hiện các nhiệm vụ tại mục I của Kế hoạch này./.", "3. Báo cáo"]
    d = draft(units=WITH_FRONT, sections=[{"title": "N", "tasks": [task("x", ["vp"], ["mttq"])]}])
    assert [u.id for u in units_with_duties(d)] == ["vp"]
    assert [u.id for u in requested_with_duties(d)] == ["mttq"]


def test_requested_bodies_follow_a_section_level_duties_part_as_sections():
    text = body(units=WITH_FRONT, sections=[
        {"title": "Nhiệm vụ", "tasks": [task("x", ["vp"], ["mttq"])]},
        {"title": "Trách nhiệm", "generate": "duties"}])
    assert text[2:] == ["II. TRÁCH NHIỆM", "1. Văn phòng HĐND và UBND",
                        "Chủ trì thực hiện các nhiệm vụ tại mục I của Kế hoạch này.",
                        "III. ĐỀ NGHỊ ỦY BAN MTTQ VIỆT NAM XÃ AN LẠC",
                        "Phối hợp thực hiện các nhiệm vụ tại mục I của Kế hoạch này./."]


@pytest.mark.parametrize("rows, text", [
    ([(1, 1)], "I.1"),
    ([(1, 1), (1, 2)], "I.1, I.2"),
    ([(1, 3), (1, 1), (1, 2), (3, 5)], "I.1–I.3, III.5"),
    ([(2, 1), (2, 2), (2, 4), (2, 5), (2, 6), (1, 1), (1, 1)], "I.1, II.1, II.2, II.4–II.6"),
])
def test_appendix_rows_as_ranges(rows, text):
    assert row_ranges(rows) == text


APPX = [{"title": "Cải cách thể chế", "tasks": [task("a", ["vp"]), task("b", ["vp"]), task("c", ["kt"], ["vp"]),
                                                task("d", ["vp"], appendix=False)]},
        {"title": "Thủ tục", "tasks": [task("e", ["vp"])]}]


def _duty(unit: str, **more) -> str | None:
    d = draft(sections=APPX + [{"title": "Tổ chức", "generate": "duties"}], **more)
    _, layout = layout_body(d)
    return derived_duty(d, d.unit(unit), layout)


def test_duties_cite_appendix_rows_and_the_body_for_tasks_not_in_it():
    duty = _duty("vp", appendices=[{"title": "PL"}])
    assert duty == ("Chủ trì thực hiện các nhiệm vụ I.1, I.2, II.1 tại Phụ lục, nhiệm vụ d tại mục I; "
                    "phối hợp thực hiện nhiệm vụ I.3 tại Phụ lục kèm theo Kế hoạch này.")
    assert _duty("kt", appendices=[{"title": "PL"}]) == "Chủ trì thực hiện nhiệm vụ I.3 tại Phụ lục kèm theo Kế hoạch này."
    assert _duty("kt") == "Chủ trì thực hiện nhiệm vụ c tại mục I của Kế hoạch này."


def test_the_task_appendix_among_several_is_named_by_its_numeral():
    d = draft(appendices=[{"title": "Số liệu", "source": "rows", "rows": []}, {"title": "Nhiệm vụ"}])
    assert appendix_label(d) == "Phụ lục II"
    assert appendix_label(draft(appendices=[{"title": "Nhiệm vụ"}])) == "Phụ lục"
    duty = _duty("kt", appendices=[{"title": "Số liệu", "source": "rows", "rows": []}, {"title": "Nhiệm vụ"}])
    assert duty == "Chủ trì thực hiện nhiệm vụ I.3 tại Phụ lục II kèm theo Kế hoạch này."


def test_bulleted_tasks_end_with_semicolons_and_the_last_with_a_full_stop():
    text = body(sections=[{"title": "A", "task_bullet": "-", "tasks": [
        task("Một", ["vp"]), task("Hai:", ["vp"]), task("Ba", ["vp"])]}, {"title": "B", "items": ["x"]}])
    assert text[1:4] == ["- Một;", "- Hai:", "- Ba."]


@pytest.mark.parametrize("written", ["Sở Nội vụ", "Sở Nội vụ;", " Sở Nội vụ. "])
def test_a_report_lists_its_kinh_gui_bodies_as_nhu_tren(written):
    c = ctx(kind="bao-cao", report={"period": "Quý I/2026", "to": ["Sở Nội vụ"]},
            recipients=[{"text": written}, {"text": "Sở Tư pháp", "report": True}])
    assert c["plan"]["recipients"] == ["- Như trên;", "- Sở Tư pháp (b/c);", "- Lưu: VT."]


def test_a_report_attaches_its_appendix_to_the_report():
    c = ctx(kind="bao-cao", number="4", report={"period": "Quý I/2026"}, appendices=[{"title": "Số liệu"}])
    assert c["appendices"][0]["attached"].startswith("(Kèm theo Báo cáo số 04/BC-UBND ngày 05 tháng 6 năm 2026")


def test_an_untitled_area_gets_its_numeral_and_an_empty_title():
    c = ctx(sections=[{"items": [{"tasks": [task("a", ["vp"])]}]}], appendices=[{"title": "PL"}])
    rows = [[cell["text"] for cell in r["cells"]] for r in c["appendices"][0]["rows"]]
    assert rows[0] == ["I", "", "", "", "", ""]
    assert rows[1][:3] == ["1", "a", "Văn phòng HĐND và UBND"]


def test_a_second_lead_of_a_task_supports_it():
    d = draft(sections=[{"title": "A", "tasks": [task("a", ["vp", "kt"])]}])
    _, layout = layout_body(d)
    assert derived_duty(d, d.unit("vp"), layout) == "Chủ trì thực hiện các nhiệm vụ tại mục I của Kế hoạch này."
    assert derived_duty(d, d.unit("kt"), layout) == "Phối hợp thực hiện các nhiệm vụ tại mục I của Kế hoạch này."


def test_a_requested_sections_own_duties_are_its_items():
    front = {**FRONT, "duties": [{"title": "Giám sát"}, "Tuyên truyền."]}
    text = body(units=UNITS + [front], derive_duties=False, sections=[{"title": "Trách nhiệm", "generate": "duties"}])
    assert text == ["I. TRÁCH NHIỆM", "II. ĐỀ NGHỊ ỦY BAN MTTQ VIỆT NAM XÃ AN LẠC", "1. Giám sát", "Tuyên truyền./."]


@pytest.mark.parametrize("ctype", ["xã", "phường", "đặc khu"])
def test_the_body_prints_a_tasks_summary_and_the_appendix_its_full_text(ctype):
    full = "Triển khai Đề án 06; làm sạch dữ liệu dân cư phục vụ giải quyết thủ tục hành chính"
    fields = dict(commune={"name": "An Lạc", "type": ctype}, appendices=[{"title": "Nhiệm vụ"}], sections=[
        {"title": "Chuyển đổi số", "task_bullet": "-", "responsible": "auto", "tasks": [
            task("Số hóa hồ sơ", ["vp"]),
            task(full, ["ca"], summary="Triển khai Đề án 06, khai thác dữ liệu dân cư"),
        ]}])
    text = body(**fields)
    assert "- Triển khai Đề án 06, khai thác dữ liệu dân cư." in text
    assert not [t for t in text if "làm sạch" in t]
    assert text[text.index("- Triển khai Đề án 06, khai thác dữ liệu dân cư.") + 1] == (
        "Phụ trách thực hiện: Văn phòng HĐND và UBND chủ trì; riêng nhiệm vụ triển khai Đề án 06, khai thác dữ "
        "liệu dân cư do Công an xã chủ trì./.")
    cells = [c["text"] for r in ctx(**fields)["appendices"][0]["rows"] for c in r["cells"]]
    assert full in cells and "Triển khai Đề án 06, khai thác dữ liệu dân cư" not in cells
