"""Lay the draft out as numbered paragraphs: numbering, citations and derived text.

The result (a list of :class:`Block`) is what a reader sees, with every number
resolved. Templates, the preview and the checker all read it; nothing here knows
about DOCX.
"""
from __future__ import annotations

from dataclasses import dataclass, field

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
    text: str
    prefix: str = ""  # the computed number: "I.", "2.", "b)", "2.1."
    src: object = field(default=None, repr=False, compare=False)

    @property
    def full(self) -> str:
        return f"{self.prefix} {self.text}" if self.prefix else self.text


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
    if parent is not None and parent.numbering == "decimal" and parent_prefix.endswith("."):
        # "1.1." is bold like "1." (ND 30); "a)" is not. Under a point "a)" or an untitled node
        # there is no number to extend: letters, never "a).1." or ".1."
        return "h3b", f"{parent_prefix}{index}."
    return "h3", f"{letter(index)})"


def _paragraph(text: str) -> Block:
    if text.startswith("- "):
        return Block("dash", text)
    if text.startswith("+ "):
        return Block("plus", text)
    return Block("p", text)


def _task_blocks(node: Node, task: Task) -> list[Block]:
    bullet = node.task_bullet
    text = f"{bullet} {task.text}" if bullet else task.text
    blocks = [Block({"-": "dash", "+": "plus"}.get(bullet, "p"), text, src=task.src)]
    blocks += [Block("plus", i if i.startswith(("+ ", "- ")) else f"+ {i}") for i in task.items]
    return blocks


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
            title = upper_vi(node.title) if depth == 1 else node.title
            self.blocks.append(Block(style, title, number, src=node.src))
        here = f"{path}.{number.rstrip('.)')}" if path and number else number.rstrip(".)")
        self.layout.numbers[id(node)] = here
        self.items(node.items, depth + 1, number, node, here)
        for task in node.tasks:
            if task.body:
                self.blocks.extend(_task_blocks(node, task))
        if node.responsible:
            self.blocks.append(Block("p", responsible_line(self.draft, node), src=node.src))
        if node.generate == "duties":
            self.duties(depth + 1, number, node, here)

    def items(self, items, depth: int, prefix: str, parent: Node | None, path: str):
        child = 0
        lettered = parent is not None and parent.lettered
        for item in items:
            if isinstance(item, str):
                if lettered and not item.startswith(("- ", "+ ")):
                    # The point's letter is part of the paragraph: it shows in the body style.
                    child += 1
                    self.blocks.append(Block("p", f"{letter(child)}) {item}"))
                else:
                    self.blocks.append(_paragraph(item))
            else:
                if item.title and item.numbered:
                    child += 1
                self.node(item, depth, child, prefix, parent, path)

    def duties(self, depth: int, prefix: str, parent: Node, path: str):
        # Needs the numbers of every task node, so it runs after the whole body is laid out.
        self.blocks.append(_DutiesMark(depth, prefix, parent, path))

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
        for i, unit in enumerate(units_with_duties(self.draft), start=1):
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
            text = block.text.rstrip()
            if not text.endswith("./."):
                text = text.rstrip(".") + "./."
            block.text = text
            break
    return blocks


def plan_blocks(draft: Draft) -> list[Block]:
    """The plan's body from the first basis to the closing sentence."""
    blocks = [Block("p", text) for text in opening(draft.bases, draft.bases_end, draft.preamble)]
    body, _ = layout_body(draft)
    blocks += body
    if draft.closing:
        blocks.append(Block("p", draft.closing))
    return close_body(blocks)
