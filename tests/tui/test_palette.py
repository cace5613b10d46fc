"""The command palette speaks Vietnamese: Textual's own commands too."""
import asyncio

from drafter_tui.app import DrafterApp
from drafter_tui.palette import SYSTEM_COMMANDS, VietnamesePalette


def test_palette_commands_and_words_are_vietnamese(draft_file):
    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=(100, 30)) as pilot:
            for _ in range(3):
                await pilot.pause()
            titles = [c.title for c in app.get_system_commands(app.screen)]
            assert "Thoát" in titles and "Lưu bản thảo" in titles and "Bước: Căn cứ" in titles
            assert not set(titles) & set(SYSTEM_COMMANDS), titles  # no English title left
            await pilot.press("ctrl+p")
            for _ in range(3):
                await pilot.pause()
            assert isinstance(app.screen, VietnamesePalette)
            assert app.screen._placeholder == "Tìm lệnh…"
            await pilot.press(*"zzzq")
            await pilot.pause(0.8)
            from textual.command import CommandList
            shown = [str(o.prompt.renderable) if hasattr(o.prompt, "renderable") else str(o.prompt)
                     for o in app.screen.query_one(CommandList).options]
            assert any("Không có lệnh nào khớp" in s for s in shown), shown
    asyncio.run(go())
