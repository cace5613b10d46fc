"""The tracking workbook (``drafter track``): one row per task of a plan, columns the units fill.

Every task gets a stable id, kept in a hidden column, so that the workbooks units send back
(rows sorted, columns added, one per unit) are matched to the plan's tasks (``progress.py``).
The summary sheet counts by area and by lead unit with formulas that stay live as units fill
the rows. The same plan gives the same bytes.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import io
import math
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .deadlines import Deadline, parse_deadline
from .errors import DraftError, OutputExists, Problem
from .model import Draft, Node, Task, Unit
from .inline import plain
from .text import fold, lower_first, slug

DONE, DOING, TODO = STATUSES = ("Đã hoàn thành", "Đang thực hiện", "Chưa thực hiện")
NOT_REPORTED = "Chưa cập nhật"  # a row the unit left blank: counted apart from «Chưa thực hiện»
OVERDUE = "Quá hạn"
KIND = "drafter-theo-doi"  # the hidden metadata sheet says what the workbook is
TASKS_SHEET, SUMMARY_SHEET, META_SHEET = "Theo dõi", "Tổng hợp", "drafter"
FORMAT_VERSION = "1"


# ----------------------------------------------------------------------------- tasks


@dataclass(frozen=True)
class TrackedTask:
    """A task of the plan as the tracking workbook and the report see it."""

    id: str
    number: int  # 1-based, in reading order
    area: str  # title of the area (the node holding the task)
    area_number: int  # 1-based, areas in reading order
    task: Task
    lead: tuple[str, ...]  # unit names
    support: tuple[str, ...]
    deadline: Deadline

    @property
    def text(self) -> str:
        """The task with its sub-points, as the appendix shows it."""
        return "\n".join([plain(self.task.text)] + [f"+ {plain(i)}" for i in self.task.items])

    @property
    def lead_ids(self) -> tuple[str, ...]:
        return tuple(self.task.lead)


_GENERIC = re.compile(r"^(?:cac )?(?:nhiem vu|giai phap|hoat dong)(?: cu the| chu yeu| trong tam)?$")


def _area_title(chain: list[Node]) -> str:
    """The holding node's title; a generic one («Nhiệm vụ» under «Cải cách thể chế») gives
    way to the nearest ancestor with a real title."""
    for node in reversed(chain):
        if node.title and not _GENERIC.match(fold(node.title).strip(" .:")):
            return node.title
    return next((n.title for n in reversed(chain) if n.title), "")


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def derived_id(area: str, text: str) -> str:
    """Stable across re-generation of the same plan: depends only on the area and the task's words."""
    digest = hashlib.sha1(f"{_key(area)}\n{_key(text)}".encode("utf-8")).hexdigest()
    return f"nv-{digest[:10]}"


def plan_tasks(draft: Draft) -> list[TrackedTask]:
    """Every task of the plan in reading order, with its area, unit names, deadline and id.

    ``task.id`` is used when the draft sets it; otherwise the id is derived from the area and
    the task's text (a repeated task gets «-2», «-3»). Two tasks with the same ``id`` are an error.
    """
    names = {u.id: u.name for u in draft.units}
    year = draft.date.year
    out: list[TrackedTask] = []
    areas: dict[int, int] = {}
    seen: dict[str, Task] = {}

    def visit(nodes: list[Node], chain: list[Node]) -> None:
        for node in nodes:
            here = chain + [node]
            if node.tasks:
                area = _area_title(here)
                area_no = areas.setdefault(id(node), len(areas) + 1)
                for task in node.tasks:
                    tid = task.id or derived_id(area, plain(task.text))
                    if task.id and tid in seen:
                        first = seen[tid].src
                        where = f" (nhiệm vụ trước ở dòng {first.line})" if first and first.line else ""
                        raise DraftError([Problem(
                            f"mã nhiệm vụ «{tid}» bị trùng{where}; mỗi nhiệm vụ cần một mã riêng",
                            task.src.file if task.src else None, task.src.line if task.src else None,
                            field="id")])
                    base, k = tid, 1
                    while tid in seen:
                        k += 1
                        tid = f"{base}-{k}"
                    seen[tid] = task
                    out.append(TrackedTask(
                        tid, len(out) + 1, area, area_no, task,
                        tuple(names.get(u, u) for u in task.lead), tuple(names.get(u, u) for u in task.support),
                        parse_deadline(task.deadline, year)))
            visit([i for i in node.items if isinstance(i, Node)], here)

    visit(draft.sections, [])
    return out


