"""Deadlines and reporting periods as plans write them, understood as dates.

A task's deadline («Quý I/2026», «Thường xuyên», «Trước ngày 30/6/2026», «2026-2030»,
«Theo kế hoạch của tỉnh») becomes a :class:`Deadline`: the last day to finish it, or a
continuous, recurring or externally set one, or unknown with its text kept. A reporting
period («Quý I/2026», «6 tháng/2026», «Năm 2026») becomes a :class:`Period` with the data
window the Ministry of Home Affairs sets for administrative-reform reports (Quý I: 15/12 of the
year before to 14/3); a task past its deadline and not done is overdue as of the cut-off.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass

from .text import clean, fold

# --------------------------------------------------------------------------- deadlines


@dataclass(frozen=True)
class Deadline:
    """A task's deadline; ``end`` is the last day to finish it (inclusive), when it has one."""

    text: str  # as written in the plan
    end: _dt.date | None = None
    start: _dt.date | None = None  # first day of a span («2026-2030», «từ tháng 3 đến tháng 6/2026»)
    continuous: bool = False  # «Thường xuyên», «liên tục»
    every: str | None = None  # recurring: «năm», «quý», «tháng», «6 tháng», «tuần», «ngày»; "" = «định kỳ»
    on_demand: bool = False  # «đột xuất», «khi có yêu cầu»
    directed: bool = False  # «Theo kế hoạch của tỉnh»: the date is set by another document

    @property
    def kind(self) -> str:
        """date, continuous, recurring, directed, or unknown (nothing understood; ``text`` kept)."""
        if self.end is not None:
            return "date"
        if self.continuous:
            return "continuous"
        if self.every is not None or self.on_demand:
            return "recurring"
        if self.directed:
            return "directed"
        return "unknown"

    @property
    def understood(self) -> bool:
        return self.kind != "unknown"

    def overdue(self, cutoff: _dt.date, done: bool) -> bool:
        """Not done and its last day is before the cut-off («quá hạn»)."""
        return not done and self.end is not None and self.end < cutoff

    def due_between(self, after: _dt.date, until: _dt.date) -> bool:
        """Its last day falls after ``after`` and on or before ``until`` (the next period's tasks)."""
        return self.end is not None and after < self.end <= until

    def describe(self) -> str:
        """Vietnamese, for messages and tables: «hạn 31/3/2026», «thường xuyên»."""
        if self.end is not None:
            return f"hạn {short_date(self.end)}"
        return {"continuous": "thường xuyên", "recurring": "định kỳ", "directed": "theo văn bản khác",
                "unknown": "chưa rõ hạn"}[self.kind]


def short_date(d: _dt.date) -> str:
    """d/m/yyyy, as plans cite dates."""
    return f"{d.day}/{d.month}/{d.year}"


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_ROMAN_OUT = {1: "I", 2: "II", 3: "III", 4: "IV"}

_SEP = r"\s*(?:/|-|\.|,?\s*nam|\s)\s*"  # between a month or quarter and its year
_YEAR = r"((?:19|20|21)\d\d)"
_Q = r"quy\s*(iv|iii|ii|i|[1-4])"


def _month_end(year: int, month: int) -> _dt.date:
    return _dt.date(year, month, calendar.monthrange(year, month)[1])


def _date(year: int, month: int, day: int) -> _dt.date | None:
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


def _y(group: str | None, default: int | None) -> int | None:
    return int(group) if group else default


# Each pattern reads one point or span of time from folded text and gives (start, end).
def _span_date(m, year):
    d = _date(_y(m["y"], year), int(m["m"]), int(m["d"])) if _y(m["y"], year) else None
    return (d, d) if d else None


def _span_month(m, year):
    y = _y(m["y"], year)
    mo = int(m["m"])
    if y is None or not 1 <= mo <= 12:
        return None
    return _dt.date(y, mo, 1), _month_end(y, mo)


def _span_quarter(m, year):
    y = _y(m["y"], year)
    if y is None:
        return None
    q = _ROMAN[m["q"]]
    return _dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q)


