"""«Bảng phụ lục»: an appendix's title, its «(Kèm theo …)» line, its columns and its rows, in the app.

Three tabs over the appendix chosen in the first: «Chung» (the appendices, title, attached line,
where the rows come from), «Cột» (add, remove, rename, reorder, width in cm, which task field a
column shows) and «Dòng» (for a ``source: rows`` table: add, remove, move, each cell, group rows).
Every change goes through ``session.edits`` (validated again at once, structure changes undone by
Ctrl+Z) and the appendix's problems are shown under the tabs with the field they name. A row is
edited as its cells and its group flag only: any other field a row or column holds stays as written.
"""
from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Checkbox, DataTable, Header, OptionList, Select, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from drafter.edits import APPENDICES, COLUMN_KEYS
from drafter.errors import Severity
from drafter.fieldpath import FieldPath
from drafter.numerals import roman

from ..state import Session
from ..steps.base import ListFormStep, Step, short
from ..widgets.fields import FnValidator
from ..widgets.keys import KeyFooter

TABS = ("x-general", "x-columns", "x-rows")
TAB_GROUP = Binding.Group("Thẻ", compact=True)
FREE_KEY = "\0free"  # the key list's «khác» entry


def check_width(value: str) -> str | None:
    """A column's width in cm as the model takes it (4.5 or 4,5; empty: drafter divides the page)."""
    from drafter.model import COLUMN_CM

    low, high = COLUMN_CM
    try:
        number = float(value.strip().replace(",", "."))
    except ValueError:
        return "độ rộng là số cm, ví dụ 4,5"
    if not low <= number <= high:
        return f"độ rộng từ {low:g} đến {high:g} cm".replace(".", ",")
    return None


def width_value(text: str):
    """The width typed, as the YAML writes it (4.5, 3); None when empty or not a width."""
    text = text.strip()
    if not text or check_width(text):
        return None
    number = float(text.replace(",", "."))
    return int(number) if number.is_integer() else number


def width_text(width) -> str:
    """A width as an official writes it: 4,5 (empty: drafter divides the page)."""
    if width is None:
        return ""
    return f"{width:g}".replace(".", ",") if isinstance(width, (int, float)) else str(width)


def cell_text(value) -> str:
    return "" if value is None else str(value)


class AppendixPane(ListFormStep):
    """A tab of the appendix editor: a list beside a form, over the appendix the screen shows."""

    def __init__(self, session: Session, screen: "AppendixScreen") -> None:
        super().__init__(session)
        self.owner = screen

    @property
    def appendix(self) -> FieldPath | None:
        return self.owner.appendix

    def after_compose(self) -> None:
        """As a list step's, but the form is built in the one worker a cursor move also uses, so
        that two builds never mount into the form at once."""
        self.refresh_view()
        self.fill_list()
        self.run_worker(self.build_form, exclusive=True, group=self.form_id)

    async def build_form(self) -> None:
        if self.query(f"#{self.form_id}"):  # not while the pane is being composed again
            await super().build_form()

    async def structure_changed(self, select: FieldPath | None) -> None:
        self.selected = select
        Step.changed(self)
        self.fill_list()
        await self.run_worker(self.build_form, exclusive=True, group=self.form_id).wait()

    def _dispatch(self, widget, value) -> None:
        """A field writes only once its text differs from what it first showed: a value the YAML
        holds in another shape (a number, a list) is never rewritten as its text by being shown."""
        if hasattr(widget, "shown") and not getattr(widget, "touched", False):
            if value == widget.shown:
                return
            widget.touched = True
        super()._dispatch(widget, value)

    def field_input(self, *args, **kwargs):
        widget = super().field_input(*args, **kwargs)
        widget.shown = widget.value
        return widget

    def field_text(self, *args, **kwargs):
        widget = super().field_text(*args, **kwargs)
        widget.shown = widget.text
        return widget

    def field_select(self, *args, **kwargs):
        widget = super().field_select(*args, **kwargs)
        widget.shown = None if widget.value is Select.NULL else widget.value
        return widget

    async def confirmed(self, question: str) -> bool:
        """Asked before a deletion (Esc or «Giữ lại»: nothing deleted)."""
        from .dialogs import confirm

        return await self.app.push_screen_wait(confirm(question, yes="Xóa", no="Giữ lại")) == "yes"

    def highlighted(self, event: DataTable.RowHighlighted, kind: str) -> None:
        """The table's cursor moved: the form of that column or row (a move already passed is ignored)."""
        event.stop()
        if event.cursor_row != event.data_table.cursor_row or self.appendix is None:
            return
        if event.row_key and event.row_key.value is not None:
            self.select(self.appendix / (kind, int(event.row_key.value)))


