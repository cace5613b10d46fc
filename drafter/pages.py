"""The document as it will print, page by page, drawn in a terminal's characters.

Laid out from the render context (:func:`drafter.context.build_context`), the very data the DOCX
template receives, so numbering, derived duties, recipients and the signer read as in the DOCX.

Where a page ends is an **estimate**, not LibreOffice's or Word's layout: each paragraph is wrapped
with Times New Roman's advance widths (:mod:`drafter.fontmetrics`) at its ND 30 style's size
(:data:`drafter.nd30.STYLES`) in the width of the column it stands in (:mod:`drafter.geometry`), a
line is 1.15 em, and the pages of A4 (portrait, the appendices landscape) are filled as the
template asks: headings kept with what follows, the closing block and table rows never split, the
appendix header row repeated, each part on a new page. Justification, kerning and the real line
breaker differ a little, so a long document may differ by a page (tests/test_pages.py compares the
count with LibreOffice's for every example).

Nothing here knows Textual: a page is a list of lines of :class:`Seg` (text and a style name);
``drafter_tui.widgets.page_preview`` paints them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from . import nd30
from .context import build_context
from .fontmetrics import line_height_pt, width_pt
from .fragments import cell_style, addressee_lines, column_widths
from .geometry import CLOSING_LEFT, HEADER_LEFT, MARGINS, TEXT_W, TEXT_W_LANDSCAPE, estimate_width, page_size
from .model import Draft
from .nd30 import Align, Orientation, TextStyle
from .template_builder import BODY_STYLES

TWIPS_PER_PT = 20
CELL_MARGIN_TWIPS = round(nd30.APPENDIX_TABLE.cell_margin_cm * 567)
SIGNATURE_LINES = 3  # empty terminal lines standing for the room left to sign


# ----------------------------------------------------------------------------- terminal lines

@dataclass(frozen=True)
class Seg:
    """Part of a terminal line. ``style``: "" plain, "b" bold, "i" italic, "bi", "rule" (a drawn
    line), "muted" (what will not print, e.g. a missing signer's name), "mark" (a page's edge)."""

    text: str
    style: str = ""


Line = tuple[Seg, ...]


def _style_of(bold: bool, italic: bool) -> str:
    return ("b" if bold else "") + ("i" if italic else "")


def _line_len(line: Line) -> int:
    return sum(len(s.text) for s in line)


def _pad(line: Line, width: int, align: Align) -> Line:
    """``line`` placed in ``width`` columns (centred or left), padded with spaces."""
    room = max(width - _line_len(line), 0)
    left = room // 2 if align is Align.CENTER else 0
    return ((Seg(" " * left),) if left else ()) + line + ((Seg(" " * (room - left)),) if room - left else ())


def _merge(segs: list[Seg]) -> Line:
    out: list[Seg] = []
    for s in segs:
        if out and out[-1].style == s.style:
            out[-1] = Seg(out[-1].text + s.text, s.style)
        elif s.text:
            out.append(s)
    return tuple(out)


# ----------------------------------------------------------------------------- paragraphs

Run = tuple[str, bool, bool]  # text, bold, italic


@dataclass
class Para:
    """One paragraph in one of the template's styles, in a column ``width`` twips wide."""

    style: TextStyle
    runs: list[Run]
    width: int
    align: Align | None = None  # over the style's
    left: int = 0  # indent, twips
    muted: bool = False  # shown, but will not print as such (a placeholder)

    @classmethod
    def of(cls, style: str | TextStyle, text: str, width: int = TEXT_W, **kw) -> "Para":
        s = style if isinstance(style, TextStyle) else _STYLE[style]
        return cls(s, [(text, s.bold, s.italic)], width, **kw)

    def words(self) -> list[list[tuple[str, bool, bool]]]:
        """The paragraph as words, each a list of pieces with their emphasis. One space separates
        words; more spaces are kept at the start of the next word (the blanks left for the clerk
        in "Số:      /KH-UBND")."""
        words: list[list[tuple[str, bool, bool]]] = [[]]
        pad = ""
        for text, bold, italic in self.runs:
            for i, chunk in enumerate(text.replace("\n", " ").split(" ")):
                if i and words[-1]:
                    words.append([])
                elif i:
                    pad += " "
                if chunk:
                    words[-1].append((pad + chunk, bold, italic))
                    pad = ""
        return [w for w in words if w]

    # -- on paper
    def print_lines(self) -> int:
        """Lines this paragraph takes on paper (greedy, as Word and LibreOffice break them)."""
        size = self.style.size_pt
        space = width_pt(" ", size)
        first = self.style.first_line_cm * 567 / TWIPS_PER_PT
        room = (self.width - self.left) / TWIPS_PER_PT
        lines, used, avail = 1, 0.0, room - first
        for word in self.words():
            w = sum(width_pt(t, size, b, i) for t, b, i in word)
            if used and used + space + w > avail:
                lines, used, avail = lines + 1, 0.0, room
            elif used:
                used += space
            while not used and w > avail:  # a word longer than the line is broken
                lines, w, avail = lines + 1, w - avail, room
            used += w
        return lines

    def line_height(self) -> float:
        return self.style.line_exact_pt or line_height_pt(self.style.size_pt) * self.style.line_lines

    def height(self) -> float:
        return self.print_lines() * self.line_height()

    # -- in a terminal
    def term_lines(self, cols: int, column_twips: int | None = None) -> list[Line]:
        """Wrapped to ``cols`` characters (which stand for ``column_twips``), aligned as printed."""
        column_twips = column_twips or self.width
        scale = cols / column_twips
        left = round(self.left * scale)
        indent = round(self.style.first_line_cm * 567 * scale)
        room = max(cols - left, 1)
        lines: list[list[Seg]] = [[Seg(" " * indent)] if indent else []]
        used, words_on_line = indent, False
        for word in _dashes_kept(self.words()):
            n = sum(len(t) for t, _, _ in word)
            if words_on_line and used + 1 + n > room:
                lines.append([])
                used, words_on_line = 0, False
            elif words_on_line:
                lines[-1].append(Seg(" "))
                used += 1
            for t, b, i in word:
                style = "muted" if self.muted else _style_of(b, i)
                while not words_on_line and used + len(t) > room > used:  # longer than a line: cut
                    lines[-1].append(Seg(t[:room - used], style))
                    lines.append([])
                    t, used = t[room - used:], 0
                lines[-1].append(Seg(t, style))
                used += len(t)
            words_on_line = True
        align = self.align or self.style.align
        align = Align.LEFT if align is Align.JUSTIFY else align
        return [((Seg(" " * left),) if left else ()) + _pad(_merge(line), room, align) for line in lines]


