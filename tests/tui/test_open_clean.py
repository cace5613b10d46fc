"""Opening a draft and looking at it changes nothing: no «chưa lưu», no prompt on quitting."""
import asyncio
import shutil
from pathlib import Path

import pytest

from drafter_tui.app import DrafterApp

EXAMPLES = Path(__file__).resolve().parents[2] / "presets" / "examples"


async def _open(path: Path) -> bool:
    app = DrafterApp(path, pdf=False, autosave_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(5):
            await pilot.pause(0.1)
        return app.session.dirty


@pytest.mark.parametrize("name", ["dong-nai-179-2025.yaml", "an-lac-2026.yaml"])
def test_an_opened_draft_is_not_changed_by_being_shown(tmp_path, name):
    target = tmp_path / name
    shutil.copyfile(EXAMPLES / name, target)
    assert asyncio.run(_open(target)) is False
