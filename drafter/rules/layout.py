"""Layout rules of Nghị định 30 on Word files, read from ``drafter.nd30``: the renderer and the
checker share one home of the rules, so they can never disagree.

Examples edit drafter's own rendering of an example draft (``Docx(edit)``): the passing one
moves a value to another end of what the decree allows, the triggering one out of it.
"""
from __future__ import annotations

from typing import Callable, Iterator

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Mm, Pt, RGBColor

from .. import nd30
from ..geometry import estimate_width
from ..reader.model import pt_to_mm
from .registry import HINT, LAYOUT, PRACTICE, WARNING, Docx, Hit, rule
from .structure import (APPENDIX_LABEL, APPENDIX_TITLE, ATTACHED, AUTHOR, BASIS, BODY, DECIDE, ISSUER, KIND,
                        MOTTO, NATIONAL, NUMBER, PLACE_DATE, RECIPIENT, RECIPIENTS_TITLE, SIGNER, SIGNER_NAME,
                        SUBJECT, Doc, Line, Part, is_upper)

S = nd30.STYLES
TOLERANCE_PT = 0.6  # Word stores sizes in half points and indents in twips: allow rounding
RATIO_SLACK = 0.05  # text widths are estimated: a rule within 5 % of the allowed range passes


# ----------------------------------------------------------------------------- example edits

def _styles(**fmt) -> Callable:
    """An edit of drafter's paragraph styles: ``_styles(Motto={"size": 12})``."""
    def edit(document):
        for name, values in fmt.items():
            style = document.styles[name.replace("_", " ")]
            for key, value in values.items():
                if key == "size":
                    style.font.size = Pt(value)
                elif key in ("bold", "italic"):
                    setattr(style.font, key, value)
                elif key == "font":
                    style.font.name = value
                    rpr = style.element.get_or_add_rPr()
                    fonts = rpr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rFonts")
                    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
                        fonts.set(f"{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}{attr}", value)
                elif key == "color":
                    style.font.color.rgb = RGBColor.from_string(value)
                elif key == "align":
                    style.paragraph_format.alignment = value
                elif key == "first_line_cm":
                    style.paragraph_format.first_line_indent = Cm(value)
                elif key == "before":
                    style.paragraph_format.space_before = Pt(value)
                    style.paragraph_format.space_after = Pt(0)
                elif key == "line":
                    style.paragraph_format.line_spacing = value
    return edit


