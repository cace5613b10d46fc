"""Base of the steps that edit whole sections as titles and paragraphs (purposes, budget, implementation)."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Static

from drafter.edits import SectionKind, paragraphs
from drafter.fieldpath import FieldPath

from .base import Step, lines_of


class SectionsStep(Step):
    """The sections of one kind (their ``role``), each with its sub-nodes; adds one when there is none."""

    kind: SectionKind = "tasks"
    new_title = ""
    new_items: list = []  # what a new section holds
    help = ""

    def compose(self) -> ComposeResult:
        yield self.heading()
        if self.help:
            yield Static(self.help, classes="hint")
        found = self.edits.sections(self.kind)
        for path in found:
            yield from self.node_fields(path, 0)
            yield Button("＋ Thêm mục con", id=f"add-child-{path[-1]}", compact=True, classes="add")
        if not found:
            yield Static(f"Bản thảo chưa có phần «{self.new_title}».", classes="hint")
            yield Button(f"＋ Thêm phần «{self.new_title}»", id="add-section", variant="primary", compact=True)

    def node_fields(self, path: FieldPath, depth: int):
        node = self.session.get(path)
        yield self.field_input("Tiêu đề" if depth else "Tiêu đề phần", path / "title", drop_empty=depth > 0)
        yield self.field_text("Các đoạn (mỗi dòng một đoạn; «- » đầu dòng cho gạch đầu dòng)",
                              path / "items", text="\n".join(paragraphs(node)),
                              setter=lambda text, p=path: self.edited(self.edits.set_paragraphs(p, lines_of(text))))
        for sub in self.edits.subnodes(path):
            with Vertical(classes="subnode"):
                yield from self.node_fields(sub, depth + 1)
                button = Button("＋ Thêm mục con", compact=True, classes="add")
                button.node_path = sub  # a sub-node of its own, at any depth
                yield button

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        bid = event.button.id or ""
        if bid == "add-section":
            self.edits.add_section(self.kind, self.new_title, self.new_items)
        elif bid.startswith("add-child-"):
            self.edits.add_node(FieldPath(("sections", int(bid.removeprefix("add-child-")))), "Mục mới")
        elif getattr(event.button, "node_path", None) is not None:
            self.edits.add_node(event.button.node_path, "Mục mới")
        else:
            return
        self.changed()
        await self.reload()
