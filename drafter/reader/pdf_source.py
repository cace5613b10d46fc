"""The raw content of PDF pages: characters, ruling lines and rectangles, images, tables' cells.

pdfminer.six interprets each page; its objects become small dicts in top-down coordinates
(as pdfplumber names them). Cells of ruled tables come from pdfplumber's own edge and
intersection functions, without building pdfplumber's per-object dicts, which cost most of
the time on text-heavy pages.
"""
from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTCurve, LTFigure, LTImage, LTLine, LTRect
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfplumber import table as tables_of

# pdfminer logs a warning for every damaged operator it skips; a user would see hundreds of English
# lines on the terminal. What matters (the file cannot be read) is said by the reader, in Vietnamese.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


@dataclass
class RawPage:
    number: int
    width: float
    height: float
    chars: list[dict] = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)  # straight horizontal or vertical segments
    rects: list[dict] = field(default_factory=list)
    images: int = 0

    def find_tables(self) -> list:
        """Tables whose cells are drawn with ruling lines (pdfplumber's "lines" strategy)."""
        edges = []
        for ln in self.lines:
            edges.append(_edge(ln["x0"], ln["x1"], ln["top"], ln["bottom"]))
        for r in self.rects:
            x0, x1, top, bottom = r["x0"], r["x1"], r["top"], r["bottom"]
            edges += [_edge(x0, x1, top, top), _edge(x0, x1, bottom, bottom), _edge(x0, x0, top, bottom),
                      _edge(x1, x1, top, bottom)]
        edges = [e for e in edges if e and (e["width"] if e["orientation"] == "h" else e["height"]) >= 1]
        if not any(e["orientation"] == "v" for e in edges) or not any(e["orientation"] == "h" for e in edges):
            return []
        edges = tables_of.merge_edges(edges, snap_x_tolerance=3, snap_y_tolerance=3, join_x_tolerance=3,
                                      join_y_tolerance=3)
        edges = [e for e in edges if (e["width"] if e["orientation"] == "h" else e["height"]) >= 3]
        cells = tables_of.intersections_to_cells(tables_of.edges_to_intersections(edges, 3, 3))
        return [tables_of.Table(None, group) for group in tables_of.cells_to_tables(cells)]


def _edge(x0: float, x1: float, top: float, bottom: float) -> dict | None:
    if abs(top - bottom) < 0.5:
        return {"x0": x0, "x1": x1, "top": top, "bottom": top, "width": x1 - x0, "height": 0.0,
                "orientation": "h", "object_type": "line"}
    if abs(x0 - x1) < 0.5:
        return {"x0": x0, "x1": x0, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top,
                "orientation": "v", "object_type": "line"}
    return None


def open_document(data: bytes):
    """The parsed document and its pages (lazy); raises pdfminer's errors on a password or damage."""
    parser = PDFParser(io.BytesIO(data))
    doc = PDFDocument(parser, password="")
    return doc, PDFPage.create_pages(doc)


def raw_pages(pages, limit: int):
    """RawPage for each page, in order (at most ``limit``; one more is yielded to tell that there are more)."""
    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    for number, page in enumerate(pages, 1):
        if number > limit + 1:
            return
        x0, y0, x1, y1 = page.mediabox
        width, height = float(x1 - x0), float(y1 - y0)
        interpreter.process_page(page)
        layout = device.get_result()
        raw = RawPage(number, width, height)
        _collect(layout, raw, float(y1), float(x0))
        yield raw


def _collect(container, raw: RawPage, y_top: float, x_left: float) -> None:
    for obj in container:
        if isinstance(obj, LTChar):
            raw.chars.append({"text": obj.get_text(), "fontname": obj.fontname, "size": float(obj.size),
                              "x0": obj.x0 - x_left, "x1": obj.x1 - x_left, "top": y_top - obj.y1,
                              "bottom": y_top - obj.y0, "upright": bool(obj.upright)})
        elif isinstance(obj, LTImage):
            raw.images += 1
        elif isinstance(obj, LTFigure):
            _collect(obj, raw, y_top, x_left)
        elif isinstance(obj, (LTLine, LTRect, LTCurve)):
            item = {"x0": obj.x0 - x_left, "x1": obj.x1 - x_left, "top": y_top - obj.y1, "bottom": y_top - obj.y0,
                    "linewidth": float(getattr(obj, "linewidth", 0) or 0)}
            if isinstance(obj, LTRect):
                raw.rects.append(item)
            elif isinstance(obj, LTLine) or (item["x1"] - item["x0"] < 0.5 or item["bottom"] - item["top"] < 0.5):
                raw.lines.append(item)