# ----------------------------------------------------------------------------- titles


def plan_line(draft: Draft) -> str:
    """«(Kế hoạch số …/KH-UBND ngày … tháng 6 năm 2026 của UBND xã An Lạc)»: number and date."""
    from .outline import date_words, number_symbol

    if draft.kind == "quyet-dinh" and draft.decision is not None:
        d = draft.decision
        return (f"(Ban hành kèm theo Quyết định số {number_symbol(d.number, 'QĐ-UBND')} "
                f"{date_words(d.date or draft.date)} của Chủ tịch UBND {draft.commune.full})")
    return (f"(Kế hoạch số {number_symbol(draft.number, 'KH-UBND')} {date_words(draft.date)} "
            f"của UBND {draft.commune.full})")


def _stamp(draft: Draft) -> _dt.datetime:
    """The workbook's fixed creation time: the plan's date (bytes never depend on the clock)."""
    d = draft.date
    return _dt.datetime(d.year, d.month or 1, d.day or 1)


# ----------------------------------------------------------------------------- columns


@dataclass(frozen=True)
class Col:
    key: str
    header: str
    lo: int  # width bounds, in Excel's character units
    hi: int
    fill: bool = False  # a column the units fill
    hidden: bool = False
    wrap: bool = True


COLUMNS = [
    Col("stt", "STT", 5, 6, wrap=False),
    Col("area", "Lĩnh vực", 16, 28),
    Col("task", "Nhiệm vụ", 30, 60),
    Col("lead", "Đơn vị chủ trì", 14, 26),
    Col("support", "Đơn vị phối hợp", 14, 30),
    Col("deadline", "Thời hạn", 11, 16),
    Col("output", "Sản phẩm", 14, 26),
    Col("status", "Tình trạng", 17, 17, fill=True),
    Col("result", "Kết quả thực hiện", 40, 40, fill=True),
    Col("evidence", "Văn bản, minh chứng (số, ký hiệu)", 22, 22, fill=True),
    Col("done_on", "Ngày hoàn thành", 13, 13, fill=True, wrap=False),
    Col("notes", "Ghi chú", 22, 22, fill=True),
    Col("overdue", "Quá hạn", 10, 10, wrap=False),
    Col("due", "Hạn cuối", 12, 12, hidden=True, wrap=False),
    Col("id", "Mã nhiệm vụ (không sửa)", 16, 16, hidden=True, wrap=False),
]
COL = {c.key: i + 1 for i, c in enumerate(COLUMNS)}  # 1-based column numbers
VISIBLE = [c for c in COLUMNS if not c.hidden]
FIRST_ROW = 6  # the header is row 5: title, plan, number and date, instructions above it
HEADER_ROW = FIRST_ROW - 1
CUTOFF_CELL = "$C$4"  # on the summary sheet: the day overdue is counted at

INSTRUCTIONS = ("Các đơn vị điền các cột tô màu: Tình trạng (chọn trong danh sách: " + ", ".join(STATUSES)
                + "), Kết quả thực hiện, Văn bản, minh chứng, Ngày hoàn thành, Ghi chú. Có thể sắp xếp, lọc, "
                "thêm cột; không xóa, không sửa cột ẩn «Mã nhiệm vụ»: drafter dùng nó để ghép kết quả vào "
                "kế hoạch.")


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)


