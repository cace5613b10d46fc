"""PDF with a text layer → ReadDocument.

pdfplumber gives each character with its font, size and position, and the ruling lines.
Characters become text lines (by baseline), lines split into pieces at wide gaps (a header
laid out in two columns), tables come from ruling lines (pdfplumber's table finder), the
remaining horizontal lines are drawn rules, running page numbers are dropped (and recorded
as a PAGE field of the section's header), and ``pdf_layout`` joins lines into paragraphs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import errors
from .model import (Cell, HeaderFooter, Margins, Origin, PageSection, Paragraph, ParagraphFormat, ReadDocument, Row,
                    RunFormat, Fonts, Shape, Span, Table)
from .package import MAX_FILE

MAX_PAGES = 600
MAX_CHARS_PER_PAGE = 60_000
_SUBSET = re.compile(r"^[A-Z]{6}\+")


@dataclass
class Line:
    """A run of characters on one baseline, split off from others on the same baseline by a wide gap."""

    page: int
    no: int  # 1-based text line on its page
    x0: float
    x1: float
    top: float
    bottom: float
    spans: list[Span] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)

    @property
    def size(self) -> float:
        sizes: dict[float, int] = {}
        for s in self.spans:
            if s.text.strip() and s.format.size:
                sizes[s.format.size] = sizes.get(s.format.size, 0) + len(s.text)
        return max(sizes, key=sizes.get) if sizes else 12.0


@lru_cache(maxsize=1024)
def font_format(fontname: str, size: float) -> RunFormat:
    name = _SUBSET.sub("", fontname or "")
    low = name.lower()
    bold = any(k in low for k in ("bold", "black", "heavy", "semibold", "demi")) or low.endswith((",b", "-b"))
    italic = any(k in low for k in ("italic", "oblique")) or low.endswith((",i", "-i", "-it", ",bi", "-bi"))
    family = re.split(r"[-,]", name)[0] or None
    return RunFormat(fonts=Fonts(family, family, family, family), size=round(size * 2) / 2, bold=bold, italic=italic)


def _broken(name: str, data: bytes) -> errors.UnreadableDocument:
    """pdfminer's own errors (often wrapped by pdfplumber) → a password or a damaged file."""
    if b"/Encrypt" in data:
        return errors.encrypted_pdf(name)
    return errors.UnreadableDocument(name, "tệp PDF bị hỏng, không đọc được; hãy xin lại tệp hoặc tệp Word gốc")


def read_pdf(data: bytes, name: str) -> ReadDocument:
    from .pdf_layout import paragraphs_of
    from .pdf_source import open_document, raw_pages

    if len(data) > MAX_FILE:
        raise errors.too_big(name, f"{len(data) // (1024 * 1024)} MB")
    pages: list[PageContent] = []
    try:
        _, page_iter = open_document(data)
        for raw in raw_pages(page_iter, MAX_PAGES):
            if raw.number > MAX_PAGES:
                raise errors.too_big(name, f"hơn {MAX_PAGES} trang")
            pages.append(_read_page(raw, raw.number, name))
    except errors.UnreadableDocument:
        raise
    except Exception as exc:  # pdfminer raises many kinds of errors on bad input; each means "unreadable"
        if type(exc).__module__.startswith(("pdfminer", "pdfplumber")) or isinstance(
                exc, (ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError, EOFError,
                      RecursionError, MemoryError, OSError)):
            raise _broken(name, data) from None
        raise
    if not any(p.lines or p.tables for p in pages):
        if any(p.images for p in pages):
            raise errors.scanned_pdf(name)
        raise errors.empty(name)
    return _assemble(pages, name, paragraphs_of)


@dataclass
class PageContent:
    number: int
    width: float
    height: float
    lines: list[Line]
    tables: list[tuple[float, Table]]  # (top, table)
    rules: list[Shape]
    page_number: str | None  # the running number found in the top or bottom margin
    images: int
    text_box: tuple[float, float, float, float] | None  # x0, top, x1, bottom of the text
    number_on_top: bool = True  # the running page number sits in the top margin (else the bottom one)