class GeneralPane(AppendixPane):
    """The appendices (add, remove), and the chosen one's title, attached line and row source."""

    key = "x-general"
    form_id = "x-form"
    list_id = "x-list"
    BINDINGS = [Binding("ctrl+n", "add", "Thêm phụ lục"), Binding("delete", "delete", "Xóa phụ lục")]

    def compose(self) -> ComposeResult:
        with Horizontal(classes="buttons"):
            yield Button("＋Phụ lục", id="x-add", compact=True, variant="primary", tooltip="Ctrl+N")
            yield Button("Xóa phụ lục", id="x-del", compact=True, variant="error", tooltip="Delete")
        yield OptionList(id="x-list")
        yield Vertical(id="x-form")

    def fill_list(self) -> None:
        lst = self.query_one("#x-list", OptionList)
        found = self.session.get(APPENDICES) if self.edits.appendix_count() else []
        lst.set_options([Option(f"Phụ lục{' ' + roman(i + 1) if len(found) > 1 else ''}: "
                                f"{escape(short(a.get('title') if isinstance(a, dict) else '', 56))}", id=str(i))
                         for i, a in enumerate(found)])
        self.selected = self.appendix
        if self.appendix is not None:
            lst.highlighted = self.appendix[-1]

    async def fill_form(self, form: Vertical, path: FieldPath | None) -> None:
        appendix = self.session.get(path) if path else None
        if not isinstance(appendix, dict):
            await form.mount(Static("Bản thảo chưa có phụ lục. Bấm «＋Phụ lục» (Ctrl+N) để thêm bảng nhiệm vụ.",
                                    classes="hint"))
            return
        source = "rows" if appendix.get("source") == "rows" else "tasks"
        widgets = [
            self.field_input("Tiêu đề phụ lục", path / "title", id="x-title"),
            self.field_input("Dòng «(Kèm theo …)» (trống: drafter tự ghi)", path / "attached", drop_empty=True,
                             placeholder="(Kèm theo Kế hoạch số …/KH-UBND ngày … tháng … năm …)", id="x-attached"),
            self.field_select("Các dòng của bảng", path / "source",
                              [("Lấy từ các nhiệm vụ (bước «Nhiệm vụ», «Phân công»)", "tasks"),
                               ("Tự ghi từng dòng (thẻ «Dòng»)", "rows")],
                              allow_blank=False, value=source, setter=self._set_source, id="x-source"),
        ]
        box = Checkbox("Dòng số thứ tự cột (1), (2)… dưới tiêu đề", value=appendix.get("number_row", True) is not False,
                       id="x-number-row")
        box.field = path / "number_row"
        box.setter = lambda v, p=path: self.write(p / "number_row", None if v else False, drop_empty=True)
        widgets.append(box)
        await form.mount_all(widgets)

    def _set_source(self, value) -> None:
        path = self.appendix
        if value == "rows":
            from drafter.context import task_rows

            draft = self.session.draft
            appendix = draft.appendices[path[-1]] if draft is not None and path[-1] < len(draft.appendices) else None
            rows = None
            if appendix is not None and appendix.source == "tasks":
                rows = [([c["text"] for c in r["cells"]], all(c["group"] for c in r["cells"]))
                        for r in task_rows(draft, appendix)]
            if self.edits.set_rows_source(path, rows):
                self.changed()
                if rows and self.session.get(path / "rows"):
                    self.notify(f"Đã chép {len(rows)} dòng của bảng hiện có; sửa chúng ở thẻ «Dòng». "
                                "Ctrl+Z để hoàn tác.", timeout=4)
        elif self.edits.set_tasks_source(path):
            self.changed()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id is not None:
            self.owner.show_appendix(int(event.option.id))
            self.select(self.appendix)

    async def action_add(self) -> None:
        new = self.edits.add_appendix()
        self.owner.appendix = new
        await self.structure_changed(new)
        self.query_one("#x-title").focus()

    def action_delete(self) -> None:
        self.run_worker(self._delete, exclusive=True, group="xdel")

    async def _delete(self) -> None:
        path = self.appendix
        if path is None:
            return
        title = short(self.session.get(path / "title"), 50)
        if not await self.confirmed(f"Xóa phụ lục «{title}»?"):
            return
        self.edits.remove(path)
        count = self.edits.appendix_count()
        self.owner.appendix = APPENDICES / min(path[-1], count - 1) if count else None
        await self.structure_changed(self.owner.appendix)
        self.notify(f"Đã xóa phụ lục «{title}». Ctrl+Z để hoàn tác.", timeout=3)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "x-add":
            await self.action_add()
        elif event.button.id == "x-del":
            self.action_delete()

    def target_of(self, path: FieldPath) -> FieldPath | None:
        return path[:2] if path[:1] == ("appendices",) and len(path) > 1 else None


