"""Issue 11, keyboard at 80×24: one footer on every step, the sidebar hides, F6 pressed quickly counts every press."""
import asyncio

from drafter_tui.app import DrafterApp
from drafter_tui.screens.editor import Sidebar
from drafter_tui.state import STEPS

FOOTER = "^s Lưu ^e Xuất f5 f6 Bước f2 Các bước ^z Hoàn tác f1 Phím tắt ^q Thoát"


async def settle(pilot, n=4):
    for _ in range(n):
        await pilot.pause()


def footer_line(app) -> str:
    return app.screen._compositor.render_strips()[-1].text


def test_the_footer_is_the_same_complete_line_on_every_step(draft_file):
    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            for key, _ in STEPS:
                await app.screen.show_step(key, focus=True)
                await settle(pilot)
                line = footer_line(app)
                assert line.startswith(FOOTER) and line.rstrip().endswith("^p lệnh"), (key, line)

    asyncio.run(go())


def test_f2_hides_the_sidebar_and_f6_counts_every_press(draft_file):
    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            bar = app.screen.query_one(Sidebar)
            await pilot.press("f2")
            assert app.focused is bar
            await pilot.press("f2")
            await settle(pilot)
            assert not bar.display and app.focused is not bar
            await pilot.press("f6", "f6", "f6")
            await settle(pilot, 8)
            assert app.screen.current == "tasks"
            assert app.focused is app.screen.query_one("#t-tree")  # a list step starts on its list
            await pilot.press("f2")
            assert bar.display and app.focused is bar and bar.highlighted == 3

    asyncio.run(go())


def test_every_dialog_keeps_its_buttons_in_view_at_80x24(draft_file):
    """New draft, report, open, save as, a question: each button is on screen and is what a click hits."""
    from textual.widgets import Button

    async def buttons_shown(pilot, app):
        await settle(pilot, 6)
        for button in app.screen.query(Button):
            region = button.region
            assert region.area and region.bottom <= 24 and region.right <= 80, (type(app.screen).__name__, button)
            hit, _ = app.screen.get_widget_at(region.x + region.width // 2, region.y + region.height // 2)
            assert hit is button, (type(app.screen).__name__, button.label)

    async def go():
        app = DrafterApp(None, pdf=False, autosave_seconds=0)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            for key in ("n", "b", "o"):
                await pilot.press(key)
                await buttons_shown(pilot, app)
                await pilot.press("escape")
                await settle(pilot)
            app.open_draft(draft_file)
            await settle(pilot)
            app.action_save_as()
            await buttons_shown(pilot, app)
            await pilot.press("escape")
            await settle(pilot)
            await app.screen.show_step("bases", focus=True)
            await settle(pilot)
            await pilot.press("delete")
            await buttons_shown(pilot, app)

    asyncio.run(go())
