"""Snapshots of the pages as they will print (F4 beside the form), at 80×24 and 100×30.

Update with --snapshot-update, after looking at the new screens.
"""
import pytest

from drafter_tui.app import DrafterApp
from drafter_tui.widgets.page_preview import PagePreview
from test_snapshots import fixed_draft, settle, steady_cursor  # noqa: F401 - fixed_draft is a fixture


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_pages_beside_the_form(snap_compare, fixed_draft, size):  # noqa: F811
    app = DrafterApp(fixed_draft, pdf=False, autosave_seconds=0)

    async def show(pilot):
        await settle(pilot)
        await pilot.press("f4")
        await pilot.pause(PagePreview.DEBOUNCE + 0.2)
        await app.workers.wait_for_complete()
        await settle(pilot)
        steady_cursor(app)

    assert snap_compare(app, terminal_size=size, run_before=show)


def test_pages_in_the_review_step_100x30(snap_compare, fixed_draft):  # noqa: F811
    app = DrafterApp(fixed_draft, pdf=False, autosave_seconds=0)

    async def show(pilot):
        await settle(pilot)
        await app.screen.show_step("review", focus=True)
        await settle(pilot)
        app.screen.query_one("#v-preview").focus()
        await pilot.pause(PagePreview.DEBOUNCE + 0.2)
        await app.workers.wait_for_complete()
        await settle(pilot)
        steady_cursor(app)

    assert snap_compare(app, terminal_size=(100, 30), run_before=show)
