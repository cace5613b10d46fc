"""Issue 11: structure edits in the TUI never change the plan's outline silently, and Ctrl+Z undoes them.

Each test drives the app with the keyboard at 80×24 and reads back what the user gets: the saved
YAML (through the loader) or the exported DOCX.
"""
import asyncio
import io

import docx

from drafter import yamlio
from drafter.loader import load_draft
from drafter_tui.app import DrafterApp
from drafter_tui.screens.dialogs import Choice

SIZE = (80, 24)
AREA = ("sections", 1, "items", 0)


async def settle(pilot, n=4):
    for _ in range(n):
        await pilot.pause()


def outline(path):
    """The saved draft's outline: section titles, their areas, the areas' tasks."""
    draft = load_draft(path).draft

    def node(n):
        return (n.title, [t.text for t in n.tasks], [node(i) for i in n.items if not isinstance(i, str)])

    return [node(s) for s in draft.sections]


def docx_headings(path):
    d = docx.Document(io.BytesIO(path.read_bytes()))
    return [p.text for p in d.paragraphs if p.text[:3] in ("I. ", "II.", "III", "IV.")]


async def open_tasks(app, pilot):
    await settle(pilot)
    await app.screen.show_step("tasks")
    await settle(pilot)
    step = app.screen.step_widget("tasks")
    step.query_one("#t-tree").focus()
    await settle(pilot)
    return step


def test_ctrl_up_on_the_top_section_says_why_and_the_docx_keeps_its_order(draft_file):
    async def go():
        before = outline(draft_file)
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=SIZE) as pilot:
            step = await open_tasks(app, pilot)
            assert step.selected == ("sections", 1)
            await pilot.press("ctrl+up")
            await settle(pilot)
            assert step.query_one("#t-tree").cursor_node.data == ("sections", 1)  # the cursor stayed
            await pilot.press("ctrl+up")
            await settle(pilot)
            said = [n.message for n in app._notifications]
            assert any("không chuyển qua phần «Mục đích, yêu cầu»" in m for m in said), said
            await pilot.press("ctrl+s", "ctrl+e")
            await settle(pilot, 8)
        assert outline(draft_file) == before
        headings = docx_headings(draft_file.with_suffix(".docx"))
        assert headings[:2] == ["I. MỤC ĐÍCH, YÊU CẦU", "II. NHIỆM VỤ"], headings

    asyncio.run(go())


def test_a_moved_task_keeps_the_cursor_and_the_move_is_saved(draft_file):
    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=SIZE) as pilot:
            step = await open_tasks(app, pilot)
            await pilot.press("down", "down", "down")  # section → area → task 1 → task 2
            await settle(pilot)
            assert step.selected == AREA + ("tasks", 1)
            await pilot.press("ctrl+up")
            await settle(pilot)
            tree = step.query_one("#t-tree")
            assert step.selected == AREA + ("tasks", 0) and tree.cursor_node.data == AREA + ("tasks", 0)
            assert app.focused is tree
            await pilot.press("ctrl+s")
            await settle(pilot)
        tasks = outline(draft_file)[1][2][0][1]
        assert tasks == ["Đổi mới\nnội dung\ttab", "Tổ chức triển khai"]

    asyncio.run(go())


def test_ctrl_l_edits_the_new_area_and_a_new_task_label_follows_its_text(draft_file):
    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=SIZE) as pilot:
            step = await open_tasks(app, pilot)
            await pilot.press("ctrl+l")
            await settle(pilot, 6)
            area = ("sections", 1, "items", 1)
            assert step.selected == area
            app.focused.value = ""
            await pilot.press(*"Chuyen doi so".replace(" ", "_"))
            await settle(pilot)
            tree = step.query_one("#t-tree")
            assert tree.cursor_node.data == area and "Chuyen_doi_so" in str(tree.cursor_node.label)
            await pilot.press("ctrl+n")
            await settle(pilot, 6)
            task = area + ("tasks", 0)
            assert step.selected == task and tree.cursor_node.data == task
            await pilot.press(*"Viec_moi")  # the new task's text is selected: typing replaces it
            await settle(pilot)
            assert app.session.get(task + ("text",)) == "Viec_moi"
            assert "Viec_moi" in str(tree.cursor_node.label)
            await pilot.press("ctrl+s")
            await settle(pilot)
        sections = outline(draft_file)
        assert sections[1][0] == "Nhiệm vụ"  # the section was not renamed
        assert sections[1][2][1] == ("Chuyen_doi_so", ["Viec_moi"], [])

    asyncio.run(go())


def test_delete_then_ctrl_z_restores_the_outline(draft_file):
    async def go():
        original = yamlio.dump(yamlio.parse(draft_file.read_text(encoding="utf-8")))  # as any save writes it
        before = outline(draft_file)
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=SIZE) as pilot:
            step = await open_tasks(app, pilot)
            await pilot.press("down")  # the area "Công tác chỉ đạo"
            await settle(pilot)
            assert step.selected == AREA
            await pilot.press("delete")
            await settle(pilot)
            assert isinstance(app.screen, Choice) and "Công tác chỉ đạo" in app.screen.question
            await pilot.press("enter")  # «Xóa» is the first button
            await settle(pilot, 6)
            assert app.session.get(AREA) is None
            assert "Công tác chỉ đạo" not in str(step.query_one("#t-tree").root.children[0].children)
            await pilot.press("ctrl+z")
            await settle(pilot, 6)
            assert step.selected == AREA and step.query_one("#t-tree").cursor_node.data == AREA
            said = [n.message for n in app._notifications]
            assert any(m.startswith("Đã hoàn tác: xóa") for m in said), said
            await pilot.press("ctrl+s")
            await settle(pilot)
        assert outline(draft_file) == before
        assert draft_file.read_text(encoding="utf-8") == original

    asyncio.run(go())


def test_undo_after_typing_asks_first(draft_file):
    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=SIZE) as pilot:
            step = await open_tasks(app, pilot)
            await pilot.press("ctrl+n")
            await settle(pilot, 6)
            await pilot.press(*"abc")
            await settle(pilot)
            step.query_one("#t-tree").focus()
            await pilot.press("ctrl+z")
            await settle(pilot)
            assert isinstance(app.screen, Choice) and "bỏ những gì đã gõ" in app.screen.question
            await pilot.press("escape")
            await settle(pilot)
            assert len(list(app.session.edits.tasks())) == 3
            await pilot.press("ctrl+z")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot, 6)
            assert len(list(app.session.edits.tasks())) == 2

    asyncio.run(go())


def test_delete_in_the_bases_list_asks_and_undo_brings_it_back(draft_file):
    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await app.screen.show_step("bases")
            await settle(pilot)
            lst = app.screen.query_one("#bases-list")
            lst.focus()
            await pilot.press("down")
            await settle(pilot)
            assert lst.highlighted == 1
            await pilot.press("delete")
            await settle(pilot)
            assert isinstance(app.screen, Choice) and "Xóa căn cứ" in app.screen.question
            await pilot.press("escape")  # kept
            await settle(pilot)
            assert [b["ref"] for b in app.session.data["bases"]] == ["bn-kh-182-2026", "nq-76-2021"]
            await pilot.press("delete")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot, 6)
            assert [b["ref"] for b in app.session.data["bases"]] == ["bn-kh-182-2026"]
            await pilot.press("ctrl+z")
            await settle(pilot, 6)
            assert [b["ref"] for b in app.session.data["bases"]] == ["bn-kh-182-2026", "nq-76-2021"]
            assert app.screen.query_one("#bases-list").highlighted == 1

    asyncio.run(go())
