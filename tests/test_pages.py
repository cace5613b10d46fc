"""The printed-page preview (drafter.pages): same words and numbers as the DOCX, page breaks close
to LibreOffice's."""
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from behaviour import draft
from test_behaviour_properties import trees
from drafter.context import build_context
from drafter.loader import load_draft
from drafter.pages import Para, paginate, document_boxes, preview
from drafter.pdf import convert_pdfs, find_soffice
from drafter.preview import plain_text
from drafter.render import render_draft

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "presets" / "examples").glob("*.yaml"))
MARK = re.compile(r"^\s*— .*Trang \d+.* —\s*$")


def flat(text: str) -> str:
    """The preview's words in reading order, page marks and line ends gone, spaces collapsed."""
    return " ".join(" ".join(line.split()) for line in text.splitlines() if not MARK.match(line) and line.strip())


def collapse(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_pages_say_what_the_docx_says_in_its_order(path):
    """Every paragraph plain_text gives (headings with their numbers, bases, articles, body) stands in
    the pages, whole and in order, at a narrow and a wide terminal; so does every appendix cell."""
    d = load_draft(path).draft
    pages = preview(d)
    for cols in (40, 76):
        words = flat(pages.text(cols))
        at = 0
        for paragraph in plain_text(d):
            found = words.find(collapse(paragraph), at)
            assert found >= 0, (cols, paragraph[:80])
            at = found
    ctx = build_context(d)
    wide = pages.text(200)
    for a in ctx["appendices"]:
        for row in a["rows"]:
            for cell in row["cells"]:
                first = cell["text"].split()[:1]
                assert not first or first[0] in wide


def test_headings_numbers_and_the_closing_block_are_laid_as_printed():
    d = draft(signer={"title": "Chủ tịch", "name": "Nguyễn Văn A"}, sections=[
        {"title": "Mục đích", "items": [{"title": "Mục đích", "items": ["Một câu."]}]}])
    text = preview(d).text(60)
    lines = text.splitlines()
    assert "— Kế hoạch · Trang 1 —" in lines[0]
    header = next(line for line in lines if "ỦY BAN NHÂN DÂN" in line)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA" in header  # issuer beside the national title, one row
    assert any(line.strip() == "I. MỤC ĐÍCH" for line in lines)
    assert any(line.strip() == "1. Mục đích" for line in lines)
    closing = lines.index(next(line for line in lines if line.startswith("Nơi nhận:")))
    assert lines[closing].endswith("TM. ỦY BAN NHÂN DÂN")  # level with the signer's first title
    assert lines[closing + 1].strip().endswith("CHỦ TỊCH")
    assert any(line.strip() == "Nguyễn Văn A" for line in lines)


def test_a_long_plan_runs_onto_numbered_pages_and_a_heading_never_ends_a_page():
    sections = [{"title": f"Phần {i}", "items": ["Câu dài " * 120] * 3} for i in range(1, 6)]
    pages = preview(draft(sections=sections))
    assert pages.page_count >= 3
    text = pages.text(60)
    assert "— Trang 2 —" in text and "— Trang 3 —" in text
    for page in pages.pages:  # a heading (keep with next) is never the last thing on a page
        box, start, end = page.pieces[-1]
        assert not box.keep_next or page is pages.pages[-1]


def test_a_split_paragraph_leaves_at_least_two_lines_on_each_page():
    pages = preview(draft(sections=[{"title": "A", "items": ["Một câu khá dài để xuống dòng. " * 30] * 12}]))
    for page in pages.pages:
        for box, start, end in page.pieces:
            if box.split and (start, end) != (0, len(box.heights)):
                assert end - start >= 2 or len(box.heights) - start < 2, (start, end, len(box.heights))


def test_the_appendix_is_a_landscape_table_whose_header_repeats():
    tasks = [{"text": f"Nhiệm vụ số {i} " + "rất dài " * 30, "lead": ["vhxh"], "appendix": True} for i in range(40)]
    d = draft(kind="ke-hoach", sections=[{"title": "Nhiệm vụ", "items": [{"title": "Lĩnh vực", "tasks": tasks}]}],
              appendices=[{"title": "Danh mục nhiệm vụ", "source": "tasks"}])
    pages = preview(d)
    appendix = [p for p in pages.pages if p.part.startswith("Phụ lục")]
    assert len(appendix) >= 2 and all(p.orientation.value == "landscape" for p in appendix)
    text = pages.text(80)
    assert "Phụ lục · Trang 1 · khổ ngang" in text
    headers = [line for line in text.splitlines() if line.startswith("│STT")]
    assert len(headers) == len(appendix)  # the header row on every page of the table
    assert "┌" in text and "└" in text


def test_blanks_left_for_the_clerk_stay_blank():
    p = Para.of("Number Line", "Số:      /KH-UBND")
    assert "Số:      /KH-UBND" in "".join(s.text for s in p.term_lines(40)[0])


def test_the_estimate_reads_the_same_context_as_the_docx():
    d = load_draft(EXAMPLES[0]).draft
    assert [p.number for p in paginate(document_boxes(build_context(d)))] == [p.number for p in preview(d).pages]


def pdf_pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


@pytest.mark.skipif(find_soffice() is None or shutil.which("pdfinfo") is None,
                    reason="LibreOffice (soffice) or pdfinfo is not installed")
def test_the_page_estimate_is_within_a_page_of_libreoffice(tmp_path):
    """The six examples rendered and printed by LibreOffice: the estimate is off by one page at most."""
    pairs = []
    for path in EXAMPLES:
        docx = tmp_path / f"{path.stem}.docx"
        docx.write_bytes(render_draft(load_draft(path).draft))
        pairs.append((docx, docx.with_suffix(".pdf")))
    assert convert_pdfs(pairs) == {}
    for path, (_, pdf) in zip(EXAMPLES, pairs):
        estimate, real = preview(load_draft(path).draft).page_count, pdf_pages(pdf)
        assert abs(estimate - real) <= 1, (path.stem, estimate, real)


def test_the_committed_widths_are_the_fonts_own():
    """drafter/fontmetrics_data.py equals what tools/font_widths.py reads from Liberation Serif now."""
    import importlib.util

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("font_widths", root / "tools" / "font_widths.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    folder = tool.font_folder()
    if folder is None:
        pytest.skip("Liberation Serif is not installed")
    assert tool.module_text(folder) == (root / "drafter" / "fontmetrics_data.py").read_text(encoding="utf-8")


# ----------------------------------------------------------------------------- any draft

PIECES = st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĐƠỞỮỹ0123456789-–.,;:()/\t ")
                         + ["<b>", "</b>", "<i>", "</i>", "\\<b>", " - ", "x" * 90])
WORDS = st.lists(PIECES, min_size=1, max_size=120).map(lambda s: " ".join("".join(s).split())).filter(bool)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees(), st.sampled_from(["ke-hoach", "quyet-dinh"]), st.integers(20, 120))
def test_any_tree_lays_out_with_every_numbered_title_once_and_pages_counted_from_one(sections, kind, cols):
    d = draft(sections=sections, kind=kind)
    pages = preview(d)
    numbers = {}
    for p in pages.pages:  # each part counts its own pages 1, 2, 3 …
        numbers.setdefault(p.part, []).append(p.number)
    assert all(n == list(range(1, len(n) + 1)) for n in numbers.values())
    words = flat(pages.text(cols))
    at = 0
    for paragraph in plain_text(d):
        found = words.find(collapse(paragraph), at)
        assert found >= 0, paragraph
        at = found


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, min_size=1, max_size=6), WORDS, st.integers(20, 120))
def test_any_text_fits_the_paper_width_and_no_word_is_lost(paragraphs, subject, cols):
    try:
        d = draft(subject=subject, sections=[{"title": "Mục", "items": paragraphs}])
    except Exception:  # noqa: BLE001 - text the model refuses (an unbalanced tag) is the loader's to report
        return
    lines = preview(d).lines(cols)[0]
    assert all(sum(len(s.text) for s in line) <= cols for line in lines)
    letters = "".join(flat(preview(d).text(cols)).split())  # a word longer than the line is cut
    at = 0
    for paragraph in plain_text(d):
        at = letters.find("".join(paragraph.split()), at)
        assert at >= 0, paragraph


