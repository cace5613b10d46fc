"""Builds the Word templates in ``templates/`` from code, so every change is reviewable.

    python -m drafter.template_builder        # rewrites templates/*/*.docx

The layout follows Nghị định 30/2020/NĐ-CP, Phụ lục I (see ../shared/spec/nd30.md).
Each visible component is a named paragraph style, so an office can restyle the
template in Word without touching the tags. Sizes are in half-points (sz) and
twentieths of a point (twips): 1 cm = 567 twips.
"""
from __future__ import annotations

import sys
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from .docxpkg import write_parts
from .geometry import (
    HEADER_DIST, HEADER_LEFT, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, PAGE_H, PAGE_W, TEXT_W,
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FONT = "Times New Roman"

INDENT = 720  # 1.27 cm first-line indent
SPACE = 120  # 6 pt between paragraphs
SIGN_GAP = 1560  # ~ four empty 14 pt lines for signature and seal
CLOSING_GAP = 240  # 12 pt between the body's last line and the closing block


def _fonts() -> str:
    # All four slots, and no w:hint="eastAsia" (Word would switch fonts mid-word).
    return f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'


@cache  # fragments build thousands of runs per batch with a handful of formats
def _rpr(size: float | None = None, bold=False, italic=False, caps=False) -> str:
    out = _fonts()
    if bold:
        out += "<w:b/><w:bCs/>"
    if italic:
        out += "<w:i/><w:iCs/>"
    if caps:
        out += "<w:caps/>"
    if size:
        half = int(size * 2)
        out += f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'
    out += '<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/>'
    return out


# --------------------------------------------------------------------------- styles

# name, based-on, size, bold, italic, alignment, first-line indent, before, after, extra pPr
STYLES = [
    ("Body", None, 14, False, False, "both", INDENT, SPACE, 0, ""),
    ("Basis", "Body", 14, False, True, "both", INDENT, SPACE, 0, ""),
    ("Part Heading", "Body", 14, True, False, "both", INDENT, SPACE, 0, "<w:keepNext/>"),
    ("Item Heading", "Body", 14, True, False, "both", INDENT, SPACE, 0, "<w:keepNext/>"),
    ("Subitem Heading", "Body", 14, True, False, "both", INDENT, SPACE, 0, "<w:keepNext/>"),
    ("Point Heading", "Body", 14, False, False, "both", INDENT, SPACE, 0, "<w:keepNext/>"),
    ("Article", "Body", 14, False, False, "both", INDENT, SPACE, 0, ""),
    # The last paragraph before the closing block keeps with it: the signature never stands alone.
    ("Body Last", "Body", 14, False, False, "both", INDENT, SPACE, 0, "<w:keepNext/>"),
    ("Article Last", "Article", 14, False, False, "both", INDENT, SPACE, 0, "<w:keepNext/>"),
    ("Parent Body", None, 13, False, False, "center", 0, 0, 0, ""),
    ("Issuing Body", None, 13, True, False, "center", 0, 0, 0, ""),
    ("National Title", None, 13, True, False, "center", 0, 0, 0, ""),
    ("Motto", None, 14, True, False, "center", 0, 0, 0, ""),
    ("Number Line", None, 13, False, False, "center", 0, 60, 0, ""),
    ("Place Date", None, 14, False, True, "center", 0, 60, 0, ""),
    ("Rule Line", None, 2, False, False, "center", 0, 0, 0,
     '<w:pBdr><w:top w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'
     '<w:spacing w:before="80" w:after="40" w:line="40" w:lineRule="exact"/>'),
    ("Document Kind", None, 14, True, False, "center", 0, 360, 0, "<w:keepNext/>"),
    ("Document Subject", None, 14, True, False, "center", 0, 0, 0, "<w:keepNext/>"),
    ("Attached Line", None, 14, False, True, "center", 0, 0, 0, "<w:keepNext/>"),
    ("Author Line", None, 14, True, False, "center", 0, 240, 120, "<w:keepNext/>"),
    ("Decide Word", None, 14, True, False, "center", 0, 240, 120, "<w:keepNext/>"),
    # "Nơi nhận:" and the signer's first title line start level: same space before, and the
    # title lines after the first ignore theirs (contextualSpacing).
    ("Recipients Title", None, 12, True, True, "left", 0, CLOSING_GAP, 0, ""),
    ("Recipient", None, 11, False, False, "left", 0, 0, 0, ""),
    ("Signer Title", None, 14, True, False, "center", 0, CLOSING_GAP, 0, "<w:contextualSpacing/>"),
    ("Signer Name", None, 14, True, False, "center", 0, SIGN_GAP, 0, ""),
    ("Appendix Label", None, 14, True, False, "center", 0, 240, 0, "<w:keepNext/>"),
    ("Appendix Title", None, 14, True, False, "center", 0, 0, 0, "<w:keepNext/>"),
    ("Appendix Attached", None, 13, False, True, "center", 0, 0, 0, "<w:keepNext/>"),
    ("Table Header", None, 13, True, False, "center", 0, 40, 40, ""),
    ("Table Number", None, 12, False, True, "center", 0, 0, 0, ""),
    ("Table Cell", None, 13, False, False, "left", 0, 40, 40, ""),
    ("Table Cell Center", None, 13, False, False, "center", 0, 40, 40, ""),
    ("Table Group", None, 13, True, False, "left", 0, 40, 40, ""),
    ("Table Group Center", None, 13, True, False, "center", 0, 40, 40, ""),
    ("Page Number", None, 14, False, False, "center", 0, 0, 0, ""),
    # The paragraph that carries a section break after the closing table: 1 pt high, so
    # that it never spills onto a page of its own.
    ("Section Break", None, 1, False, False, "left", 0, 0, 0,
     '<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'),
]


def style_id(name: str) -> str:
    return name.replace(" ", "")


def _style_xml(name, based, size, bold, italic, align, first, before, after, extra) -> str:
    ppr = extra
    if "<w:spacing" not in extra:
        ppr += f'<w:spacing w:before="{before}" w:after="{after}" w:line="240" w:lineRule="auto"/>'
    ppr += f'<w:ind w:left="0" w:right="0" w:firstLine="{first}"/>'
    ppr += f'<w:jc w:val="{align}"/>'
    based_xml = f'<w:basedOn w:val="{style_id(based)}"/>' if based else ""
    return (f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id(name)}">'
            f'<w:name w:val="{name}"/>{based_xml}<w:qFormat/>'
            f"<w:pPr>{ppr}</w:pPr><w:rPr>{_rpr(size, bold, italic)}</w:rPr></w:style>")


