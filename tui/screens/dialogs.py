"""Small modal questions: confirm, choose among answers, recover autosaved work."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option


class Choice(ModalScreen[str | None]):
    """A question with buttons; dismisses with the id of the chosen button (None on Esc)."""

    BINDINGS = [Binding("escape", "cancel", "Hủy")]

    def __init__(self, question: str, answers: list[tuple[str, str, str]], title: str = ""):
        super().__init__()
        self.question = question
        self.answers = answers  # (id, label, variant)
        self.heading = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            if self.heading:
                yield Label(self.heading, classes="dialog-title")
            yield Static(self.question, classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                for key, label, variant in self.answers:
                    yield Button(label, id=key, variant=variant)

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def confirm(question: str, yes: str = "Đồng ý", no: str = "Hủy", title: str = "") -> Choice:
    return Choice(question, [("yes", yes, "primary"), ("no", no, "default")], title)


class RecoverScreen(ModalScreen[tuple[str, object] | None]):
    """Autosaved drafts found on start: recover one, discard it, or decide later."""

    BINDINGS = [Binding("escape", "later", "Để sau")]

    def __init__(self, recoveries: list):
        super().__init__()
        self.recoveries = recoveries

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label("Khôi phục bản thảo chưa lưu", classes="dialog-title")
            yield Static("Lần trước drafter đóng khi còn thay đổi chưa lưu. Chọn bản thảo để khôi phục:",
                         classes="dialog-text")
            yield OptionList(*[Option(r.describe(), id=str(i)) for i, r in enumerate(self.recoveries)],
                             id="recover-list")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Khôi phục", id="recover", variant="primary")
                yield Button("Bỏ bản này", id="discard", variant="error")
                yield Button("Để sau", id="later")

    def on_mount(self) -> None:
        lst = self.query_one(OptionList)
        lst.highlighted = 0
        lst.focus()

    def _current(self):
        idx = self.query_one(OptionList).highlighted
        return self.recoveries[idx] if idx is not None and idx < len(self.recoveries) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(("recover", self._current()))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        current = self._current()
        if event.button.id == "later" or current is None:
            self.dismiss(None)
        elif event.button.id == "recover":
            self.dismiss(("recover", current))
        else:
            current.discard()
            self.recoveries.remove(current)
            if not self.recoveries:
                self.dismiss(None)
                return
            lst = self.query_one(OptionList)
            lst.clear_options()
            lst.add_options([Option(r.describe(), id=str(i)) for i, r in enumerate(self.recoveries)])
            lst.highlighted = 0

    def action_later(self) -> None:
        self.dismiss(None)


class FormDialog(ModalScreen):
    """A dialog with fields: Enter or its OK button accepts, Esc or any other button cancels."""

    BINDINGS = [Binding("escape", "cancel", "Hủy")]
    ok_id = "ok"

    def accept(self) -> None:
        """Check the fields, then ``dismiss`` with the answer (or say what is wrong)."""

    def on_input_submitted(self, event) -> None:
        event.stop()
        self.accept()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == self.ok_id:
            self.accept()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class AskPath(FormDialog):
    """Asks for a file path (Save as): a path without «.yaml» gets it."""

    def __init__(self, question: str, value: str, title: str = ""):
        super().__init__()
        self.question, self.value, self.heading = question, value, title

    def compose(self) -> ComposeResult:
        from ..widgets.fields import VInput

        with Vertical(classes="dialog"):
            if self.heading:
                yield Label(self.heading, classes="dialog-title")
            yield Static(self.question, classes="dialog-text")
            yield VInput(self.value, id="ask-path")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Lưu", id="ok", variant="primary")
                yield Button("Hủy", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#ask-path").focus()

    def accept(self) -> None:
        from pathlib import Path

        value = self.query_one("#ask-path").value.strip()
        if value:
            path = Path(value).expanduser()
            self.dismiss(path if path.suffix in (".yaml", ".yml") else path.with_suffix(".yaml"))
