"""Snapshots at 80×24 of the appendix editor: its three tabs (buttons, table and form in view)."""
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from drafter_tui.app import DrafterApp

ROOT = Path(__file__).resolve().parents[2]
DONG_NAI = ROOT / "presets" / "examples" / "dong-nai-179-2025.yaml"


@pytest.fixture
def dong_nai() -> Path:
    """A fixed path (shown in the header), replaced atomically: parallel workers share it."""
    folder = Path(tempfile.gettempdir()) / "drafter-tui-snapshots"
    folder.mkdir(exist_ok=True)
    target = folder / "dong-nai.yaml"
    tmp = folder / f".dong-nai.{os.getpid()}.tmp"
    shutil.copyfile(DONG_NAI, tmp)
    os.replace(tmp, target)
    return target


async def settle(pilot, n=4):
    for _ in range(n):
        await pilot.pause()


@pytest.mark.parametrize("tab", [0, 1, 2], ids=["chung", "cot", "dong"])
def test_appendix_editor_80x24(snap_compare, dong_nai, tab):
    app = DrafterApp(dong_nai, pdf=False, autosave_seconds=0)

    async def show(pilot):
        await settle(pilot)
        app.action_appendices()
        await settle(pilot, 6)
        for _ in range(tab):
            await pilot.press("f6")
            await settle(pilot, 6)
        await pilot.press("down")
        await settle(pilot, 6)

    assert snap_compare(app, terminal_size=(80, 24), run_before=show)