def _dashes_kept(words: list) -> list:
    """A lone dash ("2021 - 2025") stays at the end of its line: a line of the preview that began
    with "- " would read as a new bullet."""
    out: list = []
    for word in words:
        if out and len(word) == 1 and word[0][0].strip() in ("-", "–", "+"):
            out[-1] = out[-1] + [(" " + word[0][0], word[0][1], word[0][2])]
        else:
            out.append(word)
    return out


_STYLE = {**nd30.STYLES, **nd30.REPORT_STYLES}
_BODY = dict(BODY_STYLES)


def spans_runs(block) -> list[Run]:
    """A body block's words with their emphasis, its number first (as the template writes it)."""
    style = _STYLE[_BODY.get(block.style, "Body")]
    heading = block.style in _BODY
    runs: list[Run] = [(block.prefix + " ", style.bold, style.italic)] if heading and block.prefix else []
    if block.spans:
        runs += [(s.text, style.bold or s.bold, style.italic or s.italic) for s in block.spans]
    else:
        runs.append((block.text, style.bold, style.italic))
    return runs


# ----------------------------------------------------------------------------- boxes

@dataclass
class Box:
    """What the page filler places: printed lines (their heights, where a page may end between
    them when ``split``), the space around them, and how it is drawn in a terminal."""

    heights: list[float]
    draw: Callable[[int], list[Line]]
    before: float = 0.0
    after: float = 0.0
    keep_next: bool = False
    split: bool = True
    part: str | None = None  # opens a new part (new page): "Quyết định", "Kế hoạch", "Phụ lục"
    orientation: Orientation = Orientation.PORTRAIT
    table: "Table | None" = None  # a row of this table (its header repeats on each page)
    row: "Row | None" = None
    src: int | None = None  # the YAML line it was written on
    gap: bool = False  # an empty terminal line before it (large space before it on paper)


