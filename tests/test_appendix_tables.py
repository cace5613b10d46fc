"""Appendix tables as provinces write them, read back from the DOCX: STT computed across groups, per
group or as an outline; group rows at two and three levels, in capitals, full width and left-aligned;
header rows inside the table and repeated on each page; cells merged down; indicator tables with a
two-row header. Each construct's misuse is a located finding."""
from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings, strategies as st

from drafter import yamlio
from drafter.context import build_context
from drafter.errors import DraftError
from drafter.loader import validate
from drafter.render import render_draft
from drafter.rules import check_draft
from ooxml import Package, q, text_of, wattr
from test_openxml import assert_opens

BASE = """\
kind: ke-hoach
commune: {name: An Lạc, type: xã, province: Bắc Ninh}
date: 2026-06
number: "12"
subject: Chuyển đổi số xã An Lạc năm 2026
sections:
  - {title: Tổ chức thực hiện, items: [Các phòng triển khai Kế hoạch này.]}
signer: {name: Nguyễn Văn An}
"""
COLUMNS = """\
    columns:
      - {key: stt, header: STT, width: 1.3}
      - {key: task, header: Nhiệm vụ, width: 10}
      - {key: lead, header: Chủ trì, width: 4}
"""


def draft_of(appendix: str):
    return validate(yamlio.parse(BASE + "appendices:\n" + textwrap.indent(appendix, "  ")), "bảng.yaml").draft


def rows_table(rows: str, numbering: str = "", columns: str = COLUMNS):
    head = "- title: Danh mục\n  source: rows\n  number_row: false\n"
    if numbering:
        head += f"  numbering: {numbering}\n"
    return draft_of(head + textwrap.indent(textwrap.dedent(columns), "  ") + "  rows:\n"
                    + textwrap.indent(textwrap.dedent(rows), "    "))


def table_of(pkg: Package):
    (tbl,) = [t for t in pkg.body.iter(q("tbl"))
              if wattr(t.find(f"{q('tblPr')}/{q('tblStyle')}"), "val") == "AppendixTable"]
    return tbl


def grid(tbl) -> int:
    return len(tbl.find(q("tblGrid")))


def cells(tr) -> list:
    return tr.findall(q("tc"))


def span(tc) -> int:
    return int(wattr(tc.find(f"{q('tcPr')}/{q('gridSpan')}"), "val") or 1)


def vmerge(tc) -> str | None:
    el = tc.find(f"{q('tcPr')}/{q('vMerge')}")
    return None if el is None else (wattr(el, "val") or "continue")


def row_texts(tbl) -> list[list[str]]:
    return [[text_of(tc) for tc in cells(tr)] for tr in tbl.findall(q("tr"))]


GROUPED = """\
- {group: 1, cells: [Nâng cao nhận thức]}
- {cells: [Tuyên truyền., Phòng Văn hóa - Xã hội]}
- {cells: [Bồi dưỡng kỹ năng số., Phòng Văn hóa - Xã hội]}
- {group: 1, cells: [Hạ tầng số]}
- {cells: [Phủ sóng 4G., Phòng Kinh tế]}
"""


@pytest.mark.parametrize(("items", "numbers"), [("across", ["1", "2", "3"]), ("per-group", ["1", "2", "1"]),
                                                 ("outline", ["1.1", "1.2", "2.1"])])
def test_item_numbers_are_computed(items, numbers):
    draft = rows_table(GROUPED, f"{{items: {items}}}")
    rows = row_texts(table_of(Package(render_draft(draft))))
    data = [r for r in rows[1:] if len(r) == 3]
    assert [r[0] for r in data] == numbers
    assert [r[1] for r in data] == ["Tuyên truyền.", "Bồi dưỡng kỹ năng số.", "Phủ sóng 4G."]
    assert [r for r in rows[1:] if len(r) == 2] == [["I", "Nâng cao nhận thức"], ["II", "Hạ tầng số"]]


