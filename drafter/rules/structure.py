"""A small structural reading of a plan or decision: which paragraph is what.

From a :class:`~drafter.reader.ReadDocument` (Word, PDF, text), the document is cut into
parts (a decision, the plan it issues, each appendix) and each paragraph gets a role: the
header's components (issuing body, national title, motto, number, place and date), kind,
subject, the "(Kèm theo ...)" line, bases, body, recipients, signature, appendix heading,
table cells. Rules read roles, numbering paths ("II.3.b") and the formatting the reader
resolved; they never look at XML. It is generic and small on purpose: the full recognizer
of plans into drafts is the importer's.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from ..citation_parse import UPPER, parse_date
from ..reader.model import Label, Paragraph, ReadDocument, Span, Table
from ..text import fold
from .findings import Where

PARENT, ISSUER, NATIONAL, MOTTO = "parent", "issuer", "national", "motto"
NUMBER, PLACE_DATE, KIND, SUBJECT, ATTACHED, AUTHOR = "number", "place_date", "kind", "subject", "attached", "author"
BASIS, DECIDE, BODY = "basis", "decide", "body"
RECIPIENTS_TITLE, RECIPIENT, SIGNER, SIGNER_NAME = "recipients_title", "recipient", "signer", "signer_name"
APPENDIX_LABEL, APPENDIX_TITLE, CELL = "appendix_label", "appendix_title", "cell"
HEADER_ROLES = (PARENT, ISSUER, NATIONAL, MOTTO, NUMBER, PLACE_DATE)

KIND_WORDS = {"KẾ HOẠCH": "plan", "QUYẾT ĐỊNH": "decision", "BÁO CÁO": "document", "CHƯƠNG TRÌNH": "plan",
              "PHƯƠNG ÁN": "plan", "ĐỀ ÁN": "plan", "CHỈ THỊ": "document", "THÔNG BÁO": "document",
              "HƯỚNG DẪN": "document", "TỜ TRÌNH": "document", "QUY CHẾ": "document", "QUY ĐỊNH": "document"}
KIND_SYMBOL = {"KẾ HOẠCH": "KH", "QUYẾT ĐỊNH": "QĐ", "BÁO CÁO": "BC", "CHƯƠNG TRÌNH": "CTr", "PHƯƠNG ÁN": "PA",
               "ĐỀ ÁN": "ĐA", "CHỈ THỊ": "CT", "THÔNG BÁO": "TB", "HƯỚNG DẪN": "HD", "TỜ TRÌNH": "TTr",
               "QUY CHẾ": "QC", "QUY ĐỊNH": "QyĐ"}
UNIT_TYPES = ("xã", "phường", "đặc khu", "thị trấn", "tỉnh", "thành phố", "huyện", "quận", "thị xã")

_NATIONAL = re.compile(r"^cong hoa xa hoi chu nghia( viet nam)?\W*$")
_MOTTO = re.compile(r"^Độc\s*lập\s*[-–—]*\s*Tự\s*do\s*[-–—]*\s*Hạnh\s*phúc\.?$", re.I)
_PLACE_DATE = re.compile(r"^[^,]{2,40},?\s+ngày\b(.{0,12}\btháng\b.{0,8}\bnăm\s+\d{4}|\s*\d{1,2}\s*[/.-]\s*\d{1,2}"
                         r"\s*[/.-]\s*\d{4})\s*\.?$")
_NUMBER = re.compile(r"^Số\s*:?\s*[\d\s.…]*/")
_APPENDIX = re.compile(r"^(phụ lục|PHỤ LỤC)(\s+(số\s+)?[IVXLC\d]+)?\s*[.:]?$", re.I)
_VERB = re.compile(r"^(Căn cứ|Thực hiện|Theo đề nghị)\b")
_AUTHORITY = re.compile(r"^(TM|KT|Q|TL|TUQ)\s*\.")
_UNIT_LINE = re.compile(rf"^(Xã|Phường|Đặc khu|Thị trấn|Tỉnh|Huyện)\s+(?:{UPPER}|\s)+$")
_ISSUERISH = re.compile(r"^(ỦY BAN|UỶ BAN|UBND|HỘI ĐỒNG|ĐẢNG ỦY|(XÃ|PHƯỜNG|ĐẶC KHU|THỊ TRẤN|TỈNH|THÀNH PHỐ|HUYỆN|"
                        r"QUẬN|THỊ XÃ|SỞ|BỘ|BAN|VĂN PHÒNG|PHÒNG|TRUNG TÂM)\b)")


def is_upper(text: str) -> bool:
    """Every letter is a capital (and there is one)."""
    return text.upper() == text and text.lower() != text


def first_words(text: str, n: int = 8) -> str:
    words = text.split()
    return " ".join(words[:n]) + ("…" if len(words) > n else "")


@dataclass
class Line:
    """One paragraph (or one tab-separated piece of a header paragraph) with its role."""

    text: str  # as a reader reads it, on one line, label included
    role: str
    where: Where
    label: Label | None = None
    para: Paragraph | None = None  # None for drafts and plain text pieces without formatting
    spans: tuple[Span, ...] = ()  # the piece's own spans (a tab-separated header piece has part of them)
    block: int | None = None  # index in ReadDocument.blocks
    section: str = ""  # the numbering path it sits under: "II.3.b"
    part: int = 0
    formatted: bool = False  # the source carries Word's formatting (DOCX, DOC)

    @property
    def body(self) -> str:
        """The text without its label."""
        if self.label is None:
            return self.text
        rest = self.text[len(self.label.text):] if self.text.startswith(self.label.text) else self.text
        return rest.strip()

    def visible(self) -> list[Span]:
        return [s for s in self.spans if s.text.strip()]

    @property
    def size(self) -> float | None:
        count: dict[float, int] = {}
        for s in self.visible():
            if s.format.size is not None:
                count[s.format.size] = count.get(s.format.size, 0) + len(s.text)
        return max(count, key=count.get) if count else None

    @property
    def bold(self) -> bool:
        vis = self.visible()
        return bool(vis) and all(s.format.bold for s in vis)

    @property
    def italic(self) -> bool:
        vis = self.visible()
        return bool(vis) and all(s.format.italic for s in vis)


@dataclass
class Drawn:
    """A line drawn under a component: a paragraph border or a shape. Lengths in pt."""

    length: float
    under: Line
    how: str  # "border", "shape"


@dataclass
class Part:
    kind: str  # "decision", "plan", "appendix", "document"
    index: int
    lines: list[Line] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    drawn: list[Drawn] = field(default_factory=list)
    first_block: int | None = None
    attached: bool = False  # issued by a decision (a plan after its decision), or an appendix

    def of(self, *roles: str) -> list[Line]:
        return [ln for ln in self.lines if ln.role in roles]

    def first(self, role: str) -> Line | None:
        return next((ln for ln in self.lines if ln.role == role), None)

    @property
    def body(self) -> list[Line]:
        return self.of(BODY)

    @property
    def kind_text(self) -> str:
        line = self.first(KIND)
        return line.text.strip().upper() if line else ""

    def rule_under(self, role: str) -> list[Drawn]:
        return [d for d in self.drawn if d.under.role == role]


@dataclass
class Doc:
    name: str
    source: str  # "draft", "docx", "doc", "pdf", "text"
    parts: list[Part]
    read: ReadDocument | None = None
    draft: object = None  # drafter.model.Draft for a draft
    memo: dict = field(default_factory=dict)  # what several rules compute once (abbreviations...)

    def lines(self, *roles: str) -> list[Line]:
        return [ln for p in self.parts for ln in p.lines if not roles or ln.role in roles]

    @property
    def formatted(self) -> bool:
        return self.source in ("docx", "doc")

    @property
    def date(self) -> _dt.date | None:
        """The document's own date (its first place-and-date line with a day)."""
        for line in self.lines(PLACE_DATE):
            day = place_date_value(line.text)
            if day:
                return day
        return None

    @property
    def year(self) -> int | None:
        for line in self.lines(PLACE_DATE):
            m = re.search(r"năm\s+(\d{4})", line.text)
            if m:
                return int(m.group(1))
        return None

    @property
    def unit(self) -> tuple[str, str] | None:
        """The issuing unit's (type, name) from the issuing body's lines: ("xã", "An Lạc")."""
        for line in self.lines(ISSUER):
            m = re.match(r"^(XÃ|PHƯỜNG|ĐẶC KHU|THỊ TRẤN|TỈNH|THÀNH PHỐ|HUYỆN)\s+(.+)$", line.text.strip())
            if m:
                return m.group(1).lower(), m.group(2).strip().title()
        return None

    @property
    def main(self) -> Part | None:
        """The first part with a kind: the decision, or the plan."""
        return next((p for p in self.parts if p.kind in ("decision", "plan", "document")), None)