def para_box(p: Para, *, src=None) -> Box:
    """A paragraph standing on its own, spaced and kept as its style says; ``src``: where it was written."""
    s = p.style
    return Box([p.line_height()] * p.print_lines(),
               lambda cols: p.term_lines(cols, TEXT_W if p.width <= TEXT_W else p.width),
               before=s.before_pt, after=s.after_pt, keep_next=s.keep_next, src=getattr(src, "line", None),
               gap=s.before_pt >= 12)


def rule_box(text_lines: list[str], under: nd30.RuleUnder, column: int, *,
             after: float | None = None) -> tuple[float, Callable[[int], Line]]:
    """A centred line ``under.ratio`` × the widest line above it (measured as the DOCX's rules are,
    :func:`drafter.geometry.estimate_width`): its height and its drawing."""
    style = _STYLE[under.under]
    widest = max((estimate_width(t, style.size_pt, style.bold) for t in text_lines), default=0)
    length = min(max(widest * under.ratio, nd30.RULE_MIN_LENGTH_CM * 567), column)
    rule = _STYLE["Rule Line"]
    line = rule.border_top
    height = (rule.before_pt + (rule.line_exact_pt or 2) + line.weight_pt + line.gap_pt
              + (rule.after_pt if after is None else after))

    def draw(cols: int) -> Line:
        n = max(round(length / column * cols), 1)
        return _pad((Seg("─" * n, "rule"),), cols, Align.CENTER)

    return height, draw


def two_columns(left: list, right: list, left_twips: int) -> tuple[float, Callable[[int], list[Line]]]:
    """A borderless two-column row (the header, the closing). Each side is a list of items:
    (Para, before, after), or (height, draw) for a rule, or an int for empty terminal lines."""

    def side_height(items) -> float:
        total = 0.0
        for it in items:
            if isinstance(it, tuple) and isinstance(it[0], Para):
                total += it[1] + it[0].height() + it[2]
            elif isinstance(it, tuple):
                total += it[0]
        return total

    def side_lines(items, cols: int, column_twips: int) -> list[Line]:
        out: list[Line] = []
        for it in items:
            if isinstance(it, int):
                out += [()] * it
            elif isinstance(it[0], Para):
                out += it[0].term_lines(cols, column_twips)
            else:
                out.append(it[1](cols))
        return out

    def draw(cols: int) -> list[Line]:
        lc = max(round(cols * left_twips / TEXT_W), 1)
        rc = cols - lc
        a = side_lines(left, lc, left_twips)
        b = side_lines(right, rc, TEXT_W - left_twips)
        rows = max(len(a), len(b))
        a += [()] * (rows - len(a))
        b += [()] * (rows - len(b))
        return [_pad(x, lc, Align.LEFT) + _pad(y, rc, Align.LEFT) for x, y in zip(a, b)]

    return max(side_height(left), side_height(right)), draw


# ----------------------------------------------------------------------------- appendix tables

@dataclass
class Table:
    """An appendix table: column widths in twips (as the DOCX has them) and its header rows."""

    widths: list[int]
    header: list["Row"] = field(default_factory=list)

    def term_widths(self, cols: int) -> list[int]:
        inner = max(cols - len(self.widths) - 1, len(self.widths))
        total = sum(self.widths)
        out = [max(round(w * inner / total), 1) for w in self.widths]
        out[out.index(max(out))] += inner - sum(out)
        return out