def _cells(t: TrackedTask) -> dict[str, object]:
    return {
        "stt": t.number, "area": t.area, "task": t.text, "lead": "; ".join(t.lead),
        "support": "; ".join(t.support), "deadline": t.task.deadline or "", "output": t.task.output or "",
        "due": t.deadline.end, "id": t.id,
    }


def _widths(tasks: list[TrackedTask]) -> dict[str, int]:
    """Wide enough for the usual cell, within bounds; long text wraps."""
    out = {}
    for c in COLUMNS:
        lengths = sorted(len(line) for t in tasks for line in str(_cells(t).get(c.key) or "").split("\n"))
        typical = lengths[int(len(lengths) * 0.9)] if lengths else 0  # the 90th percentile: one long cell
        longest_word = max((len(w) for w in c.header.split()), default=0)
        out[c.key] = max(c.lo, min(c.hi, max(typical + 2, longest_word + 2)))
    return out


def row_height(cells) -> float:
    """Row height (points) for wrapped text, from (text, column width) pairs: Excel and
    LibreOffice do not grow the rows a program writes."""
    lines = 1
    for text, width in cells:
        if isinstance(text, str) and text:
            per_line = max(1, int(width * 1.1))
            lines = max(lines, sum(max(1, math.ceil(len(p) / per_line)) for p in text.split("\n")))
    return round(lines * 15.75 + 3, 2)


def _height(values: dict[str, object], widths: dict[str, int]) -> float:
    return row_height((values.get(c.key), widths[c.key]) for c in COLUMNS if c.wrap and not c.hidden)


# ----------------------------------------------------------------------------- workbook


def _styles():
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="808080")
    return {
        "font": Font(name="Times New Roman", size=12),
        "bold": Font(name="Times New Roman", size=12, bold=True),
        "title": Font(name="Times New Roman", size=14, bold=True),
        "italic": Font(name="Times New Roman", size=12, italic=True),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "head_fill": PatternFill("solid", fgColor="D9E1F2"),
        "fill_fill": PatternFill("solid", fgColor="FFF2CC"),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "center": Alignment(horizontal="center", vertical="top", wrap_text=True),
        "head": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "title_align": Alignment(horizontal="center", vertical="center", wrap_text=True),
    }


def _title_rows(ws, draft: Draft, heading: str, unit: str | None, last_col: int, s) -> None:
    rows = [(heading, s["title"]), (f"Kế hoạch {lower_first(draft.subject)}", s["bold"]),
            (plan_line(draft) + (f" — Đơn vị chủ trì: {unit}" if unit else ""), s["italic"])]
    for r, (text, font) in enumerate(rows, 1):
        cell = ws.cell(row=r, column=1, value=text)
        cell.font, cell.alignment = font, s["title_align"]
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=last_col)
    ws.row_dimensions[2].height = 33 if len(rows[1][0]) > 110 else 18


