"""The layout rules of Nghị định 30/2020/NĐ-CP that drafter applies, as named data.

One home for every rule: the template builder, the geometry computed per document and
the checker of Word files read them from here. Each rule says what drafter writes
(``size_pt``, ``chosen``, ``ratio``...), what the decree allows (``allowed_*``) and where
the rule comes from (``clause``): a clause of the decree, "decree Phụ lục I, Phần I,
mục II, khoản 2, điểm b" (its text is in ``../shared/spec/nd30-decree/``), or "practice",
what careful offices do where the decree says nothing (``../shared/spec/nd30.md``).
Units are in the names (``_mm``, ``_cm``, ``_pt``); ratios and shares are plain numbers.
There is no Word XML here: :mod:`drafter.wml` writes the elements.

    from drafter import nd30
    nd30.STYLES["Issuing Body"].size_pt              # 13
    13 in nd30.STYLES["Issuing Body"].allowed_size_pt
    for style in nd30.STYLES.values(): ...           # every paragraph style, in styles.xml order
"""
from __future__ import annotations

from dataclasses import KW_ONLY, dataclass, replace
from enum import StrEnum

PRACTICE = "practice"


def decree(muc: str, khoan: int, diem: str = "") -> str:
    """A clause of Phụ lục I, Phần I (the layout rules): mục (Roman), khoản, điểm."""
    return f"decree Phụ lục I, Phần I, mục {muc}, khoản {khoan}" + (f", điểm {diem}" if diem else "")


def template(name: str) -> str:
    """One of the decree's templates in Phụ lục III (e.g. "Mẫu 1.3")."""
    return f"decree Phụ lục III, {name}"


def from_decree(clause: str) -> bool:
    return clause.startswith("decree")


# --------------------------------------------------------------------------- values

@dataclass(frozen=True)
class Range:
    """What a rule allows, bounds included, in the unit of the name that holds it."""

    low: float
    high: float

    def __contains__(self, value: float) -> bool:
        return self.low - 1e-9 <= value <= self.high + 1e-9


@dataclass(frozen=True)
class OneOf:
    """A rule that allows only some values ("1 cm hoặc 1,27 cm")."""

    values: tuple[float, ...]

    def __contains__(self, value: float) -> bool:
        return any(abs(value - v) <= 1e-9 for v in self.values)


@dataclass(frozen=True, kw_only=True)
class Measure:
    """A value drafter chose within what the rule allows."""

    chosen: float
    allowed: Range | OneOf
    clause: str


class Orientation(StrEnum):
    PORTRAIT = "portrait"
    LANDSCAPE = "landscape"


class Align(StrEnum):
    """Paragraph alignment; the values are WordprocessingML's (w:jc)."""

    LEFT = "left"
    CENTER = "center"
    JUSTIFY = "both"


# --------------------------------------------------------------------------- page

@dataclass(frozen=True, kw_only=True)
class Paper:
    width_mm: float
    height_mm: float
    clause: str

    def size_mm(self, orientation: Orientation) -> tuple[float, float]:
        """(width, height) of the page as it is laid."""
        w, h = self.width_mm, self.height_mm
        return (h, w) if orientation is Orientation.LANDSCAPE else (w, h)


PAPER = Paper(width_mm=210, height_mm=297, clause=decree("I", 1))  # A4


@dataclass(frozen=True, kw_only=True)
class Margins:
    """Page margins; a landscape page keeps the same top, bottom, left and right."""

    top_mm: Measure
    bottom_mm: Measure
    left_mm: Measure
    right_mm: Measure
    header_mm: Measure  # from the top edge to the page number's line


MARGINS = Margins(
    top_mm=Measure(chosen=20, allowed=Range(20, 25), clause=decree("I", 3)),
    bottom_mm=Measure(chosen=20, allowed=Range(20, 25), clause=decree("I", 3)),
    left_mm=Measure(chosen=30, allowed=Range(30, 35), clause=decree("I", 3)),
    right_mm=Measure(chosen=15, allowed=Range(15, 20), clause=decree("I", 3)),
    # The number sits in the top margin (decree I.7); halfway down it is practice.
    header_mm=Measure(chosen=10, allowed=Range(5, 15), clause=PRACTICE),
)