def test_group_row_inline_is_one_full_width_left_aligned_bold_cell_in_capitals():
    pkg = Package(render_draft(rows_table(GROUPED, "{items: across, group_label: inline, capitals: [true]}")))
    tbl = table_of(pkg)
    groups = [tr for tr in tbl.findall(q("tr")) if len(cells(tr)) == 1]
    assert [text_of(tr) for tr in groups] == ["I. NÂNG CAO NHẬN THỨC", "II. HẠ TẦNG SỐ"]
    for tr in groups:
        assert span(cells(tr)[0]) == grid(tbl)
        f = pkg.fmt(next(tr.iter(q("p"))))
        assert f.bold and f.align == "left"
    # the draft keeps what the user typed: capitals are the layout's, not the text's
    assert draft_of_text(GROUPED) == ["Nâng cao nhận thức", "Hạ tầng số"]


def draft_of_text(rows: str) -> list[str]:
    return [r.cells[0] for r in rows_table(rows, "{capitals: [true]}").appendices[0].rows if r.level]


TWO_LEVELS = """\
- {group: 1, cells: [Phát triển nền móng]}
- {group: 2, cells: [Hoàn thiện thể chế]}
- {cells: [Rà soát quy định., Văn phòng]}
- {group: 2, cells: [Phát triển hạ tầng]}
- {header: true, cells: [Nội dung, Đơn vị thực hiện]}
- {cells: [Phủ sóng 4G., Phòng Kinh tế]}
- {group: 3, cells: [Thương mại]}
- {cells: [Sàn thương mại điện tử., Phòng Kinh tế]}
- {group: 1, cells: [Giải pháp]}
- {group: 2, cells: [Tổ chức bộ máy]}
- {cells: [Kiện toàn Ban Chỉ đạo., Văn phòng]}
"""


def test_two_and_three_levels_of_groups_with_outline_numbers():
    draft = rows_table(TWO_LEVELS, "{items: outline, groups: [A, I, '1'], capitals: [true, false]}")
    pkg = Package(render_draft(draft))
    tbl = table_of(pkg)
    rows = row_texts(tbl)[1:]
    assert rows == [["A", "PHÁT TRIỂN NỀN MÓNG"], ["I", "Hoàn thiện thể chế"], ["1.1", "Rà soát quy định.", "Văn phòng"],
                    ["II", "Phát triển hạ tầng"], ["", "Nội dung", "Đơn vị thực hiện"],
                    ["2.1", "Phủ sóng 4G.", "Phòng Kinh tế"], ["2.2", "Thương mại"],
                    ["2.2.1", "Sàn thương mại điện tử.", "Phòng Kinh tế"], ["B", "GIẢI PHÁP"], ["I", "Tổ chức bộ máy"],
                    ["1.1", "Kiện toàn Ban Chỉ đạo.", "Văn phòng"]]
    trs = tbl.findall(q("tr"))
    # a group row: its number centred in the STT column, its title bold and left-aligned over the rest
    number, title = cells(trs[1])
    assert pkg.fmt(next(number.iter(q("p")))).align == "center" and span(title) == grid(tbl) - 1
    f = pkg.fmt(next(title.iter(q("p"))))
    assert f.bold and f.align == "left"
    # the header row inside the table is set as a header (bold, centred) but does not repeat on each page
    inner = trs[5]
    assert all(pkg.pstyle(p) == "TableHeader" for p in inner.iter(q("p")))
    assert inner.find(f"{q('trPr')}/{q('tblHeader')}") is None
    assert trs[0].find(f"{q('trPr')}/{q('tblHeader')}") is not None


INDICATORS = """\
- title: Chỉ tiêu chuyển đổi số
  source: rows
  number_row: false
  numbering: {items: per-group, group_label: inline}
  columns:
    - {key: stt, header: STT, width: 1.2}
    - {key: chi-tieu, header: Chỉ tiêu, width: 9}
    - {key: don-vi, header: Đơn vị tính, width: 2.2, align: center}
    - {key: "2026", header: "2026", above: Chỉ tiêu theo năm, width: 1.8, align: center}
    - {key: "2027", header: "2027", above: Chỉ tiêu theo năm, width: 1.8, align: center}
    - {key: chu-tri, header: Đơn vị chủ trì, width: 4}
  rows:
    - {group: 1, cells: [Chính quyền số]}
    - {cells: [Hồ sơ trực tuyến toàn trình, "%", "60", "70", Văn phòng], span: {chu-tri: 3}}
    - {cells: [Hồ sơ số hóa kết quả, "%", "80", "90", ""]}
    - {cells: [Thủ tục có dịch vụ công, "%", "90", "100"]}
    - {cells: [Người dân có chữ ký số, "%", "30", "40", Công an xã]}
"""


