"""The six plans of ../shared/examples as Word files typed the way offices type them.

Built in the tests with python-docx (no committed binaries). Each example's text is parsed
into what an office would have typed: a header (a borderless table, or tabs), the kind and
subject, bases, numbered parts, a closing table (recipients | signature), and appendix
tables as real Word tables (group rows merged across, empty STT cells merged down, the
header row repeated on each page) on a landscape page. Variants:

* ``numbering="typed"``: numbers typed as text; ``"auto"``: Word's automatic numbering
  (upperRoman "I.", decimal "1.", "%2.%3." for "1.1.", lowerLetter "a)", dash and plus
  bullets), with ``w:startOverride`` where the example's numbers jump (An Lạc's IV after II);
  Word's lowerLetter shows "e)" where the example typed "đ)": the expected text says so.
* ``header="table"`` or ``"tabs"``; ``rules="border"`` (paragraph borders) or ``"shape"``
  (DrawingML lines anchored under the text).

The examples' real mistakes are kept (An Lạc skips section III, Lộc Hòa cites "23//CT-TTg"
and letters "f)", Đồng Tháp dates Nghị quyết 71/NQ-CP "01/5/2025", Bắc Ninh starts a list
at "c)", ...). Header lines that the examples' text lost in extraction (the commune plans'
issuing body and national title, Lộc Hòa's number) are restored: ``RESTORED`` names them.

``build_docx(name, **variant)`` gives the bytes; ``expected(name, **variant)`` gives what a
reader must see: paragraphs in reading order (layout tables cell by cell) and the rows of
each data table. ``build_pdfs(folder)`` makes PDFs with LibreOffice (one process for all).
"""
from __future__ import annotations

import io
import re
import unicodedata
from copy import deepcopy
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt

from drafter.geometry import estimate_width

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT.parent / "shared" / "examples"

FILES = {
    "an-lac": "an-lac-ke-hoach-par-sipas-2026.txt",
    "vo-cuong": "vo-cuong-ke-hoach-cchc-2026.txt",
    "loc-hoa": "loc-hoa-quyet-dinh-ke-hoach-cchc-2025.txt",
    "bac-ninh": "bac-ninh-ke-hoach-kinh-te-so-2026-2030.txt",
    "dong-nai": "dong-nai-ke-hoach-kinh-te-so-2026-2030.txt",
    "dong-thap": "dong-thap-ke-hoach-chuyen-doi-so-doanh-nghiep-2025.txt",
}
NAMES = list(FILES)
NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

# header group index → (issuing body lines, national title and motto, number line) the text lost
RESTORED: dict[str, dict[int, tuple[tuple[str, ...], bool, str | None]]] = {
    "an-lac": {0: (("ỦY BAN NHÂN DÂN", "XÃ AN LẠC"), True, None)},
    "vo-cuong": {0: (("ỦY BAN NHÂN DÂN", "PHƯỜNG VÕ CƯỜNG"), True, None)},
    "loc-hoa": {0: (("ỦY BAN NHÂN DÂN", "XÃ LỘC HÒA"), True, "Số: 09/QĐ-UBND"),
                1: (("ỦY BAN NHÂN DÂN", "XÃ LỘC HÒA"), False, None)},
}

TYPED = dict(numbering="typed", header="table", rules="border")
AUTO = dict(numbering="auto", header="tabs", rules="shape")
VARIANTS = {"typed": TYPED, "auto": AUTO}


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


# ----------------------------------------------------------------------------- the example's parts

@dataclass
class Para:
    text: str
    bold: bool = False
    italic: bool = False
    align: str = "justify"
    size: float = 14
    indent: bool = True  # first line 1.27 cm
    label: tuple[str, int, str] | None = None  # (kind, value, label text) of a typed number
    page_break: bool = False


@dataclass
class Header:
    issuer: list[str] = field(default_factory=list)
    national: list[str] = field(default_factory=list)
    number: str | None = None
    date: str | None = None
    page_break: bool = False