def place_date_value(text: str) -> _dt.date | None:
    m = re.search(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", text)
    return parse_date(" ".join(m.groups()).replace(" ", "/")) if m else None


# ----------------------------------------------------------------------------- reading a ReadDocument

def header_role(text: str) -> str | None:
    t = text.strip()
    if len(t) > 90:
        return None  # header lines are short
    if _NATIONAL.match(re.sub(r"\s+", " ", fold(t))):
        return NATIONAL
    if _MOTTO.match(t):
        return MOTTO
    if _NUMBER.match(t):
        return NUMBER
    if _PLACE_DATE.match(t):
        return PLACE_DATE
    if (is_upper(t) or _UNIT_LINE.match(t)) and t.upper() not in KIND_WORDS and not _APPENDIX.match(t):
        return ISSUER
    return None


def _split_spans(spans: tuple[Span, ...]) -> list[tuple[Span, ...]]:
    """A paragraph's spans cut at its tabs: one group per tab-separated piece."""
    groups: list[list[Span]] = [[]]
    for s in spans:
        pieces = s.text.split("\t")
        for k, piece in enumerate(pieces):
            if k:
                groups.append([])
            if piece:
                groups[-1].append(Span(piece, s.format))
    return [tuple(g) for g in groups]


class _Reader:
    def __init__(self, read: ReadDocument):
        self.read = read
        self.name = read.name
        self.formatted = read.kind in ("docx", "doc")
        self.parts: list[Part] = []
        self.state = "top"
        self.pending_attached = False

    # -- parts
    @property
    def part(self) -> Part:
        if not self.parts:
            self.parts.append(Part("document", 0))
        return self.parts[-1]

    def new_part(self, kind: str, block: int) -> Part:
        part = Part(kind, len(self.parts), first_block=block)
        if kind == "appendix" or (kind == "plan" and any(p.kind == "decision" for p in self.parts)):
            part.attached = True
        self.parts.append(part)
        return part

    def _started(self) -> bool:
        return any(ln.role not in HEADER_ROLES for ln in self.part.lines)

    # -- lines
    def add(self, text: str, role: str, para: Paragraph | None, block: int | None, spans=None,
            label: Label | None = None) -> Line:
        text = re.sub(r"\s+", " ", text).strip()
        origin = para.origin if para is not None else None
        line = Line(text=text, role=role, label=label, para=para,
                    spans=tuple(spans) if spans is not None else (para.spans if para is not None else ()),
                    block=block, part=self.part.index, formatted=self.formatted,
                    where=Where(file=self.name, origin=origin, excerpt=first_words(text)))
        self.part.lines.append(line)
        return line

    def last_line(self) -> Line | None:
        return self.part.lines[-1] if self.part.lines else None

    # -- drawn rules
    def drawn_border(self, para: Paragraph) -> None:
        border = para.format.border("top") or para.format.border("bottom")
        above = self.last_line()
        if border is None or above is None or para.line_width is None:
            return
        self.part.drawn.append(Drawn(para.line_width, above, "border"))

    def drawn_shapes(self, para: Paragraph, pieces: list[Line]) -> None:
        shapes = sorted((s for s in para.shapes if s.horizontal), key=lambda s: s.x or 0)
        if len(pieces) > 1 and len(shapes) == len(pieces):  # one rule under each piece, left to right
            self.part.drawn.extend(Drawn(s.width, p, "shape") for s, p in zip(shapes, pieces))
            return
        for shape in shapes:
            target = pieces[-1] if pieces else self.last_line()
            if len(pieces) > 1 and shape.x is not None and para.line_width:
                centre = shape.x + shape.width / 2
                target = pieces[0] if centre < para.line_width * 0.45 else pieces[-1]
            if target is not None:
                self.part.drawn.append(Drawn(shape.width, target, "shape"))

    # -- paragraphs
    def header_piece(self, text: str, para, block, spans, split: bool = True) -> Line | None:
        role = header_role(text)
        if role is None:
            return None
        if split and role in (NATIONAL, ISSUER) and self._started():
            self.new_part("document", block)
            self.state = "top"
        return self.add(text, role, para, block, spans)

    def paragraph(self, para: Paragraph, block: int | None, in_table: bool = False) -> None:
        text = para.text
        if not text.strip():
            if self.formatted:
                self.drawn_border(para)
                self.drawn_shapes(para, [])
            return
        if para.label is None and "\t" in text.strip():
            pieces = [(t, s) for t, s in zip(text.split("\t"), _split_spans(para.spans)) if t.strip()]
            roles = [header_role(t) for t, _ in pieces]
            if len(pieces) > 1 and (any(r in (NATIONAL, MOTTO) for r in roles) or (
                    self.state in ("top", "header") and any(roles))):
                if self._started() and any(r in (NATIONAL, ISSUER) for r in roles):
                    self.new_part("document", block)
                self.state = "header"
                made = [self.header_piece(t, para, block, s, split=False) or self.add(t, BODY, para, block, s)
                        for t, s in pieces]
                self.state = "header"
                if self.formatted:
                    self.drawn_shapes(para, made)
                return
        self.line(text, para, block, para.label)
        if self.formatted and para.shapes:
            self.drawn_shapes(para, [self.last_line()])

    def line(self, text: str, para: Paragraph | None, block: int | None, label: Label | None,
             spans=None) -> None:
        flat = re.sub(r"\s+", " ", text).strip()
        upper = flat.upper()
        if _APPENDIX.match(flat) and (self.state in ("body", "closing", "top", "header") or self._started()):
            if not self._started() and self.part.lines:
                self.part.kind, self.part.attached = "appendix", True  # the appendix repeated the header
            elif self.part.kind != "appendix" or self._started():
                self.new_part("appendix", block or 0)
            self.add(flat, APPENDIX_LABEL, para, block, spans)
            self.state = "appendix"
            return
        if self.state in ("top", "header") and label is None:
            if upper in KIND_WORDS and not (flat.endswith(":")):
                self.kind(flat, para, block, spans)
                return
            if self.header_piece(flat, para, block, spans) is not None:
                self.state = "header"
                return
        elif upper in KIND_WORDS and label is None and self.state in ("closing", "body") and \
                self.part.kind != "appendix":
            self.kind(flat, para, block, spans)
            return
        elif label is None and self.state == "closing" and self.part.first(SIGNER_NAME) is not None and \
                header_role(flat) in (ISSUER, NATIONAL):
            self.new_part("document", block or 0)  # the next document of the file starts
            self.add(flat, header_role(flat), para, block, spans)
            self.state = "header"
            return
        elif label is None and header_role(flat) in (NATIONAL, MOTTO) and self.state != "subject":
            self.new_part("document", block or 0)
            self.add(flat, header_role(flat), para, block, spans)
            self.state = "header"
            return
        role = self.role_after_header(flat, para, label)
        self.add(text, role, para, block, spans, label)

    def kind(self, text: str, para, block, spans) -> None:
        kind = KIND_WORDS[text.upper()]
        if self.part.first(KIND) is not None or self.part.kind == "appendix":
            self.new_part(kind, block or 0)
        else:
            self.part.kind = kind
            if self.part.first_block is None:
                self.part.first_block = block
            if kind == "plan" and any(p.kind == "decision" for p in self.parts[:-1]):
                self.part.attached = True
        self.add(text, KIND, para, block, spans)
        self.state = "subject"

    def role_after_header(self, text: str, para: Paragraph | None, label: Label | None) -> str:
        state = self.state
        if text.startswith("Nơi nhận"):
            self.state = "closing"
            return RECIPIENTS_TITLE
        if state == "closing":
            if label is not None and label.kind in ("dash", "plus", "bullet") or text.startswith(("-", "+")):
                return RECIPIENT
            if not self.part.of(SIGNER, SIGNER_NAME) and text.endswith((";", ".")) and len(text) < 120:
                return RECIPIENT
            if is_upper(text) or _AUTHORITY.match(text):
                return SIGNER
            if len(text) < 50 and not text.endswith((".", ";", ":")):
                return SIGNER_NAME
            self.state = "body"
            return BODY
        if state in ("subject", "appendix"):
            last = self.last_line()
            follows = last is not None and last.role == ATTACHED and label is None and len(text) < 120 \
                and text.rstrip(".").endswith(")") and "(" not in text
            if text.startswith("(") or self.pending_attached or follows:
                self.pending_attached = not text.rstrip().endswith(")")
                return ATTACHED
            if state == "appendix" and is_upper(text) and label is None:
                return APPENDIX_TITLE
            if label is None and not _VERB.match(text) and is_upper(text) and text.startswith("CHỦ TỊCH"):
                self.state = "bases"
                return AUTHOR
            subject_like = label is None and not _VERB.match(text) and len(text) < 250 and \
                (para is None or not self.formatted or para.bold) and not text.endswith((";", ":"))
            if state == "subject" and subject_like and len(self.part.of(SUBJECT)) < 4 and \
                    not self.part.of(ATTACHED, AUTHOR):
                return SUBJECT
            self.state = "bases" if self.part.kind == "decision" else "opening"
            state = self.state
        if state == "bases":
            if text.upper() == "QUYẾT ĐỊNH:" or fold(text).replace(" ", "") == "quyetdinh:":
                self.state = "body"
                return DECIDE
            if label is None and _VERB.match(text):
                return BASIS
            self.state = "body"
            return BODY
        if state == "opening":
            if label is None and _VERB.match(text) and not self.part.body:
                return BASIS
            self.state = "body"
            return BODY
        if state == "appendix":
            self.state = "body"
        return BODY

    # -- tables
    def table(self, table: Table, block: int) -> None:
        paras = table.paragraphs()
        texts = [p.normalized for p in paras if not p.empty]
        if any(t.startswith("Nơi nhận") for t in texts):
            return self.closing_table(table, block)
        header_like = any(header_role(t) in (NATIONAL, MOTTO) for t in texts) or (
            self.state in ("top",) and any(header_role(t) in (ISSUER, NUMBER, PLACE_DATE) for t in texts))
        if header_like and len(table.rows) <= 4:
            if self._started():
                self.new_part("document", block)
            self.state = "top"
            for k, p in ((c.column, p) for r in table.rows for c in r.cells if not c.merged for p in c.paragraphs):
                if p.empty:
                    if self.formatted:
                        self.drawn_border(p)
                    continue
                line = (self.header_piece(p.normalized, p, block, p.spans, split=False)
                        or self.add(p.text, ISSUER if k == 0 else BODY, p, block))
                if self.formatted and p.shapes:
                    self.drawn_shapes(p, [line])
            self.state = "header"
            return
        self.part.tables.append(table)
        for p in paras:
            if not p.empty:
                self.add(p.text, CELL, p, block, label=p.label)

    def closing_table(self, table: Table, block: int) -> None:
        for row in table.rows:
            for k, cell in enumerate(row.cells):
                if cell.merged:
                    continue
                paras = [p for p in cell.paragraphs if not p.empty]
                left = any(p.normalized.startswith("Nơi nhận") for p in paras) or (k == 0 and len(row.cells) > 1)
                for i, p in enumerate(paras):
                    text = p.normalized
                    if left:
                        role = RECIPIENTS_TITLE if text.startswith("Nơi nhận") else RECIPIENT
                    elif is_upper(text) or _AUTHORITY.match(text):
                        role = SIGNER
                    else:
                        role = SIGNER_NAME if i == len(paras) - 1 else SIGNER
                    for piece in (p.text.split("\n") if role == SIGNER else [p.text]):
                        if piece.strip():
                            self.add(piece, role, p, block, label=p.label if role == RECIPIENT else None)
        self.state = "closing"

    def run(self) -> list[Part]:
        for i, block in enumerate(self.read.blocks):
            if isinstance(block, Table):
                self.table(block, i)
            else:
                self.paragraph(block, i)
        return self.parts or [Part("document", 0)]


def number_sections(parts: list[Part]) -> None:
    """Each body line gets the numbering path it sits under ("II.3.b"); articles "Điều 2"."""
    for part in parts:
        stack: list[str] = []
        for line in part.lines:
            if line.role != BODY:
                continue
            lab = line.label
            if lab is not None:
                token = lab.text.strip().rstrip(".)").strip()
                if lab.kind == "roman":
                    stack = [token]
                elif lab.kind == "decimal":
                    stack = stack[:1] + [token]
                elif lab.kind == "multilevel":
                    stack = stack[:1] + [token]
                elif lab.kind == "letter":
                    stack = stack[:2] + [token]
                elif lab.kind == "article":
                    stack = [lab.text.strip().rstrip(".:")]
            line.section = ".".join(stack).replace("Điều.", "Điều ")
            line.where = Where(file=line.where.file, line=line.where.line, column=line.where.column,
                               field=line.where.field, origin=line.where.origin, section=line.section or None,
                               excerpt=line.where.excerpt)


def read_structure(read: ReadDocument) -> Doc:
    parts = _Reader(read).run()
    number_sections(parts)
    return Doc(read.name, read.kind, parts, read=read)
