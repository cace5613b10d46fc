"""Reading tracking workbooks back as units return them, and matching them to the plan's tasks.

Units sort rows, add columns, move the header, split the work across one workbook each: rows
are matched to tasks by the id in the hidden column, columns by their headers. What cannot be
read or matched is reported by file and row, in Vietnamese; one bad file never stops the rest,
and the files themselves are only read.
"""
from __future__ import annotations

import datetime as _dt
import glob
import re
from dataclasses import dataclass, field
from pathlib import Path

from .deadlines import parse_deadline, short_date
from .errors import DrafterError, Problem
from .model import Draft
from .text import clean, fold
from .track import DONE, KIND, META_SHEET, STATUSES, TrackedTask, plan_tasks
from .xlsxguard import open_workbook, sheet_rows

# Headers, folded, with what is in brackets removed: «Văn bản, minh chứng (số, ký hiệu)» → «van ban, minh chung».
HEADERS = {
    "id": ("ma nhiem vu", "ma nv"),
    "status": ("tinh trang", "trang thai", "tinh hinh thuc hien"),
    "result": ("ket qua thuc hien", "ket qua"),
    "evidence": ("van ban, minh chung", "van ban minh chung", "minh chung", "so hieu van ban", "van ban"),
    "done_on": ("ngay hoan thanh", "thoi gian hoan thanh thuc te"),
    "notes": ("ghi chu",),
    "task": ("nhiem vu", "noi dung nhiem vu", "ten nhiem vu", "noi dung"),
    "area": ("linh vuc",),
    "lead": ("don vi chu tri", "co quan chu tri", "chu tri"),
    "deadline": ("thoi han", "thoi gian hoan thanh"),
    "number": ("stt", "so thu tu", "tt"),
}
_BY_HEADER = {h: key for key, names in HEADERS.items() for h in names}
_STATUS = {fold(s): s for s in STATUSES}
_SCAN = 40  # rows searched for the header row


def header_key(value) -> str | None:
    text = fold(clean(str(value or "")))
    text = re.sub(r"\([^)]*\)", "", text)
    text = re.sub(r"\s+", " ", text).strip(" :*.")
    return _BY_HEADER.get(text)


def status_of(value) -> str | None:
    """A status as written (any case, with or without diacritics) → the list's spelling; None if blank.

    Raises ValueError for text outside the list.
    """
    text = re.sub(r"\s+", " ", clean(str(value or ""))).strip()
    if not text:
        return None
    found = _STATUS.get(fold(text))
    if found is None:
        raise ValueError(text)
    return found


