"""What offices put in Word files, read as a reader sees it: one small crafted document per case."""
from __future__ import annotations

import io

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from drafter.reader import Paragraph, Table, read_bytes

NS = (nsdecls("w", "r", "wp", "a") + ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
      ' xmlns:v="urn:schemas-microsoft-com:vml"'
      ' xmlns:o="urn:schemas-microsoft-com:office:office"')


def make(body: str, *, numbering: str = "", styles: str = "", setup=None) -> bytes:
    """A DOCX whose body is ``body`` (WordprocessingML), with extra numbering definitions and styles."""
    d = docx.Document()
    if setup:
        setup(d)
    el = d.element.body
    sect = el.find(qn("w:sectPr"))
    for child in list(el):
        if child is not sect:
            el.remove(child)
    wrapper = parse_xml(f'<w:body {NS} xmlns:wps="http://schemas.microsoft.com/office/word/2010/'
                        f'wordprocessingShape">{body}</w:body>')  # noqa: E501
    for child in list(wrapper):
        sect.addprevious(child)
    if numbering:
        num = d.part.numbering_part.element
        first = num.find(qn("w:num"))
        for child in parse_xml(f"<w:numbering {NS}>{numbering}</w:numbering>"):
            if child.tag == qn("w:abstractNum") and first is not None:
                first.addprevious(child)
            else:
                num.append(child)
    if styles:
        st = d.styles.element
        for child in parse_xml(f"<w:styles {NS}>{styles}</w:styles>"):
            st.append(child)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def paras(data: bytes) -> list[Paragraph]:
    return list(read_bytes(data, "thu.docx").paragraphs())


def texts(data: bytes) -> list[str]:
    return [p.text for p in paras(data)]


