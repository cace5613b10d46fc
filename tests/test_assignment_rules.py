"""Assignment as the body states it (one lead per task, duties by appendix row, the Front asked apart) and the
rules that flag a draft or a document that gets it wrong, each with a case that triggers and one that does not."""
from __future__ import annotations

import pytest

from drafter import bases
from drafter.loader import validate_plain
from drafter.model import Citation
from drafter.outline import layout_body, plan_blocks
from drafter.duties import derived_duty, responsible_line, row_ranges
from drafter.rules import all_rules, check_structure
from drafter.rules.from_draft import draft_structure
from drafter.rules.examples import document_of
from drafter.rules.registry import Text

RULES = all_rules()

UNITS = [
    {"id": "vhxh", "name": "Phòng Văn hóa - Xã hội", "short": "VHXH", "role": "standing"},
    {"id": "vp", "name": "Văn phòng HĐND và UBND", "role": "office"},
    {"id": "ca", "name": "Công an xã", "role": "police"},
    {"id": "mttq", "name": "Ủy ban MTTQ Việt Nam xã An Lạc", "role": "requested"},
]


def make(tasks_a, tasks_b=None, appendix=False, units=UNITS, kind="ke-hoach", **more) -> object:
    areas = [{"title": "Cải cách thể chế", "tasks": tasks_a, "responsible": "auto"}]
    if tasks_b:
        areas.append({"title": "Chuyển đổi số", "tasks": tasks_b, "responsible": "auto"})
    doc = {"kind": kind, "commune": {"name": "An Lạc", "type": "xã"}, "date": "2026-06",
           "subject": "Cải cách hành chính xã An Lạc năm 2026",
           "sections": [{"title": "Mục đích", "items": ["Nâng cao hiệu quả."]},
                        {"title": "Nhiệm vụ", "items": areas},
                        {"title": "Tổ chức thực hiện", "items": [{"title": "Nhiệm vụ các đơn vị",
                                                                  "generate": "duties"},
                                                                 {"title": "Chế độ báo cáo",
                                                                  "items": ["Báo cáo năm trước ngày 10/12/2026."]}]}],
           "units": units, "recipients": [{"unit": u["id"]} for u in units], "archive": "VT, VHXH",
           "signer": {"name": "Nguyễn Văn An"}}
    if appendix:
        doc["appendices"] = [{"title": "Nhiệm vụ năm 2026"}]
    doc.update(more)
    return validate_plain(doc, "<test>")


def findings(draft, rule_id):
    return [f for f in check_structure(draft_structure(draft), only={rule_id}) if f.rule == rule_id]


# ----------------------------------------------------------------------------- derivation of the body

def test_a_part_with_several_leads_says_which_unit_leads_which_task():
    d = make([{"text": "Vận hành chữ ký số; bảo đảm an toàn thông tin", "lead": "vp", "support": ["vhxh"]},
              {"text": "Triển khai Đề án 06; làm sạch dữ liệu", "lead": "ca", "support": ["vhxh", "mttq"]},
              {"text": "Số hóa hồ sơ", "lead": "vp"}])
    line = responsible_line(d, d.sections[1].items[0])
    assert line == ("Phụ trách thực hiện: Văn phòng HĐND và UBND chủ trì, phối hợp với Phòng Văn hóa - Xã hội; "
                    "riêng nhiệm vụ triển khai Đề án 06 do Công an xã chủ trì, Phòng Văn hóa - Xã hội phối hợp; "
                    "đề nghị Ủy ban MTTQ Việt Nam xã An Lạc phối hợp thực hiện.")


def test_one_lead_keeps_the_short_line():
    d = make([{"text": "Rà soát văn bản", "lead": "vp", "support": ["vhxh"]}])
    assert responsible_line(d, d.sections[1].items[0]) == \
        "Phụ trách thực hiện: Văn phòng HĐND và UBND chủ trì, phối hợp với Phòng Văn hóa - Xã hội."


