"""The content rules run once typing pauses, off the UI thread; nothing waits on them but export.

A keystroke validates the text at once (a few ms) and leaves the content rules (up to ~100 ms on
a long plan) pending; the editor runs them in a worker after ``EditorScreen.CHECK_DELAY``.
"""
import asyncio

import pytest

from drafter_tui.app import DrafterApp
from drafter_tui.screens import editor
from drafter_tui.screens.editor import EditorScreen, Sidebar
from drafter_tui.state import Session
from drafter_tui.widgets.fields import VInput, VTextArea
from test_flow import checked, settle, type_into


@pytest.fixture
def counted(monkeypatch):
    """Every run of the content rules the editor starts, with the subject it saw."""
    runs = []
    real = editor.run_checks

    def counting(draft):
        runs.append(draft.subject)
        return real(draft)

    monkeypatch.setattr(editor, "run_checks", counting)
    return runs


def test_a_burst_of_keys_runs_the_content_rules_once_after_the_pause(draft_file, counted, monkeypatch):
    # a pause longer than any keystroke takes, even on a loaded machine
    monkeypatch.setattr(EditorScreen, "CHECK_DELAY", 1.0)

    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=(100, 30)) as pilot:
            await checked(pilot)
            assert len(counted) == 1  # once when the editor opened, after its first paint
            bar = app.screen.query_one(Sidebar)
            assert "!" in str(bar.get_option("general").prompt)  # the subject lacks the commune's name
            subject = "Cải cách hành chính xã An Lạc"
            await type_into(pilot, app.screen.query_one("#f-subject", VTextArea), subject)
            # every key is in the YAML at once, validated; the content rules wait for the pause
            assert app.session.data["subject"] == subject
            assert app.session.checks_pending
            assert len(counted) == 1
            assert "!" in str(bar.get_option("general").prompt)  # not yet: the rules have not run
            await checked(pilot)
            assert counted[1:] == [subject]  # once, on the whole burst
            assert not any(p.rule == "SUBJECT-COMMUNE" for p in app.session.problems)
            assert "✓" in str(bar.get_option("general").prompt)  # the marks follow
    asyncio.run(go())


def test_the_review_list_follows_when_the_rules_finish(draft_file, counted):
    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=(100, 30)) as pilot:
            await checked(pilot)
            await app.screen.show_step("review")
            await settle(pilot)
            listed = app.screen.query_one("#v-problems")
            assert any("trích yếu" in str(o.prompt) for o in listed.options)
            # an edit from elsewhere (the palette, an undo): the list is drawn again after the rules ran
            app.session.set(("subject",), "Cải cách hành chính xã An Lạc")
            app.screen.session_changed()
            await checked(pilot)
            assert not any("trích yếu" in str(o.prompt) for o in listed.options)
    asyncio.run(go())


def test_export_right_after_typing_sees_the_latest_problems(draft_file, counted, monkeypatch):
    monkeypatch.setattr(EditorScreen, "CHECK_DELAY", 60.0)  # only the export can run them

    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=(100, 30)) as pilot:
            await checked(pilot)
            # a place written in lower case: DATE-PLACE-FORM, which only the content rules see
            await type_into(pilot, app.screen.query_one("#f-place", VInput), "thôn đông")
            assert app.session.checks_pending
            assert not any(p.rule == "DATE-PLACE-FORM" for p in app.session.problems)
            await pilot.press("ctrl+e")
            await settle(pilot, 6)
            assert not app.session.checks_pending
            assert any(p.rule == "DATE-PLACE-FORM" for p in app.session.problems)
            listed = app.screen.query_one("#v-problems")
            assert any("thôn đông" in str(o.prompt) for o in listed.options)  # the user reads it there
            assert draft_file.with_suffix(".docx").exists()  # a warning: the export still went ahead
    asyncio.run(go())


def test_autosave_and_save_take_the_text_typed_before_the_pause(draft_file, monkeypatch):
    monkeypatch.setattr(EditorScreen, "CHECK_DELAY", 60.0)

    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=(100, 30)) as pilot:
            await checked(pilot)
            await type_into(pilot, app.screen.query_one("#f-place", VInput), "Thôn Đông")
            assert app.session.checks_pending
            recovery = app.session.write_recovery()
            assert "place: Thôn Đông" in recovery.read_text(encoding="utf-8")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert "place: Thôn Đông" in draft_file.read_text(encoding="utf-8")
    asyncio.run(go())


def test_session_validates_at_once_and_checks_when_asked(draft_file):
    session = Session.open(draft_file)
    assert session.checks_pending and session.warnings == []  # opening runs no content rule
    assert {p.rule for p in session.check()} == {"SUBJECT-COMMUNE", "RECIPIENTS-LEAD-UNIT"}
    assert not session.checks_pending
    session.set(("place",), "thôn đông")
    assert session.checks_pending
    generation, draft = session.pending_checks()
    session.set(("place",), "Thôn Đông")
    assert not session.apply_checks(generation, [])  # a result for older text is dropped
    session.set(("date",), "31/02/2026")  # invalid: validation's problem at once, no rule to run
    assert session.errors and not session.checks_pending
    session.set(("date",), "2026-06")
    assert session.plan_export(draft_file.with_suffix(".docx")).files  # export runs the rules first
    assert not session.checks_pending


def test_a_draft_that_does_not_open_leaves_the_start_screen(tmp_path):
    """«drafter tui FILE» builds the editor alone; a file that cannot be read falls back to the start screen."""
    from drafter_tui.screens.start import StartScreen

    broken = tmp_path / "hong.yaml"
    broken.write_text("subject: [không đóng\n", encoding="utf-8")

    async def go():
        app = DrafterApp(broken, pdf=False, autosave_seconds=0)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, StartScreen)
            assert any(n.title == "Không mở được bản thảo" and "hong.yaml" in n.message for n in app._notifications)
    asyncio.run(go())


def test_a_draft_opens_straight_into_the_editor(draft_file):
    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, EditorScreen)
            assert app.session.path == draft_file
    asyncio.run(go())