def _tasks_sheet(wb, draft: Draft, tasks: list[TrackedTask], unit: str | None, s) -> int:
    from openpyxl.formatting.rule import CellIsRule, FormulaRule
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    ws = wb.active
    ws.title = TASKS_SHEET
    last_visible = COL[VISIBLE[-1].key]
    _title_rows(ws, draft, "BẢNG THEO DÕI TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH", unit, last_visible, s)
    note = ws.cell(row=4, column=1, value=INSTRUCTIONS)
    note.font, note.alignment = s["italic"], s["wrap"]
    ws.merge_cells(start_row=4, start_column=1, end_row=4, end_column=last_visible)
    ws.row_dimensions[4].height = 36

    widths = _widths(tasks)
    for c in COLUMNS:
        cell = ws.cell(row=HEADER_ROW, column=COL[c.key], value=c.header)
        cell.font, cell.alignment, cell.border = s["bold"], s["head"], s["border"]
        cell.fill = s["fill_fill"] if c.fill else s["head_fill"]
        dim = ws.column_dimensions[_letter(COL[c.key])]
        dim.width = widths[c.key]
        dim.hidden = c.hidden
    ws.row_dimensions[HEADER_ROW].height = 48

    last = FIRST_ROW + len(tasks) - 1
    status, due = _letter(COL["status"]), _letter(COL["due"])
    for r, t in enumerate(tasks, FIRST_ROW):
        values = _cells(t)
        for c in COLUMNS:
            cell = ws.cell(row=r, column=COL[c.key], value=values.get(c.key))
            cell.font, cell.border = s["font"], s["border"]
            cell.alignment = s["center"] if c.key in ("stt", "deadline", "status", "done_on", "overdue") \
                else s["wrap"]
            if c.fill:
                cell.fill = s["fill_fill"]
            if c.key in ("due", "done_on"):
                cell.number_format = "dd/mm/yyyy"
        ws.cell(row=r, column=COL["overdue"], value=(
            f'=IF(AND({due}{r}<>"",{status}{r}<>"{DONE}",{due}{r}<\'{SUMMARY_SHEET}\'!{CUTOFF_CELL}),'
            f'"{OVERDUE}","")'))
        ws.row_dimensions[r].height = _height(values, widths)

    statuses = DataValidation(
        type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True,
        showErrorMessage=True, errorTitle="Tình trạng không hợp lệ",
        error="Hãy chọn một trong: " + ", ".join(STATUSES) + ".",
        showInputMessage=True, promptTitle="Tình trạng", prompt="Chọn trong danh sách")
    statuses.add(f"{status}{FIRST_ROW}:{status}{last}")
    done_on = _letter(COL["done_on"])
    dates = DataValidation(type="date", operator="greaterThan", formula1="DATE(2000,1,1)", allow_blank=True,
                           showErrorMessage=True, errorStyle="warning", errorTitle="Ngày hoàn thành",
                           error="Hãy ghi một ngày, ví dụ 15/3/2026.")
    dates.add(f"{done_on}{FIRST_ROW}:{done_on}{last}")
    ws.add_data_validation(statuses)
    ws.add_data_validation(dates)

    rng = f"{status}{FIRST_ROW}:{status}{last}"
    for text, color in ((DONE, "C6EFCE"), (DOING, "FFEB9C"), (TODO, "F2F2F2")):
        ws.conditional_formatting.add(rng, CellIsRule(operator="equal", formula=[f'"{text}"'],
                                                      fill=PatternFill("solid", bgColor=color)))
    over = _letter(COL["overdue"])
    ws.conditional_formatting.add(f"{over}{FIRST_ROW}:{over}{last}", FormulaRule(
        formula=[f'{over}{FIRST_ROW}="{OVERDUE}"'], font=Font(color="C00000", bold=True)))

    ws.freeze_panes = f"A{FIRST_ROW}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{_letter(last_visible)}{last}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return last


