"""Text lines of a PDF → paragraphs, from geometry alone.

A two-column stretch (the header: issuing body | national title; the closing: recipients |
signature) is read column by column, as the DOCX reader reads a layout table. In one flow a
new paragraph starts after a vertical gap larger than the line spacing, after a short line
of a left-aligned or justified paragraph, or where the size changes; a paragraph that fills
the last line of a page goes on at the top of the next page.
"""
from __future__ import annotations

from dataclasses import replace

from .labels import typed_label
from .model import LineSpacing, Origin, Paragraph, ParagraphFormat, Span, Table

GAP = 0.35  # × size: more space than this between two lines starts a new paragraph


def _rows(lines):
    """Lines side by side (overlapping vertically by more than a third of their height) form a row."""
    rows: list[list] = []
    for ln in sorted(lines, key=lambda x: (x.bottom, x.x0)):
        if rows:
            top = min(x.top for x in rows[-1])
            bottom = max(x.bottom for x in rows[-1])
            overlap = min(bottom, ln.bottom) - max(top, ln.top)
            if overlap > 0.35 * min(ln.bottom - ln.top, bottom - top) and \
                    not any(x.x0 < ln.x1 and ln.x0 < x.x1 for x in rows[-1]):
                rows[-1].append(ln)
                continue
        rows.append([ln])
    for r in rows:
        r.sort(key=lambda x: x.x0)
    return rows


def _fits(piece, side: list) -> bool:
    """A line continues a column when it lines up with what the column already has."""
    size = piece.size
    centre = (piece.x0 + piece.x1) / 2
    return any(abs(p.x0 - piece.x0) < 0.4 * size or abs((p.x0 + p.x1) / 2 - centre) < size for p in side)


def _streams(page_lines):
    """("main", lines) and ("columns", (left, right), split) segments of one page, in reading order."""
    rows = _rows(page_lines)
    out: list[tuple] = []
    i = 0
    while i < len(rows):
        if len(rows[i]) < 2:
            out.append(("main", rows[i], None))
            i += 1
            continue
        split = (rows[i][0].x1 + rows[i][1].x0) / 2
        region = [rows[i]]
        side_of: dict[int, bool] = {id(x): (x.x0 + x.x1) / 2 >= split for x in rows[i]}  # True: right column
        j = i + 1
        while j < len(rows):
            r = rows[j]
            size = max(x.size for x in region[-1])
            gap = r[0].top - max(x.bottom for x in region[-1])
            lefts = [x for row in region for x in row if not side_of[id(x)]]
            rights = [x for row in region for x in row if side_of[id(x)]]
            fits_left = len(r) == 1 and lefts and r[0].x1 < min(x.x0 for x in rights) - 0.5 * size \
                and _fits(r[0], lefts)
            fits_right = len(r) == 1 and rights and r[0].x0 > max(x.x1 for x in lefts) + 0.5 * size \
                and _fits(r[0], rights)
            sandwiched = j + 1 < len(rows) and len(rows[j + 1]) >= 2 and \
                rows[j + 1][0].top - r[0].bottom < 2.5 * size
            if len(r) >= 2 or ((fits_left or fits_right) and (gap < 1.6 * size or sandwiched)):
                for x in r:
                    side_of[id(x)] = bool(fits_right) if len(r) == 1 else (x.x0 + x.x1) / 2 >= split
                region.append(r)
                j += 1
            else:
                break
        # bands: the rows of a layout table (a wide vertical gap on both sides starts the next one)
        bands: list[list] = [[region[0]]]
        for r in region[1:]:
            prev = bands[-1][-1]
            size = max(x.size for x in prev)
            if len(r) >= 2 and r[0].top - max(x.bottom for x in prev) > 1.1 * size:
                bands.append([r])
            else:
                bands[-1].append(r)
        for band in bands:
            left = [x for r in band for x in r if not side_of[id(x)]]
            right = [x for r in band for x in r if side_of[id(x)]]
            out.append(("columns", (left, right), split))
        i = j
    return out