def run(text: str, rpr: str = "") -> str:
    return f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def test_fields_show_their_result_and_record_their_code():
    body = ("<w:p>" + run("Trang ") + '<w:fldSimple w:instr=" PAGE ">' + run("3") + "</w:fldSimple>" +
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> NUMPAGES </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run("/12") +
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    (p,) = paras(make(body))
    assert p.text == "Trang 3/12"
    assert p.fields == ("PAGE", "NUMPAGES")


def test_tracked_changes_read_as_accepted():
    body = ("<w:p>" + run("Căn cứ ") + '<w:ins w:id="1" w:author="a">' + run("Nghị quyết") + "</w:ins>"
            '<w:del w:id="2" w:author="a"><w:r><w:delText>Quyết định</w:delText></w:r></w:del>' + run(" số 76") +
            "</w:p>")
    assert texts(make(body)) == ["Căn cứ Nghị quyết số 76"]


def test_a_deleted_paragraph_mark_joins_the_next_paragraph():
    body = ('<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="a"/></w:rPr></w:pPr>' + run("Kế hoạch ") + "</w:p>"
            "<w:p>" + run("năm 2026") + "</w:p>")
    assert texts(make(body)) == ["Kế hoạch năm 2026"]


def test_content_controls_hyperlinks_smart_tags_breaks_and_tabs():
    body = ('<w:sdt><w:sdtContent><w:p><w:sdt><w:sdtContent>' + run("Số:") + '</w:sdtContent></w:sdt>'
            '<w:r><w:tab/></w:r><w:hyperlink r:id="rIdX">' + run("09/QĐ-UBND") + '</w:hyperlink>'
            '<w:smartTag w:uri="u" w:element="place">' + run(" Lộc Hòa") + "</w:smartTag>"
            '<w:r><w:br/></w:r>' + run("dòng hai") + "</w:p></w:sdtContent></w:sdt>")
    (p,) = paras(make(body))
    assert p.text == "Số:\t09/QĐ-UBND Lộc Hòa\ndòng hai"
    assert p.normalized == "Số: 09/QĐ-UBND Lộc Hòa dòng hai"


def test_text_boxes_drawingml_and_vml_keep_their_text_once():
    wps = ('<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
           '<wp:anchor simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1" '
           'distT="0" distB="0" distL="0" distR="0"><wp:simplePos x="0" y="0"/>'
           '<wp:positionH relativeFrom="page"><wp:posOffset>914400</wp:posOffset></wp:positionH>'
           '<wp:positionV relativeFrom="page"><wp:posOffset>457200</wp:posOffset></wp:positionV>'
           '<wp:extent cx="2540000" cy="635000"/><wp:wrapNone/><wp:docPr id="1" name="TB"/>'
           '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
           '<wps:wsp><wps:spPr><a:prstGeom prst="rect"/></wps:spPr><wps:txbx><w:txbxContent>'
           '<w:p>' + run("ỦY BAN NHÂN DÂN", "<w:b/>") + '</w:p><w:p>' + run("XÃ AN LẠC", "<w:b/>") + '</w:p>'
           '</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
           '</mc:Choice><mc:Fallback><w:pict><v:shape style="position:absolute;width:200pt;height:50pt">'
           '<v:textbox><w:txbxContent><w:p>' + run("ỦY BAN NHÂN DÂN") + '</w:p></w:txbxContent></v:textbox>'
           '</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>')
    vml = ('<w:p><w:r><w:pict><v:shape style="position:absolute;margin-left:250pt;margin-top:0;width:220pt;'
           'height:40pt"><v:textbox><w:txbxContent><w:p>' + run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") +
           '</w:p></w:txbxContent></v:textbox></v:shape>'
           '<v:line from="300pt,30pt" to="440pt,30pt" strokeweight="1pt"/></w:pict></w:r></w:p>')
    doc = read_bytes(make(wps + vml), "hop.docx")
    assert [tb.text for tb in doc.text_boxes] == ["ỦY BAN NHÂN DÂN\nXÃ AN LẠC", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    first = doc.text_boxes[0]
    assert (first.frame.kind, first.frame.relative_h, first.frame.x, first.frame.width) == ("textbox", "page", 72.0,
                                                                                          200.0)
    assert all(p.bold for p in first.blocks)
    assert first.blocks[0].origin.text_box == 0
    assert [p.text for p in doc.paragraphs(text_boxes=True) if p.text] == [
        "ỦY BAN NHÂN DÂN", "XÃ AN LẠC", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    (line,) = doc.shapes
    assert (line.kind, line.source, line.width, line.stroke_width) == ("line", "vml", 140.0, 1.0)
    assert line.origin.paragraph == doc.blocks[1].origin.paragraph


NUMBERING = """
<w:abstractNum w:abstractNumId="50">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/>
    <w:rPr><w:b/></w:rPr></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%3."/>
    <w:suff w:val="space"/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%4)"/>
    <w:lvlRestart w:val="1"/><w:suff w:val="space"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="51">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/>
    <w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr></w:lvl>
</w:abstractNum>
<w:num w:numId="50"><w:abstractNumId w:val="50"/></w:num>
<w:num w:numId="51"><w:abstractNumId w:val="51"/></w:num>
<w:num w:numId="52"><w:abstractNumId w:val="50"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num>
<w:num w:numId="53"><w:abstractNumId w:val="50"/><w:lvlOverride w:ilvl="3"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
"""
STYLES = """
<w:style w:type="paragraph" w:styleId="Muc"><w:name w:val="Mục"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:numPr><w:numId w:val="50"/><w:ilvl w:val="1"/></w:numPr></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Dam"><w:name w:val="Đậm"/><w:rPr><w:b/><w:i/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Goc"><w:name w:val="Gốc"/><w:pPr><w:jc w:val="both"/>
  <w:spacing w:before="120" w:after="240" w:line="360" w:lineRule="auto"/><w:ind w:firstLine="720"/></w:pPr>
  <w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsi="Arial"/><w:sz w:val="26"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Con"><w:name w:val="Con"/><w:basedOn w:val="Goc"/>
  <w:pPr><w:spacing w:after="0"/><w:ind w:hanging="360"/></w:pPr><w:rPr><w:sz w:val="28"/></w:rPr></w:style>
"""


def numbered(num: int, lvl: int, text: str) -> str:
    return (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>'
            + run(text) + "</w:p>")


def test_automatic_numbering_levels_restarts_overrides_and_style():
    body = "".join([
        numbered(50, 0, "MỤC ĐÍCH"),
        '<w:p><w:pPr><w:pStyle w:val="Muc"/></w:pPr>' + run("Mục đích") + "</w:p>",  # from the style: level 1
        numbered(50, 2, "Chi tiết"),
        numbered(50, 3, "một"), numbered(50, 3, "hai"), numbered(50, 3, "ba"), numbered(50, 3, "bốn"),
        numbered(50, 3, "năm"), numbered(50, 3, "sáu"),
        numbered(50, 1, "Yêu cầu"),
        numbered(50, 3, "không khởi lại ở cấp 2"),  # lvlRestart 1: letters restart only after level 0
        numbered(52, 0, "TỔ CHỨC THỰC HIỆN"),  # a startOverride: IV
        numbered(50, 1, "Phân công"),
        numbered(53, 3, "khởi lại"),
        numbered(51, 0, "gạch đầu dòng"),
        '<w:p><w:pPr><w:pStyle w:val="Muc"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>' + run("bỏ số") + "</w:p>",
    ])
    ps = paras(make(body, numbering=NUMBERING, styles=STYLES))
    labels = [p.label.text if p.label else None for p in ps]
    assert labels == ["I.", "1.", "1.1.", "a)", "b)", "c)", "d)", "e)", "f)", "2.", "g)", "IV.", "1.", "a)", "•",
                      None]
    assert ps[0].text == "I.\tMỤC ĐÍCH" and ps[2].text == "1.1. Chi tiết"
    assert ps[8].label.numbering.format == "lowerLetter" and ps[8].label.value == 6
    assert ps[1].label.numbering.from_style and ps[1].bold
    assert ps[11].label.value == 4 and ps[11].label.kind == "roman"
    assert ps[0].label.format.bold and not ps[0].bold  # the level's rPr makes the number bold, not the text
    assert ps[14].label.kind == "bullet" and ps[14].label.numbering.format == "bullet"
    assert ps[15].body == "bỏ số" and ps[15].label is None


def test_effective_formatting_through_style_chains_toggles_and_theme():
    body = ('<w:p><w:pPr><w:pStyle w:val="Con"/></w:pPr>' + run("thường") + run("đậm nghiêng", '<w:rStyle w:val="Dam"/>')
            + "</w:p>"
            '<w:p><w:pPr><w:pStyle w:val="Muc"/><w:jc w:val="center"/></w:pPr>'
            + run("hết đậm", '<w:rStyle w:val="Dam"/>') + run("đậm") + "</w:p>")
    ps = paras(make(body, numbering=NUMBERING, styles=STYLES))
    first = ps[0]
    assert [s.format.size for s in first.spans] == [14, 14]
    assert first.spans[1].format.bold and first.spans[1].format.italic
    # asciiTheme minorHAnsi → the theme's minor Latin font (Cambria in python-docx's template); hAnsi direct
    assert first.spans[0].format.fonts.ascii == "Cambria" and first.spans[0].format.fonts.h_ansi == "Arial"
    fmt = first.format
    assert (fmt.alignment, fmt.first_line, fmt.space_before, fmt.space_after) == ("justify", -18.0, 6.0, 0.0)
    assert (fmt.line_spacing.rule, fmt.line_spacing.value) == ("multiple", 1.5)
    second = ps[1]
    # bold in the paragraph style and in the character style cancel out (toggle properties)
    assert [(s.text, s.format.bold, s.format.italic) for s in second.spans] == [("hết đậm", False, True),
                                                                                 ("đậm", True, False)]
    assert second.format.alignment == "center"


def test_tables_spans_merges_header_rows_borders():
    cell = '<w:tc><w:tcPr>{pr}</w:tcPr><w:p>{r}</w:p></w:tc>'
    body = ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr>'
            '<w:tblGrid><w:gridCol w:w="1000"/><w:gridCol w:w="3000"/><w:gridCol w:w="2000"/></w:tblGrid>'
            '<w:tr><w:trPr><w:tblHeader/></w:trPr>' + "".join(cell.format(pr="", r=run(t)) for t in ("STT", "Nhiệm vụ",
                                                                                                       "Chủ trì"))
            + '</w:tr><w:tr>' + cell.format(pr="", r=run("I")) + cell.format(pr='<w:gridSpan w:val="2"/>',
                                                                            r=run("Cải cách thể chế")) +
            '</w:tr><w:tr>' + cell.format(pr='<w:vMerge w:val="restart"/>', r=run("1")) +
            cell.format(pr="", r=run("Rà soát")) + cell.format(pr="", r=run("Văn phòng")) +
            '</w:tr><w:tr>' + cell.format(pr="<w:vMerge/>", r="") + cell.format(pr="", r=run("Công khai")) +
            '<w:sdt><w:sdtContent>' + cell.format(pr="", r=run("Tư pháp")) + '</w:sdtContent></w:sdt></w:tr></w:tbl>')

    def setup(d):
        d.add_table(rows=1, cols=1, style="Table Grid")  # brings the style into styles.xml

    doc = read_bytes(make(body, setup=setup), "bang.docx")
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    assert table.header_rows == 1 and table.columns == 3
    assert table.texts() == [["STT", "Nhiệm vụ", "Chủ trì"], ["I", "Cải cách thể chế"],
                             ["1", "Rà soát", "Văn phòng"], ["Công khai", "Tư pháp"]]
    assert table.rows[1].cells[1].grid_span == 2
    one = table.rows[2].cells[0]
    assert one.row_span == 2 and table.rows[3].cells[0].merged
    assert table.grid()[3][0] is one
    assert table.column_widths == (50.0, 150.0, 100.0)
    assert all(c.border("left") and c.border("top") for r in table.rows for c in r.cells if not c.merged)
    assert table.rows[3].cells[2].origin.row == 3 and table.rows[3].cells[2].origin.cell == 2


def test_sections_inherit_headers_and_know_the_first_page():
    def setup(d):
        s = d.sections[0]
        s.different_first_page_header_footer = True
        p = s.header.paragraphs[0]
        p._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))

    body = ('<w:p><w:pPr><w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" '
            'w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/><w:titlePg/></w:sectPr>'
            '</w:pPr>' + run("Kế hoạch") + '</w:p><w:p>' + run("Phụ lục") + '</w:p>')
    data = make(body, setup=setup)
    doc = read_bytes(data, "muc.docx")
    first, second = doc.sections
    assert (first.first_block, first.end_block, second.first_block, second.end_block) == (0, 1, 1, 2)
    assert round(first.margins.left / 72 * 25.4) == 30
    # the first section names no header (inheritance runs forward only); the second numbers from page 2
    assert not first.headers and not first.page_numbers
    assert second.page_numbers_from_second_page and second.title_page
    assert second.headers["default"].has_page_number and "first" not in second.headers


