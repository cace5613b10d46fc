"""Step 4: the task sections as a tree (areas, tasks), a form for the one selected."""
from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static, Tree

from drafter.edits import as_list, paragraphs
from drafter.fieldpath import FieldPath

from ..widgets.fields import VTextArea
from .base import ListFormStep, lines_of, short


def is_task(path: FieldPath) -> bool:
    return path[-2] == "tasks"


class TasksStep(ListFormStep):
    key = "tasks"
    form_id = "t-form"
    list_id = "t-tree"
    BINDINGS = [
        Binding("ctrl+n", "add_task", "Thêm nhiệm vụ"),
        Binding("ctrl+l", "add_area", "Thêm lĩnh vực"),
        Binding("ctrl+d", "duplicate", "Nhân bản"),
        Binding("ctrl+up", "move(-1)", "Lên"),
        Binding("ctrl+down", "move(1)", "Xuống"),
        Binding("delete", "delete", "Xóa"),
    ]

    def compose(self) -> ComposeResult:
        yield self.heading()
        with Horizontal(classes="buttons"):
            yield Button("＋Nhiệm vụ", id="t-task", compact=True, variant="primary", tooltip="Ctrl+N")
            yield Button("＋Lĩnh vực", id="t-area", compact=True, tooltip="Ctrl+L")
            yield Button("＋Mục", id="t-free", compact=True, tooltip="Thêm mục tự do (Giải pháp, ...)")
            yield Button("Chép", id="t-dup", compact=True, tooltip="Nhân bản (Ctrl+D)")
            yield Button("↑", id="t-up", compact=True, tooltip="Ctrl+↑")
            yield Button("↓", id="t-down", compact=True, tooltip="Ctrl+↓")
            yield Button("Xóa", id="t-del", compact=True, variant="error", tooltip="Delete")
        tree: Tree = Tree("Nội dung", id="t-tree")
        tree.show_root = False
        tree.guide_depth = 2
        yield tree
        yield Vertical(id="t-form")

    def _label(self, path: FieldPath, obj) -> str:
        if is_task(path):
            return "• " + escape(short(obj.get("text"), 60) or "(nhiệm vụ trống)")
        return "[b]" + escape(short(obj.get("title") or "(không tiêu đề)", 60)) + "[/b]"

    def fill_list(self) -> None:
        tree = self.query_one("#t-tree", Tree)
        tree.clear()
        select_node = None

        def add(parent, path: FieldPath):
            nonlocal select_node
            branch = parent.add(self._label(path, self.session.get(path)), data=path, expand=True)
            if path == self.selected:
                select_node = branch
            for sub in self.edits.subnodes(path):
                add(branch, sub)
            for task in self.edits.node_tasks(path):
                leaf = branch.add_leaf(self._label(task, self.session.get(task)), data=task)
                if task == self.selected:
                    select_node = leaf

        for path in self.edits.sections("tasks"):
            add(tree.root, path)
        if select_node is None and tree.root.children:
            select_node = tree.root.children[0]
            self.selected = select_node.data
        if select_node is not None:
            _ = tree.last_line  # lays the new nodes out: before that a node has no line and the cursor goes to the top
            tree.move_cursor(select_node)

    async def fill_form(self, form: Vertical, path: FieldPath | None) -> None:
        obj = self.session.get(path) if path else None
        if not isinstance(obj, dict):
            await form.mount(Static("Chưa có phần nhiệm vụ. Bấm «＋Mục tự do» hoặc «＋Lĩnh vực».", classes="hint"))
            return
        widgets = []
        if is_task(path):
            widgets.append(self.field_text("Nội dung nhiệm vụ", path / "text", classes="short"))
            widgets.append(self.field_input("Lời văn ngắn in trong thân (khi nhiệm vụ có ở phụ lục)", path / "summary",
                                            drop_empty=True, placeholder="để trống: thân in nguyên nội dung"))
            widgets.append(self.field_text(
                "Các ý nhỏ (mỗi dòng một ý «+ »)", path / "items", text="\n".join(as_list(obj.get("items"))),
                setter=lambda t, p=path: self.edited(self.edits.set_lines(p / "items", lines_of(t))),
                classes="short"))
            widgets.append(self.field_input("Mục tiêu (cột phụ lục)", path / "target", drop_empty=True))
            widgets.append(Static("Đơn vị chủ trì, phối hợp, thời hạn: ở bước «Phân công».", classes="hint"))
        else:
            widgets.append(self.field_input("Tiêu đề", path / "title", drop_empty=len(path) > 2))
            widgets.append(self.field_text(
                "Các đoạn (mỗi dòng một đoạn)", path / "items", text="\n".join(paragraphs(obj)),
                setter=lambda t, p=path: self.edited(self.edits.set_paragraphs(p, lines_of(t)))))
            widgets.append(self.field_select(
                "Dòng «Phụ trách thực hiện»", path / "responsible",
                [("Tự động từ phân công", "auto")], prompt="(không ghi)",
                value=obj.get("responsible") if obj.get("responsible") == "auto" else None))
        await form.mount_all(widgets)

    def changed(self) -> None:
        super().changed()
        node = self.query_one("#t-tree", Tree).cursor_node
        if node is not None and node.data:
            obj = self.session.get(node.data)
            if isinstance(obj, dict):
                node.set_label(self._label(node.data, obj))

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        event.stop()
        if event.node.data:
            self.select(event.node.data)

    async def action_add_task(self) -> None:
        if not self.selected:
            await self.action_add_free()
        path = self.selected
        node = path.parent.parent if is_task(path) else path
        new = self.edits.add_task(node, after=path[-1] if is_task(path) else None)
        await self.structure_changed(new)
        self.focus_field(new / "text")
        self.query_one("#t-form").query(VTextArea).first().select_all()

    async def action_add_area(self) -> None:
        if not self.selected:
            await self.action_add_free()
        await self.structure_changed(self.edits.add_node(self.selected[:2], "Lĩnh vực mới", tasks=True))
        self.focus_field(self.selected / "title")

    async def action_add_free(self) -> None:
        new = self.edits.add_section("tasks", "Mục mới")
        await self.structure_changed(new)
        self.focus_field(new / "title")

    async def action_duplicate(self) -> None:
        twin = self.edits.duplicate(self.selected) if self.selected else None
        if twin is not None:
            await self.structure_changed(twin)

    async def action_move(self, delta: int) -> None:
        path = self.selected
        moved = self.edits.move(path, delta) if path else None
        way = "lên" if delta < 0 else "xuống"
        if moved is None:
            if path:
                self.notify(self._why_not_moved(path, delta), title=f"Không chuyển {way} được", severity="warning")
            return
        await self.structure_changed(moved)
        self.notify(f"Đã chuyển {self._what(moved)} {way}. Ctrl+Z để hoàn tác.", timeout=3)

    def _what(self, path: FieldPath) -> str:
        obj = self.session.get(path)
        name = short(obj.get("text") or obj.get("title"), 40) if isinstance(obj, dict) else ""
        return f"{'nhiệm vụ' if is_task(path) else 'mục'} «{name}»"

    def _why_not_moved(self, path: FieldPath, delta: int) -> str:
        end = "đầu" if delta < 0 else "cuối"
        if is_task(path):
            return f"Nhiệm vụ đã ở {end} lĩnh vực của nó."
        if len(path) == 2:
            return (f"Phần này đã ở {end} các phần nhiệm vụ; nó không chuyển qua phần "
                    "«Mục đích, yêu cầu» hay «Tổ chức thực hiện».")
        return f"Mục này đã ở {end} phần của nó."

    def action_delete(self) -> None:
        self.run_worker(self._delete, exclusive=True, group="tdel")

    async def _delete(self) -> None:
        from ..screens.dialogs import confirm

        path = self.selected
        if not path:
            return
        obj = self.session.get(path)
        what = "nhiệm vụ" if is_task(path) else "mục"
        name = short(obj.get("text") or obj.get("title"), 50) if isinstance(obj, dict) else ""
        if await self.app.push_screen_wait(confirm(f"Xóa {what} «{name}»?", yes="Xóa", no="Giữ lại")) != "yes":
            return
        self.edits.remove(path)
        nxt = path.parent / (path[-1] - 1) if path[-1] > 0 else (path[:-2] if len(path) > 2 else None)
        await self.structure_changed(nxt)
        self.query_one("#t-tree").focus()
        self.notify(f"Đã xóa {what} «{name}». Ctrl+Z để hoàn tác.", timeout=3)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {"t-task": self.action_add_task, "t-area": self.action_add_area, "t-free": self.action_add_free,
                   "t-dup": self.action_duplicate, "t-up": lambda: self.action_move(-1),
                   "t-down": lambda: self.action_move(1)}
        if event.button.id == "t-del":
            self.action_delete()
        elif event.button.id in actions:
            await actions[event.button.id]()

    def target_of(self, path: FieldPath) -> FieldPath | None:
        if "tasks" in path:
            return path[: path.index("tasks") + 2]
        if len(path) < 2:
            return None
        target = path[:2]
        while len(path) > len(target) + 1 and path[len(target)] == "items" \
                and isinstance(self.session.get(path[: len(target) + 2]), dict):
            target = path[: len(target) + 2]
        return target
