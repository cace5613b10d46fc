"""Vietnamese typed with Unikey/EVKey arrives intact in every kind of text field.

Telex and VNI input methods rewrite what was typed: after each key they send as many
backspaces as letters changed, then the new letters. Each word below is the sequence
of states the IME shows while the user types it in Telex; the test sends exactly
what the IME sends between two states (backspaces, then the composed letters), in
three flavours: BS as the Backspace key, BS as Ctrl+H, and composed letters arriving
decomposed (NFD, one key event per code point).
"""
import asyncio
import unicodedata

import pytest
from textual.app import App, ComposeResult

from drafter_tui.app import DrafterApp
from drafter_tui.widgets.fields import VInput, VTextArea

# Telex: "dduwowcj" → được, "Vieetj" → Việt, "nguwowif" → người, "hanhf" → hành, "chinhs" → chính
WORDS = [
    ["d", "đ", "đu", "đuo", "đươ", "đươc", "được"],
    ["V", "Vi", "Vie", "Viê", "Viêt", "Việt"],
    ["N", "Na", "Nam"],
    ["n", "ng", "ngu", "nguo", "ngươ", "ngươi", "người"],
    ["h", "ha", "han", "hanh", "hành"],
    ["c", "ch", "chi", "chin", "chinh", "chính"],
    ["Đ", "Đa", "Đă", "Đăn", "Đăng"],
    ["k", "ky", "ký"],
]
EXPECTED = "được Việt Nam người hành chính Đăng ký"


def ime_bytes(words, backspace="\x7f", nfd=False) -> str:
    """What the terminal receives while the user types ``words`` (separated by spaces) with an IME."""
    out = ""
    for w, states in enumerate(words):
        if w:
            out += " "
        before = ""
        for state in states:
            k = 0
            while k < min(len(before), len(state)) and before[k] == state[k]:
                k += 1
            new = state[k:]
            out += backspace * (len(before) - k) + (unicodedata.normalize("NFD", new) if nfd else new)
            before = state
    return out


async def type_raw(app, pilot, text: str) -> None:
    """Feed the bytes through Textual's terminal parser, as the real driver does, key by key."""
    from textual._xterm_parser import XTermParser

    parser = XTermParser()
    for event in parser.feed(text):
        app.post_message(event)
    for event in parser.feed(""):
        app.post_message(event)
    for _ in range(4):
        await pilot.pause()


class Fields(App):
    def compose(self) -> ComposeResult:
        yield VInput(id="one")
        yield VTextArea(id="many")


FLAVOURS = [("\x7f", False), ("\x08", False), ("\x7f", True), ("\x08", True)]


@pytest.mark.parametrize("backspace,nfd", FLAVOURS, ids=["bs", "ctrl-h", "bs-nfd", "ctrl-h-nfd"])
@pytest.mark.parametrize("field", ["#one", "#many"])
def test_telex_in_bare_fields(field, backspace, nfd):
    asyncio.run(_bare(field, backspace, nfd))


async def _bare(field, backspace, nfd):
    app = Fields()
    async with app.run_test() as pilot:
        widget = app.query_one(field)
        widget.focus()
        await type_raw(app, pilot, ime_bytes(WORDS, backspace, nfd))
        text = widget.value if isinstance(widget, VInput) else widget.text
        assert text == EXPECTED
        assert unicodedata.is_normalized("NFC", text)
        # the text cursor (and so the terminal cursor) sits right after what was typed
        if isinstance(widget, VInput):
            assert widget.cursor_position == len(EXPECTED)
        else:
            assert widget.cursor_location == (0, len(EXPECTED))
        assert app.cursor_position == widget.cursor_screen_offset


@pytest.mark.parametrize("backspace,nfd", FLAVOURS, ids=["bs", "ctrl-h", "bs-nfd", "ctrl-h-nfd"])
def test_telex_in_the_app_fields_reaches_the_draft(draft_file, backspace, nfd):
    """An Input (place) and a TextArea (subject) of the real editor store the intended words."""
    asyncio.run(_in_app(draft_file, backspace, nfd))


async def _in_app(draft_file, backspace, nfd):
    app = DrafterApp(draft_file, pdf=False, autosave_seconds=0, check_recovery=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        place = app.screen.query_one("#f-place", VInput)
        place.focus()
        place.value = ""
        await type_raw(app, pilot, ime_bytes(WORDS[:2], backspace, nfd))
        subject = app.screen.query_one("#f-subject", VTextArea)
        subject.focus()
        subject.select_all()
        await type_raw(app, pilot, "\x7f" + ime_bytes(WORDS, backspace, nfd))
        await pilot.pause()
        assert app.session.data["place"] == "được Việt"
        assert app.session.data["subject"] == EXPECTED
        assert app.session.draft.subject == EXPECTED