def _runs(style_name: str, *, font: str | None = None, size: float | None = None) -> Callable:
    """An edit of the runs themselves (drafter writes some formatting on runs, not only in styles)."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def edit(document):
        parts = [document.element.body] + [hf._element for s in document.sections for hf in (s.header, s.first_page_header)]
        for root in parts:
            for p in root.iter(f"{w}p"):
                st = p.find(f"{w}pPr/{w}pStyle")
                if st is None or st.get(f"{w}val") != style_name.replace(" ", ""):
                    continue
                for r in p.iter(f"{w}r"):
                    rpr = r.find(f"{w}rPr")
                    if rpr is None:
                        continue
                    if font:
                        fonts = rpr.find(f"{w}rFonts")
                        for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
                            if fonts is not None:
                                fonts.set(f"{w}{attr}", font)
                    if size:
                        for tag in ("sz", "szCs"):
                            el = rpr.find(f"{w}{tag}")
                            if el is not None:
                                el.set(f"{w}val", str(int(size * 2)))
        if font or size:
            _styles(**{style_name.replace(" ", "_"): {k: v for k, v in (("font", font), ("size", size)) if v}})(document)
    return edit


def _sections(**values) -> Callable:
    def edit(document):
        for k, section in enumerate(document.sections):
            if values.get("first_only") and k:
                break
            for key, value in values.items():
                if key == "width_mm":
                    section.page_width = Mm(value)
                elif key.endswith("_mm"):
                    setattr(section, key.replace("_mm", "_margin"), Mm(value))
                elif key == "landscape":
                    section.orientation = WD_ORIENT.LANDSCAPE if value else WD_ORIENT.PORTRAIT
                    w, h = section.page_width, section.page_height
                    if (value and w < h) or (not value and w > h):
                        section.page_width, section.page_height = h, w
                elif key == "title_page":
                    section.different_first_page_header_footer = value
                elif key == "no_page_numbers":
                    for p in section.header.paragraphs:
                        p._p.getparent().remove(p._p)
                    section.header.add_paragraph()
                elif key == "footer_numbers":
                    footer = section.footer
                    footer.is_linked_to_previous = False
                    xml = section.header._element.xml
                    for p in list(section.header.paragraphs):
                        p._p.getparent().remove(p._p)
                    section.header.add_paragraph()
                    from docx.oxml import parse_xml
                    body = parse_xml(xml)
                    for p in body.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"):
                        footer._element.append(p)
    return edit


def _rule_paragraphs(document):
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return [p for p in document.element.body.iter(f"{w}p")
            if p.find(f"{w}pPr/{w}pStyle") is not None and p.find(f"{w}pPr/{w}pStyle").get(f"{w}val") == "RuleLine"]


def _rule(index: int, *, indent_twips: int | None = None, remove: bool = False) -> Callable:
    """Edit the n-th rule of the document: 0 under the issuer, 1 under the motto, 2 under the subject."""
    def edit(document):
        w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        p = _rule_paragraphs(document)[index]
        if remove:
            p.getparent().remove(p)
            return
        ind = p.find(f"{w}pPr/{w}ind")
        ind.set(f"{w}left", str(indent_twips))
        ind.set(f"{w}right", str(indent_twips))
    return edit


def _articles_not_bold(document) -> None:
    for p in document.paragraphs:
        if p.text.startswith("Điều ") and p.runs:
            for run in p.runs:
                run.bold = False


def _no_repeat_header(document) -> None:
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for tr in document.element.body.iter(f"{w}tr"):
        for h in tr.findall(f"{w}trPr/{w}tblHeader"):
            h.getparent().remove(h)


# ----------------------------------------------------------------------------- page

def _section_label(doc: Doc, index: int) -> str:
    return f"phần trang thứ {index + 1}" if len(doc.read.sections) > 1 else "văn bản"


def _anchor(doc: Doc, block: int) -> Line | Part | None:
    """The first line read from a block at or after ``block``: where a page-level finding is shown."""
    for line in doc.lines():
        if line.block is not None and line.block >= block and line.para is not None:
            return line
    return doc.parts[0] if doc.parts else None


def _is_appendix_section(doc: Doc, section) -> bool:
    for part in doc.parts:
        if part.kind == "appendix" and part.first_block is not None and \
                section.first_block <= part.first_block < max(section.end_block, section.first_block + 1):
            return True
    return any(p.kind == "appendix" for p in doc.parts) and section is doc.read.sections[-1] and \
        len(doc.read.sections) > 1 and section.orientation == "landscape"


@rule("ND30-PAPER-A4", WARNING, "khổ giấy A4 (210 × 297 mm)", clause=nd30.PAPER.clause, scope=LAYOUT,
      trigger=Docx(_sections(width_mm=216)), passing=Docx())
def paper(doc: Doc) -> Iterator[Hit]:
    for i, s in enumerate(doc.read.sections):
        w, h = sorted((pt_to_mm(s.width), pt_to_mm(s.height)))
        if abs(w - nd30.PAPER.width_mm) > 1.5 or abs(h - nd30.PAPER.height_mm) > 1.5:
            yield Hit(f"{_section_label(doc, i)} khổ {w:.0f} × {h:.0f} mm, không phải A4",
                      "hãy chọn khổ A4 (210 × 297 mm) trong Page Setup", _anchor(doc, s.first_block))


@rule("ND30-ORIENTATION", WARNING, "văn bản trình bày theo chiều dài trang A4 (trang dọc); chỉ phụ lục bảng "
      "mới để trang ngang", clause=nd30.PARTS["plan"].clause, scope=LAYOUT,
      trigger=Docx(_sections(landscape=True, first_only=True)), passing=Docx())
def orientation(doc: Doc) -> Iterator[Hit]:
    for i, s in enumerate(doc.read.sections):
        if s.width > s.height and not _is_appendix_section(doc, s) and s.end_block > s.first_block:
            yield Hit(f"{_section_label(doc, i)} để trang ngang", "hãy để trang dọc (Portrait); chỉ phụ lục bảng "
                      "nhiều cột mới để trang ngang", _anchor(doc, s.first_block))


def _margin_rule(side: str, word: str):
    measure = getattr(nd30.MARGINS, f"{side}_mm")
    low, high = measure.allowed.low, measure.allowed.high
    bad, good = (low - 5, high) if side != "right" else (high + 5, low)

    @rule(f"ND30-MARGIN-{side.upper()}", WARNING, f"lề {word} từ {low:g} đến {high:g} mm", clause=measure.clause,
          scope=LAYOUT, trigger=Docx(_sections(**{f"{side}_mm": bad})), passing=Docx(_sections(**{f"{side}_mm": good})))
    def check(doc: Doc) -> Iterator[Hit]:
        for i, s in enumerate(doc.read.sections):
            value = pt_to_mm(getattr(s.margins, side))
            if not (low - 0.5 <= value <= high + 0.5):
                yield Hit(f"{_section_label(doc, i)}: lề {word} {value:.0f} mm", f"hãy đặt lề {word} từ {low:g} đến "
                          f"{high:g} mm (drafter dùng {measure.chosen:g} mm)", _anchor(doc, s.first_block))
    return check


for _side, _word in (("top", "trên"), ("bottom", "dưới"), ("left", "trái"), ("right", "phải")):
    _margin_rule(_side, _word)


def _long(doc: Doc, section) -> bool:
    """More than about one page of text: a page number is expected."""
    chars = sum(len(ln.text) for ln in doc.lines() if ln.block is not None
                and section.first_block <= ln.block < section.end_block)
    return chars > 2600


@rule("ND30-PAGE-NUMBER-MISSING", WARNING, "văn bản nhiều trang phải đánh số trang", clause=nd30.PAGE_NUMBERS.clause,
      scope=LAYOUT, trigger=Docx(_sections(no_page_numbers=True)), passing=Docx())
def page_number_missing(doc: Doc) -> Iterator[Hit]:
    for i, s in enumerate(doc.read.sections):
        numbered = s.page_numbers or any(hf.has_page_number for hf in list(s.headers.values()) + list(s.footers.values()))
        if not numbered and _long(doc, s):
            yield Hit(f"{_section_label(doc, i)} dài hơn một trang mà không đánh số trang",
                      "hãy chèn số trang (Insert → Page Number → Top of Page, canh giữa)", _anchor(doc, s.first_block))


@rule("ND30-PAGE-NUMBER-FIRST", WARNING, "không hiện số trang ở trang thứ nhất", clause=nd30.PAGE_NUMBERS.clause,
      scope=LAYOUT, trigger=Docx(_sections(title_page=False)), passing=Docx())
def page_number_first(doc: Doc) -> Iterator[Hit]:
    for i, s in enumerate(doc.read.sections):
        if s.page_numbers and not s.page_numbers_from_second_page:
            yield Hit(f"{_section_label(doc, i)}: số trang hiện cả ở trang thứ nhất",
                      "hãy chọn «Different First Page» để trang đầu không có số", _anchor(doc, s.first_block))


@rule("ND30-PAGE-NUMBER-PLACE", WARNING, "số trang đặt ở lề trên, không ở chân trang", clause=nd30.PAGE_NUMBERS.clause,
      scope=LAYOUT, trigger=Docx(_sections(footer_numbers=True)), passing=Docx())
def page_number_place(doc: Doc) -> Iterator[Hit]:
    for i, s in enumerate(doc.read.sections):
        in_footer = any(hf.has_page_number for hf in s.footers.values())
        in_header = any(hf.has_page_number for hf in s.headers.values())
        if in_footer and not in_header:
            yield Hit(f"{_section_label(doc, i)}: số trang ở chân trang",
                      "hãy đặt số trang ở giữa lề trên (Header), cỡ 13–14, chữ đứng", _anchor(doc, s.first_block))


@rule("ND30-PAGE-NUMBER-FORMAT", WARNING, "số trang cỡ chữ 13–14, chữ đứng", clause=nd30.PAGE_NUMBERS.clause,
      scope=LAYOUT, trigger=Docx(_runs("Page Number", size=11)), passing=Docx(_runs("Page Number", size=13)))
def page_number_format(doc: Doc) -> Iterator[Hit]:
    style = S["Page Number"]
    for i, s in enumerate(doc.read.sections):
        for hf in s.headers.values():
            for p in (b for b in hf.blocks if hasattr(b, "fields")):
                if not any(f.split()[:1] == ["PAGE"] for f in p.fields):
                    continue
                size = p.mark.size if p.mark is not None and p.mark.size else None
                sizes = {sp.format.size for sp in p.spans if sp.format.size} or ({size} if size else set())
                wrong = [z for z in sizes if z not in style.allowed_size_pt]
                if wrong:
                    yield Hit(f"{_section_label(doc, i)}: số trang cỡ {wrong[0]:g}", "hãy đặt cỡ 13 hoặc 14",
                              _anchor(doc, s.first_block))
                    return


# ----------------------------------------------------------------------------- fonts

_SYMBOL_FONTS = ("Symbol", "Wingdings", "Wingdings 2", "Wingdings 3")


@rule("ND30-FONT", WARNING, "phông chữ Times New Roman ở mọi chữ (cả bốn kiểu chữ của Word)", clause=nd30.FONT.clause,
      scope=LAYOUT, trigger=Docx(_runs("Body", font="Arial")), passing=Docx())
def font(doc: Doc) -> Iterator[Hit]:
    bad: dict[str, Line] = {}
    count = 0
    for line in doc.lines():
        names = {f for s in line.visible() for f in s.format.fonts.all() if f} - {nd30.FONT.name, *_SYMBOL_FONTS}
        if names:
            count += 1
            for n in names:
                bad.setdefault(n, line)
    if bad:
        first = min(bad.values(), key=lambda ln: ln.block or 0)
        yield Hit(f"{count} đoạn dùng phông {', '.join(sorted(bad))}", "hãy chọn Times New Roman cho toàn văn bản "
                  "(Ctrl+A, chọn phông; nếu gõ tiếng Việt vẫn hiện phông khác, đặt cả phông cho chữ châu Á)", first)


@rule("ND30-FONT-COLOR", HINT, "chữ màu đen", clause=nd30.FONT.clause, scope=LAYOUT,
      trigger=Docx(_styles(Body={"color": "C00000"})), passing=Docx())
def font_color(doc: Doc) -> Iterator[Hit]:
    bad = [ln for ln in doc.lines() if any(s.format.color not in (None, "auto", "000000") for s in ln.visible())]
    if bad:
        yield Hit(f"{len(bad)} đoạn có chữ màu", "hãy để chữ màu đen (Automatic hoặc Black)", bad[0])


# ----------------------------------------------------------------------------- components

def _heading(line: Line) -> bool:
    """A numbered item with a title ("1. Mục đích"): short, not a sentence."""
    return len(line.body) < 100 and not line.body.rstrip().endswith((".", ";", ":", ",")) and \
        not line.body.rstrip().endswith("./.")


def _pick(role: str, part_kind: str | None = None, label: str | None = None, heading: bool | None = None,
          appendix: bool | None = None):
    def select(doc: Doc) -> list[Line]:
        out = []
        for part in doc.parts:
            if part_kind and part.kind != part_kind:
                continue
            if appendix is not None and (part.kind == "appendix") != appendix:
                continue
            for line in part.of(role):
                if line.para is None:
                    continue
                if label is not None and (line.label is None or line.label.kind != label):
                    continue
                if heading is not None and _heading(line) != heading:
                    continue
                out.append(line)
        return out
    return select


def _wrong(line: Line, style: nd30.TextStyle, *, size=True, bold=True, italic=True, upper=True) -> list[str]:
    out = []
    z = line.size
    if size and z is not None and not (style.allowed_size_pt.low - 0.01 <= z <= style.allowed_size_pt.high + 0.01):
        allowed = style.allowed_size_pt
        want = f"{allowed.low:g}" if allowed.low == allowed.high else f"{allowed.low:g}–{allowed.high:g}"
        out.append(f"cỡ {z:g} (cần {want})")
    if bold and style.bold and not line.bold:
        out.append("chưa in đậm")
    if bold and not style.bold and line.bold and line.visible():
        out.append("in đậm (cần chữ thường, không đậm)")
    if italic and style.italic and not line.italic:
        out.append("chưa in nghiêng")
    if italic and not style.italic and line.italic:
        out.append("in nghiêng (cần chữ đứng)")
    caps = all(s.format.caps for s in line.visible()) and line.visible()
    if upper and style.upper and not (is_upper(line.body) or caps):
        out.append("chưa viết in hoa")
    return out


def _edit_for(style: nd30.TextStyle, trigger: bool) -> Callable:
    allowed = style.allowed_size_pt
    if trigger:
        size = allowed.high + 1 if allowed.high < 14 else allowed.low - 1
    else:
        size = allowed.low if style.size_pt != allowed.low else allowed.high
    return _styles(**{style.name.replace(" ", "_"): {"size": size}})


FORMATS = [  # rule id, the component's name, its style, which lines, severity, what is checked
    ("ND30-NATIONAL-TITLE-FORMAT", "quốc hiệu", "National Title", _pick(NATIONAL), WARNING, {}),
    ("ND30-MOTTO-FORMAT", "tiêu ngữ", "Motto", _pick(MOTTO), WARNING, {}),
    ("ND30-ISSUER-FORMAT", "tên cơ quan ban hành", "Issuing Body", _pick(ISSUER), WARNING, {}),
    ("ND30-NUMBER-FORMAT", "số, ký hiệu", "Number Line", _pick(NUMBER), WARNING, {}),
    ("ND30-PLACE-DATE-FORMAT", "địa danh và ngày tháng", "Place Date", _pick(PLACE_DATE), WARNING, {}),
    ("ND30-KIND-FORMAT", "tên loại văn bản", "Document Kind", _pick(KIND), WARNING, {}),
    ("ND30-SUBJECT-FORMAT", "trích yếu", "Document Subject", _pick(SUBJECT), WARNING, {}),
    ("ND30-ATTACHED-FORMAT", "dòng «(Kèm theo ...)» của văn bản kèm theo quyết định", "Attached Line",
     _pick(ATTACHED, appendix=False), WARNING, {}),
    ("ND30-AUTHOR-FORMAT", "thẩm quyền ban hành quyết định", "Author Line", _pick(AUTHOR), WARNING, {}),
    ("ND30-BASIS-FORMAT", "căn cứ của quyết định", "Basis", _pick(BASIS, "decision"), WARNING, {}),
    ("ND30-DECIDE-FORMAT", "chữ «QUYẾT ĐỊNH:»", "Decide Word", _pick(DECIDE), WARNING, {}),
    ("ND30-RECIPIENTS-TITLE-FORMAT", "chữ «Nơi nhận:»", "Recipients Title", _pick(RECIPIENTS_TITLE), WARNING, {}),
    ("ND30-RECIPIENT-FORMAT", "tên nơi nhận", "Recipient", _pick(RECIPIENT), WARNING, {}),
    ("ND30-SIGNER-FORMAT", "quyền hạn, chức vụ người ký", "Signer Title", _pick(SIGNER), WARNING, {}),
    ("ND30-SIGNER-NAME-FORMAT", "họ tên người ký", "Signer Name", _pick(SIGNER_NAME), WARNING, {}),
    ("ND30-APPENDIX-LABEL-FORMAT", "chữ «Phụ lục»", "Appendix Label", _pick(APPENDIX_LABEL), WARNING,
     {"upper": False}),
    ("ND30-APPENDIX-TITLE-FORMAT", "tiêu đề phụ lục", "Appendix Title", _pick(APPENDIX_TITLE), WARNING, {}),
    ("ND30-APPENDIX-ATTACHED-FORMAT", "dòng «(Kèm theo ...)» của phụ lục", "Appendix Attached",
     _pick(ATTACHED, appendix=True), WARNING, {}),
    ("ND30-PART-HEADING-FORMAT", "tiêu đề phần I., II.", "Part Heading", _pick(BODY, label="roman"), WARNING, {}),
    ("ND30-ITEM-HEADING-FORMAT", "tiêu đề mục 1., 2.", "Item Heading", _pick(BODY, label="decimal", heading=True),
     WARNING, {"italic": False}),
    ("ND30-POINT-FORMAT", "điểm a), b)", "Point Heading", _pick(BODY, label="letter"), HINT, {"bold": False}),
]


def _format_rule(rule_id: str, name: str, style_name: str, select, severity, only: dict):
    style = S[style_name]

    @rule(rule_id, severity, f"{name}: cỡ {style.allowed_size_pt.low:g}"
          + (f"–{style.allowed_size_pt.high:g}" if style.allowed_size_pt.high != style.allowed_size_pt.low else "")
          + (", đậm" if style.bold else "") + (", nghiêng" if style.italic else ", chữ đứng")
          + (", in hoa" if style.upper else ""), clause=style.clause, scope=LAYOUT,
          trigger=Docx(_edit_for(style, True)), passing=Docx(_edit_for(style, False)))
    def check(doc: Doc) -> Iterator[Hit]:
        bad = [(ln, w) for ln in select(doc) for w in [_wrong(ln, style, **only)] if w]
        if not bad:
            return
        line, what = bad[0]
        more = f" (và {len(bad) - 1} đoạn khác)" if len(bad) > 1 else ""
        want = [f"cỡ {style.size_pt:g}", "đậm" if style.bold else "không đậm",
                "nghiêng" if style.italic else "chữ đứng"] + (["in hoa"] if style.upper else [])
        yield Hit(f"{name} {', '.join(what)}{more}", f"hãy trình bày {name}: {', '.join(want)} (Nghị định 30)", line)
    return check


for _args in FORMATS:
    _format_rule(*_args)


@rule("ND30-ARTICLE-LABEL-FORMAT", WARNING, "chữ «Điều 1.» in đậm, nội dung điều chữ đứng",
      clause=nd30.ARTICLE_LABEL.clause, scope=LAYOUT, trigger=Docx(_articles_not_bold), passing=Docx())
def article_label(doc: Doc) -> Iterator[Hit]:
    for line in doc.lines(BODY):
        if line.label is None or line.label.kind != "article" or line.para is None:
            continue
        head = "".join(s.text for s in line.spans)[:len(line.label.text)]
        spans = [s for s in line.spans if s.text.strip()]
        first = spans[0] if spans else None
        label_bold = (line.label.format.bold if line.label.auto and line.label.format else
                      first is not None and first.format.bold and head.startswith("Điều"))
        if not label_bold:
            yield Hit(f"«{line.label.text}» chưa in đậm", "hãy in đậm chữ «Điều» và số thứ tự", line)
            return


def _body_lines(doc: Doc) -> list[Line]:
    return [ln for p in doc.parts if p.kind in ("plan", "decision", "document") for ln in p.body
            if ln.para is not None and ln.para.origin.table is None]


@rule("ND30-BODY-SIZE", WARNING, "nội dung văn bản cỡ chữ 13–14", clause=nd30.BODY_SIZE_PT.clause, scope=LAYOUT,
      trigger=Docx(_styles(Body={"size": 12})), passing=Docx(_styles(Body={"size": 13})))
def body_size(doc: Doc) -> Iterator[Hit]:
    allowed = nd30.BODY_SIZE_PT.allowed
    bad = [ln for ln in _body_lines(doc) if ln.size is not None and ln.size not in allowed]
    if bad:
        yield Hit(f"{len(bad)} đoạn nội dung cỡ chữ {bad[0].size:g}", "hãy đặt cỡ 13 hoặc 14 cho toàn bộ nội dung",
                  bad[0])


@rule("ND30-BODY-ALIGN", WARNING, "nội dung văn bản canh đều hai lề", clause=nd30.STYLES["Body"].clause,
      scope=LAYOUT, trigger=Docx(_styles(Body={"align": WD_ALIGN_PARAGRAPH.LEFT})), passing=Docx())
def body_align(doc: Doc) -> Iterator[Hit]:
    bad = [ln for ln in _body_lines(doc) if ln.para.format.alignment not in ("justify", "both", "distribute")
           and len(ln.text) > 80]
    if bad:
        yield Hit(f"{len(bad)} đoạn nội dung không canh đều hai lề", "hãy chọn canh đều (Justify, Ctrl+J)", bad[0])


@rule("ND30-BODY-INDENT", WARNING, "đoạn nội dung lùi đầu dòng 1 cm hoặc 1,27 cm", clause=nd30.BODY_INDENT_CM.clause,
      scope=LAYOUT, trigger=Docx(_styles(Body={"first_line_cm": 2.0})),
      passing=Docx(_styles(Body={"first_line_cm": 1.0})))
def body_indent(doc: Doc) -> Iterator[Hit]:
    allowed = nd30.BODY_INDENT_CM.allowed.values
    bad = []
    for ln in _body_lines(doc):
        f = ln.para.format
        first = f.first_line + f.indent_left  # where the first line starts
        if ln.label is not None and ln.label.auto:
            first = f.indent_left + f.first_line
        cm = first / 72 * 2.54
        if not any(abs(cm - a) <= 0.06 for a in allowed) and len(ln.text) > 80:
            bad.append((ln, cm))
    if bad:
        yield Hit(f"{len(bad)} đoạn lùi đầu dòng {bad[0][1]:.2f} cm", "hãy lùi dòng đầu 1 cm hoặc 1,27 cm "
                  "(Paragraph → Special: First line)", bad[0][0])


@rule("ND30-PARAGRAPH-GAP", WARNING, "khoảng cách giữa các đoạn văn tối thiểu 6 pt", clause=nd30.PARAGRAPH_GAP_PT.clause,
      scope=LAYOUT, trigger=Docx(_styles(Body={"before": 0})), passing=Docx())
def paragraph_gap(doc: Doc) -> Iterator[Hit]:
    low = nd30.PARAGRAPH_GAP_PT.allowed.low
    bad = []
    lines = _body_lines(doc)
    for prev, ln in zip(lines, lines[1:]):
        gap = prev.para.format.space_after + ln.para.format.space_before
        if gap < low - 0.1:
            bad.append((ln, gap))
    if len(bad) > max(2, len(lines) // 10):
        yield Hit(f"{len(bad)} đoạn chỉ cách đoạn trên {bad[0][1]:g} pt", "hãy đặt khoảng cách trước hoặc sau đoạn "
                  "ít nhất 6 pt (Paragraph → Spacing)", bad[0][0])


@rule("ND30-LINE-SPACING", WARNING, "khoảng cách dòng từ một dòng (single) đến 1,5 dòng",
      clause=nd30.LINE_SPACING_LINES.clause, scope=LAYOUT, trigger=Docx(_styles(Body={"line": 2.0})),
      passing=Docx(_styles(Body={"line": 1.5})))
def line_spacing(doc: Doc) -> Iterator[Hit]:
    low, high = nd30.LINE_SPACING_LINES.allowed.low, nd30.LINE_SPACING_LINES.allowed.high
    bad = []
    for ln in _body_lines(doc):
        sp = ln.para.format.line_spacing
        size = ln.size or 14
        if sp.rule == "multiple":
            ok = low - 0.01 <= sp.value <= high + 0.01
        else:  # exact or at least, in pt: one Times New Roman line is about 1.15 × the size
            ok = size * 0.95 <= sp.value <= size * 1.15 * high + 1
        if not ok:
            bad.append(ln)
    if bad:
        sp = bad[0].para.format.line_spacing
        shown = f"{sp.value:g} dòng" if sp.rule == "multiple" else f"{sp.value:g} pt"
        yield Hit(f"{len(bad)} đoạn giãn dòng {shown}", "hãy đặt giãn dòng từ Single đến 1,5 lines", bad[0])


# ----------------------------------------------------------------------------- rules under the header and the subject

def _widest(lines: list[Line], style: nd30.TextStyle) -> float:
    out = 0.0
    for ln in lines:
        size = ln.size or style.size_pt
        width = estimate_width(ln.text, size, style.bold) / 20
        if ln.para is not None and ln.para.line_width:
            width = min(width, ln.para.line_width)
        out = max(out, width)
    return out


def _rule_checks(part: Part, under_role: str, nd_rule: nd30.RuleUnder, lines: list[Line]):
    drawn = part.rule_under(under_role)
    if not drawn or not lines:
        return None
    low, high = nd_rule.allowed_ratio.low, nd_rule.allowed_ratio.high
    ratio = None
    # The decree measures "the line of text": its widest line (drafter's choice) or the one right above.
    for measured in (lines, lines[-1:]):
        text = _widest(measured, S[nd_rule.under])
        if text <= 0:
            return None
        ratio = drawn[0].length / text
        if low - RATIO_SLACK <= ratio <= high + RATIO_SLACK:
            return None
    return drawn[0], ratio, low, high


def _ratio_text(low: float, high: float) -> str:
    return "bằng độ dài dòng chữ" if low == high == 1 else "từ 1/3 đến 1/2 độ dài dòng chữ"


def _length_rule(rule_id: str, name: str, role: str, nd_rule: nd30.RuleUnder, edit_index: int, attached: str | None):
    @rule(rule_id, WARNING, f"đường kẻ dưới {name} dài {_ratio_text(nd_rule.allowed_ratio.low, nd_rule.allowed_ratio.high)}",
          clause=nd_rule.clause, scope=LAYOUT,
          trigger=Docx(_rule(edit_index, indent_twips=0 if nd_rule.ratio < 1 else 2200)), passing=Docx())
    def check(doc: Doc) -> Iterator[Hit]:
        for part in doc.parts:
            roles = [(role, nd_rule)]
            if attached and part.of(ATTACHED):
                roles.append((ATTACHED, nd30.ATTACHED_RULE if part.kind != "appendix" else nd30.APPENDIX_RULE))
            for r, nr in roles:
                found = _rule_checks(part, r, nr, part.of(r))
                if found:
                    drawn, ratio, low, high = found
                    yield Hit(f"đường kẻ dưới {name} dài {ratio:.2f} lần dòng chữ",
                              f"hãy kẻ {_ratio_text(low, high)}, canh giữa", drawn.under)
    return check


_length_rule("ND30-ISSUER-RULE-LENGTH", "tên cơ quan ban hành", ISSUER, nd30.ISSUER_RULE, 0, None)
_length_rule("ND30-MOTTO-RULE-LENGTH", "tiêu ngữ", MOTTO, nd30.MOTTO_RULE, 1, None)
_length_rule("ND30-SUBJECT-RULE-LENGTH", "trích yếu", SUBJECT, nd30.SUBJECT_RULE, 2, "attached")


@rule("ND30-RULE-MISSING", WARNING, "thiếu đường kẻ dưới tên cơ quan, dưới tiêu ngữ hoặc dưới trích yếu",
      clause=f"{nd30.ISSUER_RULE.clause}; {nd30.MOTTO_RULE.clause}; {nd30.SUBJECT_RULE.clause}", scope=LAYOUT,
      trigger=Docx(_rule(0, remove=True)), passing=Docx())
def rule_missing(doc: Doc) -> Iterator[Hit]:
    for part in doc.parts:
        if part.kind == "appendix":
            continue
        wanted = [(ISSUER, "tên cơ quan ban hành"), (MOTTO, "tiêu ngữ")]
        under_subject = ATTACHED if part.of(ATTACHED) else SUBJECT
        wanted.append((under_subject, "trích yếu" if under_subject == SUBJECT else "dòng «(Kèm theo ...)»"))
        for role, name in wanted:
            lines = part.of(role)
            if lines and not part.rule_under(role) and not (role == SUBJECT and part.rule_under(ATTACHED)):
                yield Hit(f"thiếu đường kẻ dưới {name}", "hãy kẻ một đường nét liền, canh giữa (Nghị định 30)",
                          lines[-1])


# ----------------------------------------------------------------------------- appendix tables

@rule("ND30-TABLE-HEADER-REPEAT", HINT, "bảng phụ lục nhiều trang lặp lại dòng tiêu đề ở mỗi trang", clause=PRACTICE,
      scope=LAYOUT, trigger=Docx(_no_repeat_header), passing=Docx())
def table_header(doc: Doc) -> Iterator[Hit]:
    for part in doc.parts:
        for table in part.tables:
            if len(table.rows) > 15 and table.header_rows == 0:
                cells = [ln for ln in part.of("cell") if ln.para is not None and ln.para.origin.table == table.origin.table]
                yield Hit("bảng nhiều dòng mà dòng tiêu đề không lặp lại ở mỗi trang",
                          "hãy chọn dòng tiêu đề, Table Properties → Row → «Repeat as header row»",
                          cells[0] if cells else part)


@rule("ND30-APPENDIX-LANDSCAPE", HINT, "bảng phụ lục nhiều cột đặt trên trang ngang", clause=nd30.PARTS["appendix"].clause,
      scope=LAYOUT, trigger=Docx(_sections(landscape=False)), passing=Docx())
def appendix_landscape(doc: Doc) -> Iterator[Hit]:
    for part in doc.parts:
        if part.kind != "appendix":
            continue
        for table in part.tables:
            section = doc.read.section_of(next((ln.block for ln in part.lines if ln.block is not None), 0))
            if table.columns >= 6 and section is not None and section.width < section.height:
                yield Hit(f"bảng {table.columns} cột trên trang dọc", "hãy để phần phụ lục trang ngang (Landscape) "
                          "cho bảng dễ đọc", part.lines[0] if part.lines else part)
                break
