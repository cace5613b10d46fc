"""Pieces of WordprocessingML whose geometry depends on the words of one document.

A Word template cannot say "a rule 40 % as long as the subject above it" nor "columns
from the draft". These pieces are computed here, from the context, as XML that uses
the template's named styles (so an office restyles them in Word like everything
else), and the template places them with docxtpl's ``{{p ...}}`` tag. Plain docxtpl
and the prepared renderer therefore give the same document, with no pass over the
XML afterwards.
"""
from __future__ import annotations

from functools import lru_cache
from xml.sax.saxutils import escape

from .geometry import CM, HEADER_LEFT, HEADER_RIGHT, PAGE_H, PAGE_W, TEXT_W, TEXT_W_LANDSCAPE, text_width
from .template_builder import para, run

SUBJECT_GAP = 180  # under the subject's rule: with the body's 6 pt, about one empty line
TABLE_GAP = 240  # 12 pt between the appendix heading's rule and the table
MOTTO = "Độc lập - Tự do - Hạnh phúc"


class RawXml(str):
    """XML that docxtpl inserts as is, even with autoescape on."""

    def __html__(self) -> str:
        return str(self)


def rule(lines: list[str], size: float, bold: bool, available: int, *, full: bool = False,
         after: int | None = None) -> RawXml:
    """A centred short line under ``lines``: as long as the text (motto) or 40 % of it (ND 30:
    1/3 to 1/2), never wider than the room it sits in."""
    widest = min(max((text_width(t, size, bold) for t in lines), default=0), available)
    length = max(widest if full else int(widest * 0.4), CM)
    side = max((available - length) // 2, 0)
    ppr = ""
    if after is not None:
        # The whole spacing element: LibreOffice does not merge a partial one with the style's.
        ppr += f'<w:spacing w:before="80" w:after="{after}" w:line="40" w:lineRule="exact"/>'
    ppr += f'<w:ind w:left="{side}" w:right="{side}" w:firstLine="0"/>'
    return RawXml(para("Rule Line", ppr=ppr))


def header_rules(issuer_lines: list[str]) -> dict:
    return {
        "rule_issuer": rule(issuer_lines, 13, True, HEADER_LEFT),
        "rule_motto": rule([MOTTO], 14, True, HEADER_RIGHT, full=True),
    }


def subject_rule(subject: str, attached: str = "") -> RawXml:
    """Under the subject, or under the "(Kèm theo ...)" line when there is one."""
    if attached:
        return rule([attached], 14, False, TEXT_W, after=SUBJECT_GAP)
    return rule([subject], 14, True, TEXT_W, after=SUBJECT_GAP)


def decision_subject_rule(subject: str) -> RawXml:
    return rule([subject], 14, True, TEXT_W)


def appendix_rule(attached: str) -> RawXml:
    return rule([attached], 13, False, TEXT_W_LANDSCAPE, after=TABLE_GAP)


# ----------------------------------------------------------------------------- tables

def column_widths(widths_cm: list[float | None], total: int = TEXT_W_LANDSCAPE) -> list[int]:
    """Column widths in twips, scaled to fill the landscape text width."""
    cm = [w if w else 3.0 for w in widths_cm]
    scale = total / (sum(cm) * CM)
    out = [int(w * CM * scale) for w in cm]
    out[-1] += total - sum(out)
    return out


def _cell(width: int, paragraphs: str, span: int = 1, center_v: bool = False) -> str:
    extra = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    if center_v:
        extra += '<w:vAlign w:val="center"/>'
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{extra}</w:tcPr>{paragraphs}</w:tc>'


def _row(cells: list[str], header: bool = False) -> str:
    trpr = "<w:tblHeader/><w:cantSplit/>" if header else "<w:cantSplit/>"
    return f"<w:tr><w:trPr>{trpr}</w:trPr>{''.join(cells)}</w:tr>"


# A cell paragraph is para(style, run(text)); its two fixed halves are built once, since a
# batch writes tens of thousands of cells.
_HALVES = {style: para(style, run("\x00")).split("\x00") for style in (
    "Table Header", "Table Number", "Table Cell", "Table Cell Center", "Table Group", "Table Group Center")}


@lru_cache(maxsize=8192)  # the communes of a batch share most cells: same task, same units
def _text_cell(style: str, text: str, width: int, span: int = 1, center_v: bool = False) -> str:
    head, tail = _HALVES[style]
    return _cell(width, head + escape(text) + tail, span, center_v)


def _data_row(cells: list[dict], widths: list[int]) -> str:
    if cells and all(c["group"] for c in cells):
        # A group row ("II | Cải cách thủ tục hành chính"): its title spans the empty cells after
        # it, so a long area name is not squeezed into one narrow column.
        filled = [i for i, c in enumerate(cells) if c["text"].strip()]
        last = filled[-1] if filled else len(cells) - 1
        out = [_text_cell("Table Group Center" if c["center"] else "Table Group", c["text"], w)
               for c, w in zip(cells[:last], widths)]
        c = cells[last]
        out.append(_text_cell("Table Group Center" if c["center"] else "Table Group", c["text"],
                              sum(widths[last:]), span=len(cells) - last))
        return _row(out)
    styles = [("Table Cell Center" if c["center"] else "Table Cell") for c in cells]
    return _row([_text_cell(s, c["text"], w) for s, c, w in zip(styles, cells, widths)])


def appendix_table(columns: list[dict], rows: list[dict], number_row: bool) -> RawXml:
    widths = column_widths([c["width"] for c in columns])
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    parts = [_row([_text_cell("Table Header", c["header"], w, center_v=True)
                   for c, w in zip(columns, widths)], header=True)]
    if number_row:
        parts.append(_row([_text_cell("Table Number", c["number"], w) for c, w in zip(columns, widths)]))
    parts += [_data_row(r["cells"], widths) for r in rows]
    return RawXml(
        '<w:tbl><w:tblPr><w:tblStyle w:val="AppendixTable"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        f'<w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(parts)}</w:tbl>')


# ----------------------------------------------------------------------------- sections

def portrait_last_section(xml: str) -> str:
    """The document ends with a landscape section (for appendices); without one, the last
    section is the plan's: swap the page back to portrait in the final sectPr."""
    start = xml.rfind("<w:sectPr")
    head, tail = xml[:start], xml[start:]
    tail = tail.replace(f'<w:pgSz w:w="{PAGE_H}" w:h="{PAGE_W}" w:orient="landscape"/>',
                        f'<w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/>', 1)
    return head + tail
