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

from . import nd30
from .geometry import HEADER_LEFT, HEADER_RIGHT, TEXT_W, TEXT_W_LANDSCAPE, estimate_width
from .wml import Cm, Indent, Pt, Spacing, Twips, cell, para, row, run, table

RULE_LINE = nd30.STYLES["Rule Line"]
RULE_MIN = Cm(nd30.RULE_MIN_LENGTH_CM)


class RawXml(str):
    """XML that docxtpl inserts as is, even with autoescape on."""

    def __html__(self) -> str:
        return str(self)


def rule(lines: list[str], under: nd30.RuleUnder, available: int, *, after_pt: float | None = None) -> RawXml:
    """A centred line under ``lines`` (set in the style ``under.under``), ``under.ratio`` × as
    long as the widest of them, never wider than the room it sits in."""
    style = nd30.STYLES[under.under]
    widest = min(max((estimate_width(t, style.size_pt, style.bold) for t in lines), default=0), available)
    length = max(int(widest * under.ratio), RULE_MIN)
    return _rule_para(max((available - length) // 2, 0), after_pt)


@lru_cache(maxsize=1024)  # a batch draws the same few rules again and again
def _rule_para(side: int, after_pt: float | None) -> RawXml:
    spacing = None
    if after_pt is not None:
        # The whole spacing element: LibreOffice does not merge a partial one with the style's.
        spacing = Spacing(before=Pt(RULE_LINE.before_pt), after=Pt(after_pt), exact=Pt(RULE_LINE.line_exact_pt))
    return RawXml(para(RULE_LINE.name, spacing=spacing, ind=Indent(left=Twips(side), right=Twips(side))))


def header_rules(issuer_lines: list[str]) -> dict:
    return {
        "rule_issuer": rule(issuer_lines, nd30.ISSUER_RULE, HEADER_LEFT),
        "rule_motto": rule([nd30.MOTTO_TEXT], nd30.MOTTO_RULE, HEADER_RIGHT),
    }


def subject_rule(subject: str, attached: str = "") -> RawXml:
    """Under the subject, or under the "(Kèm theo ...)" line when there is one."""
    if attached:
        return rule([attached], nd30.ATTACHED_RULE, TEXT_W, after_pt=nd30.GAP_UNDER_SUBJECT_RULE_PT)
    return rule(subject.splitlines() or [""], nd30.SUBJECT_RULE, TEXT_W, after_pt=nd30.GAP_UNDER_SUBJECT_RULE_PT)


def decision_subject_rule(subject: str) -> RawXml:
    # A subject broken by hand over lines is measured on its widest line, not on the whole string.
    return rule(subject.splitlines() or [""], nd30.SUBJECT_RULE, TEXT_W)


def appendix_rule(attached: str) -> RawXml:
    return rule([attached], nd30.APPENDIX_RULE, TEXT_W_LANDSCAPE, after_pt=nd30.GAP_BEFORE_APPENDIX_TABLE_PT)


def addressees(names: list[str]) -> RawXml:
    """"Kính gửi:" (decree II.9.b, d): one body on the same line, centred; several each on a line of
    its own, "- ...;" and the last "- ... .", the dashes in a column under the colon, the block centred."""
    if not names:
        return RawXml("")
    style = nd30.REPORT_STYLES["Addressee"]
    word = nd30.ADDRESSEE_WORD
    if len(names) == 1:
        return RawXml(para(style.name, run(escape(f"{word} {names[0]}")), align=nd30.Align.CENTER.value))
    lines, left, under = addressee_lines(names)
    out = [para(style.name, run(escape(word)), ind=Indent(left=Twips(left)))]
    out += [para(style.name, run(escape(t)), ind=Indent(left=Twips(under))) for t in lines]
    return RawXml("".join(out))


def addressee_lines(names: list[str]) -> tuple[list[str], int, int]:
    """Several bodies under "Kính gửi:": their lines, the label's indent and the lines' indent (twips)."""
    style = nd30.REPORT_STYLES["Addressee"]
    lines = [f"- {n};" for n in names[:-1]] + [f"- {names[-1]}."]
    label = estimate_width(nd30.ADDRESSEE_WORD, style.size_pt, style.bold)
    widest = max(estimate_width(t, style.size_pt, style.bold) for t in lines)
    left = max((TEXT_W - label - widest) // 2, 0)
    under = min(left + label - estimate_width(":", style.size_pt, style.bold), TEXT_W // 2)
    return lines, left, under


# ----------------------------------------------------------------------------- tables

def column_widths(widths_cm: list[float | None], total: int = TEXT_W_LANDSCAPE) -> list[int]:
    """Column widths in twips, scaled to fill the landscape text width."""
    cm = [w if w else nd30.APPENDIX_COLUMN_CM for w in widths_cm]
    twips_per_cm = Cm(1)
    scale = total / (sum(cm) * twips_per_cm)
    out = [int(w * twips_per_cm * scale) for w in cm]
    out[-1] += total - sum(out)
    return out


def _row(cells: list[str], header: bool = False) -> str:
    # No row splits across pages; the header row repeats on each page.
    return row("".join(cells), header=header, cant_split=True)


# A cell paragraph is para(style, run(text)); its two fixed halves are built once, since a
# batch writes tens of thousands of cells.
_HALVES = {style: para(style, run("\x00")).split("\x00") for style in (
    "Table Header", "Table Number", "Table Cell", "Table Cell Center", "Table Group", "Table Group Center")}


@lru_cache(maxsize=8192)  # the communes of a batch share most cells: same task, same units
def _text_cell(style: str, text: str, width: int, span: int = 1, center_v: bool = False,
               vmerge: str | None = None) -> str:
    head, tail = _HALVES[style]
    return cell(width, head + escape(text) + tail, span, center_v, vmerge)


def cell_style(c: dict) -> str:
    if c.get("header"):
        return "Table Header"
    if c["group"]:
        return "Table Group Center" if c["center"] else "Table Group"
    return "Table Cell Center" if c["center"] else "Table Cell"


def _spanned_cells(cells: list[dict], widths: list[int]) -> list[str]:
    """Cells that say their own span (w:gridSpan) and their part in a vertical merge (w:vMerge)."""
    out, col = [], 0
    for c in cells:
        span = c.get("span", 1)
        text = "" if c.get("vmerge") == "continue" else c["text"]
        out.append(_text_cell(cell_style(c), text, sum(widths[col:col + span]), span,
                              center_v=bool(c.get("header") or c.get("vmerge")), vmerge=c.get("vmerge")))
        col += span
    return out


def _data_row(cells: list[dict], widths: list[int], layout: bool = False) -> str:
    if layout:
        return _row(_spanned_cells(cells, widths))
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


def appendix_table(columns: list[dict], rows: list[dict], number_row: bool,
                   headers: list[list[dict]] | None = None) -> RawXml:
    widths = column_widths([c["width"] for c in columns])
    if headers is None or len(headers) == 1:
        parts = [_row([_text_cell("Table Header", c["header"], w, center_v=True)
                       for c, w in zip(columns, widths)], header=True)]
    else:  # every header row repeats on each page (w:tblHeader on each, from the first)
        parts = [_row(_spanned_cells([dict(c, header=True) for c in cells], widths), header=True)
                 for cells in headers]
    if number_row:
        parts.append(_row([_text_cell("Table Number", c["number"], w) for c, w in zip(columns, widths)]))
    parts += [_data_row(r["cells"], widths, r.get("layout", False)) for r in rows]
    return RawXml(table(nd30.APPENDIX_TABLE.name, widths, "".join(parts), look="04A0"))
