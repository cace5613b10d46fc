"""Nothing silently wrong (issue 10, part 2): each place drafter would drop or reshape what the
user wrote is a located finding, or is no longer dropped."""
from __future__ import annotations

import textwrap

import pytest
from click.testing import CliRunner

from drafter import fragments
from drafter.checks import check_draft
from drafter.cli import main
from drafter.errors import DraftError, Severity
from drafter.loader import parse_draft
from drafter.outline import plan_blocks
from drafter.presets import parse_preset_text
from drafter.render import render_draft
from ooxml import Package

HEAD = """\
kind: ke-hoach
commune: {name: Tân Hội, type: xã, province: Lâm Đồng}
date: 2026-03-05
subject: Thực hiện chuyển đổi số xã Tân Hội năm 2026
units:
  - {id: vhxh, name: Phòng Văn hóa - Xã hội}
  - {id: kt, name: Phòng Kinh tế}
"""
TASKS = """\
sections:
  - title: Nhiệm vụ
    items:
      - title: Tuyên truyền
        tasks:
          - {text: Tuyên truyền về chuyển đổi số., lead: vhxh, support: [kt]}
"""


def draft(*parts: str):
    return parse_draft(HEAD + "".join(textwrap.dedent(p) for p in parts), "ban-thao.yaml").draft


def findings(d, rule: str):
    return [p for p in check_draft(d) if p.rule == rule]


def test_an_appendix_row_with_more_cells_than_columns_is_an_error_naming_the_row():
    d = draft(TASKS, """\
        appendices:
          - title: Chỉ tiêu
            source: rows
            columns: [{key: stt, header: STT}, {key: ten, header: Chỉ tiêu}, {key: gt, header: Giá trị}]
            rows:
              - cells: [1, Tỷ lệ hồ sơ trực tuyến, 80%]
              - cells: [2, Tỷ lệ hồ sơ, thanh toán trực tuyến, 50%]
        """)
    (found,) = findings(d, "APPENDIX-ROW-CELLS")
    assert found.severity is Severity.ERROR and found.line == 20
    assert str(found.field) == "appendices[0].rows[1].cells"
    assert "hàng 2" in found.message and "«50%»" in found.message and "ngoặc kép" in found.message


def test_a_free_column_key_in_a_task_table_is_a_warning():
    d = draft(TASKS, "appendices: [{title: Danh mục, columns: [{key: task, header: Nhiệm vụ}, "
                     "{key: kinh-phi, header: Kinh phí}]}]\n")
    (found,) = findings(d, "APPENDIX-COLUMN-UNKNOWN")
    assert found.severity is Severity.WARNING and str(found.field) == "appendices[0].columns[1].key"
    assert "Kinh phí" in found.message


def test_generated_duties_number_on_after_titled_siblings():
    d = draft(TASKS + "  - title: Tổ chức thực hiện\n    items: [{title: Các phòng chuyên môn, items: [Triển khai.]}]\n"
                     "    generate: duties\n")
    heads = [b.full for b in plan_blocks(d) if b.style == "h2"]
    assert heads[1:] == ["1. Các phòng chuyên môn", "2. Phòng Văn hóa - Xã hội", "3. Phòng Kinh tế"]


def test_a_task_pasted_with_its_bullet_keeps_one_bullet():
    d = draft("""\
        sections:
          - title: Nhiệm vụ
            task_bullet: '-'
            tasks:
              - {text: '- Tuyên truyền về chuyển đổi số.', lead: vhxh}
              - {text: Hướng dẫn dịch vụ công., lead: vhxh}
        """)
    assert [b.text for b in plan_blocks(d)][1:] == ["- Tuyên truyền về chuyển đổi số.",
                                                   "- Hướng dẫn dịch vụ công./."]


def test_a_subject_broken_over_lines_is_measured_on_its_widest_line():
    long, short = "Thực hiện chuyển đổi số trên địa bàn xã Tân Hội", "năm 2026"
    assert fragments.subject_rule(f"{long}\n{short}") == fragments.subject_rule(long)
    assert fragments.subject_rule(f"{long}\n{short}") != fragments.subject_rule(f"{long} {short}")
    assert fragments.decision_subject_rule(f"{short}\n{long}") == fragments.decision_subject_rule(long)


def test_a_unit_both_lead_and_support_of_a_task_is_a_warning():
    d = draft(TASKS.replace("support: [kt]", "support: [kt, vhxh]"))
    (found,) = findings(d, "TASK-LEAD-SUPPORT")
    assert "Phòng Văn hóa - Xã hội vừa chủ trì vừa phối hợp" in found.message
    assert str(found.field) == "sections[0].items[0].tasks[0].support"