def styles_xml() -> str:
    defaults = (f"<w:docDefaults><w:rPrDefault><w:rPr>{_rpr(14)}</w:rPr></w:rPrDefault>"
                '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
                "</w:pPrDefault></w:docDefaults>")
    normal = (f'<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
              f'<w:qFormat/><w:rPr>{_rpr(14)}</w:rPr></w:style>'
              '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
              '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
              '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
              '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
              '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
              "</w:tblCellMar></w:tblPr></w:style>")
    tables = (
        '<w:style w:type="table" w:customStyle="1" w:styleId="LayoutTable"><w:name w:val="Layout Table"/>'
        '<w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/>'
        '<w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/>'
        '</w:tblBorders><w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style>"
        '<w:style w:type="table" w:customStyle="1" w:styleId="AppendixTable"><w:name w:val="Appendix Table"/>'
        '<w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders>'
        + "".join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                  for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + '</w:tblBorders><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style>")
    body = "".join(_style_xml(*s) for s in STYLES)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:styles xmlns:w="{W_NS}">{defaults}{normal}{tables}{body}</w:styles>')


# --------------------------------------------------------------------------- body

def run(text: str, size=None, bold=False, italic=False) -> str:
    return (f"<w:r><w:rPr>{_rpr(size, bold, italic)}</w:rPr>"
            f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r>')


def para(style: str, *runs: str, ppr: str = "") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id(style)}"/>{ppr}</w:pPr>{"".join(runs)}</w:p>'


def text(style: str, value: str, **fmt) -> str:
    """A paragraph of one run; ``value`` may hold Jinja tags."""
    return para(style, run(value, **fmt))


def tag(statement: str) -> str:
    """A docxtpl paragraph tag: the whole paragraph is replaced by the statement."""
    return f"<w:p>{run('{%p ' + statement + ' %}')}</w:p>"


def slot(expr: str) -> str:
    """A paragraph that docxtpl replaces with XML computed per document (drafter/fragments.py)."""
    return f"<w:p>{run('{{p ' + expr + ' }}')}</w:p>"


def cell(width: int, *content: str, tcpr: str = "") -> str:
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{tcpr}</w:tcPr>'
            f'{"".join(content) or para("Body")}</w:tc>')


