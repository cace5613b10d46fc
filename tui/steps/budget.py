"""Step 6: where the money comes from (usually one standard paragraph)."""
from __future__ import annotations

from .sections import SectionsStep


class BudgetStep(SectionsStep):
    key = "budget"
    kind = "budget"
    new_title = "Kinh phí thực hiện"
    new_items = ["Kinh phí thực hiện Kế hoạch được bố trí trong dự toán ngân sách nhà nước giao hằng năm "
                 "của các cơ quan, đơn vị theo phân cấp ngân sách hiện hành và các nguồn hợp pháp khác."]
    help = "Nguồn kinh phí thực hiện kế hoạch (thường là một đoạn chuẩn)."