def _summary_sheet(wb, draft: Draft, tasks: list[TrackedTask], last: int, unit: str | None, s) -> None:
    ws = wb.create_sheet(SUMMARY_SHEET)
    heads = ["STT", "", "Số nhiệm vụ", DONE, DOING, TODO, NOT_REPORTED, OVERDUE, "Tỷ lệ hoàn thành"]
    _title_rows(ws, draft, "TỔNG HỢP TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH", unit, len(heads), s)
    ws.cell(row=4, column=1, value="Tính quá hạn đến ngày:").font = s["bold"]
    ws.merge_cells("A4:B4")
    cut = ws[CUTOFF_CELL.replace("$", "")]
    cut.value, cut.number_format, cut.font = "=TODAY()", "dd/mm/yyyy", s["bold"]
    hint = ws.cell(row=4, column=4, value="(mặc định: hôm nay; ghi ngày chốt số liệu của kỳ báo cáo, "
                                          "ví dụ 14/3/2026 cho báo cáo quý I)")
    hint.font = s["italic"]
    ws.merge_cells(start_row=4, start_column=4, end_row=4, end_column=len(heads))
    for i, w in enumerate([6, 44, 12, 14, 14, 14, 14, 11, 13], 1):
        ws.column_dimensions[_letter(i)].width = w

    sheet = f"'{TASKS_SHEET}'!"

    def rng(key: str) -> str:
        col = _letter(COL[key])
        return f"{sheet}${col}${FIRST_ROW}:${col}${last}"

    def table(top: int, label: str, first: str, keys: list[str], by_unit: bool) -> int:
        ws.cell(row=top, column=1, value=label).font = s["bold"]
        head = top + 1
        for i, h in enumerate(heads, 1):
            cell = ws.cell(row=head, column=i, value=first if i == 2 else h)
            cell.font, cell.alignment, cell.border, cell.fill = s["bold"], s["head"], s["border"], s["head_fill"]
        ws.row_dimensions[head].height = 33
        r = head
        for n, key in enumerate(keys, 1):
            r = head + n
            if by_unit:  # a task may have several lead units, written «A; B»
                match = f'--ISNUMBER(SEARCH("; "&$B{r}&";","; "&{rng("lead")}&";"))'
                count = f"=SUMPRODUCT({match})"
                by = f"=SUMPRODUCT({match},--({rng('status')}={{}}))"
                late = f'=SUMPRODUCT({match},--({rng("overdue")}="{OVERDUE}"))'
            else:
                count = f"=COUNTIF({rng('area')},$B{r})"
                by = f"=COUNTIFS({rng('area')},$B{r},{rng('status')},{{}})"
                late = f'=COUNTIFS({rng("area")},$B{r},{rng("overdue")},"{OVERDUE}")'
            row = [n, key, count] + [by.format(f"{_letter(c)}${head}") for c in (4, 5, 6)] + [
                f"=C{r}-D{r}-E{r}-F{r}", late, f"=IF(C{r}=0,0,D{r}/C{r})"]
            for i, v in enumerate(row, 1):
                cell = ws.cell(row=r, column=i, value=v)
                cell.font, cell.border = s["font"], s["border"]
                cell.alignment = s["wrap"] if i == 2 else s["center"]
            ws.cell(row=r, column=9).number_format = "0%"
        if not by_unit:  # units overlap (several leads): no total for them
            r += 1
            ws.cell(row=r, column=2, value="Tổng cộng")
            for i in range(3, 9):
                col = _letter(i)
                ws.cell(row=r, column=i, value=f"=SUM({col}{head + 1}:{col}{r - 1})")
            ws.cell(row=r, column=9, value=f"=IF(C{r}=0,0,D{r}/C{r})").number_format = "0%"
            for i in range(1, 10):
                cell = ws.cell(row=r, column=i)
                cell.font, cell.border = s["bold"], s["border"]
                cell.alignment = s["wrap"] if i == 2 else s["center"]
        return r

    areas = list(dict.fromkeys(t.area for t in tasks))
    units = list(dict.fromkeys(name for t in tasks for name in t.lead))
    end = table(6, "1. Theo lĩnh vực", "Lĩnh vực", areas, False)
    if units:
        table(end + 2, "2. Theo đơn vị chủ trì", "Đơn vị chủ trì", units, True)
    ws.freeze_panes = "A6"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _meta_sheet(wb, draft: Draft, tasks: list[TrackedTask], unit: Unit | None, planned: int) -> None:
    ws = wb.create_sheet(META_SHEET)
    ws.sheet_state = "hidden"
    rows = [("kind", KIND), ("version", FORMAT_VERSION), ("commune", draft.commune.name),
            ("commune_type", draft.commune.type), ("province", draft.commune.province or ""),
            ("number", draft.number), ("date", _stamp(draft).date().isoformat()), ("year", str(draft.date.year)),
            ("subject", draft.subject), ("unit", unit.name if unit else ""), ("unit_id", unit.id if unit else ""),
            ("tasks", str(len(tasks))), ("plan_tasks", str(planned))]
    for r, (k, v) in enumerate(rows, 1):
        ws.cell(row=r, column=1, value=k)
        ws.cell(row=r, column=2, value=v)