@dataclass
class Row:
    """One table row: cells (text, style name, columns spanned, part in a vertical merge)."""

    cells: list[tuple[str, str, int, str | None]]
    table: Table

    def _paras(self) -> list[tuple[Para, int]]:
        out, col = [], 0
        for text, style, span, vmerge in self.cells:
            width = sum(self.table.widths[col:col + span]) - 2 * CELL_MARGIN_TWIPS
            if not vmerge:  # a merged cell's words spread over its rows: not counted in one
                out += [(Para.of(style, line, width), col) for line in (text.split("\n") or [""])]
            col += span
        return out

    def height(self) -> float:
        by_cell: dict[int, float] = {}
        for p, col in self._paras():
            by_cell[col] = by_cell.get(col, 0.0) + p.style.before_pt + p.height() + p.style.after_pt
        single = nd30.STYLES["Table Cell"]
        least = single.before_pt + line_height_pt(single.size_pt) + single.after_pt
        return max(by_cell.values(), default=least) + nd30.APPENDIX_TABLE.border_pt

    def boundaries(self) -> set[int]:
        """The column indices where a cell of this row begins (a vertical line is drawn there)."""
        out, col = set(), 0
        for _, _, span, _ in self.cells:
            out.add(col)
            col += span
        return out

    def continued(self) -> set[int]:
        """The columns whose cell continues the merged cell above it (no line between them)."""
        out, col = set(), 0
        for _, _, span, vmerge in self.cells:
            if vmerge == "continue":
                out |= set(range(col, col + span))
            col += span
        return out

    def draw(self, cols: int) -> list[Line]:
        widths = self.table.term_widths(cols)
        blocks, col = [], 0
        for text, style, span, vmerge in self.cells:
            w = sum(widths[col:col + span]) + span - 1
            lines: list[Line] = []
            for line in ("" if vmerge == "continue" else text).split("\n"):
                lines += Para.of(style, line, 10 ** 6).term_lines(w, 10 ** 6) if line else [()]
            blocks.append((w, [_pad(x, w, Align.LEFT) for x in lines]))
            col += span
        height = max(len(b) for _, b in blocks)
        out = []
        for i in range(height):
            segs = [Seg("│", "rule")]
            for w, lines in blocks:
                segs += list(lines[i] if i < len(lines) else (Seg(" " * w),)) + [Seg("│", "rule")]
            out.append(_merge(segs))
        return out


# (up, down, left, right) → the box-drawing character joining those strokes
JOINS = {(0, 0, 1, 1): "─", (1, 1, 0, 0): "│", (1, 1, 1, 1): "┼", (0, 1, 1, 1): "┬", (1, 0, 1, 1): "┴",
         (1, 1, 0, 1): "├", (1, 1, 1, 0): "┤", (0, 1, 0, 1): "┌", (0, 1, 1, 0): "┐", (1, 0, 0, 1): "└",
         (1, 0, 1, 0): "┘", (0, 0, 0, 1): "─", (0, 0, 1, 0): "─", (1, 0, 0, 0): "│", (0, 1, 0, 0): "│",
         (0, 0, 0, 0): " "}


def border(table: Table, cols: int, above: Row | None, below: Row | None) -> Line:
    """The horizontal line between two rows (None: the table's top or bottom edge); none under a
    cell that the row below continues (a vertical merge)."""
    widths = table.term_widths(cols)
    n = len(widths)
    up = (above.boundaries() | {n}) if above else set()
    down = (below.boundaries() | {n}) if below else set()
    open_ = below.continued() if below and above else set()
    drawn = [k not in open_ for k in range(n)]
    text = ""
    for edge in range(n + 1):
        left = edge > 0 and drawn[edge - 1]
        right = edge < n and drawn[edge]
        text += JOINS[int(edge in up), int(edge in down), int(left), int(right)]
        if edge < n:
            text += ("─" if drawn[edge] else " ") * widths[edge]
    return (Seg(text, "rule"),)


