"""Issue 11: a key the model does not know (a typo like «subjct:») can be renamed or removed in the app."""
import asyncio

from drafter.loader import load_draft
from drafter_tui.app import DrafterApp
from drafter_tui.screens.dialogs import Choice


async def settle(pilot, n=4):
    for _ in range(n):
        await pilot.pause()


def run(draft_file, answer):
    text = draft_file.read_text(encoding="utf-8")
    draft_file.write_text(text.replace("\nsubject:", "\nsubjct:"), encoding="utf-8")

    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert app.session.errors
            await app.screen.show_step("review", focus=True)
            await settle(pilot)
            problems = app.screen.query_one("#v-problems")
            index = next(i for i, p in enumerate(app.session.problems) if p.field == ("subjct",))
            problems.highlighted = index
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, Choice)
            assert "«subjct»" in app.screen.question and "«subject» (Trích yếu)" in app.screen.question
            app.screen.query_one(f"#{answer}").press()
            await settle(pilot, 6)
            await pilot.press("ctrl+s")
            await settle(pilot)
            return app.session.errors

    return asyncio.run(go())


def test_rename_the_mistyped_key(draft_file):
    assert run(draft_file, "rename") == []
    assert load_draft(draft_file).draft.subject.startswith("Duy trì")


def test_remove_the_unknown_key(draft_file):
    errors = run(draft_file, "remove")
    assert [str(p.field) for p in errors] == ["subject"]  # now only the missing subject, which a form edits
    assert "subjct" not in draft_file.read_text(encoding="utf-8")
