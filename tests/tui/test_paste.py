"""Issue 11: pastes keep every line of a one-line field (as spaces), no control character reaches the YAML;
Ctrl+Home/Ctrl+End in text areas."""
import asyncio

from textual import events
from textual.app import App, ComposeResult

from drafter.loader import load_draft
from drafter.text import one_line
from drafter_tui.app import DrafterApp
from drafter_tui.widgets.fields import VInput, VTextArea


class Fields(App):
    def compose(self) -> ComposeResult:
        yield VInput(id="line")
        yield VTextArea(id="area")


def test_one_line_joins_lines_and_drops_controls():
    assert one_line("Trần\tThị\nHoa") == "Trần Thị Hoa"
    assert one_line("\x01Nguyễn\x07 Văn\r\n  An ") == "Nguyễn Văn An"


def test_paste_and_controls_in_fields():
    async def go():
        app = Fields()
        async with app.run_test() as pilot:
            line = app.query_one("#line", VInput)
            line.focus()
            app.post_message(events.Paste("Trần\tThị\nHoa"))
            await pilot.pause()
            assert line.value == "Trần Thị Hoa"
            line.insert_text_at_cursor("\x07!")
            assert line.value == "Trần Thị Hoa!"
            area = app.query_one("#area", VTextArea)
            area.focus()
            app.post_message(events.Paste("Dòng\x01 một\tA\nDòng hai\x07"))
            await pilot.pause()
            assert area.text == "Dòng một A\nDòng hai"

    asyncio.run(go())


def test_a_pasted_signer_name_is_saved_whole(draft_file):
    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(3):
                await pilot.pause()
            await app.screen.show_step("recipients")
            for _ in range(3):
                await pilot.pause()
            name = app.screen.query_one("#r-name", VInput)
            name.focus()
            name.value = ""
            app.post_message(events.Paste("Trần\tThị\nHoa\x07"))
            for _ in range(3):
                await pilot.pause()
            await pilot.press("ctrl+s")
            for _ in range(3):
                await pilot.pause()
        text = draft_file.read_text(encoding="utf-8")
        assert load_draft(draft_file).draft.signer.name == "Trần Thị Hoa" and "\x07" not in text

    asyncio.run(go())


def test_ctrl_home_and_ctrl_end_in_a_text_area():
    async def go():
        app = Fields()
        async with app.run_test() as pilot:
            area = app.query_one("#area", VTextArea)
            area.load_text("một\nhai\nba")
            area.focus()
            await pilot.press("ctrl+end")
            assert area.cursor_location == (2, 2)
            await pilot.press("ctrl+home")
            assert area.cursor_location == (0, 0)

    asyncio.run(go())