def test_duties_cite_appendix_rows_the_unit_leads():
    d = make([{"text": "A", "lead": "vhxh"}, {"text": "B", "lead": "vhxh"}, {"text": "C", "lead": "vhxh"},
              {"text": "D", "lead": "vp", "support": ["vhxh"]}],
             [{"text": "E", "lead": "ca"}, {"text": "G", "lead": "vhxh"}], appendix=True)
    _, layout = layout_body(d)
    assert derived_duty(d, d.unit("vhxh"), layout) == (
        "Chủ trì thực hiện các nhiệm vụ I.1–I.3, II.2 tại Phụ lục; phối hợp thực hiện nhiệm vụ I.4 tại Phụ lục "
        "kèm theo Kế hoạch này.")
    assert derived_duty(d, d.unit("ca"), layout) == "Chủ trì thực hiện nhiệm vụ II.1 tại Phụ lục kèm theo Kế hoạch này."


def test_body_duties_name_the_task_when_the_unit_leads_only_part_of_an_area():
    d = make([{"text": "Rà soát văn bản", "lead": "vp"}, {"text": "Triển khai Đề án 06; làm sạch dữ liệu", "lead": "ca"}],
             [{"text": "Số hóa hồ sơ", "lead": "vp"}])
    _, layout = layout_body(d)
    assert derived_duty(d, d.unit("ca"), layout) == \
        "Chủ trì thực hiện nhiệm vụ triển khai Đề án 06 tại mục II.1 của Kế hoạch này."
    assert derived_duty(d, d.unit("vp"), layout).startswith(
        "Chủ trì thực hiện các nhiệm vụ tại mục II.2, nhiệm vụ rà soát văn bản tại mục II.1")


def test_the_front_is_asked_in_an_item_of_its_own_and_the_numbering_follows():
    d = make([{"text": "Rà soát văn bản", "lead": "vp", "support": ["mttq"]}])
    texts = [b.full for b in plan_blocks(d)]
    assert "2. Đề nghị Ủy ban MTTQ Việt Nam xã An Lạc" in texts and "3. Chế độ báo cáo" in texts
    assert not any(t.startswith(("a) Ủy ban MTTQ", "b) Ủy ban MTTQ", "c) Ủy ban MTTQ")) for t in texts)


def test_row_ranges():
    assert row_ranges([(1, 1), (1, 2), (1, 3), (1, 5), (3, 5), (3, 6)]) == "I.1–I.3, I.5, III.5, III.6"


def test_bases_in_the_customary_order():
    cites = [Citation(kind="Quyết định", number="5256/QĐ-UBND", issuer="Chủ tịch Ủy ban nhân dân thành phố Hải Phòng"),
             Citation(kind="Chỉ thị", number="23/CT-TTg", issuer="Thủ tướng Chính phủ"),
             Citation(kind="Nghị quyết", number="76/NQ-CP", issuer="Chính phủ"),
             Citation(kind="Nghị định", number="150/2025/NĐ-CP", issuer="Chính phủ"),
             Citation(kind="Nghị quyết", number="57-NQ/TW", issuer="Bộ Chính trị"),
             Citation(kind="Luật", name="Luật Tổ chức chính quyền địa phương", text="Luật Tổ chức chính quyền")]
    order = [c.number or c.kind for c in bases.ordered(cites, "5256/QĐ-UBND")]
    assert order == ["Luật", "57-NQ/TW", "150/2025/NĐ-CP", "76/NQ-CP", "23/CT-TTg", "5256/QĐ-UBND"]
    assert bases.rank("Kế hoạch", "12/KH-UBND", "UBND xã An Lạc") == bases.COMMUNE


# ----------------------------------------------------------------------------- the rules, on drafts

def test_several_leads_on_one_task():
    bad = make([{"text": "Rà soát", "lead": ["vp", "ca"]}])
    good = make([{"text": "Rà soát", "lead": "vp", "support": ["ca"]}])
    assert findings(bad, "TASK-SEVERAL-LEADS") and not findings(good, "TASK-SEVERAL-LEADS")
    assert findings(bad, "TASK-SEVERAL-LEADS")[0].where.field is not None