def test_a_task_field_no_column_prints_is_a_warning_once():
    d = draft(TASKS.replace("lead: vhxh,", "lead: vhxh, target: 100% hộ dân,"),
              "appendices: [{title: Danh mục}]\n")  # the default columns have no «target»
    (found,) = findings(d, "TASK-FIELD-NOT-SHOWN")
    assert "1 nhiệm vụ ghi «target»" in found.message and found.line == 13
    columns = "[{key: stt, header: STT}, {key: task, header: Nhiệm vụ}, {key: target, header: Mục tiêu}]"
    d = draft(TASKS.replace("lead: vhxh,", "lead: vhxh, target: 100% hộ dân,"),
              f"appendices: [{{title: Danh mục, columns: {columns}}}]\n")
    assert not findings(d, "TASK-FIELD-NOT-SHOWN")


@pytest.mark.parametrize("escaped", ["\\t", "\\n"])
def test_a_signer_name_with_a_tab_or_line_break_is_an_error(escaped):
    with pytest.raises(DraftError) as err:
        draft(f'signer: {{name: "Nguyễn Văn{escaped}An"}}\n')
    (problem,) = err.value.problems
    assert "tab hoặc xuống dòng" in problem.message and str(problem.field) == "signer.name"
    assert problem.line == 8


def test_sections_out_of_order_are_a_warning_by_role():
    d = draft("""\
        sections:
          - {title: Nhiệm vụ, role: tasks, items: [Làm.]}
          - {title: "Mục đích, yêu cầu", role: purposes, items: [Nâng cao.]}
          - {title: Tổ chức thực hiện, role: implementation, items: [Giao.]}
        """)
    (found,) = findings(d, "SECTION-ORDER")
    assert "«Mục đích, yêu cầu» (purposes) đứng sau phần «Nhiệm vụ» (tasks)" in found.message
    assert str(found.field) == "sections[1].role"


def test_new_from_another_provinces_preset_warns(tmp_path):
    out = tmp_path / "tan-hoi.yaml"
    result = CliRunner().invoke(main, ["new", "--preset", "bac-ninh-cchc-2026", "--commune", "Tân Hội",
                                       "--province", "Đồng Tháp", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Cảnh báo: căn cứ" in result.output and "tỉnh Bắc Ninh" in result.output
    assert "thuộc tỉnh Đồng Tháp" in result.output
    result = CliRunner().invoke(main, ["new", "--preset", "bac-ninh-cchc-2026", "--commune", "An Lạc",
                                       "--province", "Bắc Ninh", "-o", str(tmp_path / "an-lac.yaml")])
    assert result.exit_code == 0 and "Cảnh báo" not in result.output


def test_a_preset_field_error_points_at_the_preset_schema():
    text = "preset: 1\ntitle: Thử\nprovince: Bắc Ninh\nyear: 2026\nsubject: Thử\nsuperior: {text: Kế hoạch}\nbogus: 1\n"
    with pytest.raises(DraftError) as err:
        parse_preset_text(text, "thu.yaml")
    assert any("«drafter schema --preset»" in p.message for p in err.value.problems)
    with pytest.raises(DraftError) as err:
        draft("bogus: 1\n")
    assert "«drafter schema»" in err.value.problems[0].message


def test_a_node_text_without_a_title_is_an_error():
    with pytest.raises(DraftError) as err:
        draft("sections: [{title: Nhiệm vụ, items: [{text: Chủ trì triển khai.}]}]\n")
    assert "cần có «title»" in err.value.problems[0].message


def test_numbers_typed_in_appendix_cells_are_their_text():
    d = draft("appendices: [{title: Chỉ tiêu, source: rows, columns: [{key: stt, header: STT}, "
              "{key: gt, header: Giá trị}], rows: [{cells: [1, 80.5]}]}]\n")
    pkg = Package(render_draft(d))
    assert d.appendices[0].rows[0].cells == ["1", "80.5"]
    assert "80.5" in [pkg.fmt(p).text for p in pkg.paragraphs()]


@pytest.mark.parametrize(("body", "line", "says"), [
    ("sections:\n  - title: Mục đích\n    items:\n      - - Việc thứ nhất\n", 11,
     "hãy đặt nó trong ngoặc kép: - '- Việc thứ nhất'"),
    ("sections:\n  - title: Mục đích\n    items:\n      - Giai đoạn 2026 - 2027: hoàn thành\n", 11,
     "hãy đặt cả đoạn trong ngoặc kép: 'Giai đoạn 2026 - 2027: hoàn thành'"),
    ("sections:\n  - title: Mục đích\n    tasks:\n      - text: - Làm việc\n", 11,
     "đoạn chữ bắt đầu bằng «- » hãy đặt trong ngoặc kép"),
    ("preamble: *Nhằm* nâng cao\n", 8, "dấu «*» ở đầu đoạn chữ"),
])
def test_unquoted_text_that_yaml_reads_as_something_else_says_to_quote_it(body, line, says):
    with pytest.raises(DraftError) as err:
        draft(body)
    (problem,) = err.value.problems
    assert says in problem.message and problem.line == line
