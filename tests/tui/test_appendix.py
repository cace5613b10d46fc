"""Issue 11: appendix columns and rows, and nodes at any depth, edited in the app (no YAML by hand).

Each test drives the app with the keyboard at 80×24 and reads back what the user gets: the saved
YAML (through the loader) or the exported DOCX.
"""
import asyncio
import io
import shutil
from pathlib import Path

import docx
import pytest

from drafter import yamlio
from drafter.edits import APPENDICES, DraftEdits
from drafter.loader import load_draft
from drafter_tui.app import DrafterApp
from drafter_tui.screens.appendix import AppendixScreen
from drafter_tui.screens.dialogs import Choice
from drafter_tui.screens.editor import EditorScreen
from textual.widgets import TabbedContent

SIZE = (80, 24)
ROOT = Path(__file__).resolve().parents[2]
DONG_NAI = ROOT / "presets" / "examples" / "dong-nai-179-2025.yaml"
AREA = ("sections", 1, "items", 0)


@pytest.fixture
def dong_nai_file(tmp_path) -> Path:
    """The Đồng Nai draft (a written-rows appendix with computed numbering), a copy to edit."""
    target = tmp_path / "dong-nai.yaml"
    shutil.copyfile(DONG_NAI, target)
    return target


async def settle(pilot, n=4):
    for _ in range(n):
        await pilot.pause()


def appendix_table(path: Path):
    """The last table of the exported DOCX (the appendix's) as rows of cell texts."""
    document = docx.Document(io.BytesIO(path.read_bytes()))
    table = document.tables[-1]
    return [[cell.text for cell in row.cells] for row in table.rows]


async def open_appendix_editor(app, pilot, tab: int = 0) -> AppendixScreen:
    """From the tasks step, Ctrl+T; then F6 ``tab`` times (Chung → Cột → Dòng)."""
    await settle(pilot)
    await app.screen.show_step("tasks")
    await settle(pilot)
    app.screen.step_widget("tasks").query_one("#t-tree").focus()
    await pilot.press("ctrl+t")
    await settle(pilot, 6)
    assert isinstance(app.screen, AppendixScreen)
    for _ in range(tab):
        await pilot.press("f6")
        await settle(pilot, 6)
    return app.screen


def test_a_column_added_and_renamed_is_in_the_exported_table(draft_file):
    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_appendix_editor(app, pilot, tab=1)
            assert app.focused is screen.query_one("#x-cols")
            await pilot.press("down", "ctrl+n")  # after column 2 «Nhiệm vụ»
            await settle(pilot, 6)
            header = screen.query_one("#x-col-header")
            assert app.focused is header and header.value == "Mục tiêu"  # the first task field not shown yet
            await pilot.press(*"Kết quả cần đạt")  # typed over the selected name
            await pilot.press("tab", *"3,5")  # its width in cm, as officials write it
            await settle(pilot)
            assert "Kết quả cần đạt" in str(screen.query_one("#x-cols").get_row_at(2))
            await pilot.press("escape")
            await settle(pilot, 6)
            assert isinstance(app.screen, EditorScreen)
            await pilot.press("ctrl+s", "ctrl+e")
            await settle(pilot, 10)
        column = load_draft(draft_file).draft.appendices[0].columns[2]
        assert (column.key, column.header, column.width) == ("target", "Kết quả cần đạt", 3.5)
        table = appendix_table(draft_file.with_suffix(".docx"))
        assert table[0][:4] == ["STT", "Nhiệm vụ", "Kết quả cần đạt", "Cơ quan chủ trì"], table[0]
        assert len(table[0]) == 7

    asyncio.run(go())