@dataclass
class Closing:
    recipients: list[str]
    signer: list[str]


@dataclass
class DataTable:
    rows: list[list[str]]
    group: list[bool]  # a group row: its text spans the whole table


@dataclass
class Landscape:
    pass


_ISSUER = re.compile(r"^(ỦY BAN NHÂN DÂN|(XÃ|Xã|PHƯỜNG|TỈNH|HUYỆN)\s+[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ]+)$")
_MOTTO = re.compile(r"^Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc$")
_DATE = re.compile(r"^[^,]{2,30}, ngày .{0,12}tháng .{0,4}năm \d{4}$")
_DASHES = re.compile(r"^-{3,}$")
_ROW = re.compile(r" \| |\t")
_LABEL = [
    ("roman", re.compile(r"^([IVX]{1,5})\.\s+")),
    ("multilevel", re.compile(r"^(\d{1,2})\.(\d{1,2})\.\s+")),
    ("decimal", re.compile(r"^(\d{1,2})\.\s+")),
    ("letter", re.compile(r"^([a-zđ])\)\s+")),
    ("dash", re.compile(r"^-\s+")),
    ("plus", re.compile(r"^\+\s+")),
]
_ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def _clean(line: str) -> tuple[str, bool, bool]:
    """(text, bold, italic) of a line of the example: markdown marks are formatting."""
    bold = "**" in line or "<b>" in line or bool(re.match(r"^\s*#", line))
    italic = bool(re.search(r"(^|[^*])\*[^*]", line)) and not bold
    text = re.sub(r"^\s*#+\s*", "", line)
    text = re.sub(r"</?[bi]>", "", text.replace("*", ""))
    return norm(text), bold, italic


def _header_line(text: str) -> bool:
    return bool(_ISSUER.match(text) or text == NATIONAL or _MOTTO.match(text) or _DASHES.match(text)
                or text.startswith("Số:") or _DATE.match(text))


def _typed_label(text: str) -> tuple[str, int, str] | None:
    for kind, rx in _LABEL:
        m = rx.match(text)
        if not m:
            continue
        if kind == "roman":
            if m.group(1) not in _ROMANS:
                continue
            return kind, _ROMANS.index(m.group(1)) + 1, m.group(0).strip()
        if kind == "multilevel":
            return kind, int(m.group(2)), m.group(0).strip()
        if kind == "decimal":
            return kind, int(m.group(1)), m.group(0).strip()
        if kind == "letter":
            return kind, "abcdđeghiklmnopqrstuvxy".find(m.group(1)) + 1 or ord(m.group(1)) - 96, m.group(0).strip()
        return kind, 0, m.group(0).strip()
    return None


