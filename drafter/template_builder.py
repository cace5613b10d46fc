"""Builds the Word templates in ``templates/`` from code, so every change is reviewable.

    python -m drafter.template_builder        # rewrites templates/*/*.docx

The rules of Nghị định 30/2020/NĐ-CP come from :mod:`drafter.nd30` and the XML from
:mod:`drafter.wml`; this module only puts them together. Each visible component is a
named paragraph style, so an office can restyle the template in Word without touching
the tags.
"""
from __future__ import annotations

import sys
from pathlib import Path

from . import nd30
from .docxpkg import write_parts
from .geometry import CLOSING_LEFT, HEADER_LEFT, MARGINS, TEXT_W, page_size_xml
from .nd30 import TextStyle
from .wml import (
    R_NS, W_NS, XML_DECL, Border, Cm, FontFace, Indent, Pt, Spacing, Twips, cell_margins, field_runs, font_table, para,
    ppr, rpr, run, sect_pr, style_id, table, table_borders,
)
from .wml import cell as wml_cell
from .wml import row as wml_row

# --------------------------------------------------------------------------- styles


def _style_xml(s: TextStyle) -> str:
    line = Spacing(before=Pt(s.before_pt), after=Pt(s.after_pt), lines=s.line_lines,
                   exact=None if s.line_exact_pt is None else Pt(s.line_exact_pt))
    border = None if s.border_top is None else Border(width=Pt(s.border_top.weight_pt), space=Pt(s.border_top.gap_pt))
    props = ppr(keep_next=s.keep_next, contextual_spacing=s.contextual_spacing, border_top=border, spacing=line,
                ind=Indent(first_line=Cm(s.first_line_cm)), align=s.align.value)
    based_xml = f'<w:basedOn w:val="{style_id(s.based_on)}"/>' if s.based_on else ""
    return (f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{s.style_id}">'
            f'<w:name w:val="{s.name}"/>{based_xml}<w:qFormat/>'
            f"{props}{rpr(Pt(s.size_pt), s.bold, s.italic)}</w:style>")


def _table_style(t: nd30.TableStyle) -> str:
    border = None if t.border_pt is None else Border(width=Pt(t.border_pt))
    margin = Cm(t.cell_margin_cm)
    return (f'<w:style w:type="table" w:customStyle="1" w:styleId="{style_id(t.name)}"><w:name w:val="{t.name}"/>'
            f'<w:basedOn w:val="TableNormal"/><w:tblPr>{table_borders(border)}{cell_margins(margin, margin)}'
            "</w:tblPr></w:style>")


BODY_PT = Pt(nd30.BODY_SIZE_PT.chosen)


def styles_xml(extra: dict[str, TextStyle] | None = None) -> str:
    defaults = (f"<w:docDefaults><w:rPrDefault>{rpr(BODY_PT)}</w:rPrDefault>"
                '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
                "</w:pPrDefault></w:docDefaults>")
    word_cell = Cm(0.19)  # Word's own default cell margin
    normal = (f'<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
              f'<w:qFormat/>{rpr(BODY_PT)}</w:style>'
              '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
              '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
              '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
              f'<w:tblPr><w:tblInd w:w="0" w:type="dxa"/>{cell_margins(word_cell, word_cell, Twips(0), Twips(0))}'
              "</w:tblPr></w:style>")
    tables = _table_style(nd30.LAYOUT_TABLE) + _table_style(nd30.APPENDIX_TABLE)
    body = "".join(_style_xml(s) for s in [*nd30.STYLES.values(), *(extra or {}).values()])
    return f'{XML_DECL}<w:styles xmlns:w="{W_NS}">{defaults}{normal}{tables}{body}</w:styles>'


# --------------------------------------------------------------------------- body

def text(style: str, value: str) -> str:
    """A paragraph of one run; ``value`` may hold Jinja tags."""
    return para(style, run(value))


def tag(statement: str) -> str:
    """A docxtpl paragraph tag: the whole paragraph is replaced by the statement."""
    return para(None, run("{%p " + statement + " %}"))


def slot(expr: str) -> str:
    """A paragraph that docxtpl replaces with XML computed per document (drafter/fragments.py)."""
    return para(None, run("{{p " + expr + " }}"))


def cell(width: int, *content: str) -> str:
    return wml_cell(width, "".join(content) or para("Body"))


def layout_table(widths: list[int], rows: list[list[str] | str], cant_split: bool = False) -> str:
    """A borderless table; a row given as a string is written as is (a docxtpl {%tr %} row)."""
    body = "".join(r if isinstance(r, str) else
                   wml_row("".join(cell(w, c) for w, c in zip(widths, r)), cant_split=cant_split)
                   for r in rows)
    return table(nd30.LAYOUT_TABLE.name, widths, body)


