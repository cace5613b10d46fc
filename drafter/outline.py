"""Lay the draft out as numbered paragraphs: numbering, citations and derived text.

The result (a list of :class:`Block`) is what a reader sees, with every number
resolved. Templates, the preview and the checker all read it; nothing here knows
about DOCX.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from . import inline
from .inline import Span
from .model import Citation, Draft, Node, PartialDate, Task, Unit, all_tasks, walk_nodes
from .text import upper_vi

LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()
_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(n: int) -> str:
    out = ""
    for value, sym in _ROMAN:
        while n >= value:
            out += sym
            n -= value
    return out


def letter(n: int) -> str:
    """1 → a, 5 → đ: the Vietnamese alphabet has no f, j, w, z."""
    return LETTERS[(n - 1) % len(LETTERS)] * (1 + (n - 1) // len(LETTERS))


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
    """A block from what the user wrote: ``<b>``/``<i>`` tags become spans."""
    if inline.has_marks(text):
        parts = tuple(inline.spans(text))
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


# ------------------------------------------------------------------------- citations

def cite(c: Citation) -> str:
    """The citation without its verb: "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ..."."""
    if c.text:
        return c.text
    if c.name and not c.number:
        return " ".join(p for p in (c.name, f"ngày {c.date}" if c.date else "", c.subject or "") if p)
    parts = [f"{c.kind} số {c.number}"]
    if c.date:
        parts.append(f"ngày {c.date}")
    if c.issuer:
        parts.append(f"của {c.issuer}")
    if c.subject:
        parts.append(c.subject)
    return " ".join(parts)


def verb(c: Citation) -> str:
    return c.verb or ("Thực hiện" if c.party else "Căn cứ")


def bases_sentence(cites: list[Citation]) -> str:
    """Bases as one run: "Căn cứ A; B; Thực hiện C" (the verb repeats only when it changes)."""
    out, last = [], None
    for c in cites:
        v = verb(c)
        out.append(cite(c) if v == last else f"{v} {cite(c)}")
        last = v
    return "; ".join(out)


def opening(cites: list[Citation], end: str, preamble: str | None) -> list[str]:
    """A plan's first paragraphs: its bases as one sentence closed by ``end`` and the preamble."""
    if not cites:
        return [preamble] if preamble else []
    sentence = bases_sentence(cites)
    if preamble and end != ".":
        return [f"{sentence}{end} {preamble}"]
    return [f"{sentence}."] + ([preamble] if preamble else [])


def lead_in(draft: Draft) -> str | None:
    """The paragraph after the bases: "Theo đề nghị của ..., " and the preamble."""
    if not draft.proposer:
        return draft.preamble
    proposer = "Theo đề nghị của " + draft.proposer.strip().removeprefix("Theo đề nghị của ").rstrip(";.,")
    return f"{proposer}, {draft.preamble}" if draft.preamble else f"{proposer}."


def plan_opening(draft: Draft) -> list[str]:
    """A plan's paragraphs before its body: bases (one sentence, or one a line), the proposer
    ("Theo đề nghị của ..."), the preamble."""
    return opening_paragraphs(draft.bases, draft.bases_end, lead_in(draft), draft.bases_layout)


def opening_paragraphs(cites: list[Citation], end: str, lead: str | None, layout: str) -> list[str]:
    """``layout`` "sentence": as :func:`opening`; "lines": one basis a paragraph, each ending with
    ";", the last with "." when no lead-in paragraph follows."""
    if layout == "sentence" or not cites:
        return opening(cites, end, lead)
    lines = basis_lines(cites)
    if not lead:
        lines[-1] = lines[-1][:-1] + "."
    return lines + ([lead] if lead else [])


def basis_lines(cites: list[Citation]) -> list[str]:
    """A decision's bases: one a line, each ending with ";"."""
    return [f"{verb(c)} {cite(c)};" for c in cites]


# ------------------------------------------------------------------------- units

def unit_names(draft: Draft, ids: list[str]) -> str:
    names = [(draft.unit(i).name if draft.unit(i) else i) for i in ids]
    return ", ".join(names)


def responsible_line(draft: Draft, node: Node) -> str:
    if node.responsible and node.responsible != "auto":
        return node.responsible
    leads, supports = [], []
    for t in node.tasks:
        leads += [u for u in t.lead if u not in leads]
        supports += [u for u in t.support if u not in supports and u not in t.lead]
    supports = [u for u in supports if u not in leads]
    text = f"{unit_names(draft, leads)} chủ trì" if leads else "Các cơ quan, đơn vị"
    if supports:
        text += f", phối hợp với {unit_names(draft, supports)}"
    return f"Phụ trách thực hiện: {text}."


# ------------------------------------------------------------------------- body

def _prefix(depth: int, index: int, parent_prefix: str, parent: Node | None) -> tuple[str, str]:
    """(style, number) of a titled node at ``depth`` (1 = section)."""
    if depth == 1:
        return "h1", f"{roman(index)}."
    if depth == 2:
        return "h2", f"{index}."
    if parent is not None and parent.numbering == "decimal":
        base = parent_prefix.rstrip(".")
        return "h3b", f"{base}.{index}."  # "1.1." is bold like "1." (ND 30); "a)" is not
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


def _task_blocks(node: Node, task: Task, point: str = "") -> list[Block]:
    bullet = node.task_bullet
    text = strip_bullet(task.text, bullet)
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
        for task in node.tasks:
            if task.body:
                point = ""
                if node.lettered and not node.task_bullet:
                    count += 1
                    point = f"{letter(count)})"
                self.blocks.extend(_task_blocks(node, task, point))
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
                if item.title and item.numbered:
                    child += 1
                self.node(item, depth, child, prefix, parent, path)
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
        for i, unit in enumerate(units_with_duties(self.draft), start=mark.after + 1):
            style, number = _prefix(mark.depth, i, mark.prefix, mark.parent)
            self.blocks.append(Block(style, unit.duties_title or unit.name, number, src=unit.src))
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


def layout_body(draft: Draft) -> tuple[list[Block], Layout]:
    emitter = _Emitter(draft)
    index = 0
    for node in draft.sections:
        if node.title and node.numbered:
            index += 1
        emitter.node(node, 1, index, "", None, "")
    return emitter.finish(), emitter.layout


def units_with_duties(draft: Draft) -> list[Unit]:
    """Units that get a duties part: those with their own text, or a task when derived."""
    involved = set()
    if draft.derive_duties:
        for t in all_tasks(draft):
            involved.update(t.lead)
            involved.update(t.support)
    return [u for u in draft.units if u.duties or u.id in involved]


def derived_duty(draft: Draft, unit: Unit, layout: Layout) -> str | None:
    """"Chủ trì thực hiện các nhiệm vụ tại mục II.1, II.3; phối hợp thực hiện ... mục II.2."""
    lead_refs, support_refs = [], []
    for node in walk_nodes(draft.sections):
        ref = layout.ref(node)
        for t in node.tasks:
            if unit.id in t.lead and ref not in lead_refs:
                lead_refs.append(ref)
            elif unit.id in t.support and ref not in support_refs and ref not in lead_refs:
                support_refs.append(ref)
    support_refs = [r for r in support_refs if r not in lead_refs]
    parts = []
    if lead_refs:
        parts.append("chủ trì thực hiện các nhiệm vụ tại mục " + ", ".join(lead_refs))
    if support_refs:
        parts.append("phối hợp thực hiện các nhiệm vụ tại mục " + ", ".join(support_refs))
    if not parts:
        return None
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + " của Kế hoạch này."


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
