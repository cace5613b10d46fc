"""The editor: a sidebar of steps (with their state) beside the current step."""
from __future__ import annotations

from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Header, OptionList
from textual.widgets.option_list import Option

from drafter.fieldpath import FieldPath

from ..state import STEPS, Session
from ..steps import STEP_CLASSES, ReviewStep, Step

MARKS = {"done": "[green]✓[/green]", "problem": "[red]![/red]", "todo": "[dim]·[/dim]"}
SIDEBAR_TEXT = 24  # #sidebar's width (26 in drafter.tcss) less its border


class Sidebar(OptionList):
    """The steps; ✓ complete, ! has problems, · still to do."""

    def prompts(self, status: dict, counts: dict) -> list[Option]:
        """One line a step: its mark (✓ done, ! problem, · to do) and its problem count when it fits."""
        out = []
        for i, (key, title) in enumerate(STEPS, 1):
            n = counts.get(key, 0)
            extra = f" [red]({n})[/red]" if n and key != "review" else ""
            if len(f"? {i}. {title} ({n})") > SIDEBAR_TEXT:  # a wrapped count breaks the list's rhythm
                extra = ""
            out.append(Option(f"{MARKS[status[key]]} {i}. {title}{extra}", id=key))
        return out

    def update_status(self, status: dict, counts: dict) -> None:
        for option in self.prompts(status, counts):
            self.replace_option_prompt(option.id, option.prompt)


class EditorScreen(Screen):
    BINDINGS = [
        Binding("ctrl+s", "app.save", "Lưu", priority=True),
        Binding("ctrl+e", "export", "Xuất DOCX", priority=True),
        Binding("f6", "step(1)", "Bước sau", priority=True),
        Binding("f5", "step(-1)", "Bước trước", priority=True),
        Binding("f2", "sidebar", "Các bước", priority=True),
        Binding("ctrl+q", "app.quit", "Thoát"),
    ]

    def __init__(self, session: Session, *, pdf: bool = True, step: str = "general") -> None:
        super().__init__()
        self.session = session
        self.pdf = pdf  # the review step's PDF box starts ticked
        self.current = step

    def compose(self) -> ComposeResult:
        session = self.session
        yield Header(icon="✎")
        with Horizontal():
            counts = {k: len(v) for k, v in session.problems_by_step().items()}
            bar = Sidebar(*Sidebar().prompts(session.step_status(), counts), id="sidebar")
            bar.border_title = "Các bước"
            yield bar
            with ContentSwitcher(initial=f"step-{self.current}", id="content"):
                for cls in STEP_CLASSES:
                    yield cls(session, pdf=self.pdf) if cls is ReviewStep else cls(session)
        yield Footer()

    def on_mount(self) -> None:
        bar = self.query_one(Sidebar)
        bar.highlighted = [k for k, _ in STEPS].index(self.current)
        self.app.update_title()
        self.call_after_refresh(self.step_widget(self.current).focus_first)

    def step_widget(self, key: str):
        return self.query_one(f"#step-{key}")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if isinstance(event.option_list, Sidebar):
            event.stop()
            self.run_worker(partial(self.show_step, event.option.id, focus=True), exclusive=True, group="step")

    async def show_step(self, key: str, focus: bool = False, field: FieldPath | None = None) -> None:
        if key != self.current:
            self.app.autosave()
        self.current = key
        step = self.step_widget(key)
        await step.reload()  # read the YAML again: other steps may have changed it
        self.query_one(ContentSwitcher).current = f"step-{key}"
        bar = self.query_one(Sidebar)
        index = [k for k, _ in STEPS].index(key)
        if bar.highlighted != index:
            bar.highlighted = index
        if field is not None:
            step.call_after_refresh(lambda: step.call_after_refresh(step.focus_field, field))
        elif focus:
            step.call_after_refresh(step.focus_first)

    def action_step(self, delta: int) -> None:
        keys = [k for k, _ in STEPS]
        i = (keys.index(self.current) + delta) % len(keys)
        self.run_worker(partial(self.show_step, keys[i], focus=True), exclusive=True, group="step")

    def action_sidebar(self) -> None:
        self.query_one(Sidebar).focus()

    def jump_to(self, field: FieldPath | None) -> None:
        key = self.session.step_of(field)
        self.run_worker(partial(self.show_step, key, field=field or FieldPath()), exclusive=True, group="step")

    def on_review_step_jump_to(self, message: ReviewStep.JumpTo) -> None:
        message.stop()
        self.jump_to(message.field)

    def on_step_changed(self, message: Step.Changed) -> None:
        message.stop()
        self.session_changed()

    def session_changed(self) -> None:
        """The draft changed (or was saved): the steps' marks and the title."""
        counts = {k: len(v) for k, v in self.session.problems_by_step().items()}
        self.query_one(Sidebar).update_status(self.session.step_status(), counts)
        self.app.update_title()

    def action_export(self) -> None:
        """Ctrl+E from any step: show the review step, then export from it."""

        async def export() -> None:
            if self.current != "review":
                await self.show_step("review")
            self.step_widget("review").export()

        self.run_worker(export, exclusive=True, group="step")
