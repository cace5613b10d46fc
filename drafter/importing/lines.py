"""A read document as the importer walks it: one line per paragraph, data tables apart.

Layout tables (the header's two columns, the closing's recipients | signature) are read
cell by cell, as a reader reads them; a header typed with tabs is split at its tabs. A
paragraph that a page break (or a text file's line wrap) cut in two is joined again.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..reader.model import Label, Origin, Paragraph, ReadDocument, Table

_TERMINAL = (".", ";", ":", "!", "?", ")", "”", '"', "./.")


@dataclass
class Line:
    """One paragraph's text (whitespace collapsed), its label and where it came from."""

    text: str
    label: Label | None
    body: str  # the text without its label
    bold: bool
    origin: Origin

    @property
    def where(self) -> str:
        return self.origin.describe() or "đầu tệp"


@dataclass
class DataTable:
    """A table with lines drawn (an appendix): rows of cell texts, each cell's lines kept."""

    rows: list[list[str]]
    bold: list[bool]  # the row is bold (a group row)
    origin: Origin
    header_rows: int = 1
    row_origins: list[Origin] | None = None


Item = Line | DataTable


def _norm(text: str) -> str:
    return re.sub(r"[ \t\u00a0]+", " ", text.replace("\n", " ")).strip()


def _line(p: Paragraph, text: str | None = None) -> Line | None:
    raw = p.text if text is None else text
    clean = _norm(raw)
    if not clean:
        return None
    label = p.label if text is None else None
    body = _norm(p.body) if label else clean
    if label is not None:
        lab = label.text.strip()
        # Word's bullets and dashes read as the dash of a typed list
        if label.kind in ("bullet", "dash"):
            lab = "-"
        clean = f"{lab} {body}".strip()
    return Line(clean, label, body, p.bold, p.origin)


def _layout_table(t: Table, kind: str) -> bool:
    """A table with no lines drawn, few rows and no column headers is layout (header, closing), not data."""
    if kind == "text" or t.visible_borders or len(t.rows) > 6 or not t.rows:
        return False
    from .tables import column_key
    return sum(1 for c in t.rows[0].cells if column_key(c.text)) < 2


def _cell_lines(t: Table) -> list[Line]:
    out: list[Line] = []
    for row in t.rows:
        for cell in row.cells:
            if cell.merged:
                continue
            for p in cell.paragraphs:
                line = _line(p)
                if line:
                    out.append(line)
    return out


def _data_table(t: Table) -> DataTable:
    rows: list[list[str]] = []
    bold: list[bool] = []
    for row in t.rows:
        cells = []
        for c in row.cells:
            if c.merged:
                cells.append("")
                continue
            cells.append("\n".join(_norm(p.text) for p in c.paragraphs if not p.empty))
            cells.extend([""] * (c.grid_span - 1))
        rows.append(cells)
        paras = [p for c in row.cells for p in c.paragraphs if not p.empty]
        bold.append(bool(paras) and all(p.bold for p in paras))
    return DataTable(rows, bold, t.origin, max(t.header_rows, 1), [r.origin for r in t.rows])


def _tab_split(p: Paragraph) -> list[Line]:
    """A header typed with tabs: "\\tỦY BAN NHÂN DÂN\\tCỘNG HÒA ..." is two lines."""
    parts = [x for x in (_norm(s) for s in p.text.split("\t")) if x]
    return [Line(x, None, x, p.bold, p.origin) for x in parts]


def _joinable(prev: Line, nxt: Line) -> bool:
    """A paragraph cut at a page break: no closing punctuation, the next starts in lower case."""
    if nxt.label is not None or prev.text.endswith(_TERMINAL):
        return False
    return nxt.text[:1].islower() and len(prev.text) > 30


def document_items(doc: ReadDocument) -> list[Item]:
    """The document in reading order: lines and data tables."""
    items: list[Item] = []
    for block in doc.blocks:
        if isinstance(block, Table):
            if _layout_table(block, doc.kind):
                items.extend(_cell_lines(block))
            else:
                items.append(_data_table(block))
            continue
        if "\t" in block.text.strip() and block.label is None:
            items.extend(_tab_split(block))
            continue
        line = _line(block)
        if line is None:
            continue
        prev = items[-1] if items else None
        if isinstance(prev, Line) and _joinable(prev, line):
            items[-1] = Line(f"{prev.text} {line.text}", prev.label, f"{prev.body} {line.text}", prev.bold,
                             prev.origin)
            continue
        items.append(line)
    return items
