"""Keys in Vietnamese: a footer in one fixed order that fits 80 columns, and the F1 key panel.

Textual describes its own bindings in English ("Scroll Left", "Dismiss menu", "Focus Next").
Every description shown goes through :func:`describe`: Textual's words are translated, and a
Textual binding without a translation is left out rather than shown in English.
"""
from __future__ import annotations

from collections import defaultdict

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, KeyPanel
from textual.widgets._footer import FooterKey
from textual.widgets._key_panel import BindingsTable

# Textual's own binding descriptions, as an official reads them.
WORDS = {
    "Quit": "Thoát", "Copy": "Chép", "Copy selected text": "Chép phần đã chọn", "Cut": "Cắt",
    "Cut selected text": "Cắt phần đã chọn", "Paste": "Dán", "Paste text from the clipboard": "Dán",
    "Undo": "Hoàn tác (trong ô)", "Redo": "Làm lại (trong ô)", "Select all": "Chọn hết",
    "Select line": "Chọn dòng", "Select line start": "Chọn tới đầu dòng", "Select line end": "Chọn tới cuối dòng",
    "Delete line": "Xóa dòng", "Delete to line start": "Xóa tới đầu dòng", "Delete to line end": "Xóa tới cuối dòng",
    "Delete character left": "Xóa ký tự trái", "Delete character right": "Xóa ký tự phải",
    "Delete left to start of word": "Xóa tới đầu từ", "Delete right to start of word": "Xóa tới từ sau",
    "Delete all to the left": "Xóa hết bên trái", "Delete all to the right": "Xóa hết bên phải",
    "Move cursor left": "Sang trái", "Move cursor right": "Sang phải",
    "Move cursor left a word": "Lùi một từ", "Move cursor right a word": "Tiến một từ",
    "Move cursor left and select": "Chọn sang trái", "Move cursor right and select": "Chọn sang phải",
    "Move cursor left a word and select": "Chọn lùi một từ", "Move cursor right a word and select": "Chọn tiến một từ",
    "Move cursor right or accept the completion suggestion": "Sang phải, nhận gợi ý",
    "Go to start": "Về đầu", "Go to end": "Về cuối", "Submit": "Xác nhận",
    "Cursor up": "Lên", "Cursor down": "Xuống", "Cursor left": "Sang trái", "Cursor right": "Sang phải",
    "Cursor Up": "Lên", "Cursor Down": "Xuống", "Cursor up select": "Chọn lên", "Cursor down select": "Chọn xuống",
    "Cursor left select": "Chọn sang trái", "Cursor right select": "Chọn sang phải",
    "Cursor word left": "Lùi một từ", "Cursor word right": "Tiến một từ",
    "Cursor left word select": "Chọn lùi một từ", "Cursor right word select": "Chọn tiến một từ",
    "Cursor line start": "Đầu dòng", "Cursor line end": "Cuối dòng",
    "Cursor line start select": "Chọn tới đầu dòng", "Cursor line end select": "Chọn tới cuối dòng",
    "Cursor page up": "Lên một trang", "Cursor page down": "Xuống một trang",
    "Cursor to parent": "Lên mục cha", "Cursor to next sibling": "Mục ngang hàng sau",
    "Cursor to previous sibling": "Mục ngang hàng trước", "Cursor to next ancestor": "Mục cha kế tiếp",
    "Expand or collapse all": "Mở, thu gọn tất cả", "Toggle": "Bật, tắt", "Toggle option": "Chọn, bỏ chọn",
    "Select": "Chọn", "Show menu": "Mở danh sách", "Dismiss menu": "Đóng danh sách", "Press button": "Bấm nút",
    "Up": "Lên", "Down": "Xuống", "First": "Đầu danh sách", "Last": "Cuối danh sách",
    "Top": "Đầu bảng", "Bottom": "Cuối bảng", "Home": "Đầu dòng", "End": "Cuối dòng",
    "Page Up": "Lên một trang", "Page Down": "Xuống một trang", "Page up": "Lên một trang",
    "Page down": "Xuống một trang", "Page Left": "Sang trái một trang", "Page Right": "Sang phải một trang",
    "Scroll Up": "Cuộn lên", "Scroll Down": "Cuộn xuống", "Scroll Left": "Cuộn sang trái",
    "Scroll Right": "Cuộn sang phải", "Scroll Home": "Cuộn về đầu", "Scroll End": "Cuộn về cuối",
    "Focus Next": "Ô kế tiếp", "Focus Previous": "Ô trước",
    "Next option": "Lựa chọn sau", "Previous option": "Lựa chọn trước",
    "Exit the command palette": "Đóng bảng lệnh", "Next command": "Lệnh sau", "Previous command": "Lệnh trước",
    "Go to top": "Về đầu", "Go to bottom": "Về cuối", "Next page": "Trang sau", "Previous page": "Trang trước",
    "Toggle collapsible": "Mở, thu gọn", "Next tab": "Thẻ sau", "Previous tab": "Thẻ trước", "Open link": "Mở liên kết",
}