def paragraphs_of(pages: list[list], *, geometry: dict | None = None, origin_base: Origin | None = None
                  ) -> list[Paragraph]:
    """Lines grouped by page (in order) → paragraphs."""
    items: list[tuple] = []
    for page_lines in pages:
        top_of_page = True
        for item in _streams(page_lines):
            prev = items[-1] if items else None
            side = _side(item, prev) if top_of_page else None
            if top_of_page and item[0] == "columns" and prev and prev[0] == "columns" and _continues(prev, item):
                # a layout table that runs over the page break: its columns go on
                items[-1] = ("columns", (prev[1][0] + item[1][0], prev[1][1] + item[1][1]), prev[2])
                continue
            top_of_page = False
            if side is not None:
                left, right = prev[1]
                items[-1] = ("columns", (left + item[1], right) if side == 0 else (left, right + item[1]), prev[2])
                top_of_page = True  # more lines of the same column may follow
            elif item[0] == "main" and prev and prev[0] == "main":
                items[-1] = ("main", prev[1] + item[1], None)
            else:
                items.append(item)
    out: list[Paragraph] = []
    for kind, lines, _ in items:
        if kind == "main":
            out += _paragraphs(lines, geometry, origin_base)
        else:
            out += _paragraphs(lines[0], geometry, origin_base, column=True)
            out += _paragraphs(lines[1], geometry, origin_base, column=True)
    return out


def _continues(prev, item) -> bool:
    """The columns at the top of a page line up with the columns that ended the page before."""
    return all(not new or not old or _fits(new[0], old) for new, old in zip(item[1], prev[1]))


def _side(item, prev) -> int | None:
    """0 or 1 when a line at the top of a page goes on a column of the layout table that ended the page before."""
    if item[0] != "main" or not prev or prev[0] != "columns" or not prev[1][0] or not prev[1][1]:
        return None
    left, right = prev[1]
    ln = item[1][0]
    if len(item[1]) == 1 and ln.x1 < min(x.x0 for x in right) and _fits(ln, left):
        return 0
    if len(item[1]) == 1 and ln.x0 > max(x.x1 for x in left) and _fits(ln, right):
        return 1
    return None


def _edges(lines, geometry, page: int, column: bool) -> tuple[float, float]:
    mine = [x for x in lines if x.page == page]
    if not column and geometry and page in geometry and geometry[page].text_box:
        box = geometry[page].text_box
        return box[0], box[2]
    return min(x.x0 for x in mine), max(x.x1 for x in mine)


def _centered(ln, left: float, right: float) -> bool:
    size = ln.size
    return ln.x0 > left + size and abs((ln.x0 + ln.x1) / 2 - (left + right) / 2) < max(size, 0.04 * (right - left))


def _balanced(ln, left: float, right: float) -> bool:
    """As much room on both sides (a centred line), and not flush with the left edge."""
    return ln.x0 > left + 2 and abs((ln.x0 - left) - (right - ln.x1)) < ln.size


def _paragraphs(lines, geometry, origin_base, column: bool = False) -> list[Paragraph]:
    if not lines:
        return []
    groups: list[list] = []
    for ln in lines:
        if not groups:
            groups.append([ln])
            continue
        prev = groups[-1][-1]
        left, right = _edges(lines, geometry, prev.page, column)
        size = max(prev.size, 1.0)
        if ln.page != prev.page:
            nleft, _ = _edges(lines, geometry, ln.page, column)
            full = prev.x1 >= right - 1.5 * size and not _centered(prev, left, right) and not column
            same = abs(ln.size - prev.size) < 0.6 and ln.x0 <= nleft + 0.5 * size
            if full and same:
                groups[-1].append(ln)
            else:
                groups.append([ln])
            continue
        gap = ln.top - prev.bottom
        new = gap > GAP * size or abs(ln.size - prev.size) >= 0.6
        same_centre = abs((ln.x0 + ln.x1) / 2 - (prev.x0 + prev.x1) / 2) < size
        if new or (same_centre and (_balanced(ln, left, right) or _balanced(prev, left, right))):
            pass  # a centred title wrapped over lines stays one paragraph
        elif prev.x1 < right - 2.5 * size:
            new = True  # the previous line ended short: the end of its paragraph
        elif ln.x0 > left + 0.6 * size and not _centered(ln, left, right):
            new = True  # an indented first line after a full line
        if new:
            groups.append([ln])
        else:
            groups[-1].append(ln)
    out = []
    for g in groups:
        left, right = _edges(lines, geometry, g[0].page, column)
        out.append(_paragraph(g, left, right, origin_base))
    return out


