"""Pilot tests of the whole flow: preset → edits → export; recovery; the unsaved-changes prompt."""
import asyncio
import io
from pathlib import Path

import docx
import pytest

from drafter.loader import load_draft
from drafter_tui.app import DrafterApp
from drafter_tui.screens.dialogs import Choice, RecoverScreen
from drafter_tui.screens.editor import EditorScreen
from drafter_tui.screens.start import NewDraftScreen
from drafter_tui.state import Session, Store
from drafter_tui.widgets.fields import VInput, VTextArea

PRESET = "bac-ninh-par-sipas-2026"
NEW_SUBJECT = "Cải thiện Chỉ số hài lòng của người dân xã Tân Hội năm 2026"
NEW_TASK = "Rà soát, niêm yết công khai thủ tục hành chính tại Bộ phận Một cửa"


def texts(path: Path) -> str:
    d = docx.Document(io.BytesIO(path.read_bytes()))
    out = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            out += [c.text for c in row.cells]
    return "\n".join(out)


async def settle(pilot, n=3):
    for _ in range(n):
        await pilot.pause()


async def checked(pilot, timeout: float = 10.0):
    """Wait for the pause after typing, until the content rules have run on the text as it is now."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while pilot.app.session.checks_pending:
        assert loop.time() < end, "the content rules never ran after typing stopped"
        await pilot.pause(0.05)
    await settle(pilot)


async def click(pilot, selector: str):
    """Scroll the widget into view, then click it with the mouse."""
    widget = pilot.app.screen.query_one(selector)
    widget.scroll_visible(animate=False)
    await settle(pilot)
    await pilot.click(widget)
    await settle(pilot)


async def type_into(pilot, widget, text: str, replace: bool = True):
    widget.focus()
    if replace:
        if isinstance(widget, VInput):
            widget.value = ""
        else:
            widget.select_all()
            await pilot.press("backspace")
    await pilot.press(*[("space" if c == " " else c) for c in text])
    await settle(pilot)


async def paste_into(pilot, widget, text: str):
    """Replace the field's text by a paste: one event, as a long sentence usually arrives (keys typed
    one by one, Telex included, are tested in test_telex.py and test_vietnamese.py)."""
    from textual import events

    widget.focus()
    await settle(pilot)
    if isinstance(widget, VInput):
        widget.value = ""
    else:
        widget.select_all()  # the paste replaces the selection
    pilot.app.post_message(events.Paste(text))  # as a terminal sends it: to the focused field
    await settle(pilot)


async def _flow(tmp_path: Path):
    target = tmp_path / "tan-hoi.yaml"
    app = DrafterApp(pdf=False, autosave_seconds=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        # Start screen: «Tạo kế hoạch mới» is the first entry
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, NewDraftScreen)
        from textual.widgets import Select
        presets = app.screen.query_one("#preset", Select)
        index = next(i for i, (label, spec) in enumerate(app.screen._choices) if spec == PRESET)
        presets.value = index
        await type_into(pilot, app.screen.query_one("#commune-name", VInput), "Tân Hội")
        app.screen.query_one("#target", VInput).value = str(target)
        await click(pilot, "#create")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        assert app.session.data["commune"]["name"] == "Tân Hội"

        # 1. change the subject
        await paste_into(pilot, app.screen.query_one("#f-subject", VTextArea), NEW_SUBJECT)
        assert app.session.data["subject"] == NEW_SUBJECT

        # 2. add a legal basis: one from the library, one typed
        screen = app.screen
        await screen.show_step("bases")
        await settle(pilot)
        before = len(app.session.data["bases"])
        screen.query_one("#b-lib", Select).value = "nd-118-2025"
        await click(pilot, "#b-add-lib")
        await settle(pilot)
        assert app.session.data["bases"][-1]["ref"] == "nd-118-2025"
        await click(pilot, "#b-add")
        await settle(pilot)
        form = screen.query_one("#b-form")
        fields = {w.field[-1]: w for w in form.query(VInput)}
        await type_into(pilot, fields["kind"], "Quyết định")
        await type_into(pilot, fields["number"], "25/QĐ-UBND")
        await type_into(pilot, fields["date"], "10/01/2026")
        await paste_into(pilot, fields["issuer"], "Ủy ban nhân dân xã Tân Hội")
        await paste_into(pilot, fields["subject"], "về kiện toàn Tổ công tác cải cách hành chính")
        assert len(app.session.data["bases"]) == before + 2
        assert app.session.errors == []
        await checked(pilot)
        # A draft derived from a preset lacks only the signer's name: the list turns empty with it.
        assert [str(p.field) for p in app.session.problems] == ["signer.name"]
        await screen.show_step("recipients")
        await settle(pilot)
        await type_into(pilot, screen.query_one("#r-name", VInput), "Nguyễn Thị Hồng")
        assert app.session.data["signer"]["name"] == "Nguyễn Thị Hồng"
        await checked(pilot)
        assert app.session.problems == []

        # 3. add a task and assign it
        await screen.show_step("tasks")
        await settle(pilot)
        await click(pilot, "#t-task")
        await settle(pilot)
        text = screen.query_one("#t-form").query(VTextArea).first()
        await paste_into(pilot, text, NEW_TASK)
        await screen.show_step("assign")
        await settle(pilot)
        path = next(p for p, t in app.session.edits.tasks() if t["text"] == NEW_TASK)
        screen.step_widget("assign").focus_field(path + ("lead",))
        await settle(pilot, 5)
        lead = screen.query_one("#a-lead", Select)
        lead.value = "van-hoa-xa-hoi" if "van-hoa-xa-hoi" in [v for _, v in lead._options] else lead._options[-1][1]
        await settle(pilot)
        task = app.session.get(path)
        assert task["lead"]
        await type_into(pilot, screen.query_one("#a-form").query(VInput).first(), "Quý II/2026")
        assert app.session.get(path)["deadline"] == "Quý II/2026"

        # 4. export
        await pilot.press("ctrl+e")
        await settle(pilot, 6)
        output = target.with_suffix(".docx")
        for _ in range(20):
            if output.exists():
                break
            await pilot.pause(0.1)
        assert output.exists()
        body = texts(output)
        assert NEW_SUBJECT in body
        assert NEW_TASK in body
        assert "Quyết định số 25/QĐ-UBND ngày 10/01/2026" in body
        assert "Nghị định số 118/2025/NĐ-CP" in body

        # 5. save: the YAML round-trips and keeps the derived draft's comments
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not app.session.dirty
    saved = target.read_text(encoding="utf-8")
    assert saved.startswith("#")
    assert load_draft(target).draft.subject == NEW_SUBJECT


def test_new_from_preset_edit_and_export(tmp_path):
    asyncio.run(_flow(tmp_path))


async def _recover(draft_file: Path, data_dir: Path):
    app = DrafterApp(draft_file, pdf=False, autosave_seconds=0.2)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        place = app.screen.query_one("#f-place", VInput)
        await type_into(pilot, place, "Thôn Đông")
        await pilot.pause(0.5)  # the autosave timer writes the recovery file
        assert app.session.dirty
        # simulated crash: the app goes away without asking anything
        app._exit_renderables = []
        recoveries = Store().recoveries()
        assert len(recoveries) == 1 and recoveries[0].path == draft_file.resolve()
        app.exit()
    assert "Thôn Đông" not in draft_file.read_text(encoding="utf-8")

    app = DrafterApp(None, pdf=False, autosave_seconds=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RecoverScreen)
        await click(pilot, "#recover")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        assert app.session.data["place"] == "Thôn Đông"
        assert app.session.path == draft_file.resolve()
        assert app.screen.query_one("#f-place", VInput).value == "Thôn Đông"
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert "place: Thôn Đông" in draft_file.read_text(encoding="utf-8")
    assert Store().recoveries() == []  # saved: nothing left to recover


def test_recover_after_crash(draft_file, data_dir):
    asyncio.run(_recover(draft_file, data_dir))


async def _unsaved(draft_file: Path, answer: str):
    app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_into(pilot, app.screen.query_one("#f-place", VInput), "Xóm Mới")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, Choice)
        assert "chưa lưu" in app.screen.question
        await click(pilot, f"#{answer}")
        await settle(pilot)
        if answer == "cancel":
            assert isinstance(app.screen, EditorScreen)
            assert app.is_running
            app.session.dirty = False
            await pilot.press("ctrl+q")
            await settle(pilot)
        assert not app.is_running or app._exit_renderables is not None
    return draft_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("answer", ["save", "discard", "cancel"])
def test_unsaved_changes_prompt(draft_file, answer):
    text = asyncio.run(_unsaved(draft_file, answer))
    assert ("place: Xóm Mới" in text) == (answer == "save")
    assert Store().recoveries() == []


def test_quit_without_changes_does_not_ask(draft_file):
    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+q")
            await settle(pilot)
            assert not app.is_running
    asyncio.run(go())


def test_session_roundtrip_keeps_comments(draft_file):
    original = "# ghi chú đầu tệp\n" + draft_file.read_text(encoding="utf-8")
    draft_file.write_text(original, encoding="utf-8")
    s = Session.open(draft_file)
    s.set(("subject",), "Chủ đề mới")
    s.save()
    text = draft_file.read_text(encoding="utf-8")
    assert text.startswith("# ghi chú đầu tệp\n")
    assert "subject: Chủ đề mới" in text
    assert Store().recent()[0] == draft_file.resolve()


def test_problem_jumps_to_its_field(draft_file):
    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            screen = app.screen
            task = app.session.get(("sections", 1, "items", 0, "tasks", 0))
            task["lead"] = "khong-co"
            app.session.touch()
            await screen.show_step("review", focus=True)
            await settle(pilot)
            from textual.widgets import OptionList
            problems = screen.query_one("#v-problems", OptionList)
            assert problems.option_count == 1
            status = app.session.step_status()
            assert status["assign"] == "problem" and status["review"] == "problem"
            assert app.focused is problems  # Enter at once, no arrow first (issue 11)
            assert "Đơn vị chủ trì" in str(problems.get_option_at_index(0).prompt)  # not «lead»
            await pilot.press("enter")
            await settle(pilot, 8)
            assert screen.current == "assign"
            assert app.focused is not None and app.focused.id == "a-lead"
    asyncio.run(go())


def test_the_decision_has_its_own_bases(draft_file):
    async def go():
        from textual.widgets import Select

        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            screen = app.screen
            await screen.show_step("bases")
            await settle(pilot)
            plan_before = len(app.session.data["bases"])
            decision_before = len(app.session.data["decision"]["bases"])
            which = screen.query_one("#b-which", Select)
            assert which.display  # the draft is a decision issuing a plan
            which.value = "decision"
            await settle(pilot, 5)
            assert "Các dòng căn cứ của quyết định" in str(screen.query_one("#b-sentence").render())
            screen.query_one("#b-lib", Select).value = "nd-118-2025"
            await click(pilot, "#b-add-lib")
            await settle(pilot)
            assert app.session.data["decision"]["bases"][-1]["ref"] == "nd-118-2025"
            assert len(app.session.data["decision"]["bases"]) == decision_before + 1
            assert len(app.session.data["bases"]) == plan_before
            assert app.session.errors == []
    asyncio.run(go())


@pytest.mark.skipif(not __import__("shutil").which("soffice"), reason="LibreOffice (soffice) không có trên máy")
def test_export_with_pdf(draft_file):
    async def go():
        app = DrafterApp(draft_file, pdf=True, autosave_seconds=0)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+e")
            pdf = draft_file.with_suffix(".pdf")
            for _ in range(600):  # LibreOffice's first start takes a while
                if pdf.exists():
                    break
                await pilot.pause(0.1)
            assert draft_file.with_suffix(".docx").exists()
            assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    asyncio.run(go())


def test_save_as_continues_on_the_new_file(draft_file):
    async def go():
        from drafter_tui.screens.dialogs import AskPath

        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await type_into(pilot, app.screen.query_one("#f-place", VInput), "Xóm Chợ")
            app.action_save_as()
            await settle(pilot)
            assert isinstance(app.screen, AskPath)
            field = app.screen.query_one("#ask-path", VInput)
            field.value = str(draft_file.with_name("ban-sao"))
            await pilot.press("enter")
            await settle(pilot)
            copy = draft_file.with_name("ban-sao.yaml")
            assert copy.exists() and "place: Xóm Chợ" in copy.read_text(encoding="utf-8")
            assert "Xóm Chợ" not in draft_file.read_text(encoding="utf-8")
            assert app.session.path == copy and not app.session.dirty
            assert "ban-sao.yaml" in app.title + app.sub_title
    asyncio.run(go())


def test_ctrl_up_on_the_task_section_does_not_move_it_above_the_purposes(draft_file):
    """Issue 11: Ctrl+↑ on the tasks tree's top node moved the whole section above "Mục đích, yêu cầu"."""

    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            screen = app.screen
            await screen.show_step("tasks")
            await settle(pilot)
            step = screen.step_widget("tasks")
            assert step.selected == ("sections", 1)
            before = [s["title"] for s in app.session.data["sections"]]
            step.query_one("#t-tree").focus()
            await pilot.press("ctrl+up", "ctrl+up")
            await settle(pilot)
            assert [s["title"] for s in app.session.data["sections"]] == before
            assert not app.session.dirty
            # a task still moves among its area's tasks
            step.focus_field(("sections", 1, "items", 0, "tasks", 1, "text"))
            await settle(pilot, 5)
            await step.action_move(-1)
            await settle(pilot)
            tasks = app.session.data["sections"][1]["items"][0]["tasks"]
            assert tasks[0]["text"].startswith("Đổi mới") and step.selected == ("sections", 1, "items", 0, "tasks", 0)
    asyncio.run(go())


