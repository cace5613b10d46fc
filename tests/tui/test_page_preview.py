"""Issue 11: the pages as they will print, beside any step (F4) and in the review step, refreshed
once typing stops."""
import asyncio

from drafter.loader import load_draft
from drafter.preview import plain_text
from drafter_tui.app import DrafterApp
from drafter_tui.widgets.fields import VTextArea
from drafter_tui.widgets.page_preview import PagePreview


async def settle(pilot, n=3):
    for _ in range(n):
        await pilot.pause()


async def laid_out(pilot, app):
    """After the debounce, once the worker has laid the pages out and they are drawn."""
    await pilot.pause(PagePreview.DEBOUNCE + 0.2)
    await app.workers.wait_for_complete()
    await settle(pilot)


async def pages_beside(pilot, app) -> PagePreview:
    """F4 pressed on the first step; the pane once its pages are drawn."""
    await settle(pilot)
    await pilot.press("f4")
    await laid_out(pilot, app)
    return app.screen.query_one("#side-preview", PagePreview)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_f4_shows_the_pages_and_typing_a_subject_shows_it_after_the_pause(draft_file, monkeypatch):
    layouts = []
    original = PagePreview.refresh_now

    def counted(self):
        layouts.append(1)
        original(self)

    monkeypatch.setattr(PagePreview, "refresh_now", counted)

    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=(100, 30)) as pilot:
            pane = await pages_beside(pilot, app)
            assert pane.display and pane.pages is not None
            assert "— Kế hoạch · Trang 1 —" in pane.text()
            assert "trang A4" in pane.border_subtitle
            subject = app.screen.query_one("#f-subject", VTextArea)
            subject.focus()
            subject.select_all()
            await pilot.press("backspace", *[("space" if c == " " else c) for c in "Thử xem trước xã Tân Hội"])
            await laid_out(pilot, app)
            assert "Thử xem trước xã Tân Hội" in flat(pane.text())
            # changes in a burst are laid out once, after the pause (timing-free: no await between them)
            before = len(layouts)
            for _ in range(20):
                pane.schedule()
            await laid_out(pilot, app)
            assert len(layouts) - before == 1
            await pilot.press("f4")  # hidden again
            await settle(pilot)
            assert not pane.display

    asyncio.run(go())


def test_the_review_step_shows_the_pages_with_the_docx_numbering(draft_file):
    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await app.screen.show_step("review", focus=True)
            await laid_out(pilot, app)
            pane = app.screen.query_one("#v-preview", PagePreview)
            shown = flat(pane.text())
            at = 0
            for paragraph in plain_text(load_draft(draft_file).draft):  # the DOCX's words, in order
                found = shown.find(flat(paragraph), at)
                assert found >= 0, paragraph
                at = found

    asyncio.run(go())


def test_a_draft_with_errors_keeps_its_last_good_pages(draft_file):
    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=(100, 30)) as pilot:
            pane = await pages_beside(pilot, app)
            good = pane.text()
            app.session.edits.set(("kind",), "khong-co")  # not a kind: the draft no longer validates
            pane.schedule()
            await laid_out(pilot, app)
            assert pane.stale and pane.text() == good
            assert pane.border_subtitle.startswith("bản hợp lệ gần nhất")

    asyncio.run(go())


def test_the_palette_offers_the_pages(draft_file):
    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            command = next(c for c in app.get_system_commands(app.screen) if c.title == "Xem trước bản in")
            command.callback()
            await laid_out(pilot, app)
            pane = app.screen.query_one("#side-preview", PagePreview)
            assert pane.display and "Trang 1" in pane.text()
            assert not app.screen.query_one("#sidebar").display  # at 80 columns the pages take its place

    asyncio.run(go())


def test_the_pages_scroll_to_the_field_being_edited(draft_file):
    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=(100, 30)) as pilot:
            pane = await pages_beside(pilot, app)
            assert pane.scroll_offset.y == 0
            await app.screen.show_step("recipients")
            await settle(pilot)
            app.screen.query_one("#r-name").focus()
            await settle(pilot)
            top = round(pane.scroll_offset.y)
            shown = [("".join(t for t, _ in line)) for line in pane._lines[top:top + pane.size.height]]
            assert top > 0 and any("Phùng Đức Minh" in line for line in shown)

    asyncio.run(go())


def test_a_change_during_a_layout_is_laid_out_after_it_never_beside_it(draft_file):
    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=(100, 30)) as pilot:
            pane = await pages_beside(pilot, app)
            pane._busy = True  # as while a worker lays out a long draft
            generation = pane._generation
            pane.refresh_now()
            assert pane._again and pane._generation == generation  # no second worker
            app.session.edits.set(("subject",), "Bản sau khi dàn trang xong")
            pane._show(pane.pages, generation)  # the running layout ends: the change is laid out now
            await laid_out(pilot, app)
            assert not pane._again and "Bản sau khi dàn trang xong" in flat(pane.text())

    asyncio.run(go())
