"""Issue 11, files: autosave survives a kill, stale temp files go, export never creates or misnames silently."""
import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from drafter_tui.app import DrafterApp
from drafter_tui.screens.dialogs import Choice
from drafter_tui.state import Session, Store
from drafter_tui.widgets.fields import VInput

CHILD = """
import asyncio, sys
from drafter_tui.app import DrafterApp

async def main():
    app = DrafterApp(sys.argv[1], pdf=False)  # the autosave interval users get
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(3):
            await pilot.pause()
        app.screen.query_one("#f-place").focus()
        await pilot.press(*"XomMoi")
        await pilot.pause()
        print("typed", flush=True)
        while True:
            await asyncio.sleep(0.05)

asyncio.run(main())
"""


async def settle(pilot, n=4):
    for _ in range(n):
        await pilot.pause()


def test_a_killed_app_loses_at_most_two_seconds_of_typing(draft_file, data_dir):
    assert Session.AUTOSAVE_SECONDS <= 2
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(draft_file)], stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "DRAFTER_DATA_DIR": str(data_dir)})
    try:
        assert child.stdout.readline().strip() == "typed"
        time.sleep(2.0)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    recoveries = Store().recoveries()
    assert len(recoveries) == 1 and recoveries[0].path == draft_file.resolve()
    assert Session.recover(recoveries[0]).data["place"] == "XomMoi"
    assert "XomMoi" not in draft_file.read_text(encoding="utf-8")


def test_stale_temp_files_of_a_killed_autosave_are_removed_at_start(data_dir):
    folder = data_dir / "recovery"
    folder.mkdir(parents=True)
    old, fresh = folder / ".abc.yaml.x1.tmp", folder / ".abc.yaml.x2.tmp"
    old.write_text("half", encoding="utf-8")
    fresh.write_text("being written", encoding="utf-8")
    past = time.time() - 3600
    os.utime(old, (past, past))

    async def go():
        app = DrafterApp(None, pdf=False, autosave_seconds=0)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)

    asyncio.run(go())
    assert not old.exists() and fresh.exists()  # another drafter may be writing the fresh one


async def export_to(pilot, app, target: Path):
    await app.screen.show_step("review")
    await settle(pilot)
    app.screen.query_one("#v-output", VInput).value = str(target)
    await pilot.press("ctrl+e")
    await settle(pilot, 6)


def test_export_asks_before_making_a_folder(draft_file):
    async def go():
        target = draft_file.parent / "moi" / "ke-hoach.docx"
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await export_to(pilot, app, target)
            assert isinstance(app.screen, Choice) and str(target.parent) in app.screen.question
            await pilot.press("escape")
            await settle(pilot)
            assert not target.parent.exists()
            await pilot.press("ctrl+e")
            await settle(pilot, 6)
            await pilot.press("enter")  # «Tạo thư mục»
            await settle(pilot, 6)
            assert target.exists()

    asyncio.run(go())


def test_export_to_a_folder_is_refused_naming_it(draft_file):
    async def go():
        folder = draft_file.parent / "xuat"
        folder.mkdir()
        app = DrafterApp(draft_file, pdf=False, autosave_seconds=0)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await export_to(pilot, app, folder)
            assert not isinstance(app.screen, Choice)  # no «Ghi đè?» first
            said = str(app.screen.query_one("#v-result").render())
            assert f"{folder} là một thư mục" in said and ".tmp" not in said
            assert list(folder.iterdir()) == []

    asyncio.run(go())