def test_indicator_table_has_a_two_row_header_repeated_on_each_page():
    pkg = Package(render_draft(draft_of(INDICATORS)))
    tbl = table_of(pkg)
    top, bottom = tbl.findall(q("tr"))[:2]
    assert [text_of(tc) for tc in cells(top)] == ["STT", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu theo năm",
                                                  "Đơn vị chủ trì"]
    assert [span(tc) for tc in cells(top)] == [1, 1, 1, 2, 1]
    assert [vmerge(tc) for tc in cells(top)] == ["restart", "restart", "restart", None, "restart"]
    assert [text_of(tc) for tc in cells(bottom)] == ["", "", "", "2026", "2027", ""]
    assert [vmerge(tc) for tc in cells(bottom)] == ["continue"] * 3 + [None, None, "continue"]
    for tr in (top, bottom):  # both header rows repeat at the top of every page
        assert tr.find(f"{q('trPr')}/{q('tblHeader')}") is not None
    assert tbl.findall(q("tr"))[2].find(f"{q('trPr')}/{q('tblHeader')}") is None
    # values are centred where the column asks it
    first = cells(tbl.findall(q("tr"))[3])
    assert [text_of(tc) for tc in first] == ["1", "Hồ sơ trực tuyến toàn trình", "%", "60", "70", "Văn phòng"]
    assert [pkg.fmt(next(tc.iter(q("p")))).align for tc in first[2:5]] == ["center"] * 3


def test_a_cell_merged_down_is_written_once():
    tbl = table_of(Package(render_draft(draft_of(INDICATORS))))
    lead = [cells(tr)[-1] for tr in tbl.findall(q("tr"))[3:]]
    assert [vmerge(tc) for tc in lead] == ["restart", "continue", "continue", None]
    assert [text_of(tc) for tc in lead] == ["Văn phòng", "", "", "Công an xã"]


def test_every_construct_opens_in_word_without_repair(tmp_path):
    merged = TASKS + ("appendices:\n  - {title: Danh mục, merge: [lead, deadline], "
                      "numbering: {group_label: inline, capitals: [true]}}\n")
    for name, draft in (("chi-tieu", draft_of(INDICATORS)),
                        ("nhom", rows_table(TWO_LEVELS, "{items: outline, groups: [A, I, '1']}")),
                        ("gop", validate(yamlio.parse(merged), "kh.yaml").draft)):
        (tmp_path / f"{name}.docx").write_bytes(render_draft(draft))
        assert_opens(tmp_path / f"{name}.docx")


def test_typed_numbers_still_work():
    draft = rows_table("- {cells: [I, Nâng cao nhận thức], group: true}\n- {cells: ['1', Tuyên truyền., Văn phòng]}\n")
    rows = row_texts(table_of(Package(render_draft(draft))))
    assert rows[1:] == [["I", "Nâng cao nhận thức"], ["1", "Tuyên truyền.", "Văn phòng"]]


def findings(draft) -> dict[str, list]:
    out: dict[str, list] = {}
    for p in check_draft(draft):
        out.setdefault(p.rule, []).append(p)
    return out


def test_typed_numbers_in_a_computed_table_are_an_error_naming_the_row():
    draft = rows_table("- {group: 1, cells: [Nâng cao nhận thức]}\n- {cells: ['1', Tuyên truyền., Văn phòng]}\n",
                       "{items: across}")
    (hit,) = findings(draft)["APPENDIX-ROW-CELLS"]
    assert "hàng 2" in hit.message and "tự động" in hit.message and hit.line


