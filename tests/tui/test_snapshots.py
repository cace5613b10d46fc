"""Snapshots: every step at 100×30, the start screen at 80×24 (update with --snapshot-update)."""
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from drafter_tui.app import DrafterApp
from drafter_tui.state import STEPS

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


@pytest.mark.parametrize("step", [k for k, _ in STEPS])
def test_step_100x30(snap_compare, fixed_draft, step):
    app = DrafterApp(fixed_draft, pdf=False, autosave_seconds=0)

    async def show(pilot):
        await pilot.pause()
        await app.screen.show_step(step, focus=True)
        for _ in range(3):
            await pilot.pause()
        steady_cursor(app)

    assert snap_compare(app, terminal_size=(100, 30), run_before=show)
