"""drafter's text interface: guided drafting from a preset to a ready-to-sign DOCX."""
from __future__ import annotations

from functools import partial
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding

from drafter.errors import DrafterError, os_problem

from .palette import FoldingCommands, VietnamesePalette, translated
from .state import STEPS, Session, Store


class DrafterApp(App):
    CSS_PATH = Path(__file__).parent / "drafter.tcss"
    TITLE = "drafter"
    SUB_TITLE = "Soạn kế hoạch"
    ENABLE_COMMAND_PALETTE = True
    COMMAND_PALETTE_BINDING = "ctrl+p"
    COMMANDS = {FoldingCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Thoát", priority=True),
        Binding("f1", "toggle_keys", "Phím tắt", priority=True),
        # Given here, Textual does not add its own (described in English as "palette").
        Binding("ctrl+p", "command_palette", "lệnh", show=False, priority=True, tooltip="Mở bảng lệnh"),
    ]

    def __init__(self, draft: Path | None = None, *, store: Store | None = None, pdf: bool = True,
                 autosave_seconds: float = Session.AUTOSAVE_SECONDS, check_recovery: bool = True):
        from .widgets.wrap import install

        install()  # no wrapped line starts with a «- » that looks like a bullet
        super().__init__()
        self.store = store or Store()
        self.initial = Path(draft) if draft else None
        self.session: Session | None = None
        self.pdf = pdf
        self.autosave_seconds = autosave_seconds
        self.check_recovery = check_recovery

    # -- start
    def on_mount(self) -> None:
        # «drafter tui FILE»: the editor alone (it never goes back), the start screen only if the file
        # does not open; a start screen built underneath would cost the first paint for nothing.
        if not (self.initial and self.open_draft(self.initial)):
            from .screens.start import StartScreen

            self.push_screen(StartScreen())
        if self.autosave_seconds:
            self.set_interval(self.autosave_seconds, self.autosave)
        if self.check_recovery:
            self.store.clean_temps()
        recoveries = self.store.recoveries() if self.check_recovery else []
        if recoveries:
            from .screens.dialogs import RecoverScreen

            self.push_screen(RecoverScreen(recoveries), self._recover)

    def _recover(self, answer) -> None:
        if not answer:
            return
        _, recovery = answer
        try:
            session = Session.recover(recovery, self.store)
        except DrafterError as exc:
            self.notify(str(exc), title="Không khôi phục được", severity="error", timeout=10)
            return
        self.start_editing(session)
        self.notify("Đã khôi phục bản thảo. Nhấn Ctrl+S để lưu vào tệp.", title="Khôi phục")

    def open_draft(self, path: Path) -> bool:
        try:
            session = Session.open(path, self.store)
        except DrafterError as exc:
            self.notify("\n".join(str(p) for p in exc.problems[:3]), title="Không mở được bản thảo",
                        severity="error", timeout=10)
            return False
        self.start_editing(session)
        return True

    def new_from_preset(self, spec, commune: dict, path: Path | None) -> None:
        try:
            session = Session.from_preset(spec, commune, path, self.store)
        except DrafterError as exc:
            self.notify("\n".join(str(p) for p in exc.problems[:3]), title="Không tạo được bản thảo",
                        severity="error", timeout=10)
            return
        except ImportError:
            self.notify("Bản cài này chưa có chức năng tạo từ mẫu.", severity="error")
            return
        self.start_editing(session)
        self.notify("Đã tạo bản thảo; nhấn Ctrl+S để lưu.", title="Bản thảo mới")
        review = getattr(session, "preset_review", [])
        if review:
            shown = "\n".join(f"• {line}" for line in review[:4]) + (f"\n… và {len(review) - 4} chỗ khác" if len(review) > 4 else "")
            self.notify(f"Preset còn {len(review)} chỗ phỏng đoán, nên xem lại phân công:\n{shown}",
                        title="Cần xem lại", severity="warning", timeout=15)

    def start_editing(self, session: Session) -> None:
        from .screens.editor import EditorScreen

        self.session = session
        if isinstance(self.screen, EditorScreen):
            self.switch_screen(EditorScreen(session, pdf=self.pdf))
        else:
            self.push_screen(EditorScreen(session, pdf=self.pdf))

    # -- state shown
    def update_title(self) -> None:
        s = self.session
        if s is None:
            return
        name = s.path.name if s.path else "bản thảo mới"
        self.sub_title = f"{name}{' ● chưa lưu' if s.dirty else ''}"

    def session_changed(self) -> None:
        from .screens.editor import EditorScreen

        self.update_title()
        screen = self.screen
        if isinstance(screen, EditorScreen):
            screen.session_changed()

    # -- saving
    def autosave(self) -> None:
        if self.session is None:
            return
        try:
            self.session.write_recovery()
        except OSError as exc:
            self.notify(f"Không tự lưu được: {os_problem(exc).message}", severity="error")

    def action_save(self) -> None:
        if self.session is None:
            return
        if self.session.path is None:
            self.action_save_as()
        else:
            self._save_to(self.session.path)

    def action_save_as(self) -> None:
        """Save the draft under another name; the session then continues with that file."""
        from .screens.dialogs import AskPath, confirm

        if self.session is None:
            return
        current = str(self.session.path or Path.cwd() / "ke-hoach.yaml")

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            if path.exists() and path.resolve() != (self.session.path or Path()).resolve():
                self.push_screen(confirm(f"Tệp {path} đã có. Ghi đè?", yes="Ghi đè", no="Hủy"),
                                 lambda answer: self._save_to(path) if answer == "yes" else None)
            else:
                self._save_to(path)

        self.push_screen(AskPath("Lưu bản thảo vào tệp:", current, "Lưu thành tệp khác"), chosen)

    def _save_to(self, path: Path) -> None:
        try:
            saved = self.session.save(path)
        except DrafterError as exc:
            self.notify(str(exc), title="Không lưu được", severity="error", timeout=10)
            return
        except OSError as exc:
            self.notify(str(os_problem(exc)), title="Không lưu được", severity="error", timeout=10)
            return
        self.session_changed()
        self.update_title()
        self.notify(f"Đã lưu {saved}")

    def action_export(self) -> None:
        from .screens.editor import EditorScreen

        if isinstance(self.screen, EditorScreen):
            self.screen.action_export()

    # -- leaving
    async def action_quit(self) -> None:
        from .screens.dialogs import Choice

        s = self.session
        if s is None or not s.dirty:
            if s is not None:
                s.discard_recovery()
            self.exit()
            return

        def answer(choice) -> None:
            if choice == "save":
                self.action_save()
                if not s.dirty:
                    self.exit()
            elif choice == "discard":
                s.discard_recovery()
                self.exit()

        self.push_screen(Choice("Bản thảo có thay đổi chưa lưu. Lưu trước khi thoát?",
                                [("save", "Lưu rồi thoát", "primary"), ("discard", "Thoát, không lưu", "error"),
                                 ("cancel", "Ở lại", "default")], "Thoát drafter"), answer)

    # -- keys
    def action_toggle_keys(self) -> None:
        """F1: the panel of every key the focused place offers, in Vietnamese (again: hidden)."""
        from .widgets.keys import KeysPanel

        found = self.screen.query(KeysPanel)
        if found:
            found.remove()
        else:
            self.screen.mount(KeysPanel(id="keys-panel"))

    def action_show_help_panel(self) -> None:  # the palette's «Phím tắt»: ours, not Textual's English one
        from .widgets.keys import KeysPanel

        if not self.screen.query(KeysPanel):
            self.screen.mount(KeysPanel(id="keys-panel"))

    def action_hide_help_panel(self) -> None:
        from .widgets.keys import KeysPanel

        self.screen.query(KeysPanel).remove()

    def action_command_palette(self) -> None:
        if self.use_command_palette and not VietnamesePalette.is_open(self):
            self.push_screen(VietnamesePalette(id="--command-palette"))

    def get_system_commands(self, screen):
        from .screens.editor import EditorScreen

        yield from translated(super().get_system_commands(screen))
        if isinstance(screen, EditorScreen):
            for key, title in STEPS:
                yield SystemCommand(f"Bước: {title}", f"Chuyển tới bước «{title}»",
                                    lambda k=key: screen.run_worker(partial(screen.show_step, k, focus=True),
                                                                    exclusive=True, group="step"))
            yield SystemCommand("Lưu bản thảo", "Ghi tệp YAML (Ctrl+S)", self.action_save)
            yield SystemCommand("Lưu thành tệp khác…", "Ghi bản thảo vào một tệp mới và làm tiếp trên tệp đó",
                                self.action_save_as)
            yield SystemCommand("Xuất DOCX", "Xuất văn bản sẵn sàng trình ký (Ctrl+E)", self.action_export)
            yield SystemCommand("Bảng phụ lục…", "Sửa tiêu đề, dòng «(Kèm theo …)», các cột và các dòng của phụ lục",
                                self.action_appendices)
            yield SystemCommand("Lập báo cáo định kỳ…",
                                "Báo cáo kết quả thực hiện kế hoạch đang soạn, từ các bảng theo dõi đơn vị gửi về",
                                self.action_report)
            yield SystemCommand("Xem trước bản in", "Hiện, ẩn các trang như khi in, bên cạnh bước đang soạn (F4)",
                                screen.action_preview)

    def action_report(self) -> None:
        from .screens.report import report_from_editor

        report_from_editor(self)

    def action_appendices(self) -> None:
        from .screens.appendix import open_appendices

        open_appendices(self)


def run(draft: Path | None = None) -> None:
    DrafterApp(draft).run()