@cache
def parts(name: str) -> list:
    """The example as a list of Para, Header, Closing, DataTable and Landscape."""
    raw = (SOURCES / FILES[name]).read_text(encoding="utf-8").split("\n")
    if raw and raw[0].startswith("SOURCE:"):
        raw = raw[1:]
    lines = [(_clean(r), r) for r in raw]
    out: list = []
    headers = 0
    i = 0
    state = "top"  # top → kind → subject → body
    n = len(lines)
    while i < n:
        (text, bold, italic), rawline = lines[i]
        if not text:
            i += 1
            continue
        if _header_line(text) and not _ROW.search(rawline):
            h = Header(page_break=headers > 0 and not isinstance(out[-1], Landscape))
            while i < n:
                (t, _, _), r = lines[i]
                if not t:
                    i += 1
                    continue
                if not _header_line(t):
                    break
                if _ISSUER.match(t):
                    h.issuer.append(t)
                elif t == NATIONAL or _MOTTO.match(t):
                    h.national.append(t)
                elif t.startswith("Số:"):
                    h.number = t
                elif _DATE.match(t):
                    h.date = t
                i += 1
            issuer, national, number = RESTORED.get(name, {}).get(headers, ((), False, None))
            h.issuer = list(issuer) + h.issuer
            if national and not h.national:
                h.national = [NATIONAL, MOTTO]
            h.number = h.number or number
            k = i
            while k < n and not lines[k][0][0]:
                k += 1
            if k < n and lines[k][0][0].upper() == "PHỤ LỤC":  # an appendix that repeats the header
                out.append(Landscape())
                h.page_break = False
            out.append(h)
            headers += 1
            state = "kind"
            continue
        if text in ("KẾ HOẠCH", "QUYẾT ĐỊNH"):
            out.append(Para(text, bold=True, align="center", indent=False))
            state = "subject"
            i += 1
            continue
        if text.upper() == "PHỤ LỤC":
            if not isinstance(out[-1], (Landscape, Header)):
                out.append(Landscape())
            out.append(Para(text, bold=True, align="center", indent=False))
            state = "subject"
            i += 1
            continue
        if text == "Nơi nhận:":
            i += 1
            recipients, signer = [], []
            while i < n:
                (t, _, _), _r = lines[i]
                if t and not t.startswith(("-", "+")):
                    break
                if t:
                    recipients.append(t)
                i += 1
            while i < n and len(signer) < 5:
                (t, _, _), r = lines[i]
                if t and (_header_line(t) or t.upper() == "PHỤ LỤC" or _ROW.search(r) or len(t) > 60):
                    break
                if t:
                    signer.append(t)
                i += 1
            out.append(Closing(recipients, signer))
            state = "body"
            continue
        if _ROW.search(rawline):
            i = _data_table(lines, i, out)
            state = "body"
            continue
        if state == "subject" and text.startswith("("):  # "(Kèm theo ...)"; a second line follows it
            out.append(Para(text, italic=True, align="center", indent=False))
            i += 1
            continue
        if state == "subject" and not text.startswith(("Căn cứ", "Thực hiện")) and \
                not _typed_label(text) and not _ROW.search(rawline):
            after_attached = isinstance(out[-1], Para) and out[-1].italic and out[-1].align == "center"
            out.append(Para(text, bold=not after_attached, italic=after_attached, align="center", indent=False))
            i += 1
            continue
        state = "body"
        if text in ("QUYẾT ĐỊNH:",) or text.startswith("CHỦ TỊCH ỦY BAN NHÂN DÂN"):
            out.append(Para(text, bold=True, align="center", indent=False))
            i += 1
            continue
        label = _typed_label(text)
        heading = label is not None and (label[0] == "roman" or (
            label[0] in ("decimal", "multilevel") and len(text) < 110 and not text.endswith((".", ";", ":"))))
        out.append(Para(text, bold=bold or heading, italic=italic and not heading, label=label))
        i += 1
    return out


def _data_table(lines, i: int, out: list) -> int:
    rows: list[list[str]] = []
    n = len(lines)
    while i < n:
        (t, _, _), r = lines[i]
        if not t:
            i += 1
            continue
        if _ROW.search(r):
            cells = [norm(re.sub(r"</?[bi]>", "", c.replace("*", ""))) for c in _ROW.split(r.rstrip("\n"))]
            while len(cells) > 1 and not cells[-1]:
                cells.pop()
            rows.append(cells)
            i += 1
            continue
        j = i + 1
        while j < n and not lines[j][0][0]:
            j += 1
        if rows and j < n and _ROW.search(lines[j][1]):
            rows.append([t])
            i += 1
            continue
        break
    ncols = max(len(r) for r in rows)
    # a group row: one cell, or a key ("A", "II", "1") and a title, in a table of more columns
    group = [k > 0 and (len(r) == 1 or (len(r) == 2 and ncols > 2)) for k, r in enumerate(rows)]
    out.append(DataTable(rows, group))
    return i


# ----------------------------------------------------------------------------- Word numbering

ABSTRACT_OUTLINE = 90
ABSTRACT_BULLETS = 91
NUM_OUTLINE = 90
NUM_BULLETS = 91
_LEVELS = {"roman": 0, "decimal": 1, "multilevel": 2, "letter": 3, "dash": 0, "plus": 1}


