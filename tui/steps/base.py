"""What every step shares: fields that carry the draft path they edit, and a list beside a form.

A step edits the session's YAML only through ``session.edits`` (``drafter.edits``), which
validates again after each change; it then posts :class:`Step.Changed` so that the screen
redraws the sidebar. Steps never call the app.
"""
from __future__ import annotations

from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Checkbox, Select, Static, TextArea

from drafter.fieldpath import FieldPath
from drafter.text import nfc

from ..state import STEP_TITLES, Session
from ..widgets.fields import VInput, VTextArea


def lines_of(text: str) -> list[str]:
    """One paragraph a line, blank lines dropped."""
    return [nfc(line.strip()) for line in text.splitlines() if line.strip()]


def short(text, width: int) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


class Step(VerticalScroll):
    """Base of a step: generic writing of fields that carry a ``field`` path."""

    key = ""

    class Changed(Message):
        """The draft changed: the screen updates the steps' marks and the title."""

    def __init__(self, session: Session) -> None:
        super().__init__(id=f"step-{self.key}", classes="step")
        self.session = session

    @property
    def edits(self):
        return self.session.edits

    @property
    def data(self):
        return self.session.data

    def heading(self) -> Static:
        return Static(STEP_TITLES[self.key], classes="step-title")

    def changed(self) -> None:
        """After a change to the draft: this step's previews, then the screen is told."""
        self.refresh_view()
        self.post_message(Step.Changed())

    def edited(self, changed: bool) -> bool:
        if changed:
            self.changed()
        return changed

    def write(self, path: tuple, value, drop_empty: bool = False) -> bool:
        return self.edited(self.edits.set(path, value, drop_empty=drop_empty))

    # generic handlers: a widget with ``field`` writes there; ``setter`` overrides
    def _dispatch(self, widget, value) -> None:
        setter = getattr(widget, "setter", None)
        field = getattr(widget, "field", None)
        if setter is not None:
            setter(value)
        elif field is not None:
            self.write(field, value, drop_empty=getattr(widget, "drop_empty", False))

    @staticmethod
    def _edits_draft(widget) -> bool:
        return getattr(widget, "field", None) is not None or getattr(widget, "setter", None) is not None

    def on_input_changed(self, event: VInput.Changed) -> None:
        if self._edits_draft(event.input):
            event.stop()
            self._dispatch(event.input, event.value)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self._edits_draft(event.text_area):
            event.stop()
            self._dispatch(event.text_area, event.text_area.text)

    def on_select_changed(self, event: Select.Changed) -> None:
        if self._edits_draft(event.select):
            event.stop()
            self._dispatch(event.select, None if event.value is Select.NULL else event.value)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if self._edits_draft(event.checkbox):
            event.stop()
            self._dispatch(event.checkbox, event.value)

    # helpers that build fields
    def field_input(self, label: str, path: tuple, *, placeholder: str = "", drop_empty: bool = False,
                    validators=None, restrict: str | None = None, setter=None, value=None, id=None):
        current = value if value is not None else self.session.get(path)
        w = VInput("" if current is None else str(current), placeholder=placeholder, field=FieldPath(path),
                   validators=validators, restrict=restrict, id=id, valid_empty=True)
        w.drop_empty = drop_empty
        w.setter = setter
        w.border_title = label
        return w

    def field_text(self, label: str, path: tuple, *, text: str | None = None, drop_empty: bool = False,
                   setter=None, placeholder: str = "", classes: str = "", id=None):
        current = text if text is not None else self.session.get(path)
        w = VTextArea("" if current is None else str(current), field=FieldPath(path), placeholder=placeholder,
                      classes=classes, id=id)
        w.drop_empty = drop_empty
        w.setter = setter
        w.border_title = label
        return w

    def field_select(self, label: str, path: tuple, options, *, allow_blank=True, prompt="(chưa chọn)",
                     setter=None, value=None, id=None):
        current = value if value is not None else self.session.get(path)
        values = [v for _, v in options]
        w = Select(options, allow_blank=allow_blank, prompt=prompt, id=id,
                   value=current if current in values else (Select.NULL if allow_blank else values[0]))
        w.field = FieldPath(path)
        w.setter = setter
        w.drop_empty = True
        w.border_title = label
        return w

    def focus_field(self, path: FieldPath) -> None:
        """Focus the field that edits ``path`` (or the nearest one above it)."""
        best, best_len = None, -1
        for w in self.query("*"):
            field = getattr(w, "field", None)
            if not isinstance(field, tuple) or not w.focusable:
                continue
            if path[: len(field)] == field and len(field) > best_len:
                best, best_len = w, len(field)
        if best is not None:
            best.focus()
            self.scroll_to_widget(best)
        else:
            self.focus_first()

    def focus_first(self) -> None:
        for w in self.query("*"):
            if w.focusable and not isinstance(w, (VerticalScroll, Static)):
                w.focus(scroll_visible=False)
                break
        self.scroll_home(animate=False)

    def refresh_view(self) -> None:
        """Show again what is derived from the draft (previews, derived duties)."""

    def after_compose(self) -> None:
        """Fill what compose cannot (tables, trees, previews); runs after every (re)compose."""
        self.refresh_view()

    def on_mount(self) -> None:
        self.after_compose()

    async def reload(self) -> None:
        await self.recompose()
        self.after_compose()

    async def restored(self, path: FieldPath | None) -> None:
        """After an undo: everything read again (``path``: where the undone change was)."""
        await self.reload()


