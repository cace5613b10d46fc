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

# Partial emphasis travels through recognition as private-use marks, so that the recognisers'
# patterns ("Căn cứ", "Phụ trách thực hiện:") never meet a tag; drafter.importing.output turns
# them into <b>/<i> where the draft can show emphasis and drops them elsewhere.
OPEN_B, CLOSE_B, OPEN_I, CLOSE_I = "\ue0b0", "\ue0b1", "\ue0b2", "\ue0b3"
MARKS = OPEN_B + CLOSE_B + OPEN_I + CLOSE_I
_NO_MARKS = str.maketrans("", "", MARKS)


def unmarked(text: str) -> str:
    """``text`` without emphasis MARKS."""
    return text.translate(_NO_MARKS)


@dataclass
class Line:
    """One paragraph's text (whitespace collapsed), its label and where it came from."""

    text: str
    label: Label | None
    body: str  # the text without its label
    bold: bool
    origin: Origin
    marked: str | None = None  # ``body`` with its bold/italic words between MARKS, when some are

    @property
    def where(self) -> str:
        return self.origin.describe() or "đầu tệp"

    @property
    def marked_body(self) -> str:
        return self.marked or self.body

    @property
    def marked_text(self) -> str:
        """``text`` with the body's emphasis marks (the label stays plain)."""
        if not self.marked or not self.text.endswith(self.body):
            return self.text
        return self.text[:len(self.text) - len(self.body)] + self.marked


@dataclass
class DataTable:
    """A table with lines drawn (an appendix): rows of cell texts, each cell's lines kept."""

    rows: list[list[str]]
    bold: list[bool]  # the row is bold (a group row)
    origin: Origin
    header_rows: int = 1
    row_origins: list[Origin] | None = None


Item = Line | DataTable


def _spaces(text: str) -> str:
    return re.sub(r"[ \t\u00a0]+", " ", text.replace("\n", " ")).strip()


def _norm(text: str) -> str:
    """One line, runs of spaces as one; the private-use MARKS a document may hold dropped (they would
    read as emphasis tags)."""
    return _spaces(unmarked(text))


def _emphasis(p: Paragraph) -> str | None:
    """The body with the words set apart in bold or italic between MARKS; None when the whole
    paragraph has one look (a heading's bold, a note's italic is its style, not emphasis)."""
    vis = [s for s in p.spans if s.text.strip()]
    vary_b = len({s.format.bold for s in vis}) > 1
    vary_i = len({s.format.italic for s in vis}) > 1
    if not (vary_b or vary_i):
        return None
    whole = unmarked("".join(s.text for s in p.spans))
    body = unmarked(p.body)
    if not body or not whole.endswith(body):
        return None  # the label is not where the runs put it: keep the words, not the look
    flags = [(vary_b and s.format.bold, vary_i and s.format.italic) for s in p.spans
             for _ in unmarked(s.text)][len(whole) - len(body):]
    out, k = [], 0
    while k < len(body):  # runs of equal look; spaces at a run's edges stay outside its tags
        end = k
        while end < len(body) and flags[end] == flags[k]:
            end += 1
        chunk, (b, i) = body[k:end], flags[k]
        core = chunk.strip()
        if core and (b or i):
            lead, tail = chunk[:len(chunk) - len(chunk.lstrip())], chunk[len(chunk.rstrip()):]
            out.append(lead + (OPEN_B if b else "") + (OPEN_I if i else "") + core
                       + (CLOSE_I if i else "") + (CLOSE_B if b else "") + tail)
        else:
            out.append(chunk)
        k = end
    marked = "".join(out)
    while CLOSE_B + OPEN_B in marked or CLOSE_I + OPEN_I in marked:  # neighbours of one look: one pair
        marked = marked.replace(CLOSE_B + OPEN_B, "").replace(CLOSE_I + OPEN_I, "")
    return _spaces(marked)


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
    marked = _emphasis(p) if text is None else None
    return Line(clean, label, body, p.bold, p.origin, marked if marked != body else None)


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
            marked = f"{prev.marked_body} {line.marked_body}" if prev.marked or line.marked else None
            items[-1] = Line(f"{prev.text} {line.text}", prev.label, f"{prev.body} {line.text}", prev.bold,
                             prev.origin, marked)
            continue
        items.append(line)
    return items
