"""Deadlines and reporting periods: every deadline shipped or in the real plans is understood,
or explicitly known as unknown."""
import datetime as dt
import re

import pytest

from conftest import EXAMPLES, ROOT, SHARED
from drafter.deadlines import Period, parse_deadline, parse_period
from drafter.loader import load_draft
from drafter.presets import load_preset
from drafter.text import fold

D = dt.date

# text → (kind, last day) for a plan of 2026. Every deadline found below must be listed here.
EXPECTED = {
    # shipped presets
    "Thường xuyên": ("continuous", None),
    "Năm 2026": ("date", D(2026, 12, 31)),
    "Quý I/2026": ("date", D(2026, 3, 31)),
    "Quý IV/2026": ("date", D(2026, 12, 31)),
    "Quý I/2026 và thường xuyên": ("date", D(2026, 3, 31)),
    "Định kỳ, đột xuất": ("recurring", None),
    "Theo kế hoạch của tỉnh": ("directed", None),
    "Theo kế hoạch của thành phố": ("directed", None),
    "Theo hướng dẫn của Sở Nội vụ": ("directed", None),
    "Theo chương trình công tác": ("directed", None),
    "Theo Kế hoạch kiểm tra": ("directed", None),
    # the Lộc Hòa appendix (example draft and text)
    "Quý I/2025": ("date", D(2025, 3, 31)),
    "Năm 2025": ("date", D(2025, 12, 31)),
    "Theo hướng dẫn của tỉnh": ("directed", None),
    "Theo thời hạn đã đăng ký": ("directed", None),
    "Khi có kế hoạch của tỉnh": ("directed", None),
    # cells the source table itself merged by mistake: not a deadline, kept as text
    "Thường xuyên Thường xuyên Thường xuyên Thường xuyên": ("unknown", None),
    "Văn phòng UBND xã; Các bộ phận có liên quan": ("unknown", None),
    "Văn phòng UBND xã Thường xuyên": ("unknown", None),
    "Văn phòng UBND xã; Tư pháp - Hộ tịch Thường xuyên": ("unknown", None),
    # the Đồng Nai and Đồng Tháp appendices
    "2025": ("date", D(2025, 12, 31)),
    "2026": ("date", D(2026, 12, 31)),
    "2026 - 2030": ("date", D(2030, 12, 31)),
    "2026-2030": ("date", D(2030, 12, 31)),
    "Hằng năm": ("recurring", None),
    "Quí IV-2025": ("date", D(2025, 12, 31)),
    "Thường xuyên, hằng năm": ("continuous", None),
}

# What plans also write (issue 14 and common practice).
MORE = {
    "Quý II năm 2026": ("date", D(2026, 6, 30)),
    "Tháng 3/2026": ("date", D(2026, 3, 31)),
    "tháng 06/2026": ("date", D(2026, 6, 30)),
    "Trước ngày 30/6/2026": ("date", D(2026, 6, 30)),
    "30/6/2026": ("date", D(2026, 6, 30)),
    "ngày 30 tháng 6 năm 2026": ("date", D(2026, 6, 30)),
    "Chậm nhất ngày 15/3/2026": ("date", D(2026, 3, 15)),
    "6 tháng đầu năm 2026": ("date", D(2026, 6, 30)),
    "6 tháng cuối năm 2026": ("date", D(2026, 12, 31)),
    "9 tháng đầu năm 2026": ("date", D(2026, 9, 30)),
    "Trong năm 2026": ("date", D(2026, 12, 31)),
    "Cuối năm 2026": ("date", D(2026, 12, 31)),
    "Hoàn thành trong Quý II/2026": ("date", D(2026, 6, 30)),
    "Giai đoạn 2026–2030": ("date", D(2030, 12, 31)),
    "Từ tháng 3 đến tháng 6/2026": ("date", D(2026, 6, 30)),
    "Quý I - Quý II/2026": ("date", D(2026, 6, 30)),
    "Quý 3/2026": ("date", D(2026, 9, 30)),
    "2026-03-31": ("date", D(2026, 3, 31)),
    "Quý I": ("date", D(2026, 3, 31)),  # the plan's year completes it
    "tháng 6": ("date", D(2026, 6, 30)),
    "30/6": ("date", D(2026, 6, 30)),
    "Hàng năm": ("recurring", None),
    "Định kỳ hằng quý": ("recurring", None),
    "Hằng tháng": ("recurring", None),
    "Định kỳ 6 tháng": ("recurring", None),
    "Đột xuất": ("recurring", None),
    "Liên tục": ("continuous", None),
    "Theo kế hoạch, trước 30/6/2026": ("date", D(2026, 6, 30)),
    "Tháng 13/2026": ("unknown", None),
    "31/2/2026": ("unknown", None),
    "Sớm nhất có thể": ("unknown", None),
    "": ("unknown", None),
}

_HEADS = {"thoi gian hoan thanh", "thoi han", "thoi gian thuc hien"}