def test_renaming_the_purposes_section_keeps_it_in_its_step(draft_file):
    """The fixture's sections have no role: their kind is read once, not from the title as typed."""

    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            app.session.set(("sections", 0, "title"), "Nhiệm vụ và yêu cầu")
            assert app.session.step_status()["purposes"] == "done"
            await app.screen.show_step("purposes")
            await settle(pilot)
            titles = [w.value for w in app.screen.step_widget("purposes").query("VInput")]
            assert "Nhiệm vụ và yêu cầu" in titles
    asyncio.run(go())


def test_a_new_area_or_task_is_the_one_selected_and_edited(draft_file):
    """Issue 11: after Ctrl+L the form showed the section (typing renamed it); the cursor went to the top."""

    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await app.screen.show_step("tasks")
            await settle(pilot)
            step = app.screen.step_widget("tasks")
            tree = step.query_one("#t-tree")
            tree.focus()
            await pilot.press("ctrl+l")
            await settle(pilot, 6)
            area = ("sections", 1, "items", 1)
            assert step.selected == area and tree.cursor_node.data == area
            await pilot.press(*"Moi")
            await settle(pilot)
            assert "Moi" in app.session.get(area + ("title",))  # typed into the new area's title
            assert app.session.get(("sections", 1, "title")) == "Nhiệm vụ"
            await pilot.press("ctrl+n")
            await settle(pilot, 6)
            assert step.selected == area + ("tasks", 0) and tree.cursor_node.data == area + ("tasks", 0)
    asyncio.run(go())


