"""Issue 15: a task's short body wording («summary») is written from the tasks step and printed in the body,
the appendix row keeping the full text."""
import asyncio

from drafter.loader import load_draft
from drafter.preview import plain_text
from drafter_tui.app import DrafterApp
from drafter_tui.widgets.fields import VInput

from test_structure import AREA, SIZE, open_tasks, settle


def test_the_summary_typed_in_the_tasks_step_is_saved_and_shown_in_the_body(draft_file):
    async def go():
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=SIZE) as pilot:
            step = await open_tasks(app, pilot)
            await pilot.press("down", "down")  # section → area → its first task
            await settle(pilot)
            assert step.selected == AREA + ("tasks", 0)
            field = next(w for w in step.query(VInput) if tuple(w.field) == AREA + ("tasks", 0, "summary"))
            field.focus()
            await settle(pilot)
            await pilot.press(*"Rà soát gọn")
            await settle(pilot)
            await pilot.press("ctrl+s")
            await settle(pilot, 6)
        draft = load_draft(draft_file).draft
        task = draft.sections[1].items[0].tasks[0]
        assert task.summary == "Rà soát gọn" and task.text != task.summary
        body = plain_text(draft)
        assert any(line.endswith("Rà soát gọn.") or line.endswith("Rà soát gọn;") or line.endswith("Rà soát gọn")
                   for line in body), body

    asyncio.run(go())
