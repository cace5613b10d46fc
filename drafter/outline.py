"""Lay the draft out as numbered paragraphs: the body tree numbered, with the bases and derived text.

The result (a list of :class:`Block`) is what a reader sees, with every number
resolved. Templates, the preview and the checker all read it; nothing here knows
about DOCX.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from . import inline
from .inline import Span
from .citations import plan_opening
from .duties import derived_duty, requested_with_duties, responsible_line, units_with_duties
from .model import Draft, Node, PartialDate, Task, Unit
from .numerals import letter, roman
from .text import upper_vi


@dataclass
class Block:
    """One paragraph of the body. ``style`` picks the template paragraph that shows it."""

    style: str  # h1 (I.), h2 (1.), h3b (1.1.), h3 (a)), p, dash, plus, note
    text: str  # as a reader sees it: inline tags removed
    prefix: str = ""  # the computed number: "I.", "2.", "b)", "2.1."
    src: object = field(default=None, repr=False, compare=False)
    spans: tuple[Span, ...] | None = field(default=None, compare=False)  # when some words are emphasised

    @property
    def full(self) -> str:
        return f"{self.prefix} {self.text}" if self.prefix else self.text

    @property
    def shown(self):
        """What the template writes for ``text``: runs when some words are emphasised."""
        return inline.runs_xml(list(self.spans)) if self.spans else self.text

    @property
    def shown_full(self) -> str | Markup:
        if not self.spans:
            return self.full
        return inline.runs_xml(([Span(self.prefix + " ")] if self.prefix else []) + list(self.spans))

    def append(self, tail: str) -> None:
        """Add words at the end (the "./."), in the last span's emphasis."""
        self.text += tail
        if self.spans:
            last = self.spans[-1]
            self.spans = self.spans[:-1] + (Span(last.text + tail, last.bold, last.italic),)


def rich(style: str, text: str, prefix: str = "", src=None) -> Block:
    """A block from what the user wrote: ``<b>``/``<i>`` tags become spans. Unbalanced tags (the
    loader reports them; text built in code is not checked) are printed as typed, never a crash."""
    if "<" in text and (inline.has_marks(text) or inline.ESCAPED.search(text)):
        try:
            parts = tuple(inline.spans(text))
        except ValueError:
            return Block(style, text, prefix, src)
        return Block(style, "".join(p.text for p in parts), prefix, src, parts)
    return Block(style, text, prefix, src)


# ----------------------------------------------------------------------------- dates

BLANK = "     "  # room for the clerk to write a number or a day by hand


def date_words(date: PartialDate) -> str:
    """"ngày 05 tháng 6 năm 2026": day under 10 and months 1, 2 padded (ND 30); blanks left open."""
    day = f"{date.day:02d}" if date.day else BLANK
    if date.month is None:
        month = BLANK
    else:
        month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return f"ngày {day} tháng {month} năm {date.year}"


def place_date(place: str, date: PartialDate) -> str:
    """"An Lạc, ngày 05 tháng 6 năm 2026"."""
    return f"{place}, {date_words(date)}"


def number_symbol(number: str, symbol: str) -> str:
    """"09/QĐ-UBND" (numbers under 10 padded), or a blank before the symbol until registered."""
    number = number.strip()
    if number.isdigit() and len(number) == 1:
        number = "0" + number
    return f"{number or BLANK}/{symbol}"


def number_line(number: str, symbol: str) -> str:
    return f"Số: {number_symbol(number, symbol)}"


# ------------------------------------------------------------------------- body

def _prefix(depth: int, index: int, parent_prefix: str, parent: Node | None) -> tuple[str, str]:
    """(style, number) of a titled node at ``depth`` (1 = section)."""
    if depth == 1:
        return "h1", f"{roman(index)}."
    if depth == 2:
        return "h2", f"{index}."
    if parent is not None and parent.numbering == "decimal" and parent_prefix.endswith("."):
        # "1.1." is bold like "1." (ND 30); "a)" is not. Under a point "a)" or an untitled node
        # there is no number to extend: letters, never "a).1." or ".1."
        return "h3b", f"{parent_prefix}{index}."
    return "h3", f"{letter(index)})"


def _paragraph(text: str) -> Block:
    if text.startswith("- "):
        return rich("dash", text)
    if text.startswith("+ "):
        return rich("plus", text)
    return rich("p", text)