def test_a_row_of_the_dong_nai_appendix_edited_shows_in_the_docx(dong_nai_file):
    draft_file = dong_nai_file

    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_appendix_editor(app, pilot, tab=2)
            table = screen.query_one("#x-row-table")
            assert app.focused is table
            await pilot.press("down", "down")  # A, I, then the row «1.1»
            await settle(pilot, 6)
            assert screen.query_one("#step-x-rows").selected == ("appendices", 0, "rows", 2)
            lead = screen.query_one("#x-cell-1")  # STT is computed: the cells start at the task
            assert str(lead.border_title).endswith("Đơn vị thực hiện")
            lead.focus()
            await pilot.press("ctrl+a", "ctrl+k")  # the line emptied, then the new unit typed
            await pilot.press(*"Sở Tư pháp; Văn phòng UBND tỉnh")
            await settle(pilot)
            assert "Sở Tư" in str(table.get_row_at(2)[1])
            # a group row added after it, its title typed in the second cell
            table.focus()
            await pilot.press("ctrl+g")
            await settle(pilot, 6)
            assert app.session.get(("appendices", 0, "rows", 3, "group")) is True
            screen.query_one("#x-cell-0").focus()
            await pilot.press(*"Nhóm mới")
            await pilot.press("escape")
            await settle(pilot, 6)
            await pilot.press("ctrl+s", "ctrl+e")
            await settle(pilot, 10)
        rows = load_draft(draft_file).draft.appendices[0].rows
        assert rows[2].cells[1] == "Sở Tư pháp; Văn phòng UBND tỉnh"
        assert rows[3].group and rows[3].cells[0] == "Nhóm mới"
        printed = appendix_table(draft_file.with_suffix(".docx"))
        row = next(r for r in printed if r[0] == "1.1")
        assert row[2] == "Sở Tư pháp; Văn phòng UBND tỉnh"
        assert any("nhóm mới" in cell.lower() for r in printed for cell in r)

    asyncio.run(go())


def test_removing_a_column_then_ctrl_z_brings_back_the_column_and_its_cells(dong_nai_file):
    draft_file = dong_nai_file
    original = load_draft(draft_file).draft.appendices

    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_appendix_editor(app, pilot, tab=1)
            await pilot.press("down", "down")  # «Đơn vị thực hiện»
            await settle(pilot, 6)
            await pilot.press("delete")
            await settle(pilot)
            assert isinstance(app.screen, Choice) and "Đơn vị thực hiện" in app.screen.question
            await pilot.press("enter")
            await settle(pilot, 6)
            columns = [c["header"] for c in app.session.get(("appendices", 0, "columns"))]
            assert "Đơn vị thực hiện" not in columns and len(columns) == 5
            assert app.session.get(("appendices", 0, "rows", 2, "cells", 1)) == "Các sở, ban, ngành; UBND các phường, xã"
            await pilot.press("ctrl+z")
            await settle(pilot, 6)
            assert app.screen is screen
            assert [c["header"] for c in app.session.get(("appendices", 0, "columns"))][2] == "Đơn vị thực hiện"
            assert "Đơn vị thực hiện" in str(screen.query_one("#x-cols").get_row_at(2))
            said = [n.message for n in app._notifications]
            assert any(m.startswith("Đã hoàn tác: xóa cột") for m in said), said
            await pilot.press("ctrl+s")
            await settle(pilot)
        assert load_draft(draft_file).draft.appendices == original
        assert "{key: lead, header: Đơn vị thực hiện, width: 4}" in draft_file.read_text(encoding="utf-8")

    asyncio.run(go())


def test_a_third_level_node_is_added_edited_and_exported(draft_file):
    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await app.screen.show_step("tasks")
            await settle(pilot)
            step = app.screen.step_widget("tasks")
            step.query_one("#t-tree").focus()
            await pilot.press("down")  # the area «Công tác chỉ đạo» (level 2)
            await settle(pilot)
            await pilot.press("ctrl+o")
            await settle(pilot, 6)
            node = AREA + ("items", 0)
            assert step.selected == node and step.query_one("#t-tree").cursor_node.data == node
            app.focused.value = ""
            await pilot.press(*"Kiểm tra nội bộ")
            await pilot.press("tab", *"Rà soát hồ sơ mỗi quý")
            await settle(pilot)
            assert "Kiểm tra nội bộ" in str(step.query_one("#t-tree").cursor_node.label)
            await pilot.press("ctrl+s", "ctrl+e")
            await settle(pilot, 10)
        draft = load_draft(draft_file).draft
        third = draft.sections[1].items[0].items[0]
        assert (third.title, third.items) == ("Kiểm tra nội bộ", ["Rà soát hồ sơ mỗi quý"])
        document = docx.Document(io.BytesIO(draft_file.with_suffix(".docx").read_bytes()))
        texts = [p.text for p in document.paragraphs]
        at = next(i for i, t in enumerate(texts) if t.endswith("Kiểm tra nội bộ"))
        assert texts[at].startswith("a)") and texts[at + 1] == "Rà soát hồ sơ mỗi quý", texts[at - 1: at + 2]
        assert texts[at - 1].startswith("1.") and "Công tác chỉ đạo" in texts[at - 1]

    asyncio.run(go())