def test_origins_lead_back_to_python_docx_paragraphs():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    import office_docs as od
    from drafter.reader import paragraph_in

    data = od.build_docx("loc-hoa", **od.AUTO)
    doc = read_bytes(data, "loc-hoa.docx")
    word = docx.Document(io.BytesIO(data))
    seen = 0
    for p in doc.paragraphs():
        found = paragraph_in(word, p.origin)
        assert found is not None
        if p.label is None or not p.label.auto:  # Word's numbers are not in the paragraph's text
            assert found.text == p.text, p.origin
        else:
            assert found.text == p.body
        seen += 1
    assert seen > 200
    header = doc.sections[0].headers["default"].blocks[0]
    assert paragraph_in(word, header.origin).text == "2"


def test_table_style_conditional_formats_for_the_header_row():
    styles = ('<w:style w:type="table" w:styleId="BangKH"><w:name w:val="Bảng KH"/><w:rPr><w:sz w:val="24"/></w:rPr>'
              '<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/>'
              '</w:tblBorders></w:tblPr>'
              '<w:tblStylePr w:type="firstRow"><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/>'
              '</w:rPr></w:tblStylePr><w:tblStylePr w:type="firstCol"><w:rPr><w:i/></w:rPr></w:tblStylePr></w:style>')
    row = "<w:tr>" + "".join(f"<w:tc><w:p>{run(t)}</w:p></w:tc>" for t in ("{0}1", "{0}2")) + "</w:tr>"
    body = ('<w:tbl><w:tblPr><w:tblStyle w:val="BangKH"/><w:tblLook w:val="04A0"/></w:tblPr>'
            '<w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid>' + row.format("A") +
            row.format("B") + "</w:tbl>")
    doc = read_bytes(make(body, styles=styles), "bang.docx")
    (table,) = doc.tables()
    cells = {c.text: c.paragraphs[0] for r in table.rows for c in r.cells}
    assert (cells["A1"].bold, cells["A1"].italic, cells["A1"].size, cells["A1"].format.alignment) == (
        True, True, 13, "center")
    assert (cells["A2"].bold, cells["A2"].italic) == (True, False)
    assert (cells["B1"].bold, cells["B1"].italic, cells["B1"].size) == (False, True, 12)
    assert (cells["B2"].bold, cells["B2"].italic, cells["B2"].size, cells["B2"].format.alignment) == (
        False, False, 12, "left")
    assert table.rows[1].cells[0].border("top")  # insideH from the style


def test_empty_paragraphs_keep_their_marks_size_and_embedded_chunks_are_noted():
    body = ('<w:p><w:pPr><w:rPr><w:sz w:val="16"/></w:rPr></w:pPr></w:p><w:altChunk r:id="rIdChunk"/>'
            '<w:p>' + run("Nơi nhận:", "<w:b/><w:i/><w:sz w:val=\"24\"/>") + "</w:p>")
    doc = read_bytes(make(body), "rong.docx")
    empty, recipients = doc.blocks
    assert empty.empty and empty.size is None and empty.mark.size == 8
    assert recipients.mark.size == 11  # python-docx's Normal style: the mark has no direct formatting
    assert any("altChunk" in note for note in doc.notes)
