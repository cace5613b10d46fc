"""The reader gives back the six shared examples from every form they arrive in.

Forms: DOCX with typed numbers (header table, rules as borders), DOCX with Word's automatic
numbering (header with tabs, rules as drawn lines), PDF made from the typed DOCX by
LibreOffice, and the plain text itself.
"""
from __future__ import annotations

import difflib
import sys
from functools import cache
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import office_docs as od  # noqa: E402
from drafter.reader import Paragraph, ReadDocument, Table, read_bytes, read_document  # noqa: E402

OUTLINE = ("roman", "decimal", "multilevel", "letter")


@cache
def read_variant(name: str, variant: str) -> ReadDocument:
    return read_bytes(od.build_docx(name, **od.VARIANTS[variant]), f"{name}-{variant}.docx")


def reading(doc: ReadDocument) -> tuple[list[str], list[list[list[str]]]]:
    """Paragraphs in reading order (layout tables cell by cell) and the rows of each data table."""
    paras: list[str] = []
    tables: list[list[list[str]]] = []
    for b in doc.blocks:
        if isinstance(b, Table):
            if b.visible_borders:
                tables.append([[od.norm(t) for t in row] for row in b.texts()])
            else:
                paras += [od.norm(p.text) for p in b.paragraphs() if od.norm(p.text)]
        elif od.norm(b.text):
            paras.append(od.norm(b.text))
    return paras, tables


def similarity(ours: list[str], theirs: list[str]) -> float:
    return difflib.SequenceMatcher(None, ours, theirs, autojunk=False).ratio()


def body_labels(doc: ReadDocument) -> list[str]:
    return [b.label.text for b in doc.blocks
            if isinstance(b, Paragraph) and b.label is not None and b.label.kind in OUTLINE + ("dash", "plus")]


@pytest.mark.parametrize("variant", ["typed", "auto"])
@pytest.mark.parametrize("name", od.NAMES)
def test_docx_reads_back_every_paragraph_and_table(name, variant):
    doc = read_variant(name, variant)
    want = od.expected(name, **od.VARIANTS[variant])
    paras, tables = reading(doc)
    if paras != want.paragraphs:
        diff = "\n".join(difflib.unified_diff(want.paragraphs, paras, "fixture", "read", lineterm="", n=1))
        pytest.fail(f"paragraphs differ:\n{diff[:3000]}")
    assert tables == want.tables
    assert body_labels(doc) == want.labels
    words = [w for p in paras for w in p.split()] + [w for t in tables for r in t for c in r for w in c.split()]
    assert similarity(words, od.example_words(name)) >= 0.98


def test_auto_numbering_shows_what_word_shows():
    an_lac = read_variant("an-lac", "auto")
    romans = [b.label for b in an_lac.blocks if isinstance(b, Paragraph) and b.label and b.label.kind == "roman"]
    # the example jumps from II to IV: kept with a startOverride, as Word shows it
    assert [r.text for r in romans] == ["I.", "II.", "IV."]
    assert all(r.auto and r.numbering.format == "upperRoman" for r in romans)
    assert romans[2].value == 4

    dong_thap = read_variant("dong-thap", "auto")
    letters = [b.label for b in dong_thap.blocks if isinstance(b, Paragraph) and b.label and b.label.kind == "letter"]
    # the example typed a b c d đ; Word's lowerLetter shows a b c d e, and says it is lowerLetter
    assert [x.text for x in letters[7:12]] == ["a)", "b)", "c)", "d)", "e)"]
    assert {x.numbering.format for x in letters} == {"lowerLetter"}
    typed = read_variant("dong-thap", "typed")
    typed_letters = [b.label.text for b in typed.blocks
                     if isinstance(b, Paragraph) and b.label and b.label.kind == "letter"]
    assert typed_letters[7:12] == ["a)", "b)", "c)", "d)", "đ)"]

    loc_hoa = read_variant("loc-hoa", "auto")
    texts = [b.text for b in loc_hoa.blocks if isinstance(b, Paragraph)]
    assert any(t.startswith("f) Chủ trì, phối hợp các bộ phận") for t in texts)
    multilevel = [b.label.text for b in read_variant("vo-cuong", "auto").blocks
                  if isinstance(b, Paragraph) and b.label and b.label.kind == "multilevel"]
    assert multilevel == ["2.1.", "2.2.", "2.3.", "2.4.", "2.5.", "2.6."]