class ListFormStep(Step):
    """A list of elements (bases, tasks, assignments) beside a form for the selected one."""

    form_id = ""  # the id of the form's container
    list_id = ""  # the id of the list (focused again after an undo)

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.selected: FieldPath | None = None

    def fill_list(self) -> None:
        """Show the elements with the cursor on ``selected`` (choosing the first when it is gone)."""

    async def fill_form(self, form: Vertical, path: FieldPath | None) -> None:
        """Mount the fields that edit the element at ``path``."""

    def target_of(self, path: FieldPath) -> FieldPath | None:
        """The element whose form edits ``path`` (None: not one of this list's)."""
        return None

    def after_compose(self) -> None:
        super().after_compose()
        self.fill_list()
        self.call_after_refresh(self.build_form)

    async def build_form(self) -> None:
        form = self.query_one(f"#{self.form_id}", Vertical)
        await form.remove_children()
        await self.fill_form(form, self.selected)

    def select(self, path: FieldPath | None) -> None:
        """The list's cursor moved to ``path``: show its form."""
        if path != self.selected:
            self.selected = path
            self.run_worker(self.build_form, exclusive=True, group=self.form_id)

    async def structure_changed(self, select: FieldPath | None) -> None:
        """After an add, move or delete: the list again, the form of ``select``."""
        self.selected = select
        Step.changed(self)
        self.fill_list()
        await self.build_form()

    def focus_first(self) -> None:
        """A list step starts on its list (keys move in it at once)."""
        if self.list_id:
            self.query_one(f"#{self.list_id}").focus(scroll_visible=False)
            self.scroll_home(animate=False)
        else:
            super().focus_first()

    async def restored(self, path: FieldPath | None) -> None:
        if path is not None:
            self.selected = self.target_of(FieldPath(path)) or self.selected
        await super().restored(path)
        if self.list_id:
            self.query_one(f"#{self.list_id}").focus()

    def focus_field(self, path: FieldPath) -> None:
        target = self.target_of(FieldPath(path))
        if target is not None and target != self.selected:
            self.selected = target
            self.fill_list()

            async def later():
                await self.build_form()
                Step.focus_field(self, path)

            self.run_worker(later, exclusive=True, group=self.form_id)
            return
        super().focus_field(path)
