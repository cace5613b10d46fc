"""The editing steps. Each step reads the session's YAML when composed and writes every
change straight back into it (``Session.set``), which validates again."""
from __future__ import annotations

import copy
from pathlib import Path

from rich.markup import escape
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import (Button, Checkbox, DataTable, OptionList, Select, SelectionList, Static,
                             TextArea, Tree)
from textual.widgets.option_list import Option

from ..state import STEP_TITLES, as_list, iter_tasks, nfc, section_kind, slug, step_of_field
from .fields import FnValidator, VInput, VTextArea, check_date, check_symbol, check_unit_name


def cmap(**kwargs) -> CommentedMap:
    m = CommentedMap()
    for k, v in kwargs.items():
        m[k] = v
    return m


def strings_of(node) -> str:
    return "\n".join(str(i) for i in (node or {}).get("items") or [] if isinstance(i, str))


def lines_of(text: str) -> list[str]:
    return [nfc(line.strip()) for line in text.splitlines() if line.strip()]


def short(text, width: int) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


class Step(VerticalScroll):
    """Base of a step: generic writing of fields that carry a ``field`` path."""

    key = ""

    def __init__(self) -> None:
        super().__init__(id=f"step-{self.key}", classes="step")

    @property
    def session(self):
        return self.app.session

    @property
    def data(self):
        return self.app.session.data

    def heading(self) -> Static:
        return Static(STEP_TITLES[self.key], classes="step-title")

    def changed(self) -> None:
        self.app.session_changed()

    def write(self, path: tuple, value, drop_empty: bool = False) -> bool:
        if self.session.set(path, value, drop_empty=drop_empty):
            self.changed()
            return True
        return False

    def set_strings(self, node_path: tuple, text: str) -> None:
        """Paragraphs of a node (its string items) from one-paragraph-a-line text."""
        node = self.session.get(node_path)
        if not isinstance(node, dict):
            return
        items = node.get("items")
        if isinstance(items, str):
            items = CommentedSeq([items])
            node["items"] = items
        if items is None:
            items = CommentedSeq()
        new = lines_of(text)
        old_idx = [i for i, it in enumerate(items) if isinstance(it, str)]
        if [items[i] for i in old_idx] == new:
            return
        for k, i in enumerate(old_idx):
            if k < len(new):
                items[i] = new[k]
        for i in reversed(old_idx[len(new):]):
            del items[i]
        for line in new[len(old_idx):]:
            items.append(line)
        if items and "items" not in node:
            node["items"] = items
        if not items and "items" in node:
            del node["items"]
        self.session.touch()
        self.changed()

    # generic handlers: a widget with ``field`` writes there; ``setter`` overrides
    def _dispatch(self, widget, value) -> None:
        setter = getattr(widget, "setter", None)
        field = getattr(widget, "field", None)
        if setter is not None:
            setter(value)
        elif field is not None:
            self.write(field, value, drop_empty=getattr(widget, "drop_empty", False))

    def on_input_changed(self, event: VInput.Changed) -> None:
        if getattr(event.input, "field", None) is not None or getattr(event.input, "setter", None):
            event.stop()
            self._dispatch(event.input, event.value)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        w = event.text_area
        if getattr(w, "field", None) is not None or getattr(w, "setter", None):
            event.stop()
            self._dispatch(w, w.text)

    def on_select_changed(self, event: Select.Changed) -> None:
        w = event.select
        if getattr(w, "field", None) is not None or getattr(w, "setter", None):
            event.stop()
            value = None if event.value is Select.NULL else event.value
            self._dispatch(w, value)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        w = event.checkbox
        if getattr(w, "field", None) is not None or getattr(w, "setter", None):
            event.stop()
            self._dispatch(w, event.value)

    # helpers that build fields
    def field_input(self, label: str, path: tuple, *, placeholder: str = "", drop_empty: bool = False,
                    validators=None, restrict: str | None = None, setter=None, value=None, id=None):
        current = value if value is not None else self.session.get(path)
        w = VInput("" if current is None else str(current), placeholder=placeholder, field=path,
                   validators=validators, restrict=restrict, id=id, valid_empty=True)
        w.drop_empty = drop_empty
        w.setter = setter
        w.border_title = label
        return w

    def field_text(self, label: str, path: tuple, *, text: str | None = None, drop_empty: bool = False,
                   setter=None, placeholder: str = "", classes: str = "", id=None):
        current = text if text is not None else self.session.get(path)
        w = VTextArea("" if current is None else str(current), field=path, placeholder=placeholder,
                      classes=classes, id=id)
        w.drop_empty = drop_empty
        w.setter = setter
        w.border_title = label
        return w

    def field_select(self, label: str, path: tuple, options, *, allow_blank=True, prompt="(chưa chọn)",
                     setter=None, value=None, id=None):
        current = value if value is not None else self.session.get(path)
        values = [v for _, v in options]
        w = Select(options, allow_blank=allow_blank, prompt=prompt, id=id,
                   value=current if current in values else (Select.NULL if allow_blank else values[0]))
        w.field = path
        w.setter = setter
        w.drop_empty = True
        w.border_title = label
        return w

    def focus_field(self, path: tuple) -> None:
        """Focus the field that edits ``path`` (or the nearest one above it)."""
        best, best_len = None, -1
        for w in self.query("*"):
            field = getattr(w, "field", None)
            if not isinstance(field, tuple) or not w.focusable:
                continue
            if path[: len(field)] == field and len(field) > best_len:
                best, best_len = w, len(field)
        if best is not None:
            best.focus()
            self.scroll_to_widget(best)
        else:
            self.focus_first()

    def focus_first(self) -> None:
        for w in self.query("*"):
            if w.focusable and not isinstance(w, (VerticalScroll, Static)):
                w.focus(scroll_visible=False)
                break
        self.scroll_home(animate=False)

    def refresh_view(self) -> None:
        """Called after any change elsewhere (derived text, previews)."""

    def after_compose(self) -> None:
        """Fill what compose cannot (tables, trees, previews); runs after every (re)compose."""

    def on_mount(self) -> None:
        self.after_compose()

    async def reload(self) -> None:
        await self.recompose()
        self.after_compose()


