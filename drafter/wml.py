"""WordprocessingML written as strings: typed lengths and the few elements drafter uses.

Both the template builder (build time) and the per-document fragments (run time) write
their XML here, so that a paragraph, a run or a table cell is spelled one way only.
Lengths are ints in twips (1/20 pt, Word's "dxa"), built from the unit they are thought
in, as python-docx does with ``Pt``, ``Cm``, ``Mm``; the few attributes in another unit
(``w:sz`` in half-points, border ``w:sz`` in eighth-points) are read off the length.
Child elements are written in the order of the ECMA-376 schema (CT_PPr, CT_RPr, CT_TcPr,
CT_TblPr, CT_SectPr): Word rejects or "repairs" a file whose elements are out of order.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import escape

from . import nd30

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


# --------------------------------------------------------------------------- lengths

class Twips(int):
    """A length in twentieths of a point: the unit of w:ind, w:spacing, w:pgSz, w:tcW."""

    def __new__(cls, twips: int) -> "Twips":
        return int.__new__(cls, twips)

    @property
    def pt(self) -> float:
        return int(self) / 20

    @property
    def mm(self) -> float:
        return int(self) * 25.4 / 1440

    @property
    def cm(self) -> float:
        return int(self) * 2.54 / 1440

    @property
    def half_points(self) -> int:
        """For w:sz and w:szCs (font size)."""
        return int(self) // 10

    @property
    def eighth_points(self) -> int:
        """For the w:sz of a border."""
        return int(self) * 2 // 5


class Pt(Twips):
    def __new__(cls, points: float) -> "Pt":
        return int.__new__(cls, round(points * 20))


class Mm(Twips):
    def __new__(cls, mm: float) -> "Mm":
        return int.__new__(cls, round(mm * 1440 / 25.4))


class Cm(Twips):
    """1 cm = 567 twips, as Word rounds it."""

    def __new__(cls, cm: float) -> "Cm":
        return int.__new__(cls, round(cm * 1440 / 2.54))


# --------------------------------------------------------------------------- runs

FONT = nd30.FONT.name
LANG = nd30.LANGUAGE


@cache  # fragments build thousands of runs per batch with a handful of formats
def rpr(size: Twips | None = None, bold: bool = False, italic: bool = False) -> str:
    """Run properties in CT_RPr order. The font is set for all four script slots, and no
    w:hint="eastAsia" (Word would switch fonts mid-word)."""
    out = f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
    if bold:
        out += "<w:b/><w:bCs/>"
    if italic:
        out += "<w:i/><w:iCs/>"
    if size:
        out += f'<w:sz w:val="{size.half_points}"/><w:szCs w:val="{size.half_points}"/>'
    return out + f'<w:lang w:val="{LANG}" w:eastAsia="{LANG}" w:bidi="ar-SA"/></w:rPr>'


def run(text: str, size: Twips | None = None, bold: bool = False, italic: bool = False) -> str:
    """A run of text; ``text`` is escaped (it may hold Jinja tags, which need no escaping)."""
    return f'<w:r>{rpr(size, bold, italic)}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def field_runs(instruction: str, shown: str, size: Twips | None = None) -> str:
    """A complex field (e.g. PAGE) with the value Word shows before it updates fields."""
    props = rpr(size)
    return (f'<w:r>{props}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{props}<w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
            f'<w:r>{props}<w:fldChar w:fldCharType="separate"/></w:r>'
            f"<w:r>{props}<w:t>{escape(shown)}</w:t></w:r>"
            f'<w:r>{props}<w:fldChar w:fldCharType="end"/></w:r>')


# --------------------------------------------------------------------------- paragraphs

@dataclass(frozen=True)
class Spacing:
    """Space before and after a paragraph; line height in lines (auto) or exact."""

    before: Twips = Twips(0)
    after: Twips = Twips(0)
    lines: float = 1.0
    exact: Twips | None = None

    def xml(self) -> str:
        line, rule = (self.exact, "exact") if self.exact is not None else (round(self.lines * 240), "auto")
        return f'<w:spacing w:before="{self.before}" w:after="{self.after}" w:line="{line}" w:lineRule="{rule}"/>'


@dataclass(frozen=True)
class Indent:
    left: Twips = Twips(0)
    right: Twips = Twips(0)
    first_line: Twips = Twips(0)

    def xml(self) -> str:
        return f'<w:ind w:left="{self.left}" w:right="{self.right}" w:firstLine="{self.first_line}"/>'


@dataclass(frozen=True)
class Border:
    """One edge of a paragraph or table border."""

    width: Twips
    space: Twips = Twips(0)
    style: str = "single"
    color: str = "000000"

    def xml(self, edge: str) -> str:
        return (f'<w:{edge} w:val="{self.style}" w:sz="{self.width.eighth_points}" '
                f'w:space="{int(self.space.pt)}" w:color="{self.color}"/>')


def ppr(style: str | None = None, *, keep_next: bool = False, border_top: Border | None = None,
        spacing: Spacing | None = None, ind: Indent | None = None, contextual_spacing: bool = False,
        align: str | None = None, sect: str = "") -> str:
    """Paragraph properties in CT_PPr order; "" when there are none."""
    out = f'<w:pStyle w:val="{style_id(style)}"/>' if style else ""
    if keep_next:
        out += "<w:keepNext/>"
    if border_top is not None:
        out += f"<w:pBdr>{border_top.xml('top')}</w:pBdr>"
    if spacing is not None:
        out += spacing.xml()
    if ind is not None:
        out += ind.xml()
    if contextual_spacing:
        out += "<w:contextualSpacing/>"
    if align:
        out += f'<w:jc w:val="{align}"/>'
    out += sect
    return f"<w:pPr>{out}</w:pPr>" if out else ""


def para(style: str | None, *runs: str, **props) -> str:
    """A paragraph of ``style`` (a style name) holding ``runs``; ``props`` as for :func:`ppr`."""
    return f'<w:p>{ppr(style, **props)}{"".join(runs)}</w:p>'


def style_id(name: str) -> str:
    """Word's id of a style: its name without spaces ("Issuing Body" → "IssuingBody")."""
    return name.replace(" ", "")