def strip_bullet(text: str, bullet: str) -> str:
    """A task pasted with its bullet ("- Việc ...") under ``task_bullet: '-'`` keeps one bullet."""
    return text[2:].lstrip() if bullet and text.startswith(bullet + " ") else text


def _task_blocks(node: Node, task: Task, point: str = "", last: bool = True) -> list[Block]:
    bullet = node.task_bullet
    text = strip_bullet(task.body_text, bullet)
    if bullet and not task.items and text[-1:] not in ".;:!?":
        text += "." if last else ";"  # a list of bullets: ";" after each, "." after the last
    text = f"{bullet} {text}" if bullet else (f"{point} {text}" if point else text)
    blocks = [rich({"-": "dash", "+": "plus"}.get(bullet, "p"), text, src=task.src)]
    blocks += [rich("plus", i if i.startswith(("+ ", "- ")) else f"+ {i}") for i in task.items]
    return blocks


BOLD_HEADINGS = {"h1", "h2", "h3b"}


def _heading_with_text(style: str, number: str, title: str, text: str, src) -> Block:
    """"5. Sở Giáo dục và Đào tạo: Chủ trì ...": the numbered title as a heading, the text after it
    in the body's type, one paragraph."""
    lead = f"{number} {title}" if number else title
    if not lead.rstrip().endswith((":", ".")):
        lead += ":"
    body = rich("p", text)
    first, *rest = body.spans or (Span(body.text),)
    parts = (Span(lead, bold=style in BOLD_HEADINGS), Span(" " + first.text, first.bold, first.italic), *rest)
    return Block("p", "".join(p.text for p in parts), "", src, parts)


@dataclass
class Layout:
    """The computed numbering of a draft: node → its number, in reading order."""

    numbers: dict[int, str] = field(default_factory=dict)  # id(node) → "II.1"

    def ref(self, node: Node) -> str:
        return self.numbers.get(id(node), "")


class _Emitter:
    """Walks the body tree once, numbering titled nodes and collecting blocks."""

    def __init__(self, draft: Draft):
        self.draft = draft
        self.blocks: list[Block] = []
        self.layout = Layout()

    def node(self, node: Node, depth: int, index: int, prefix: str, parent: Node | None, path: str):
        if not node.body:
            return  # an appendix group only: its tasks show in the appendix table
        number = ""
        if node.title:
            if node.numbered:
                style, number = _prefix(depth, index, prefix, parent)
            else:
                style = "h1" if depth == 1 else ("h2" if depth == 2 else "h3")
            # A part's title is upper case as a whole: its emphasis tags would not survive that.
            title = upper_vi(inline.plain(node.title)) if depth == 1 else node.title
            if node.text:
                self.blocks.append(_heading_with_text(style, number, inline.plain(title), node.text, node.src))
            else:
                self.blocks.append(rich(style, title, number, src=node.src))
        here = f"{path}.{number.rstrip('.)')}" if path and number else number.rstrip(".)")
        self.layout.numbers[id(node)] = here
        count = self.items(node.items, depth + 1, number, node, here)
        shown = [t for t in node.tasks if t.body]
        for i, task in enumerate(shown, 1):
            point = ""
            if node.lettered and not node.task_bullet:
                count += 1
                point = f"{letter(count)})"
            self.blocks.extend(_task_blocks(node, task, point, i == len(shown)))
        if node.responsible:
            self.blocks.append(Block("p", responsible_line(self.draft, node), src=node.src))
        if node.generate == "duties":
            self.duties(depth + 1, number, node, here, count)

    def items(self, items, depth: int, prefix: str, parent: Node | None, path: str) -> int:
        """Lays out ``items``; returns how many numbers they used (tasks continue the count)."""
        child = 0
        lettered = parent is not None and parent.lettered
        numbered = parent is not None and parent.numbered_items and not lettered
        for item in items:
            if isinstance(item, str):
                if (lettered or numbered) and not item.startswith(("- ", "+ ")):
                    # The point's number is part of the paragraph: it shows in the body style.
                    child += 1
                    number = f"{letter(child)})" if lettered else _prefix(depth, child, prefix, parent)[1]
                    self.blocks.append(rich("p", f"{number} {item}"))
                else:
                    self.blocks.append(_paragraph(item))
            else:
                if item.title and item.numbered and item.body:
                    child += 1
                self.node(item, depth, child, prefix, parent, path)
                if item.generate == "duties":
                    # The bodies the UBND asks (not assigns) follow the assigned units' duties as items of
                    # their own: "3. Đề nghị Ủy ban MTTQ Việt Nam xã ...".
                    for unit in requested_with_duties(self.draft):
                        child += 1
                        self.blocks.append(_DutiesMark(depth, prefix, parent, path, unit=unit, index=child))
        return child

    def duties(self, depth: int, prefix: str, parent: Node, path: str, after: int = 0):
        # Needs the numbers of every task node, so it runs after the whole body is laid out.
        # The units are numbered on after the node's own titled items ("1. Các phòng", "2. Phòng ...").
        self.blocks.append(_DutiesMark(depth, prefix, parent, path, after))

    def finish(self) -> list[Block]:
        out = []
        for block in self.blocks:
            if isinstance(block, _DutiesMark):
                out.extend(self._duty_blocks(block))
            else:
                out.append(block)
        return out

    def _duty_blocks(self, mark: "_DutiesMark") -> list[Block]:
        saved, self.blocks = self.blocks, []
        units = ([(mark.index, mark.unit)] if mark.unit
                 else enumerate(units_with_duties(self.draft), start=mark.after + 1))
        for i, unit in units:
            style, number = _prefix(mark.depth, i, mark.prefix, mark.parent)
            title = unit.duties_title or (f"Đề nghị {unit.name}" if mark.unit else unit.name)
            self.blocks.append(Block(style, upper_vi(title) if mark.depth == 1 else title, number, src=unit.src))
            if self.draft.derive_duties:
                derived = derived_duty(self.draft, unit, self.layout)
                if derived:
                    self.blocks.append(Block("p", derived))
            self.items(unit.duties, mark.depth + 1, number, mark.parent, mark.path)
        out, self.blocks = self.blocks, saved
        return out


