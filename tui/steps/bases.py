"""Step 2: legal bases, of the plan and (for a decision) of the decision; each previewed as printed."""
from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, OptionList, Select, Static
from textual.widgets.option_list import Option

from drafter.edits import BASES, DECISION_BASES
from drafter.fieldpath import FieldPath
from drafter.preview import bases_text, citation_line, citation_of

from ..widgets.fields import FnValidator, check_symbol
from .base import ListFormStep, short

CITE_FIELDS = [("kind", "Loại văn bản", "Nghị quyết"), ("number", "Số, ký hiệu", "76/NQ-CP"),
               ("date", "Ngày", "15/7/2021"), ("issuer", "Cơ quan ban hành", "Chính phủ"),
               ("subject", "Trích yếu", "về ..."), ("name", "Tên (với luật)", ""),
               ("text", "Hoặc ghi nguyên văn", "")]
VERBS = [("Căn cứ", "Căn cứ"), ("Thực hiện (văn bản của Đảng)", "Thực hiện")]


class BasesStep(ListFormStep):
    key = "bases"
    form_id = "b-form"
    list_id = "bases-list"
    BINDINGS = [Binding("ctrl+up", "move(-1)", "Lên"),
                Binding("ctrl+down", "move(1)", "Xuống"),
                Binding("delete", "delete", "Xóa")]

    def __init__(self, session) -> None:
        super().__init__(session)
        self.root = BASES  # or DECISION_BASES: the decision cites its own

    @property
    def bases(self):
        return self.session.get(self.root) or []

    @property
    def index(self) -> int:
        return self.selected[-1] if self.selected else 0

    @property
    def has_decision(self) -> bool:
        return self.session.get(("kind",)) == "quyet-dinh"

    def compose(self) -> ComposeResult:
        from drafter.library import citation_library

        yield self.heading()
        which = Select([("Căn cứ của Kế hoạch", "plan"), ("Căn cứ của Quyết định ban hành", "decision")],
                       value="decision" if self.root == DECISION_BASES else "plan", allow_blank=False,
                       id="b-which")
        which.border_title = "Văn bản"
        which.display = self.has_decision
        yield which
        yield OptionList(*self._options(), id="bases-list")
        with Horizontal(classes="buttons"):
            yield Button("↑ Lên", id="b-up", compact=True)
            yield Button("↓ Xuống", id="b-down", compact=True)
            yield Button("Xóa", id="b-del", compact=True, variant="error")
            yield Button("＋ Tự nhập", id="b-add", compact=True, variant="primary")
        lib = [(short(f"{k} — {citation_line({'ref': k})}", 70), k) for k in citation_library()]
        with Horizontal(classes="row"):
            sel = Select(lib, prompt="Chọn căn cứ trong thư viện…", id="b-lib")
            sel.border_title = "Thêm từ thư viện"
            yield sel
            yield Button("＋ Thêm", id="b-add-lib", compact=True, variant="primary")
        yield Static(id="b-sentence", classes="preview-box")
        yield Vertical(id="b-form")

    def _options(self):
        return [Option(f"{i}. {escape(citation_line(b))}", id=str(i)) for i, b in enumerate(self.bases, 1)] or \
            [Option("(chưa có căn cứ; thêm từ thư viện hoặc tự nhập)", id="none", disabled=True)]

    def fill_list(self) -> None:
        if self.bases:
            self.selected = self.root / min(self.index, len(self.bases) - 1)
        else:
            self.selected = None
        lst = self.query_one("#bases-list", OptionList)
        lst.set_options(self._options())
        if self.selected is not None:
            lst.highlighted = self.index

    def refresh_view(self) -> None:
        """The bases as the document will print them."""
        self.query_one("#b-which", Select).display = self.has_decision
        cites = [c for c in (citation_of(b) for b in self.bases) if c is not None]
        if self.root == DECISION_BASES:
            title = "Các dòng căn cứ của quyết định:"
            text = bases_text(cites, decision=True)
        else:
            title = "Câu căn cứ trong kế hoạch:"
            text = bases_text(cites, end=str(self.session.get(("bases_end",)) or ","),
                              preamble=self.session.get(("preamble",)) or "",
                              layout=str(self.session.get(("bases_layout",)) or "sentence"))
        self.query_one("#b-sentence", Static).update(f"[b]{title}[/b]\n" + escape(text if cites else "(chưa có)"))

    async def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "b-which":
            return
        event.stop()
        root = DECISION_BASES if event.value == "decision" else BASES
        if root != self.root:
            self.root, self.selected = root, None
            self.fill_list()
            self.refresh_view()
            await self.build_form()

    async def fill_form(self, form: Vertical, path: FieldPath | None) -> None:
        entry = self.session.get(path) if path is not None else None
        if not isinstance(entry, dict):
            return
        ref = entry.get("ref")
        widgets = [Static(f"Căn cứ {path[-1] + 1}" + (f" — từ thư viện «{ref}»; các ô dưới đây ghi đè"
                                                    if ref else ""), classes="section-label")]
        lib = citation_of({"ref": ref}) if ref else None
        widgets.append(self.field_select("Động từ", path / "verb", VERBS, prompt="(tự động)"))
        for key, label, hint in CITE_FIELDS:
            placeholder = str(getattr(lib, key, None) or hint) if lib else hint
            validators = [FnValidator(check_symbol)] if key == "number" else None
            widgets.append(self.field_input(label, path / key, drop_empty=True, placeholder=placeholder,
                                            validators=validators))
        await form.mount_all(widgets)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id and event.option.id.isdigit():
            self.select(self.root / (int(event.option.id) - 1))

    def changed(self) -> None:
        super().changed()
        lst = self.query_one("#bases-list", OptionList)
        if self.selected is not None and self.index < len(self.bases):
            lst.replace_option_prompt_at_index(self.index,
                                               f"{self.index + 1}. {escape(citation_line(self.bases[self.index]))}")

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        bid = event.button.id
        if bid == "b-up":
            await self.action_move(-1)
        elif bid == "b-down":
            await self.action_move(1)
        elif bid == "b-del":
            self.action_delete()
        elif bid == "b-add":
            path = self.edits.add_basis(self.root, kind="", number="")
            await self.structure_changed(path)
            self.focus_field(path / "kind")
        elif bid == "b-add-lib":
            key = self.query_one("#b-lib", Select).value
            if key is Select.NULL:
                self.notify("Hãy chọn một căn cứ trong thư viện trước.", severity="warning")
                return
            await self.structure_changed(self.edits.add_basis(self.root, ref=key))

    def action_delete(self) -> None:
        self.run_worker(self._delete, exclusive=True, group="bdel")

    async def _delete(self) -> None:
        """Delete the selected citation once the user agrees (Ctrl+Z brings it back)."""
        from ..screens.dialogs import confirm

        path = self.selected
        if path is None or self.session.get(path) is None:
            return
        line = short(citation_line(self.session.get(path)), 60)
        if await self.app.push_screen_wait(confirm(f"Xóa căn cứ «{line}»?", yes="Xóa", no="Giữ lại")) != "yes":
            return
        self.edits.remove(path)
        await self.structure_changed(self.root / max(0, min(self.index, len(self.bases) - 1)))
        self.query_one("#bases-list").focus()
        self.notify("Đã xóa căn cứ. Ctrl+Z để hoàn tác.", timeout=3)

    async def action_move(self, delta: int) -> None:
        moved = self.edits.move(self.selected, delta) if self.selected is not None else None
        if moved is not None:
            await self.structure_changed(moved)

    async def restored(self, path: FieldPath | None) -> None:
        if path is not None:
            self.root = DECISION_BASES if path[:1] == ("decision",) else BASES
        await super().restored(path)

    def target_of(self, path: FieldPath) -> FieldPath | None:
        rest = path[len(self.root):]
        return self.root / rest[0] if rest and isinstance(rest[0], int) else self.root / 0

    def focus_field(self, path: FieldPath) -> None:
        root = DECISION_BASES if path[:1] == ("decision",) else BASES
        if root != self.root:
            self.root, self.selected = root, None
            with self.prevent(Select.Changed):
                self.query_one("#b-which", Select).value = "decision" if root == DECISION_BASES else "plan"
            self.refresh_view()
        super().focus_field(path)