def layout_table(widths: list[int], rows: list[list[str] | str], trpr: str = "") -> str:
    """A borderless table; a row given as a string is written as is (a docxtpl {%tr %} row)."""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    trpr = f"<w:trPr>{trpr}</w:trPr>" if trpr else ""
    body = "".join(r if isinstance(r, str) else
                   f"<w:tr>{trpr}" + "".join(cell(w, c) for w, c in zip(widths, r)) + "</w:tr>"
                   for r in rows)
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="LayoutTable"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
            f'<w:tblLayout w:type="fixed"/><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
            f"{body}</w:tbl>")


def header_block(v: str, width: int) -> str:
    """The document header (ô 1-4): a borderless 2 × 2 table. ``v`` is the context name."""
    left = (tag(f"if {v}.parent") + text("Parent Body", f"{{{{ {v}.parent }}}}") + tag("endif")
            + tag(f"for line in {v}.issuer") + text("Issuing Body", "{{ line }}") + tag("endfor")
            + slot(f"{v}.rule_issuer"))
    right = (text("National Title", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
             + text("Motto", "Độc lập - Tự do - Hạnh phúc") + slot(f"{v}.rule_motto"))
    number = text("Number Line", f"{{{{ {v}.number }}}}")
    date = text("Place Date", f"{{{{ {v}.place_date }}}}")
    widths = [HEADER_LEFT, width - HEADER_LEFT]
    # Row 2 is dropped when it would be empty (a plan attached to a decision has neither).
    cond = [tr_tag(f"if {v}.number or {v}.place_date", HEADER_LEFT), [number, date], tr_tag("endif", HEADER_LEFT)]
    return layout_table(widths, [[left, right], *cond])


def closing_block(v: str) -> str:
    """Recipients (left) and signature (right): a borderless table, no empty paragraph before it."""
    left = (text("Recipients Title", "Nơi nhận:")
            + tag(f"for r in {v}.recipients") + text("Recipient", "{{ r }}") + tag("endfor"))
    right = (tag(f"for line in {v}.signer.titles") + text("Signer Title", "{{ line }}") + tag("endfor")
             + text("Signer Name", f"{{{{ {v}.signer.name }}}}"))
    # One row that never splits: the signature never lands alone on a page.
    return layout_table([4200, TEXT_W - 4200], [[left, right]], trpr="<w:cantSplit/>")


BODY_STYLES = [("h1", "Part Heading"), ("h2", "Item Heading"), ("h3b", "Subitem Heading"),
               ("h3", "Point Heading")]


def body_loop(v: str) -> str:
    out = tag(f"for b in {v}")
    for i, (key, style) in enumerate(BODY_STYLES):
        out += tag(f'{"if" if i == 0 else "elif"} b.style == "{key}"') + text(style, "{{ b.full }}")
    out += tag("elif loop.last") + text("Body Last", "{{ b.text }}")
    out += tag("else") + text("Body", "{{ b.text }}") + tag("endif") + tag("endfor")
    return out


def tr_tag(statement: str, width: int = 1000) -> str:
    """A docxtpl row tag: the whole table row is replaced by the statement."""
    return "<w:tr>" + cell(width, text("Table Cell", "{%tr " + statement + " %}")) + "</w:tr>"


def section_break(landscape: bool) -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="SectionBreak"/>{sect_pr(landscape)}</w:pPr></w:p>'


def sect_pr(landscape: bool) -> str:
    w, h = (PAGE_H, PAGE_W) if landscape else (PAGE_W, PAGE_H)
    orient = ' w:orient="landscape"' if landscape else ""
    # Every section restarts its page numbers and hides the number on its first page.
    return ('<w:sectPr><w:headerReference w:type="default" r:id="rIdHeaderDefault"/>'
            '<w:headerReference w:type="first" r:id="rIdHeaderFirst"/>'
            f'<w:type w:val="nextPage"/><w:pgSz w:w="{w}" w:h="{h}"{orient}/>'
            f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}" '
            f'w:left="{MARGIN_LEFT}" w:header="{HEADER_DIST}" w:footer="{HEADER_DIST}" w:gutter="0"/>'
            '<w:pgNumType w:start="1"/><w:cols w:space="720"/><w:titlePg/>'
            '<w:docGrid w:linePitch="360"/></w:sectPr>')


