"""What a reader sees in a document, whatever it came from (DOCX, DOC, PDF, plain text).

Lengths are in points (pt) everywhere: 1 pt = 20 twips = 12,700 EMU = 1/72 inch.
The checker and the importer work on these types only, never on XML or PDF objects.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Iterator, Union

MM_PER_PT = 25.4 / 72


def pt_to_mm(value: float) -> float:
    return value * MM_PER_PT


def mm_to_pt(value: float) -> float:
    return value / MM_PER_PT


@dataclass(frozen=True)
class Origin:
    """Where an element sits in its file, so that a finding or an imported element points back.

    ``paragraph``: index of the ``w:p`` in its part, in document order (``root.iter(w:p)``:
    paragraphs inside tables and text boxes count too), so ``list(body.iter(qn("w:p")))[i]``
    is the element. ``block``: index in ``ReadDocument.blocks``. ``table``: n-th table of the
    part in document order (nested ones counted); ``row``/``cell``: row index and grid column.
    ``page``/``line``: 1-based page and line on that page (PDF), or ``line`` of a text file.
    """

    part: str = "body"  # "body", a header/footer part name ("word/header1.xml"), "pdf", "text"
    paragraph: int | None = None
    block: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    text_box: int | None = None
    page: int | None = None
    line: int | None = None

    def describe(self) -> str:
        """Vietnamese words a user understands: "trang 3, dòng 12", "bảng 2, hàng 4, cột 3"..."""
        bits = []
        if self.part not in ("body", "pdf", "text"):
            bits.append("phần đầu trang" if "header" in self.part else "phần chân trang")
        if self.page is not None:
            bits.append(f"trang {self.page}")
        if self.table is not None:
            bits.append(f"bảng {self.table + 1}")
            if self.row is not None:
                bits.append(f"hàng {self.row + 1}")
            if self.cell is not None:
                bits.append(f"cột {self.cell + 1}")
        if self.text_box is not None:
            bits.append(f"hộp văn bản {self.text_box + 1}")
        if self.line is not None:
            bits.append(f"dòng {self.line}")
        elif self.paragraph is not None and self.table is None:
            bits.append(f"đoạn {self.paragraph + 1}")
        return ", ".join(bits)


@dataclass(frozen=True)
class Fonts:
    """The four font slots of a run: Word picks one per character (Vietnamese uses ascii/hAnsi)."""

    ascii: str | None = None
    h_ansi: str | None = None
    east_asia: str | None = None
    cs: str | None = None

    def all(self) -> tuple[str | None, ...]:
        return (self.ascii, self.h_ansi, self.east_asia, self.cs)


@dataclass(frozen=True)
class RunFormat:
    """Effective character formatting (run → character style → paragraph style → table style → defaults)."""

    fonts: Fonts = Fonts()
    size: float | None = None  # pt
    bold: bool = False
    italic: bool = False
    caps: bool = False
    small_caps: bool = False
    underline: str | None = None  # Word's value ("single", "double"...), None when not underlined
    strike: bool = False
    color: str | None = None  # "000000", "auto"
    hidden: bool = False


@dataclass(frozen=True)
class Span:
    """A stretch of text with one formatting."""

    text: str
    format: RunFormat


@dataclass(frozen=True)
class Border:
    style: str  # "single", "double", "dashed"... ; "none"/"nil" for no line
    width: float = 0.0  # pt
    color: str | None = None
    space: float = 0.0  # pt between the line and the text

    @property
    def visible(self) -> bool:
        return self.style not in ("none", "nil", "")


@dataclass(frozen=True)
class LineSpacing:
    rule: str = "multiple"  # "multiple" (value in lines), "exact" or "atLeast" (value in pt)
    value: float = 1.0


@dataclass(frozen=True)
class ParagraphFormat:
    alignment: str = "left"  # left, center, right, justify, distribute
    indent_left: float = 0.0  # pt
    indent_right: float = 0.0
    first_line: float = 0.0  # pt; negative for a hanging indent
    space_before: float = 0.0
    space_after: float = 0.0
    line_spacing: LineSpacing = LineSpacing()
    borders: tuple[tuple[str, Border], ...] = ()  # (side, border): top, bottom, left, right, between
    keep_next: bool = False
    keep_lines: bool = False
    page_break_before: bool = False
    outline_level: int | None = None

    def border(self, side: str) -> Border | None:
        """The visible border on one side, or None."""
        for s, b in self.borders:
            if s == side and b.visible:
                return b
        return None


@dataclass(frozen=True)
class AutoNumber:
    """Word's automatic numbering of a paragraph, as defined in numbering.xml."""

    num_id: str
    level: int  # ilvl, 0-based
    abstract_id: str | None
    format: str  # numFmt: decimal, upperRoman, lowerRoman, upperLetter, lowerLetter, bullet, none...
    lvl_text: str  # e.g. "%1.", "%1.%2.", "%4)"
    suffix: str = "tab"  # what follows the label: "tab", "space", "nothing"
    from_style: bool = False  # the numbering came from the paragraph style, not the paragraph