def _read_page(page, number: int, name: str) -> PageContent:
    chars = [c for c in page.chars if c.get("upright", True)]
    if len(chars) > MAX_CHARS_PER_PAGE:
        raise errors.too_big(name, f"trang {number} có quá nhiều ký tự")
    width, height = float(page.width), float(page.height)
    found = page.find_tables()
    tables = _tables(page, number, found)
    in_table = [t.bbox for t in found]
    free = [c for c in chars if not any(_inside(c, box) for box in in_table)]
    lines = _lines(free, number)
    page_number = None
    number_on_top = True
    for ln in list(lines):
        if re.fullmatch(r"\s*-?\s*\d{1,3}\s*-?\s*", ln.text) and (ln.bottom < height * 0.1 or ln.top > height * 0.9):
            page_number = ln.text.strip(" -")
            number_on_top = ln.bottom < height * 0.1
            lines.remove(ln)
    for i, ln in enumerate(lines):
        ln.no = i + 1
    rules = _rules(page, number, in_table, lines)
    box = None
    if lines:
        box = (min(ln.x0 for ln in lines), min(ln.top for ln in lines), max(ln.x1 for ln in lines),
               max(ln.bottom for ln in lines))
    return PageContent(number, width, height, lines, tables, rules, page_number, page.images, box, number_on_top)


def _inside(c, box) -> bool:
    x0, top, x1, bottom = box
    cx = (c["x0"] + c["x1"]) / 2
    cy = (c["top"] + c["bottom"]) / 2
    return x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1


def _lines(chars: list[dict], page: int) -> list[Line]:
    """Characters grouped by baseline, each group split into pieces at wide gaps."""
    chars = sorted(chars, key=lambda c: (c["bottom"], c["x0"]))
    groups: list[list[dict]] = []
    for c in chars:
        if groups and abs(groups[-1][-1]["bottom"] - c["bottom"]) <= max(2.0, 0.3 * (c.get("size") or 10)):
            groups[-1].append(c)
        else:
            groups.append([c])
    out: list[Line] = []
    for g in groups:
        g.sort(key=lambda c: c["x0"])
        piece: list[dict] = []
        for c in g:
            size = c.get("size") or 10
            if piece and c["x0"] - piece[-1]["x1"] > 2.5 * size and c["text"].strip():
                out.append(_line(piece, page))
                piece = []
            piece.append(c)
        if piece:
            out.append(_line(piece, page))
    out = [ln for ln in out if ln.text.strip()]
    out.sort(key=lambda ln: (round(ln.bottom, 0), ln.x0))
    return out


def _line(chars: list[dict], page: int) -> Line:
    spans: list[Span] = []
    prev = None
    for c in chars:
        text = c["text"]
        size = c.get("size") or 10
        if prev is not None and text != " " and prev["text"] != " " and c["x0"] - prev["x1"] > 0.18 * size:
            text = " " + text
        fmt = font_format(c.get("fontname", ""), size)
        if spans and spans[-1].format == fmt:
            spans[-1] = Span(spans[-1].text + text, fmt)
        else:
            spans.append(Span(text, fmt))
        prev = c
    # trim spaces at both ends
    if spans:
        spans[0] = Span(spans[0].text.lstrip(), spans[0].format)
        spans[-1] = Span(spans[-1].text.rstrip(), spans[-1].format)
    ink = [c for c in chars if c["text"].strip()] or chars
    return Line(page=page, no=0, x0=min(c["x0"] for c in ink), x1=max(c["x1"] for c in ink),
                top=min(c["top"] for c in ink), bottom=max(c["bottom"] for c in ink),
                spans=[s for s in spans if s.text])