def test_duty_citing_another_units_part_or_row():
    own = {"id": "ca", "name": "Công an xã", "role": "police",
           "duties": ["Chủ trì thực hiện các nhiệm vụ tại mục II.1 của Kế hoạch này."]}
    units = [u for u in UNITS if u["id"] != "ca"] + [own]
    bad = make([{"text": "Rà soát", "lead": "vp"}], [{"text": "Đề án 06", "lead": "ca"}], units=units)
    good = make([{"text": "Rà soát", "lead": "ca"}], [{"text": "Đề án 06", "lead": "ca"}], units=units)
    assert findings(bad, "DUTY-REF-OTHER-UNIT") and not findings(good, "DUTY-REF-OTHER-UNIT")
    row = dict(own, duties=["Chủ trì thực hiện nhiệm vụ I.1 tại Phụ lục."])
    units = [u for u in UNITS if u["id"] != "ca"] + [row]
    bad = make([{"text": "Rà soát", "lead": "vp"}], [{"text": "Đề án 06", "lead": "ca"}], units=units, appendix=True)
    good = make([{"text": "Rà soát", "lead": "ca"}], [{"text": "Đề án 06", "lead": "vp"}], units=units, appendix=True)
    assert findings(bad, "DUTY-REF-OTHER-UNIT") and not findings(good, "DUTY-REF-OTHER-UNIT")


def test_requested_body_leading_a_task():
    bad = make([{"text": "Tuyên truyền", "lead": "mttq"}])
    good = make([{"text": "Tuyên truyền", "lead": "vhxh", "support": ["mttq"]}])
    assert findings(bad, "REQUESTED-AS-ASSIGNED") and not findings(good, "REQUESTED-AS-ASSIGNED")


def test_requested_body_among_the_assigned_units_of_a_document():
    base = ("III. TỔ CHỨC THỰC HIỆN\n1. Trách nhiệm của các đơn vị\na) Phòng Văn hóa - Xã hội theo dõi Kế hoạch.\n"
            "b) Văn phòng HĐND và UBND tham mưu.\n")
    rule = RULES["REQUESTED-AS-ASSIGNED"]
    assert rule.check(document_of(Text(_plan(base + "c) Đề nghị Ủy ban MTTQ Việt Nam xã phối hợp giám sát.\n"))))
    assert not list(rule.check(document_of(Text(_plan(base + "2. Đề nghị Ủy ban MTTQ Việt Nam xã phối hợp.\n")))))


def _plan(section: str) -> str:
    from drafter.rules.samples import plan
    return plan("III. TỔ CHỨC THỰC HIỆN\n", section)


def test_decision_recipients_cover_the_front():
    task = [{"text": "Tuyên truyền", "lead": "vhxh", "support": ["mttq"]}]
    good = make(task, kind="quyet-dinh")
    bad = make(task, kind="quyet-dinh", decision={"recipients": ["Như Điều 3", "Sở Nội vụ"]})
    assert findings(bad, "DECISION-RECIPIENTS") and not findings(good, "DECISION-RECIPIENTS")


def test_plan_issued_by_a_decision_and_a_plan_assigning_itself():
    task = [{"text": "Rà soát", "lead": "vhxh"}]
    bad = make(task, kind="quyet-dinh", preamble="Ủy ban nhân dân xã An Lạc ban hành Kế hoạch CCHC năm 2026 như sau:")
    good = make(task, kind="quyet-dinh", preamble="Kế hoạch cải cách hành chính xã An Lạc năm 2026 gồm các nội "
                                                   "dung sau:")
    assert findings(bad, "PLAN-ISSUES-ITSELF") and not findings(good, "PLAN-ISSUES-ITSELF")
    itself = make([{"text": "Xây dựng, ban hành và tổ chức thực hiện Kế hoạch CCHC, Kế hoạch kiểm tra CCHC năm "
                            "2026 của xã", "lead": "vhxh"}])
    other = make([{"text": "Ban hành Kế hoạch kiểm tra CCHC, Kế hoạch tuyên truyền CCHC năm 2026 của xã",
                   "lead": "vhxh"}])
    assert findings(itself, "PLAN-ISSUES-ITSELF") and not findings(other, "PLAN-ISSUES-ITSELF")