def test_real_mistakes_are_kept():
    for variant in ("typed", "auto"):
        loc = read_variant("loc-hoa", variant).text
        assert "23//CT-TTg" in loc
        assert "Độc lập – Tự do – Hạnh phúc" in loc
        assert "Nghị quyết số 71/NQ-CP ngày 01/5/2025" in read_variant("dong-thap", variant).text
    assert "An Lạc, ngày tháng 06 năm 2026" in read_variant("an-lac", "typed").text


def _first(doc: ReadDocument, start: str) -> Paragraph:
    return next(p for p in doc.paragraphs() if p.text.startswith(start) or p.body.startswith(start))


@pytest.mark.parametrize("variant", ["typed", "auto"])
def test_effective_formatting_of_known_paragraphs(variant):
    doc = read_variant("bac-ninh", variant)
    kind = _first(doc, "KẾ HOẠCH")
    assert (kind.size, kind.bold, kind.italic, kind.format.alignment) == (14, True, False, "center")
    basis = _first(doc, "Căn cứ Nghị quyết số 57-NQ/TW")
    assert (basis.size, basis.bold, basis.italic, basis.format.alignment) == (14, False, False, "justify")
    assert basis.format.first_line == pytest.approx(36, abs=0.1)  # 1.27 cm
    assert basis.format.space_after == 6
    assert basis.fonts == {"Times New Roman"}
    section = _first(doc, "QUAN ĐIỂM" if variant == "auto" else "I. QUAN ĐIỂM")
    assert section.bold and section.label.text == "I."
    assert section.label.auto is (variant == "auto")
    recipients = _first(doc, "Nơi nhận:")
    assert (recipients.size, recipients.bold, recipients.italic) == (12, True, True)
    assert recipients.origin.table is not None
    date = next(p for p in doc.paragraphs() if p.text.endswith("ngày 24 tháng 11 năm 2025"))
    last = date.spans[-1]  # with tabs, the number and the date share one paragraph
    assert last.text.endswith("2025") and last.format.italic and last.format.size == 14


def test_sections_page_numbers_and_landscape_appendix():
    doc = read_variant("dong-thap", "typed")
    assert len(doc.sections) == 2
    body, appendix = doc.sections
    assert (round(body.width), round(body.height), body.orientation) == (595, 842, "portrait")
    assert round(od_mm(body.margins.left)) == 30 and round(od_mm(body.margins.right)) == 15
    assert appendix.orientation == "landscape" and appendix.width > appendix.height
    assert body.page_numbers_from_second_page
    assert body.headers["default"].fields == ("PAGE",)
    table = doc.tables()[-1]
    assert doc.section_of(table.origin.block) is appendix


def od_mm(pt: float) -> float:
    from drafter.reader import pt_to_mm
    return pt_to_mm(pt)


def test_rules_as_borders_and_as_shapes():
    typed = read_variant("an-lac", "typed")
    header = typed.tables()[0]
    rules = [p for p in header.paragraphs() if p.format.border("top")]
    assert len(rules) == 2 and all(p.empty for p in rules)
    left, right = header.rows[0].cells
    issuer_rule = next(p for p in left.paragraphs if p.format.border("top"))
    assert issuer_rule.column_width == pytest.approx(left.width - 10.8)  # Word's cell margins
    assert issuer_rule.line_width == pytest.approx(0.4 * 74.5, abs=1)  # the rule: 40 % of "XÃ AN LẠC"
    body = next(p for p in typed.paragraphs(tables=False) if p.text.startswith("Căn cứ"))
    assert body.column_width == pytest.approx(typed.sections[0].text_width)

    auto = read_variant("an-lac", "auto")
    lines = [s for s in auto.shapes if s.kind == "line"]
    assert len(lines) == 2 and all(s.horizontal for s in lines)
    motto_line = max(lines, key=lambda s: s.width)
    motto = next(p for p in auto.paragraphs() if "Độc lập - Tự do - Hạnh phúc" in p.text)
    assert motto_line.origin.paragraph == motto.origin.paragraph
    assert 150 < motto_line.length < 230  # as long as the motto at 14 pt


def test_data_tables_merges_and_header_rows():
    doc = read_variant("loc-hoa", "typed")
    table = doc.tables()[-1]
    assert table.rows[0].header and table.header_rows == 1
    assert table.columns == 7
    group = table.rows[1]
    assert [c.text for c in group.cells] == ["I", "Cải cách thể chế"] and group.cells[1].grid_span == 6
    merged = [c for r in table.rows for c in r.cells if c.merged]
    assert merged, "empty STT cells are merged into the cell above"
    top = next(c for r in table.rows for c in r.cells if c.row_span > 1)
    grid = table.grid()
    assert grid[top.origin.row + 1][top.column] is top
    assert all(c.border("top") for c in table.rows[0].cells)