@dataclass(frozen=True)
class Label:
    """The number or bullet in front of a paragraph, as a reader sees it ("I.", "1.2.", "a)", "-").

    ``kind``: roman, decimal, multilevel (1.2.), letter, paren ((1)), article (Điều 1.),
    bullet (•), dash (-), plus (+). ``value``: the number of the last component (IV → 4,
    đ → 5 in the Vietnamese alphabet, f → 6 in Word's), ``values`` all of them (1.2. → (1, 2)).
    ``auto`` tells Word's numbering from a number typed as text; ``numbering`` is Word's
    definition (its format tells "lowerLetter", so a checker can flag "f)").
    """

    text: str
    kind: str
    value: int | None = None
    values: tuple[int, ...] = ()
    auto: bool = False
    numbering: AutoNumber | None = None
    format: RunFormat | None = None  # the label's own formatting (auto numbers: level rPr + paragraph mark)


@dataclass(frozen=True)
class Shape:
    """A drawn shape: a rule drawn as a line (or a flat rectangle), or the frame of a text box.

    ``x``/``y``: offset of the top-left corner from ``relative_h``/``relative_v`` ("column",
    "page", "margin", "paragraph", "character", "line"...) when Word gives one; ``align_h`` when
    the shape is aligned ("center") instead. For a PDF they are page coordinates from the top-left.
    """

    kind: str  # "line", "rect", "textbox", "shape"
    width: float  # pt (bounding box)
    height: float
    x: float | None = None
    y: float | None = None
    relative_h: str | None = None
    relative_v: str | None = None
    align_h: str | None = None
    stroke_width: float | None = None  # pt
    inline: bool = False
    source: str = "drawingml"  # "drawingml", "vml", "pdf"
    origin: Origin = Origin()  # the paragraph that anchors it

    @property
    def length(self) -> float:
        """A line's length (its bounding box's diagonal); a rule is horizontal: its width."""
        return math.hypot(self.width, self.height)

    @property
    def horizontal(self) -> bool:
        return self.width > 0 and self.height <= max(2.0, self.width * 0.05)


