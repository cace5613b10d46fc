"""The pages as they will print, beside the form or in the review step, refreshed after typing stops.

What it shows is :mod:`drafter.pages`: the render context the DOCX is built from, laid out as A4
pages (page breaks estimated from ND 30's page and Times New Roman's widths). The draft is
validated again here, a moment after the last change (``DEBOUNCE``), and laid out in a worker
thread, so typing never waits for it; while the draft has errors the last good pages stay, marked
as such.
"""
from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from drafter.errors import DrafterError
from drafter.fieldpath import FieldPath
from drafter.loader import validate
from drafter.pages import Line, Preview, preview
from drafter.yamlio import position

PAPER_MAX = 76  # columns of paper at most: wider lines read badly


class PagePreview(ScrollView, can_focus=True):
    """A scrollable column of pages ("— Trang 2 —" where each begins)."""

    DEBOUNCE = 0.4  # seconds after the last change

    COMPONENT_CLASSES = {"page-preview--paper", "page-preview--mark", "page-preview--rule",
                         "page-preview--muted", "page-preview--note"}
    DEFAULT_CSS = """
    PagePreview {
        border: round $secondary 50%;
        border-title-color: $text-muted;
        border-subtitle-color: $text-muted;
        scrollbar-size-vertical: 1;
        scrollbar-size-horizontal: 0;
    }
    PagePreview:focus { border: round $accent; }
    PagePreview > .page-preview--paper { background: $panel; color: $text; }
    PagePreview > .page-preview--mark { color: $accent; text-style: bold; }
    PagePreview > .page-preview--rule { color: $text-muted; }
    PagePreview > .page-preview--muted { color: $text-muted; text-style: italic; }
    PagePreview > .page-preview--note { color: $warning; }
    """

    def __init__(self, session, *, id: str | None = None, classes: str = "") -> None:
        super().__init__(id=id, classes=classes)
        self.session = session
        self.pages: Preview | None = None
        self.stale = False  # the draft has errors: the pages are those of its last valid state
        self._lines: list[Line] = []
        self._rows: dict[int, int] = {}
        self._cols = 0
        self._timer: Timer | None = None
        self._generation = 0
        self._following: tuple | None = None  # (field, value) last followed
        self._busy = False  # a layout is running in a worker
        self._again = False  # the draft changed while it ran
        self.border_title = "Xem trước bản in"

    # -- when to lay out again
    def on_mount(self) -> None:
        self.refresh_now()

    def schedule(self) -> None:
        """The draft changed: lay it out again once typing has paused for ``DEBOUNCE`` seconds."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(self.DEBOUNCE, self.refresh_now)

    def refresh_now(self) -> None:
        """Validate the draft as it is now (on this thread: the YAML is not thread-safe), then lay
        the pages out in a worker. One layout at a time: a change during one is laid out after it
        (a very long draft never piles up threads)."""
        self._timer = None
        if self._busy:
            self._again = True
            return
        self._generation += 1
        session = self.session
        try:
            draft = validate(session.data, str(session.path) if session.path else None).draft
            self.stale = False
        except DrafterError:
            draft, self.stale = session.draft, True
        if draft is None:
            self._show(None, self._generation)
            return
        generation, cols = self._generation, self.paper_cols()
        self._busy = True
        self.run_worker(lambda: self._layout(draft, generation, cols), thread=True, group="page-preview")

    def _layout(self, draft, generation: int, cols: int) -> None:
        """In a worker thread: the pages, and their lines at the pane's width."""
        try:
            pages = preview(draft)
            drawn = pages.lines(cols)
        except Exception:  # noqa: BLE001 - a preview never takes the editor down
            pages, drawn = None, None
        self.app.call_from_thread(self._show, pages, generation, drawn, cols)

    def _show(self, pages: Preview | None, generation: int, drawn=None, cols: int = 0) -> None:
        self._busy = False
        if generation == self._generation:  # else a later change was laid out already
            self.pages = pages
            self._redraw(drawn if cols == self.paper_cols() else None)
        if self._again:  # the draft changed while this layout ran: once more
            self._again = False
            self.refresh_now()

    # -- drawing
    def paper_cols(self) -> int:
        """Columns of paper: the pane less a margin each side and the scrollbar's column (always
        counted, so that the pages do not wrap again when it appears)."""
        return max(min(self.content_region.width - 3, PAPER_MAX), 20)

    def _redraw(self, drawn: tuple | None = None) -> None:
        """Show the pages at the pane's width (``drawn``: already drawn at it by the worker)."""
        cols = self.paper_cols()
        if self.pages is None:
            note = "(bản thảo còn lỗi: sửa các lỗi để xem trước)" if self.stale else "(chưa có gì để xem)"
            self._lines, self._rows = [((note, "note"),)], {}
            self.border_subtitle = ""
        else:
            lines, self._rows = drawn or self.pages.lines(cols)
            self._lines = [tuple((s.text, s.style) for s in line) for line in lines]
            note = "bản hợp lệ gần nhất · " if self.stale else ""
            self.border_subtitle = f"{note}{self.pages.summary().replace(' (ước tính)', '')} (ước tính)"
        self._cols = cols
        self.virtual_size = Size(cols + 2, len(self._lines))
        self.refresh()
        if self._following is not None:  # the field being typed in stays in view
            self.follow(*self._following)

    def on_resize(self) -> None:
        if self.pages is not None and self.paper_cols() != self._cols:
            self._redraw()

    def text(self) -> str:
        """What is on the pages, as plain text (tests)."""
        return "\n".join("".join(t for t, _ in line).rstrip() for line in self._lines)

    def render_line(self, y: int) -> Strip:
        index = y + round(self.scroll_offset.y)
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        line = self._lines[index]
        mark = bool(line) and line[0][1] == "mark" or len(line) > 1 and line[1][1] == "mark"
        paper = base if mark else base + self.get_component_rich_style("page-preview--paper")
        segments = [Segment(" ", paper)]
        for text, style in line:
            segments.append(Segment(text, paper + self._style(style)))
        used = 1 + sum(len(t) for t, _ in line)
        segments.append(Segment(" " * max(self._cols + 2 - used, 0), paper))
        return Strip(segments).crop_extend(0, width, base)

    def _style(self, name: str) -> Style:
        if name in ("mark", "rule", "muted", "note"):
            return self.get_component_rich_style(f"page-preview--{name}", partial=True)
        return Style(bold="b" in name or None, italic="i" in name or None)

    # -- following the form
    def follow(self, field: FieldPath | None, value: object = None) -> None:
        """Scroll to what ``field`` prints: the first line showing the start of its ``value``, else
        the paragraph written at (or last before) the field's YAML line."""
        self._following = (field, value)
        row = self._row_of_text(value) if isinstance(value, str) else None
        if row is None and field and self._rows:
            line, _ = position(self.session.data, tuple(field))
            before = [src for src in self._rows if line is not None and src <= line]
            row = self._rows[max(before)] if before else None
        if row is not None:
            self.scroll_to(y=max(row - 2, 0), animate=False)

    def _row_of_text(self, value: str) -> int | None:
        words = value.split()
        plain = ["".join(t for t, _ in line) for line in self._lines]
        for n in (4, 3, 2):
            if len(words) < n:
                continue
            needle = " ".join(words[:n])
            for row, line in enumerate(plain):
                if needle in line:
                    return row
        return None