def _paragraph(group, left: float, right: float, origin_base: Origin | None) -> Paragraph:
    spans: list[Span] = []
    for k, ln in enumerate(group):
        for s in ln.spans:
            if k and s is ln.spans[0]:
                hyphen = spans and len(spans[-1].text) > 1 and spans[-1].text.endswith("-") and \
                    not spans[-1].text[-2].isspace() and s.text[:1].isalnum()
                s = Span(("" if hyphen else " ") + s.text, s.format)  # "2021-" + "2030": one word
            if spans and spans[-1].format == s.format:
                spans[-1] = Span(spans[-1].text + s.text, s.format)
            else:
                spans.append(s)
    text = "".join(s.text for s in spans)
    first = group[0]
    size = first.size
    if all(_centered(ln, left, right) for ln in group):
        align = "center"
    elif len(group) > 1 and all(ln.x1 >= right - 1.5 * size for ln in group[:-1]):
        align = "justify"
    elif first.x0 > left + 4 * size and first.x1 >= right - 1.5 * size:
        align = "right"
    else:
        align = "left"
    indent_left = min((ln.x0 for ln in group[1:]), default=first.x0) - left if align != "center" else 0.0
    first_line = first.x0 - left - indent_left if align != "center" else 0.0
    pitch = [b.bottom - a.bottom for a, b in zip(group, group[1:]) if a.page == b.page]
    spacing = LineSpacing("exact", round(sum(pitch) / len(pitch), 1)) if pitch else LineSpacing()
    fmt = ParagraphFormat(alignment=align, indent_left=round(max(indent_left, 0.0), 1),
                          first_line=round(first_line, 1), line_spacing=spacing)
    label, body = typed_label(text)
    base = origin_base or Origin(part="pdf")
    origin = replace(base, page=first.page, line=first.no or base.line)
    return Paragraph(text=text, body=body if label else text, label=label, spans=tuple(spans), format=fmt,
                     origin=origin)


def merge_tables(prev: Table, table: Table) -> bool:
    """Join a table continued on the next page (same columns); drop its repeated header row."""
    if len(prev.column_widths) != len(table.column_widths) or not prev.rows or not table.rows:
        return False
    if any(abs(a - b) > 3 for a, b in zip(prev.column_widths, table.column_widths)):
        return False
    rows = table.rows
    if [c.text for c in rows[0].cells] == [c.text for c in prev.rows[0].cells]:
        prev.rows[0].header = True
        rows = rows[1:]
    last = prev.rows[-1]
    if rows and rows[0].cells and not rows[0].cells[0].text and \
            [c.column for c in rows[0].cells] == [c.column for c in last.cells]:
        # a row that the page break split: its rest goes back into the row it started in
        for above, below in zip(last.cells, rows[0].cells):
            above.blocks = above.blocks + below.blocks
        rows = rows[1:]
    base = len(prev.rows)
    for k, r in enumerate(rows):
        r.origin = replace(r.origin, row=base + k, table=prev.origin.table)
        for c in r.cells:
            c.origin = replace(c.origin, row=base + k, table=prev.origin.table)
        prev.rows.append(r)
    return True
