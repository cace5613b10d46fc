"""Step 7: implementation: each unit's duties, derived from the assignment plus its own words."""
from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.widgets import Checkbox, Static

from drafter.edits import UNITS
from drafter.preview import unit_duties

from .base import lines_of
from .sections import SectionsStep


class ImplementationStep(SectionsStep):
    key = "implementation"
    kind = "implementation"
    new_title = "Tổ chức thực hiện"
    help = "Nhiệm vụ của từng đơn vị: phần in nghiêng là tự động từ bước «Phân công»; thêm lời dặn riêng bên dưới."

    def compose(self) -> ComposeResult:
        yield from super().compose()
        if not self.edits.sections(self.kind):
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
            yield self.field_text("Nhiệm vụ riêng (mỗi dòng một đoạn)", UNITS / (i, "duties"),
                                  text="\n".join(self.edits.own_duties(i)), classes="short",
                                  setter=lambda t, i=i: self.edited(self.edits.set_unit_duties(i, lines_of(t))))

    def refresh_view(self) -> None:
        draft = self.session.draft
        duties = unit_duties(draft) if draft else {}
        for i, unit in enumerate(self.data.get("units") or []):
            try:
                box = self.query_one(f"#i-derived-{i}", Static)
            except Exception:
                continue
            if draft is None:
                box.update("[dim](sửa các lỗi ở bước «Kiểm tra» để xem phần tự động)[/dim]")
                continue
            text = duties.get(str(unit.get("id")))
            box.update(f"[i]{escape(text)}[/i]" if text else "[dim](không có nhiệm vụ được giao)[/dim]")
