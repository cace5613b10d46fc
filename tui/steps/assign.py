"""Step 5: who leads and supports each task, its deadline and output; units added to the catalogue."""
from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, DataTable, SelectionList, Static

from drafter.edits import as_list
from drafter.fieldpath import FieldPath

from ..widgets.fields import FnValidator, VInput, check_unit_name
from ..widgets.wrap import wrap
from .base import ListFormStep, short


class AssignStep(ListFormStep):
    key = "assign"
    form_id = "a-form"
    list_id = "a-table"

    def compose(self) -> ComposeResult:
        yield self.heading()
        table: DataTable = DataTable(id="a-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield Vertical(id="a-form")
        yield Static("Thêm đơn vị vào danh mục", classes="section-label")
        with Horizontal(classes="row"):
            kind = str(self.session.get(("commune", "type")) or "xã")  # the draft's own word: xã, phường
            unit = VInput(placeholder=f"ví dụ: Trạm Y tế {kind}", id="a-unit-name",
                          validators=[FnValidator(check_unit_name)])
            unit.border_title = "Tên đơn vị"
            yield unit
            yield Button("＋ Thêm đơn vị", id="a-add-unit", compact=True, variant="primary")

    def _units(self, ids: list[str]) -> str:
        names = self.edits.unit_names(short=True)
        return ", ".join(names.get(i, i) for i in ids)

    # (header, width) of the columns after the task's: the task's text takes the rest and wraps
    COLUMNS = [("Chủ trì", 9), ("Phối hợp", 9), ("Thời hạn", 10)]

    def _task_width(self) -> int:
        """Room for the task column: the step's width less the others, the borders and cell padding."""
        room = (self.size.width or 54) - 2 - 2 - 1  # step padding, table border, scrollbar
        return max(12, room - sum(w + 2 for _, w in self.COLUMNS) - 2)

    def _row(self, n: int, task) -> list[str]:
        width = self._task_width()
        lines = wrap(f"{n}. {task.get('text') or ''}", width) or [""]
        if len(lines) > 2:
            lines = [lines[0], short(" ".join(lines[1:]), width)]
        return ["\n".join(lines), short(self._units(as_list(task.get("lead"))), 9) or "[red]chưa giao[/red]",
                short(self._units(as_list(task.get("support"))), 9), short(task.get("deadline"), 10)]

    def fill_list(self) -> None:
        table = self.query_one("#a-table", DataTable)
        table.clear(columns=True)
        table.add_column("Nhiệm vụ", width=self._task_width(), key="task")
        for header, width in self.COLUMNS:
            table.add_column(header, width=width)
        tasks = list(self.edits.tasks())
        for n, (path, task) in enumerate(tasks, 1):
            row = self._row(n, task)
            table.add_row(*row, key=str(path), height=row[0].count("\n") + 1)
        paths = [p for p, _ in tasks]
        if self.selected not in paths:
            self.selected = paths[0] if paths else None
        if self.selected:
            table.move_cursor(row=paths.index(self.selected))

    def on_resize(self) -> None:
        """The sidebar hidden or shown: the task column takes the width it has now."""
        if self.is_mounted and self.query("#a-table"):
            self.fill_list()

    async def fill_form(self, form: Vertical, path: FieldPath | None) -> None:
        task = self.session.get(path) if path else None
        if not isinstance(task, dict):
            await form.mount(Static("Chưa có nhiệm vụ nào; thêm ở bước «Nhiệm vụ».", classes="hint"))
            return
        units = [(name, uid) for uid, name in self.edits.unit_names().items()]
        leads = as_list(task.get("lead"))
        supports = as_list(task.get("support"))
        widgets = [Static(escape(short(task.get("text"), 200)), classes="task-text")]
        widgets.append(self.field_select("Cơ quan chủ trì", path / "lead", units, prompt="(chưa giao)",
                                         value=leads[0] if leads else None, setter=self._set_lead, id="a-lead"))
        sel = SelectionList(*[(name, uid, uid in supports) for name, uid in units], id="a-support")
        sel.field = path / "support"
        sel.border_title = "Cơ quan phối hợp (Space để chọn)"
        widgets.append(sel)
        row = Horizontal(classes="row")
        widgets.append(row)
        deadline = self.field_input("Thời hạn", path / "deadline", drop_empty=True,
                                    placeholder="Thường xuyên, Quý I/2026, 30/6/2026")
        output = self.field_input("Sản phẩm", path / "output", drop_empty=True, placeholder="Báo cáo, Kế hoạch…")
        box = Checkbox("Đưa vào bảng phụ lục", value=bool(task.get("appendix", True)), id="a-appendix")
        box.field = path / "appendix"
        box.setter = lambda v, p=path: self.write(p / "appendix", None if v else False, drop_empty=True)
        await form.mount_all(widgets)
        await row.mount_all([deadline, output])
        await form.mount(box)

    def _set_lead(self, value) -> None:
        """The list picks the first lead; any others written in the YAML stay after it."""
        rest = as_list(self.session.get(self.selected / "lead"))[1:]
        self.edited(self.edits.set_units(self.selected / "lead",
                                         ([value] if value else []) + [u for u in rest if u != value]))

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        self.edited(self.edits.set_units(self.selected / "support", list(event.selection_list.selected)))

    def changed(self) -> None:
        super().changed()
        table = self.query_one("#a-table", DataTable)
        if self.selected:
            key = str(self.selected)
            n = table.get_row_index(key)
            for col, value in zip(table.ordered_columns, self._row(n + 1, self.session.get(self.selected))):
                table.update_cell(key, col.key, value)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.select(FieldPath.parse(event.row_key.value) if event.row_key and event.row_key.value else None)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id != "a-add-unit":
            return
        box = self.query_one("#a-unit-name", VInput)
        name = box.value.strip()
        if check_unit_name(name):
            self.notify("Hãy nhập tên đơn vị (ít nhất 3 ký tự).", severity="warning")
            box.focus()
            return
        unit = self.session.get(self.edits.add_unit(name))
        self.changed()
        box.value = ""
        self.notify(f"Đã thêm đơn vị «{unit['name']}» (mã {unit['id']}).")
        await self.build_form()

    def target_of(self, path: FieldPath) -> FieldPath | None:
        return path[: path.index("tasks") + 2] if "tasks" in path else None