# ----------------------------------------------------------------------------- 1. general

KINDS = [("Kế hoạch", "ke-hoach"), ("Quyết định ban hành kèm Kế hoạch", "quyet-dinh")]
COMMUNE_TYPES = [("xã", "xã"), ("phường", "phường"), ("đặc khu", "đặc khu"), ("tỉnh", "tỉnh"),
                 ("thành phố", "thành phố")]


class GeneralStep(Step):
    key = "general"

    def compose(self) -> ComposeResult:
        yield self.heading()
        kind = self.session.get(("kind",)) or "ke-hoach"
        yield self.field_select("Loại văn bản", ("kind",), KINDS, allow_blank=False, value=kind,
                                setter=self._set_kind, id="f-kind")
        with Horizontal(classes="row"):
            yield self.field_input("Tên xã, phường", ("commune", "name"), id="f-commune")
            yield self.field_select("Loại", ("commune", "type"), COMMUNE_TYPES, allow_blank=False,
                                    value=self.session.get(("commune", "type")) or "xã", id="f-ctype")
        lines = self.session.get(("issuer", "lines")) or []
        yield self.field_text("Cơ quan ban hành (mỗi dòng một dòng; để trống: tự động)", ("issuer", "lines"),
                              text="\n".join(lines), setter=self._set_issuer, classes="short",
                              placeholder="ỦY BAN NHÂN DÂN / XÃ ...")
        with Horizontal(classes="row"):
            yield self.field_input("Số (văn thư ghi)", ("number",), restrict=r"[0-9]*",
                                   placeholder="để trống", id="f-number")
            yield self.field_input("Ngày ban hành", ("date",), validators=[FnValidator(check_date, False)],
                                   placeholder="2026-06 hoặc 05/6/2026", id="f-date")
        yield self.field_input("Địa danh", ("place",), drop_empty=True,
                               placeholder=str(self.session.get(("commune", "name")) or ""), id="f-place")
        yield self.field_text("Trích yếu (kế hoạch về việc gì)", ("subject",), classes="short", id="f-subject")
        yield self.field_text("Câu dẫn sau căn cứ", ("preamble",), drop_empty=True, classes="short")
        if kind == "quyet-dinh":
            yield Static("Quyết định ban hành kế hoạch", classes="section-label")
            with Horizontal(classes="row"):
                yield self.field_input("Số quyết định", ("decision", "number"), restrict=r"[0-9]*",
                                       placeholder="để trống")
                yield self.field_input("Theo đề nghị của", ("decision", "proposer"), drop_empty=True)

    def _set_kind(self, value) -> None:
        if value and self.write(("kind",), value):
            self.call_after_refresh(self.reload)

    def _set_issuer(self, text: str) -> None:
        lines = lines_of(text)
        self.write(("issuer", "lines"), CommentedSeq(lines) if lines else None, drop_empty=True)
        issuer = self.session.get(("issuer",))
        if isinstance(issuer, dict) and not issuer:
            self.write(("issuer",), None, drop_empty=True)


# ----------------------------------------------------------------------------- 2. bases

CITE_FIELDS = [("kind", "Loại văn bản", "Nghị quyết"), ("number", "Số, ký hiệu", "76/NQ-CP"),
               ("date", "Ngày", "15/7/2021"), ("issuer", "Cơ quan ban hành", "Chính phủ"),
               ("subject", "Trích yếu", "về ..."), ("name", "Tên (với luật)", ""),
               ("text", "Hoặc ghi nguyên văn", "")]


def resolved(entry) -> object | None:
    """The citation as the document will show it (a library entry completed by its own fields)."""
    from pydantic import ValidationError

    from drafter.library import citation_library
    from drafter.model import Citation
    from drafter.yamlio import to_plain

    if not isinstance(entry, dict):
        return None
    own = {k: v for k, v in to_plain(entry).items() if v is not None}
    if own.get("ref"):
        lib = citation_library().get(own["ref"])
        if lib is None:
            return None
        own = {**lib.model_dump(exclude_none=True), **own}
    try:
        return Citation.model_validate({k: (str(v) if k != "ref" else v) for k, v in own.items()})
    except ValidationError:
        return None


def cite_line(entry) -> str:
    from drafter.outline import cite, verb

    c = resolved(entry)
    if c is None:
        if isinstance(entry, dict) and entry.get("ref"):
            return f"(không có mã «{entry.get('ref')}» trong thư viện)"
        return "(căn cứ chưa đủ: cần loại và số văn bản, hoặc nguyên văn)"
    return f"{verb(c)} {cite(c)}"