def table_boxes(actx: dict) -> list[Box]:
    widths = column_widths([c["width"] for c in actx["columns"]])
    table = Table(widths)
    headers = actx.get("headers") or [[{"text": c["header"], "span": 1, "vmerge": None} for c in actx["columns"]]]
    table.header = [Row([(c["text"], "Table Header", c["span"], c["vmerge"]) for c in cells], table)
                    for cells in headers]
    if actx["number_row"]:
        table.header.append(Row([(c["number"], "Table Number", 1, None) for c in actx["columns"]], table))
    boxes = []
    for r in actx["rows"]:
        cells = r["cells"]
        if r.get("layout"):  # cells that say their span and merge
            row = Row([(c["text"], cell_style(c), c.get("span", 1), c.get("vmerge")) for c in cells], table)
        elif cells and all(c["group"] for c in cells):  # the title spans the empty cells after it
            filled = [i for i, c in enumerate(cells) if c["text"].strip()]
            last = filled[-1] if filled else len(cells) - 1
            row = Row([(c["text"], cell_style(c), 1, None) for c in cells[:last]]
                      + [(cells[last]["text"], cell_style(cells[last]), len(cells) - last, None)], table)
        else:
            row = Row([(c["text"], cell_style(c), 1, None) for c in cells], table)
        boxes.append(Box([row.height()], row.draw, split=False, table=table, row=row))
    if not boxes:  # a table with no rows still prints its header
        boxes.append(Box([0.0], lambda cols: [], split=False, table=table))
    return boxes


# ----------------------------------------------------------------------------- the parts

def header_box(hdr: dict, part: str) -> list[Box]:
    """Issuer (with its rule) | national title and motto (with theirs); then number | place and date."""
    issuer = [(Para.of("Parent Body", hdr["parent"], HEADER_LEFT), 0, 0)] if hdr["parent"] else []
    issuer += [(Para.of("Issuing Body", line, HEADER_LEFT), 0, 0) for line in hdr["issuer"]]
    issuer.append(rule_box(hdr["issuer"], nd30.ISSUER_RULE, HEADER_LEFT))
    right_w = TEXT_W - HEADER_LEFT
    motto = [(Para.of("National Title", nd30.NATIONAL_TITLE_TEXT, right_w), 0, 0),
             (Para.of("Motto", nd30.MOTTO_TEXT, right_w), 0, 0),
             rule_box([nd30.MOTTO_TEXT], nd30.MOTTO_RULE, right_w)]
    h1, d1 = two_columns(issuer, motto, HEADER_LEFT)
    boxes = [Box([h1], d1, split=False, part=part)]
    if hdr["number"] or hdr["place_date"]:
        num, date = _STYLE["Number Line"], _STYLE["Place Date"]
        h2, d2 = two_columns([(Para.of(num, hdr["number"], HEADER_LEFT), num.before_pt, 0)],
                             [(Para.of(date, hdr["place_date"], right_w), date.before_pt, 0)], HEADER_LEFT)
        boxes.append(Box([h2], d2, split=False))
    return boxes


def closing_box(recipients: list[str], signer: dict) -> Box:
    """Nơi nhận (left) | the signer's titles, room to sign, the name (right): one row, never split."""
    rt, rc = _STYLE["Recipients Title"], _STYLE["Recipient"]
    left = [(Para.of(rt, "Nơi nhận:", CLOSING_LEFT), rt.before_pt, 0)]
    left += [(Para.of(rc, r, CLOSING_LEFT), 0, 0) for r in recipients]
    st, sn = _STYLE["Signer Title"], _STYLE["Signer Name"]
    right_w = TEXT_W - CLOSING_LEFT
    right: list = [(Para.of(st, t, right_w), st.before_pt if i == 0 else 0, 0) for i, t in enumerate(signer["titles"])]
    right.append(SIGNATURE_LINES)
    name = signer["name"]
    right.append((Para.of(sn, name or "(chưa có tên người ký)", right_w, muted=not name), sn.before_pt, 0))
    height, draw = two_columns(left, right, CLOSING_LEFT)
    return Box([height], draw, split=False, gap=True)