@pytest.mark.parametrize(("rows", "numbering", "rule", "says"), [
    ("- {group: 2, cells: [Nhóm]}\n- {cells: [Việc., Văn phòng]}\n", "{groups: [I]}", "APPENDIX-GROUP-LEVEL",
     "chỉ cho 1 cấp"),
    ("- {group: 2, cells: [Nhóm]}\n- {cells: [Việc., Văn phòng]}\n", "{groups: [A, I]}", "APPENDIX-GROUP-LEVEL",
     "chưa có nhóm cấp 1"),
    ("- {cells: [Việc., Văn phòng], span: {lead: 2}}\n- {cells: [Việc khác., Phòng Kinh tế]}\n", "{}",
     "APPENDIX-ROW-SPAN", "Phòng Kinh tế"),
    ("- {cells: [Việc., Văn phòng], span: {lead: 3}}\n- {cells: [Việc khác.]}\n", "{}", "APPENDIX-ROW-SPAN",
     "hết bảng"),
    ("- {cells: [Việc., Văn phòng], span: {lead: 2}}\n- {group: 1, cells: [Nhóm]}\n", "{}", "APPENDIX-ROW-SPAN",
     "hàng nhóm"),
    ("- {cells: [Việc., Văn phòng], span: {chu-tri: 2}}\n- {cells: [Việc khác.]}\n", "{}", "APPENDIX-ROW-SPAN",
     "không có cột"),
    ("- {cells: [Việc., Văn phòng]}\n", "{groups: [I], capitals: [true, true]}", "APPENDIX-NUMBERING-UNUSED",
     "capitals"),
    ("- {cells: [Việc., Văn phòng], span: {stt: 2}}\n- {cells: [Việc khác.]}\n", "{}", "APPENDIX-ROW-SPAN",
     "ô STT"),
    ("- {group: 1, header: true, cells: [Nội dung, Chủ trì]}\n", "{}", "APPENDIX-GROUP-LEVEL", "vừa là hàng nhóm"),
])
def test_misuse_is_a_located_finding(rows, numbering, rule, says):
    hits = findings(rows_table(rows, numbering)).get(rule, [])
    assert hits and says in hits[0].message and hits[0].line, [h.message for h in hits]


def test_a_table_without_stt_column_is_warned_and_still_numbers_its_groups():
    columns = "    columns:\n      - {key: task, header: Nhiệm vụ}\n      - {key: lead, header: Chủ trì}\n"
    draft = rows_table(GROUPED, "{items: across}", columns)
    assert "APPENDIX-NUMBERING-UNUSED" in findings(draft)
    rows = row_texts(table_of(Package(render_draft(draft))))
    assert ["I. Nâng cao nhận thức"] in rows


def test_bad_values_are_refused_with_the_field():
    for bad, field in (("- {group: 4, cells: [Nhóm]}\n", "group"), ("- {cells: [a], span: {lead: 1}}\n", "span")):
        with pytest.raises(DraftError) as err:
            rows_table(bad, "{}")
        assert any(field in p.message or field in str(p.field) for p in err.value.problems)


# ------------------------------------------------------------------------- any table

ROW = st.one_of(st.tuples(st.just("group"), st.integers(1, 3)), st.tuples(st.just("item"), st.just(0)),
                st.tuples(st.just("header"), st.just(0)), st.tuples(st.just("item"), st.integers(2, 4)))


@settings(max_examples=40, deadline=None)
@given(st.lists(ROW, min_size=1, max_size=14), st.sampled_from(["across", "per-group", "outline"]),
       st.sampled_from(["column", "inline"]))