def _span_half(m, year):
    y = _y(m["y"], year)
    if y is None:
        return None
    if m["which"] == "cuoi":  # «6 tháng cuối năm»; «6 tháng/2026» is the first half
        return _dt.date(y, 7, 1), _dt.date(y, 12, 31)
    return _dt.date(y, 1, 1), _dt.date(y, 6, 30)


def _span_months(m, year):
    """«9 tháng đầu năm 2026»: from January to the end of the ninth month."""
    y = _y(m["y"], year)
    n = int(m["n"])
    if y is None or not 1 <= n <= 12:
        return None
    return _dt.date(y, 1, 1), _month_end(y, n)


def _span_year(m, year):
    y = _y(m["y"], year)
    if y is None:
        return None
    return _dt.date(y, 1, 1), _dt.date(y, 12, 31)


_Y = r"(?P<y>(?:19|20|21)\d\d)"
_ATOMS = [
    (r"(?:ngay\s*)?(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})(?:\s*[/.-]\s*" + _Y + ")?", _span_date),
    (r"(?:ngay\s*)?(?P<d>\d{1,2})\s*thang\s*(?P<m>\d{1,2})(?:\s*,?\s*nam\s*" + _Y + ")?", _span_date),
    (_Y + r"-(?P<m>\d{1,2})-(?P<d>\d{1,2})", _span_date),
    (r"(?:thang|t)\s*(?P<m>\d{1,2})(?:" + _SEP + _Y + ")?", _span_month),
    (r"(?P<m>\d{1,2})\s*[/.-]\s*" + _Y, _span_month),
    (r"quy\s*(?P<q>iv|iii|ii|i|[1-4])(?:" + _SEP + _Y + ")?", _span_quarter),
    (r"6\s*thang(?:\s*(?P<which>dau|cuoi))?(?:\s*nam)?(?:" + _SEP + _Y + ")?", _span_half),
    (r"nua\s*(?P<which>dau|cuoi)\s*nam(?:\s*" + _Y + ")?", _span_half),
    (r"(?P<n>9|3)\s*thang(?:\s*dau)?(?:\s*nam)?(?:" + _SEP + _Y + ")?", _span_months),
    (r"(?:(?:ca|suot)\s*)?nam(?:\s*" + _Y + ")?", _span_year),
    (_Y, _span_year),
]
_ATOMS = [(re.compile(rx), span) for rx, span in _ATOMS]

# Words that only frame the date: «trước ngày», «chậm nhất», «hoàn thành trong», «hạn».
_LEAD = re.compile(
    r"^(?:(?:hoan\s*thanh|thuc\s*hien|trien\s*khai|xong|han\s*chot|thoi\s*han|han|truoc|"
    r"cham\s*nhat(?:\s*la)?|den|trong|cuoi|vao|ngay)\b\s*[:,]?\s*)+")

_CONTINUOUS = {"thuong xuyen", "lien tuc", "thuong xuyen lien tuc", "thuong xuyen va lien tuc",
               "hang ngay", "lien tuc hang nam"}
_EVERY = {"nam": "năm", "quy": "quý", "thang": "tháng", "tuan": "tuần", "ngay": "ngày",
          "6 thang": "6 tháng", "nua nam": "6 tháng", "sau thang": "6 tháng"}
_RECURRING = re.compile(
    r"(?:dinh ky )?(?:hang|moi) (?P<a>nam|quy|thang|tuan|6 thang|sau thang)"
    r"|(?:dinh ky )?(?P<b>6 thang|nam|quy|thang|nua nam) (?:mot|1) lan"
    r"|dinh ky (?:theo )?(?P<c>6 thang|quy|thang|nam|tuan)")
_ON_DEMAND = {"dot xuat", "khi co yeu cau", "khi can", "khi co chi dao", "khi phat sinh"}
_DIRECTED = re.compile(r"^(?:theo|khi|sau\s*khi|can\s*cu|phu\s*hop)\b")


def _norm(text: str) -> str:
    """Folded, one space between words, dashes unified, «quí» read as «quý»."""
    t = fold(clean(text)).replace("\u2013", "-").replace("\u2014", "-").replace("\u2212", "-")
    t = re.sub(r"\bqui\b", "quy", t)
    return re.sub(r"\s+", " ", t).strip(" .;:")