# The keys every editing step shares, always first and in this order; a step's own keys follow
# (Esc comes before them while a dropdown is open).
# F4 (the pages as printed) comes last: at 80 columns the footer has no room left for it, and the F1
# panel lists it.
ORDER = ["save", "export", "step(-1)", "step(1)", "sidebar", "undo", "toggle_keys", "quit", "preview"]
STEPS_GROUP = Binding.Group("Bước", compact=True)  # F5/F6 shown as one item: "f5 f6 Bước"

# Titles of the key panel's groups, by the class that binds them.
GROUP_TITLES = {"TextArea": "Ô văn bản", "VTextArea": "Ô văn bản", "Input": "Ô nhập", "VInput": "Ô nhập",
                "Tree": "Cây nội dung", "OptionList": "Danh sách", "Sidebar": "Các bước", "DataTable": "Bảng",
                "Select": "Ô chọn", "SelectOverlay": "Danh sách chọn", "SelectionList": "Danh sách chọn",
                "Checkbox": "Ô đánh dấu", "Button": "Nút", "EditorScreen": "Soạn thảo", "DrafterApp": "Chung"}


def describe(namespace, binding: Binding) -> str | None:
    """What the user reads for a binding; None: Textual's English with no translation (not shown)."""
    text = binding.description
    if text in WORDS:
        return WORDS[text]
    if type(namespace).__module__.startswith("textual.") or not text:
        return None
    return text


def group_title(namespace) -> str:
    from ..steps.base import Step
    from ..state import STEP_TITLES

    if isinstance(namespace, Step):
        return f"Bước «{STEP_TITLES[namespace.key]}»"
    for cls in type(namespace).__mro__:
        if cls.__name__ in GROUP_TITLES:
            return GROUP_TITLES[cls.__name__]
    return ""


def footer_items(screen) -> list[tuple[Binding, bool, str]]:
    """(binding, enabled, description) of the keys the footer shows, in its fixed order."""
    items = []
    for namespace, binding, enabled, _tooltip in screen.active_bindings.values():
        if not binding.show or binding.action == "command_palette":
            continue
        text = describe(namespace, binding)
        if text:
            items.append((binding, enabled, text))
    # a shared key a focused field takes over (Ctrl+Z undoes typing in a text box) keeps its place
    shown = {it[0].action.removeprefix("app.") for it in items}
    for namespace, bindings in screen._modal_binding_chain:
        for _key, binding in bindings:
            action = binding.action.removeprefix("app.")
            if binding.show and action in ORDER and action not in shown and (text := describe(namespace, binding)):
                shown.add(action)
                items.append((binding, True, text))
    first = {action: i for i, action in enumerate(ORDER)}
    seen_actions: set[str] = set()
    unique = []
    for item in items:  # one key an action (ctrl+q is bound by the app and the screen)
        if item[0].action.removeprefix("app.") not in seen_actions:
            seen_actions.add(item[0].action.removeprefix("app."))
            unique.append(item)
    # Esc (close the open dropdown or dialog) first while it is there, then the fixed order
    return sorted(unique, key=lambda it: -1 if it[0].key == "escape"
                  else first.get(it[0].action.removeprefix("app."), len(ORDER)))


