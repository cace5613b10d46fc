"""The draft model: what a plan (and the decision issuing it) is made of.

Pure data and validation, no I/O and no UI. Numbering is never stored: it is computed
from the order of sections when the document is laid out (see ``outline.py``). Every
element may carry ``src``, the place it came from (file and line of a YAML draft, or
paragraph of an imported DOCX), so that the checker can point at it.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Annotated, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from .text import upper_vi

# The issuing level: a commune (since July 2025: xã, phường, đặc khu) or a province.
CommuneType = Literal["xã", "phường", "đặc khu", "tỉnh", "thành phố"]
Authority = Literal["TM.", "KT.", "Q.", "TL.", "TUQ.", ""]
Role = Literal[
    "purposes", "requirements", "targets", "tasks", "solutions", "budget",
    "implementation", "requests", "free",
]
UnitRole = Literal[
    "standing", "office", "economy", "culture", "one-stop", "service", "police",
    "health", "school", "requested", "group", "other",
]


class Source(BaseModel):
    """Where an element came from: a YAML file and line, or a DOCX paragraph."""

    model_config = ConfigDict(frozen=True)
    file: str | None = None
    line: int | None = None
    column: int | None = None
    paragraph: int | None = None


# Limits on what reaches the layout: past them a document is not a plan but a mistake (a file
# pasted into a field) or an attack, and Word, LibreOffice and lxml fail on it (lxml refuses a
# text node over 10 MB). The longest paragraph of the examples is under 2,000 characters.
MAX_TEXT = 50_000  # characters in one text field or one paragraph
MAX_COLUMNS = 20  # columns of an appendix table on a landscape A4 page
COLUMN_CM = (0.3, 40.0)  # a column's width in cm: narrower cannot hold a digit, wider is off the page


class Element(BaseModel):
    """Base of every model element: unknown keys are errors, ``src`` is never saved."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False, str_max_length=MAX_TEXT)
    src: Source | None = Field(default=None, exclude=True, repr=False)


_DMY = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\s*$")
_MY = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\s*$")


