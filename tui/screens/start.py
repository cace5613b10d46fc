"""The first screen: new draft from a preset, open a draft file, recent drafts."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from drafter.model import all_tasks
from drafter.text import slug

from ..state import preset_choices, unreadable_presets
from ..widgets.fields import FnValidator, VInput
from ..widgets.keys import KeyFooter
from .dialogs import FormDialog

@dataclass(frozen=True)
class StartEntry:
    """One choice of the start screen: its line, its key, what it does (``run(screen)``)."""

    id: str
    label: str
    key: str
    description: str  # the footer's word for the key
    run: Callable[["StartScreen"], None]


# The start screen's choices, in order. A new way to begin (import a document, a report...) is one
# more entry here: its line, its key and what it runs.
ENTRIES: list[StartEntry] = [
    StartEntry("new", "＋ Tạo kế hoạch mới", "n", "Tạo mới", lambda screen: screen.action_new()),
    StartEntry("open", "📂 Mở tệp bản thảo…", "o", "Mở tệp", lambda screen: screen.action_open()),
    StartEntry("report", "📊 Báo cáo kết quả thực hiện…", "b", "Báo cáo", lambda screen: screen.action_report()),
    StartEntry("import", "📥 Nhập từ tệp Word/PDF…", "i", "Nhập Word/PDF", lambda screen: screen.action_import_file()),
]


class StartScreen(Screen):
    BINDINGS = [Binding("ctrl+q", "app.quit", "Thoát")]

    def __init__(self) -> None:
        super().__init__()
        for entry in ENTRIES:
            self._bindings.bind(entry.key, f"entry('{entry.id}')", entry.description)

    def compose(self) -> ComposeResult:
        with Vertical(id="start"):
            yield Static("[b]drafter[/b] — soạn kế hoạch của UBND xã, phường theo Nghị định 30/2020/NĐ-CP",
                         id="start-title")
            options = [Option(f"{e.label}  [dim]({e.key})[/dim]", id=e.id) for e in ENTRIES]
            recent = [p for p in self.app.store.recent() if p.exists()]
            if recent:
                options.append(None)
                options += [Option(f"   {p.name}  [dim]{p.parent}[/dim]", id=f"recent:{p}") for p in recent]
            yield Label("Bắt đầu" + ("  ·  Bản thảo gần đây ở dưới" if recent else ""), classes="section-label")
            yield OptionList(*options, id="start-menu")
            yield Static("Chọn bằng ↑ ↓ rồi Enter, hoặc bấm phím trong ngoặc.", classes="hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#start-menu", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        key = event.option.id or ""
        if key.startswith("recent:"):
            self.app.open_draft(Path(key.removeprefix("recent:")))
        else:
            self.action_entry(key)

    def action_entry(self, entry_id: str) -> None:
        for entry in ENTRIES:
            if entry.id == entry_id:
                entry.run(self)

    def action_new(self) -> None:
        self.app.push_screen(NewDraftScreen(), self._created)

    def _created(self, result) -> None:
        if result:
            self.app.new_from_preset(**result)

    def action_open(self) -> None:
        self.app.push_screen(OpenScreen(), lambda p: p and self.app.open_draft(p))

    def action_import_file(self) -> None:
        self.app.push_screen(ImportScreen(), self._imported)

    def _imported(self, result) -> None:
        if result:
            path, summary = result
            self.app.open_draft(path)
            self.app.notify(summary, title="Đã nhập")

    def action_report(self) -> None:
        from .report import make_report

        make_report(self.app)


def name_label(kind: str) -> str:
    return f"Tên {kind} (không kèm chữ «{kind}»)"


class NewDraftScreen(FormDialog):
    """Preset, commune name and type, where to save the draft."""

    ok_id = "create"

    def compose(self) -> ComposeResult:
        choices = preset_choices()
        self._choices = choices
        with Vertical(classes="dialog wide"):
            yield Label("Tạo kế hoạch mới từ mẫu (preset)", classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                if choices:
                    preset = Select([(label, i) for i, (label, _) in enumerate(choices)], id="preset",
                                    allow_blank=False, value=0)
                    preset.border_title = "Mẫu kế hoạch của cấp trên"
                    yield preset
                else:
                    yield Static("[b]Chưa có mẫu nào trong bản cài này.[/b] Hãy mở một tệp bản thảo có sẵn.",
                                 classes="error")
                name = VInput(placeholder="ví dụ: An Lạc", id="commune-name",
                              validators=[FnValidator(lambda v: None, allow_empty=False)])
                name.border_title = name_label("xã")
                yield name
                with Horizontal(classes="row"):
                    kind = Select([("xã", "xã"), ("phường", "phường"), ("đặc khu", "đặc khu")],
                                  value="xã", allow_blank=False, id="commune-type")
                    kind.border_title = "Loại"
                    yield kind
                    province = VInput(placeholder=self._province_hint(0), id="province")
                    province.border_title = "Tỉnh, thành phố"
                    yield province
                bad = unreadable_presets()
                if bad:  # a broken preset is named, never hides the others
                    yield Static("Mẫu không đọc được (đã bỏ qua):\n" + "\n".join(f"• {b}" for b in bad),
                                 classes="error", markup=False, id="bad-presets")
                target = VInput(str(Path.cwd() / "ke-hoach.yaml"), id="target")
                target.border_title = "Lưu bản thảo vào tệp"
                yield target
            yield Static("", id="new-error", classes="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Tạo", id="create", variant="primary", disabled=not choices)
                yield Button("Hủy", id="cancel")

    def _province_hint(self, index) -> str:
        """The chosen preset's own province, as the example (never another province's name)."""
        try:
            from drafter.presets import load_preset

            province = load_preset(self._choices[index][1]).spec.province
        except Exception:  # noqa: BLE001 - a broken preset shows no hint, never a traceback
            return "để trống: theo mẫu"
        return f"để trống: {province}"

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "commune-type":
            self.query_one("#commune-name", VInput).border_title = name_label(str(event.value))
        elif event.select.id == "preset" and isinstance(event.value, int):
            self.query_one("#province", VInput).placeholder = self._province_hint(event.value)

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


class ImportScreen(FormDialog):
    """A plan as it arrives (Word, PDF, text) → a draft file next to it, then opened for editing."""

    ok_id = "import"
    SUFFIXES = (".docx", ".doc", ".pdf", ".txt")

    def compose(self) -> ComposeResult:
        from textual.widgets import DirectoryTree

        suffixes = self.SUFFIXES

        class PlanTree(DirectoryTree):
            def filter_paths(self, paths):
                return [p for p in paths if not p.name.startswith((".", "~$"))
                        and (p.is_dir() or p.suffix.lower() in suffixes)]

        with Vertical(classes="dialog wide tall"):
            yield Label("Nhập kế hoạch từ tệp Word, PDF hoặc văn bản", classes="dialog-title")
            yield VInput(placeholder="đường dẫn tệp, ví dụ: ke-hoach-2025.docx", id="import-path")
            yield PlanTree(Path.cwd(), id="import-tree")
            yield Label("Lưu bản thảo vào tệp")
            yield VInput("", id="import-target")
            yield Static("", id="import-error", classes="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Nhập", id="import", variant="primary")
                yield Button("Hủy", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#import-path").focus()

    def on_input_changed(self, event: VInput.Changed) -> None:
        if event.input.id == "import-path" and event.value.strip():
            self.query_one("#import-target", VInput).value = str(Path(event.value.strip()).with_suffix(".yaml"))

    def on_directory_tree_file_selected(self, event) -> None:
        self.query_one("#import-path", VInput).value = str(event.path)
        self.query_one("#import-target", VInput).value = str(Path(event.path).with_suffix(".yaml"))

    def accept(self) -> None:
        from drafter.atomic import write_text
        from drafter.errors import DrafterError
        from drafter.importing import import_file

        error = self.query_one("#import-error", Static)
        value = self.query_one("#import-path", VInput).value.strip()
        source = Path(value).expanduser() if value else None
        if not source or not source.is_file():
            error.update("Không tìm thấy tệp; hãy kiểm tra đường dẫn.")
            return
        target_text = self.query_one("#import-target", VInput).value.strip()
        target = Path(target_text).expanduser() if target_text else source.with_suffix(".yaml")
        if target.exists():
            error.update(f"Tệp {target} đã có; hãy chọn tên khác.")
            return
        try:
            imported = import_file(source)
            write_text(target, imported.text)
        except DrafterError as exc:
            error.update("; ".join(str(p) for p in exc.problems[:2]))
            return
        except OSError as exc:
            error.update(f"Không ghi được {target}: {exc.strerror or exc}")
            return
        free = len(imported.recognised.free)
        self.dismiss((target, f"Đã nhập {source.name}: {len(imported.draft.sections)} mục, "
                              f"{sum(1 for _ in all_tasks(imported.draft))} nhiệm vụ"
                              + (f"; {free} đoạn không nhận ra (giữ nguyên, xem ghi chú trong tệp)" if free else "")))