def build_workbook(draft: Draft, tasks: list[TrackedTask], unit: Unit | None = None, planned: int | None = None):
    """An openpyxl workbook: the tasks sheet, the summary sheet and hidden metadata.

    ``planned``: the number of tasks in the whole plan, when ``tasks`` are one unit's share.
    """
    from openpyxl import Workbook

    if not tasks:
        raise DraftError([Problem("kế hoạch không có nhiệm vụ nào để theo dõi; hãy thêm nhiệm vụ "
                                  "(«tasks») vào các mục của kế hoạch")])
    s = _styles()
    wb = Workbook()
    name = unit.name if unit else None
    last = _tasks_sheet(wb, draft, tasks, name, s)
    _summary_sheet(wb, draft, tasks, last, name, s)
    _meta_sheet(wb, draft, tasks, unit, planned or len(tasks))
    stamp = _stamp(draft)
    props = wb.properties
    props.creator = props.lastModifiedBy = "drafter"
    props.title = f"Theo dõi thực hiện Kế hoạch {lower_first(draft.subject)}"
    props.created = props.modified = stamp
    return wb


def workbook_bytes(wb) -> bytes:
    """The workbook's package with fixed timestamps: the same plan gives the same bytes."""
    from openpyxl.writer.excel import ExcelWriter

    from .docxpkg import read_parts, write_parts

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        ExcelWriter(wb, zf).save()  # unlike save_workbook, keeps properties.modified as set
    return write_parts(read_parts(buf.getvalue()))


# ----------------------------------------------------------------------------- files


NO_LEAD = "chua-co-don-vi-chu-tri"


def unit_files(draft: Draft, tasks: list[TrackedTask]) -> list[tuple[str, Unit | None, list[TrackedTask]]]:
    """(file name, unit, its tasks) for each lead unit; tasks without a lead get their own file.

    Names are ASCII slugs («theo-doi-phong-van-hoa-xa-hoi.xlsx»): valid on Windows and in e-mail.
    """
    out = []
    used: set[str] = set()
    for unit in draft.units:
        mine = [t for t in tasks if unit.id in t.task.lead]
        if not mine:
            continue
        base = f"theo-doi-{slug(unit.name, unit.id)[:60].strip('-')}"
        name = base if base not in used else f"{base}-{unit.id}"
        used.add(name)
        out.append((f"{name}.xlsx", unit, mine))
    orphans = [t for t in tasks if not t.task.lead]
    if orphans:
        out.append((f"theo-doi-{NO_LEAD}.xlsx", None, orphans))
    return out


def tracking_outputs(draft: Draft, output: Path, by_unit: bool = False) -> list[tuple[Path, bytes]]:
    """What ``drafter track`` writes: one workbook, or one per lead unit in the folder ``output``."""
    tasks = plan_tasks(draft)
    if not by_unit:
        return [(output, workbook_bytes(build_workbook(draft, tasks)))]
    return [(output / name, workbook_bytes(build_workbook(draft, mine, unit, len(tasks))))
            for name, unit, mine in unit_files(draft, tasks)]


def write_outputs(outputs: list[tuple[Path, bytes]], force: bool = False) -> None:
    """All or nothing about overwriting: a filled workbook is never replaced without ``force``."""
    from .atomic import write_bytes

    taken = [p for p, _ in outputs if p.exists()]
    if taken and not force:
        raise OutputExists([Problem("tệp đã có (có thể các đơn vị đã điền); dùng --force để ghi đè "
                                    "hoặc chọn tên khác", str(p)) for p in taken])
    for path, data in outputs:
        write_bytes(path, data, force=True)
