"""Step 1: the kind of document, the commune, number, date, subject."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from ..widgets.fields import FnValidator, check_date
from .base import Step, lines_of

KINDS = [("Kế hoạch", "ke-hoach"), ("Quyết định ban hành kèm Kế hoạch", "quyet-dinh")]
COMMUNE_TYPES = [("xã", "xã"), ("phường", "phường"), ("đặc khu", "đặc khu"), ("tỉnh", "tỉnh"),
                 ("thành phố", "thành phố")]


class GeneralStep(Step):
    key = "general"

    def compose(self) -> ComposeResult:
        yield self.heading()
        kind = self.session.get(("kind",)) or "ke-hoach"
        kinds = KINDS + ([("Báo cáo", "bao-cao")] if kind == "bao-cao" else [])  # made by «Báo cáo kết quả»
        yield self.field_select("Loại văn bản", ("kind",), kinds, allow_blank=False, value=kind,
                                setter=self._set_kind, id="f-kind")
        with Horizontal(classes="row"):
            yield self.field_input("Tên xã, phường", ("commune", "name"), id="f-commune")
            yield self.field_select("Loại", ("commune", "type"), COMMUNE_TYPES, allow_blank=False,
                                    value=self.session.get(("commune", "type")) or "xã", id="f-ctype")
        lines = self.session.get(("issuer", "lines")) or []
        yield self.field_text("Cơ quan ban hành (mỗi dòng một dòng; để trống: tự động)", ("issuer", "lines"),
                              text="\n".join(lines), classes="short", placeholder="ỦY BAN NHÂN DÂN / XÃ ...",
                              setter=lambda text: self.edited(self.edits.set_issuer_lines(lines_of(text))))
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
