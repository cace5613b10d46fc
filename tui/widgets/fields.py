"""Text fields that take Vietnamese typed with Unikey, EVKey or any IME intact.

Telex and VNI input methods edit what was already typed: they send backspaces, then
the composed letters ("d d" → BS "đ"; "u o w" → BS BS "ươ"). These fields therefore

* keep their text in NFC at all times, so one backspace removes one visible letter
  (a decomposed "ơ" would otherwise lose only its horn and leave "đươợc");
* normalise whatever arrives decomposed (NFD input from some IMEs and from macOS);
* treat Ctrl+H (the BS byte some terminals send) exactly as Backspace;
* delete a whole letter with its marks when a decomposed one slipped in anyway;
* keep the terminal cursor where the text cursor is (Textual moves it there), so an
  IME draws its composition at the right place;
* apply backspaces in order with the letters around them. Printable keys are handled
  by the field as they arrive, but Backspace is a key *binding*: the key event first
  bubbles up through every container to the app, which then runs the action. When an
  IME sends "d", BS, "đ" in one burst, the letters are already in when the backspace
  finally runs, and it deletes the wrong letter: "dđ", "đươợc", words cut at the end.
  The fields here handle Backspace, Ctrl+H, Delete, ← and → themselves, in order.
"""
from __future__ import annotations

import unicodedata

from textual.binding import Binding
from textual.validation import ValidationResult, Validator
from textual.widgets import Input, TextArea
from textual.widgets.text_area import Edit

from drafter.text import clean, nfc, one_line


def cluster_start(text: str, index: int) -> int:
    """Start of the letter (base + combining marks) that ends at ``index``."""
    i = index - 1
    while i > 0 and unicodedata.combining(text[i]):
        i -= 1
    return max(i, 0)


# Keys an IME sends in a burst with letters: handled in the field itself, in order.
IN_ORDER = {"backspace": "delete_left", "ctrl+h": "delete_left", "delete": "delete_right",
            "left": "cursor_left", "right": "cursor_right"}


class InOrder:
    """Mixin: Backspace, Delete, ← and → are applied in order with the letters around them."""

    async def _on_key(self, event) -> None:
        action = IN_ORDER.get(event.key)
        if action is not None and not getattr(self, "read_only", False):
            event.stop()
            event.prevent_default()
            getattr(self, f"action_{action}")()
            return
        await super()._on_key(event)


def _no_controls(text: str) -> str:
    """Typed or pasted text without control characters (BEL, \\x01…): they never reach the file."""
    return clean(text).replace("\n", " ").replace("\t", " ")


class VInput(InOrder, Input):
    """A one-line field for Vietnamese text."""

    BINDINGS = [Binding("ctrl+h", "delete_left", "Xóa trái", show=False)]

    def __init__(self, value: str | None = None, *args, field: tuple | None = None, **kwargs):
        super().__init__(nfc(value) if value else value, *args, **kwargs)
        self.field = field  # the draft path this field edits

    def _on_paste(self, event) -> None:
        """A paste is one line here: its lines joined with spaces, control characters left out."""
        event.stop()
        event.prevent_default()  # Textual's own handler would add the first line again
        text = one_line(event.text or "")
        if text:
            if self.selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *self.selection)

    def replace(self, text: str, start: int, end: int) -> None:
        text = _no_controls(text)
        value = self.value
        start, end = sorted((max(0, start), min(len(value), end)))
        head = value[:start] + text
        new = head + value[end:]
        fixed = nfc(new)
        if fixed == new:
            super().replace(text, start, end)
            return
        cursor = len(nfc(head))
        super().replace(fixed, 0, len(value))
        self.cursor_position = min(cursor, len(self.value))

    def action_delete_left(self) -> None:
        if self.selection.is_empty and self.cursor_position > 0:
            start = cluster_start(self.value, self.cursor_position)
            self.delete(start, self.cursor_position)
        else:
            super().action_delete_left()


class VTextArea(InOrder, TextArea):
    """A multi-line field for Vietnamese paragraphs (soft-wrapped, one paragraph a line)."""

    BINDINGS = [Binding("ctrl+h", "delete_left", "Xóa trái", show=False),
                Binding("ctrl+home", "text_start", "Về đầu ô", show=False),
                Binding("ctrl+end", "text_end", "Về cuối ô", show=False)]

    def action_text_start(self) -> None:
        self.move_cursor((0, 0))

    def action_text_end(self) -> None:
        self.move_cursor(self.document.end)

    def __init__(self, text: str = "", *args, field: tuple | None = None, **kwargs):
        kwargs.setdefault("soft_wrap", True)
        kwargs.setdefault("show_line_numbers", False)
        kwargs.setdefault("tab_behavior", "focus")
        super().__init__(nfc(text or ""), *args, **kwargs)
        self.field = field
        self._normalising = False

    def edit(self, edit: Edit):
        if "\t" in edit.text or clean(edit.text) != nfc(edit.text):
            edit.text = clean(edit.text).replace("\t", " ")  # control characters never reach the file
        result = super().edit(edit)
        if self._normalising:
            return result
        first = min(edit.from_location[0], result.end_location[0])
        last = max(edit.to_location[0], result.end_location[0])
        last = min(last, self.document.line_count - 1)
        self._normalising = True
        try:
            for row in range(first, last + 1):
                line = self.document[row]
                fixed = nfc(line)
                if fixed == line:
                    continue
                crow, ccol = self.cursor_location
                super().edit(Edit(fixed, (row, 0), (row, len(line)), maintain_selection_offset=False))
                if crow == row:
                    self.cursor_location = (row, len(nfc(line[:ccol])))
                else:
                    self.cursor_location = (crow, ccol)
        finally:
            self._normalising = False
        return result

    def action_delete_left(self) -> None:
        if self.selection.is_empty:
            row, col = self.cursor_location
            line = self.document[row]
            if col > 1 and unicodedata.combining(line[col - 1]):
                self._delete_via_keyboard((row, cluster_start(line, col)), (row, col))
                return
        super().action_delete_left()


class FnValidator(Validator):
    """A validator from a function returning an error message, or None when valid."""

    def __init__(self, check, allow_empty: bool = True):
        super().__init__()
        self.check = check
        self.allow_empty = allow_empty

    def validate(self, value: str) -> ValidationResult:
        if not value.strip():
            return self.success() if self.allow_empty else self.failure("không được để trống")
        message = self.check(value)
        return self.failure(message) if message else self.success()


def check_date(value: str) -> str | None:
    from pydantic import ValidationError

    from drafter.errors import validation_message
    from drafter.model import PartialDate

    try:
        PartialDate.model_validate(value)
    except ValidationError as exc:
        return validation_message(exc.errors()[0])
    return None


def check_symbol(value: str) -> str | None:
    """Number and symbol of a cited document: 76/NQ-CP, 57-NQ/TW, 72/2025/QH15."""
    import re

    if re.match(r"^\d+(\.\d+)?([-/][^\s/]+)?(/[^\s]+)*$", value.strip()):
        return None
    return "số, ký hiệu viết như 76/NQ-CP (văn bản nhà nước) hoặc 57-NQ/TW (văn bản của Đảng)"


def check_unit_name(value: str) -> str | None:
    return None if len(value.strip()) >= 3 else "tên đơn vị quá ngắn"