@dataclass(frozen=True, kw_only=True)
class Part:
    """A document that drafter writes as its own section of the file."""

    name: str
    orientation: Orientation
    clause: str


# The decree lays a text along the A4's length; a wide appendix table on a landscape page
# is practice (the decree allows landscape for tables that are *not* separate appendices).
PARTS = {
    "decision": Part(name="decision", orientation=Orientation.PORTRAIT, clause=decree("I", 2)),
    "plan": Part(name="plan", orientation=Orientation.PORTRAIT, clause=decree("I", 2)),
    "appendix": Part(name="appendix", orientation=Orientation.LANDSCAPE, clause=PRACTICE),
}


@dataclass(frozen=True, kw_only=True)
class PageNumbering:
    style: str  # the paragraph style of the number
    start_at: int  # the number of each part's first page
    first_shown_page: int  # pages before this one show no number
    in_top_margin: bool  # in the header, not the footer
    restart_each_part: bool  # decision, plan and each appendix count their own pages
    clause: str


PAGE_NUMBERS = PageNumbering(
    style="Page Number", start_at=1, first_shown_page=2, in_top_margin=True, restart_each_part=True,
    clause=f"{decree('I', 7)}; each appendix: {decree('III', 1, 'đ')}; decision and plan: practice",
)


@dataclass(frozen=True, kw_only=True)
class Font:
    name: str
    color: str  # RGB, hex
    clause: str


FONT = Font(name="Times New Roman", color="000000", clause=decree("I", 4))
LANGUAGE = "vi-VN"  # practice: every run is marked Vietnamese, so Word checks its spelling as such


# --------------------------------------------------------------------------- text styles

@dataclass(frozen=True, kw_only=True)
class Line:
    """How a rule looks: a solid line drawn as the top border of an empty paragraph."""

    weight_pt: float
    gap_pt: float  # between the line and the paragraph's (empty) text


@dataclass(frozen=True)
class TextStyle:
    """A paragraph style: one component of the document as Word shows it.

    ``upper``: the words are written in capitals (drafter upper-cases them; no w:caps).
    Spacing is before and after the paragraph; ``line_exact_pt`` fixes the line's height,
    otherwise it is ``line_lines`` lines. ``based_on`` is the style Word shows it derives
    from (every style still carries all of its own formatting).
    """

    name: str
    clause: str
    _: KW_ONLY
    size_pt: float
    allowed_size_pt: Range
    bold: bool = False
    italic: bool = False
    upper: bool = False
    align: Align = Align.CENTER
    first_line_cm: float = 0.0
    before_pt: float = 0.0
    after_pt: float = 0.0
    line_lines: float = 1.0
    line_exact_pt: float | None = None
    keep_next: bool = False
    contextual_spacing: bool = False  # no space before it after a paragraph of the same style
    border_top: Line | None = None
    based_on: str | None = None

    @property
    def style_id(self) -> str:
        return self.name.replace(" ", "")


SOLID_LINE = Line(weight_pt=0.75, gap_pt=1)  # "nét liền": decree II.1.b, II.2.b, II.5.b

BODY_SIZE_PT = Measure(chosen=14, allowed=Range(13, 14), clause=decree("II", 6, "e"))
BODY_INDENT_CM = Measure(chosen=1.27, allowed=OneOf((1.0, 1.27)), clause=decree("II", 6, "e"))
PARAGRAPH_GAP_PT = Measure(chosen=6, allowed=Range(6, 72), clause=decree("II", 6, "e"))  # "tối thiểu là 6pt"
LINE_SPACING_LINES = Measure(chosen=1.0, allowed=Range(1.0, 1.5), clause=decree("II", 6, "e"))
# "Nơi nhận:" and the signer's first title line stand level, this far under the body's end.
CLOSING_GAP_PT = Measure(chosen=12, allowed=Range(6, 24), clause=PRACTICE)
# Room for the signature and the seal between the signer's title and name: ~ four empty 14 pt lines.
SIGNATURE_GAP_PT = Measure(chosen=78, allowed=Range(60, 100), clause=PRACTICE)
TABLE_CELL_GAP_PT = 2.0  # practice: before and after the text of each appendix cell