def _numbering_xml(extra_nums: list[tuple[int, int, int, int]]) -> tuple[list, list]:
    outline = f"""<w:abstractNum {nsdecls('w')} w:abstractNumId="{ABSTRACT_OUTLINE}">
      <w:multiLevelType w:val="multilevel"/>
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/>
        <w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="720"/></w:pPr><w:rPr><w:b/></w:rPr></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/>
        <w:lvlJc w:val="left"/><w:suff w:val="space"/><w:pPr><w:ind w:left="0" w:firstLine="720"/></w:pPr></w:lvl>
      <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%3."/>
        <w:lvlJc w:val="left"/><w:suff w:val="space"/><w:pPr><w:ind w:left="0" w:firstLine="720"/></w:pPr></w:lvl>
      <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%4)"/>
        <w:lvlJc w:val="left"/><w:suff w:val="space"/><w:pPr><w:ind w:left="0" w:firstLine="720"/></w:pPr></w:lvl>
    </w:abstractNum>"""
    bullets = f"""<w:abstractNum {nsdecls('w')} w:abstractNumId="{ABSTRACT_BULLETS}">
      <w:multiLevelType w:val="hybridMultilevel"/>
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/>
        <w:lvlJc w:val="left"/><w:suff w:val="space"/><w:pPr><w:ind w:left="0" w:firstLine="720"/></w:pPr></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="+"/>
        <w:lvlJc w:val="left"/><w:suff w:val="space"/><w:pPr><w:ind w:left="0" w:firstLine="720"/></w:pPr></w:lvl>
    </w:abstractNum>"""
    nums = [f'<w:num {nsdecls("w")} w:numId="{NUM_OUTLINE}"><w:abstractNumId w:val="{ABSTRACT_OUTLINE}"/></w:num>',
            f'<w:num {nsdecls("w")} w:numId="{NUM_BULLETS}"><w:abstractNumId w:val="{ABSTRACT_BULLETS}"/></w:num>']
    for num_id, abstract, level, start in extra_nums:
        nums.append(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>'
                    f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>')
    return [parse_xml(outline), parse_xml(bullets)], [parse_xml(x) for x in nums]


def _word_letter(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


class _Outline:
    """What Word shows for each auto-numbered paragraph, and the overrides that keep the example's jumps."""

    def __init__(self):
        self.values: list[int | None] = [None] * 4
        self.extra: list[tuple[int, int, int, int]] = []

    def place(self, label: tuple[str, int, str]) -> tuple[int, int, str] | None:
        """(numId, ilvl, label as Word shows it), or None to keep the number typed."""
        kind, value, typed = label
        if kind in ("dash", "plus"):
            return NUM_BULLETS, _LEVELS[kind], typed
        level = _LEVELS[kind]
        if kind == "multilevel":
            parent = int(typed.split(".")[0])
            if self.values[1] != parent:
                return None
        nxt = 1 if self.values[level] is None else self.values[level] + 1
        num_id = NUM_OUTLINE
        if kind == "letter":
            letter = typed[0]
            if nxt != 1 and letter == "a" or nxt == 1 and letter not in "ađ":
                target = 1 if letter == "a" else ord(letter) - 96
                num_id, nxt = self._override(level, target)
        elif value != nxt:
            num_id, nxt = self._override(level, value)
        self.values[level] = nxt
        for deeper in range(level + 1, 4):
            self.values[deeper] = None
        if kind == "roman":
            shown = _ROMANS[nxt - 1] + "."
        elif kind == "decimal":
            shown = f"{nxt}."
        elif kind == "multilevel":
            shown = f"{self.values[1]}.{nxt}."
        else:
            shown = _word_letter(nxt) + ")"
        return num_id, level, shown

    def _override(self, level: int, start: int) -> tuple[int, int]:
        num_id = 100 + len(self.extra)
        self.extra.append((num_id, ABSTRACT_OUTLINE, level, start))
        return num_id, start


# ----------------------------------------------------------------------------- writing

@dataclass
class Expected:
    paragraphs: list[str]  # normalised, in reading order (layout tables cell by cell), empty ones left out
    tables: list[list[list[str]]]  # rows × cells of each data table (merged continuation cells left out)
    labels: list[str]  # every label a reader sees on a body paragraph, in order


class _Writer:
    def __init__(self, name: str, numbering: str, header: str, rules: str):
        self.name = name
        self.numbering, self.header_kind, self.rules = numbering, header, rules
        self.doc = docx.Document()
        self.outline = _Outline()
        self.expected = Expected([], [], [])
        self.shape_id = 1
        self._setup()

    def _setup(self) -> None:
        style = self.doc.styles["Normal"]
        style.font.name = "Times New Roman"
        style.font.size = Pt(14)
        rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            rfonts.set(qn(slot), "Times New Roman")
        style.paragraph_format.space_after = Pt(6)
        sec = self.doc.sections[0]
        sec.page_width, sec.page_height = Mm(210), Mm(297)
        sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Mm(20), Mm(20), Mm(30), Mm(15)
        self._page_number(sec)

    def _page_number(self, sec) -> None:
        """Page numbers centred in the header from page 2 on: a PAGE field, and an empty first-page header."""
        sec.different_first_page_header_footer = True
        p = sec.header.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        parts = ['<w:fldChar w:fldCharType="begin"/>', '<w:instrText xml:space="preserve"> PAGE </w:instrText>',
                 '<w:fldChar w:fldCharType="separate"/>', '<w:t>2</w:t>', '<w:fldChar w:fldCharType="end"/>']
        for xml in parts:
            p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:sz w:val="28"/></w:rPr>{xml}</w:r>'))

    # ------------------------------------------------------------------ pieces

    def para(self, container, text: str, *, bold=False, italic=False, align="justify", size=14.0, indent=True,
             expect=True):
        p = container.add_paragraph()
        run = p.add_run(text)
        run.bold, run.italic, run.font.size = bold or None, italic or None, Pt(size)
        p.alignment = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
                       "left": WD_ALIGN_PARAGRAPH.LEFT}[align]
        if indent:
            p.paragraph_format.first_line_indent = Cm(1.27)
        if expect and norm(text):
            self.expected.paragraphs.append(norm(text))
        return p

    def rule_border(self, cell, length_pt: float, width_pt: float) -> None:
        """An empty paragraph whose top border is the rule, narrowed by indents to its length."""
        p = cell.add_paragraph()
        side = max((width_pt - length_pt) / 2, 0)
        p.paragraph_format.left_indent = Pt(side)
        p.paragraph_format.right_indent = Pt(side)
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.space_before = Pt(0)
        ppr = p._p.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:pBdr {nsdecls("w")}><w:top w:val="single" w:sz="6" w:space="1" '
                             f'w:color="000000"/></w:pBdr>'))

    def rule_shape(self, paragraph, length_pt: float, x_pt: float, y_pt: float = 5.0) -> None:
        """A DrawingML straight line anchored to ``paragraph``, ``x_pt`` from the column's left edge, as Word
        writes it (inside ``mc:AlternateContent``; LibreOffice draws it only so)."""
        sid = self.shape_id
        self.shape_id += 1
        cx = int(length_pt * 12700)
        xml = f"""<w:r {nsdecls('w')} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
          xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><mc:AlternateContent>
          <mc:Choice Requires="wps"><w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
            distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="{sid}" behindDoc="0"
            locked="0" layoutInCell="1" allowOverlap="1">
          <wp:simplePos x="0" y="0"/>
          <wp:positionH relativeFrom="column"><wp:posOffset>{int(x_pt * 12700)}</wp:posOffset></wp:positionH>
          <wp:positionV relativeFrom="paragraph"><wp:posOffset>{int(y_pt * 12700) + 190500}</wp:posOffset></wp:positionV>
          <wp:extent cx="{cx}" cy="0"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>
          <wp:docPr id="{sid}" name="Line {sid}"/><wp:cNvGraphicFramePr/>
          <a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">
            <a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
              <wps:wsp>
                <wps:cNvCnPr/>
                <wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="0"/></a:xfrm>
                  <a:prstGeom prst="line"><a:avLst/></a:prstGeom>
                  <a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr>
                <wps:style><a:lnRef idx="1"><a:schemeClr val="accent1"/></a:lnRef>
                  <a:fillRef idx="0"><a:schemeClr val="accent1"/></a:fillRef>
                  <a:effectRef idx="0"><a:schemeClr val="accent1"/></a:effectRef>
                  <a:fontRef idx="minor"><a:schemeClr val="tx1"/></a:fontRef></wps:style>
                <wps:bodyPr/>
              </wps:wsp>
            </a:graphicData>
          </a:graphic>
        </wp:anchor></w:drawing></mc:Choice></mc:AlternateContent></w:r>"""
        paragraph._p.append(parse_xml(xml))

    # ------------------------------------------------------------------ parts

    def header(self, h: Header) -> None:
        if h.page_break:
            self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        if self.header_kind == "tabs":
            return self._header_tabs(h)
        left_w, right_w = Cm(6.0), Cm(10.5)
        rows = 2 if (h.number or h.date) else 1
        table = self.doc.add_table(rows=rows, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        table.columns[0].width, table.columns[1].width = left_w, right_w
        for row in table.rows:
            row.cells[0].width, row.cells[1].width = left_w, right_w
        left, right = table.rows[0].cells
        _drop_first(left), _drop_first(right)
        last_issuer = last_national = None
        for line in h.issuer:
            last_issuer = self.para(left, line, bold=True, align="center", size=13, indent=False)
        for line in h.national:
            last_national = self.para(right, line, bold=True, align="center", size=13 if line == NATIONAL else 14,
                                      indent=False)
        if last_issuer is not None:
            self._rule(left, last_issuer, h.issuer[-1], 13, left_w.pt, third=True)
        if last_national is not None:
            self._rule(right, last_national, h.national[-1], 14, right_w.pt, third=False)
        if not h.issuer:
            left.add_paragraph()
        if not h.national:
            right.add_paragraph()
        if rows == 2:
            nl, nr = table.rows[1].cells
            _drop_first(nl), _drop_first(nr)
            self.para(nl, h.number or "", align="center", size=13, indent=False)
            self.para(nr, h.date or "", italic=True, align="center", size=14, indent=False)

    def _rule(self, cell, anchor, text: str, size: float, width_pt: float, third: bool) -> None:
        full = estimate_width(text, size, True) / 20
        length = full * 0.4 if third else full
        width_pt -= 2 * 5.4  # Word's cell margins: the text (and the rule) run inside them
        if self.rules == "border":
            self.rule_border(cell, length, width_pt)
        else:
            self.rule_shape(anchor, length, max((width_pt - length) / 2, 0))

    def _header_tabs(self, h: Header) -> None:
        """Issuing body and national title on the same lines, separated by tabs (centre tab stops)."""
        left = list(h.issuer) + ([h.number] if h.number else [])
        right = list(h.national) + ([h.date] if h.date else [])
        if h.number and len(h.issuer) < len(h.national):
            left = list(h.issuer) + [""] * (len(h.national) - len(h.issuer)) + [h.number]
        if h.date and len(h.national) < len(h.issuer):
            right = list(h.national) + [""] * (len(h.issuer) - len(h.national)) + [h.date]
        for k in range(max(len(left), len(right))):
            lt = left[k] if k < len(left) else ""
            rt = right[k] if k < len(right) else ""
            p = self.doc.add_paragraph()
            p.paragraph_format.tab_stops.add_tab_stop(Cm(3.0), WD_TAB_ALIGNMENT.CENTER)
            p.paragraph_format.tab_stops.add_tab_stop(Cm(11.0), WD_TAB_ALIGNMENT.CENTER)
            p.paragraph_format.space_after = Pt(0)
            r1 = p.add_run("\t" + lt)
            r1.bold = lt in h.issuer or None
            r1.font.size = Pt(13)
            r2 = p.add_run("\t" + rt)
            r2.bold = rt in h.national or None
            r2.italic = rt == h.date or None
            r2.font.size = Pt(14 if rt != NATIONAL else 13)
            if norm(lt + " " + rt):
                self.expected.paragraphs.append(norm(lt + " " + rt))
            if h.issuer and lt == h.issuer[-1]:
                length = estimate_width(lt, 13, True) / 20 * 0.4
                self.rule_shape(p, length, Cm(3.0).pt - length / 2)
            if h.national and rt == h.national[-1]:
                length = estimate_width(rt, 14, True) / 20
                self.rule_shape(p, length, Cm(11.0).pt - length / 2)

    def body(self, para: Para) -> None:
        if para.page_break:
            self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        text = para.text
        placed = None
        if self.numbering == "auto" and para.label is not None:
            placed = self.outline.place(para.label)
        if placed is None:
            self.para(self.doc, text, bold=para.bold, italic=para.italic, align=para.align, size=para.size,
                      indent=para.indent)
            if para.label is not None:
                self.expected.labels.append(para.label[2])
            return
        num_id, level, shown = placed
        body = text[len(para.label[2]):].strip()
        p = self.para(self.doc, body, bold=para.bold, italic=para.italic, align=para.align, size=para.size,
                      indent=False, expect=False)
        ppr = p._p.get_or_add_pPr()
        ppr.insert(0, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/>'
                                f'</w:numPr>'))
        self.expected.paragraphs.append(norm(shown + " " + body))
        self.expected.labels.append(shown)

    def closing(self, c: Closing) -> None:
        table = self.doc.add_table(rows=1, cols=2)
        left, right = table.rows[0].cells
        left.width, right.width = Cm(8.0), Cm(8.5)
        _drop_first(left), _drop_first(right)
        self.para(left, "Nơi nhận:", bold=True, italic=True, align="left", size=12, indent=False)
        for r in c.recipients:
            self.para(left, r, align="left", size=11, indent=False)
        for k, line in enumerate(c.signer):
            if k == len(c.signer) - 1 and len(c.signer) > 1:
                for _ in range(3):
                    right.add_paragraph()
            self.para(right, line, bold=True, align="center", size=14, indent=False)
        if not c.signer:
            right.add_paragraph()

    def data_table(self, t: DataTable) -> None:
        ncols = max(len(r) for r in t.rows)
        table = self.doc.add_table(rows=len(t.rows), cols=ncols)
        table.style = self.doc.styles["Table Grid"]
        table.autofit = False
        widths = [Cm(1.3)] + [Cm((25.2 - 1.3) / max(ncols - 1, 1))] * (ncols - 1)  # landscape text width 25.2 cm
        for k, col in enumerate(table.columns):
            col.width = widths[k]
            for c in col.cells:
                c.width = widths[k]
        expected_rows: list[list[str]] = []
        top: dict[int, int | None] = {}  # column → row of the cell that an empty cell below merges into
        for ri, (cells, is_group) in enumerate(zip(t.rows, t.group)):
            row = table.rows[ri]
            if ri == 0:
                trpr = row._tr.get_or_add_trPr()
                trpr.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
            bold = ri == 0 or is_group
            if is_group and ncols > 1:
                start = 0 if len(cells) == 1 else 1
                merged = row.cells[start].merge(row.cells[ncols - 1])
                for k, text in enumerate(cells[:start]):
                    self._cell(row.cells[k], text, bold)
                self._cell(merged, " ".join(cells[start:]), bold)
                expected_rows.append(cells)
                top = {}
                continue
            row_expected: list[str] = []
            for k in range(ncols):
                text = cells[k] if k < len(cells) else ""
                if k < 2 and not text and top.get(k) is not None:
                    table.cell(top[k], k).merge(row.cells[k])  # an empty STT cell under a number: merged down
                    continue
                self._cell(row.cells[k], text, bold)
                row_expected.append(text)
                if k < 2:
                    top[k] = ri if text and ri > 0 else None
            expected_rows.append(row_expected)
        self.expected.tables.append(expected_rows)

    def _cell(self, cell, text: str, bold: bool) -> None:
        p = cell.paragraphs[0]
        if text:
            run = p.add_run(text)
            run.bold = bold or None
            run.font.size = Pt(13 if bold else 12)

    def landscape(self) -> None:
        sec = self.doc.add_section(WD_SECTION.NEW_PAGE)
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Mm(297), Mm(210)