class KeyFooter(Footer):
    """Textual's footer, in one order on every step, keeping only what fits the width (never a cut word).

    The keys left out are in the F1 panel.
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(compact=True, **kwargs)

    def on_resize(self) -> None:
        if self._bindings_ready:
            self.call_after_refresh(self.recompose)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        app = self.app
        palette = app.screen.active_bindings.get(app.COMMAND_PALETTE_BINDING) if app.ENABLE_COMMAND_PALETTE else None
        room = (self.size.width or app.size.width) - (len(app.get_key_display(palette[1])) + 6 if palette else 0)
        items = footer_items(self.screen)
        i = 0
        while i < len(items):
            binding, enabled, text = items[i]
            group = binding.group
            if group is not None and i + 1 < len(items) and items[i + 1][0].group is group:
                # "f5 f6 Bước": the first key bare, the last with the group's word
                shown = [(b, on, "") for b, on, _ in items[i:i + 2]]
                shown[-1] = (shown[-1][0], shown[-1][1], group.description)
                i += 2
            else:
                shown = [(binding, enabled, text)]
                i += 1
            need = sum(len(app.get_key_display(b)) + (len(t) + 1 if t else 0) + 1 for b, _, t in shown)
            if need > room:
                continue
            room -= need
            for b, on, t in shown:
                yield FooterKey(b.key, app.get_key_display(b), t, b.action, disabled=not on,
                                tooltip=b.tooltip).data_bind(compact=Footer.compact)
        if palette is not None:
            _node, binding, enabled, _tooltip = palette
            yield FooterKey(binding.key, app.get_key_display(binding), binding.description, binding.action,
                            classes="-command-palette", disabled=not enabled, tooltip=binding.tooltip)


class VietBindingsTable(BindingsTable):
    """Textual's key table with every description in Vietnamese, grouped under Vietnamese titles."""

    def render_bindings_table(self) -> Table:
        key_style = self.get_component_rich_style("bindings-table--key")
        header_style = self.get_component_rich_style("bindings-table--header")
        description_style = self.get_component_rich_style("bindings-table--description")
        table = Table(padding=(0, 0), show_header=False, box=box.SIMPLE)
        table.add_column("", justify="right")
        groups: dict[int, tuple[object, dict[str, list]]] = {}
        for namespace, binding, _enabled, _tooltip in self.screen.active_bindings.values():
            text = describe(namespace, binding)
            if binding.system or not text:
                continue
            _, actions = groups.setdefault(id(namespace), (namespace, defaultdict(list)))
            actions[text].append(self.app.get_key_display(binding))
        # drafter's own keys first (the step's, then the editor's and the app's), Textual's widget keys after
        ordered = sorted(groups.values(), key=lambda g: type(g[0]).__module__.startswith("textual."))
        for namespace, actions in ordered:
            title = group_title(namespace)
            if title:
                table.add_row("", Text(title, style=header_style))
            for text, keys in actions.items():
                table.add_row(Text(" ".join(dict.fromkeys(keys)), style=key_style), Text(text, style=description_style))
            table.add_section()
        return table


class KeysPanel(KeyPanel):
    """The F1 panel: every key of the focused place, in Vietnamese."""

    DEFAULT_CSS = """
    KeysPanel { min-width: 34; max-width: 44; width: 44%; }
    """

    def compose(self) -> ComposeResult:
        yield VietBindingsTable(shrink=True, expand=False)