def header_block(v: str, width: int) -> str:
    """The document header (ô 1-4): a borderless 2 × 2 table. ``v`` is the context name."""
    left = (tag(f"if {v}.parent") + text("Parent Body", f"{{{{ {v}.parent }}}}") + tag("endif")
            + tag(f"for line in {v}.issuer") + text("Issuing Body", "{{ line }}") + tag("endfor")
            + slot(f"{v}.rule_issuer"))
    right = (text("National Title", nd30.NATIONAL_TITLE_TEXT)
             + text("Motto", nd30.MOTTO_TEXT) + slot(f"{v}.rule_motto"))
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
    return layout_table([CLOSING_LEFT, TEXT_W - CLOSING_LEFT], [[left, right]], cant_split=True)


BODY_STYLES = [("h1", "Part Heading"), ("h2", "Item Heading"), ("h3b", "Subitem Heading"),
               ("h3", "Point Heading")]


def body_loop(v: str) -> str:
    out = tag(f"for b in {v}")
    for i, (key, style) in enumerate(BODY_STYLES):
        out += tag(f'{"if" if i == 0 else "elif"} b.style == "{key}"') + text(style, "{{ b.shown_full }}")
    out += tag("elif loop.last") + text("Body Last", "{{ b.shown }}")
    out += tag("else") + text("Body", "{{ b.shown }}") + tag("endif") + tag("endfor")
    return out


def tr_tag(statement: str, width: int = 1000) -> str:
    """A docxtpl row tag: the whole table row is replaced by the statement."""
    return wml_row(cell(width, text("Table Cell", "{%tr " + statement + " %}")))


HEADERS = {"default": "rIdHeaderDefault", "first": "rIdHeaderFirst"}  # see DOC_RELS


def sect_pr_of(page: str) -> str:
    """A part's section: each restarts its page numbers at 1 and shows none on its first page
    (the "first" header is empty)."""
    numbering = nd30.PAGE_NUMBERS
    return sect_pr(page, MARGINS, HEADERS, restart_numbers=numbering.restart_each_part,
                   title_page=numbering.first_shown_page > numbering.start_at)


def section_break(part: str) -> str:
    """The paragraph whose sectPr ends a section of ``part``, its page laid as nd30.PARTS says."""
    return para("Section Break", sect=sect_pr_of(page_size_xml(nd30.PARTS[part].orientation)))


def last_section() -> str:
    """The body's own sectPr. The template holds every part, so it ends with an appendix; a file
    that shows no appendix gets the plan's page here when the template is prepared (drafter.render)."""
    return sect_pr_of(page_size_xml(nd30.PARTS["appendix"].orientation))


def article(style: str) -> str:
    """"Điều 1." in its own run (bold, decree II.6.đ), then the article's text."""
    label = nd30.ARTICLE_LABEL
    return para(style, run("{{ a.label }}", bold=label.bold, italic=label.italic), run(" {{ a.text }}"))


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
            + tag("if loop.last") + article("Article Last") + tag("else") + article("Article") + tag("endif")
            + tag("endfor")
            + closing_block(d)
            + tag("if show.plan or show.appendices") + section_break("decision") + tag("endif")
            + tag("endif"))


def plan_part(kind_word: str = "KẾ HOẠCH", addressed: bool = False) -> str:
    """The plan, or a document laid like it (a report: ``kind_word`` "BÁO CÁO", and with
    ``addressed`` the "Kính gửi:" lines under the subject's rule)."""
    p = "plan"
    return (tag("if show.plan")
            + header_block(f"{p}.hdr", TEXT_W)
            + text("Document Kind", kind_word)
            + text("Document Subject", f"{{{{ {p}.subject }}}}")
            + tag(f"if {p}.attached") + text("Attached Line", f"{{{{ {p}.attached }}}}") + tag("endif")
            + slot(f"{p}.rule")
            + (slot(f"{p}.addressees") if addressed else "")
            + body_loop(f"{p}.body")
            + closing_block(p)
            + tag("if show.appendices") + section_break("plan") + tag("endif")
            + tag("endif"))


def appendix_part() -> str:
    return (tag("if show.appendices")
            + tag("for a in appendices")
            + tag("if not loop.first") + section_break("appendix") + tag("endif")
            + text("Appendix Label", "{{ a.label }}")
            + text("Appendix Title", "{{ a.title }}")
            + text("Appendix Attached", "{{ a.attached }}")
            + slot("a.rule")
            + slot("a.table")
            + tag("endfor")
            + tag("endif"))


def document_xml(with_decision: bool, kind: str = "ke-hoach") -> str:
    main = plan_part("BÁO CÁO", addressed=True) if kind == "bao-cao" else plan_part()
    body = (decision_part() if with_decision else "") + main + appendix_part()
    return f'{XML_DECL}<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{body}{last_section()}</w:body></w:document>'



def header_xml(with_number: bool) -> str:
    """A page header: the page number (PAGE field), or empty for a part's first page."""
    style = nd30.STYLES[nd30.PAGE_NUMBERS.style]
    content = field_runs("PAGE", str(nd30.PAGE_NUMBERS.first_shown_page), Pt(style.size_pt)) if with_number else ""
    return f'{XML_DECL}<w:hdr xmlns:w="{W_NS}" xmlns:r="{R_NS}">{para(style.name, content)}</w:hdr>'


