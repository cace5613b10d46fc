"""The editor: a sidebar of steps (with their state) beside the current step."""
from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Header, OptionList
from textual.widgets.option_list import Option

from drafter.fieldpath import FieldPath

from ..state import STEPS, Session, run_checks
from ..steps import STEP_CLASSES, ReviewStep, Step
from ..widgets.keys import STEPS_GROUP, KeyFooter

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

    _shown: tuple | None = None

    def update_status(self, status: dict, counts: dict) -> None:
        if self._shown == (status, counts):  # most keystrokes change no mark: no redraw
            return
        self._shown = (status, counts)
        for option in self.prompts(status, counts):
            self.replace_option_prompt(option.id, option.prompt)


class EditorScreen(Screen):
    BINDINGS = [
        Binding("ctrl+s", "app.save", "Lưu", priority=True),
        Binding("ctrl+e", "export", "Xuất", priority=True, tooltip="Xuất DOCX (và PDF)"),
        Binding("f5", "step(-1)", "Bước trước", priority=True, group=STEPS_GROUP),
        Binding("f6", "step(1)", "Bước sau", priority=True, group=STEPS_GROUP),
        Binding("f2", "sidebar", "Các bước", priority=True, tooltip="F2 lần nữa: ẩn, hiện danh sách các bước"),
        Binding("ctrl+z", "undo", "Hoàn tác"),
        Binding("ctrl+q", "app.quit", "Thoát"),
        Binding("f4", "preview", "Bản in", priority=True, tooltip="Hiện, ẩn các trang như khi in, bên cạnh bước đang soạn"),
    ]

    CHECK_DELAY = 0.4  # seconds after the last keystroke before the content rules run

    def __init__(self, session: Session, *, pdf: bool = True, step: str = "general") -> None:
        super().__init__()
        self.session = session
        self.pdf = pdf  # the review step's PDF box starts ticked
        self.current = step
        self._check_timer = None

    def compose(self) -> ComposeResult:
        session = self.session
        yield Header(icon="✎")
        with Horizontal():
            counts = {k: len(v) for k, v in session.problems_by_step().items()}
            bar = Sidebar(*Sidebar().prompts(session.step_status(), counts), id="sidebar")
            bar.border_title = "Các bước"
            bar.border_subtitle = "✓xong ·chưa làm !lỗi"  # what the marks mean
            yield bar
            with ContentSwitcher(initial=f"step-{self.current}", id="content"):
                yield self.make_step(self.current)  # the others are built when first shown (a quick start)
        yield KeyFooter()

    def on_mount(self) -> None:
        bar = self.query_one(Sidebar)
        bar.highlighted = [k for k, _ in STEPS].index(self.current)
        self.app.update_title()
        self.call_after_refresh(self.step_widget(self.current).focus_first)
        # the content rules once the editor is on screen, never before (their first run imports them)
        self.call_after_refresh(self.schedule_checks, 0.05)

    # -- content rules: after typing pauses, off the UI thread
    def schedule_checks(self, delay: float | None = None) -> None:
        """(Re)start the pause after which the content rules run: a burst of keys runs them once."""
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(self.CHECK_DELAY if delay is None else delay, self._start_checks)

    def _start_checks(self) -> None:
        self._check_timer = None
        job = self.session.pending_checks()
        if job is not None:
            self.run_worker(partial(self._run_checks, *job), thread=True, exclusive=True, group="checks",
                            exit_on_error=False)

    class ChecksDone(Message):
        """The content rules' findings for the text of ``generation``."""

        def __init__(self, generation: int, warnings: list) -> None:
            super().__init__()
            self.generation, self.warnings = generation, warnings

    def _run_checks(self, generation: int, draft) -> None:
        """In a worker thread: the rules read the validated draft, a copy of what is being typed.
        The result is posted (never waited for: the app may be closing)."""
        self.post_message(self.ChecksDone(generation, run_checks(draft)))

    def on_editor_screen_checks_done(self, message: "EditorScreen.ChecksDone") -> None:
        message.stop()
        if not self.session.apply_checks(message.generation, message.warnings):
            return  # typed since: the timer started by that keystroke runs them again
        self.show_problems()
        if self.current == "review" and self.query("#step-review"):
            self.step_widget("review").refresh_view()
        if self.app.screen is not self and hasattr(self.app.screen, "show_problems"):
            self.app.screen.show_problems()  # the appendix editor over this screen shows them too

    def make_step(self, key: str) -> Step:
        cls = STEP_CLASSES[[k for k, _ in STEPS].index(key)]
        return cls(self.session, pdf=self.pdf) if cls is ReviewStep else cls(self.session)

    def step_widget(self, key: str):
        return self.query_one(f"#step-{key}")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if isinstance(event.option_list, Sidebar):
            event.stop()
            self.run_worker(partial(self.show_step, event.option.id, focus=True), exclusive=True, group="step")

    async def show_step(self, key: str, focus: bool = False, field: FieldPath | None = None) -> None:
        self._going = key
        if key != self.current:
            self.app.autosave()
        self.current = key
        if self.query(f"#step-{key}"):
            step = self.step_widget(key)
            await step.reload()  # read the YAML again: other steps may have changed it
        else:
            step = self.make_step(key)
            await self.query_one(ContentSwitcher).mount(step)
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
        # counted from the step last asked for: F6 pressed three times quickly goes three steps on
        self._going = keys[(keys.index(getattr(self, "_going", None) or self.current) + delta) % len(keys)]
        self.run_worker(partial(self.show_step, self._going, focus=True), exclusive=True, group="step")

    def action_sidebar(self) -> None:
        """F2: to the list of steps; pressed there, the list hides (the step gets the width) until F2 again."""
        bar = self.query_one(Sidebar)
        if bar.display and bar.has_focus:
            bar.display = False
            self.step_widget(self.current).focus_first()
        else:
            bar.display = True
            bar.focus()

    def jump_to(self, field: FieldPath | None) -> None:
        if field is not None and field[:1] == ("appendices",):
            from .appendix import open_appendices

            open_appendices(self.app, field)
            return
        key = self.session.step_of(field)
        self.run_worker(partial(self.show_step, key, field=field or FieldPath()), exclusive=True, group="step")

    def on_review_step_jump_to(self, message: ReviewStep.JumpTo) -> None:
        message.stop()
        self.jump_to(message.field)

    def on_step_changed(self, message: Step.Changed) -> None:
        message.stop()
        self.session_changed()

    def session_changed(self) -> None:
        """The draft changed (or was saved): the steps' marks and the title now, the content
        rules after the pause."""
        self.show_problems()
        if self.session.checks_pending:
            self.schedule_checks()

    def show_problems(self) -> None:
        """The steps' marks and problem counts, and the title."""
        counts = {k: len(v) for k, v in self.session.problems_by_step().items()}
        self.query_one(Sidebar).update_status(self.session.step_status(), counts)
        self.app.update_title()

    def action_undo(self) -> None:
        """Ctrl+Z outside a text box: the last structure change (add, move, delete) undone."""
        self.run_worker(self._undo, exclusive=True, group="undo")

    async def _undo(self) -> None:
        point = await undo_last(self)
        if point is None:
            return
        step = self.step_widget(self.current)
        await step.restored(point.path)
        self.session_changed()
        self.notify(f"Đã hoàn tác: {point.what}.")

    async def returned(self) -> None:
        """Back from a screen over the editor (the appendix editor): the step and the pages beside
        it (F4) read the draft again."""
        await self.step_widget(self.current).reload()
        self.session_changed()
        for pane in self.query("#side-preview"):
            if pane.display:
                pane.schedule()

    def action_export(self) -> None:
        """Ctrl+E from any step: show the review step, then export from it."""

        async def export() -> None:
            if self.current != "review":
                await self.show_step("review")
            self.step_widget("review").export()

        self.run_worker(export, exclusive=True, group="step")

    # -- the pages beside the form (F4)
    PREVIEW_BESIDE_SIDEBAR = 110  # narrower than this, the pages take the sidebar's place

    def action_preview(self) -> None:
        """F4: the pages as they will print beside the step (again: hidden). Built (and its module
        imported) on first use: the editor starts without it."""
        from ..widgets.page_preview import PagePreview

        panes = self.query("#side-preview")
        bar = self.query_one(Sidebar)
        if panes and panes.first().display:
            panes.first().display = False
            if getattr(self, "_bar_hidden_for_preview", False):
                bar.display = True
            return
        self._bar_hidden_for_preview = bar.display and self.size.width < self.PREVIEW_BESIDE_SIDEBAR
        if self._bar_hidden_for_preview:
            bar.display = False
        if panes:
            panes.first().display = True
            panes.first().schedule()
        else:
            self.query_one("#content").parent.mount(PagePreview(self.session, id="side-preview"))
            self.set_interval(0.5, self._follow_tree)  # a tree's cursor moves without a focus event

    @on(Step.Changed)
    def _pages_follow_changes(self, _message: Step.Changed) -> None:
        for pane in self.query("#side-preview"):
            if pane.display:
                self._follow_focus(pane)
                pane.schedule()

    def on_descendant_focus(self, _event) -> None:
        """The pages beside the form scroll to what the field being edited prints."""
        for pane in self.query("#side-preview"):
            if pane.display:
                self._follow_focus(pane)

    def _follow_focus(self, pane) -> None:
        widget = self.focused
        field = getattr(widget, "field", None)
        if field is not None:
            value = getattr(widget, "value", None)
            pane.follow(field, getattr(widget, "text", None) if value is None else value)

    def _follow_tree(self) -> None:
        """The pages beside the tasks tree follow its cursor (a section, an area, a task)."""
        node = getattr(self.focused, "cursor_node", None)
        path = getattr(node, "data", None)
        if not isinstance(path, tuple) or path == getattr(self, "_tree_followed", None):
            return
        self._tree_followed = path
        element = self.session.get(path)
        text = element.get("title") or element.get("text") if isinstance(element, dict) else None
        for pane in self.query("#side-preview"):
            if pane.display:
                pane.follow(FieldPath(path), text)


async def undo_last(screen):
    """Ctrl+Z: the last structure change undone, after asking when text was typed since (None: not undone)."""
    from .dialogs import confirm

    history = screen.session.edits.history
    if not history:
        screen.notify("Không còn thay đổi cấu trúc nào để hoàn tác.", severity="warning")
        return None
    point = history[-1]
    if point.typed:
        question = f"Hoàn tác «{point.what}» cũng bỏ những gì đã gõ sau thao tác đó. Hoàn tác?"
        if await screen.app.push_screen_wait(confirm(question, yes="Hoàn tác", no="Giữ nguyên")) != "yes":
            return None
    return screen.session.edits.undo()