def _tables(page, number: int, finds) -> list[tuple[float, Table]]:
    out = []
    for found in finds:
        rows_bboxes = [r.cells for r in found.rows]
        xs = sorted({round(b[0], 0) for r in rows_bboxes for b in r if b} | {round(b[2], 0) for r in rows_bboxes
                                                                            for b in r if b})
        ys = sorted({round(b[1], 0) for r in rows_bboxes for b in r if b} | {round(b[3], 0) for r in rows_bboxes
                                                                            for b in r if b})
        if len(xs) < 2 or len(ys) < 2:
            continue
        chars = [c for c in page.chars if _inside(c, found.bbox)]
        grid_rows: list[Row] = []
        covered: dict[tuple[int, int], bool] = {}
        cells_by_row: dict[int, list[Cell]] = {}
        for bbox in sorted({b for r in rows_bboxes for b in r if b}, key=lambda b: (b[1], b[0])):
            c0 = _index(xs, bbox[0])
            c1 = _index(xs, bbox[2])
            r0 = _index(ys, bbox[1])
            r1 = _index(ys, bbox[3])
            inside = [c for c in chars if _inside(c, bbox)]
            origin = Origin(part="pdf", page=number, row=r0, cell=c0)
            paras = _cell_paragraphs(inside, number, origin)
            cell = Cell(blocks=paras, column=c0, grid_span=max(1, c1 - c0), row_span=max(1, r1 - r0), origin=origin)
            cells_by_row.setdefault(r0, []).append(cell)
            for r in range(r0 + 1, r1):
                covered[(r, c0)] = True
                cells_by_row.setdefault(r, []).append(Cell(blocks=[], column=c0, grid_span=max(1, c1 - c0),
                                                           row_span=0, merged=True, origin=origin))
        for r in range(len(ys) - 1):
            cells = sorted(cells_by_row.get(r, []), key=lambda c: c.column)
            if cells:
                grid_rows.append(Row(cells=cells, origin=Origin(part="pdf", page=number, row=r)))
        widths = tuple(xs[i + 1] - xs[i] for i in range(len(xs) - 1))
        table = Table(rows=grid_rows, origin=Origin(part="pdf", page=number), column_widths=widths)
        for r in table.rows:
            for c in r.cells:
                c.borders = tuple((s, _LINE) for s in ("top", "bottom", "left", "right"))
        out.append((found.bbox[1], table))
    return out