class BasesStep(Step):
    key = "bases"
    BINDINGS = [Binding("ctrl+up", "move(-1)", "Lên", show=False),
                Binding("ctrl+down", "move(1)", "Xuống", show=False)]

    def __init__(self) -> None:
        super().__init__()
        self.index = 0
        self.root: tuple = ("bases",)  # or ("decision", "bases"): the decision cites its own

    @property
    def bases(self):
        return self.session.get(self.root) or []

    @property
    def has_decision(self) -> bool:
        return self.session.get(("kind",)) == "quyet-dinh"

    def compose(self) -> ComposeResult:
        from drafter.library import citation_library

        yield self.heading()
        which = Select([("Căn cứ của Kế hoạch", "plan"), ("Căn cứ của Quyết định ban hành", "decision")],
                       value="plan", allow_blank=False, id="b-which")
        which.border_title = "Văn bản"
        which.display = self.has_decision
        yield which
        yield OptionList(*self._options(), id="bases-list")
        with Horizontal(classes="buttons"):
            yield Button("↑ Lên", id="b-up", compact=True)
            yield Button("↓ Xuống", id="b-down", compact=True)
            yield Button("Xóa", id="b-del", compact=True, variant="error")
            yield Button("＋ Tự nhập", id="b-add", compact=True, variant="primary")
        lib = [(short(f"{k} — {cite_line({'ref': k})}", 70), k) for k in citation_library()]
        with Horizontal(classes="row"):
            sel = Select(lib, prompt="Chọn căn cứ trong thư viện…", id="b-lib")
            sel.border_title = "Thêm từ thư viện"
            yield sel
            yield Button("＋ Thêm", id="b-add-lib", compact=True, variant="primary")
        yield Static(id="b-sentence", classes="preview-box")
        yield Vertical(id="b-form")

    def after_compose(self) -> None:
        self._refresh_sentence()
        lst = self.query_one("#bases-list", OptionList)
        if self.bases:
            lst.highlighted = min(self.index, len(self.bases) - 1)
        self.call_after_refresh(self._build_form)

    def _options(self):
        return [Option(f"{i}. {escape(cite_line(b))}", id=str(i)) for i, b in enumerate(self.bases, 1)] or \
            [Option("(chưa có căn cứ; thêm từ thư viện hoặc tự nhập)", id="none", disabled=True)]

    def _refresh_list(self) -> None:
        lst = self.query_one("#bases-list", OptionList)
        lst.set_options(self._options())
        if self.bases:
            lst.highlighted = min(self.index, len(self.bases) - 1)

    def _refresh_sentence(self) -> None:
        from drafter.outline import bases_sentence, cite, verb

        self.query_one("#b-which", Select).display = self.has_decision
        cites = [c for c in (resolved(b) for b in self.bases) if c is not None]
        if self.root[0] == "decision":
            # A decision cites one basis a line, each ending with ";" (drafter.context does the same).
            title, text = "Các dòng căn cứ của quyết định:", "\n".join(f"{verb(c)} {cite(c)};" for c in cites)
        else:
            end = str(self.session.get(("bases_end",)) or ",")
            preamble = self.session.get(("preamble",)) or ""
            title = "Câu căn cứ trong kế hoạch:"
            text = bases_sentence(cites) + (f"{end} {preamble}" if preamble and end != "." else ".")
        self.query_one("#b-sentence", Static).update(f"[b]{title}[/b]\n" + escape(text if cites else "(chưa có)"))

    async def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "b-which":
            return
        event.stop()
        root = ("decision", "bases") if event.value == "decision" else ("bases",)
        if root != self.root:
            self.root, self.index = root, 0
            self._refresh_list()
            self._refresh_sentence()
            await self._build_form()

    async def _build_form(self) -> None:
        form = self.query_one("#b-form", Vertical)
        await form.remove_children()
        if not self.bases:
            return
        i = min(self.index, len(self.bases) - 1)
        entry = self.bases[i]
        path = self.root + (i,)
        widgets = [Static(f"Căn cứ {i + 1}" + (f" — từ thư viện «{entry.get('ref')}»; các ô dưới đây ghi đè"
                                             if entry.get("ref") else ""), classes="section-label")]
        lib = resolved({"ref": entry.get("ref")}) if entry.get("ref") else None
        widgets.append(self.field_select("Động từ", path + ("verb",),
                                         [("Căn cứ", "Căn cứ"), ("Thực hiện (văn bản của Đảng)", "Thực hiện")],
                                         prompt="(tự động)"))
        for key, label, hint in CITE_FIELDS:
            placeholder = str(getattr(lib, key, None) or hint) if lib else hint
            validators = [FnValidator(check_symbol)] if key == "number" else None
            widgets.append(self.field_input(label, path + (key,), drop_empty=True, placeholder=placeholder,
                                            validators=validators))
        await form.mount_all(widgets)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id and event.option.id.isdigit() and int(event.option.id) - 1 != self.index:
            self.index = int(event.option.id) - 1
            self.run_worker(self._build_form, exclusive=True, group="bform")

    def changed(self) -> None:
        super().changed()
        lst = self.query_one("#bases-list", OptionList)
        if self.bases and self.index < len(self.bases):
            lst.replace_option_prompt_at_index(self.index, f"{self.index + 1}. {escape(cite_line(self.bases[self.index]))}")
        self._refresh_sentence()

    async def _structure_changed(self) -> None:
        self.session.touch()
        self.app.session_changed()
        self._refresh_list()
        self._refresh_sentence()
        await self._build_form()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        bid = event.button.id
        if bid == "b-up":
            await self.action_move(-1)
        elif bid == "b-down":
            await self.action_move(1)
        elif bid == "b-del" and self.bases:
            del self.bases[self.index]
            if not self.bases:
                parent = self.session.get(self.root[:-1]) if len(self.root) > 1 else self.data
                parent.pop(self.root[-1], None)
            self.index = max(0, min(self.index, len(self.bases) - 1))
            await self._structure_changed()
        elif bid == "b-add":
            seq = self.session.ensure_list(self.root)
            seq.append(cmap(kind="", number=""))
            self.index = len(seq) - 1
            await self._structure_changed()
            self.focus_field(self.root + (self.index, "kind"))
        elif bid == "b-add-lib":
            key = self.query_one("#b-lib", Select).value
            if key is Select.NULL:
                self.app.notify("Hãy chọn một căn cứ trong thư viện trước.", severity="warning")
                return
            seq = self.session.ensure_list(self.root)
            seq.append(cmap(ref=key))
            self.index = len(seq) - 1
            await self._structure_changed()

    async def action_move(self, delta: int) -> None:
        seq, i = self.bases, self.index
        j = i + delta
        if not seq or not (0 <= j < len(seq)):
            return
        seq[i], seq[j] = seq[j], seq[i]
        self.index = j
        await self._structure_changed()

    def focus_field(self, path: tuple) -> None:
        root = ("decision", "bases") if path[:1] == ("decision",) else ("bases",)
        rest = path[len(root):]
        if root != self.root or (rest and isinstance(rest[0], int) and rest[0] != self.index):
            self.root = root
            self.index = rest[0] if rest and isinstance(rest[0], int) else 0
            with self.prevent(Select.Changed):
                self.query_one("#b-which", Select).value = "decision" if root[0] == "decision" else "plan"
            self._refresh_list()
            self._refresh_sentence()

            async def later():
                await self._build_form()
                Step.focus_field(self, path)

            self.run_worker(later, exclusive=True, group="bform")
            return
        super().focus_field(path)


