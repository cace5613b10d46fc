"""Snapshots at 80×24 (the smallest terminal supported): every step, the start screen, every dialog.

Update with --snapshot-update, after looking at the new screens.
"""
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from drafter_tui.app import DrafterApp
from drafter_tui.state import STEPS
from test_flow import checked

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "tui_draft.yaml"


@pytest.fixture
def fixed_draft() -> Path:
    """A fixed path, so that paths shown on screen do not change between runs.

    Parallel workers (and parallel checkouts) share it: the copy is replaced atomically, so
    that no run ever reads it half written.
    """
    folder = Path(tempfile.gettempdir()) / "drafter-tui-snapshots"
    folder.mkdir(exist_ok=True)
    target = folder / "ke-hoach.yaml"
    tmp = folder / f".ke-hoach.{os.getpid()}.tmp"
    shutil.copyfile(FIXTURE, tmp)
    os.replace(tmp, target)
    return target


def steady_cursor(app) -> None:
    """Show the focused field's cursor without blinking: a blink phase is timing, not a difference.

    (Under load the few pauses before the screenshot may last longer than the 0.5 s blink.)
    """
    pause = getattr(app.focused, "_pause_blink", None)
    if pause is not None:
        pause(visible=True)


def test_start_screen_80x24(snap_compare):
    app = DrafterApp(None, pdf=False, autosave_seconds=0)
    assert snap_compare(app, terminal_size=(80, 24))


async def settle(pilot, n=3):
    for _ in range(n):
        await pilot.pause()


@pytest.mark.parametrize("step", [k for k, _ in STEPS])
def test_step_80x24(snap_compare, fixed_draft, step):
    app = DrafterApp(fixed_draft, pdf=False, autosave_seconds=0)

    async def show(pilot):
        await checked(pilot)  # the marks as the content rules left them, not before they ran
        await app.screen.show_step(step, focus=True)
        await settle(pilot)
        steady_cursor(app)

    assert snap_compare(app, terminal_size=(80, 24), run_before=show)


def test_new_draft_dialog_80x24(snap_compare, tmp_path, monkeypatch):
    """Its buttons stay in view."""
    monkeypatch.chdir(Path(tempfile.gettempdir()))
    app = DrafterApp(None, pdf=False, autosave_seconds=0)

    async def show(pilot):
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        steady_cursor(app)

    assert snap_compare(app, terminal_size=(80, 24), run_before=show)


def test_keys_panel_on_the_tasks_step_80x24(snap_compare, fixed_draft):
    """F1 lists every key of the tasks tree, Ctrl+↑/↓ included, in Vietnamese."""
    app = DrafterApp(fixed_draft, pdf=False, autosave_seconds=0)

    async def show(pilot):
        await checked(pilot)  # the marks as the content rules left them, not before they ran
        await app.screen.show_step("tasks", focus=True)
        await settle(pilot)
        await pilot.press("f2", "f2")  # the list of steps hidden: room for the panel
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=show)


def test_confirm_delete_80x24(snap_compare, fixed_draft):
    app = DrafterApp(fixed_draft, pdf=False, autosave_seconds=0)

    async def show(pilot):
        await checked(pilot)  # the marks as the content rules left them, not before they ran
        await app.screen.show_step("bases", focus=True)
        await settle(pilot)
        await pilot.press("delete")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=show)


def test_save_as_from_the_palette_80x24(snap_compare, fixed_draft):
    """Drawn in the middle, over the editor (was: top-left over a blank screen)."""
    app = DrafterApp(fixed_draft, pdf=False, autosave_seconds=0)

    async def show(pilot):
        await checked(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"luu thanh")
        await pilot.pause(0.6)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot, 5)
        steady_cursor(app)

    assert snap_compare(app, terminal_size=(80, 24), run_before=show)
