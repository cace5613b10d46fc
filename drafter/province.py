"""The province's view (``drafter report --collect``): many communes' tracking workbooks → one table.

Each commune's workbook knows its commune (hidden metadata sheet) and carries, per row, the
area, deadline and status; no plan file is needed. Several workbooks of one commune (the
combined one and per-unit ones) are merged by task id. The result: communes × areas with
completion rates, overdue tasks as of the cut-off, and which files were read or refused.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

from .deadlines import short_date
from .errors import Problem
from .progress import ReturnedRow, ReturnedWorkbook, read_workbook, row_deadline
from .text import fold
from .track import DOING, DONE, NOT_REPORTED, OVERDUE, TODO, row_height, workbook_bytes


@dataclass
class CommuneProgress:
    name: str  # «xã An Lạc»
    province: str
    files: list[str] = field(default_factory=list)
    rows: dict[str, tuple[ReturnedRow, ReturnedWorkbook]] = field(default_factory=dict)  # by task id
    planned: int = 0  # tasks in the commune's plan (from the metadata), 0 if unknown

    @property
    def total(self) -> int:
        return max(self.planned, len(self.rows))

    def count(self, status: str | None, area: str | None = None) -> int:
        return sum(1 for r, _ in self.rows.values() if r.status == status and (area is None or r.area == area))

    def area_total(self, area: str) -> int:
        return sum(1 for r, _ in self.rows.values() if r.area == area)

    def overdue(self, cutoff: _dt.date) -> list[ReturnedRow]:
        return [r for r, book in self.rows.values() if row_deadline(r, book).overdue(cutoff, r.status == DONE)]


@dataclass
class ProvinceView:
    cutoff: _dt.date
    communes: list[CommuneProgress]
    areas: list[str]
    problems: list[Problem]
    books: list[ReturnedWorkbook]


def _commune_of(book: ReturnedWorkbook) -> tuple[tuple, str, str]:
    m = book.meta
    if m.get("commune"):
        name = f"{m.get('commune_type') or 'xã'} {m['commune']}"
        province = m.get("province", "")
        return (fold(name), fold(province)), name, province
    stem = Path(book.path).stem
    return ("file", fold(stem)), stem, ""


def collect(paths, cutoff: _dt.date) -> ProvinceView:
    """Read every workbook (a bad one is reported and skipped) and group the rows by commune."""
    books = [read_workbook(p) for p in paths]
    communes: dict[tuple, CommuneProgress] = {}
    problems: list[Problem] = []
    areas: dict[str, int] = {}  # area → the smallest task number seen in it: the plan's order
    for book in books:
        problems.extend(book.problems)
        if not book.rows:
            continue
        key, name, province = _commune_of(book)
        if key[0] == "file":
            problems.append(Problem(f"tệp không ghi xã, phường nào (thiếu trang ẩn «drafter»); dùng tên tệp "
                                    f"«{name}» thay cho tên xã", book.path, severity="warning"))
        c = communes.setdefault(key, CommuneProgress(name, province))
        c.files.append(book.path)
        planned = book.meta.get("plan_tasks", "")
        if planned.isdigit():
            c.planned = max(c.planned, int(planned))
        for row in book.rows:
            if not row.id:
                problems.append(Problem(f"{row.where}: không có mã nhiệm vụ; dòng này chưa được tính",
                                        row.file, row.row))
                continue
            areas[row.area] = min(areas.get(row.area, 1 << 30), row.number or 1 << 30)
            earlier = c.rows.get(row.id)
            if earlier is not None:
                first = earlier[0]
                if not row.filled or first.same_report(row):
                    continue
                if first.filled:
                    problems.append(Problem(
                        f"{row.where}: nhiệm vụ đã được báo cáo khác ở {first.file}, {first.where}; "
                        "giữ kết quả đọc trước", row.file, row.row))
                    continue
            c.rows[row.id] = (row, book)
    ordered = sorted(communes.values(), key=lambda c: (fold(c.province), fold(c.name)))
    for c in ordered:
        if c.planned and len(c.rows) < c.planned:
            problems.append(Problem(
                f"{c.name}: mới nhận {len(c.rows)}/{c.planned} nhiệm vụ (còn thiếu bảng của đơn vị nào đó); "
                "các nhiệm vụ thiếu được tính là «chưa cập nhật»", c.files[0], severity="warning"))
    return ProvinceView(cutoff, ordered, sorted(areas, key=areas.get), problems, books)


# ----------------------------------------------------------------------------- the table


def _rate(done: int, total: int) -> float | None:
    return round(done / total, 4) if total else None


def province_workbook(view: ProvinceView, period_label: str | None = None) -> bytes:
    """The province's table as XLSX bytes (the same inputs and cut-off give the same bytes)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    font = Font(name="Times New Roman", size=12)
    bold = Font(name="Times New Roman", size=12, bold=True)
    title_font = Font(name="Times New Roman", size=14, bold=True)
    italic = Font(name="Times New Roman", size=12, italic=True)
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill("solid", fgColor="D9E1F2")
    wrap = Alignment(wrap_text=True, vertical="top")
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def title(ws, lines: list[str], width: int) -> None:
        for r, (text, f) in enumerate(zip(lines, (title_font, italic, italic)), 1):
            cell = ws.cell(row=r, column=1, value=text)
            cell.font, cell.alignment = f, center
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)

    def table(ws, top: int, heads: list[str], rows: list[list], widths: list[int], percent_from: int | None = None,
              rate_cols: tuple[int, ...] = ()) -> None:
        for i, h in enumerate(heads, 1):
            cell = ws.cell(row=top, column=i, value=h)
            cell.font, cell.alignment, cell.border, cell.fill = bold, center, border, head_fill
            ws.column_dimensions[get_column_letter(i)].width = widths[i - 1]
        ws.row_dimensions[top].height = 48
        for r, values in enumerate(rows, top + 1):
            ws.row_dimensions[r].height = row_height(zip(values, widths))
            for i, v in enumerate(values, 1):
                cell = ws.cell(row=r, column=i, value=v)
                cell.font, cell.border = font, border
                cell.alignment = center if isinstance(v, (int, float)) or i == 1 else wrap
                if i in rate_cols or (percent_from and i >= percent_from):
                    cell.number_format = "0%"
        ws.freeze_panes = ws.cell(row=top + 1, column=3)
        ws.auto_filter.ref = f"A{top}:{get_column_letter(len(heads))}{top + max(1, len(rows))}"
        ws.print_title_rows = f"{top}:{top}"
        ws.page_setup.orientation, ws.page_setup.paperSize = "landscape", ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True

    cutoff = view.cutoff
    when = f"Số liệu tính đến ngày {short_date(cutoff)}" + (f" (kỳ báo cáo {period_label})" if period_label else "")
    wb = Workbook()

    ws = wb.active
    ws.title = "Tổng hợp"
    heads = ["STT", "Xã, phường, đặc khu", "Tỉnh, thành phố", "Số nhiệm vụ", DONE, DOING, TODO, NOT_REPORTED,
             OVERDUE, "Tỷ lệ hoàn thành"] + view.areas
    rows = []
    totals = [0] * 6
    for n, c in enumerate(view.communes, 1):
        done, doing, todo = c.count(DONE), c.count(DOING), c.count(TODO)
        blank = c.total - done - doing - todo
        late = len(c.overdue(cutoff))
        for i, v in enumerate((c.total, done, doing, todo, blank, late)):
            totals[i] += v
        rows.append([n, c.name, c.province, c.total, done, doing, todo, blank, late, _rate(done, c.total)]
                    + [_rate(c.count(DONE, a), c.area_total(a)) for a in view.areas])
    if rows:
        area_totals = [_rate(sum(c.count(DONE, a) for c in view.communes), sum(c.area_total(a) for c in view.communes))
                       for a in view.areas]
        rows.append(["", "Tổng cộng", ""] + totals + [_rate(totals[1], totals[0])] + area_totals)
    title(ws, ["TỔNG HỢP TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH CỦA CÁC XÃ, PHƯỜNG, ĐẶC KHU",
               when + "; các cột lĩnh vực ghi tỷ lệ nhiệm vụ đã hoàn thành"], len(heads))
    table(ws, 4, heads, rows, [6, 26, 16, 11, 12, 12, 12, 12, 10, 12] + [16] * len(view.areas),
          percent_from=10)
    if rows:
        for i in range(1, len(heads) + 1):
            ws.cell(row=4 + len(rows), column=i).font = bold

    late_ws = wb.create_sheet("Nhiệm vụ quá hạn")
    late_rows = []
    for c in view.communes:
        for r in c.overdue(cutoff):
            late_rows.append([len(late_rows) + 1, c.name, r.area, r.task, r.lead, r.deadline,
                              r.status or NOT_REPORTED, r.result])
    title(late_ws, [f"NHIỆM VỤ QUÁ HẠN (chưa hoàn thành, hết hạn trước ngày {short_date(cutoff)})", when], 8)
    table(late_ws, 4, ["STT", "Xã, phường, đặc khu", "Lĩnh vực", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn",
                       "Tình trạng", "Kết quả thực hiện"], late_rows, [6, 22, 24, 60, 22, 14, 16, 40])

    files_ws = wb.create_sheet("Tệp đã đọc")
    notes: dict[str, list[str]] = {}
    for p in view.problems:
        notes.setdefault(p.file or "", []).append(p.message)
    file_rows = []
    for n, book in enumerate(view.books, 1):
        name = next((c.name for c in view.communes if book.path in c.files), "")
        file_rows.append([n, book.path, name, len(book.rows), "\n".join(notes.get(book.path, [])) or "đọc được"])
    title(files_ws, ["CÁC TỆP ĐÃ ĐỌC", when], 5)
    table(files_ws, 4, ["STT", "Tệp", "Xã, phường, đặc khu", "Số dòng đọc được", "Ghi chú"], file_rows,
          [6, 40, 22, 12, 80])

    stamp = _dt.datetime(cutoff.year, cutoff.month, cutoff.day)
    wb.properties.creator = wb.properties.lastModifiedBy = "drafter"
    wb.properties.title = "Tổng hợp tiến độ thực hiện kế hoạch"
    wb.properties.created = wb.properties.modified = stamp
    return workbook_bytes(wb)