@pytest.mark.parametrize("kind, found", [("phường", True), ("xã", False)])
def test_thon_in_a_phuong(kind, found):
    d = make([{"text": "Hỗ trợ người dân tại thôn, tổ dân phố", "lead": "vhxh"}])
    d.commune.type = kind
    d.subject = f"Cải cách hành chính {kind} An Lạc năm 2026"
    assert bool(findings(d, "WORDS-THON-IN-PHUONG")) is found


def test_the_rules_have_ids_the_checker_lists():
    for rule_id in ("TASK-SEVERAL-LEADS", "DUTY-REF-OTHER-UNIT", "REQUESTED-AS-ASSIGNED", "DECISION-RECIPIENTS",
                    "PLAN-ISSUES-ITSELF", "WORDS-THON-IN-PHUONG", "WORDS-QUOTES", "WORDS-PROVINCIAL-INDEX"):
        assert RULES[rule_id].family == "assignment"


# ----------------------------------------------------------------------------- the same rules, on Word files

def docx_findings(draft, rule_id):
    """The rule's findings on the Word file drafter renders from ``draft``, read back as any DOCX is."""
    from drafter.reader import read_bytes
    from drafter.render import render_draft
    from drafter.rules import check_read

    _, found = check_read(read_bytes(render_draft(draft), "ke-hoach.docx"), only={rule_id})
    return [f for f in found if f.rule == rule_id]


def test_duty_citing_another_units_part_or_row_in_a_word_file():
    own = {"id": "ca", "name": "Công an xã", "role": "police",
           "duties": ["Chủ trì thực hiện các nhiệm vụ tại mục II.1 của Kế hoạch này."]}
    units = [u for u in UNITS if u["id"] != "ca"] + [own]
    bad = make([{"text": "Rà soát", "lead": "vp"}], [{"text": "Đề án 06", "lead": "ca"}], units=units)
    good = make([{"text": "Rà soát", "lead": "ca"}], [{"text": "Đề án 06", "lead": "ca"}], units=units)
    found = docx_findings(bad, "DUTY-REF-OTHER-UNIT")
    assert [f.message for f in found] == ["Công an xã «chủ trì» mục II.1, nhưng các nhiệm vụ ở đó do Văn phòng "
                                          "HĐND và UBND chủ trì"]
    assert found[0].where.excerpt.startswith("Chủ trì thực hiện các nhiệm vụ tại") and found[0].where.section == "III.1.b"
    assert not docx_findings(good, "DUTY-REF-OTHER-UNIT")
    # By appendix row: the row's «Cơ quan chủ trì» cell is read from the Word table.
    row = dict(own, duties=["Chủ trì thực hiện nhiệm vụ I.1 tại Phụ lục."])
    units = [u for u in UNITS if u["id"] != "ca"] + [row]
    bad = make([{"text": "Rà soát", "lead": "vp"}], [{"text": "Đề án 06", "lead": "ca"}], units=units, appendix=True)
    good = make([{"text": "Rà soát", "lead": "ca"}], [{"text": "Đề án 06", "lead": "vp"}], units=units, appendix=True)
    assert [f.message for f in docx_findings(bad, "DUTY-REF-OTHER-UNIT")] == [
        "Công an xã «chủ trì» nhiệm vụ I.1 tại Phụ lục, nhưng nhiệm vụ này do Văn phòng HĐND và UBND chủ trì"]
    assert not docx_findings(good, "DUTY-REF-OTHER-UNIT")


