"""«Báo cáo kết quả thực hiện»: the periodic report on a plan, from the start screen or the editor's palette.

Asks for the plan (the draft being edited, or the last one opened), the tracking workbooks the
units returned, the period and where to save; writes the report draft with
:func:`drafter.report.report_from_files` (the same as ``drafter report``) and hands its path back
for the editor to open. Nothing is written over an existing file.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Static

from drafter.deadlines import Period, parse_period
from drafter.errors import DrafterError, Problem

from ..widgets.fields import VInput
from .dialogs import FormDialog


def current_period(today: _dt.date | None = None) -> Period:
    """The report due now: the last period whose data cut-off (14/3, 14/6, 14/9, 14/12) is at most
    three weeks ahead (reports are due by the 20th, compiled from about the 10th)."""
    today = today or _dt.date.today()
    soon = today + _dt.timedelta(days=21)
    periods = [Period("quarter", y, 1) if k == "q1" else Period("half", y) if k == "half" else
               Period("quarter", y, 3) if k == "q3" else Period("year", y)
               for y in (today.year - 1, today.year) for k in ("q1", "half", "q3", "year")]
    return [p for p in periods if p.cutoff <= soon][-1]


def default_plan(app) -> Path | None:
    """The plan being edited when it is saved and not itself a report, else the last plan opened."""
    session = getattr(app, "session", None)
    if session is not None and session.path and session.get(("kind",)) != "bao-cao":
        return session.path
    for path in app.store.recent():
        if path.exists() and not path.name.startswith("bao-cao"):
            return path
    return None


def default_workbooks(plan: Path | None) -> str:
    """What ``drafter track`` writes beside the plan: the combined workbook, or the per-unit folder."""
    if plan is None:
        return ""
    for candidate in (plan.parent / f"theo-doi-{plan.stem}.xlsx", plan.parent / f"theo-doi-{plan.stem}"):
        if candidate.exists():
            return str(candidate)
    return ""


def split_paths(text: str) -> list[Path]:
    return [Path(p.strip()).expanduser() for p in text.replace("\n", ";").split(";") if p.strip()]


class ReportScreen(FormDialog):
    """Plan, workbooks, period, «Kính gửi», file: dismisses with (report path, reading problems)."""

    ok_id = "make-report"

    def compose(self) -> ComposeResult:
        plan = default_plan(self.app)
        period = current_period()
        with Vertical(classes="dialog wide"):  # the fields scroll, the buttons stay in view at 80×24
            yield Label("Báo cáo kết quả thực hiện kế hoạch", classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static("Lập bản thảo Báo cáo từ kế hoạch và các bảng theo dõi (Excel) đơn vị gửi về: mỗi nhiệm "
                             "vụ theo tình trạng, quá hạn tính đến ngày chốt số liệu của kỳ, phụ lục kết quả.",
                             classes="dialog-text")
                yield Label("Kế hoạch (.yaml)")
                yield VInput(str(plan) if plan else "", placeholder="ví dụ: ke-hoach-an-lac.yaml", id="report-plan")
                yield Label("Bảng theo dõi đã điền (tệp .xlsx hoặc thư mục; ngăn cách «;»)")
                yield VInput(default_workbooks(plan), placeholder="ví dụ: theo-doi-ke-hoach.xlsx", id="report-books")
                with Horizontal(classes="row"):
                    with Vertical():
                        yield Label("Kỳ báo cáo")
                        yield VInput(period.label, placeholder="Quý I/2026, 6 tháng/2026, Năm 2026", id="report-period")
                    with Vertical():
                        yield Label("Kính gửi (trống: chỉ gửi «b/c»)")
                        yield VInput("", placeholder="ví dụ: Sở Nội vụ tỉnh Bắc Ninh", id="report-to")
                yield Label("Lưu bản thảo báo cáo vào tệp")
                yield VInput(self._target(plan, period), id="report-target")
            yield Static("", id="report-error", classes="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Lập báo cáo", id="make-report", variant="primary")
                yield Button("Hủy", id="cancel")

    @staticmethod
    def _target(plan: Path | None, period: Period) -> str:
        from drafter.report import default_report_path

        return str(default_report_path(plan or Path.cwd() / "ke-hoach.yaml", period))

    def on_mount(self) -> None:
        first = "#report-plan" if not self.query_one("#report-plan", VInput).value else "#report-books"
        self.query_one(first).focus()

    def on_input_changed(self, event: VInput.Changed) -> None:
        if event.input.id not in ("report-plan", "report-period"):
            return
        plan_text = self.query_one("#report-plan", VInput).value.strip()
        try:
            period = parse_period(self.query_one("#report-period", VInput).value)
        except ValueError:
            return
        plan = Path(plan_text).expanduser() if plan_text else None
        self.query_one("#report-target", VInput).value = self._target(plan, period)
        books = self.query_one("#report-books", VInput)
        if event.input.id == "report-plan" and not books.value.strip():
            books.value = default_workbooks(plan)

    def _error(self, text: str, focus: str | None = None) -> None:
        self.query_one("#report-error", Static).update(text)
        if focus:
            self.query_one(focus).focus()

    def accept(self) -> None:
        from drafter.report import report_from_files

        plan_text = self.query_one("#report-plan", VInput).value.strip()
        plan = Path(plan_text).expanduser() if plan_text else None
        if plan is None or not plan.is_file():
            self._error("Không tìm thấy tệp kế hoạch; hãy kiểm tra đường dẫn.", "#report-plan")
            return
        try:
            period = parse_period(self.query_one("#report-period", VInput).value)
        except ValueError as exc:
            self._error(f"{str(exc)[:1].upper()}{str(exc)[1:]}.", "#report-period")
            return
        books = split_paths(self.query_one("#report-books", VInput).value)
        if not books:
            self._error("Hãy chọn ít nhất một bảng theo dõi đã điền.", "#report-books")
            return
        target_text = self.query_one("#report-target", VInput).value.strip()
        target = Path(target_text).expanduser() if target_text else None
        if target is not None and target.suffix not in (".yaml", ".yml"):
            target = target.with_suffix(".yaml")
        to = [t.strip() for t in self.query_one("#report-to", VInput).value.split(";") if t.strip()]
        found: list[Problem] = []
        try:
            from drafter.progress import expand_paths

            path, _, _ = report_from_files(plan, expand_paths(books), period, target, to=to,
                                           on_problems=found.extend)
        except DrafterError as exc:
            self._error("\n".join(str(p) for p in exc.problems[:4]))
            return
        except OSError as exc:
            from drafter.errors import os_problem

            self._error(str(os_problem(exc)))
            return
        self.dismiss((path, found))


def make_report(app) -> None:
    """Ask for the report (ReportScreen), then open the report draft in the editor."""

    def reported(result) -> None:
        if result:
            path, problems = result
            app.open_draft(path)
            note = f"Đã lập {path.name}; viết các đoạn gợi ý trong ngoặc vuông rồi xuất ra Word."
            if problems:
                note += f"\n{len(problems)} điều khi đọc bảng theo dõi, ví dụ: {problems[0]}"
            app.notify(note, title="Báo cáo", severity="warning" if problems else "information", timeout=10)

    app.push_screen(ReportScreen(), reported)


def report_from_editor(app) -> None:
    """«Lập báo cáo định kỳ…» while editing a plan: the report is made from the plan's file, so
    unsaved changes are saved first (the editor then shows the report; the plan is not lost)."""
    from .dialogs import confirm

    session = app.session
    if session is None:
        make_report(app)
        return
    if session.path is None:
        app.notify("Báo cáo được lập từ tệp kế hoạch: hãy lưu kế hoạch (Ctrl+S) trước.", severity="warning",
                   title="Chưa lưu kế hoạch")
        return
    if not session.dirty:
        make_report(app)
        return

    def answer(choice) -> None:
        if choice == "yes":
            app.action_save()
            if not session.dirty:
                make_report(app)

    app.push_screen(confirm("Kế hoạch có thay đổi chưa lưu; báo cáo được lập từ tệp đã lưu. "
                            "Lưu kế hoạch rồi lập báo cáo?", yes="Lưu rồi lập báo cáo", no="Hủy"), answer)
