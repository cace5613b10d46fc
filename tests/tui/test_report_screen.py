"""The start screen's «Báo cáo kết quả thực hiện»: from the last plan opened to its report in the editor."""
import asyncio
import datetime as dt
from pathlib import Path

from drafter.deadlines import parse_period
from drafter.loader import load_draft
from drafter.model import Commune
from drafter.presets import load_preset
from drafter.publish import new_draft
from drafter.track import DOING, DONE, TODO, plan_tasks, tracking_outputs, write_outputs
from drafter_tui.app import DrafterApp
from drafter_tui.screens.editor import EditorScreen
from drafter_tui.screens.report import ReportScreen, current_period
from drafter_tui.state import Store
from drafter_tui.widgets.fields import VInput

ROOT = Path(__file__).resolve().parents[2]
import sys  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
from trackfill import fill  # noqa: E402


async def settle(pilot, n=4):
    for _ in range(n):
        await pilot.pause()


def plan_with_workbook(folder: Path) -> tuple[Path, Path]:
    plan_path = folder / "ke-hoach.yaml"
    plan = new_draft(load_preset(ROOT / "presets" / "bac-ninh-cchc-2026.yaml"), Commune(name="An Lạc", type="xã"),
                     plan_path, overrides={"signer_name": "Nguyễn Văn An"}).draft
    book = folder / "theo-doi-ke-hoach.xlsx"
    write_outputs(tracking_outputs(plan, book))
    cycle = [DONE, DOING, TODO, None]
    fill(book, book, {t.id: cycle[i % 4] for i, t in enumerate(plan_tasks(plan))})  # as returned, same name
    return plan_path, book


def test_the_report_due_now():
    assert current_period(dt.date(2026, 3, 10)).label == "Quý I/2026"
    assert current_period(dt.date(2026, 1, 5)).label == "Năm 2025"
    assert current_period(dt.date(2026, 6, 1)).label == "6 tháng/2026"
    assert current_period(dt.date(2026, 12, 20)).label == "Năm 2026"


async def _flow(tmp_path: Path):
    plan_path, book = plan_with_workbook(tmp_path)
    store = Store()
    store.add_recent(plan_path)
    app = DrafterApp(pdf=False, autosave_seconds=0, store=store, check_recovery=False)
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReportScreen)
        # The last plan opened and the workbook beside it are offered.
        assert screen.query_one("#report-plan", VInput).value == str(plan_path.resolve())
        assert screen.query_one("#report-books", VInput).value == str(book.resolve())
        # A period that cannot be read is said, and nothing is written.
        screen.query_one("#report-period", VInput).value = "Quý 7/2026"
        await settle(pilot)
        screen.accept()
        await settle(pilot)
        assert "Kỳ báo cáo «Quý 7/2026» không đọc được" in str(screen.query_one("#report-error").render())
        assert not list(tmp_path.glob("bao-cao*.yaml"))
        screen.query_one("#report-period", VInput).value = "Quý I/2026"
        await settle(pilot)
        target = Path(screen.query_one("#report-target", VInput).value)
        assert target == plan_path.resolve().parent / "bao-cao-quy-i-2026.yaml"
        screen.query_one("#report-to", VInput).value = "Sở Nội vụ tỉnh Bắc Ninh"
        screen.query_one("#make-report").press()
        await settle(pilot, 8)
        assert isinstance(app.screen, EditorScreen), app.screen
        assert app.session.path == target and app.session.data["kind"] == "bao-cao"
        report = load_draft(target).draft
        assert report.report.period == "Quý I/2026" and report.report.to == ["Sở Nội vụ tỉnh Bắc Ninh"]
        assert report.subject.endswith(parse_period("Quý I/2026").title)
        # The editor shows the report as it shows a plan: its kind is listed.
        await app.screen.show_step("general")
        await settle(pilot)
        assert app.session.errors == []


def test_report_from_the_start_screen(tmp_path):
    asyncio.run(_flow(tmp_path))


async def _from_the_editor(tmp_path: Path):
    plan_path, book = plan_with_workbook(tmp_path)
    app = DrafterApp(plan_path, pdf=False, autosave_seconds=0, store=Store(), check_recovery=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        app.session.set(("signer", "name"), "Lê Thị Hoa")  # an unsaved change: saved before the report
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"bao cao dinh ky")  # found without diacritics
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")  # «Lưu rồi lập báo cáo»
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReportScreen), screen
        assert load_draft(plan_path).draft.signer.name == "Lê Thị Hoa"
        # The plan being edited and the workbook beside it are offered.
        assert screen.query_one("#report-plan", VInput).value == str(plan_path)
        assert screen.query_one("#report-books", VInput).value == str(book)
        screen.query_one("#report-period", VInput).value = "Quý I/2026"
        await settle(pilot)
        target = Path(screen.query_one("#report-target", VInput).value)
        screen.query_one("#make-report").press()
        await settle(pilot, 8)
        assert isinstance(app.screen, EditorScreen)
        assert app.session.path == target and app.session.data["kind"] == "bao-cao"
        assert load_draft(target).draft.report.period == "Quý I/2026"


def test_report_from_the_editor_palette(tmp_path):
    asyncio.run(_from_the_editor(tmp_path))