_12_13, _13_14 = Range(12, 13), Range(13, 14)
_BODY = TextStyle(
    "Body", decree("II", 6, "e"), size_pt=BODY_SIZE_PT.chosen, allowed_size_pt=BODY_SIZE_PT.allowed,
    align=Align.JUSTIFY, first_line_cm=BODY_INDENT_CM.chosen, before_pt=PARAGRAPH_GAP_PT.chosen,
    line_lines=LINE_SPACING_LINES.chosen)


def _body_like(name: str, clause: str, based_on: str = "Body", **fmt) -> TextStyle:
    """A paragraph of the body (justified, indented, 6 pt apart) with its own emphasis."""
    return replace(_BODY, name=name, clause=clause, based_on=based_on, **fmt)


def _cell(name: str, clause: str = PRACTICE, **fmt) -> TextStyle:
    """A paragraph in an appendix table: 13 pt, 2 pt above and below."""
    return TextStyle(name, clause, size_pt=13, allowed_size_pt=_12_13, before_pt=TABLE_CELL_GAP_PT,
                     after_pt=TABLE_CELL_GAP_PT, **fmt)


_STYLES = [  # in the order of styles.xml
    _BODY,
    _body_like("Basis", decree("II", 6, "a"), italic=True),  # căn cứ: italic, one per line
    # I., II.: capitals, bold; indented like the body (practice: the decree gives no indent)
    _body_like("Part Heading", decree("II", 6, "đ") + "; table in mục V", bold=True, upper=True, keep_next=True),
    _body_like("Item Heading", decree("II", 6, "đ") + ": a khoản with a title is bold", bold=True, keep_next=True),
    _body_like("Subitem Heading", PRACTICE + ": 1.1. as a khoản with a title", bold=True, keep_next=True),
    _body_like("Point Heading", decree("II", 6, "đ") + ": a điểm is upright", keep_next=True),
    _body_like("Article", decree("II", 6, "đ")),  # "Điều 1." itself is bold: ARTICLE_LABEL
    # The last paragraph before the closing block keeps with it: the signature never stands alone.
    _body_like("Body Last", decree("II", 6, "e"), keep_next=True),
    _body_like("Article Last", decree("II", 6, "đ"), based_on="Article", keep_next=True),
    TextStyle("Parent Body", decree("II", 2, "b"), size_pt=13, allowed_size_pt=_12_13, upper=True),
    TextStyle("Issuing Body", decree("II", 2, "b"), size_pt=13, allowed_size_pt=_12_13, bold=True, upper=True),
    TextStyle("National Title", decree("II", 1, "a"), size_pt=13, allowed_size_pt=_12_13, bold=True,
              upper=True),
    TextStyle("Motto", decree("II", 1, "b"), size_pt=14, allowed_size_pt=_13_14, bold=True),
    # The number and the place-date stand on one line, in the header table's second row.
    TextStyle("Number Line", decree("II", 3, "c"), size_pt=13, allowed_size_pt=Range(13, 13), before_pt=3),
    TextStyle("Place Date", decree("II", 4, "c"), size_pt=14, allowed_size_pt=_13_14, italic=True,
              before_pt=3),
    TextStyle("Rule Line", PRACTICE + ": a rule is the top border of an empty 2 pt paragraph", size_pt=2,
              allowed_size_pt=Range(2, 2), before_pt=4, after_pt=2, line_exact_pt=2, border_top=SOLID_LINE),
    TextStyle("Document Kind", decree("II", 5, "b"), size_pt=14, allowed_size_pt=_13_14, bold=True, upper=True,
              before_pt=18, keep_next=True),
    TextStyle("Document Subject", decree("II", 5, "b"), size_pt=14, allowed_size_pt=_13_14, bold=True,
              keep_next=True),
    # "(Ban hành kèm theo Quyết định số ...)" under the subject of a plan issued by a decision
    TextStyle("Attached Line", template("Mẫu 1.3, văn bản được ban hành kèm theo quyết định"), size_pt=14,
              allowed_size_pt=_13_14, italic=True, keep_next=True),
    TextStyle("Author Line", template("Mẫu 1.3: thẩm quyền ban hành"), size_pt=14, allowed_size_pt=_13_14,
              bold=True, upper=True, before_pt=12, after_pt=6, keep_next=True),
    TextStyle("Decide Word", template("Mẫu 1.3: QUYẾT ĐỊNH:"), size_pt=14, allowed_size_pt=_13_14, bold=True,
              upper=True, before_pt=12, after_pt=6, keep_next=True),
    # "Nơi nhận:" and the signer's first title line start level: same space before, and the
    # title lines after the first ignore theirs (contextual spacing).
    TextStyle("Recipients Title", decree("II", 9, "d"), size_pt=12, allowed_size_pt=Range(12, 12), bold=True,
              italic=True, align=Align.LEFT, before_pt=CLOSING_GAP_PT.chosen),
    TextStyle("Recipient", decree("II", 9, "d"), size_pt=11, allowed_size_pt=Range(11, 11), align=Align.LEFT),
    TextStyle("Signer Title", decree("II", 7, "đ"), size_pt=14, allowed_size_pt=_13_14, bold=True, upper=True,
              before_pt=CLOSING_GAP_PT.chosen, contextual_spacing=True),
    TextStyle("Signer Name", decree("II", 7, "đ"), size_pt=14, allowed_size_pt=_13_14, bold=True,
              before_pt=SIGNATURE_GAP_PT.chosen),
    # An appendix starts a page of its own (practice); its heading is the decree's.
    TextStyle("Appendix Label", decree("III", 1, "b"), size_pt=14, allowed_size_pt=Range(14, 14), bold=True,
              before_pt=12, keep_next=True),
    TextStyle("Appendix Title", decree("III", 1, "b"), size_pt=14, allowed_size_pt=_13_14, bold=True,
              upper=True, keep_next=True),
    TextStyle("Appendix Attached", decree("III", 1, "c"), size_pt=13, allowed_size_pt=_13_14, italic=True,
              keep_next=True),
    # Appendix tables (practice): the header row bold and centred, the "(1)", "(2)" column
    # numbers italic, text cells left, number and date cells centred, group rows (I, II) bold.
    _cell("Table Header", bold=True),
    TextStyle("Table Number", PRACTICE, size_pt=12, allowed_size_pt=_12_13, italic=True),
    _cell("Table Cell", align=Align.LEFT),
    _cell("Table Cell Center"),
    _cell("Table Group", bold=True, align=Align.LEFT),
    _cell("Table Group Center", bold=True),
    TextStyle("Page Number", decree("I", 7), size_pt=14, allowed_size_pt=_13_14),
    # The paragraph that carries a section break after the closing table: 1 pt high, so
    # that it never spills onto a page of its own.
    TextStyle("Section Break", PRACTICE + ": a 1 pt paragraph carries each section break", size_pt=1,
              allowed_size_pt=Range(1, 1), align=Align.LEFT, line_exact_pt=1),
]