def test_a_derived_duty_citing_rows_is_right_in_the_word_file_for_every_unit():
    d = make([{"text": "Rà soát", "lead": "vp", "support": ["ca"]}, {"text": "Kiểm tra", "lead": "ca"}],
             [{"text": "Đề án 06", "lead": "ca", "support": ["vhxh", "mttq"]}, {"text": "Số hóa", "lead": "vhxh"}],
             appendix=True)
    assert not docx_findings(d, "DUTY-REF-OTHER-UNIT")
    assert not findings(d, "DUTY-REF-OTHER-UNIT")


def test_plan_issued_by_a_decision_and_a_plan_assigning_itself_in_a_word_file():
    task = [{"text": "Rà soát", "lead": "vhxh"}]
    bad = make(task, kind="quyet-dinh", preamble="Ủy ban nhân dân xã An Lạc ban hành Kế hoạch CCHC năm 2026 như sau:")
    good = make(task, kind="quyet-dinh", preamble="Kế hoạch cải cách hành chính xã An Lạc năm 2026 gồm các nội "
                                                   "dung sau:")
    found = docx_findings(bad, "PLAN-ISSUES-ITSELF")
    assert len(found) == 1 and found[0].where.excerpt.startswith("Ủy ban nhân dân xã An Lạc ban")
    assert not docx_findings(good, "PLAN-ISSUES-ITSELF")
    # The task that assigns the plan itself, only in the appendix's table: found in its cell.
    itself = make([{"text": "Xây dựng, ban hành và tổ chức thực hiện Kế hoạch CCHC năm 2026 của xã", "lead": "vhxh",
                    "body": False}], appendix=True)
    other = make([{"text": "Ban hành Kế hoạch kiểm tra CCHC, Kế hoạch tuyên truyền CCHC năm 2026 của xã",
                   "lead": "vhxh", "body": False}], appendix=True)
    found = docx_findings(itself, "PLAN-ISSUES-ITSELF")
    assert len(found) == 1 and found[0].where.excerpt.startswith("Xây dựng, ban hành")
    assert not docx_findings(other, "PLAN-ISSUES-ITSELF")
    # A standalone plan's own lead-in («… ban hành Kế hoạch … như sau:») is right: no decision issued it.
    alone = make(task, preamble="Ủy ban nhân dân xã An Lạc ban hành Kế hoạch CCHC năm 2026 như sau:")
    assert not docx_findings(alone, "PLAN-ISSUES-ITSELF") and not findings(alone, "PLAN-ISSUES-ITSELF")


LONG = "Rà soát, đơn giản hóa thủ tục hành chính, thành phần hồ sơ thuộc thẩm quyền giải quyết của xã"


@pytest.mark.parametrize("task, found", [
    ({"text": LONG, "lead": "vhxh"}, True),  # the body repeats the row word for word
    ({"text": LONG, "summary": "Đơn giản hóa thủ tục hành chính", "lead": "vhxh"}, False),
    ({"text": LONG, "lead": "vhxh", "body": False}, False),  # only in the appendix
    ({"text": "Số hóa hồ sơ thủ tục", "lead": "vhxh"}, False),  # too short to be a copied paragraph
])
def test_a_body_repeating_its_appendix_row_in_the_draft_and_the_word_file(task, found):
    d = make([task, {"text": "Kiểm tra", "lead": "vp"}], appendix=True)
    assert bool(findings(d, "TASK-BODY-REPEATS-APPENDIX")) is found
    assert bool(docx_findings(d, "TASK-BODY-REPEATS-APPENDIX")) is found
    without_appendix = make([task])
    assert not findings(without_appendix, "TASK-BODY-REPEATS-APPENDIX")
    if found:
        assert findings(d, "TASK-BODY-REPEATS-APPENDIX")[0].where.field.label()