def test_a_report_shows_its_addressees_under_the_subject():
    to = ["Sở Nội vụ", "UBND tỉnh"]
    d = draft(kind="bao-cao", report={"period": "Quý I/2026", "to": to}, sections=[{"title": "Kết quả", "items": ["x"]}])
    lines = [line.rstrip() for line in preview(d).text(60).splitlines()]
    at = next(i for i, line in enumerate(lines) if line.strip() == "Kính gửi:")
    assert [line.strip() for line in lines[at + 1:at + 3]] == ["- Sở Nội vụ;", "- UBND tỉnh."]
    colon = lines[at].index(":")
    assert all(abs(lines[at + k].index("-") - colon) <= 1 for k in (1, 2))  # the dashes under the colon


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_paragraph_of_the_docx_outside_the_tables_is_on_the_pages(path):
    """Header, titles, body, «Nơi nhận», the signer: each DOCX paragraph's words stand in the pages
    (at a width where the closing and header columns do not wrap)."""
    from ooxml import Package, text_of

    d = load_draft(path).draft
    package = Package(render_draft(d))
    shown = "".join(flat(preview(d).text(240)).split())
    for p in package.paragraphs():
        text = text_of(p)
        if text.strip() and not (package.pstyle(p) or "").startswith("Table"):
            assert "".join(text.split()) in shown, (package.pstyle(p), text)


def test_a_two_row_header_and_a_cell_merged_down_are_drawn_as_printed():
    from test_appendix_tables import INDICATORS, draft_of

    lines = preview(draft_of(INDICATORS)).text(90).splitlines()
    top = next(i for i, line in enumerate(lines) if line.startswith("│ STT"))
    assert "Chỉ tiêu theo" in lines[top] and "2026" not in lines[top]
    assert any("2026" in line and "2027" in line for line in lines[top:top + 5])  # under their shared header
    assert any("├───────┬───────┤" in line for line in lines[top:top + 5])  # only under «Chỉ tiêu theo năm»
    first = next(i for i, line in enumerate(lines) if "Văn phòng" in line)
    # «Văn phòng» covers three rows: no line under it until «Công an xã»
    assert lines[first + 1].rstrip().endswith("┤                 │")
    assert lines[first + 5].rstrip().endswith("┼─────────────────┤")