@dataclass
class Paragraph:
    """One paragraph as a reader sees it.

    ``text`` = label + separator + ``body``; soft line breaks are "\\n", tabs "\\t"; Word's
    automatic numbers are resolved to what Word shows; tracked insertions kept, deletions
    dropped, fields show their result.
    """

    text: str
    body: str
    label: Label | None
    spans: tuple[Span, ...]
    format: ParagraphFormat
    origin: Origin
    style_id: str | None = None
    style_name: str | None = None
    fields: tuple[str, ...] = ()  # field codes inside the paragraph: "PAGE", "NUMPAGES", "TOC \\o"...
    text_boxes: tuple["TextBox", ...] = ()
    shapes: tuple[Shape, ...] = ()  # drawn lines and shapes anchored here (text boxes excluded)
    page_break: bool = False  # a hard page break inside
    mark: RunFormat | None = None  # the paragraph mark's formatting: what an empty paragraph's line is set in
    column_width: float | None = None  # pt: the text column it sits in (a cell's width less its margins)

    @property
    def line_width(self) -> float | None:
        """Where its lines run, in pt: the column less the indents; a rule drawn as a border is this long."""
        if self.column_width is None:
            return None
        return self.column_width - self.format.indent_left - self.format.indent_right

    @property
    def normalized(self) -> str:
        """``text`` on one line with runs of whitespace as one space."""
        return re.sub(r"\s+", " ", self.text).strip()

    @property
    def empty(self) -> bool:
        return not self.text.strip()

    def _visible(self) -> list[Span]:
        return [s for s in self.spans if s.text.strip()]

    @property
    def bold(self) -> bool:
        """Every visible character is bold."""
        vis = self._visible()
        return bool(vis) and all(s.format.bold for s in vis)

    @property
    def italic(self) -> bool:
        vis = self._visible()
        return bool(vis) and all(s.format.italic for s in vis)

    @property
    def sizes(self) -> set[float]:
        return {s.format.size for s in self._visible() if s.format.size is not None}

    @property
    def fonts(self) -> set[str]:
        return {f for s in self._visible() for f in s.format.fonts.all() if f}

    @property
    def size(self) -> float | None:
        """The size most of the text has (by characters)."""
        count: dict[float, int] = {}
        for s in self._visible():
            if s.format.size is not None:
                count[s.format.size] = count.get(s.format.size, 0) + len(s.text)
        return max(count, key=count.get) if count else None


@dataclass
class Cell:
    blocks: list["Block"]
    column: int  # grid column where the cell starts
    grid_span: int = 1
    row_span: int = 1  # rows covered (vMerge resolved) ; 0 on a continuation cell
    merged: bool = False  # True on a vMerge continuation: the text is in the cell above
    width: float | None = None  # pt
    borders: tuple[tuple[str, Border], ...] = ()  # effective: top, bottom, left, right
    origin: Origin = Origin()

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [p for b in self.blocks for p in (b.paragraphs() if isinstance(b, Table) else [b])]

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs if not p.empty)

    def border(self, side: str) -> Border | None:
        for s, b in self.borders:
            if s == side and b.visible:
                return b
        return None


@dataclass
class Row:
    cells: list[Cell]
    header: bool = False  # repeated at the top of each page (w:tblHeader)
    origin: Origin = Origin()

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass
class Table:
    rows: list[Row]
    origin: Origin
    style_id: str | None = None
    column_widths: tuple[float, ...] = ()  # pt, from the grid
    borders: tuple[tuple[str, Border], ...] = ()  # table-level: top, bottom, left, right, insideH, insideV

    @property
    def header_rows(self) -> int:
        n = 0
        for r in self.rows:
            if not r.header:
                break
            n += 1
        return n

    @property
    def columns(self) -> int:
        return max([len(self.column_widths)] + [c.column + c.grid_span for r in self.rows for c in r.cells])

    def grid(self) -> list[list[Cell | None]]:
        """Each grid position → the cell covering it (merged cells repeat), None where no cell is."""
        out: list[list[Cell | None]] = [[None] * self.columns for _ in self.rows]
        for i, row in enumerate(self.rows):
            for c in row.cells:
                if c.merged:
                    continue
                for di in range(max(c.row_span, 1)):
                    for dj in range(c.grid_span):
                        if i + di < len(out) and c.column + dj < self.columns:
                            out[i + di][c.column + dj] = c
        return out

    def texts(self) -> list[list[str]]:
        """Rows × cells as written: one string per cell that starts in the row (continuations skipped)."""
        return [[c.text for c in r.cells if not c.merged] for r in self.rows]

    def paragraphs(self) -> list[Paragraph]:
        return [p for r in self.rows for c in r.cells for p in c.paragraphs]

    @property
    def visible_borders(self) -> bool:
        """Any line drawn around or inside any cell."""
        return any(b.visible for r in self.rows for c in r.cells for _, b in c.borders)