def _atom(t: str, year: int | None):
    """(start, end) when ``t`` is exactly one point or span of time, else None."""
    t = _LEAD.sub("", t).strip(" .,;:")
    for rx, span in _ATOMS:
        m = rx.fullmatch(t)
        if m:
            return span(m, year)
    return None


def _range(t: str, year: int | None):
    """«2026-2030», «từ tháng 3 đến tháng 6/2026», «giai đoạn 2026 - 2030», «quý I - quý II/2026»."""
    t = re.sub(r"^(?:trong\s*)?(?:giai\s*doan|thoi\s*ky|tu\s*nam|tu)\s*", "", t)
    for sep in (r"\s*-\s*", r"\s+den\s+(?:het\s+)?", r"\s+toi\s+"):
        parts = re.split(sep, t)
        if len(parts) != 2:
            continue
        left_t, right_t = parts
        right = _atom(right_t, year)
        if right is None:
            continue
        left = _atom(left_t, right[1].year)
        if left is None:  # «tháng 3 - 6/2026»: the left side is written without its unit
            left = _atom(re.sub(r"^(\d{1,2})$", r"thang \1", left_t), right[1].year)
        if left is not None and left[0] <= right[1]:
            return left[0], right[1]
    return None


def _one(t: str, text: str, year: int | None, directed: bool) -> Deadline | None:
    """A deadline written as one phrase, or None."""
    bare = re.sub(r"\s+", " ", re.sub(r"[,;]", " ", t)).strip()
    if not bare:
        return None
    if bare in _CONTINUOUS:
        return Deadline(text, continuous=True)
    if bare in _ON_DEMAND or bare == "dinh ky dot xuat":
        return Deadline(text, every="" if "dinh ky" in bare else None, on_demand=True)
    if bare in ("dinh ky", "theo dinh ky"):
        return Deadline(text, every="")
    m = _RECURRING.fullmatch(bare)
    if m:
        return Deadline(text, every=_EVERY[m["a"] or m["b"] or m["c"]])
    span = _atom(t, year) or _range(t, year)
    if span:
        start, end = span
        return Deadline(text, end=end, start=start if start != end else None)
    if directed and _DIRECTED.match(bare):
        return Deadline(text, directed=True)
    return None


def _merge(text: str, parts: list[Deadline]) -> Deadline:
    """«Quý I/2026 và thường xuyên»: the latest date of the parts, and what recurs."""
    dated = [p for p in parts if p.end]
    every = next((p.every for p in parts if p.every is not None), None)
    start = min((p.start or p.end for p in dated), default=None)
    end = max((p.end for p in dated), default=None)
    return Deadline(text, end=end, start=start if start != end else None,
                    continuous=any(p.continuous for p in parts), every=every,
                    on_demand=any(p.on_demand for p in parts), directed=any(p.directed for p in parts))


def parse_deadline(text: str | None, year: int | None = None) -> Deadline:
    """A plan's deadline; ``year`` (the plan's) completes «Quý I», «tháng 6», «30/6» written without one.

    Never fails: what it cannot read is ``kind == "unknown"`` with the text kept.
    """
    text = clean(text or "").strip()
    t = _norm(text)
    whole = _one(t, text, year, directed=False)
    if whole is not None:
        return whole
    parts = [p.strip(" .") for p in re.split(r"\s*(?:[;,\n+]|\bva\b|\bhoac\b)\s*", t) if p.strip(" .")]
    if len(parts) > 1:
        read = [_one(p, text, year, directed=True) for p in parts]
        if all(read):
            return _merge(text, read)
    return _one(t, text, year, directed=True) or Deadline(text)


# --------------------------------------------------------------------------- periods

# kind → (label, title)
_PERIOD_WORDS = {
    "quarter": ("Quý {q}/{y}", "quý {q} năm {y}"),
    "half": ("6 tháng/{y}", "6 tháng đầu năm {y}"),
    "nine": ("9 tháng/{y}", "9 tháng năm {y}"),
    "year": ("Năm {y}", "năm {y}"),
}