def _drop_first(cell) -> None:
    """A new cell has one empty paragraph: remove it so that content starts at the top."""
    p = cell.paragraphs[0]._p
    if len(cell.paragraphs) == 1 and not p.xpath("string(.)"):
        p.getparent().remove(p)


def _finish_numbering(w: _Writer) -> None:
    numbering = w.doc.part.numbering_part.element
    abstracts, nums = _numbering_xml(w.outline.extra)
    first_num = numbering.find(qn("w:num"))
    for a in abstracts:
        if first_num is not None:
            first_num.addprevious(a)
        else:
            numbering.append(a)
    for n in nums:
        numbering.append(n)


def _write(name: str, numbering: str, header: str, rules: str) -> _Writer:
    w = _Writer(name, numbering, header, rules)
    for part in parts(name):
        if isinstance(part, Header):
            w.header(part)
        elif isinstance(part, Para):
            w.body(part)
        elif isinstance(part, Closing):
            w.closing(part)
        elif isinstance(part, DataTable):
            w.data_table(part)
        elif isinstance(part, Landscape):
            w.landscape()
    if numbering == "auto":
        _finish_numbering(w)
    return w


@cache
def _built(name: str, numbering: str, header: str, rules: str) -> tuple[bytes, Expected]:
    w = _write(name, numbering, header, rules)
    buf = io.BytesIO()
    w.doc.save(buf)
    return buf.getvalue(), w.expected