def test_any_table_covers_its_grid_and_numbers_items_in_order(rows, items, label):
    lines = []
    for kind, level in rows:
        if kind == "group":
            lines.append(f"- {{group: {level}, cells: [Nhóm {len(lines)}]}}")
        elif kind == "header":
            lines.append("- {header: true, cells: [Nội dung, Chủ trì]}")
        elif level:  # a lead written once over the next rows (never over a group or header row)
            lines.append(f"- {{cells: [Việc {len(lines)}, Văn phòng], span: {{lead: {level}}}}}")
        else:
            lines.append(f"- {{cells: [Việc {len(lines)}, Văn phòng]}}")
    draft = rows_table("\n".join(lines) + "\n", f"{{items: {items}, groups: [A, I, '1'], group_label: {label}}}")
    draft = draft.model_copy(update={"appendices": [draft.appendices[0].model_copy(update={"merge": ["lead"]})]})
    ctx = build_context(draft)["appendices"][0]
    tbl = table_of(Package(render_draft(draft)))
    above: list[str | None] = []
    for tr in tbl.findall(q("tr"))[1:]:
        assert sum(span(tc) for tc in cells(tr)) == grid(tbl)
        merges = [vmerge(tc) for tc in cells(tr)]
        if len(merges) != grid(tbl):  # a group row ends every merge
            assert "continue" not in merges
            above = [None] * grid(tbl)
            continue
        for col, m in enumerate(merges):  # a covered cell is under the cell that opened the merge
            assert m != "continue" or (above and above[col] in ("restart", "continue"))
        above = merges
    numbers = [r["cells"][0]["text"] for r, (kind, _) in zip(ctx["rows"], rows) if kind == "item"]
    if items == "across":
        assert numbers == [str(i) for i in range(1, len(numbers) + 1)]
    else:  # the last part of each number counts up by one within a group, from 1
        last = [int(n.rsplit(".", 1)[-1]) for n in numbers]
        assert all(n == 1 or n == p + 1 for p, n in zip([0] + last, last))
    if items == "outline":  # an outline number has as many parts as the groups above it (A is not one)
        depth = 0
        for (kind, level), r in zip(rows, ctx["rows"]):
            depth = level if kind == "group" else depth
            if kind == "item":
                assert r["cells"][0]["text"].count(".") == (max(depth - 1, 1) if depth else 0)


# ------------------------------------------------------------------------- import

def _table_text(draft) -> list[str]:
    return [" ".join(c["text"] for c in r["cells"] if c["text"].strip())
            for r in build_context(draft)["appendices"][0]["rows"]]


@pytest.mark.parametrize("numbering", ["{items: across, group_label: inline}", "{items: per-group}",
                                       "{items: outline, groups: [A, I]}"])
def test_import_gives_back_computed_numbering(numbering, tmp_path):
    from drafter.importing import import_file

    columns = "    columns:\n      - {key: stt, header: STT}\n      - {key: chi-so, header: Chỉ số}\n" \
              "      - {key: gia-tri, header: Giá trị năm 2026}\n"
    rows = GROUPED.replace("Phòng Văn hóa - Xã hội", "'80%'").replace("Phòng Kinh tế", "'95%'")
    if "A, I" in numbering:
        rows = "- {group: 1, cells: [Phần chung]}\n" + rows.replace("group: 1", "group: 2")
    draft = rows_table(rows, numbering, columns)
    path = tmp_path / "kh.docx"
    path.write_bytes(render_draft(draft))
    back = import_file(path)
    (appendix,) = back.draft.appendices
    assert appendix.source == "rows" and appendix.numbering is not None, back.text
    assert appendix.numbering.items == draft.appendices[0].numbering.items
    assert all(not r.cells or r.cells[0] not in ("1", "2", "1.1") for r in appendix.rows)
    assert _table_text(back.draft) == _table_text(draft)


def test_import_keeps_typed_numbers_that_no_numbering_gives(tmp_path):
    from drafter.importing import import_file

    columns = "    columns:\n      - {key: stt, header: STT}\n      - {key: chi-so, header: Chỉ số}\n"
    draft = rows_table("- {cells: ['1', Tỷ lệ]}\n- {cells: ['3', Số hồ sơ]}\n", "", columns)
    path = tmp_path / "kh.docx"
    path.write_bytes(render_draft(draft))
    (appendix,) = import_file(path).draft.appendices
    assert appendix.numbering is None and [r.cells[0] for r in appendix.rows] == ["1", "3"]


# ------------------------------------------------------------------------- merge: equal cells once