def rule_line_box(text_lines: list[str], under: nd30.RuleUnder, column: int, after: float | None = None) -> Box:
    """A rule standing as a paragraph of its own: the space after it meets the next one's before."""
    height, draw = rule_box(text_lines, under, column, after=0.0)
    return Box([height], lambda cols: [draw(cols)], split=False,
               after=_STYLE["Rule Line"].after_pt if after is None else after)


def end_box() -> Box:
    """The 1 pt paragraph that carries a section break."""
    return Box([1.0], lambda cols: [], split=False)


def decision_boxes(d: dict) -> list[Box]:
    boxes = header_box(d["hdr"], "Quyết định")
    boxes.append(para_box(Para.of("Document Kind", "QUYẾT ĐỊNH")))
    boxes += [para_box(Para.of("Document Subject", line)) for line in d["subject"].split("\n")]
    boxes.append(rule_line_box(d["subject"].splitlines() or [""], nd30.SUBJECT_RULE, TEXT_W))
    boxes.append(para_box(Para.of("Author Line", d["author"])))
    boxes += [para_box(Para.of("Basis", line)) for line in d["bases"]]
    boxes.append(para_box(Para.of("Decide Word", "QUYẾT ĐỊNH:")))
    for i, a in enumerate(d["articles"]):
        style = _STYLE["Article Last" if i == len(d["articles"]) - 1 else "Article"]
        label = nd30.ARTICLE_LABEL
        p = Para(style, [(a["label"], label.bold, label.italic), (" " + a["text"], style.bold, style.italic)], TEXT_W)
        boxes.append(para_box(p))
    boxes.append(closing_box(d["recipients"], d["signer"]))
    return boxes


def plan_boxes(p: dict) -> list[Box]:
    boxes = header_box(p["hdr"], "Kế hoạch" if p["kind_word"] == "KẾ HOẠCH" else p["kind_word"].capitalize())
    boxes.append(para_box(Para.of("Document Kind", p["kind_word"])))
    boxes += [para_box(Para.of("Document Subject", line)) for line in p["subject"].split("\n")]
    if p["attached"]:
        boxes.append(para_box(Para.of("Attached Line", p["attached"])))
        boxes.append(rule_line_box([p["attached"]], nd30.ATTACHED_RULE, TEXT_W, nd30.GAP_UNDER_SUBJECT_RULE_PT))
    else:
        boxes.append(rule_line_box(p["subject"].splitlines() or [""], nd30.SUBJECT_RULE, TEXT_W,
                                   nd30.GAP_UNDER_SUBJECT_RULE_PT))
    boxes += addressee_boxes(p["to"])
    body = p["body"]
    for i, b in enumerate(body):
        style = _BODY.get(b.style) or ("Body Last" if i == len(body) - 1 else "Body")
        boxes.append(para_box(Para(_STYLE[style], spans_runs(b), TEXT_W), src=b.src))
    if p["closing"]:
        boxes.append(closing_box(p["recipients"], p["signer"]))
    return boxes


def addressee_boxes(to: list[str]) -> list[Box]:
    """"Kính gửi:" as drafter.fragments.addressees writes it: one body on the line, or one a line."""
    if not to:
        return []
    style = nd30.REPORT_STYLES["Addressee"]
    word = nd30.ADDRESSEE_WORD
    if len(to) == 1:
        return [para_box(Para.of(style, f"{word} {to[0]}", align=Align.CENTER))]
    lines, left, under = addressee_lines(to)
    return [para_box(Para.of(style, word, left=left))] + [para_box(Para.of(style, t, left=under)) for t in lines]