class PartialDate(BaseModel):
    """A date whose day (and month) may be left blank for the clerk."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    year: int = Field(ge=1945, le=2100)
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, value):
        if isinstance(value, _dt.date):
            return {"year": value.year, "month": value.month, "day": value.day}
        if isinstance(value, int):
            return {"year": value}
        if isinstance(value, str):
            for rx, order in ((_DMY, "dmy"), (_MY, "my"), (_ISO, "ymd")):
                m = rx.match(value)
                if m:
                    names = {"d": "day", "m": "month", "y": "year"}
                    return {names[k]: int(v) for k, v in zip(order, m.groups()) if v}
            raise ValueError(
                f"ngày «{value}» không đúng dạng; hãy viết 2026-06-05, 2026-06 (chưa có ngày) hoặc 05/6/2026"
            )
        return value

    @model_validator(mode="after")
    def _check(self):
        if self.day is not None and self.month is None:
            raise ValueError("có ngày mà không có tháng; hãy thêm tháng hoặc bỏ ngày")
        if self.day is not None:
            try:
                _dt.date(self.year, self.month, self.day)
            except ValueError:
                raise ValueError(f"ngày {self.day}/{self.month}/{self.year} không có trong lịch") from None
        return self

    def short(self) -> str:
        """d/m/yyyy as in citations (no zero padding)."""
        parts = [str(p) for p in (self.day, self.month) if p is not None]
        return "/".join(parts + [str(self.year)])


class Citation(Element):
    """A legal basis: a document cited by kind, number, date, issuer and subject."""

    ref: str | None = None  # key in the legal-basis library; resolved when loading
    verb: Literal["Căn cứ", "Thực hiện"] | None = None
    kind: str | None = None  # "Nghị quyết", "Kế hoạch", "Luật"
    number: str | None = None  # "76/NQ-CP", "57-NQ/TW"
    date: str | None = None  # as cited: "15/7/2021"
    issuer: str | None = None
    subject: str | None = None  # with its preposition: "về ...", "ban hành ..."
    name: str | None = None  # laws are cited by name: "Luật Tổ chức chính quyền địa phương"
    text: str | None = None  # the citation exactly as written, when it fits no pattern

    @property
    def party(self) -> bool:
        """Party documents carry a hyphen before the type: 57-NQ/TW, 01-CTr/ĐU."""
        return bool(self.number and re.match(r"^\d+(\.\d+)?-[^/]+/", self.number))

    @model_validator(mode="after")
    def _complete(self):
        if self.ref is None and not (self.text or self.name or (self.kind and self.number)):
            raise ValueError(
                "căn cứ thiếu nội dung: hãy ghi «ref» (mã trong thư viện căn cứ), "
                "hoặc «kind» và «number», hoặc «name» (với luật), hoặc «text»"
            )
        return self


def _one_or_many(value):
    """``lead: vhxh`` is ``lead: [vhxh]``; an empty string is no unit."""
    if isinstance(value, str):
        return [value] if value.strip() else []
    return value


UnitIds = Annotated[list[str], BeforeValidator(_one_or_many)]  # unit ids (or roles in a preset)


class Task(Element):
    """A task with its assignment: the appendix, the duties and the recipients derive from it."""

    id: str | None = None
    text: str
    # The body's shorter wording when the task also has an appendix row: the body summarises, the
    # row (and the tracking workbook) keeps ``text`` in full.
    summary: str | None = None
    items: list[str] = []  # sub-points, rendered "+ ..."
    target: str | None = None  # the appendix's "Mục tiêu" column
    lead: UnitIds = []
    support: UnitIds = []
    deadline: str | None = None  # "Thường xuyên", "Quý I/2026", "30/6/2026"
    output: str | None = None
    appendix: bool = True  # row in the appendix table
    body: bool = True  # paragraph in the plan's body

    @property
    def body_text(self) -> str:
        """What the plan's body prints for the task (and names it by): the summary, else the text."""
        return self.summary or self.text


class Node(Element):
    """A section, a titled part, a group of tasks: the body is a tree of these.

    ``items`` holds free paragraphs (plain strings; "- " and "+ " lead bullets) and
    sub-nodes in any order; ``tasks`` follow the items; ``responsible`` closes the node
    with "Phụ trách thực hiện: ..."; ``generate: duties`` inserts the per-unit duties.
    ``lettered`` numbers its plain paragraphs and tasks (not the "- "/"+ " bullets) a), b), ...
    in the Vietnamese alphabet, sharing the count with its titled sub-nodes; ``numbered_items``
    numbers its plain paragraphs as its titled sub-nodes are numbered (1. under a part).
    ``unit`` lists tasks by unit: the node is the unit's heading and its tasks are the unit's.
    """

    title: str | None = None
    role: Role | None = None
    numbered: bool = True
    numbering: Literal["letter", "decimal"] = "letter"  # of this node's titled children at depth >= 3
    items: list[Union[str, "Node"]] = []
    tasks: list[Task] = []
    task_bullet: Literal["", "-", "+"] = ""
    lettered: bool = False  # its plain paragraphs and tasks are numbered points "a) ...", "b) ..."
    numbered_items: bool = False  # its plain paragraphs are numbered like titled sub-nodes: "1. ..." under a part
    text: str | None = None  # text on the title's line: "5. Sở Giáo dục và Đào tạo: Chủ trì ..."
    unit: str | None = None  # a unit id: the title defaults to its name, tasks without a lead get it
    responsible: str | None = None  # "auto" derives it from the tasks' units
    generate: Literal["duties"] | None = None
    body: bool = True  # False: a group of the appendix table only (an imported plan's), not in the body

    @field_validator("items", mode="before")
    @classmethod
    def _items_list(cls, value):
        if isinstance(value, str):
            return [value]
        return value


