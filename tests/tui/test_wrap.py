"""Issue 11: wrapped text never starts a line with «- » (or «+ ») that looks like a new bullet.

The TUI shows paragraphs wrapped in three ways: text areas (the fields that edit them),
every other widget (Textual's ``Content``), and the assignment table's task column (``wrap``).
"""
import asyncio

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.content import Content
from textual.document._document import Document
from textual.document._wrapped_document import WrappedDocument

from drafter_tui.app import DrafterApp
from drafter_tui.widgets.wrap import glued, install, wrap

PARAGRAPH = ("- Phòng Văn hóa - Xã hội chủ trì, phối hợp Văn phòng HĐND - UBND xã tổ chức tuyên truyền "
             "+ kiểm tra việc thực hiện - báo cáo kết quả về UBND xã trước ngày 15 hằng tháng")


def bullet_lines(lines: list[str]) -> list[str]:
    """Lines after the first that start like a bullet."""
    return [line for line in lines[1:] if line.lstrip().startswith(("- ", "+ ", "– "))]


def text_area_lines(text: str, width: int) -> list[str]:
    wrapped = WrappedDocument(Document(text), width=width)
    return wrapped.get_sections(0)


def content_lines(text: str, width: int) -> list[str]:
    return [line.plain for line in Content(text).wrap(width)]


def test_textual_alone_would_show_a_false_bullet():
    """The case is real: unpatched, some width puts «- Xã hội» at the start of a line."""
    from textual._wrap import compute_wrap_offsets

    def plain(width):
        bounds = [0, *compute_wrap_offsets(PARAGRAPH, width, 4), len(PARAGRAPH)]
        return [PARAGRAPH[a:b] for a, b in zip(bounds, bounds[1:])]

    assert any(bullet_lines(plain(w)) for w in range(20, 70))


def test_no_wrapped_line_starts_with_a_bullet_in_text_areas_and_labels():
    install()
    for width in range(12, 90):
        for lines in (text_area_lines(PARAGRAPH, width), content_lines(PARAGRAPH, width), wrap(PARAGRAPH, width)):
            assert not bullet_lines(lines), (width, lines)
            assert "".join(lines).replace(" ", "") == PARAGRAPH.replace(" ", "")  # nothing lost, nothing added
            assert lines[0].startswith("- Phòng")  # a real bullet stays one


def test_glue_keeps_length_and_cells():
    text = "Văn hóa - Xã hội + y tế – giáo dục -"
    assert len(glued(text)) == len(text) and glued(text).count(" ") == text.count(" ") - 4


words = st.lists(st.one_of(st.sampled_from(["-", "+", "–", "Xã", "hội", "Văn", "hóa"]),
                           st.text(alphabet="abcđêơưáàảãạ", min_size=1, max_size=8)), min_size=1, max_size=40)


# a dash never follows a dash: «a - - -» glued is one word longer than a short line, cut anywhere
words = words.filter(lambda parts: all(not (a in "-+–" and b in "-+–") for a, b in zip(parts, parts[1:])))


@settings(max_examples=200, deadline=None)
@given(words, st.integers(min_value=10, max_value=80))
def test_any_text_wraps_without_false_bullets(parts, width):
    text = " ".join(parts)
    lines = wrap(text, width)
    assert not bullet_lines(lines), lines
    assert " ".join(lines).split() == text.split()
    assert all(len(line) <= width for line in lines)


def test_a_paragraph_field_shows_no_false_bullet(draft_file):
    """In the app at 80×24: a paragraph with dashes inside it, in the «Các đoạn» field that edits it."""
    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(3):
                await pilot.pause()
            app.session.set(("sections", 0, "items", 0, "items"), [PARAGRAPH])
            await app.screen.show_step("purposes")
            for _ in range(4):
                await pilot.pause()
            field = next(w for w in app.screen.query("VTextArea")
                         if getattr(w, "field", None) == ("sections", 0, "items", 0, "items"))
            sections = field.wrapped_document.get_sections(0)
            assert len(sections) > 2 and not bullet_lines(sections), sections

    asyncio.run(go())