_DMY = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def date_of(value) -> _dt.date | None:
    """A date cell (a real date, an Excel serial number, or text «15/3/2026»); None if blank.

    Raises ValueError when it is not a date.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 20000 < value < 80000:
        return _dt.date(1899, 12, 30) + _dt.timedelta(days=int(value))  # Excel's serial day
    text = str(value).strip()
    for rx, order in ((_DMY, (2, 1, 0)), (_YMD, (0, 1, 2))):
        m = rx.fullmatch(text)
        if m:
            y, mo, d = (int(m.group(i + 1)) for i in order)
            try:
                return _dt.date(y, mo, d)
            except ValueError:
                break
    raise ValueError(text)


def _text(value) -> str:
    """A cell as text: «30/6/2026» for a date cell (Excel turns a typed deadline into one), «3» for 3.0."""
    if isinstance(value, _dt.date):
        return short_date(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else clean(str(value)).strip()


def expand_paths(paths) -> list[Path]:
    """Workbooks as a user names them: files, folders (their .xlsx, not Excel's lock files), and shell
    patterns the shell did not expand (Windows' cmd): «theo-doi-*.xlsx». Each once, in order."""
    out: list[Path] = []
    for p in map(Path, paths):
        text = str(p)
        if not p.exists() and any(ch in text for ch in "*?["):
            found = sorted(glob.glob(text))
            if not found:
                raise DrafterError([Problem("không có tệp nào khớp mẫu này", text)])
            out += [Path(f) for f in found]
        elif p.is_dir():
            out += sorted(f for f in p.glob("*.xlsx") if not f.name.startswith(("~$", ".")))
        else:
            out.append(p)
    return list(dict.fromkeys(out))


# ----------------------------------------------------------------------------- one workbook


@dataclass
class ReturnedRow:
    """One filled row of a returned workbook, as written (status checked against the list)."""

    file: str
    row: int
    sheet: str
    id: str = ""
    number: int | None = None  # the task's STT in the plan, as written by drafter
    task: str = ""
    area: str = ""
    lead: str = ""
    deadline: str = ""
    status: str | None = None  # one of STATUSES; None: left blank
    result: str = ""
    evidence: str = ""
    done_on: _dt.date | None = None
    notes: str = ""

    @property
    def where(self) -> str:
        return f"trang «{self.sheet}», dòng {self.row}"

    @property
    def filled(self) -> bool:
        return bool(self.status or self.result or self.evidence or self.done_on or self.notes)

    def same_report(self, other: "ReturnedRow") -> bool:
        return (self.status, self.result, self.evidence, self.done_on, self.notes) == (
            other.status, other.result, other.evidence, other.done_on, other.notes)


@dataclass
class ReturnedWorkbook:
    path: str
    meta: dict[str, str] = field(default_factory=dict)
    rows: list[ReturnedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def year(self) -> int | None:
        y = self.meta.get("year", "")
        return int(y) if y.isdigit() else None


def _meta(ws, path: str) -> dict[str, str]:
    out = {}
    for _, values in sheet_rows(ws, path):
        if values and len(values) >= 2 and values[0]:
            out[str(values[0])] = _text(values[1])
        if len(out) > 100:
            break
    return out


def _find_header(rows: list[tuple[int, tuple]]) -> tuple[int, dict[str, int]] | None:
    """The first row naming a status column and an id or task column: key → column index."""
    for number, values in rows[:_SCAN]:
        cols: dict[str, int] = {}
        for i, v in enumerate(values or ()):
            key = header_key(v)
            if key and key not in cols:
                cols[key] = i
        if "status" in cols and ("id" in cols or "task" in cols):
            return number, cols
    return None


def _read_sheet(ws, path: str, book: ReturnedWorkbook) -> bool:
    """Rows of a sheet that holds a tracking table; False when the sheet has none."""
    rows = list(sheet_rows(ws, path))
    found = _find_header(rows)
    if found is None:
        return False
    header_row, cols = found
    if "id" not in cols:
        book.problems.append(Problem(
            f"trang «{ws.title}», dòng tiêu đề {header_row}: không có cột «Mã nhiệm vụ» (cột ẩn, có thể đã bị xóa); các dòng được ghép "
            "theo nội dung nhiệm vụ, dòng nào không khớp được sẽ được nêu. Lần sau hãy giữ nguyên cột ẩn này",
            path, header_row, severity="warning"))

    def where(number: int) -> str:
        return f"trang «{ws.title}», dòng {number}"

    def cell(values: tuple, key: str):
        i = cols.get(key)
        return values[i] if i is not None and i < len(values) else None

    for number, values in rows:
        if number <= header_row or not values:
            continue
        r = ReturnedRow(path, number, ws.title, id=_text(cell(values, "id")), task=_text(cell(values, "task")),
                        area=_text(cell(values, "area")), lead=_text(cell(values, "lead")),
                        deadline=_text(cell(values, "deadline")), result=_text(cell(values, "result")),
                        evidence=_text(cell(values, "evidence")), notes=_text(cell(values, "notes")))
        stt = _text(cell(values, "number"))
        r.number = int(stt) if stt.isdigit() else None
        bad = False
        try:
            r.status = status_of(cell(values, "status"))
        except ValueError as exc:
            book.problems.append(Problem(
                f"{where(number)}, cột «Tình trạng»: «{exc}» không có trong danh sách; hãy chọn một trong: "
                f"{', '.join(STATUSES)}", path, number))
            bad = True
        try:
            r.done_on = date_of(cell(values, "done_on"))
        except ValueError as exc:
            book.problems.append(Problem(
                f"{where(number)}, cột «Ngày hoàn thành»: «{exc}» không phải một ngày; hãy ghi dạng 15/3/2026",
                path, number))
            bad = True
        if r.id or r.task or r.filled or bad:  # a row with a bad cell keeps the rest of what it says
            book.rows.append(r)
    return True


def read_workbook(path) -> ReturnedWorkbook:
    """Every tracking row of a returned workbook; problems are collected, never raised."""
    name = str(path)
    book = ReturnedWorkbook(name)
    try:
        with open_workbook(Path(path)) as wb:
            if META_SHEET in wb.sheetnames:
                meta = _meta(wb[META_SHEET], name)
                book.meta = meta if meta.get("kind") == KIND else {}  # a sheet of the same name, not ours
            found = False
            for ws in wb.worksheets:
                if ws.title == META_SHEET or ws.sheet_state == "veryHidden":
                    continue
                found = _read_sheet(ws, name, book) or found
            if not found:
                book.problems.append(Problem(
                    "không tìm thấy bảng theo dõi: cần một dòng tiêu đề có cột «Tình trạng» và cột «Mã nhiệm vụ» "
                    "(hoặc «Nhiệm vụ»); hãy dùng tệp do «drafter track» lập", name))
    except DrafterError as exc:
        book.problems.extend(exc.problems)
    return book


# ----------------------------------------------------------------------------- the plan's progress


@dataclass
class Entry:
    """What the units reported for one task of the plan (``status`` None: nobody reported it)."""

    task: TrackedTask
    status: str | None = None
    result: str = ""
    evidence: str = ""
    done_on: _dt.date | None = None
    notes: str = ""
    source: tuple[str, int] | None = None  # file and row it was read from

    @property
    def done(self) -> bool:
        return self.status == DONE

    def overdue(self, cutoff: _dt.date) -> bool:
        """Past its deadline as of ``cutoff`` and not done («quá hạn»)."""
        return self.task.deadline.overdue(cutoff, self.done)


@dataclass
class Progress:
    """The plan's tasks with what the returned workbooks say about each: what a report is built from."""

    entries: list[Entry]  # one per task, in the plan's reading order
    unmatched: list[ReturnedRow] = field(default_factory=list)  # rows with no task of the plan
    problems: list[Problem] = field(default_factory=list)  # by file and row; warnings included
    files: list[str] = field(default_factory=list)  # read, in order

    def entry(self, task_id: str) -> Entry | None:
        return next((e for e in self.entries if e.task.id == task_id), None)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def by_area(self) -> list[tuple[str, list[Entry]]]:
        """Entries grouped by the plan's areas, in the plan's order."""
        groups: dict[int, tuple[str, list[Entry]]] = {}
        for e in self.entries:
            groups.setdefault(e.task.area_number, (e.task.area, []))[1].append(e)
        return [groups[k] for k in sorted(groups)]

    def with_status(self, status: str | None) -> list[Entry]:
        return [e for e in self.entries if e.status == status]

    def counts(self, entries: list[Entry] | None = None) -> dict[str | None, int]:
        """Tasks by status (None: not reported), every status present even when zero."""
        out: dict[str | None, int] = {s: 0 for s in (*STATUSES, None)}
        for e in self.entries if entries is None else entries:
            out[e.status] += 1
        return out

    def overdue(self, cutoff: _dt.date) -> list[Entry]:
        return [e for e in self.entries if e.overdue(cutoff)]

    def due_between(self, after: _dt.date, until: _dt.date) -> list[Entry]:
        """Not done and due in (after, until]: the next period's tasks."""
        return [e for e in self.entries if not e.done and e.task.deadline.due_between(after, until)]


def _text_key(text: str) -> str:
    return re.sub(r"\s+", " ", fold(text)).strip(" .;")


def _match(row: ReturnedRow, entries: dict[str, Entry], by_text: dict[str, list[TrackedTask]]):
    """(the id of the task a row reports on, or None; what to say about it, or None).

    By the id; else by the task's words when they name exactly one task (the id column was
    deleted, or the plan changed an area's title after the workbook was made).
    """
    if row.id in entries:
        return row.id, None
    same = {t.id for t in by_text.get(_text_key(row.task), [])} if row.task else set()
    if len(same) == 1:
        found = same.pop()
        if not row.id:
            return found, None  # the missing id column is said once, for the sheet
        return found, Problem(
            f"{row.where}: mã nhiệm vụ «{row.id}» không có trong kế hoạch này nhưng nội dung khớp một nhiệm vụ, "
            "đã ghép theo nội dung; hãy kiểm tra, lần sau lập lại bảng theo dõi từ kế hoạch đã sửa",
            row.file, row.row, severity="warning")
    if row.id:
        return None, Problem(
            f"{row.where}: mã nhiệm vụ «{row.id}» không có trong kế hoạch này (bảng theo dõi của kế hoạch khác, "
            "hoặc kế hoạch đã sửa sau khi lập bảng); dòng này chưa được tính", row.file, row.row)
    why = ("nội dung khớp nhiều nhiệm vụ" if same else "nội dung không khớp nhiệm vụ nào của kế hoạch")
    return None, Problem(
        f"{row.where}: không có mã nhiệm vụ và {why} («{row.task[:80]}»); dòng này chưa được tính. Nếu là "
        "nhiệm vụ thêm, hãy thêm vào kế hoạch rồi lập lại bảng theo dõi", row.file, row.row)


def match_rows(tasks: list[TrackedTask], books: list[ReturnedWorkbook]) -> Progress:
    """Rows matched to tasks by id (or, where the id column is gone, by the task's words)."""
    entries = {t.id: Entry(t) for t in tasks}
    by_text: dict[str, list[TrackedTask]] = {}
    for t in tasks:
        by_text.setdefault(_text_key(t.text), []).append(t)
        by_text.setdefault(_text_key(t.task.text), []).append(t)
    progress = Progress(list(entries.values()))
    first_seen: dict[str, ReturnedRow] = {}
    for book in books:
        progress.files.append(book.path)
        progress.problems.extend(book.problems)
        for row in book.rows:
            task_id, problem = _match(row, entries, by_text)
            if problem is not None:
                progress.problems.append(problem)
            if task_id is None:
                progress.unmatched.append(row)
                continue
            entry = entries[task_id]
            earlier = first_seen.get(task_id)
            if earlier is not None:
                if not row.filled or earlier.same_report(row):
                    continue
                if earlier.filled:
                    progress.problems.append(Problem(
                        f"{row.where}: nhiệm vụ «{entry.task.task.text[:60]}» đã được báo cáo khác ở "
                        f"{earlier.file}, {earlier.where}; giữ kết quả đọc trước, hãy thống nhất hai nơi",
                        row.file, row.row))
                    continue
            first_seen[task_id] = row
            entry.status, entry.result, entry.evidence = row.status, row.result, row.evidence
            entry.done_on, entry.notes, entry.source = row.done_on, row.notes, (row.file, row.row)
    return progress


def read_progress(draft: Draft, paths) -> Progress:
    """The plan's progress from the workbooks units returned (the combined one, per-unit ones, or both)."""
    return match_rows(plan_tasks(draft), [read_workbook(p) for p in paths])


def row_deadline(row: ReturnedRow, book: ReturnedWorkbook):
    """A row's deadline understood with the plan's year (for workbooks read without their plan)."""
    return parse_deadline(row.deadline, book.year)