def shipped_deadlines() -> dict[str, str]:
    """Every deadline of the shipped presets, example drafts and real plans' tables → where it is."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "presets").glob("*.yaml")):
        for area in load_preset(path).spec.areas:
            for task in area.tasks:
                if task.deadline:
                    found.setdefault(task.deadline, path.name)
    for path in sorted(EXAMPLES.glob("*.yaml")):
        draft = load_draft(path).draft
        from drafter.model import all_tasks
        for task in all_tasks(draft):
            if task.deadline:
                found.setdefault(task.deadline, path.name)
        for appendix in draft.appendices:
            keys = [c.key for c in appendix.cell_columns()]  # a computed STT is not in the cells
            if "deadline" in keys:
                i = keys.index("deadline")
                for row in appendix.rows:
                    if not (row.group or row.header) and len(row.cells) > i and row.cells[i].strip():
                        found.setdefault(row.cells[i].strip(), path.name)
    for path in sorted((SHARED / "examples").glob("*.txt")):
        col = width = sep = None
        for line in path.read_text(encoding="utf-8").splitlines():
            for s in (" | ", "\t"):
                cells = [c.strip() for c in line.split(s)]
                if len(cells) < 3:
                    continue
                heads = [fold(re.sub(r"<[^>]+>|\*", "", c)).strip() for c in cells]
                hit = [i for i, h in enumerate(heads) if h in _HEADS]
                if hit:
                    col, width, sep = hit[0] - len(cells), len(cells), s  # counted from the right
                elif s == sep and col is not None and len(cells) in (width, width + 1) and cells[col]:
                    found.setdefault(cells[col], path.name)
                break
    return found


def test_every_shipped_deadline_is_listed_and_understood_as_listed():
    found = shipped_deadlines()
    assert len(found) >= 20  # presets, Lộc Hòa, Đồng Nai, Đồng Tháp
    unlisted = {t: where for t, where in found.items() if t not in EXPECTED}
    assert not unlisted, f"new deadlines: add them to EXPECTED with what they mean: {unlisted}"
    for text in found:
        d = parse_deadline(text, 2026)
        assert (d.kind, d.end) == EXPECTED[text], text
        assert d.text == text  # the words are kept


@pytest.mark.parametrize("text", sorted(MORE))
def test_deadlines_plans_write(text):
    d = parse_deadline(text, 2026)
    assert (d.kind, d.end) == MORE[text]
    assert d.understood == (MORE[text][0] != "unknown")


def test_a_deadline_without_its_year_needs_the_plans_year():
    assert parse_deadline("Quý I").kind == "unknown"
    assert parse_deadline("Quý I", 2027).end == D(2027, 3, 31)
    assert parse_deadline("Năm 2025", 2027).end == D(2025, 12, 31)  # a written year wins


def test_spans_keep_their_start_and_recurring_their_rhythm():
    assert parse_deadline("2026 - 2030").start == D(2026, 1, 1)
    assert parse_deadline("Quý II/2026").start == D(2026, 4, 1)
    assert parse_deadline("Định kỳ hằng quý").every == "quý"
    assert parse_deadline("Hằng năm").every == "năm"
    both = parse_deadline("Quý I/2026 và thường xuyên")
    assert both.continuous and both.end == D(2026, 3, 31)


@pytest.mark.parametrize("text,label,start,cutoff", [
    ("Quý I/2026", "Quý I/2026", D(2025, 12, 15), D(2026, 3, 14)),
    ("6 tháng/2026", "6 tháng/2026", D(2025, 12, 15), D(2026, 6, 14)),
    ("6 tháng đầu năm 2026", "6 tháng/2026", D(2025, 12, 15), D(2026, 6, 14)),
    ("Quý III/2026", "Quý III/2026", D(2026, 6, 15), D(2026, 9, 14)),
    ("Năm 2026", "Năm 2026", D(2025, 12, 15), D(2026, 12, 14)),
    ("quy 2 nam 2026", "Quý II/2026", D(2026, 3, 15), D(2026, 6, 14)),
    ("Quý IV/2026", "Quý IV/2026", D(2026, 9, 15), D(2026, 12, 14)),
    ("9 tháng/2026", "9 tháng/2026", D(2025, 12, 15), D(2026, 9, 14)),
])
def test_periods_and_their_data_windows(text, label, start, cutoff):
    p = parse_period(text)
    assert (p.label, p.start, p.cutoff) == (label, start, cutoff)
    assert p.contains(start) and p.contains(cutoff) and not p.contains(cutoff + dt.timedelta(days=1))


def test_period_titles_and_the_next_report():
    q1 = parse_period("Quý I/2026")
    assert q1.title == "quý I năm 2026"
    assert [q1.next().label, q1.next().next().label, q1.next().next().next().label] == [
        "6 tháng/2026", "Quý III/2026", "Năm 2026"]
    assert parse_period("Năm 2026").next() == Period("quarter", 2027, 1)
    assert parse_period("6 tháng/2026").title == "6 tháng đầu năm 2026"


@pytest.mark.parametrize("bad", ["", "Quý V/2026", "tháng 3", "hôm qua", "Quý I"])
def test_a_period_that_cannot_be_read_says_what_is_accepted(bad):
    with pytest.raises(ValueError, match="Quý I/2026"):
        parse_period(bad)


def test_overdue_is_past_the_cutoff_and_not_done():
    q1 = parse_deadline("Quý I/2026")
    assert not q1.overdue(parse_period("Quý I/2026").cutoff, done=False)  # due 31/3, cut-off 14/3
    assert q1.overdue(parse_period("6 tháng/2026").cutoff, done=False)
    assert not q1.overdue(parse_period("6 tháng/2026").cutoff, done=True)
    assert not parse_deadline("Thường xuyên").overdue(D(2030, 1, 1), done=False)
    assert not parse_deadline("14/3/2026").overdue(D(2026, 3, 14), done=False)  # due on the cut-off day
    assert parse_deadline("13/3/2026").overdue(D(2026, 3, 14), done=False)