TASKS = BASE.replace("sections:\n  - {title: Tổ chức thực hiện, items: [Các phòng triển khai Kế hoạch này.]}\n", """\
units:
  - {id: vhxh, name: Phòng Văn hóa - Xã hội}
  - {id: kt, name: Phòng Kinh tế}
sections:
  - title: Nhiệm vụ
    items:
      - title: Chuyển đổi số
        tasks:
          - {text: Tuyên truyền., lead: vhxh, deadline: Năm 2026}
          - {text: Bồi dưỡng kỹ năng số., lead: vhxh, deadline: Năm 2026}
          - {text: Phủ sóng 4G., lead: kt, deadline: Năm 2026}
      - title: Hạ tầng
        tasks:
          - {text: Lắp camera., lead: kt, deadline: Năm 2026}
""")


def test_merge_equal_cells_of_a_task_table_within_a_group():
    text = TASKS + """appendices:
  - title: Danh mục
    merge: [lead, deadline]
    columns:
      - {key: stt, header: STT}
      - {key: task, header: Nhiệm vụ}
      - {key: lead, header: Chủ trì}
      - {key: deadline, header: Thời gian}
"""
    draft = validate(yamlio.parse(text), "kh.yaml").draft
    assert not findings(draft).get("APPENDIX-MERGE-COLUMN")
    tbl = table_of(Package(render_draft(draft)))
    data = [tr for tr in tbl.findall(q("tr"))[2:] if len(cells(tr)) == 4]  # under the header and number rows
    assert [[vmerge(tc) for tc in cells(tr)[2:]] for tr in data] == [
        ["restart", "restart"], ["continue", "continue"], [None, "continue"], [None, None]]
    assert [text_of(cells(tr)[2]) for tr in data] == ["Phòng Văn hóa - Xã hội", "", "Phòng Kinh tế", "Phòng Kinh tế"]


def test_merge_of_a_missing_column_is_warned():
    draft = validate(yamlio.parse(TASKS + "appendices:\n  - {title: Danh mục, merge: [chu-tri]}\n"), "kh.yaml").draft
    (hit,) = findings(draft)["APPENDIX-MERGE-COLUMN"]
    assert "chu-tri" in hit.message


def test_a_long_table_lays_out_in_bounded_time():
    import time

    rows = "".join(f"- {{group: 1, cells: [Nhóm {g}]}}\n" + "".join(
        f"- {{cells: [Việc {g}.{i}, Văn phòng], span: {{lead: 3}}}}\n- {{cells: [Việc, '']}}\n- {{cells: [Việc, '']}}\n"
        for i in range(30)) for g in range(25))
    draft = rows_table(rows, "{items: outline}")
    draft = draft.model_copy(update={"appendices": [draft.appendices[0].model_copy(update={"merge": ["task"]})]})
    start = time.process_time()
    ctx = build_context(draft)["appendices"][0]
    assert time.process_time() - start < 2.0
    assert len(ctx["rows"]) == 25 * 91 and ctx["rows"][-1]["cells"][0]["text"] == "25.90"


def test_a_task_table_takes_capitals_and_inline_group_rows_and_keeps_its_numbers():
    text = TASKS + """appendices:
  - title: Danh mục
    numbering: {group_label: inline, capitals: [true]}
    columns:
      - {key: stt, header: STT}
      - {key: task, header: Nhiệm vụ}
      - {key: lead, header: Chủ trì}
"""
    draft = validate(yamlio.parse(text), "kh.yaml").draft
    assert "APPENDIX-NUMBERING-UNUSED" not in findings(draft)
    pkg = Package(render_draft(draft))
    tbl = table_of(pkg)
    rows = row_texts(tbl)[2:]
    assert rows[0] == ["I. CHUYỂN ĐỔI SỐ"] and rows[4] == ["II. HẠ TẦNG"]
    assert [r[0] for r in rows if len(r) == 3] == ["1", "2", "3", "1"]
    assert span(cells(tbl.findall(q("tr"))[2])[0]) == grid(tbl)
    across = validate(yamlio.parse(text.replace("group_label: inline", "items: across")), "kh.yaml").draft
    assert "APPENDIX-NUMBERING-UNUSED" in findings(across)