Block = Union[Paragraph, Table]


@dataclass
class TextBox:
    blocks: list[Block]
    frame: Shape
    origin: Origin  # the anchoring paragraph

    @property
    def text(self) -> str:
        return "\n".join(p.text for b in self.blocks for p in (b.paragraphs() if isinstance(b, Table) else [b]))


@dataclass
class HeaderFooter:
    kind: str  # "default", "first", "even"
    blocks: list[Block]
    part: str = ""

    @property
    def text(self) -> str:
        return "\n".join(p.text for b in self.blocks for p in (b.paragraphs() if isinstance(b, Table) else [b]))

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(f for b in self.blocks for p in (b.paragraphs() if isinstance(b, Table) else [b])
                     for f in p.fields)

    @property
    def has_page_number(self) -> bool:
        return any(f.split()[:1] == ["PAGE"] for f in self.fields)


@dataclass(frozen=True)
class Margins:
    top: float
    bottom: float
    left: float
    right: float
    header: float = 0.0
    footer: float = 0.0
    gutter: float = 0.0


@dataclass
class PageSection:
    """A run of pages with one layout; ``blocks[first_block:end_block]`` belong to it."""

    width: float  # pt
    height: float
    margins: Margins
    orientation: str = "portrait"  # Word's flag (w:orient); for a PDF, from the page's shape
    title_page: bool = False  # the first page has its own header/footer
    headers: dict[str, HeaderFooter] = field(default_factory=dict)  # "default", "first", "even"
    footers: dict[str, HeaderFooter] = field(default_factory=dict)
    page_number_start: int | None = None
    page_number_format: str | None = None
    first_block: int = 0
    end_block: int = 0
    pages: tuple[int, ...] = ()  # PDF: the 1-based pages of this section

    @property
    def text_width(self) -> float:
        return self.width - self.margins.left - self.margins.right - self.margins.gutter

    def _numbered(self, parts: dict[str, HeaderFooter], kind: str) -> bool:
        hf = parts.get(kind)
        return hf is not None and hf.has_page_number

    @property
    def page_numbers(self) -> bool:
        """Pages after the first carry a page number (PAGE field in the default header or footer)."""
        return self._numbered(self.headers, "default") or self._numbered(self.footers, "default")

    @property
    def page_numbers_from_second_page(self) -> bool:
        """Numbered pages, with no number on the first page (ND 30)."""
        if not self.page_numbers:
            return False
        if not self.title_page:
            return False
        return not (self._numbered(self.headers, "first") or self._numbered(self.footers, "first"))


@dataclass
class ReadDocument:
    name: str  # the file's name, for messages
    kind: str  # "docx", "doc", "pdf", "text"
    sections: list[PageSection]
    blocks: list[Block]
    text_boxes: list[TextBox] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)  # drawn lines and shapes (not text boxes)
    source_note: str | None = None  # plain text: the first line naming the source
    notes: list[str] = field(default_factory=list)  # what the reader dropped or guessed, in Vietnamese

    def paragraphs(self, *, tables: bool = True, text_boxes: bool = False) -> Iterator[Paragraph]:
        """Paragraphs in reading order; table cells row by row; text boxes after their anchor."""
        for b in self.blocks:
            if isinstance(b, Table):
                if tables:
                    yield from b.paragraphs()
                continue
            yield b
            if text_boxes:
                for tb in b.text_boxes:
                    for x in tb.blocks:
                        yield from (x.paragraphs() if isinstance(x, Table) else [x])

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def section_of(self, block_index: int) -> PageSection | None:
        for s in self.sections:
            if s.first_block <= block_index < s.end_block:
                return s
        return self.sections[-1] if self.sections else None

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs(text_boxes=True) if not p.empty)