def build_docx(name: str, *, numbering: str = "typed", header: str = "table", rules: str = "border") -> bytes:
    return _built(name, numbering, header, rules)[0]


def expected(name: str, *, numbering: str = "typed", header: str = "table", rules: str = "border") -> Expected:
    return deepcopy(_built(name, numbering, header, rules)[1])


def example_words(name: str) -> list[str]:
    """The example's own words (markdown marks and the dashes of its rules left out)."""
    text = (SOURCES / FILES[name]).read_text(encoding="utf-8").split("\n")
    if text and text[0].startswith("SOURCE:"):
        text = text[1:]
    words: list[str] = []
    for line in text:
        clean = _clean(line)[0]
        if _DASHES.match(clean):
            continue
        words += re.sub(r"\s*\|\s*", " ", clean).split()
    return words


def build_pdfs(folder: Path, names: list[str], variant: dict | None = None) -> dict[str, Path]:
    """DOCX fixtures → PDF with one LibreOffice process (drafter.pdf); {name: pdf}. Raises if one fails."""
    from drafter.pdf import convert_pdfs

    variant = variant or TYPED
    folder.mkdir(parents=True, exist_ok=True)
    pairs = []
    for name in names:
        src = folder / f"{name}.docx"
        src.write_bytes(build_docx(name, **variant))
        pairs.append((src, folder / f"{name}.pdf"))
    failed = convert_pdfs(pairs)
    if failed:
        raise RuntimeError(f"LibreOffice could not make the PDF fixtures: {failed}")
    return {name: pdf for name, (_, pdf) in zip(names, pairs)}
