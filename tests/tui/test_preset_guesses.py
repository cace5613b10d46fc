"""A new draft from a preset that still holds guesses (its «review» list) says so in the app."""
import asyncio
from pathlib import Path

from click.testing import CliRunner

from drafter.cli import main
from drafter_tui.app import DrafterApp
from drafter_tui.screens.editor import EditorScreen

ROOT = Path(__file__).resolve().parents[2]


async def _new(spec: str, tmp_path: Path) -> list:
    app = DrafterApp(pdf=False, autosave_seconds=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.new_from_preset(spec, {"name": "Long Hưng", "type": "xã"}, tmp_path / "long-hung.yaml")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        return [(n.title, n.message) for n in app._notifications]


def test_a_preset_with_guesses_asks_for_a_review_when_a_draft_is_made(tmp_path):
    preset = tmp_path / "dong-nai.yaml"
    made = CliRunner().invoke(main, ["preset", "from-draft", str(ROOT / "presets/examples/dong-nai-179-2025.yaml"),
                                     "-o", str(preset)])
    assert made.exit_code == 0, made.output
    said = asyncio.run(_new(str(preset), tmp_path))
    review = [m for t, m in said if t == "Cần xem lại"]
    assert len(review) == 1 and "chỗ phỏng đoán" in review[0] and "→" in review[0]


def test_a_reviewed_preset_says_nothing_more(tmp_path):
    said = asyncio.run(_new("bac-ninh-par-sipas-2026", tmp_path))
    assert [t for t, _ in said] == ["Bản thảo mới"]
