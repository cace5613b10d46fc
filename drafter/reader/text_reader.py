"""Plain text as plans are passed around (../shared/examples): one paragraph a line.

A first line "SOURCE: ..." names where the text came from. Table rows are written one a
line with cells separated by " | " (or by tabs); a line without separators between two
rows is a group row spanning the table. Markdown marks that copy-pasting left (``#``,
``**bold**``, ``*italic*``, ``<b>…</b>``, ``<i>…</i>``) become formatting, not text; a lone
``<b>`` is text.
"""
from __future__ import annotations

import re
import unicodedata

from . import errors
from .labels import typed_label
from .model import (Cell, Margins, Origin, PageSection, Paragraph, ParagraphFormat, ReadDocument, Row, RunFormat,
                    Span, Table, mm_to_pt)

MAX_TEXT = 16 * 1024 * 1024
_MARK = re.compile(r"(\*\*|</?b>|</?i>|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*]))")
_SEPARATOR = re.compile(r" \| |\t")


def decode(data: bytes, name: str) -> str:
    if len(data) > MAX_TEXT:
        raise errors.too_big(name, f"{len(data) // (1024 * 1024)} MB chữ")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise errors.not_a_document(name) from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1258")  # Vietnamese Windows code page
            except UnicodeDecodeError:
                raise errors.not_a_document(name) from None
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if "\x00" in text[:65536] or controls > max(8, len(text[:65536]) // 100):
        raise errors.not_a_document(name)
    return unicodedata.normalize("NFC", text)


def _paired(marks: list[re.Match]) -> list[re.Match]:
    """The marks that are formatting: every ``*``, and ``<b>``/``<i>`` only as an open-close pair in
    the line; a lone «<b>» or «</i>» is text (a plan may quote HTML)."""
    keep = [not m.group(0).startswith("<") for m in marks]
    open_at: dict[str, list[int]] = {}
    for k, m in enumerate(marks):
        mark = m.group(0)
        if mark.startswith("</"):
            if open_at.get(mark[2]):
                keep[open_at[mark[2]].pop()] = keep[k] = True
        elif mark.startswith("<"):
            open_at.setdefault(mark[1], []).append(k)
    return [m for m, ok in zip(marks, keep) if ok]


def _spans(line: str) -> list[Span]:
    """Markdown-ish marks → bold/italic spans."""
    bold = italic = False
    out: list[Span] = []
    pos = 0
    for m in _paired(list(_MARK.finditer(line))):
        if m.start() > pos:
            out.append(Span(line[pos:m.start()], RunFormat(bold=bold, italic=italic)))
        mark = m.group(0)
        if mark in ("**", "<b>", "</b>"):
            bold = mark == "<b>" or (mark == "**" and not bold)
        else:
            italic = mark == "<i>" or (mark == "*" and not italic)
        pos = m.end()
    if pos < len(line):
        out.append(Span(line[pos:], RunFormat(bold=bold, italic=italic)))
    return out


def _paragraph(raw: str, line_no: int, block: int) -> Paragraph:
    line = re.sub(r"^\s*#{1,6}\s+", "", raw.rstrip())
    spans = _spans(line)
    text = "".join(s.text for s in spans).strip()
    label, body = typed_label(text)
    return Paragraph(text=text, body=body if label else text, label=label, spans=tuple(spans),
                     format=ParagraphFormat(), origin=Origin(part="text", line=line_no, block=block))


def _is_row(line: str) -> bool:
    return bool(_SEPARATOR.search(line.strip("\n"))) and bool(line.strip())


def read_text(data: bytes, name: str) -> ReadDocument:
    text = decode(data, name)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    note = None
    start = 0
    if lines and lines[0].startswith("SOURCE:"):
        note = lines[0][len("SOURCE:"):].strip()
        start = 1
    blocks: list = []
    i = start
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if _is_row(line):
            i = _table(lines, i, blocks)
            continue
        blocks.append(_paragraph(line, i + 1, len(blocks)))
        i += 1
    if not any(isinstance(b, Table) or b.text for b in blocks):
        raise errors.empty(name)
    a4 = PageSection(width=mm_to_pt(210), height=mm_to_pt(297), margins=Margins(0, 0, 0, 0),
                     first_block=0, end_block=len(blocks))
    return ReadDocument(name=name, kind="text", sections=[a4], blocks=blocks, source_note=note)


def _next_content(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def _table(lines: list[str], i: int, blocks: list) -> int:
    """Rows from line ``i`` on; returns the index of the first line after the table."""
    index = sum(1 for b in blocks if isinstance(b, Table))
    base = Origin(part="text", table=index, block=len(blocks))
    raw_rows: list[tuple[int, list[str]]] = []
    while i < len(lines):
        i = _next_content(lines, i)
        if i >= len(lines):
            break
        line = lines[i]
        if _is_row(line):
            cells = [c.strip() for c in _SEPARATOR.split(line.strip("\n"))]
            while len(cells) > 1 and not cells[-1]:  # trailing separators draw no cell
                cells.pop()
            raw_rows.append((i + 1, cells))
            i += 1
            continue
        nxt = _next_content(lines, i + 1)
        if raw_rows and nxt < len(lines) and _is_row(lines[nxt]):
            raw_rows.append((i + 1, [line.strip()]))  # a group row between two rows
            i += 1
            continue
        break
    ncols = max(len(cells) for _, cells in raw_rows)
    rows = []
    for r, (line_no, cells) in enumerate(raw_rows):
        row_cells = []
        col = 0
        for k, raw in enumerate(cells):
            span = ncols - col if k == len(cells) - 1 else 1
            origin = Origin(part="text", table=index, row=r, cell=col, line=line_no, block=base.block)
            para = _paragraph(raw, line_no, base.block)
            para.origin = origin
            row_cells.append(Cell(blocks=[para] if raw.strip() else [], column=col, grid_span=span, origin=origin))
            col += span
        rows.append(Row(cells=row_cells, header=r == 0, origin=Origin(part="text", table=index, row=r, line=line_no)))
    blocks.append(Table(rows=rows, origin=base))
    return i
