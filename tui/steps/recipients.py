"""Step 8: the distribution list, the archive line and the signer, previewed as printed."""
from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from drafter.edits import RECIPIENTS
from drafter.preview import closing_lines

from .base import Step, lines_of

AUTHORITIES = [("TM. (thay mặt tập thể)", "TM."), ("KT. (ký thay Chủ tịch)", "KT."), ("Q. (quyền)", "Q."),
               ("TL. (thừa lệnh)", "TL."), ("TUQ. (thừa ủy quyền)", "TUQ."), ("(không ghi)", "")]


class RecipientsStep(Step):
    key = "recipients"

    def compose(self) -> ComposeResult:
        yield self.heading()
        lines = [self.edits.recipient_line(r) for r in self.data.get("recipients") or []]
        yield self.field_text("Nơi nhận (mỗi dòng một nơi; thêm «(b/c)» khi gửi để báo cáo)", RECIPIENTS,
                              text="\n".join(lines), id="r-recipients",
                              setter=lambda text: self.edited(self.edits.set_recipients(lines_of(text))))
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

    def refresh_view(self) -> None:
        draft = self.session.draft
        try:
            box = self.query_one("#r-preview", Static)
        except Exception:
            return
        if draft is None:
            box.update("[dim](sửa các lỗi ở bước «Kiểm tra» để xem trước)[/dim]")
            return
        first, *rest = closing_lines(draft)
        box.update(f"[b]{escape(first)}[/b]\n" + escape("\n".join(rest)))