class Unit(Element):
    """A unit of the commune: lead or support of tasks, recipient, owner of duties."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    short: str | None = None  # for "Lưu: VT, <short>"
    role: UnitRole = "other"
    duties_title: str | None = None  # heading of its duties when it differs from the name
    duties: list[Union[str, Node]] = []
    receives: bool = True  # gets the plan when it has a task


class Recipient(Element):
    text: str | None = None
    unit: str | None = None  # a unit id: its name is used
    report: bool = False  # "(b/c)"
    items: list[str] = []  # nested lines "+ ...;" under "- text:" ("- VP UBND tỉnh:" / "+ LĐVP;")

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value):
        if isinstance(value, str):
            return {"text": value}
        return value

    @model_validator(mode="after")
    def _one_of(self):
        if not (self.text or self.unit):
            raise ValueError("nơi nhận cần «text» hoặc «unit»")
        return self


class Signer(Element):
    on_behalf: str | None = None  # "ỦY BAN NHÂN DÂN": a "TM." line above a "KT." signer
    authority: Authority = "TM."
    authority_of: str = "ỦY BAN NHÂN DÂN"
    title: str = "CHỦ TỊCH"
    name: str = ""

    @model_validator(mode="before")
    @classmethod
    def _defaults_by_authority(cls, data):
        """``authority: KT.`` alone signs "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", not "KT. ỦY BAN NHÂN DÂN / CHỦ TỊCH"."""
        if isinstance(data, dict) and data.get("authority") == "KT.":
            data = {"authority_of": "CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH", **data}
        return data

    @field_validator("name")
    @classmethod
    def _one_line(cls, value: str) -> str:
        """A name is one line: a tab or a line break would cut it in the signature block."""
        if any(c in value for c in "\t\n\r\v\f"):
            raise ValueError("họ tên người ký có ký tự tab hoặc xuống dòng; hãy viết họ tên trên một dòng")
        return value


class Commune(Element):
    name: str = Field(min_length=1)
    type: CommuneType = "xã"
    province: str | None = None
    code: str | None = None

    @property
    def full(self) -> str:
        return f"{self.type} {self.name}"


class Column(Element):
    key: str  # stt, target, task, output, lead, support, deadline, or a free name
    header: str
    width: float | None = None  # cm
    # A header shared by adjacent columns ("Chỉ tiêu theo năm" over 2026, 2027 …): the table then has
    # two header rows, and a column without one has its header across both.
    above: str | None = None
    align: Literal["left", "center"] | None = None  # default: centred for stt and deadline, else left

    @field_validator("width", mode="before")
    @classmethod
    def _width(cls, value):
        low, high = COLUMN_CM
        number = value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
        if isinstance(value, str):
            try:
                number = value = float(value.replace(",", "."))
            except ValueError:
                pass
        if value is not None and (number is None or not low <= number <= high):  # NaN is in no range
            shown = ".nan" if number != number else {float("inf"): ".inf", float("-inf"): "-.inf"}.get(number, value)
            raise ValueError(f"độ rộng cột là số cm từ {low} đến {high:g} (ví dụ 4.5), không phải «{shown}»; "
                             "bỏ trống để drafter tự chia".replace(".", ",", 2))
        return value


GROUP_LEVELS = 3  # A above I above 1.1: the deepest group rows real plans nest


class AppendixRow(Element):
    cells: list[str]
    # true (or 1): a group row; 2, 3: a group row inside the group row of the level above it
    group: Union[bool, int] = False
    header: bool = False  # the column headers again inside the table, as the draft writes them
    span: dict[str, int] = {}  # column key → rows this cell covers downwards (a lead written once)

    @field_validator("group")
    @classmethod
    def _group(cls, value):
        if not isinstance(value, bool) and not 0 <= value <= GROUP_LEVELS:
            raise ValueError(f"«group» là true hoặc cấp của nhóm từ 1 đến {GROUP_LEVELS}, không phải {value}")
        return value

    @field_validator("span")
    @classmethod
    def _span(cls, value):
        for key, rows in value.items():
            if not 2 <= rows <= 500:
                raise ValueError(f"ô «{key}» gộp từ 2 đến 500 hàng, không phải {rows}; bỏ «{key}» khỏi «span» "
                                 "nếu ô không gộp")
        return value

    @property
    def level(self) -> int:
        """The group level (1 for ``group: true``), 0 for a row of data."""
        return int(self.group)

    @field_validator("cells", mode="before")
    @classmethod
    def _numbers_as_text(cls, value):
        """``[1, Tỷ lệ, 80]``: a number typed in a cell is its text, as the table shows it."""
        if isinstance(value, list):
            return [str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v for v in value]
        return value


DEFAULT_COLUMNS = [
    Column(key="stt", header="STT", width=1.3),
    Column(key="task", header="Nhiệm vụ", width=9.0),
    Column(key="lead", header="Cơ quan chủ trì", width=4.0),
    Column(key="support", header="Cơ quan phối hợp", width=4.5),
    Column(key="deadline", header="Thời gian hoàn thành", width=3.0),
    Column(key="output", header="Sản phẩm", width=4.9),
]


class AppendixNumbering(Element):
    """The STT column computed, not typed: a row's ``cells`` then start at the column after STT."""

    # across: 1 … 11 over the whole table; per-group: 1, 2 … again under each group;
    # outline: 1.1, 1.2 under I, 2.1 under II (and 5.1.1 under a third-level group 5.1)
    items: Literal["across", "per-group", "outline"] = "per-group"
    groups: list[Literal["A", "I", "1", "a"]] = Field(default_factory=lambda: ["I"], min_length=1,
                                                       max_length=GROUP_LEVELS)
    capitals: list[bool] = Field(default=[], max_length=GROUP_LEVELS)  # per level: the title in capitals
    # column: "I" in the STT column, the title over the other columns; inline: "I. Title" in one cell
    # across the whole row
    group_label: Literal["column", "inline"] = "column"