class ColumnsPane(AppendixPane):
    """The columns as a table (header, key, width); the selected one's fields below."""

    key = "x-columns"
    form_id = "x-col-form"
    list_id = "x-cols"
    BINDINGS = [Binding("ctrl+n", "add", "Thêm cột"), Binding("ctrl+up", "move(-1)", "Sang trái"),
                Binding("ctrl+down", "move(1)", "Sang phải"), Binding("delete", "delete", "Xóa cột")]

    def compose(self) -> ComposeResult:
        with Horizontal(classes="buttons"):
            yield Button("＋Cột", id="x-col-add", compact=True, variant="primary", tooltip="Ctrl+N")
            yield Button("←", id="x-col-left", compact=True, tooltip="Ctrl+↑")
            yield Button("→", id="x-col-right", compact=True, tooltip="Ctrl+↓")
            yield Button("Xóa cột", id="x-col-del", compact=True, variant="error", tooltip="Delete")
        table: DataTable = DataTable(id="x-cols", cursor_type="row", zebra_stripes=True)
        yield table
        yield Vertical(id="x-col-form")

    def fill_list(self) -> None:
        table = self.query_one("#x-cols", DataTable)
        table.clear(columns=True)
        written = self.session.get(self.appendix / "columns") if self.appendix is not None else None
        if self.appendix is None or not isinstance(self.session.get(self.appendix), dict) \
                or written is not None and not isinstance(written, list):
            self.selected = None  # «columns» that is not a list: the problems list names it, no edit here
            return
        table.add_column("#", width=2)
        table.add_column("Tên cột", width=30)
        table.add_column("Loại cột", width=22)
        table.add_column("Rộng", width=6)
        columns = self.edits.columns(self.appendix)
        for i, column in enumerate(columns):
            table.add_row(*self._values(i, column), key=str(i))
        index = self.selected[-1] if self.selected and self.selected[:-2] == self.appendix else 0
        index = min(index, len(columns) - 1)
        self.selected = self.appendix / ("columns", index) if columns else None
        if columns:
            table.move_cursor(row=index)

    async def fill_form(self, form: Vertical, path: FieldPath | None) -> None:
        if path is None or self.appendix is None:
            await form.mount(Static("Chọn một phụ lục ở thẻ «Chung».", classes="hint"))
            return
        index = path[-1]
        column = self.edits.columns(self.appendix)[index]
        key = str(column.get("key") or "")
        width = column.get("width")
        header = self.field_input(f"Tên cột {index + 1}", path / "header", value=cell_text(column.get("header")),
                                  setter=lambda v, i=index: self._set(i, "header", v), id="x-col-header")
        size = self.field_input("Rộng (cm)", path / "width", id="x-col-width",
                                value=width_text(width),
                                placeholder="tự chia", validators=[FnValidator(check_width)],
                                setter=self._set_width)
        size.styles.width = 16
        choices = [(f"{label} ({k})", k) for k, label in COLUMN_KEYS.items()] + [("Khác (tự đặt tên khóa)", FREE_KEY)]
        kind = self.field_select("Loại cột: trường nhiệm vụ in vào cột", path / "key", choices, allow_blank=False,
                                 value=key if key in COLUMN_KEYS else FREE_KEY, setter=self._set_kind,
                                 id="x-col-kind")
        await form.mount_all([Horizontal(header, size, classes="row"), kind])
        if key not in COLUMN_KEYS:
            free = self.field_input("Tên khóa tự đặt (bảng tự ghi dòng; bảng nhiệm vụ để trống cột này)",
                                    path / "key", value=key, setter=lambda v, i=index: self._set(i, "key", v.strip()),
                                    id="x-col-key")
            await form.mount(free)

    def _set(self, index: int, field: str, value) -> None:
        if self.edited(self.edits.set_column(self.appendix, index, field, value)):
            self.update_row(index)

    def _set_width(self, text: str) -> None:
        if text.strip() and check_width(text):
            return  # the field shows why; the draft keeps the last good width
        if self.edited(self.edits.set_column(self.appendix, self.selected[-1], "width", width_value(text),
                                             drop_empty=True)):
            self.update_row(self.selected[-1])

    def _set_kind(self, value) -> None:
        """A known task field, or «khác»: a free key named after the header, renamed in the field below."""
        index = self.selected[-1]
        current = str(self.edits.columns(self.appendix)[index].get("key") or "")
        if value == FREE_KEY:
            if current not in COLUMN_KEYS:
                return
            from drafter.text import slug

            new = slug(str(self.edits.columns(self.appendix)[index].get("header") or ""), "cot")
            new = new if new not in COLUMN_KEYS else "cot-rieng"
        elif value == current:
            return
        else:
            new = value
        self._set(index, "key", new)
        if (current in COLUMN_KEYS) != (new in COLUMN_KEYS):  # the free key's field comes or goes
            self.run_worker(self.build_form, exclusive=True, group=self.form_id)

    @staticmethod
    def _values(index: int, column) -> list[str]:
        key = str(column.get("key") or "")
        return [str(index + 1), escape(short(column.get("header"), 30)),
                escape(short(COLUMN_KEYS.get(key) or f"khác: {key}", 22)), escape(width_text(column.get("width")))]

    def update_row(self, index: int) -> None:
        table = self.query_one("#x-cols", DataTable)
        values = self._values(index, self.edits.columns(self.appendix)[index])
        for col, value in zip(table.ordered_columns, values):
            table.update_cell(str(index), col.key, value)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.highlighted(event, "columns")

    async def action_add(self) -> None:
        if self.selected is None:
            return
        new = self.edits.add_column(self.appendix, after=self.selected[-1] if self.selected else None)
        await self.structure_changed(new)
        field = self.query_one("#x-col-header")
        field.focus()
        field.select_all()

    async def action_move(self, delta: int) -> None:
        if self.selected is None:
            return
        moved = self.edits.move_column(self.appendix, self.selected[-1], delta)
        if moved is None:
            self.notify(f"Cột đã ở {'đầu' if delta < 0 else 'cuối'} bảng.", severity="warning")
            return
        await self.structure_changed(moved)
        self.notify("Đã chuyển cột (cùng các ô của nó). Ctrl+Z để hoàn tác.", timeout=3)

    def action_delete(self) -> None:
        self.run_worker(self._delete, exclusive=True, group="xdel")

    async def _delete(self) -> None:
        if self.selected is None:
            return
        index = self.selected[-1]
        header = short(self.edits.columns(self.appendix)[index].get("header"), 40)
        if len(self.edits.columns(self.appendix)) <= 1:
            self.notify("Bảng cần ít nhất một cột.", severity="warning")
            return
        rows = self.session.get(self.appendix / "source") == "rows"
        question = f"Xóa cột «{header}»{' cùng các ô của nó ở mọi dòng' if rows else ''}?"
        if not await self.confirmed(question):
            return
        self.edits.remove_column(self.appendix, index)
        await self.structure_changed(self.appendix / ("columns", max(0, index - 1)))
        self.query_one("#x-cols").focus()
        self.notify(f"Đã xóa cột «{header}». Ctrl+Z để hoàn tác.", timeout=3)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        bid = event.button.id
        if bid == "x-col-add":
            await self.action_add()
        elif bid in ("x-col-left", "x-col-right"):
            await self.action_move(-1 if bid == "x-col-left" else 1)
        elif bid == "x-col-del":
            self.action_delete()

    def target_of(self, path: FieldPath) -> FieldPath | None:
        return path[:4] if len(path) >= 4 and path[2] == "columns" else None