def test_plain_text_examples_read_with_tables(tmp_path):
    for name in od.NAMES:
        doc = read_document(od.SOURCES / od.FILES[name])
        assert doc.kind == "text"
        paras = [od.norm(p.text) for p in doc.blocks if isinstance(p, Paragraph) and od.norm(p.text)]
        words = [w for p in paras for w in p.split()]
        words += [w for t in doc.tables() for r in t.texts() for c in r for w in c.split()]
        assert similarity(words, od.example_words(name)) >= 0.98, name
        outline = [lb for lb in od.expected(name, **od.TYPED).labels if lb not in ("-", "+")]
        assert [p.label.text for p in doc.blocks
                if isinstance(p, Paragraph) and p.label and p.label.kind in OUTLINE] == outline, name
    dong_nai = read_document(od.SOURCES / od.FILES["dong-nai"])
    assert dong_nai.source_note.startswith("https://")
    (table,) = dong_nai.tables()
    assert table.texts()[0] == ["STT", "Nhiệm vụ, giải pháp", "Đơn vị thực hiện", "Đơn vị phối hợp",
                                "Thời gian thực hiện", "Sản phẩm đầu ra"]
    assert table.rows[1].cells[-1].grid_span == 5  # "A | PHÁT TRIỂN ...": a group row
    loc = read_document(od.SOURCES / od.FILES["loc-hoa"])
    decide = next(p for p in loc.paragraphs() if p.text == "QUYẾT ĐỊNH:")
    assert decide.bold
    labels = [p.label.text for p in loc.blocks if isinstance(p, Paragraph) and p.label and p.label.kind == "letter"]
    assert "f)" in labels


# ----------------------------------------------------------------------------- PDF made by LibreOffice


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory):
    """The typed DOCX of every example → PDF, with one LibreOffice process for all (cached per session)."""
    from drafter.pdf import find_soffice

    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed: the PDF fixtures cannot be made")
    return od.build_pdfs(tmp_path_factory.mktemp("office-pdf"), od.NAMES)


@pytest.mark.parametrize("name", od.NAMES)
def test_pdf_from_libreoffice_reads_back(pdfs, name):
    doc = read_document(pdfs[name])
    assert doc.kind == "pdf"
    want = od.expected(name, **od.TYPED)
    paras, tables = reading(doc)
    words = [w for p in paras for w in p.split()] + [w for t in tables for r in t for c in r for w in c.split()]
    assert similarity(words, od.example_words(name)) >= 0.98
    assert similarity(paras, want.paragraphs) >= 0.95  # paragraph for paragraph (equal on this machine)
    # every section number as a reader sees it, in order
    outline = [lb for lb in want.labels if lb not in ("-", "+")]
    assert [b.label.text for b in doc.blocks
            if isinstance(b, Paragraph) and b.label is not None and b.label.kind in OUTLINE] == outline
    assert [len(t) for t in tables] == [len(t) for t in want.tables] or name == "loc-hoa"
    for ours, theirs in zip(tables, want.tables):
        assert ours[0] == theirs[0]  # the header row
    # the page numbers in the header were dropped from the text, and seen from page 2 on
    assert all(p.text.strip() not in {str(n) for n in range(1, 70)} for p in doc.paragraphs(tables=False))
    assert doc.sections[0].page_numbers_from_second_page
    assert doc.sections[0].headers["default"].has_page_number  # in the top margin, as the DOCX has it


def test_pdf_formatting_and_rules(pdfs):
    doc = read_document(pdfs["dong-thap"])
    kind = next(p for p in doc.paragraphs() if p.text == "KẾ HOẠCH")
    assert kind.bold and kind.size == 14 and kind.format.alignment == "center"
    date = next(p for p in doc.paragraphs() if p.text.startswith("Đồng Tháp, ngày"))
    assert date.italic
    body = next(p for p in doc.paragraphs() if p.text.startswith("a) Thúc đẩy mạnh mẽ"))
    assert body.format.alignment == "justify" and not body.bold
    assert body.origin.page == 1 and body.origin.line
    rules = [s for s in doc.shapes if s.horizontal]
    assert len(rules) >= 2 and all(s.origin.page == 1 for s in rules[:2])
    assert doc.sections[-1].orientation == "landscape"
    (table,) = doc.tables()
    assert table.rows[0].header  # repeated on the next page
    assert [c.text for c in table.rows[1].cells] == ["I. NÂNG CAO NHẬN THỨC VÀ ĐỔI MỚI TƯ DUY"]
    assert table.rows[1].cells[0].grid_span == 5