STYLES: dict[str, TextStyle] = {s.name: s for s in _STYLES}

# Styles only a report's template carries (Báo cáo, kind BC): the plan's and the decision's
# templates keep exactly the styles above.
_REPORT_STYLES = [
    # "Kính gửi: ..." under the subject's rule (decree: 13–14, upright; one body on the line, several
    # each on a line of its own under the colon). Its place and indents: practice (drafter.fragments).
    TextStyle("Addressee", decree("II", 9, "d"), size_pt=14, allowed_size_pt=_13_14, align=Align.LEFT,
              after_pt=6, keep_next=True),
]
REPORT_STYLES: dict[str, TextStyle] = {s.name: s for s in _REPORT_STYLES}
ADDRESSEE_WORD = "Kính gửi:"  # decree II.9.b


@dataclass(frozen=True, kw_only=True)
class RunStyle:
    """Formatting of part of a paragraph, over its paragraph style."""

    bold: bool = False
    italic: bool = False
    clause: str


ARTICLE_LABEL = RunStyle(bold=True, clause=decree("II", 6, "đ"))  # "Điều 1." bold, its text upright

NATIONAL_TITLE_TEXT = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"  # decree II.1.a
MOTTO_TEXT = "Độc lập - Tự do - Hạnh phúc"  # decree II.1.b: initial capitals, spaced hyphens


