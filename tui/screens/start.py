"""The first screen: new draft from a preset, open a draft file, recent drafts."""
from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from drafter.text import slug

from ..state import preset_choices, unreadable_presets
from ..widgets.fields import FnValidator, VInput
from .dialogs import FormDialog

NEW, OPEN, REPORT = "new", "open", "report"


class StartScreen(Screen):
    BINDINGS = [
        Binding("n", "new", "Tạo mới"),
        Binding("o", "open", "Mở tệp"),
        Binding("b", "report", "Báo cáo"),
        Binding("ctrl+q", "app.quit", "Thoát"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="start"):
            yield Static("[b]drafter[/b] — soạn kế hoạch của UBND xã, phường theo Nghị định 30/2020/NĐ-CP",
                         id="start-title")
            options = [Option("＋ Tạo kế hoạch mới", id=NEW), Option("📂 Mở tệp bản thảo…", id=OPEN),
                       Option("📊 Báo cáo kết quả thực hiện…", id=REPORT)]
            recent = [p for p in self.app.store.recent() if p.exists()]
            if recent:
                options.append(None)
                options += [Option(f"   {p.name}  [dim]{p.parent}[/dim]", id=f"recent:{p}") for p in recent]
            yield Label("Bắt đầu" + ("  ·  Bản thảo gần đây ở dưới" if recent else ""), classes="section-label")
            yield OptionList(*options, id="start-menu")
            yield Static("Chọn bằng ↑ ↓ rồi Enter, hoặc bấm chuột.", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#start-menu", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        key = event.option.id or ""
        if key == NEW:
            self.action_new()
        elif key == OPEN:
            self.action_open()
        elif key == REPORT:
            self.action_report()
        elif key.startswith("recent:"):
            self.app.open_draft(Path(key.removeprefix("recent:")))

    def action_new(self) -> None:
        self.app.push_screen(NewDraftScreen(), self._created)

    def _created(self, result) -> None:
        if result:
            self.app.new_from_preset(**result)

    def action_open(self) -> None:
        self.app.push_screen(OpenScreen(), lambda p: p and self.app.open_draft(p))

    def action_report(self) -> None:
        from .report import ReportScreen

        self.app.push_screen(ReportScreen(), self._reported)

    def _reported(self, result) -> None:
        if result:
            path, problems = result
            self.app.open_draft(path)
            note = f"Đã lập {path.name}; viết các đoạn gợi ý trong ngoặc vuông rồi xuất ra Word."
            if problems:
                note += f"\n{len(problems)} điều khi đọc bảng theo dõi, ví dụ: {problems[0]}"
            self.app.notify(note, title="Báo cáo", severity="warning" if problems else "information", timeout=10)


class NewDraftScreen(FormDialog):
    """Preset, commune name and type, where to save the draft."""

    ok_id = "create"

    def compose(self) -> ComposeResult:
        choices = preset_choices()
        with VerticalScroll(classes="dialog wide"):
            yield Label("Tạo kế hoạch mới từ mẫu (preset)", classes="dialog-title")
            if choices:
                yield Label("Mẫu kế hoạch của cấp trên")
                yield Select([(label, i) for i, (label, _) in enumerate(choices)], id="preset",
                             allow_blank=False, value=0)
            else:
                yield Static("[b]Chưa có mẫu nào trong bản cài này.[/b] Hãy mở một tệp bản thảo có sẵn.",
                             classes="error")
            bad = unreadable_presets()
            if bad:  # a broken preset is named, never hides the others
                yield Static("Mẫu không đọc được (đã bỏ qua):\n" + "\n".join(f"• {b}" for b in bad),
                             classes="error", markup=False, id="bad-presets")
            yield Label("Tên xã, phường (không kèm chữ «xã»)")
            yield VInput(placeholder="ví dụ: An Lạc", id="commune-name",
                         validators=[FnValidator(lambda v: None, allow_empty=False)])
            with Horizontal(classes="row"):
                with Vertical():
                    yield Label("Loại")
                    yield Select([("xã", "xã"), ("phường", "phường"), ("đặc khu", "đặc khu")],
                                 value="xã", allow_blank=False, id="commune-type")
                with Vertical():
                    yield Label("Tỉnh, thành phố")
                    yield VInput(placeholder="ví dụ: Bắc Ninh", id="province")
            yield Label("Lưu bản thảo vào tệp")
            yield VInput(str(Path.cwd() / "ke-hoach.yaml"), id="target")
            yield Static("", id="new-error", classes="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Tạo", id="create", variant="primary", disabled=not choices)
                yield Button("Hủy", id="cancel")
        self._choices = choices

    def on_mount(self) -> None:
        self.query_one("#commune-name").focus()

    def on_input_changed(self, event: VInput.Changed) -> None:
        if event.input.id == "commune-name":
            target = self.query_one("#target", VInput)
            folder = Path(target.value).parent if target.value else Path.cwd()
            name = slug(event.value, "don-vi") if event.value.strip() else ""
            target.value = str(folder / (f"ke-hoach-{name}.yaml" if name else "ke-hoach.yaml"))

    def accept(self) -> None:
        name = self.query_one("#commune-name", VInput).value.strip()
        error = self.query_one("#new-error", Static)
        if not self._choices:
            error.update("Chưa có mẫu nào để tạo kế hoạch.")
            return
        if not name:
            error.update("Hãy nhập tên xã, phường.")
            self.query_one("#commune-name").focus()
            return
        target = self.query_one("#target", VInput).value.strip()
        if target and Path(target).exists():
            error.update(f"Tệp {target} đã có; hãy chọn tên khác (hoặc mở tệp đó).")
            return
        province = self.query_one("#province", VInput).value.strip()
        commune = {"name": name, "type": self.query_one("#commune-type", Select).value}
        if province:
            commune["province"] = province
        spec = self._choices[self.query_one("#preset", Select).value][1]
        self.dismiss({"spec": spec, "commune": commune, "path": Path(target) if target else None})


class OpenScreen(FormDialog):
    """Type a path or pick a YAML file in the tree."""

    ok_id = "open"

    def compose(self) -> ComposeResult:
        from textual.widgets import DirectoryTree

        class YamlTree(DirectoryTree):
            def filter_paths(self, paths):
                return [p for p in paths if not p.name.startswith(".")
                        and (p.is_dir() or p.suffix in (".yaml", ".yml"))]

        with Vertical(classes="dialog wide tall"):
            yield Label("Mở tệp bản thảo (.yaml)", classes="dialog-title")
            yield VInput(placeholder="đường dẫn tệp, ví dụ: ke-hoach-an-lac.yaml", id="open-path")
            yield YamlTree(Path.cwd(), id="open-tree")
            yield Static("", id="open-error", classes="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Mở", id="open", variant="primary")
                yield Button("Hủy", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#open-path").focus()

    def on_directory_tree_file_selected(self, event) -> None:
        self.query_one("#open-path", VInput).value = str(event.path)
        self.accept()

    def accept(self) -> None:
        value = self.query_one("#open-path", VInput).value.strip()
        path = Path(value).expanduser() if value else None
        if not path or not path.is_file():
            self.query_one("#open-error", Static).update("Không tìm thấy tệp; hãy kiểm tra đường dẫn.")
            return
        self.dismiss(path)