# ----------------------------------------------------------------------------- node editors


class NodeStep(Step):
    """Steps that edit whole sections as titles and paragraphs: purposes, budget."""

    kind = ""
    new_title = ""
    new_role = ""
    new_items: list = []
    help = ""

    def sections(self) -> list[int]:
        return [i for i, s in enumerate(self.data.get("sections") or []) if section_kind(s) == self.kind]

    def compose(self) -> ComposeResult:
        yield self.heading()
        if self.help:
            yield Static(self.help, classes="hint")
        found = self.sections()
        for i in found:
            yield from self.node_fields(("sections", i), 0)
            yield Button("＋ Thêm mục con", id=f"add-child-{i}", compact=True, classes="add")
        if not found:
            yield Static(f"Bản thảo chưa có phần «{self.new_title}».", classes="hint")
            yield Button(f"＋ Thêm phần «{self.new_title}»", id="add-section", variant="primary", compact=True)

    def node_fields(self, path: tuple, depth: int):
        node = self.session.get(path)
        yield self.field_input("Tiêu đề" if depth else "Tiêu đề phần", path + ("title",),
                               drop_empty=depth > 0, id=None)
        yield self.field_text("Các đoạn (mỗi dòng một đoạn; «- » đầu dòng cho gạch đầu dòng)",
                              path + ("items",), text=strings_of(node),
                              setter=lambda text, p=path: self.set_strings(p, text))
        for j, item in enumerate(node.get("items") or []):
            if isinstance(item, dict):
                with Vertical(classes="subnode"):
                    yield from self.node_fields(path + ("items", j), depth + 1)

    def insert_at(self) -> int:
        return len(self.data.get("sections") or [])

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        bid = event.button.id or ""
        if bid == "add-section":
            seq = self.session.ensure_list(("sections",))
            node = cmap(title=self.new_title, role=self.new_role)
            node["items"] = CommentedSeq(copy.deepcopy(self.new_items))
            seq.insert(self.insert_at(), node)
        elif bid.startswith("add-child-"):
            i = int(bid.removeprefix("add-child-"))
            items = self.session.ensure_list(("sections", i, "items"))
            items.append(cmap(title="Mục mới", items=CommentedSeq()))
        else:
            return
        self.session.touch()
        self.changed()
        await self.reload()


class PurposesStep(NodeStep):
    key = "purposes"
    kind = "purposes"
    new_title = "Mục đích, yêu cầu"
    new_role = "purposes"
    new_items = [cmap(title="Mục đích", items=CommentedSeq()), cmap(title="Yêu cầu", items=CommentedSeq())]
    help = "Mục đích, yêu cầu và chỉ tiêu của kế hoạch; mỗi dòng là một đoạn."

    def insert_at(self) -> int:
        return 0


class BudgetStep(NodeStep):
    key = "budget"
    kind = "budget"
    new_title = "Kinh phí thực hiện"
    new_role = "budget"
    new_items = ["Kinh phí thực hiện Kế hoạch được bố trí trong dự toán ngân sách nhà nước giao hằng năm "
                 "của các cơ quan, đơn vị theo phân cấp ngân sách hiện hành và các nguồn hợp pháp khác."]
    help = "Nguồn kinh phí thực hiện kế hoạch (thường là một đoạn chuẩn)."

    def insert_at(self) -> int:
        secs = self.data.get("sections") or []
        for i, s in enumerate(secs):
            if section_kind(s) == "implementation":
                return i
        return len(secs)


# ----------------------------------------------------------------------------- 4. tasks


