"""The start screen's «Nhập từ tệp Word/PDF»: a plan file becomes a draft next to it, opened for editing."""
import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import office_docs as od  # noqa: E402
from drafter.loader import load_draft  # noqa: E402
from drafter_tui.app import DrafterApp  # noqa: E402
from drafter_tui.screens.editor import EditorScreen  # noqa: E402
from drafter_tui.screens.start import ImportScreen  # noqa: E402
from drafter_tui.widgets.fields import VInput  # noqa: E402


async def settle(pilot, n=3):
    for _ in range(n):
        await pilot.pause()


async def _import(tmp_path: Path):
    source = tmp_path / "dong-thap.docx"
    source.write_bytes(od.build_docx("dong-thap", **od.TYPED))
    (tmp_path / "thu.txt").write_text("Kính gửi ông A\n", encoding="utf-8")
    app = DrafterApp(pdf=False, autosave_seconds=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, ImportScreen)
        path = app.screen.query_one("#import-path", VInput)
        path.value = str(tmp_path / "thu.txt")  # not a plan: said in the dialog, nothing written
        await settle(pilot)
        app.screen.accept()
        await settle(pilot)
        assert "không phải một kế hoạch" in str(app.screen.query_one("#import-error").render())
        assert not (tmp_path / "thu.yaml").exists()
        path.value = str(source)
        await settle(pilot)
        assert app.screen.query_one("#import-target", VInput).value == str(tmp_path / "dong-thap.yaml")
        app.screen.accept()
        await settle(pilot, 6)
        assert isinstance(app.screen, EditorScreen)
        assert app.session.path == (tmp_path / "dong-thap.yaml").resolve()
    draft = load_draft(tmp_path / "dong-thap.yaml").draft
    assert draft.number == "617" and draft.commune.name == "Đồng Tháp"


def test_import_from_start_screen(tmp_path):
    asyncio.run(_import(tmp_path))