class Appendix(Element):
    title: str
    attached: str | None = None  # the "(Kèm theo ...)" line as written, when drafter's own words do not fit
    columns: list[Column] = Field(default_factory=lambda: [c.model_copy() for c in DEFAULT_COLUMNS])
    source: Literal["tasks", "rows"] = "tasks"
    rows: list[AppendixRow] = []
    number_row: bool = True  # a row "(1) (2) ..." under the header
    numbering: AppendixNumbering | None = None  # None: the STT cells are typed in the rows
    # column keys whose equal cells in consecutive rows of a group are merged into one (a lead written once)
    merge: list[str] = []

    def cell_columns(self) -> list["Column"]:
        """The columns a row's ``cells`` fill, in order: all of them, or all but STT when it is computed."""
        if self.numbering is None:
            return list(self.columns)
        return [c for c in self.columns if c.key != "stt"]

    @field_validator("columns")
    @classmethod
    def _columns(cls, value):
        return columns_count(value)


def columns_count(columns):
    """An appendix table has 1 to :data:`MAX_COLUMNS` columns."""
    if columns is not None and not 1 <= len(columns) <= MAX_COLUMNS:
        raise ValueError(f"bảng phụ lục cần từ 1 đến {MAX_COLUMNS} cột, không phải {len(columns)}; "
                         "bỏ «columns» để dùng các cột mặc định")
    return columns


class Issuer(Element):
    parent: str | None = None
    lines: list[str] = []  # empty: "ỦY BAN NHÂN DÂN" / "XÃ AN LẠC" from the commune


class Decision(Element):
    """The decision that issues the plan (kind ``quyet-dinh``)."""

    number: str = ""
    date: PartialDate | None = None  # default: the plan's date
    subject: str | None = None  # default: "Ban hành Kế hoạch " + the plan's subject
    author: str | None = None  # default: "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ ..."
    bases: list[Citation] = []
    proposer: str | None = None  # "Theo đề nghị của ..."
    articles: list[str] = []  # default: the three standard articles
    recipients: list[Recipient] = []
    archive: str | None = None
    signer: Signer | None = None
    # ND 30's template for a document issued by a decision ends it at "./.": the decision carries
    # the recipients and the signature. Some offices sign the attached plan as well.
    sign_plan: bool = False