@dataclass(frozen=True)
class Period:
    """A reporting period and its data window (Bộ Nội vụ: cut-off on the 14th, from the 15th)."""

    kind: str  # quarter, half («6 tháng»), nine («9 tháng»), year
    year: int
    quarter: int | None = None

    @property
    def label(self) -> str:
        """As the CLI takes it and tables show it: «Quý I/2026», «6 tháng/2026», «Năm 2026»."""
        return _PERIOD_WORDS[self.kind][0].format(q=_ROMAN_OUT.get(self.quarter, ""), y=self.year)

    @property
    def title(self) -> str:
        """Inside a report's subject: «quý I năm 2026», «6 tháng đầu năm 2026», «năm 2026»."""
        return _PERIOD_WORDS[self.kind][1].format(q=_ROMAN_OUT.get(self.quarter, ""), y=self.year)

    @property
    def end_month(self) -> int:
        return {"quarter": 3 * (self.quarter or 1), "half": 6, "nine": 9, "year": 12}[self.kind]

    @property
    def end(self) -> _dt.date:
        """The calendar end of the period: 31/3, 30/6, 30/9, 31/12."""
        return _month_end(self.year, self.end_month)

    @property
    def cutoff(self) -> _dt.date:
        """The last day of data: the 14th of the period's last month."""
        return _dt.date(self.year, self.end_month, 14)

    @property
    def start(self) -> _dt.date:
        """The first day of data: the 15th, three months before a quarter's cut-off; the 15th of
        December of the year before for 6 months, 9 months and the year (they are cumulative)."""
        if self.kind == "quarter" and self.quarter != 1:
            return _dt.date(self.year, self.end_month - 3, 15)
        return _dt.date(self.year - 1, 12, 15)

    def contains(self, day: _dt.date) -> bool:
        return self.start <= day <= self.cutoff

    def next(self) -> "Period":
        """The next report in the ministry's cycle: quý I → 6 tháng → quý III → năm → quý I."""
        if self.kind == "year" or (self.kind == "quarter" and self.quarter == 4):
            return Period("quarter", self.year + 1, 1)
        if self.kind == "quarter" and self.quarter == 1:
            return Period("half", self.year)
        if self.kind in ("half",) or (self.kind == "quarter" and self.quarter == 2):
            return Period("quarter", self.year, 3)
        return Period("year", self.year)


PERIOD_HELP = "«Quý I/2026», «6 tháng/2026», «Quý III/2026», «9 tháng/2026» hoặc «Năm 2026»"


def parse_period(text: str) -> Period:
    """«Quý I/2026», «quý 1 năm 2026», «6 tháng đầu năm 2026», «Năm 2026», «2026» → a period.

    Raises ValueError with a Vietnamese message naming the accepted forms.
    """
    t = _norm(text or "")
    t = re.sub(r"^(?:bao\s*cao\s*)?(?:ky\s*)?", "", t)
    y = _YEAR
    forms = [
        (rf"{_Q}{_SEP}{y}", lambda m: Period("quarter", int(m[2]), _ROMAN[m[1]])),
        (rf"q\s*([1-4]){_SEP}{y}", lambda m: Period("quarter", int(m[2]), int(m[1]))),
        (rf"6\s*thang(?:\s*dau)?(?:\s*nam)?{_SEP}{y}", lambda m: Period("half", int(m[1]))),
        (rf"nua\s*dau\s*nam{_SEP}{y}", lambda m: Period("half", int(m[1]))),
        (rf"9\s*thang(?:\s*dau)?(?:\s*nam)?{_SEP}{y}", lambda m: Period("nine", int(m[1]))),
        (rf"(?:ca\s*)?(?:nam\s*)?{y}", lambda m: Period("year", int(m[1]))),
    ]
    for rx, make in forms:
        m = re.fullmatch(rx, t)
        if m:
            return make(m)
    raise ValueError(f"kỳ báo cáo «{text}» không đọc được; hãy ghi {PERIOD_HELP}")