def test_drafter_check_on_a_word_file_names_the_duty_and_the_plan_assigning_itself(tmp_path):
    from click.testing import CliRunner

    from drafter.cli import main
    from drafter.render import render_draft

    own = {"id": "ca", "name": "Công an xã", "role": "police", "duties": ["Chủ trì thực hiện nhiệm vụ I.1 tại Phụ lục."]}
    units = [u for u in UNITS if u["id"] != "ca"] + [own]
    bad = make([{"text": "Rà soát", "lead": "vp"},
                {"text": "Xây dựng, ban hành Kế hoạch CCHC năm 2026 của xã", "lead": "vhxh", "body": False}],
               [{"text": "Đề án 06", "lead": "ca"}], units=units, appendix=True)
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(render_draft(bad))
    result = CliRunner().invoke(main, ["check", str(path)])
    assert "[DUTY-REF-OTHER-UNIT]" in result.output and "Công an xã «chủ trì» nhiệm vụ I.1" in result.output
    assert "[PLAN-ISSUES-ITSELF]" in result.output


def test_hostile_duties_and_lead_ins_are_read_in_bounded_time():
    import time

    from drafter.rules.samples import plan

    duty = "1. Phòng Kinh tế: " + "chủ trì thực hiện các nhiệm vụ tại mục II.1, " * 3000 + "nhiệm vụ I.1–I.99999999 tại Phụ lục.\n"
    lead_in = "Ủy ban nhân dân xã An Lạc ban hành Kế hoạch " * 3000 + "như sau:\n"
    doc = document_of(Text(plan("III. TỔ CHỨC THỰC HIỆN\n", "III. TỔ CHỨC THỰC HIỆN\n" + duty + lead_in)))
    start = time.process_time()
    found = check_structure(doc, only={"DUTY-REF-OTHER-UNIT", "PLAN-ISSUES-ITSELF", "TASK-BODY-REPEATS-APPENDIX"})
    assert time.process_time() - start < 2
    assert [f.rule for f in found] == ["DUTY-REF-OTHER-UNIT"]  # once per unit and part, however often said


@pytest.mark.parametrize("numbering", [None, {"group_label": "inline", "capitals": [True]}])
def test_appendix_rows_are_read_from_the_word_table_however_its_groups_are_labelled(numbering):
    from drafter.reader import read_bytes
    from drafter.render import render_draft
    from drafter.rules.assignment import appendix_leads
    from drafter.rules.runner import structure_of

    table = {"title": "Nhiệm vụ năm 2026", **({"numbering": numbering} if numbering else {})}
    own = {"id": "ca", "name": "Công an xã", "role": "police", "duties": ["Chủ trì thực hiện nhiệm vụ II.1 tại Phụ lục."]}
    units = [u for u in UNITS if u["id"] != "ca"] + [own]
    d = make([{"text": "Rà soát", "lead": "vp"}, {"text": "Kiểm tra", "lead": "vhxh"}],
             [{"text": "Đề án 06", "lead": "vp"}], units=units, appendices=[table])
    doc = structure_of(read_bytes(render_draft(d), "ke-hoach.docx"))
    assert appendix_leads(doc) == {(1, 1): "Văn phòng HĐND và UBND", (1, 2): "Phòng Văn hóa - Xã hội",
                                   (2, 1): "Văn phòng HĐND và UBND"}
    assert docx_findings(d, "DUTY-REF-OTHER-UNIT")


def test_a_body_repeating_a_written_table_with_computed_numbers():
    row = "Rà soát, đơn giản hóa thủ tục hành chính, thành phần hồ sơ thuộc thẩm quyền của xã"
    table = {"title": "Danh mục", "source": "rows", "numbering": {"items": "across"},
             "columns": [{"key": "stt", "header": "STT"}, {"key": "task", "header": "Nhiệm vụ"},
                         {"key": "lead", "header": "Cơ quan chủ trì"}],
             "rows": [{"group": 1, "cells": ["Thủ tục hành chính"]}, {"cells": [row, "Phòng Văn hóa - Xã hội"]}]}
    d = make([{"text": "Kiểm tra", "lead": "vp"}], appendices=[table])
    d.sections[1].items[0].items = [row + "."]
    assert findings(d, "TASK-BODY-REPEATS-APPENDIX") and docx_findings(d, "TASK-BODY-REPEATS-APPENDIX")