def decision_part() -> str:
    d = "decision"
    return (tag("if show.decision")
            + header_block(f"{d}.hdr", TEXT_W)
            + text("Document Kind", "QUYẾT ĐỊNH")
            + text("Document Subject", f"{{{{ {d}.subject }}}}") + slot(f"{d}.rule")
            + text("Author Line", f"{{{{ {d}.author }}}}")
            + tag(f"for line in {d}.bases") + text("Basis", "{{ line }}") + tag("endfor")
            + text("Decide Word", "QUYẾT ĐỊNH:")
            + tag(f"for a in {d}.articles")
            + tag("if loop.last")
            + para("Article Last", run("{{ a.label }}", bold=True), run(" {{ a.text }}"))
            + tag("else")
            + para("Article", run("{{ a.label }}", bold=True), run(" {{ a.text }}"))
            + tag("endif")
            + tag("endfor")
            + closing_block(d)
            + tag("if show.plan or show.appendices") + section_break(False) + tag("endif")
            + tag("endif"))


def plan_part() -> str:
    p = "plan"
    return (tag("if show.plan")
            + header_block(f"{p}.hdr", TEXT_W)
            + text("Document Kind", "KẾ HOẠCH")
            + text("Document Subject", f"{{{{ {p}.subject }}}}")
            + tag(f"if {p}.attached") + text("Attached Line", f"{{{{ {p}.attached }}}}") + tag("endif")
            + slot(f"{p}.rule")
            + body_loop(f"{p}.body")
            + closing_block(p)
            + tag("if show.appendices") + section_break(False) + tag("endif")
            + tag("endif"))


def appendix_part() -> str:
    return (tag("if show.appendices")
            + tag("for a in appendices")
            + tag("if not loop.first") + section_break(True) + tag("endif")
            + text("Appendix Label", "{{ a.label }}")
            + text("Appendix Title", "{{ a.title }}")
            + text("Appendix Attached", "{{ a.attached }}")
            + slot("a.rule")
            + slot("a.table")
            + tag("endfor")
            + tag("endif"))


def document_xml(with_decision: bool) -> str:
    body = (decision_part() if with_decision else "") + plan_part() + appendix_part()
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{body}{sect_pr(True)}</w:body></w:document>')


def header_xml(with_number: bool) -> str:
    content = ""
    if with_number:
        content = ("<w:r><w:rPr>" + _rpr(14) + '</w:rPr><w:fldChar w:fldCharType="begin"/></w:r>'
                   "<w:r><w:rPr>" + _rpr(14) + '</w:rPr><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
                   "<w:r><w:rPr>" + _rpr(14) + '</w:rPr><w:fldChar w:fldCharType="separate"/></w:r>'
                   "<w:r><w:rPr>" + _rpr(14) + "</w:rPr><w:t>2</w:t></w:r>"
                   "<w:r><w:rPr>" + _rpr(14) + '</w:rPr><w:fldChar w:fldCharType="end"/></w:r>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:hdr xmlns:w="{W_NS}" xmlns:r="{R_NS}">{para("Page Number", content)}</w:hdr>')


CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"""

DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rIdHeaderDefault" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rIdHeaderFirst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/></Relationships>"""

SETTINGS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="{W_NS}"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat><w:themeFontLang w:val="vi-VN"/></w:settings>"""

CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{title}</dc:title><dc:creator>drafter</dc:creator><dc:language>vi-VN</dc:language></cp:coreProperties>"""

APP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>drafter</Application></Properties>"""


def build(with_decision: bool) -> bytes:
    title = "Quyết định ban hành Kế hoạch" if with_decision else "Kế hoạch"
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "docProps/core.xml": CORE.format(title=title),
        "docProps/app.xml": APP,
        "word/document.xml": document_xml(with_decision),
        "word/styles.xml": styles_xml(),
        "word/settings.xml": SETTINGS,
        "word/header1.xml": header_xml(True),
        "word/header2.xml": header_xml(False),
        "word/_rels/document.xml.rels": DOC_RELS,
    }
    return write_parts({k: v.encode("utf-8") for k, v in parts.items()})


TEMPLATES = {"kehoach": False, "quyetdinh": True}


def main(argv: list[str] | None = None) -> int:
    root = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent / "templates"
    for name, with_decision in TEMPLATES.items():
        out = root / name / f"{name}.docx"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(build(with_decision))
        print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
