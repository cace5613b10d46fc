"""Citations of documents as written in a plan: kind, number and symbol, date, issuer.

"Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình ..." →
``Cited(verb="Căn cứ", kind="Nghị quyết", number="76/NQ-CP", date=2021-07-15,
issuer="Chính phủ", subject="ban hành Chương trình ...")``. Numbers are kept as written
(``23//CT-TTg`` stays so, for the checker to flag); :func:`number_key` gives the anchored key
that the legal-basis library is matched on ("45/2020/NĐ-CP" is not "145/2020/NĐ-CP").
Shared by the checker (``drafter.rules``) and the importer of Word plans.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache

from .text import fold

# Capital letters of Vietnamese (and Latin) text, as a regex class: [A-ZĐÀ-Ỹ] would take lower case too.
UPPER = "[" + "".join(c for r in ((0x41, 0x5B), (0xC0, 0x250), (0x1E00, 0x1F00)) for c in map(chr, range(*r))
                      if c.isupper()) + "]"

# Longest first, so that "Thông tư liên tịch" wins over "Thông tư".
KINDS = ("Chương trình hành động", "Thông tư liên tịch", "Nghị quyết liên tịch", "Chương trình", "Nghị quyết",
         "Nghị định", "Quyết định", "Chỉ thị", "Thông tư", "Kế hoạch", "Công văn", "Hướng dẫn", "Thông báo",
         "Kết luận", "Đề án", "Báo cáo", "Tờ trình", "Quy định", "Quy chế", "Pháp lệnh", "Luật", "Công điện")
# The type abbreviations of Phụ lục III of Nghị định 30 (and the usual ones of legal documents).
KIND_SYMBOLS = {
    "Nghị quyết": ("NQ",), "Nghị quyết liên tịch": ("NQLT",), "Nghị định": ("NĐ",), "Quyết định": ("QĐ",),
    "Chỉ thị": ("CT",), "Thông tư": ("TT",), "Thông tư liên tịch": ("TTLT",), "Kế hoạch": ("KH",),
    "Chương trình": ("CTr",), "Chương trình hành động": ("CTr", "CTrHĐ"), "Hướng dẫn": ("HD",),
    "Thông báo": ("TB",), "Kết luận": ("KL",), "Đề án": ("ĐA",), "Báo cáo": ("BC",), "Tờ trình": ("TTr",),
    "Quy định": ("QĐ", "QyĐ"), "Quy chế": ("QC",), "Công điện": ("CĐ",),
}
# Issuers whose documents carry the party form "57-NQ/TW" (number-type/issuer).
PARTY_ISSUERS = ("TW", "TU", "ĐU", "HU", "QU", "TƯ", "ĐĐ", "BCSĐ", "ĐUK", "BTGTW", "BTCTW", "VPTW", "UBKTTW")
# Issuers of the state form "76/NQ-CP" (number/type-issuer).
STATE_ISSUERS = ("CP", "TTg", "UBND", "HĐND", "VPCP", "BNV", "BTC", "BKHĐT", "BTTTT", "BCA", "BTP", "BYT",
                 "BGDĐT", "BVHTTDL", "BTNMT", "BNNPTNT", "BCT", "BXD", "BGTVT", "BKHCN", "BQP", "BLĐTBXH",
                 "SNV", "STC", "CTUBND")

_KIND = "|".join(re.escape(k) for k in KINDS)
_SYMBOL_CH = r"[\wĐđ.&\-–]"
# A number and symbol: "76/NQ-CP", "30/2020/NĐ-CP", "57-NQ/TW", "23//CT-TTg", "66.7/2025/NQ-CP".
_NUMBER = rf"\d[\d.]*(?:\s*[-–]\s*[A-ZĐa-zđ]{_SYMBOL_CH}*)?(?:\s*/+\s*{_SYMBOL_CH}+)+"
_DMY = r"\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}"
_WORDS = r"\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"
_ISSUER_STOP = (r"(?=\s+(?:về|ban hành|phê duyệt|quy định|hướng dẫn|sửa đổi|triển khai|thực hiện|đẩy mạnh|"
                r"tiếp tục|tăng cường|về việc|v/v|giao|kiện toàn|thành lập|tổ chức|phát triển|cải cách|ngày|để|nhằm|"
                r"trong|theo|tại|với)\b|\s+và\s+(?=[a-zà-ỹđ])|"
                r"\s*[;,.:()]|\s*$)")
CITATION = re.compile(
    rf"(?P<kind>{_KIND})\s+(?:(?:số|Số)\s*:?\s*)?(?P<number>{_NUMBER})"
    rf"(?:\s*,?\s*ngày\s+(?P<date>{_DMY}|{_WORDS}))?"
    rf"(?:\s+(?:của|do)\s+(?P<issuer>[^;,.:()]+?){_ISSUER_STOP})?")
# A law is cited by its name: "Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025".
LAW = re.compile(rf"(?P<kind>Luật|Pháp lệnh)\s+(?P<name>{UPPER}[^;,.()]*?)\s*,?\s*ngày\s+(?P<date>{_DMY}|{_WORDS})")
VERB = re.compile(r"^\s*(?P<verb>Căn cứ|Thực hiện|Theo đề nghị của)\b")


@dataclass(frozen=True)
class Symbol:
    """The parts of a number and symbol as written (``raw``)."""

    raw: str
    number: str  # "76", "66.7"
    year: int | None  # "30/2020/NĐ-CP" → 2020
    type: str | None  # "NQ", "NĐ", "CTr"
    issuer: str | None  # "CP", "TW", "UBND"
    party: bool  # written "57-NQ/TW"
    double_slash: bool
    spaces: bool  # a space inside the symbol

    @property
    def key(self) -> str:
        return number_key(self.raw)


@dataclass(frozen=True)
class Cited:
    """One document cited in a text; ``start``/``end`` are its span in that text."""

    kind: str
    number: str | None
    date_text: str | None
    date: _dt.date | None  # None when absent or not a real day
    issuer: str | None
    start: int
    end: int
    name: str | None = None  # a law's name
    verb: str | None = None
    subject: str | None = None

    @property
    def symbol(self) -> Symbol | None:
        return parse_symbol(self.number) if self.number else None

    @property
    def text(self) -> str:
        return " ".join(p for p in (self.kind, f"số {self.number}" if self.number else self.name,
                                    f"ngày {self.date_text}" if self.date_text else "") if p)


def parse_date(text: str | None) -> _dt.date | None:
    """"15/7/2021" or "14 tháng 01 năm 2025" → the day; None when it is no day of the calendar."""
    if not text:
        return None
    nums = [int(x) for x in re.findall(r"\d+", text)]
    if len(nums) != 3:
        return None
    day, month, year = nums
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


def parse_symbol(raw: str) -> Symbol:
    text = raw.strip()
    spaces = bool(re.search(r"\s", text))
    compact = re.sub(r"\s+", "", text).replace("–", "-")
    double = "//" in compact
    compact = re.sub(r"/+", "/", compact)
    pieces = compact.split("/")
    head = pieces[0]
    party = "-" in head
    number, _, head_type = head.partition("-")
    year = None
    rest = pieces[1:]
    if rest and re.fullmatch(r"(19|20)\d\d", rest[0]):
        year = int(rest[0])
        rest = rest[1:]
    kind = issuer = None
    if party:
        kind = head_type or None
        issuer = "/".join(rest) or None
    elif rest:
        kind, _, issuer = rest[0].partition("-")
        issuer = issuer or None
        if not re.search(r"[A-ZĐ]", kind or ""):
            kind = None
    return Symbol(raw=raw, number=number, year=year, type=kind or None, issuer=issuer, party=party,
                  double_slash=double, spaces=spaces)


def number_key(raw: str) -> str:
    """The anchored key of a number: spaces and doubled slashes dropped, case folded."""
    compact = re.sub(r"\s+", "", raw).replace("–", "-")
    return fold(re.sub(r"/+", "/", compact))


def _subject(text: str, end: int) -> str | None:
    rest = text[end:].strip()
    rest = re.split(r";|\.(?:\s|$)", rest, maxsplit=1)[0].strip(" ,")
    return rest or None


def find_citations(text: str) -> list[Cited]:
    """Every numbered document and every dated law cited in ``text``, in order."""
    return list(_find(text))


@lru_cache(maxsize=8192)  # the checker's rules read the same paragraphs several times
def _find(text: str) -> tuple[Cited, ...]:
    if "số" not in text and "ngày" not in text:
        return ()
    out: list[Cited] = []
    for m in CITATION.finditer(text):
        if m.group("kind") in ("Luật", "Pháp lệnh") and not re.search(r"/\s*(QH|UBTVQH)", m.group("number")):
            continue
        number = re.sub(r"[.\-–]+$", "", m.group("number").strip())
        date_text = m.group("date")
        issuer = m.group("issuer")
        out.append(Cited(kind=m.group("kind"), number=number, date_text=date_text, date=parse_date(date_text),
                         issuer=issuer.strip() if issuer else None, start=m.start(), end=m.end()))
    taken = [(c.start, c.end) for c in out]
    for m in LAW.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        name = f"{m.group('kind')} {m.group('name').strip()}"
        out.append(Cited(kind=m.group("kind"), number=None, date_text=m.group("date"),
                         date=parse_date(m.group("date")), issuer=None, start=m.start(), end=m.end(), name=name))
    return tuple(sorted(out, key=lambda c: c.start))


def parse_citation(text: str) -> Cited | None:
    """A basis as written ("Căn cứ Nghị quyết số ..."): the first document it cites, with verb and subject."""
    cited = find_citations(text)
    if not cited:
        return None
    first = cited[0]
    verb = VERB.match(text)
    return Cited(kind=first.kind, number=first.number, date_text=first.date_text, date=first.date,
                 issuer=first.issuer, start=first.start, end=first.end, name=first.name,
                 verb=verb.group("verb") if verb else None, subject=_subject(text, first.end))


def split_bases(sentence: str) -> list[str]:
    """A plan's bases written as one sentence ("Căn cứ A; B; Thực hiện C, ...") → one piece per basis."""
    return [p.strip() for p in re.split(r";\s*", sentence) if p.strip()]