def test_a_problem_in_an_appendix_opens_the_appendix_editor_at_its_field(draft_file):
    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            app.session.edits.set_column(APPENDICES / 0, 1, "key", "ghi-chu")  # a task table cannot fill it
            app.session.revalidate()  # the content rules now, not after the typing pause
            app.screen.session_changed()
            problem = next(p for p in app.session.problems if p.field and p.field[:1] == ("appendices",))
            app.screen.jump_to(problem.field)
            await settle(pilot, 8)
            screen = app.screen
            assert isinstance(screen, AppendixScreen)
            assert screen.query_one("#x-tabs").active == "tab-x-columns"
            assert app.focused is screen.query_one("#x-col-kind")  # the known task fields to choose from
            assert "ghi-chu" in str(screen.query_one("#x-problems").render())

    asyncio.run(go())


# ---------------------------------------------------------------------------- the editing layer


def dong_nai_edits():
    data = yamlio.parse(DONG_NAI.read_text(encoding="utf-8"))
    return data, DraftEdits(data)


def test_column_edits_keep_every_rows_cells_under_their_column():
    """Đồng Nai's STT is computed (``numbering``): its rows' cells start at the task column."""
    data, edits = dong_nai_edits()
    appendix = APPENDICES / 0
    rows = data["appendices"][0]["rows"]
    row = [str(c) for c in rows[2]["cells"]]
    group = list(rows[0]["cells"])
    edits.add_column(appendix, after=1, header="Chỉ tiêu")  # after «Nhiệm vụ, giải pháp»
    assert list(rows[2]["cells"]) == row[:1] + [""] + row[1:]
    assert list(rows[0]["cells"]) == group  # a group row's title alone: untouched
    edits.move_column(appendix, 2, 1)  # «Chỉ tiêu» one place right
    assert list(rows[2]["cells"]) == row[:1] + [row[1], ""] + row[2:]
    edits.move_column(appendix, 0, 1)  # the computed STT moves: no cell moves with it
    assert list(rows[2]["cells"]) == row[:1] + [row[1], ""] + row[2:]
    edits.move_column(appendix, 1, -1)
    edits.remove_column(appendix, 3)
    assert list(rows[2]["cells"]) == row
    assert [c["header"] for c in data["appendices"][0]["columns"]][:3] == ["STT", "Nhiệm vụ, giải pháp",
                                                                          "Đơn vị thực hiện"]
    typed = yamlio.parse("appendices:\n  - title: X\n    source: rows\n    columns: [{key: stt, header: STT}, "
                         "{key: task, header: Việc}]\n    rows: [{cells: ['1', Một việc]}]\n")
    DraftEdits(typed).add_column(appendix, after=0, header="Mục tiêu")  # STT typed: its cell counts
    assert list(typed["appendices"][0]["rows"][0]["cells"]) == ["1", "", "Một việc"]


def test_the_row_editor_keeps_what_it_does_not_know():
    """A field another part of drafter adds to a row or a column (numbering, merges) survives edits."""
    data, edits = dong_nai_edits()
    appendix = APPENDICES / 0
    rows = data["appendices"][0]["rows"]
    rows[2]["note"] = {"from": 1}  # unknown to this editor
    data["appendices"][0]["columns"][1]["align"] = "left"
    edits.set_cell(appendix / ("rows", 2), 2, "Sở Tư pháp (chủ trì)")
    edits.set_column(appendix, 1, "header", "Nhiệm vụ")
    edits.move(appendix / ("rows", 2), 1)
    edits.add_column(appendix, after=0)
    assert rows[3]["note"] == {"from": 1} and rows[3]["cells"][3] == "Sở Tư pháp (chủ trì)"
    assert data["appendices"][0]["columns"][2]["align"] == "left"
    text = yamlio.dump(data)
    assert "note: {from: 1}" in text and "align: left" in text