class RowsPane(AppendixPane):
    """The rows of a ``source: rows`` table: a table of them, the selected row's cells below."""

    key = "x-rows"
    form_id = "x-row-form"
    list_id = "x-row-table"
    BINDINGS = [Binding("ctrl+n", "add", "Thêm dòng"), Binding("ctrl+g", "add_group", "Thêm dòng nhóm"),
                Binding("ctrl+d", "duplicate", "Nhân bản"), Binding("ctrl+up", "move(-1)", "Lên"),
                Binding("ctrl+down", "move(1)", "Xuống"), Binding("delete", "delete", "Xóa dòng")]

    def compose(self) -> ComposeResult:
        with Horizontal(classes="buttons"):
            yield Button("＋Dòng", id="x-row-add", compact=True, variant="primary", tooltip="Ctrl+N")
            yield Button("＋Nhóm", id="x-row-group", compact=True, tooltip="Ctrl+G")
            yield Button("Chép", id="x-row-dup", compact=True, tooltip="Ctrl+D")
            yield Button("↑", id="x-row-up", compact=True, tooltip="Ctrl+↑")
            yield Button("↓", id="x-row-down", compact=True, tooltip="Ctrl+↓")
            yield Button("Xóa dòng", id="x-row-del", compact=True, variant="error", tooltip="Delete")
        yield Static("", id="x-rows-hint", classes="hint")
        table: DataTable = DataTable(id="x-row-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield Vertical(id="x-row-form")

    @property
    def by_rows(self) -> bool:
        """A table of written rows whose rows and columns are lists (or not written yet)."""
        if self.appendix is None or self.session.get(self.appendix / "source") != "rows":
            return False
        return all(isinstance(self.session.get(self.appendix / key, []), list) for key in ("rows", "columns"))

    def _columns(self) -> list:
        """The columns a row's cells fill (a computed STT column has no cell)."""
        columns = self.edits.columns(self.appendix)
        return [columns[i] for i in self.edits.cell_columns(self.appendix)]

    def _widths(self, columns: list) -> list[int]:
        """Screen columns for the table's columns: the task text (the widest in cm) takes the most."""
        room = max(20, (self.size.width or 76) - 4 - 2 * len(columns) - 1)
        cm = [float(c.get("width")) if isinstance(c.get("width"), (int, float)) else 3.0 for c in columns]
        out = [max(3, int(room * w / sum(cm))) for w in cm]
        return out

    def _values(self, row, widths: list[int]) -> list[str]:
        cells = row.get("cells") if isinstance(row, dict) else None
        cells = cells if isinstance(cells, list) else []
        values = [escape(short(cell_text(cells[i]) if i < len(cells) else "", w)) for i, w in enumerate(widths)]
        if isinstance(row, dict) and row.get("group"):
            values = [f"[b]{v}[/b]" for v in values]
        return values

    def fill_list(self) -> None:
        table = self.query_one("#x-row-table", DataTable)
        hint = self.query_one("#x-rows-hint", Static)
        table.clear(columns=True)
        for button in self.query(Button):
            button.disabled = not self.by_rows
        if not self.by_rows:
            self.selected = None
            table.display = False
            hint.update("Bảng này lấy dòng từ các nhiệm vụ (bước «Nhiệm vụ», «Phân công»). Để tự ghi từng dòng, "
                        "chọn «Tự ghi từng dòng» ở thẻ «Chung»: các dòng của bảng hiện có được chép sang để sửa."
                        if self.appendix is not None else "Chọn một phụ lục ở thẻ «Chung».")
            hint.display = True
            return
        hint.display = False
        table.display = True
        columns = self._columns()
        widths = self._widths(columns)
        for column, width in zip(columns, widths):
            table.add_column(escape(short(column.get("header"), width)), width=width)
        rows = self.session.get(self.appendix / "rows") or []
        for r, row in enumerate(rows):
            table.add_row(*self._values(row, widths), key=str(r))
        index = self.selected[-1] if self.selected and self.selected[:-2] == self.appendix else 0
        index = min(index, len(rows) - 1)
        self.selected = self.appendix / ("rows", index) if rows else None
        if rows:
            table.move_cursor(row=index)

    async def fill_form(self, form: Vertical, path: FieldPath | None) -> None:
        if path is None:
            if self.by_rows:
                await form.mount(Static("Bảng chưa có dòng nào: Ctrl+N thêm dòng, Ctrl+G thêm dòng nhóm.",
                                        classes="hint"))
            return
        row = self.session.get(path)
        if not isinstance(row, dict):
            return
        cells = row.get("cells") if isinstance(row.get("cells"), list) else []
        columns = self._columns()
        group = row.get("group")
        level = f" cấp {group}" if isinstance(group, int) and not isinstance(group, bool) and group > 1 else ""
        box = Checkbox(f"Dòng nhóm{level} (in đậm; tiêu đề trải qua các ô trống sau nó)", value=bool(group),
                       id="x-row-group-box")
        box.field = path / "group"
        box.setter = lambda v, p=path: self._after(self.write(p / "group", True if v else None, drop_empty=True))
        widgets = [box]
        for i in range(max(len(columns), len(cells))):
            label = (f"{i + 1}. {short(columns[i].get('header'), 50)}" if i < len(columns)
                     else f"Ô thừa {i + 1} (không có cột, không in)")
            widgets.append(self.field_text(label, path / ("cells", i),
                                           text=cell_text(cells[i]) if i < len(cells) else "", classes="short",
                                           id=f"x-cell-{i}",
                                           setter=lambda t, i=i, p=path: self._after(
                                               self.edits.set_cell(p, i, " ".join(t.split())))))
        await form.mount_all(widgets)

    def _after(self, changed: bool) -> None:
        """A cell or the group flag changed: the draft is validated again, the row redrawn."""
        if not changed:
            return
        self.changed()
        table = self.query_one("#x-row-table", DataTable)
        widths = [c.width for c in table.ordered_columns]
        key = str(self.selected[-1])
        for col, value in zip(table.ordered_columns, self._values(self.session.get(self.selected), widths)):
            table.update_cell(key, col.key, value)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.highlighted(event, "rows")

    async def _add(self, group: bool) -> None:
        if not self.by_rows:
            return
        new = self.edits.add_row(self.appendix, after=self.selected[-1] if self.selected else None, group=group)
        await self.structure_changed(new)
        self.query_one("#x-cell-0").focus()

    async def action_add(self) -> None:
        await self._add(False)

    async def action_add_group(self) -> None:
        await self._add(True)

    async def action_duplicate(self) -> None:
        if self.selected is not None:
            await self.structure_changed(self.edits.duplicate(self.selected))

    async def action_move(self, delta: int) -> None:
        if self.selected is None:
            return
        moved = self.edits.move(self.selected, delta)
        if moved is None:
            self.notify(f"Dòng đã ở {'đầu' if delta < 0 else 'cuối'} bảng.", severity="warning")
            return
        await self.structure_changed(moved)

    def action_delete(self) -> None:
        self.run_worker(self._delete, exclusive=True, group="xdel")

    async def _delete(self) -> None:
        path = self.selected
        if path is None:
            return
        cells = [cell_text(c) for c in (self.session.get(path / "cells") or [])]
        name = short(" · ".join(c for c in cells if c.strip()), 50)
        if not await self.confirmed(f"Xóa dòng «{name}»?"):
            return
        self.edits.remove(path)
        left = len(self.session.get(self.appendix / "rows") or [])
        await self.structure_changed(self.appendix / ("rows", min(path[-1], left - 1)) if left else None)
        self.query_one("#x-row-table").focus()
        self.notify(f"Đã xóa dòng «{name}». Ctrl+Z để hoàn tác.", timeout=3)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {"x-row-add": self.action_add, "x-row-group": self.action_add_group,
                   "x-row-dup": self.action_duplicate, "x-row-up": lambda: self.action_move(-1),
                   "x-row-down": lambda: self.action_move(1)}
        if event.button.id == "x-row-del":
            self.action_delete()
        elif event.button.id in actions:
            await actions[event.button.id]()

    def target_of(self, path: FieldPath) -> FieldPath | None:
        return path[:4] if len(path) >= 4 and path[2] == "rows" else None


class AppendixScreen(Screen):
    """The appendix editor over the draft being edited; Esc goes back to the step it came from."""

    BINDINGS = [
        Binding("escape", "close", "Xong"),
        Binding("ctrl+s", "app.save", "Lưu", priority=True),
        Binding("f5", "tab(-1)", "Thẻ trước", priority=True, group=TAB_GROUP),
        Binding("f6", "tab(1)", "Thẻ sau", priority=True, group=TAB_GROUP),
        Binding("ctrl+z", "undo", "Hoàn tác"),
        Binding("ctrl+q", "app.quit", "Thoát"),
    ]

    def __init__(self, session: Session, field: FieldPath | None = None) -> None:
        super().__init__()
        self.session = session
        count = session.edits.appendix_count()
        index = field[1] if field is not None and len(field) > 1 and isinstance(field[1], int) else 0
        self.appendix: FieldPath | None = APPENDICES / min(index, count - 1) if count else None
        self.field = field

    def compose(self) -> ComposeResult:
        yield Header(icon="✎")
        tab = "x-general"
        if self.field is not None and len(self.field) > 2:
            tab = {"columns": "x-columns", "rows": "x-rows"}.get(self.field[2], tab)
        with TabbedContent(initial=f"tab-{tab}", id="x-tabs"):
            with TabPane("Chung", id="tab-x-general"):
                yield GeneralPane(self.session, self)
            with TabPane("Cột", id="tab-x-columns"):
                yield ColumnsPane(self.session, self)
            with TabPane("Dòng", id="tab-x-rows"):
                yield RowsPane(self.session, self)
        yield Static("", id="x-problems")
        yield KeyFooter()

    _ready = False

    def on_mount(self) -> None:
        self.call_after_refresh(setattr, self, "_ready", True)
        self.app.update_title()
        self.show_problems()
        tab = self.query_one(TabbedContent).active.removeprefix("tab-")
        pane = self.query_one(f"#step-{tab}", AppendixPane)
        if self.field is not None and len(self.field) > 2:
            self.call_after_refresh(pane.focus_field, self.field)
        else:
            self.call_after_refresh(pane.focus_first)

    def show_appendix(self, index: int) -> None:
        """The appendix the tabs edit (chosen in «Chung»); the other tabs read it again when shown."""
        path = APPENDICES / index
        if path != self.appendix:
            self.appendix = path
            self.show_problems()

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        event.stop()
        if not self._ready:
            return  # the first tab, shown as the screen opens
        self.run_worker(self._shown(event.pane.query_one(AppendixPane)), exclusive=True, group="xtab")

    async def _shown(self, pane: AppendixPane) -> None:
        await pane.reload()
        pane.focus_first()

    def action_tab(self, delta: int) -> None:
        tabs = self.query_one(TabbedContent)
        ids = [f"tab-{t}" for t in TABS]
        tabs.active = ids[(ids.index(tabs.active) + delta) % len(ids)]

    def on_step_changed(self, message: Step.Changed) -> None:
        message.stop()
        self.show_problems()
        self.app.update_title()
        from .editor import EditorScreen

        # the content rules run after the pause, as in the editor's steps; their findings come back here
        editor = next((s for s in self.app.screen_stack if isinstance(s, EditorScreen)), None)
        if editor is not None and self.session.checks_pending:
            editor.schedule_checks()

    def show_problems(self) -> None:
        """The appendix's problems, with the field each names (all of them: Kiểm tra step)."""
        box = self.query_one("#x-problems", Static)
        at = self.appendix
        found = [p for p in self.session.problems if at is not None and p.field and p.field.startswith(at)]
        if not found:
            box.display = False
            return
        lines = []
        for p in found[:2]:
            mark = "[red]Lỗi[/red]" if p.severity is Severity.ERROR else "[yellow]Nên sửa[/yellow]"
            line = f" (dòng {p.line})" if p.line else ""
            lines.append(f"{mark} {escape(p.field.label())}{line}: {escape(p.message)}")
        if len(found) > 2:
            lines.append(f"[dim]… và {len(found) - 2} điều nữa (bước «Kiểm tra, xuất bản»)[/dim]")
        box.update("\n".join(lines))
        box.display = True

    def action_close(self) -> None:
        self.dismiss(None)

    def action_undo(self) -> None:
        self.run_worker(self._undo, exclusive=True, group="undo")

    async def _undo(self) -> None:
        from .editor import undo_last

        point = await undo_last(self)
        if point is None:
            return
        count = self.session.edits.appendix_count()
        if self.appendix is not None and self.appendix[-1] >= count:
            self.appendix = APPENDICES / (count - 1) if count else None
        if point.path is not None and point.path[:1] == ("appendices",) and len(point.path) > 1 \
                and isinstance(point.path[1], int) and point.path[1] < count:
            self.appendix = APPENDICES / point.path[1]
        tab = self.query_one(TabbedContent).active.removeprefix("tab-")
        await self.query_one(f"#step-{tab}", AppendixPane).restored(point.path)
        self.show_problems()
        self.app.update_title()
        self.notify(f"Đã hoàn tác: {point.what}.")


def open_appendices(app, field: FieldPath | None = None) -> None:
    """Show the appendix editor over the editor; back in the editor, its step reads the draft again."""
    from .editor import EditorScreen

    editor = app.screen if isinstance(app.screen, EditorScreen) else None
    if app.session is None:
        return

    def back(_result) -> None:
        if editor is not None:
            editor.run_worker(editor.returned, exclusive=True, group="step")

    app.push_screen(AppendixScreen(app.session, field), back)