_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="{_WML}.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="{_WML}.styles+xml"/><Override PartName="/word/settings.xml" ContentType="{_WML}.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="{_WML}.fontTable+xml"/><Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/><Override PartName="/word/header1.xml" ContentType="{_WML}.header+xml"/><Override PartName="/word/header2.xml" ContentType="{_WML}.header+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"""

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DOC_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="{_REL}/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="{_REL}/settings" Target="settings.xml"/><Relationship Id="rIdFontTable" Type="{_REL}/fontTable" Target="fontTable.xml"/><Relationship Id="rIdTheme" Type="{_REL}/theme" Target="theme/theme1.xml"/><Relationship Id="rIdHeaderDefault" Type="{_REL}/header" Target="header1.xml"/><Relationship Id="rIdHeaderFirst" Type="{_REL}/header" Target="header2.xml"/></Relationships>"""

SETTINGS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="{W_NS}"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat><w:themeFontLang w:val="vi-VN"/></w:settings>"""

CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{title}</dc:title><dc:creator>drafter</dc:creator><dc:language>vi-VN</dc:language></cp:coreProperties>"""

APP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>drafter</Application></Properties>"""


# Word finds the face, or the closest substitute where it is missing, through the font table.
FACES = {"Times New Roman": FontFace(
    name="Times New Roman", panose="02020603050405020304", charset="00", family="roman", pitch="variable",
    signature=("E0002EFF", "C000785B", "00000009", "00000000", "000001FF", "00000000"))}


def theme_xml() -> str:
    """A theme as Word's own files carry one, its heading and body fonts the document's font.

    Runs name their font directly, so the theme only matters to a user who picks a theme font.
    """
    font = nd30.FONT.name
    colors = "".join(f'<a:{name}><a:srgbClr val="{rgb}"/></a:{name}>' for name, rgb in (
        ("dk2", "44546A"), ("lt2", "E7E6E6"), ("accent1", "4472C4"), ("accent2", "ED7D31"), ("accent3", "A5A5A5"),
        ("accent4", "FFC000"), ("accent5", "5B9BD5"), ("accent6", "70AD47"), ("hlink", "0563C1"),
        ("folHlink", "954F72")))
    faces = f'<a:latin typeface="{font}"/><a:ea typeface=""/><a:cs typeface="{font}"/>'
    fill = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    line = f'<a:ln w="6350">{fill}</a:ln>'
    effect = "<a:effectStyle><a:effectLst/></a:effectStyle>"
    return (f'{XML_DECL}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="drafter">'
            '<a:themeElements><a:clrScheme name="drafter">'
            f'<a:dk1><a:sysClr val="windowText" lastClr="{nd30.FONT.color}"/></a:dk1>'
            '<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>'
            f'{colors}</a:clrScheme>'
            f'<a:fontScheme name="drafter"><a:majorFont>{faces}</a:majorFont><a:minorFont>{faces}</a:minorFont>'
            '</a:fontScheme><a:fmtScheme name="drafter">'
            f"<a:fillStyleLst>{fill * 3}</a:fillStyleLst>"
            f"<a:lnStyleLst>{line * 3}</a:lnStyleLst><a:effectStyleLst>{effect * 3}</a:effectStyleLst>"
            f"<a:bgFillStyleLst>{fill * 3}</a:bgFillStyleLst>"
            "</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>")


def build(with_decision: bool, kind: str = "ke-hoach") -> bytes:
    report = kind == "bao-cao"
    title = "Báo cáo" if report else "Quyết định ban hành Kế hoạch" if with_decision else "Kế hoạch"
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "docProps/core.xml": CORE.format(title=title),
        "docProps/app.xml": APP,
        "word/document.xml": document_xml(with_decision, kind),
        "word/styles.xml": styles_xml(nd30.REPORT_STYLES if report else None),
        "word/settings.xml": SETTINGS,
        "word/fontTable.xml": font_table([FACES[nd30.FONT.name]]),
        "word/theme/theme1.xml": theme_xml(),
        "word/header1.xml": header_xml(True),
        "word/header2.xml": header_xml(False),
        "word/_rels/document.xml.rels": DOC_RELS,
    }
    return write_parts({k: v.encode("utf-8") for k, v in parts.items()})


TEMPLATES = {"kehoach": False, "quyetdinh": True}
KINDS = {"baocao": "bao-cao"}  # templates of a kind other than a plan (none has a decision)
NAMES = [*TEMPLATES, *KINDS]  # every committed template


def build_named(name: str) -> bytes:
    return build(TEMPLATES.get(name, False), KINDS.get(name, "ke-hoach"))


def main(argv: list[str] | None = None) -> int:
    root = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent / "templates"
    for name in NAMES:
        out = root / name / f"{name}.docx"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(build_named(name))
        print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