# --------------------------------------------------------------------------- rules under text

@dataclass(frozen=True, kw_only=True)
class RuleUnder:
    """A solid line centred under a component, ``ratio`` × the length of its widest line."""

    under: str  # the style of the text it measures
    ratio: float
    allowed_ratio: Range
    clause: str


_THIRD_TO_HALF = Range(1 / 3, 1 / 2)
ISSUER_RULE = RuleUnder(under="Issuing Body", ratio=0.4, allowed_ratio=_THIRD_TO_HALF, clause=decree("II", 2, "b"))
MOTTO_RULE = RuleUnder(under="Motto", ratio=1.0, allowed_ratio=Range(1, 1), clause=decree("II", 1, "b"))
SUBJECT_RULE = RuleUnder(under="Document Subject", ratio=0.4, allowed_ratio=_THIRD_TO_HALF,
                         clause=decree("II", 5, "b"))
# A plan issued by a decision: the rule moves under its "(Ban hành kèm theo ...)" line.
ATTACHED_RULE = RuleUnder(under="Attached Line", ratio=0.4, allowed_ratio=_THIRD_TO_HALF,
                          clause=template("Mẫu 1.3, văn bản được ban hành kèm theo quyết định") + "; ratio: practice")
APPENDIX_RULE = RuleUnder(under="Appendix Attached", ratio=0.4, allowed_ratio=_THIRD_TO_HALF,
                          clause=template("Mẫu 2.1") + "; ratio: practice")
RULES = (ISSUER_RULE, MOTTO_RULE, SUBJECT_RULE, ATTACHED_RULE, APPENDIX_RULE)

RULE_MIN_LENGTH_CM = 1.0  # practice: a very short text still gets a visible line
# Under the subject's (or the attached line's) rule: with the body's 6 pt, about one empty line.
GAP_UNDER_SUBJECT_RULE_PT = 9.0  # practice
GAP_BEFORE_APPENDIX_TABLE_PT = 12.0  # practice


# --------------------------------------------------------------------------- header, closing, tables

@dataclass(frozen=True, kw_only=True)
class TwoColumns:
    """A borderless two-column table across the portrait text width.

    ``left_twips`` is exact (column widths are twips in Word); a checker compares
    ``left_share`` with ``allowed_left_share``.
    """

    left_twips: int
    allowed_left_share: Range
    clause: str

    def left_share(self, text_width_twips: int) -> float:
        return self.left_twips / text_width_twips


# Row 1: parent and issuing bodies | national title and motto; row 2: number | place and
# date, so that these two stay on one line however many lines the issuer's name takes.
HEADER_COLUMNS = TwoColumns(left_twips=3500, allowed_left_share=Range(0.33, 0.45),
                            clause=PRACTICE + ": the left column about 40 % (here 37 %)")
# Recipients | signature, "Nơi nhận:" level with the signer's title (decree II.9.d).
CLOSING_COLUMNS = TwoColumns(left_twips=4200, allowed_left_share=Range(0.4, 0.5), clause=PRACTICE)


@dataclass(frozen=True, kw_only=True)
class TableStyle:
    name: str
    border_pt: float | None  # None: borderless
    cell_margin_cm: float  # left and right
    clause: str


LAYOUT_TABLE = TableStyle(name="Layout Table", border_pt=None, cell_margin_cm=0.0,
                          clause=PRACTICE + ": the header and the closing are borderless tables")
APPENDIX_TABLE = TableStyle(name="Appendix Table", border_pt=0.5, cell_margin_cm=0.15,
                            clause=PRACTICE + ": a ruled table whose header row repeats on every page")
APPENDIX_COLUMN_CM = 3.0  # practice: the width of a column whose draft gives none