def test_an_edit_in_a_step_updates_the_sidebar_marks(draft_file):
    """Steps post Step.Changed; the editor screen redraws the steps' marks from it."""

    async def go():
        from drafter_tui.screens.editor import Sidebar

        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            bar = app.screen.query_one(Sidebar)

            def mark(key):
                return str(bar.get_option(key).prompt)

            await checked(pilot)
            assert "!" in mark("general")  # the subject does not name the commune
            await type_into(pilot, app.screen.query_one("#f-subject", VTextArea), "Cải cách hành chính xã An Lạc")
            assert "chưa lưu" in app.sub_title
            await checked(pilot)  # the content rules run once typing pauses
            assert "✓" in mark("general")
    asyncio.run(go())


def test_export_asks_before_overwriting_and_writes_through_publish(draft_file):
    """The review step exports with drafter.publish: an existing file is kept unless the user agrees."""

    async def go():
        docx = draft_file.with_suffix(".docx")
        docx.write_bytes(b"hand-made")
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+e")
            await settle(pilot, 6)
            assert isinstance(app.screen, Choice) and str(docx) in app.screen.question
            await click(pilot, "#no")
            assert docx.read_bytes() == b"hand-made"
            await pilot.press("ctrl+e")
            await settle(pilot, 6)
            await click(pilot, "#yes")
            await settle(pilot)
            assert docx.read_bytes().startswith(b"PK")
            assert f"Đã ghi {docx}" in str(app.screen.query_one("#v-result").render())
    asyncio.run(go())
