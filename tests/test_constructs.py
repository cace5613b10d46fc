"""Constructs of real plans (issue 10, part 1), each rendered and read back with its formatting."""
from __future__ import annotations

import textwrap

import pytest

from drafter.errors import DraftError
from drafter.loader import parse_draft
from drafter.outline import plan_blocks
from drafter.preview import plain_text
from drafter.render import render_draft
from ooxml import Package

HEAD = """\
kind: ke-hoach
commune: {name: Tân Hội, type: xã, province: Lâm Đồng}
date: 2026-03-05
subject: Thực hiện chuyển đổi số năm 2026
"""


def draft(*parts: str):
    return parse_draft(HEAD + "".join(textwrap.dedent(p) for p in parts), "ban-thao.yaml").draft


BODY_STYLES = {"Body", "BodyLast", "PartHeading", "ItemHeading", "SubitemHeading", "PointHeading"}


def body_paras(pkg: Package) -> list:
    return [p for p in pkg.paragraphs() if pkg.pstyle(p) in BODY_STYLES]


def para(pkg: Package, start: str):
    found = [p for p in body_paras(pkg) if pkg.fmt(p).text.startswith(start)]
    assert len(found) == 1, (start, [pkg.fmt(p).text for p in body_paras(pkg)])
    return found[0]


def runs(pkg: Package, p) -> list[tuple[str, bool, bool]]:
    """(text, bold, italic) of each run, neighbours of equal emphasis merged."""
    out: list[tuple[str, bool, bool]] = []
    for r in pkg.fmt(p).runs:
        if out and out[-1][1:] == (r.bold, r.italic):
            out[-1] = (out[-1][0] + r.text, r.bold, r.italic)
        else:
            out.append((r.text, r.bold, r.italic))
    return out


def render(d) -> Package:
    return Package(render_draft(d))


BASES = """\
bases:
  - {kind: Nghị quyết, number: 57-NQ/TW, date: 22/12/2024, issuer: Bộ Chính trị, subject: về đột phá phát triển khoa học}
  - {kind: Nghị quyết, number: 71/NQ-CP, date: 01/4/2025, issuer: Chính phủ, subject: sửa đổi Chương trình hành động}
"""


def test_bases_one_a_paragraph_then_proposer_and_preamble():
    d = draft(BASES, """\
        bases_layout: lines
        bases_end: ";"
        proposer: Phòng Văn hóa - Xã hội
        preamble: "Ủy ban nhân dân xã ban hành Kế hoạch, cụ thể như sau:"
        sections:
          - title: Mục đích
            items: [Nâng cao nhận thức.]
        """)
    pkgp = render(d)
    texts = [pkgp.fmt(p).text for p in body_paras(pkgp)]
    assert texts[:3] == [
        "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học;",
        "Căn cứ Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ sửa đổi Chương trình hành động;",
        "Theo đề nghị của Phòng Văn hóa - Xã hội, Ủy ban nhân dân xã ban hành Kế hoạch, cụ thể như sau:",
    ]
    for p in body_paras(pkgp)[:3]:  # body paragraphs: indented, upright, not bold
        f = pkgp.fmt(p)
        assert f.first_line == 720 and f.not_bold and f.upright and f.align == "both"


def test_bases_lines_without_preamble_end_with_a_full_stop_and_proposer_alone():
    d = draft(BASES, "bases_layout: lines\nproposer: 'Theo đề nghị của Công chức Văn phòng - Thống kê;'\n")
    assert [b.text for b in plan_blocks(d)][1:] == [
        "Căn cứ Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ sửa đổi Chương trình hành động;",
        "Theo đề nghị của Công chức Văn phòng - Thống kê./.",
    ]
    d = draft(BASES, "bases_layout: lines\n")
    assert plan_blocks(d)[-1].text.endswith("Chương trình hành động./.")


def test_proposer_in_the_one_sentence_layout():
    d = draft(BASES, "bases_end: ';'\nproposer: Phòng Kinh tế\npreamble: \"UBND xã ban hành Kế hoạch như sau:\"\n"
              "sections: [{title: Mục đích, items: [Một.]}]\n")
    first = plan_blocks(d)[0].text
    assert first.endswith("sửa đổi Chương trình hành động; Theo đề nghị của Phòng Kinh tế, "
                          "UBND xã ban hành Kế hoạch như sau:")