def test_default_columns_are_written_out_only_when_one_is_edited():
    data = yamlio.parse("appendices:\n  - title: Danh mục\n")
    edits = DraftEdits(data)
    appendix = APPENDICES / 0
    assert not edits.set_column(appendix, 0, "header", "STT")  # the same: nothing written
    assert "columns" not in data["appendices"][0]
    assert edits.set_column(appendix, 0, "header", "TT")
    assert [c["header"] for c in data["appendices"][0]["columns"]][:2] == ["TT", "Nhiệm vụ"]
    assert not edits.remove_column(APPENDICES / 0, 0) or len(data["appendices"][0]["columns"]) == 5
    one = yamlio.parse("appendices:\n  - title: X\n    columns: [{key: stt, header: STT}]\n")
    assert not DraftEdits(one).remove_column(APPENDICES / 0, 0)  # a table keeps one column


HOSTILE = [
    "appendices: Danh mục\n",
    "appendices: [Danh mục, 5]\n",
    "appendices:\n  - title: A\n    columns: 5\n    source: rows\n    rows: [1, {cells: x}, {cells: [a, [b]]}]\n",
    "appendices:\n  - title: [A, B]\n    columns: [STT, {header: 7}, null]\n    rows: {a: 1}\n    source: rows\n",
]


def test_a_malformed_appendix_opens_in_every_tab_without_losing_anything(tmp_path):
    """Whatever the YAML holds under «appendices», the editor shows it, writes nothing by being
    looked at, and its keys (add, move, delete) never crash it."""
    base = (Path(__file__).resolve().parent.parent / "fixtures" / "tui_draft.yaml").read_text(encoding="utf-8")
    base = base[: base.index("appendices:")]

    async def go(text):
        draft_file = tmp_path / "ke-hoach.yaml"
        draft_file.write_text(base + text, encoding="utf-8")
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            before = yamlio.dump(app.session.data["appendices"])
            app.action_appendices()
            await settle(pilot, 6)
            for _ in range(3):  # looked at: Cột, Dòng, Chung
                await pilot.press("f6")
                await settle(pilot, 6)
                await pilot.press("down", "up", "tab", "down")
                await settle(pilot, 4)
            assert isinstance(app.screen, AppendixScreen)
            assert yamlio.dump(app.session.data["appendices"]) == before
            for _ in range(3):  # edited: every key of every tab
                await pilot.press("f6")
                await settle(pilot, 6)
                app.screen.query_one(TabbedContent).active_pane.query_one(".step").focus_first()
                await pilot.press("down", "ctrl+down", "ctrl+n", "ctrl+g", "ctrl+d")
                await settle(pilot, 4)
                await pilot.press("delete")
                await settle(pilot, 4)
                if not isinstance(app.screen, AppendixScreen):
                    await pilot.press("escape")  # a question asked: kept
                    await settle(pilot, 4)
            assert isinstance(app.screen, AppendixScreen)
        assert app.return_code in (None, 0)

    for text in HOSTILE:
        asyncio.run(go(text))


def test_a_task_table_switched_to_written_rows_prints_the_same_table(draft_file):
    """«Tự ghi từng dòng» copies the table as it prints, so the user edits rows from there."""
    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+e")
            await settle(pilot, 10)
            before = appendix_table(draft_file.with_suffix(".docx"))
            draft_file.with_suffix(".docx").unlink()
            screen = await open_appendix_editor(app, pilot)
            screen.query_one("#x-source").focus()
            await pilot.press("enter", "down", "enter")
            await settle(pilot, 6)
            assert app.session.get(("appendices", 0, "source")) == "rows"
            rows = app.session.get(("appendices", 0, "rows"))
            assert [list(r["cells"])[:2] for r in rows] == [["I", "Công tác chỉ đạo"], ["1", "Tổ chức triển khai"],
                                                            ["2", "Đổi mới\nnội dung\ttab"]]  # the task's text
            assert rows[0]["group"] is True
            await pilot.press("escape")
            await settle(pilot, 6)
            await pilot.press("ctrl+e")
            await settle(pilot, 10)
        assert appendix_table(draft_file.with_suffix(".docx")) == before

    asyncio.run(go())


