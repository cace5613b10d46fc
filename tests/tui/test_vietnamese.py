"""Issue 11: no English word of Textual's reaches the screen (footer, F1 key panel, dropdowns, palette)."""
import asyncio
import inspect
import re

import textual.command
import textual.widgets
import textual.widgets._select
from textual.binding import Binding
from textual.command import CommandList
from textual.widgets import Select

from drafter_tui.app import DrafterApp
from drafter_tui.state import STEPS
from drafter_tui.widgets.keys import KeysPanel

SIZE = (80, 24)


def textual_descriptions() -> set[str]:
    """Every binding description Textual's own widgets, screens and palette carry (English)."""
    classes = {obj for name in textual.widgets.__all__ if inspect.isclass(obj := getattr(textual.widgets, name))}
    for module in (textual.widgets._select, textual.command, textual.app, textual.screen):
        classes |= {obj for obj in vars(module).values() if inspect.isclass(obj)}
    out = set()
    for cls in classes:
        for b in getattr(cls, "BINDINGS", None) or []:
            text = b.description if isinstance(b, Binding) else (b[2] if len(b) > 2 else "")
            if text:
                out.add(text)
    return out


ENGLISH = re.compile(r"\b(%s)\b" % "|".join(sorted(map(re.escape, textual_descriptions()), key=len, reverse=True)))


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def settle(pilot, n=4):
    for _ in range(n):
        await pilot.pause()


def test_the_english_words_are_found_when_shown():
    assert ENGLISH.search("esc Dismiss menu") and ENGLISH.search("pgup Page Up") and ENGLISH.search("Focus Next")
    assert not ENGLISH.search("Lên một trang  Đóng danh sách  Ô kế tiếp")


def test_no_textual_english_in_footer_or_key_panel_on_any_step(draft_file):
    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("f1")
            await settle(pilot)
            assert app.screen.query(KeysPanel)
            seen = set()
            for key, _ in STEPS:
                await app.screen.show_step(key, focus=True)
                await settle(pilot)
                step = app.screen.step_widget(key)
                # every kind of focusable widget of the step once: the panel lists its keys
                for widget in [w for w in step.query("*") if w.focusable]:
                    if type(widget) in seen:
                        continue
                    seen.add(type(widget))
                    widget.focus()
                    await settle(pilot, 3)
                    text = screen_text(app)
                    assert not ENGLISH.search(text), (key, type(widget).__name__, ENGLISH.search(text).group())
            assert {"Tree", "OptionList", "DataTable", "Select"} <= {c.__name__ for c in seen}
            panel = screen_text(app)
            assert "Phím tắt" in screen_text(app) or panel  # the panel is open
            await pilot.press("f1")
            await settle(pilot)
            assert not app.screen.query(KeysPanel)

    asyncio.run(go())


def test_an_open_dropdown_says_how_to_close_it_in_vietnamese(draft_file):
    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            select = app.screen.query(Select).first()
            select.focus()
            await pilot.press("enter")
            await settle(pilot)
            assert select.expanded
            text = screen_text(app)
            assert "Đóng danh sách" in text and "Dismiss" not in text

    asyncio.run(go())


def test_the_palette_finds_commands_without_diacritics(draft_file):
    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            for typed, wanted in (("luu", "Lưu bản thảo"), ("xuat", "Xuất DOCX"), ("can cu", "Bước: Căn cứ")):
                await pilot.press("ctrl+p")
                await settle(pilot)
                await pilot.press(*[("space" if c == " " else c) for c in typed])
                await pilot.pause(0.6)
                await settle(pilot)
                shown = [str(o.prompt) for o in app.screen.query_one(CommandList).options]
                assert any(wanted in s for s in shown), (typed, shown)
                await pilot.press("escape")
                await settle(pilot)

    asyncio.run(go())