def appendix_boxes(a: dict) -> list[Box]:
    land = Orientation.LANDSCAPE
    boxes = [para_box(Para.of("Appendix Label", a["label"], TEXT_W_LANDSCAPE)),
             para_box(Para.of("Appendix Title", a["title"], TEXT_W_LANDSCAPE)),
             para_box(Para.of("Appendix Attached", a["attached"], TEXT_W_LANDSCAPE)),
             rule_line_box([a["attached"]], nd30.APPENDIX_RULE, TEXT_W_LANDSCAPE, nd30.GAP_BEFORE_APPENDIX_TABLE_PT)]
    boxes[0].part = a["label"]
    boxes += table_boxes(a)
    for b in boxes:
        b.orientation = land
    return boxes


def document_boxes(ctx: dict) -> list[Box]:
    """Every part the DOCX shows, in its order, each ending with its section-break paragraph."""
    boxes: list[Box] = []
    if ctx["show"]["decision"]:
        boxes += decision_boxes(ctx["decision"]) + [end_box()]
    if ctx["show"]["plan"]:
        boxes += plan_boxes(ctx["plan"]) + [end_box()]
    if ctx["show"]["appendices"]:
        for a in ctx["appendices"]:
            boxes += appendix_boxes(a)
    return boxes


# ----------------------------------------------------------------------------- pages

@dataclass
class Page:
    """One sheet: its part ("Kế hoạch"), its number as printed in that part, what stands on it."""

    part: str
    number: int
    orientation: Orientation
    pieces: list[tuple[Box, int, int]] = field(default_factory=list)  # box, first and end line


def body_height(orientation: Orientation) -> float:
    """The room between the top and bottom margins, in points."""
    return (page_size(orientation)[1] - MARGINS.top - MARGINS.bottom) / TWIPS_PER_PT


ORPHANS = WIDOWS = 2  # lines a split paragraph leaves at least at a page's foot and head (LibreOffice)


def paginate(boxes: list[Box]) -> list[Page]:
    """Fill pages with the boxes, breaking as the template asks (see the module's docstring)."""
    pages: list[Page] = []
    y = 0.0  # the height filled on this page, without the space after its last paragraph
    after = 0.0  # that space
    room = 0.0

    def new_page(orientation: Orientation, name: str | None = None) -> None:
        nonlocal y, room, after
        part = name or pages[-1].part
        number = 1 if name is not None else pages[-1].number + 1
        pages.append(Page(part, number, orientation))
        y, after, room = 0.0, 0.0, body_height(orientation)

    def place(box: Box, start: int, end: int) -> None:
        pages[-1].pieces.append((box, start, end))

    def header_rows(table: Table) -> None:
        nonlocal y
        for row in table.header:
            place(Box([row.height()], row.draw, split=False, table=table, row=row), 0, 1)
            y += row.height()

    for i, box in enumerate(boxes):
        if box.part is not None or not pages:
            new_page(box.orientation, box.part or "")
        # Between two paragraphs the larger of the space after the first and before the second;
        # none at the top of a page.
        before = max(after, box.before) if y else 0.0
        first_row = box.table is not None and (i == 0 or boxes[i - 1].table is not box.table)
        if first_row:  # the header row prints with the table's first row
            if y and y + before + sum(r.height() for r in box.table.header) + sum(box.heights) > room:
                new_page(box.orientation)
                before = 0.0
            y += before
            before = 0.0
            header_rows(box.table)
        if box.keep_next and y:
            chain = _kept_with(boxes, i)
            if y + before + chain > room and chain <= room:
                new_page(box.orientation)
                before = 0.0
        if not box.split:
            if y and y + before + sum(box.heights) > room:
                new_page(box.orientation)
                before = 0.0
                if box.table is not None:
                    header_rows(box.table)
            place(box, 0, len(box.heights))
            y += before + sum(box.heights)
            after = box.after
            continue
        y += before
        start, n = 0, len(box.heights)
        while True:
            fit, filled = 0, y
            while start + fit < n and filled + box.heights[start + fit] <= room:
                filled += box.heights[start + fit]
                fit += 1
            if start + fit == n:
                place(box, start, n)
                y = filled
                break
            cut = min(start + fit, n - WIDOWS)
            if cut - start < (ORPHANS if start == 0 else 1):
                cut = start
            if cut == start and not pages[-1].pieces:  # an empty page: it takes what fits, at least a line
                cut = start + max(fit, 1)
            if cut > start:
                place(box, start, cut)
            new_page(box.orientation)
            start = cut
        after = box.after
    return pages


