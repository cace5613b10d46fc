"""Step 9: the problems (each jumps to its field), the pages as they will print, and the export."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, Checkbox, OptionList, Static
from textual.widgets.option_list import Option

from drafter.errors import DrafterError, Severity, os_problem
from drafter.fieldpath import FieldPath
from drafter.pdf import find_soffice
from drafter.publish import Published, add_pdfs, write

from ..state import STEP_TITLES
from ..widgets.fields import VInput
from .base import Step


class ReviewStep(Step):
    key = "review"

    class JumpTo(Message):
        """The user chose a problem: the screen shows the step and field that fix it."""

        def __init__(self, field: FieldPath | None) -> None:
            super().__init__()
            self.field = field

    def __init__(self, session, pdf: bool = True) -> None:
        super().__init__(session)
        self.pdf = pdf  # the PDF box starts ticked (when LibreOffice is there)

    def compose(self) -> ComposeResult:
        yield self.heading()
        yield Static(id="v-summary")
        yield OptionList(id="v-problems")
        with Horizontal(classes="row"):
            out = VInput(str(self.session.default_output()), id="v-output")
            out.border_title = "Tệp DOCX xuất ra"
            yield out
        with Horizontal(classes="buttons"):
            yield Button("Xuất DOCX (Ctrl+E)", id="v-export", variant="success", compact=True)
            soffice = find_soffice()
            yield Checkbox("Kèm PDF (LibreOffice)", value=bool(soffice) and self.pdf, id="v-pdf",
                           disabled=not soffice)
        yield Static(id="v-result")
        from ..widgets.page_preview import PagePreview  # here: the editor starts without the layout code

        yield PagePreview(self.session, id="v-preview")

    def _problem_line(self, p) -> str:
        mark = "[red]Lỗi[/red]" if p.severity is Severity.ERROR else "[yellow]Nên sửa[/yellow]"
        step = STEP_TITLES[self.session.step_of(p.field)]
        where = p.field.label() if p.field else ""
        return f"{mark} [b]{escape(step)}[/b] · {escape(where)}: {escape(p.message)}"

    def refresh_view(self) -> None:
        try:
            lst = self.query_one("#v-problems", OptionList)
        except Exception:
            return
        problems = self.session.problems
        summary = self.query_one("#v-summary", Static)
        errors = self.session.errors
        if errors:
            text = (f"[b red]Còn {len(errors)} lỗi[/b red], {len(problems) - len(errors)} điều nên sửa "
                    "— chọn một dòng (Enter) để tới ô cần sửa.")
        elif problems:
            text = (f"[b yellow]Còn {len(problems)} điều nên sửa[/b yellow] (vẫn xuất được) "
                    "— chọn một dòng (Enter) để tới ô cần sửa.")
        else:
            text = "[b green]✓ Không còn lỗi.[/b green] Bản thảo sẵn sàng để xuất."
        if self.session.checks_pending:  # drawn again once the content rules have run on the new text
            text += " [dim](đang kiểm tra lại…)[/dim]"
        summary.update(text)
        lst.set_options([Option(self._problem_line(p), id=str(i)) for i, p in enumerate(problems)])
        lst.display = bool(problems)
        if problems:
            lst.highlighted = 0  # Enter at once goes to the first problem's field
        self.query_one("#v-preview").schedule()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        problems = self.session.problems
        index = int(event.option.id)
        if index >= len(problems):  # the list changed under the cursor: shown again
            self.refresh_view()
            return
        problem = problems[index]
        unknown = self.session.unknown_key(problem)
        if unknown is not None:  # no form edits a key the model does not know: offer to fix it here
            self.fix_unknown_key(*unknown)
        else:
            self.post_message(self.JumpTo(problem.field))

    def fix_unknown_key(self, path: FieldPath, suggestion: str | None) -> None:
        from drafter.fieldpath import FIELD_NAMES

        from ..screens.dialogs import Choice

        key = path[-1]
        answers = []
        if suggestion:
            answers.append(("rename", f"Đổi thành «{suggestion}»", "primary"))
        answers += [("remove", f"Xóa «{key}»", "error"), ("keep", "Để nguyên", "default")]
        meant = f" Có lẽ định viết «{suggestion}» ({FIELD_NAMES.get(suggestion)})." if suggestion else ""
        question = f"Bản thảo có khóa «{key}» ({path.label()}) mà drafter không biết.{meant}"

        def done(answer) -> None:
            if answer == "rename":
                self.edits.rename_key(path, suggestion)
            elif answer == "remove":
                self.edits.remove_key(path)
            else:
                return
            self.changed()
            self.focus_first()
            self.notify("Đã sửa. Ctrl+Z để hoàn tác.", timeout=3)

        self.app.push_screen(Choice(question, answers, "Khóa lạ trong bản thảo"), done)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "v-export":
            self.export()

    def focus_field(self, path: FieldPath) -> None:
        self.query_one("#v-export").focus()

    def focus_first(self) -> None:
        """The problems first (Enter goes to the first one's field), else the export button."""
        problems = self.query_one("#v-problems", OptionList)
        (problems if problems.display else self.query_one("#v-export")).focus(scroll_visible=False)
        self.scroll_home(animate=False)

    # -- export
    def output_path(self) -> Path:
        value = self.query_one("#v-output", VInput).value.strip()
        return Path(value).expanduser() if value else self.session.default_output()

    def show_result(self, text: str) -> None:
        self.query_one("#v-result", Static).update(text)

    def export(self) -> None:
        """Write the DOCX where the field says (asking before overwriting), then the PDF if ticked."""
        from ..screens.dialogs import confirm

        session = self.session
        if session.checks_pending:  # typed just now: the content rules run to the end first
            session.check()
            self.changed()
        if session.errors:
            self.show_result(f"[red]Chưa xuất được: còn {len(session.errors)} lỗi; hãy sửa trước.[/red]")
            self.notify("Còn lỗi; hãy sửa trước khi xuất.", severity="warning")
            return
        output = self.output_path()
        if output.is_dir():  # refused before any question, in the user's own words
            self.show_result(f"[red]Không xuất được: {escape(str(output))} là một thư mục; hãy ghi tên tệp, "
                             f"ví dụ {escape(str(output / self.session.default_output().name))}[/red]")
            return
        if not output.parent.exists():
            self.app.push_screen(confirm(f"Thư mục {output.parent} chưa có. Tạo thư mục này rồi xuất?",
                                         yes="Tạo thư mục", no="Hủy"),
                                 lambda answer: self._export_to(output) if answer == "yes" else None)
            return
        self._export_to(output)

    def _export_to(self, output: Path) -> None:
        from ..screens.dialogs import confirm

        session = self.session
        try:
            planned = session.plan_export(output, pdf=self.query_one("#v-pdf", Checkbox).value)
        except DrafterError as exc:
            self.show_result(f"[red]Không xuất được: {escape(str(exc))}[/red]")
            return

        def go(answer=None):
            if answer not in (None, "yes"):
                return
            try:  # the DOCX now; the PDF (LibreOffice takes seconds) in a thread after it
                published = write(replace(planned, pdf=False), force=True)
            except (DrafterError, OSError) as exc:
                why = os_problem(exc) if isinstance(exc, OSError) else exc
                self.show_result(f"[red]Không xuất được: {escape(str(why))}[/red]")
                return
            written = "\n".join(f"[green]Đã ghi {p}[/green]" for p in published.files)
            self.show_result(written)
            self.notify(f"Đã ghi {', '.join(map(str, published.files))}", title="Đã xuất DOCX")
            if planned.pdf:
                self.show_result(f"{written}\nĐang tạo PDF bằng LibreOffice…")
                self.run_worker(lambda: self._pdf(published, written), thread=True, group="pdf")

        taken = planned.taken()
        if taken:
            names = ", ".join(map(str, taken))
            self.app.push_screen(confirm(f"Tệp {names} đã có. Ghi đè?", yes="Ghi đè", no="Hủy"), go)
        else:
            go()

    def _pdf(self, published: Published, written: str) -> None:
        """In a worker thread: LibreOffice failures are shown, never a traceback."""
        try:
            done = add_pdfs(published, force=True)
            lines = [f"[green]Đã ghi {p}[/green]" for p in done.pdfs]
            lines += [f"[red]Không tạo được PDF: {escape(p.message)}[/red]" for p in done.pdf_problems]
        except Exception as exc:  # noqa: BLE001
            lines = [f"[red]Không tạo được PDF: {escape(str(exc))}[/red]"]
        self.app.call_from_thread(self.show_result, "\n".join([written, *lines]))