def test_inline_emphasis_is_rendered_as_runs_and_cannot_inject_xml():
    d = draft("""\
        sections:
          - title: Mục đích
            items:
              - 'Hộ kinh doanh <i>(HKD)</i> và <b>doanh nghiệp</b> <b><i>nhỏ</i></b> & vừa </w:t><w:br/>.'
              - '<b>a) Tiêu đề in đậm</b>'
        """)
    pkg = render(d)
    p = para(pkg, "Hộ kinh doanh")
    assert runs(pkg, p) == [("Hộ kinh doanh ", False, False), ("(HKD)", False, True), (" và ", False, False),
                            ("doanh nghiệp", True, False), (" ", False, False), ("nhỏ", True, True),
                            (" & vừa </w:t><w:br/>.", False, False)]
    assert pkg.fmt(p).sizes == {14}
    assert not list(p.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}br"))
    last = para(pkg, "a) Tiêu đề")
    assert runs(pkg, last) == [("a) Tiêu đề in đậm./.", True, False)]  # "./." in the last span's emphasis
    assert "Hộ kinh doanh (HKD) và doanh nghiệp nhỏ & vừa" in "\n".join(plain_text(d))


@pytest.mark.parametrize(("text", "says"), [
    ("Chữ <b>đậm", "«<b>» chưa đóng"),
    ("Chữ đậm</b>", "«</b>» không có thẻ mở"),
    ("Chữ <i>nghiêng <i>lồng</i></i>", "«<i>» mở lần nữa"),
])
def test_bad_emphasis_tags_are_located_errors(text, says):
    with pytest.raises(DraftError) as err:
        draft(f"sections:\n  - title: Mục đích\n    items:\n      - '{text}'\n")
    (problem,) = err.value.problems
    assert says in problem.message and problem.line == 8 and str(problem.field) == "sections[0].items[0]"


@pytest.mark.parametrize("text", ["Chữ <B>đậm</B>", "Chữ <strong>đậm</strong>", "a < b > c"])
def test_look_alike_tags_are_text_printed_as_typed(text):
    d = draft(f"sections:\n  - title: Mục đích\n    items:\n      - '{text}'\n")
    pkg = render(d)
    assert runs(pkg, para(pkg, text[:3])) == [(text + "./.", False, False)]


def test_unbalanced_tags_in_text_built_in_code_print_as_typed():
    from drafter.outline import rich

    block = rich("p", "Chữ <b>đậm")
    assert block.text == "Chữ <b>đậm" and block.spans is None


def test_emphasis_where_the_document_cannot_show_it_is_an_error():
    with pytest.raises(DraftError) as err:
        draft("recipients: ['<b>Sở Nội vụ</b>']\n")
    (problem,) = err.value.problems
    assert "không in được chữ đậm" in problem.message and str(problem.field) == "recipients[0].text"


def test_emphasis_is_dropped_in_the_appendix_table_and_kept_in_the_body():
    d = draft("""\
        units: [{id: vhxh, name: Phòng Văn hóa - Xã hội}]
        sections:
          - title: Nhiệm vụ
            items:
              - title: Tuyên truyền
                tasks: [{text: 'Tuyên truyền về <i>chuyển đổi số</i>.', lead: vhxh}]
        appendices: [{title: Danh mục nhiệm vụ}]
        """)
    pkg = render(d)
    assert runs(pkg, para(pkg, "Tuyên truyền về")) == [
        ("Tuyên truyền về ", False, False), ("chuyển đổi số", False, True), ("./.", False, False)]
    cells = [pkg.fmt(p).text for p in pkg.paragraphs() if pkg.pstyle(p) == "TableCell"]
    assert "Tuyên truyền về chuyển đổi số." in cells


def test_a_note_after_the_closing_sentence_leaves_the_stop_mark_on_the_closing():
    d = draft("""\
        sections: [{title: Mục đích, items: [Một.]}]
        closing: Trong quá trình thực hiện, nếu có vướng mắc, báo cáo UBND xã.
        closing_note: <i>(Kế hoạch này thay thế Kế hoạch số 06/KH-UBND ngày 10/01/2025 của UBND xã)</i>
        """)
    pkg = render(d)
    paras = body_paras(pkg)
    assert pkg.fmt(paras[-2]).text == "Trong quá trình thực hiện, nếu có vướng mắc, báo cáo UBND xã./."
    note = paras[-1]
    assert pkg.pstyle(note) == "BodyLast"  # kept with the signature block
    assert runs(pkg, note) == [("(Kế hoạch này thay thế Kế hoạch số 06/KH-UBND ngày 10/01/2025 của UBND xã)",
                                False, True)]