def _index(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def _cell_paragraphs(chars: list[dict], page: int, origin: Origin) -> list[Paragraph]:
    from .pdf_layout import paragraphs_of

    lines = _lines(chars, page)
    for ln in lines:  # a cell's text is one flow: no column splits inside it
        ln.no = 0
    return paragraphs_of([lines], origin_base=origin)


def _rules(page, number: int, tables: list, lines: list[Line]) -> list[Shape]:
    """Horizontal lines outside tables: rules drawn under the header's parts and the subject."""
    seen = set()
    out: list[Shape] = []
    segments = [(float(l_["x0"]), float(l_["x1"]), float(l_["top"]), float(l_.get("linewidth") or 0.75))
                for l_ in page.lines if abs(l_["top"] - l_["bottom"]) < 1.5]
    segments += [(float(r["x0"]), float(r["x1"]), float(r["top"]), float(r["bottom"] - r["top"]))
                 for r in page.rects if r["bottom"] - r["top"] < 2.0 and r["x1"] - r["x0"] > 5]
    for x0, x1, top, width in segments:
        key = (round(x0), round(x1), round(top))
        if key in seen or any(b[0] - 2 <= x0 and x1 <= b[2] + 2 and b[1] - 2 <= top <= b[3] + 2 for b in tables):
            continue
        seen.add(key)
        above = [ln for ln in lines if ln.bottom <= top + 1]
        anchor = max(above, key=lambda ln: ln.bottom) if above else None
        origin = Origin(part="pdf", page=number, line=anchor.no if anchor else None)
        out.append(Shape("line", x1 - x0, 0.0, x=x0, y=top, relative_h="page", relative_v="page",
                         stroke_width=width, source="pdf", origin=origin))
    return out


from .model import Border  # noqa: E402

_LINE = Border("single", 0.75)


def _assemble(pages: list[PageContent], name: str, paragraphs_of) -> ReadDocument:
    """Pages → blocks (paragraphs joined across pages, tables continued across pages) and sections."""
    from .pdf_layout import merge_tables

    blocks: list = []
    shapes: list[Shape] = []
    page_first_block: dict[int, int] = {}
    flows: list[tuple[str, object]] = []  # ("lines", [Line]) or ("table", Table) in reading order
    for p in pages:
        items: list[tuple[float, str, object]] = [(ln.top, "line", ln) for ln in p.lines]
        items += [(top, "table", t) for top, t in p.tables]
        items.sort(key=lambda x: x[0])
        for _, kind, obj in items:
            if kind == "line":
                if flows and flows[-1][0] == "lines":
                    flows[-1][1].append(obj)  # type: ignore[union-attr]
                else:
                    flows.append(("lines", [obj]))
            else:
                flows.append(("table", obj))
        shapes += p.rules
    for kind, obj in flows:
        if kind == "table":
            if blocks and isinstance(blocks[-1], Table) and merge_tables(blocks[-1], obj):
                continue
            obj.origin = Origin(part="pdf", page=obj.origin.page, table=sum(isinstance(b, Table) for b in blocks),
                                block=len(blocks))
            blocks.append(obj)
        else:
            geometry = {p.number: p for p in pages}
            for para in paragraphs_of(_by_page(obj), geometry=geometry):
                para.origin = Origin(part="pdf", page=para.origin.page, line=para.origin.line, block=len(blocks))
                blocks.append(para)
    for i, b in enumerate(blocks):
        page_first_block.setdefault(b.origin.page, i)
    return ReadDocument(name=name, kind="pdf", sections=_sections(pages, page_first_block, len(blocks)),
                        blocks=blocks, shapes=shapes,
                        notes=["số trang chạy ở lề trên/dưới đã bỏ khỏi nội dung"] if any(p.page_number for p in pages)
                        else [])


def _by_page(lines: list[Line]) -> list[list[Line]]:
    out: list[list[Line]] = []
    for ln in lines:
        if out and out[-1][0].page == ln.page:
            out[-1].append(ln)
        else:
            out.append([ln])
    return out


def _sections(pages: list[PageContent], first_block: dict[int, int], nblocks: int) -> list[PageSection]:
    out: list[PageSection] = []
    for p in pages:
        landscape = p.width > p.height
        if out and (round(out[-1].width), round(out[-1].height)) == (round(p.width), round(p.height)):
            out[-1].pages += (p.number,)
            continue
        out.append(PageSection(width=p.width, height=p.height, margins=Margins(0, 0, 0, 0),
                               orientation="landscape" if landscape else "portrait", pages=(p.number,)))
    by_number = {p.number: p for p in pages}
    for i, s in enumerate(out):
        boxes = [by_number[n].text_box for n in s.pages if by_number[n].text_box]
        if boxes:
            s.margins = Margins(top=min(b[1] for b in boxes), bottom=s.height - max(b[3] for b in boxes),
                                left=min(b[0] for b in boxes), right=s.width - max(b[2] for b in boxes))
        numbers = [by_number[n].page_number for n in s.pages]
        if any(numbers[1:]):
            on_top = [by_number[n].number_on_top for n in s.pages if by_number[n].page_number]
            parts = s.headers if sum(on_top) * 2 >= len(on_top) else s.footers
            parts["default"] = _page_field(numbers[1] or next(x for x in numbers if x))
            s.title_page = numbers[0] is None
            if s.title_page:
                parts["first"] = HeaderFooter(kind="first", blocks=[], part="pdf")
        starts = [first_block[n] for n in s.pages if n in first_block]
        s.first_block = min(starts) if starts else (out[i - 1].end_block if i else 0)
    for i, s in enumerate(out):
        s.end_block = out[i + 1].first_block if i + 1 < len(out) else nblocks
    return out


def _page_field(text: str) -> HeaderFooter:
    para = Paragraph(text=text, body=text, label=None, spans=(Span(text, RunFormat()),),
                     format=ParagraphFormat(alignment="center"), origin=Origin(part="pdf"), fields=("PAGE",))
    return HeaderFooter(kind="default", blocks=[para], part="pdf")