def _first_piece(box: Box) -> float:
    """The least of a box that can stand at a page's foot: all of it, or its first lines."""
    if not box.split or len(box.heights) < ORPHANS + WIDOWS:
        return sum(box.heights)
    return sum(box.heights[:ORPHANS])


def _kept_with(boxes: list[Box], i: int) -> float:
    """The height that must stand on one page with box ``i``: the chain of keep-with-next boxes
    from it, and the first lines of the box after them."""
    total = 0.0
    j = i
    while j < len(boxes) and boxes[j].keep_next:
        total += (max(boxes[j - 1].after, boxes[j].before) if j > i else 0.0) + sum(boxes[j].heights)
        j += 1
    if j < len(boxes) and boxes[j].part is None:
        total += max(boxes[j - 1].after, boxes[j].before) + _first_piece(boxes[j])
    return total


# ----------------------------------------------------------------------------- the whole preview

@dataclass
class Preview:
    """The pages of one draft, drawable at any terminal width."""

    pages: list[Page]

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def summary(self) -> str:
        """"Khoảng 7 trang A4: Quyết định 2, Kế hoạch 4, Phụ lục 1"."""
        counts: dict[str, int] = {}
        for p in self.pages:
            counts[p.part] = counts.get(p.part, 0) + 1
        parts = ", ".join(f"{name} {n}" for name, n in counts.items())
        return f"Khoảng {self.page_count} trang A4 (ước tính): {parts}"

    def lines(self, cols: int) -> tuple[list[Line], dict[int, int]]:
        """Terminal lines of every page, with a marked line where each page begins; and the
        terminal row of each YAML source line that has a paragraph (to scroll to what is edited)."""
        out: list[Line] = []
        rows: dict[int, int] = {}
        for page in self.pages:
            wide = " · khổ ngang" if page.orientation is Orientation.LANDSCAPE else ""
            label = f" {page.part} · Trang {page.number}{wide} " if page.number == 1 else f" Trang {page.number} "
            mark = f"—{label}—" if len(label) + 2 <= cols else f"— {page.number} —"
            out.append(_pad((Seg(mark, "mark"),), cols, Align.CENTER))
            open_row = None
            for box, start, end in page.pieces:
                row = box.row
                if box.table is not None:
                    if row is None:
                        continue
                    out.append(border(box.table, cols, open_row, row))
                    out += row.draw(cols)
                    open_row = row
                    continue
                if open_row is not None:
                    out.append(border(open_row.table, cols, open_row, None))
                    open_row = None
                drawn = box.draw(cols)
                n = len(box.heights)
                if n and (start, end) != (0, n):
                    drawn = drawn[round(start / n * len(drawn)): round(end / n * len(drawn))]
                if box.gap and start == 0 and out and out[-1] and drawn:
                    out.append(())
                if box.src is not None and start == 0:
                    rows.setdefault(box.src, len(out))
                out += drawn
            if open_row is not None:
                out.append(border(open_row.table, cols, open_row, None))
            out.append(())
        return out, rows

    def text(self, cols: int = 80) -> str:
        """The preview as plain text (tests, a terminal without colours)."""
        return "\n".join("".join(s.text for s in line).rstrip() for line in self.lines(cols)[0])


def preview(draft: Draft) -> Preview:
    """The draft's pages as the DOCX will print them (page breaks estimated)."""
    return Preview(paginate(document_boxes(build_context(draft))))