def test_signer_on_behalf_of_the_committee_for_the_chairman():
    d = draft("signer: {on_behalf: Ủy ban nhân dân, authority: KT., authority_of: Chủ tịch, "
              "title: Phó Chủ tịch, name: Mai Sơn}\n")
    pkg = render(d)
    titles = [pkg.fmt(p) for p in pkg.paragraphs() if pkg.pstyle(p) == "SignerTitle"]
    assert [f.text for f in titles] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert all(f.bold and f.sizes == {14} for f in titles)


@pytest.mark.parametrize("signer, lines", [
    ("{authority: KT., name: Mai Sơn}", ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    ("{name: Mai Sơn}", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    ("{authority: KT., title: Phó Chủ tịch thường trực, name: Mai Sơn}", ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH THƯỜNG TRỰC"]),
])
def test_a_signer_written_with_only_the_authority_gets_that_authority_s_words(signer, lines):
    """«KT.» alone is the vice-chair signing for the chairman, never "KT. ỦY BAN NHÂN DÂN / CHỦ TỊCH"."""
    pkg = render(draft(f"signer: {signer}\n"))
    assert [pkg.fmt(p).text for p in pkg.paragraphs() if pkg.pstyle(p) == "SignerTitle"] == lines


def test_numbered_body_paragraphs_and_a_heading_with_its_text():
    d = draft("""\
        sections:
          - title: Quan điểm
            numbered_items: true
            items:
              - Phát triển kinh tế số là định hướng chiến lược.
              - Kinh tế số bước sang giai đoạn phát triển theo chiều sâu.
          - title: Tổ chức thực hiện
            items:
              - title: Sở Giáo dục và Đào tạo
                text: Chủ trì triển khai <i>học liệu số</i>.
              - title: Các xã, phường
                items: [Xây dựng kế hoạch.]
        """)
    pkg = render(d)
    p1 = para(pkg, "1. Phát triển")
    assert pkg.pstyle(p1) == "Body" and runs(pkg, p1) == [
        ("1. Phát triển kinh tế số là định hướng chiến lược.", False, False)]
    assert pkg.fmt(para(pkg, "2. Kinh tế số")).not_bold
    h = para(pkg, "1. Sở Giáo dục")
    assert pkg.pstyle(h) == "Body"
    assert runs(pkg, h) == [("1. Sở Giáo dục và Đào tạo:", True, False), (" Chủ trì triển khai ", False, False),
                            ("học liệu số", False, True), (".", False, False)]
    assert pkg.fmt(para(pkg, "2. Các xã, phường")).bold  # the next sibling is numbered on


def test_lettered_tasks():
    d = draft("""\
        units: [{id: vp, name: Văn phòng HĐND và UBND}]
        sections:
          - title: Nhiệm vụ
            items:
              - title: Cải cách thể chế
                lettered: true
                items: [Rà soát văn bản.]
                tasks:
                  - {text: Xây dựng văn bản., lead: vp}
                  - {text: Theo dõi thi hành pháp luật., lead: vp}
        """)
    texts = [b.text for b in plan_blocks(d)]
    assert texts[2:5] == ["a) Rà soát văn bản.", "b) Xây dựng văn bản.", "c) Theo dõi thi hành pháp luật./."]


def test_tasks_listed_by_unit_take_the_unit_as_lead_and_title():
    d = draft("""\
        units:
          - {id: vhxh, name: Phòng Văn hóa - Xã hội}
          - {id: ca, name: Công an xã}
        sections:
          - title: Nhiệm vụ cụ thể
            items:
              - unit: vhxh
                task_bullet: '-'
                tasks:
                  - text: '- Tuyên truyền về chuyển đổi số.'
                  - {text: Hướng dẫn dịch vụ công trực tuyến., support: ca}
              - unit: ca
                title: Công an xã (đơn vị phối hợp)
                tasks: [{text: Bảo đảm an ninh mạng.}]
          - title: Tổ chức thực hiện
            generate: duties
        appendices: [{title: Danh mục nhiệm vụ}]
        """)
    texts = [b.full for b in plan_blocks(d)]
    assert texts[:5] == ["I. NHIỆM VỤ CỤ THỂ", "1. Phòng Văn hóa - Xã hội", "- Tuyên truyền về chuyển đổi số.",
                         "- Hướng dẫn dịch vụ công trực tuyến.", "2. Công an xã (đơn vị phối hợp)"]
    tasks = [t for n in d.sections[0].items for t in n.tasks]
    assert [t.lead for t in tasks] == [["vhxh"], ["vhxh"], ["ca"]]
    assert "1. Phòng Văn hóa - Xã hội" in texts[6:]  # duties derive from the unit's tasks
    # the unit's derived duty names both of its tasks, by their rows in the appendix
    assert "Chủ trì thực hiện các nhiệm vụ I.1, I.2 tại Phụ lục kèm theo Kế hoạch này." in texts


def test_a_unit_heading_naming_an_unknown_unit_is_an_error():
    with pytest.raises(DraftError) as err:
        draft("sections: [{title: Nhiệm vụ, items: [{unit: vhxh, tasks: [{text: Việc.}]}]}]\n")
    (problem,) = err.value.problems
    assert "không có đơn vị mã «vhxh»" in problem.message and str(problem.field) == "sections[0].items[0].unit"


def test_outputs_are_deterministic():
    d = draft("sections: [{title: Mục đích, items: ['<b>Một</b> và <i>hai</i>.']}]\n")
    assert render_draft(d) == render_draft(d)


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from drafter import inline  # noqa: E402

PIECES = st.lists(st.sampled_from(["<b>", "</b>", "<i>", "</i>", "<", ">", "&", "</w:t>", "]]>", "chữ ", "Đ", " "]),
                  max_size=12).map("".join)


@settings(max_examples=200, deadline=None)
@given(PIECES)
def test_any_text_either_parses_to_spans_that_keep_every_character_or_is_refused(text):
    try:
        parts = inline.spans(text)
    except ValueError as exc:
        assert "thẻ" in str(exc)
        return
    assert "".join(p.text for p in parts) == inline.plain(text)
    xml = inline.runs_xml(parts)
    # closes the template's run, one run a span, reopens one for the template's closing tags: the
    # user's own "</w:t>" is escaped, never a tag
    assert xml.count("<w:t ") == xml.count("</w:t>") == 1 + sum(1 for p in parts if p.text)


@settings(max_examples=25, deadline=None)
@given(PIECES)
def test_any_accepted_paragraph_renders_to_well_formed_xml_with_its_text(text):
    body = f"sections: [{{title: Mục, items: [{text!r}]}}]\n".replace("\\'", "''")
    try:
        d = draft(body)
    except DraftError:
        return
    pkg = Package(render_draft(d))  # the renderer parses its output strictly
    shown = "".join(pkg.fmt(p).text for p in body_paras(pkg))
    assert " ".join(inline.plain(text).split()) in " ".join(shown.split()) or not inline.plain(text).strip()


def test_nested_recipients_with_the_archive_under_the_last():
    d = draft("""\
        recipients:
          - {text: VPCP, report: true}
          - text: VP UBND tỉnh
            items: [LĐVP, KGVXLinh]
        archive: VT
        archive_nested: true
        """)
    pkg = render(d)
    lines = [pkg.fmt(p).text for p in pkg.paragraphs() if pkg.pstyle(p) == "Recipient"]
    assert lines == ["- VPCP (b/c);", "- VP UBND tỉnh:", "+ LĐVP;", "+ KGVXLinh;", "+ Lưu: VT."]
    d = draft("recipients: [{text: 'VP UBND tỉnh:', items: [LĐVP]}]\n")
    pkg = render(d)
    assert [pkg.fmt(p).text for p in pkg.paragraphs() if pkg.pstyle(p) == "Recipient"] == [
        "- VP UBND tỉnh:", "+ LĐVP;", "- Lưu: VT."]


def test_a_province_decision_names_the_provinces_bodies_in_article_3():
    from drafter.context import build_context

    d = parse_draft("kind: quyet-dinh\ncommune: {name: Đồng Tháp, type: tỉnh}\ndate: 2025-12-01\n"
                    "subject: Chuyển đổi số cho các doanh nghiệp\n", "qd.yaml").draft
    article3 = build_context(d)["decision"]["articles"][2]["text"]
    assert article3.startswith("Chánh Văn phòng Ủy ban nhân dân tỉnh Đồng Tháp, Giám đốc các sở")
    assert "phòng chuyên môn" not in article3 and article3.endswith("thi hành Quyết định này./.")


def test_the_appendix_attached_line_as_the_draft_writes_it():
    d = draft("appendices: [{title: Chỉ tiêu, source: rows, columns: [{key: stt, header: TT}], rows: [{cells: [1]}], "
              "attached: 'Ban hành kèm theo Kế hoạch số 144/KH-UBND ngày 24 tháng 11 năm 2025 của UBND tỉnh'}]\n")
    pkg = render(d)
    (line,) = [pkg.fmt(p) for p in pkg.paragraphs() if pkg.pstyle(p) == "AppendixAttached"]
    assert line.text == "(Ban hành kèm theo Kế hoạch số 144/KH-UBND ngày 24 tháng 11 năm 2025 của UBND tỉnh)"
    assert line.italic and line.sizes == {13}