@dataclass
class _DutiesMark:
    depth: int
    prefix: str
    parent: Node
    path: str
    after: int = 0
    style: str = "mark"
    unit: Unit | None = None  # a requested body, numbered ``index`` among the duties node's siblings
    index: int = 0


def layout_body(draft: Draft) -> tuple[list[Block], Layout]:
    emitter = _Emitter(draft)
    index = 0
    for node in draft.sections:
        if node.title and node.numbered and node.body:
            index += 1
        emitter.node(node, 1, index, "", None, "")
        if node.generate == "duties":
            # as for a duties node deeper down: the requested bodies follow as sections of their own
            for unit in requested_with_duties(draft):
                index += 1
                emitter.blocks.append(_DutiesMark(1, "", node, "", unit=unit, index=index))
    return emitter.finish(), emitter.layout


def close_body(blocks: list[Block]) -> list[Block]:
    """The body's last sentence ends with "./." stuck to its last word."""
    for block in reversed(blocks):
        if block.style in ("p", "dash", "plus"):
            if block.text.endswith("./."):
                break
            trimmed = block.text.rstrip().rstrip(".")
            if block.spans:  # drop the same characters from the spans; "./." keeps the end's emphasis
                cut = len(block.text) - len(trimmed)
                spans, end = list(block.spans), block.spans[-1]
                while cut and spans:
                    last = spans.pop()
                    keep = last.text[:max(0, len(last.text) - cut)]
                    cut -= len(last.text) - len(keep)
                    if keep:
                        spans.append(Span(keep, last.bold, last.italic))
                if spans and (spans[-1].bold, spans[-1].italic) != (end.bold, end.italic):
                    spans.append(Span("", end.bold, end.italic))
                block.spans = tuple(spans) or None
            block.text = trimmed
            block.append("./.")
            break
    return blocks


def plan_blocks(draft: Draft) -> list[Block]:
    """The plan's body from the first basis to the closing sentence, then the closing note."""
    blocks = [rich("p", text) for text in plan_opening(draft)]
    body, _ = layout_body(draft)
    blocks += body
    if draft.closing:
        blocks.append(rich("p", draft.closing))
    blocks = close_body(blocks)
    if draft.closing_note:
        blocks.append(rich("p", draft.closing_note))
    return blocks
