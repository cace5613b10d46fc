"""drafter.wml: typed lengths, and properties written in the schema's order by construction."""
from __future__ import annotations

from lxml import etree

from drafter import wml
from drafter.wml import Border, Cm, Indent, Mm, Pt, Spacing, Twips

# ECMA-376 Part 1, CT_PPr and CT_RPr: the order Word requires (the elements drafter may write).
CT_PPR = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
          "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
          "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
          "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
          "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"]
CT_RPR = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
          "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
          "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
          "em", "lang", "eastAsianLayout", "specVanish", "oMath"]


def _children(xml: str) -> list[str]:
    root = etree.fromstring(f'<root xmlns:w="{wml.W_NS}" xmlns:r="{wml.R_NS}">{xml}</root>')
    return [etree.QName(el).localname for el in root[0]]


def _in_order(names: list[str], sequence: list[str]) -> bool:
    positions = [sequence.index(n) for n in names]
    return positions == sorted(positions)


def test_lengths_convert_as_word_stores_them():
    assert (Mm(210), Mm(297), Mm(20), Mm(30), Mm(15), Mm(10)) == (11906, 16838, 1134, 1701, 850, 567)
    assert (Cm(1), Cm(1.27), Cm(0.15)) == (567, 720, 85)
    assert (Pt(6), Pt(78)) == (120, 1560)
    assert Pt(14).half_points == 28 and Pt(13).half_points == 26 and Pt(0.75).eighth_points == 6
    assert Twips(1134).mm == 1134 * 25.4 / 1440 and Pt(12).pt == 12


def test_paragraph_and_run_properties_follow_the_schema_sequence():
    sect = wml.sect_pr(wml.page_size(Mm(210), Mm(297), False),
                       wml.PageMargins(Mm(20), Mm(15), Mm(20), Mm(30), Mm(10), Mm(10)),
                       {"default": "rId1"}, restart_numbers=True, title_page=True)
    ppr = wml.ppr("Signer Title", keep_next=True, border_top=Border(width=Pt(0.75)), contextual_spacing=True,
                  spacing=Spacing(before=Pt(12)), ind=Indent(first_line=Cm(1.27)), align="center", sect=sect)
    names = _children(ppr)
    assert set(names) == {"pStyle", "keepNext", "pBdr", "spacing", "ind", "contextualSpacing", "jc", "sectPr"}
    assert _in_order(names, CT_PPR), names
    rpr = _children(wml.rpr(Pt(14), bold=True, italic=True))
    assert _in_order(rpr, CT_RPR), rpr
    ct_sectpr = ["headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
                 "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote",
                 "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange"]
    assert _in_order(_children(sect), ct_sectpr)
    cell = wml.cell(Twips(1000), "", span=2, v_center=True)
    assert _children(cell.removeprefix("<w:tc>").removesuffix("</w:tc>")) == ["tcW", "gridSpan", "vAlign"]