# --------------------------------------------------------------------------- tables

def cell(width: Twips, content: str, span: int = 1, v_center: bool = False, vmerge: str | None = None) -> str:
    """A table cell in CT_TcPr order: width, grid span, vertical merge ("restart" opens one, "continue"
    is a cell it covers), vertical alignment."""
    extra = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    if vmerge:
        extra += '<w:vMerge w:val="restart"/>' if vmerge == "restart" else "<w:vMerge/>"
    if v_center:
        extra += '<w:vAlign w:val="center"/>'
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{extra}</w:tcPr>{content}</w:tc>'


def row(cells: str, header: bool = False, cant_split: bool = False) -> str:
    """A table row; a header row repeats on every page."""
    trpr = ("<w:tblHeader/>" if header else "") + ("<w:cantSplit/>" if cant_split else "")
    return f"<w:tr>{f'<w:trPr>{trpr}</w:trPr>' if trpr else ''}{cells}</w:tr>"


def table(style: str, widths: list[Twips], rows: str, look: str = "0000") -> str:
    """A fixed-layout table of ``style`` whose grid is ``widths``."""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="{style_id(style)}"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
            f'<w:tblLayout w:type="fixed"/><w:tblLook w:val="{look}"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
            f"{rows}</w:tbl>")


def table_borders(border: Border | None) -> str:
    """All six edges of a table style: one line, or none (a layout table)."""
    edges = ("top", "left", "bottom", "right", "insideH", "insideV")
    if border is None:
        return "<w:tblBorders>" + "".join(f'<w:{e} w:val="nil"/>' for e in edges) + "</w:tblBorders>"
    return "<w:tblBorders>" + "".join(border.xml(e) for e in edges) + "</w:tblBorders>"


def cell_margins(left: Twips, right: Twips, top: Twips | None = None, bottom: Twips | None = None) -> str:
    """Default cell margins of a table style, in CT_TblCellMar order."""
    out = f'<w:top w:w="{top}" w:type="dxa"/>' if top is not None else ""
    out += f'<w:left w:w="{left}" w:type="dxa"/>'
    out += f'<w:bottom w:w="{bottom}" w:type="dxa"/>' if bottom is not None else ""
    out += f'<w:right w:w="{right}" w:type="dxa"/>'
    return f"<w:tblCellMar>{out}</w:tblCellMar>"


# --------------------------------------------------------------------------- sections

def page_size(width: Twips, height: Twips, landscape: bool) -> str:
    orient = ' w:orient="landscape"' if landscape else ""
    return f'<w:pgSz w:w="{width}" w:h="{height}"{orient}/>'


@dataclass(frozen=True)
class PageMargins:
    top: Twips
    right: Twips
    bottom: Twips
    left: Twips
    header: Twips
    footer: Twips

    def xml(self) -> str:
        return (f'<w:pgMar w:top="{self.top}" w:right="{self.right}" w:bottom="{self.bottom}" '
                f'w:left="{self.left}" w:header="{self.header}" w:footer="{self.footer}" w:gutter="0"/>')


def sect_pr(page: str, margins: PageMargins, headers: dict[str, str], *, restart_numbers: bool,
            title_page: bool) -> str:
    """Section properties in CT_SectPr order. ``page`` is the w:pgSz element (or a template's
    choice between two); ``headers`` maps a header type ("default", "first") to its r:id."""
    refs = "".join(f'<w:headerReference w:type="{kind}" r:id="{rid}"/>' for kind, rid in headers.items())
    return (f'<w:sectPr>{refs}<w:type w:val="nextPage"/>{page}{margins.xml()}'
            + ('<w:pgNumType w:start="1"/>' if restart_numbers else "")
            + '<w:cols w:space="720"/>' + ("<w:titlePg/>" if title_page else "")
            + '<w:docGrid w:linePitch="360"/></w:sectPr>')


# --------------------------------------------------------------------------- fonts

@dataclass(frozen=True)
class FontFace:
    """What Word needs to find a font, or a close substitute where it is missing: the PANOSE
    classification, character set, family, pitch and the Unicode and code-page ranges it covers."""

    name: str
    panose: str
    charset: str
    family: str
    pitch: str
    signature: tuple[str, str, str, str, str, str]  # usb0..usb3, csb0, csb1

    def xml(self) -> str:
        sig = " ".join(f'w:{k}="{v}"' for k, v in zip(("usb0", "usb1", "usb2", "usb3", "csb0", "csb1"),
                                                        self.signature))
        return (f'<w:font w:name="{self.name}"><w:panose1 w:val="{self.panose}"/><w:charset w:val="{self.charset}"/>'
                f'<w:family w:val="{self.family}"/><w:pitch w:val="{self.pitch}"/><w:sig {sig}/></w:font>')


def font_table(faces: list[FontFace]) -> str:
    return f'{XML_DECL}<w:fonts xmlns:w="{W_NS}">{"".join(f.xml() for f in faces)}</w:fonts>'