class TasksStep(Step):
    key = "tasks"
    BINDINGS = [
        Binding("ctrl+n", "add_task", "Thêm nhiệm vụ"),
        Binding("ctrl+l", "add_area", "Thêm lĩnh vực"),
        Binding("ctrl+d", "duplicate", "Nhân bản"),
        Binding("ctrl+up", "move(-1)", "Lên"),
        Binding("ctrl+down", "move(1)", "Xuống"),
        Binding("delete", "delete", "Xóa"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.selected: tuple | None = None

    def compose(self) -> ComposeResult:
        yield self.heading()
        with Horizontal(classes="buttons"):
            yield Button("＋Nhiệm vụ", id="t-task", compact=True, variant="primary")
            yield Button("＋Lĩnh vực", id="t-area", compact=True)
            yield Button("＋Mục", id="t-free", compact=True, tooltip="Thêm mục tự do (Giải pháp, ...)")
            yield Button("Nhân bản", id="t-dup", compact=True)
            yield Button("↑", id="t-up", compact=True)
            yield Button("↓", id="t-down", compact=True)
            yield Button("Xóa", id="t-del", compact=True, variant="error")
        tree: Tree = Tree("Nội dung", id="t-tree")
        tree.show_root = False
        tree.guide_depth = 2
        yield tree
        yield Vertical(id="t-form")

    def after_compose(self) -> None:
        self._fill_tree()
        self.call_after_refresh(self._build_form)

    def _label(self, path: tuple, obj) -> str:
        if path[-2] == "tasks":
            return "• " + escape(short(obj.get("text"), 60) or "(nhiệm vụ trống)")
        return "[b]" + escape(short(obj.get("title") or "(không tiêu đề)", 60)) + "[/b]"

    def _fill_tree(self) -> None:
        tree = self.query_one("#t-tree", Tree)
        tree.clear()
        select_node = None

        def add(parent, path, node):
            nonlocal select_node
            branch = parent.add(self._label(path, node), data=path, expand=True)
            if path == self.selected:
                select_node = branch
            for j, item in enumerate(node.get("items") or []):
                if isinstance(item, dict):
                    add(branch, path + ("items", j), item)
            for t, task in enumerate(node.get("tasks") or []):
                if isinstance(task, dict):
                    leaf = branch.add_leaf(self._label(path + ("tasks", t), task), data=path + ("tasks", t))
                    if path + ("tasks", t) == self.selected:
                        select_node = leaf

        for i, sec in enumerate(self.data.get("sections") or []):
            if section_kind(sec) == "tasks":
                add(tree.root, ("sections", i), sec)
        if select_node is None and tree.root.children:
            select_node = tree.root.children[0]
            self.selected = select_node.data
        if select_node is not None:
            tree.move_cursor(select_node)

    async def _build_form(self) -> None:
        form = self.query_one("#t-form", Vertical)
        await form.remove_children()
        path = self.selected
        obj = self.session.get(path) if path else None
        if not isinstance(obj, dict):
            await form.mount(Static("Chưa có phần nhiệm vụ. Bấm «＋Mục tự do» hoặc «＋Lĩnh vực».", classes="hint"))
            return
        widgets = []
        if path[-2] == "tasks":
            widgets.append(self.field_text("Nội dung nhiệm vụ", path + ("text",), classes="short"))
            widgets.append(self.field_text("Các ý nhỏ (mỗi dòng một ý «+ »)", path + ("items",),
                                           text="\n".join(as_list(obj.get("items"))),
                                           setter=lambda t, p=path: self._set_list(p + ("items",), t),
                                           classes="short"))
            widgets.append(self.field_input("Mục tiêu (cột phụ lục)", path + ("target",), drop_empty=True))
            widgets.append(Static("Đơn vị chủ trì, phối hợp, thời hạn: ở bước «Phân công».", classes="hint"))
        else:
            widgets.append(self.field_input("Tiêu đề", path + ("title",), drop_empty=len(path) > 2))
            widgets.append(self.field_text("Các đoạn (mỗi dòng một đoạn)", path + ("items",),
                                           text=strings_of(obj),
                                           setter=lambda t, p=path: self.set_strings(p, t)))
            widgets.append(self.field_select(
                "Dòng «Phụ trách thực hiện»", path + ("responsible",),
                [("Tự động từ phân công", "auto")], prompt="(không ghi)",
                value=obj.get("responsible") if obj.get("responsible") == "auto" else None))
        await form.mount_all(widgets)

    def _set_list(self, path: tuple, text: str) -> None:
        lines = lines_of(text)
        self.write(path, CommentedSeq(lines) if lines else None, drop_empty=True)

    def changed(self) -> None:
        super().changed()
        tree = self.query_one("#t-tree", Tree)
        node = tree.cursor_node
        if node is not None and node.data:
            obj = self.session.get(node.data)
            if isinstance(obj, dict):
                node.set_label(self._label(node.data, obj))

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        event.stop()
        if event.node.data and event.node.data != self.selected:
            self.selected = event.node.data
            self.run_worker(self._build_form, exclusive=True, group="tform")

    async def _structure_changed(self, select: tuple | None) -> None:
        self.selected = select
        self.session.touch()
        self.app.session_changed()
        self._fill_tree()
        await self._build_form()

    def _parent_node(self, path: tuple) -> tuple:
        return path[:-2] if path[-2] == "tasks" else path

    async def action_add_task(self) -> None:
        if not self.selected:
            await self.action_add_free()
        path = self.selected
        node_path = self._parent_node(path)
        tasks = self.session.ensure_list(node_path + ("tasks",))
        at = path[-1] + 1 if path[-2] == "tasks" else len(tasks)
        tasks.insert(at, cmap(text="Nhiệm vụ mới"))
        await self._structure_changed(node_path + ("tasks", at))
        self.focus_field(node_path + ("tasks", at, "text"))
        ta = self.query_one("#t-form").query(VTextArea).first()
        ta.select_all()

    async def action_add_area(self) -> None:
        if not self.selected:
            await self.action_add_free()
        section = self.selected[:2]
        items = self.session.ensure_list(section + ("items",))
        items.append(cmap(title="Lĩnh vực mới", tasks=CommentedSeq()))
        await self._structure_changed(section + ("items", len(items) - 1))
        self.focus_field(self.selected + ("title",))

    async def action_add_free(self) -> None:
        secs = self.session.ensure_list(("sections",))
        at = next((i for i, s in enumerate(secs) if section_kind(s) in ("budget", "implementation")), len(secs))
        secs.insert(at, cmap(title="Mục mới", role="free", items=CommentedSeq()))
        await self._structure_changed(("sections", at))
        self.focus_field(("sections", at, "title"))

    async def action_duplicate(self) -> None:
        path = self.selected
        if not path or len(path) < 2:
            return
        seq = self.session.get(path[:-1])
        seq.insert(path[-1] + 1, copy.deepcopy(seq[path[-1]]))
        await self._structure_changed(path[:-1] + (path[-1] + 1,))

    async def action_move(self, delta: int) -> None:
        path = self.selected
        if not path:
            return
        seq = self.session.get(path[:-1])
        i = path[-1]
        j = i + delta
        is_node = path[-2] == "items"
        while is_node and 0 <= j < len(seq) and not isinstance(seq[j], dict):
            j += delta  # nodes move past paragraphs to the next node
        if not (0 <= j < len(seq)):
            return
        seq[i], seq[j] = seq[j], seq[i]
        await self._structure_changed(path[:-1] + (j,))

    def action_delete(self) -> None:
        self.run_worker(self._delete, exclusive=True, group="tdel")

    async def _delete(self) -> None:
        path = self.selected
        if not path:
            return
        obj = self.session.get(path)
        what = "nhiệm vụ" if path[-2] == "tasks" else "mục"
        name = short(obj.get("text") or obj.get("title"), 50) if isinstance(obj, dict) else ""
        from ..screens.dialogs import confirm

        if await self.app.push_screen_wait(confirm(f"Xóa {what} «{name}»?", yes="Xóa", no="Giữ lại")) != "yes":
            return
        seq = self.session.get(path[:-1])
        del seq[path[-1]]
        nxt = path[:-1] + (path[-1] - 1,) if path[-1] > 0 else (path[:-2] if len(path) > 2 else None)
        await self._structure_changed(nxt)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {"t-task": self.action_add_task, "t-area": self.action_add_area, "t-free": self.action_add_free,
                   "t-dup": self.action_duplicate, "t-up": lambda: self.action_move(-1),
                   "t-down": lambda: self.action_move(1)}
        if event.button.id == "t-del":
            self.action_delete()
            return
        elif event.button.id in actions:
            await actions[event.button.id]()

    def focus_field(self, path: tuple) -> None:
        if "tasks" in path:
            k = path.index("tasks")
            target = path[: k + 2]
        elif len(path) >= 2:
            target = path[:2]
            while len(path) > len(target) + 1 and path[len(target)] == "items" \
                    and isinstance(self.session.get(path[: len(target) + 2]), dict):
                target = path[: len(target) + 2]
        else:
            return super().focus_field(path)
        if target != self.selected:
            self.selected = target
            self._fill_tree()

            async def later():
                await self._build_form()
                Step.focus_field(self, path)

            self.run_worker(later, exclusive=True, group="tform")
            return
        super().focus_field(path)


# ----------------------------------------------------------------------------- 5. assignment


def unit_options(data) -> list[tuple[str, str]]:
    return [(str(u.get("name") or u.get("id")), str(u.get("id"))) for u in data.get("units") or []
            if isinstance(u, dict) and u.get("id")]


def unit_label(data, ids: list[str]) -> str:
    names = {str(u.get("id")): str(u.get("short") or u.get("name")) for u in data.get("units") or []
             if isinstance(u, dict)}
    return ", ".join(names.get(i, i) for i in ids)


class AssignStep(Step):
    key = "assign"

    def __init__(self) -> None:
        super().__init__()
        self.selected: tuple | None = None

    def compose(self) -> ComposeResult:
        yield self.heading()
        table: DataTable = DataTable(id="a-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield Vertical(id="a-form")
        yield Static("Thêm đơn vị vào danh mục", classes="section-label")
        with Horizontal(classes="row"):
            unit = VInput(placeholder="ví dụ: Trạm Y tế xã", id="a-unit-name",
                          validators=[FnValidator(check_unit_name)])
            unit.border_title = "Tên đơn vị"
            yield unit
            yield Button("＋ Thêm đơn vị", id="a-add-unit", compact=True, variant="primary")

    def after_compose(self) -> None:
        self._fill_table()
        self.call_after_refresh(self._build_form)

    def _row(self, n: int, task) -> list[str]:
        return [str(n), short(task.get("text"), 34), short(unit_label(self.data, as_list(task.get("lead"))), 14)
                or "[red]chưa giao[/red]", short(unit_label(self.data, as_list(task.get("support"))), 14),
                short(task.get("deadline"), 12), "✓" if task.get("appendix", True) else ""]

    def _fill_table(self) -> None:
        table = self.query_one("#a-table", DataTable)
        table.clear(columns=True)
        table.add_columns("#", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn", "PL")
        tasks = list(iter_tasks(self.data))
        for n, (path, task) in enumerate(tasks, 1):
            table.add_row(*self._row(n, task), key=repr(path))
        paths = [p for p, _ in tasks]
        if self.selected not in paths:
            self.selected = paths[0] if paths else None
        if self.selected:
            table.move_cursor(row=paths.index(self.selected))

    async def _build_form(self) -> None:
        form = self.query_one("#a-form", Vertical)
        await form.remove_children()
        path = self.selected
        task = self.session.get(path) if path else None
        if not isinstance(task, dict):
            await form.mount(Static("Chưa có nhiệm vụ nào; thêm ở bước «Nhiệm vụ».", classes="hint"))
            return
        units = unit_options(self.data)
        leads = as_list(task.get("lead"))
        supports = as_list(task.get("support"))
        widgets = [Static(escape(short(task.get("text"), 200)), classes="task-text")]
        widgets.append(self.field_select("Cơ quan chủ trì", path + ("lead",), units, prompt="(chưa giao)",
                                         value=leads[0] if leads else None, setter=self._set_lead, id="a-lead"))
        sel = SelectionList(*[(name, uid, uid in supports) for name, uid in units], id="a-support")
        sel.field = path + ("support",)
        sel.border_title = "Cơ quan phối hợp (Space để chọn)"
        widgets.append(sel)
        row = Horizontal(classes="row")
        widgets.append(row)
        deadline = self.field_input("Thời hạn", path + ("deadline",), drop_empty=True,
                                    placeholder="Thường xuyên, Quý I/2026, 30/6/2026")
        output = self.field_input("Sản phẩm", path + ("output",), drop_empty=True, placeholder="Báo cáo, Kế hoạch…")
        box = Checkbox("Đưa vào bảng phụ lục", value=bool(task.get("appendix", True)), id="a-appendix")
        box.field = path + ("appendix",)
        box.setter = lambda v, p=path: self.write(p + ("appendix",), None if v else False, drop_empty=True)
        await form.mount_all(widgets)
        await row.mount_all([deadline, output])
        await form.mount(box)

    def _set_lead(self, value) -> None:
        path = self.selected
        task = self.session.get(path)
        leads = as_list(task.get("lead"))
        rest = leads[1:]
        new = ([value] if value else []) + [u for u in rest if u != value]
        if isinstance(task.get("lead"), str) or task.get("lead") is None:
            self.write(path + ("lead",), new[0] if len(new) == 1 else (CommentedSeq(new) if new else None),
                       drop_empty=True)
        else:
            self.write(path + ("lead",), CommentedSeq(new), drop_empty=True)

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        path = self.selected
        task = self.session.get(path)
        chosen = list(event.selection_list.selected)
        if chosen == as_list(task.get("support")):
            return
        value = chosen[0] if len(chosen) == 1 and isinstance(task.get("support"), str) else CommentedSeq(chosen)
        self.write(path + ("support",), value if chosen else None, drop_empty=True)

    def changed(self) -> None:
        super().changed()
        table = self.query_one("#a-table", DataTable)
        if self.selected:
            n = table.get_row_index(repr(self.selected))
            for col, value in zip(table.ordered_columns, self._row(n + 1, self.session.get(self.selected))):
                table.update_cell(repr(self.selected), col.key, value)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        path = eval(event.row_key.value) if event.row_key and event.row_key.value else None  # repr of a tuple
        if path != self.selected:
            self.selected = path
            self.run_worker(self._build_form, exclusive=True, group="aform")

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id != "a-add-unit":
            return
        box = self.query_one("#a-unit-name", VInput)
        name = nfc(box.value.strip())
        if check_unit_name(name):
            self.app.notify("Hãy nhập tên đơn vị (ít nhất 3 ký tự).", severity="warning")
            box.focus()
            return
        units = self.session.ensure_list(("units",))
        ids = {str(u.get("id")) for u in units if isinstance(u, dict)}
        base = slug(name, "don-vi")[:40].strip("-")
        uid, k = base, 2
        while uid in ids:
            uid, k = f"{base}-{k}", k + 1
        units.append(cmap(id=uid, name=name))
        self.session.touch()
        self.app.session_changed()
        box.value = ""
        self.app.notify(f"Đã thêm đơn vị «{name}» (mã {uid}).")
        await self._build_form()

    def focus_field(self, path: tuple) -> None:
        if "tasks" in path:
            k = path.index("tasks")
            target = path[: k + 2]
            if target != self.selected:
                self.selected = target
                self._fill_table()

                async def later():
                    await self._build_form()
                    Step.focus_field(self, path)

                self.run_worker(later, exclusive=True, group="aform")
                return
        super().focus_field(path)


# ----------------------------------------------------------------------------- 7. implementation


class ImplementationStep(NodeStep):
    key = "implementation"
    kind = "implementation"
    new_title = "Tổ chức thực hiện"
    new_role = "implementation"
    new_items = []
    help = "Nhiệm vụ của từng đơn vị: phần in nghiêng là tự động từ bước «Phân công»; thêm lời dặn riêng bên dưới."

    def compose(self) -> ComposeResult:
        yield from super().compose()
        if not self.sections():
            return
        derive = self.data.get("derive_duties", True) is not False
        box = Checkbox("Tự ghi nhiệm vụ của đơn vị theo phân công", value=derive, id="i-derive")
        box.field = ("derive_duties",)
        box.setter = lambda v: self.write(("derive_duties",), None if v else False, drop_empty=True)
        yield box
        for i, unit in enumerate(self.data.get("units") or []):
            if not isinstance(unit, dict):
                continue
            yield Static(f"[b]{escape(str(unit.get('name')))}[/b]", classes="section-label")
            yield Static("", id=f"i-derived-{i}", classes="derived")
            duties = [d for d in unit.get("duties") or [] if isinstance(d, str)]
            yield self.field_text("Nhiệm vụ riêng (mỗi dòng một đoạn)", ("units", i, "duties"),
                                  text="\n".join(duties), classes="short",
                                  setter=lambda t, i=i: self._set_duties(i, t))

    def after_compose(self) -> None:
        self.refresh_view()

    def add_section_node(self):
        return cmap(title=self.new_title, role="implementation", generate="duties")

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "add-section":
            event.stop()
            seq = self.session.ensure_list(("sections",))
            seq.append(cmap(title=self.new_title, generate="duties"))
            self.session.touch()
            self.changed()
            await self.reload()
            return
        await super().on_button_pressed(event)

    def _set_duties(self, i: int, text: str) -> None:
        unit = self.session.get(("units", i))
        old = unit.get("duties") or []
        nodes = [d for d in old if not isinstance(d, str)]
        lines = lines_of(text)
        if [d for d in old if isinstance(d, str)] == lines:
            return
        new = CommentedSeq(lines + nodes)
        self.write(("units", i, "duties"), new if new else None, drop_empty=True)
        self.refresh_view()

    def changed(self) -> None:
        super().changed()
        self.refresh_view()

    def refresh_view(self) -> None:
        from drafter.outline import derived_duty, layout_body

        draft = self.session.draft
        layout = layout_body(draft)[1] if draft else None
        for i, unit in enumerate(self.data.get("units") or []):
            try:
                box = self.query_one(f"#i-derived-{i}", Static)
            except Exception:
                continue
            if draft is None:
                box.update("[dim](sửa các lỗi ở bước «Kiểm tra» để xem phần tự động)[/dim]")
                continue
            model = draft.unit(str(unit.get("id")))
            text = derived_duty(draft, model, layout) if model and draft.derive_duties else None
            box.update(f"[i]{escape(text)}[/i]" if text else "[dim](không có nhiệm vụ được giao)[/dim]")


# ----------------------------------------------------------------------------- 8. recipients, signer

AUTHORITIES = [("TM. (thay mặt tập thể)", "TM."), ("KT. (ký thay Chủ tịch)", "KT."), ("Q. (quyền)", "Q."),
               ("TL. (thừa lệnh)", "TL."), ("TUQ. (thừa ủy quyền)", "TUQ."), ("(không ghi)", "")]


class RecipientsStep(Step):
    key = "recipients"

    def _line(self, item) -> str:
        if isinstance(item, str):
            return item
        if not isinstance(item, dict):
            return ""
        name = item.get("text")
        if not name and item.get("unit"):
            name = next((u.get("name") for u in self.data.get("units") or []
                         if isinstance(u, dict) and u.get("id") == item.get("unit")), item.get("unit"))
        return f"{name} (b/c)" if item.get("report") else str(name)

    def compose(self) -> ComposeResult:
        yield self.heading()
        lines = [self._line(r) for r in self.data.get("recipients") or []]
        yield self.field_text("Nơi nhận (mỗi dòng một nơi; thêm «(b/c)» khi gửi để báo cáo)", ("recipients",),
                              text="\n".join(lines), setter=self._set_recipients, id="r-recipients")
        yield self.field_input("Lưu (văn thư, đơn vị soạn)", ("archive",), placeholder="VT, VHXH", drop_empty=True)
        yield Static("Người ký", classes="section-label")
        signer = self.data.get("signer") or {}
        yield self.field_select("Thẩm quyền ký", ("signer", "authority"), AUTHORITIES, allow_blank=False,
                                value=signer.get("authority", "TM."), id="r-authority")
        with Horizontal(classes="row"):
            yield self.field_input("Thay mặt / ký thay cho", ("signer", "authority_of"),
                                   placeholder="ỦY BAN NHÂN DÂN", drop_empty=True)
            yield self.field_input("Chức vụ", ("signer", "title"), placeholder="CHỦ TỊCH", drop_empty=True)
        yield self.field_input("Họ và tên người ký", ("signer", "name"), id="r-name")
        yield Static(id="r-preview", classes="preview-box")

    def after_compose(self) -> None:
        self.refresh_view()

    def _set_recipients(self, text: str) -> None:
        units = {str(u.get("name")): str(u.get("id")) for u in self.data.get("units") or [] if isinstance(u, dict)}
        old = list(self.data.get("recipients") or [])
        by_line = {}
        for item in old:
            by_line.setdefault(self._line(item), item)
        new = CommentedSeq()
        for line in lines_of(text):
            if line in by_line:
                new.append(by_line[line])
                continue
            report = line.endswith("(b/c)")
            name = line.removesuffix("(b/c)").strip().removeprefix("- ").rstrip(";")
            item = cmap(unit=units[name]) if name in units else cmap(text=name)
            if report:
                item["report"] = True
            new.append(item)
        if [self._line(i) for i in new] == [self._line(i) for i in old]:
            return
        self.write(("recipients",), new if new else None, drop_empty=True)

    def changed(self) -> None:
        super().changed()
        self.refresh_view()

    def refresh_view(self) -> None:
        from drafter.context import recipient_lines, signer_lines

        draft = self.session.draft
        try:
            box = self.query_one("#r-preview", Static)
        except Exception:
            return
        if draft is None:
            box.update("[dim](sửa các lỗi ở bước «Kiểm tra» để xem trước)[/dim]")
            return
        sig = signer_lines(draft.signer)
        text = "[b]Nơi nhận:[/b]\n" + "\n".join(recipient_lines(draft, draft.recipients, draft.archive))
        text += "\n\n" + "\n".join(sig["titles"]) + "\n\n" + (sig["name"] or "(chưa có tên người ký)")
        box.update(escape(text).replace("\\[b]", "[b]").replace("\\[/b]", "[/b]"))


# ----------------------------------------------------------------------------- 9. review and export


class ReviewStep(Step):
    key = "review"

    def compose(self) -> ComposeResult:
        from ..state import pdf_converter

        yield self.heading()
        yield Static(id="v-summary")
        yield OptionList(id="v-problems")
        with Horizontal(classes="row"):
            out = VInput(str(self.session.default_output()), id="v-output")
            out.border_title = "Tệp DOCX xuất ra"
            yield out
        with Horizontal(classes="buttons"):
            yield Button("Xuất DOCX (Ctrl+E)", id="v-export", variant="success", compact=True)
            pdf = Checkbox("Kèm PDF (LibreOffice)", value=bool(pdf_converter()) and self.app.pdf, id="v-pdf",
                           disabled=not pdf_converter())
            yield pdf
        yield Static(id="v-result")
        yield Static("Xem trước toàn văn (đã đánh số)", classes="section-label")
        yield TextArea("", read_only=True, soft_wrap=True, id="v-preview")

    def after_compose(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        from drafter.context import plain_text

        try:
            lst = self.query_one("#v-problems", OptionList)
        except Exception:
            return
        problems = self.session.problems
        summary = self.query_one("#v-summary", Static)
        errors = self.session.errors
        if errors:
            summary.update(f"[b red]Còn {len(errors)} lỗi[/b red], {len(problems) - len(errors)} điều nên sửa "
                           "— chọn một dòng (Enter) để tới ô cần sửa.")
        elif problems:
            summary.update(f"[b yellow]Còn {len(problems)} điều nên sửa[/b yellow] (vẫn xuất được) "
                           "— chọn một dòng (Enter) để tới ô cần sửa.")
        else:
            summary.update("[b green]✓ Không còn lỗi.[/b green] Bản thảo sẵn sàng để xuất.")
        lst.set_options([Option(f"{'[red]Lỗi[/red]' if p.severity == 'error' else '[yellow]Nên sửa[/yellow]'} "
                                f"[b]{escape(STEP_TITLES[step_of_field(self.data, p.field)])}[/b] · "
                                f"{escape(str(p.field or ''))}: {escape(p.message)}", id=str(i))
                         for i, p in enumerate(problems)])
        lst.display = bool(problems)
        preview = self.query_one("#v-preview", TextArea)
        draft = self.session.draft
        if draft is None:
            preview.load_text("(sửa các lỗi ở trên để xem trước)")
        else:
            preview.load_text("\n".join(plain_text(draft)))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        p = self.session.problems[int(event.option.id)]
        self.app.jump_to(p.field)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "v-export":
            self.app.action_export()

    def output_path(self) -> Path:
        value = self.query_one("#v-output", VInput).value.strip()
        return Path(value).expanduser() if value else self.session.default_output()

    def want_pdf(self) -> bool:
        return self.query_one("#v-pdf", Checkbox).value

    def show_result(self, text: str) -> None:
        self.query_one("#v-result", Static).update(text)

    def focus_field(self, path: tuple) -> None:
        self.query_one("#v-export").focus()


STEP_CLASSES = [GeneralStep, BasesStep, PurposesStep, TasksStep, AssignStep, BudgetStep, ImplementationStep,
                RecipientsStep, ReviewStep]