def test_the_first_keystroke_in_a_field_is_written(dong_nai_file):
    """A field's first change (a checkbox toggled, a width typed) reaches the draft at once."""
    draft_file = dong_nai_file

    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_appendix_editor(app, pilot, tab=2)
            await pilot.press("down", "down")  # the row «1.1»
            await settle(pilot, 6)
            screen.query_one("#x-row-group-box").focus()
            await pilot.press("space")
            await settle(pilot)
            assert app.session.get(("appendices", 0, "rows", 2, "group")) is True
            await pilot.press("f5")  # the columns
            await settle(pilot, 6)
            screen.query_one("#x-col-width").focus()
            await pilot.press("end", "backspace", "backspace", "backspace")  # «1,3» → «»: drafter divides
            await settle(pilot)
            assert app.session.get(("appendices", 0, "columns", 0)) == {"key": "stt", "header": "STT"}
            await pilot.press("x")  # not a width: the field says so, the draft keeps none
            await settle(pilot)
            assert "width" not in app.session.get(("appendices", 0, "columns", 0))
            await pilot.press("backspace", *"1,5")
            await settle(pilot)
            assert app.session.get(("appendices", 0, "columns", 0, "width")) == 1.5

    asyncio.run(go())


def test_rows_of_a_table_with_computed_numbering_are_edited_under_their_columns(dong_nai_file):
    """With ``numbering`` the STT is computed and a row's cells start at the column after it: the
    form names each cell by its column, a group level is kept, and a column removed takes its own cell."""
    draft_file = dong_nai_file

    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_appendix_editor(app, pilot, tab=2)
            before = yamlio.dump(app.session.data["appendices"])
            table = screen.query_one("#x-row-table")
            assert "STT" not in [str(c.label) for c in table.ordered_columns]
            await pilot.press("down")  # the group row «Hoàn thiện thể chế», level 2
            await settle(pilot, 6)
            assert "cấp 2" in str(screen.query_one("#x-row-group-box").label)
            assert str(screen.query_one("#x-cell-0").border_title).endswith("Nhiệm vụ, giải pháp")
            await pilot.press("down")
            await settle(pilot, 6)
            assert yamlio.dump(app.session.data["appendices"]) == before  # looked at: unchanged
            assert screen.query_one("#x-cell-1").text == "Sở Tư pháp"
            app.session.edits.remove_column(APPENDICES / 0, 2)  # «Đơn vị thực hiện»
            row = list(app.session.get(("appendices", 0, "rows", 2, "cells")))
            assert row[0].startswith("Rà soát") and row[1] == "Các sở, ban, ngành; UBND các phường, xã"
            assert app.session.get(("appendices", 0, "rows", 1, "group")) == 2

    asyncio.run(go())


def test_the_pages_beside_the_form_show_an_appendix_edited(draft_file):
    """F4's pages, shown before the appendix editor opens, show its change once back in the editor."""
    from drafter_tui.widgets.page_preview import PagePreview

    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("f4")
            await pilot.pause(PagePreview.DEBOUNCE + 0.2)
            await app.workers.wait_for_complete()
            app.action_appendices()
            await settle(pilot, 6)
            title = app.screen.query_one("#x-title")
            title.focus()
            title.value = ""
            await pilot.press(*"Bảng nhiệm vụ năm")
            await pilot.press("escape")
            await settle(pilot, 6)
            await pilot.pause(PagePreview.DEBOUNCE + 0.2)
            await app.workers.wait_for_complete()
            await settle(pilot)
            pane = app.screen.query_one("#side-preview", PagePreview)
            assert "BẢNG NHIỆM VỤ NĂM" in " ".join(pane.text().split())

    asyncio.run(go())


def test_content_warnings_found_after_the_pause_reach_the_appendix_editor(dong_nai_file):
    """An edit made in the appendix editor starts the paused content rules; what they find shows under
    its tabs without another edit."""
    from drafter_tui.steps.base import Step

    async def go():
        app = DrafterApp(dong_nai_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_appendix_editor(app, pilot)
            await pilot.pause(0.6)  # the rules of the draft as opened have run
            app.session.edits.set(APPENDICES / 0 / "merge", ["khong-co"])  # a column the table lacks
            screen.post_message(Step.Changed())  # what a field of the editor sends after its edit
            await settle(pilot)
            assert "khong-co" not in str(screen.query_one("#x-problems").render())  # rules not run yet
            for _ in range(20):
                await pilot.pause(0.1)
            assert "khong-co" in str(screen.query_one("#x-problems").render())

    asyncio.run(go())