class Report(Element):
    """What a report (kind ``bao-cao``) adds to a draft: the period it covers and where it is sent.

    Its body, recipients and appendix are ordinary draft fields (``drafter report`` fills them
    from the plan and the returned tracking workbooks); ``to`` are the bodies under "Kính gửi:"
    (decree Phụ lục I, mục II, khoản 9, điểm b), empty when the superior is only a recipient "(b/c)".
    """

    period: str = Field(min_length=1)  # "Quý I/2026", as drafter.deadlines.parse_period reads it
    plan: str | None = None  # the plan's draft file it was made from, for the next period's report
    to: list[str] = []  # "Kính gửi:" lines

    @field_validator("to", mode="before")
    @classmethod
    def _to_list(cls, value):
        if isinstance(value, str):
            return [value] if value.strip() else []
        return value


class Draft(Element):
    """A commune's plan, the decision issuing it when ``kind`` is ``quyet-dinh``, or a report
    on a plan (``bao-cao``, with ``report``)."""

    version: int = 1
    kind: Literal["ke-hoach", "quyet-dinh", "bao-cao"] = "ke-hoach"
    commune: Commune
    issuer: Issuer = Field(default_factory=Issuer)
    place: str | None = None
    number: str = ""
    date: PartialDate
    subject: str = Field(min_length=1)
    bases: list[Citation] = []
    bases_end: Literal[";", ",", "."] = ","
    bases_layout: Literal["sentence", "lines"] = "sentence"  # "lines": one basis a paragraph
    proposer: str | None = None  # "Theo đề nghị của ...", before the preamble
    preamble: str | None = None
    sections: list[Node] = []
    closing: str | None = None
    closing_note: str | None = None  # a paragraph after the closing sentence, which keeps the "./."
    units: list[Unit] = []
    derive_duties: bool = True
    recipients: list[Recipient] = []
    archive: str = "VT"
    archive_nested: bool = False  # "+ Lưu: VT." as the last line under the last recipient's items
    signer: Signer = Field(default_factory=Signer)
    decision: Decision | None = None
    appendices: list[Appendix] = []
    report: Report | None = None

    @field_validator("number", mode="before")
    @classmethod
    def _number_text(cls, value):
        return "" if value is None else str(value)

    @model_validator(mode="after")
    def _unit_nodes(self):
        """A node listing a unit's tasks gives them the unit as lead, and its name as title."""
        for node in walk_nodes(self.sections):
            if node.unit is None:
                continue
            unit = self.unit(node.unit)
            if unit is None:  # reported by the loader with its line
                continue
            if node.title is None:
                node.title = unit.duties_title or unit.name
            for task in node.tasks:
                if not task.lead:
                    task.lead = [node.unit]
        return self

    @model_validator(mode="after")
    def _decision_when_needed(self):
        if self.kind == "quyet-dinh" and self.decision is None:
            self.decision = Decision()
        if self.kind == "bao-cao" and self.report is None:
            raise ValueError("báo cáo (kind: bao-cao) cần «report» với «period», ví dụ period: Quý I/2026")
        return self

    # Derived facts used by layout and checks: computed, never stored.
    @property
    def place_name(self) -> str:
        return self.place or self.commune.name

    @property
    def issuer_lines(self) -> list[str]:
        return self.issuer.lines or ["ỦY BAN NHÂN DÂN", upper_vi(self.commune.full)]

    def unit(self, unit_id: str) -> Unit | None:
        return next((u for u in self.units if u.id == unit_id), None)


Node.model_rebuild()


def walk_nodes(nodes: list[Node]):
    """Every node of a body, depth first."""
    for node in nodes:
        yield node
        yield from walk_nodes([i for i in node.items if isinstance(i, Node)])


def all_tasks(draft: Draft):
    for node in walk_nodes(draft.sections):
        yield from node.tasks
