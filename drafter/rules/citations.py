"""Citations: well-formed numbers and symbols, real dates, the legal-basis library, order of the bases."""
from __future__ import annotations

import re
from functools import cache
from typing import Iterator

from .. import bases
from ..citation_parse import (KIND_SYMBOLS, PARTY_ISSUERS, STATE_ISSUERS, Cited, find_citations, number_key,
                              parse_citation, parse_date, split_bases)
from ..library import citation_library
from ..nd30 import decree
from ..text import fold
from .registry import CONTENT, ERROR, HINT, PRACTICE, WARNING, Hit, Text, rule
from .samples import decision, plan
from .structure import ATTACHED, BASIS, BODY, CELL, SUBJECT, Doc, Line

_NQ76 = "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ"


def cited(doc: Doc, *roles: str) -> Iterator[tuple[Line, Cited]]:
    for line in doc.lines(*(roles or (BASIS, BODY, CELL, ATTACHED, SUBJECT))):
        for c in find_citations(line.text):
            yield line, c


@cache
def _library() -> dict[str, object]:
    return {number_key(c.number): c for c in citation_library().values() if c.number}


_ABBREVIATIONS = {"ubnd": "uy ban nhan dan", "hdnd": "hoi dong nhan dan", "ttg": "thu tuong chinh phu"}


def _issuer_key(text: str) -> str:
    t = fold(text).strip()
    for short, full in _ABBREVIATIONS.items():
        t = re.sub(rf"\b{short}\b", full, t)
    return re.sub(r"\s+", " ", t)


@rule("CITE-DOUBLE-SLASH", ERROR, "số, ký hiệu văn bản được dẫn có hai dấu «/» liền nhau", clause=decree("II", 3, "c"),
      scope=CONTENT, trigger=Text(plan("76/NQ-CP", "76//NQ-CP")), passing=Text(plan()))
def double_slash(doc: Doc) -> Iterator[Hit]:
    for line, c in cited(doc):
        if c.symbol and c.symbol.double_slash:
            fixed = re.sub(r"/+", "/", c.number)
            yield Hit(f"«{c.kind} số {c.number}»: thừa dấu «/»", f"hãy sửa thành «{fixed}»", line)


@rule("CITE-SYMBOL-SPACE", WARNING, "số, ký hiệu văn bản được dẫn có khoảng trắng", clause=decree("II", 3, "c"),
      scope=CONTENT, trigger=Text(plan("76/NQ-CP", "76/ NQ-CP")), passing=Text(plan()))
def symbol_space(doc: Doc) -> Iterator[Hit]:
    for line, c in cited(doc):
        if c.symbol and c.symbol.spaces:
            compact = re.sub(r"\s+", "", c.number)
            yield Hit(f"«{c.number}» có khoảng trắng", f"hãy viết liền: «{compact}»", line)


@rule("CITE-PARTY-FORM", ERROR, "ký hiệu văn bản của Đảng viết «57-NQ/TW», của Nhà nước «76/NQ-CP»",
      clause="decree Phụ lục III; Hướng dẫn 36-HD/VPTW (văn bản của Đảng)", scope=CONTENT,
      trigger=Text(plan("Kế hoạch số 167/KH-UBND", "Nghị quyết số 57/NQ-TW ngày 22/12/2024 của Bộ Chính trị; "
                        "Kế hoạch số 167/KH-UBND")),
      passing=Text(plan("Kế hoạch số 167/KH-UBND", "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị; "
                        "Kế hoạch số 167/KH-UBND")))
def party_form(doc: Doc) -> Iterator[Hit]:
    for line, c in cited(doc):
        s = c.symbol
        if s is None or s.type is None:
            continue
        if not s.party and s.issuer in PARTY_ISSUERS:
            yield Hit(f"«{c.number}» là văn bản của Đảng mà viết theo kiểu văn bản nhà nước",
                      f"hãy viết «{s.number}-{s.type}/{s.issuer}»", line)
        elif s.party and s.issuer in STATE_ISSUERS:
            yield Hit(f"«{c.number}» là văn bản nhà nước mà viết theo kiểu văn bản của Đảng",
                      f"hãy viết «{s.number}/{s.type}-{s.issuer}»", line)


@rule("CITE-KIND-SYMBOL", ERROR, "tên loại văn bản được dẫn không khớp ký hiệu (Quyết định → QĐ, Kế hoạch → KH...)",
      clause="decree Phụ lục III, mục I", scope=CONTENT,
      trigger=Text(plan("Kế hoạch số 167/KH-UBND", "Quyết định số 167/KH-UBND")), passing=Text(plan()))
def kind_symbol(doc: Doc) -> Iterator[Hit]:
    for line, c in cited(doc):
        s = c.symbol
        allowed = KIND_SYMBOLS.get(c.kind)
        if s is None or s.type is None or allowed is None:
            continue
        if s.type not in allowed and not (s.type.startswith("CTr") and c.kind.startswith("Chương trình")):
            yield Hit(f"«{c.kind} số {c.number}»: ký hiệu «{s.type}» không phải của {c.kind.lower()}",
                      f"hãy kiểm tra lại tên loại hoặc ký hiệu ({c.kind} dùng «{allowed[0]}»)", line)


@rule("CITE-DATE-INVALID", ERROR, "ngày của văn bản được dẫn không có trong lịch", clause=decree("II", 6, "a"),
      scope=CONTENT, trigger=Text(plan("ngày 15/7/2021", "ngày 31/6/2021")), passing=Text(plan()))
def date_invalid(doc: Doc) -> Iterator[Hit]:
    for line, c in cited(doc):
        if c.date_text and c.date is None:
            yield Hit(f"«{c.kind} số {c.number or c.name}» ngày «{c.date_text}»: không có ngày này",
                      "hãy kiểm tra lại ngày ban hành", line)


@rule("CITE-DATE-YEAR", ERROR, "năm trong số hiệu khác năm của ngày ban hành (30/2020/NĐ-CP ngày .../2021)",
      clause=decree("II", 6, "b"), scope=CONTENT,
      trigger=Text(plan("Kế hoạch số 167/KH-UBND", "Nghị định số 118/2025/NĐ-CP ngày 09/6/2024 của Chính phủ; "
                        "Kế hoạch số 167/KH-UBND")),
      passing=Text(plan("Kế hoạch số 167/KH-UBND", "Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ; "
                        "Kế hoạch số 167/KH-UBND")))
def date_year(doc: Doc) -> Iterator[Hit]:
    for line, c in cited(doc):
        s = c.symbol
        if s and s.year and c.date and c.date.year != s.year:
            yield Hit(f"«{c.number}» mang năm {s.year} mà ngày ban hành là {c.date_text}",
                      "hãy kiểm tra lại số hiệu hoặc ngày", line)


def _library_hits(doc: Doc):
    lib = _library()
    for line, c in cited(doc):
        if not c.number:
            continue
        known = lib.get(number_key(c.number))
        if known is not None:
            yield line, c, known


@rule("CITE-DATE-LIBRARY", ERROR, "ngày của văn bản được dẫn khác ngày trong thư viện căn cứ", clause=decree("II", 6, "b"),
      scope=CONTENT, trigger=Text(plan("ngày 15/7/2021", "ngày 17/5/2021")), passing=Text(plan()))
def date_library(doc: Doc) -> Iterator[Hit]:
    for line, c, known in _library_hits(doc):
        right = parse_date(known.date)
        s = c.symbol
        # The same number in another year is another document unless the year is part of the number.
        if c.date and right and c.date != right and (c.date.year == right.year or (s and s.year)):
            yield Hit(f"«{c.kind} số {c.number}» ghi ngày {c.date_text}; thư viện căn cứ: ngày {known.date}",
                      f"hãy sửa thành «ngày {known.date}»", line)


@rule("CITE-ISSUER-LIBRARY", ERROR, "cơ quan ban hành văn bản được dẫn khác thư viện căn cứ", clause=decree("II", 6, "b"),
      scope=CONTENT, trigger=Text(plan("ngày 15/7/2021 của Chính phủ", "ngày 15/7/2021 của Quốc hội")),
      passing=Text(plan()))
def issuer_library(doc: Doc) -> Iterator[Hit]:
    for line, c, known in _library_hits(doc):
        if not c.issuer or not known.issuer:
            continue
        theirs, ours = _issuer_key(c.issuer), _issuer_key(known.issuer)
        if theirs == ours or ours.startswith(theirs) or theirs.startswith(ours):
            continue
        if c.date and parse_date(known.date) and c.date.year != parse_date(known.date).year:
            continue  # another document with the same number
        yield Hit(f"«{c.kind} số {c.number}» ghi của «{c.issuer}»; thư viện căn cứ: {known.issuer}",
                  f"hãy sửa thành «của {known.issuer}»", line)


@rule("CITE-AFTER-DOCUMENT", ERROR, "văn bản được dẫn có ngày sau ngày của chính văn bản", clause=PRACTICE,
      scope=CONTENT, trigger=Text(plan("ngày 17/12/2025 của Ủy ban", "ngày 17/12/2026 của Ủy ban")),
      passing=Text(plan()))
def after_document(doc: Doc) -> Iterator[Hit]:
    own, year = doc.date, doc.year
    if own is None and year is None:
        return
    for line, c in cited(doc):
        if c.date is None:
            continue
        late = c.date > own if own else c.date.year > year
        if late:
            when = own.strftime("%d/%m/%Y") if own else f"năm {year}"
            yield Hit(f"«{c.kind} số {c.number or c.name}» ngày {c.date_text}, sau ngày của văn bản này ({when})",
                      "hãy kiểm tra lại ngày của văn bản được dẫn hoặc ngày ban hành", line)


@rule("CITE-DATE-MISSING", WARNING, "căn cứ không ghi ngày ban hành của văn bản được dẫn", clause=decree("II", 6, "a"),
      scope=CONTENT, trigger=Text(plan("76/NQ-CP ngày 15/7/2021 của", "76/NQ-CP của")), passing=Text(plan()))
def date_missing(doc: Doc) -> Iterator[Hit]:
    for line, c in cited(doc, BASIS):
        if c.number and not c.date_text and c.kind not in ("Luật", "Pháp lệnh"):
            yield Hit(f"căn cứ «{c.kind} số {c.number}» không ghi ngày", "hãy thêm «ngày d/m/yyyy» sau số hiệu", line)


@rule("CITE-ISSUER-MISSING", HINT, "căn cứ không ghi cơ quan ban hành văn bản được dẫn", clause=decree("II", 6, "a"),
      scope=CONTENT, trigger=Text(plan("ngày 15/7/2021 của Chính phủ ban hành", "ngày 15/7/2021 ban hành")),
      passing=Text(plan()))
def issuer_missing(doc: Doc) -> Iterator[Hit]:
    for line, c in cited(doc, BASIS):
        if c.number and c.date_text and not c.issuer and c.kind not in ("Luật", "Pháp lệnh"):
            yield Hit(f"căn cứ «{c.kind} số {c.number}» không ghi cơ quan ban hành",
                      "hãy thêm «của <cơ quan ban hành>» sau ngày", line)


@rule("CITE-ORDER", HINT, "các căn cứ chưa theo thứ tự thường dùng: luật, văn bản của Đảng, nghị định, nghị quyết "
      "của Chính phủ, văn bản của Thủ tướng, bộ, tỉnh, xã", clause=PRACTICE, scope=CONTENT,
      trigger=Text(decision("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\n", "",
                            "nhà nước giai đoạn 2021-2030;\n", "nhà nước giai đoạn 2021-2030;\nCăn cứ Luật Tổ chức "
                            "chính quyền địa phương ngày 16 tháng 6 năm 2025;\n")),
      passing=Text(decision()))
def order(doc: Doc) -> Iterator[Hit]:
    for part in doc.parts:
        best = -1
        for line in part.of(BASIS):
            for c in find_citations(line.text)[:1] if line.text.startswith(("Căn cứ", "Thực hiện")) else []:
                rank = bases.rank(c.kind, c.number, c.issuer, c.name)
                if rank < best:
                    name = f"{c.kind} số {c.number}" if c.number else (c.name or c.kind)
                    yield Hit(f"«{name}» đứng sau {bases.RANK_WORDS[best]}",
                              f"hãy xếp căn cứ theo thứ tự: {bases.ORDER_TEXT}", line)
                    break
                best = max(best, rank)


@rule("CITE-REPEAT-FULL", HINT, "văn bản đã dẫn đầy đủ lại được dẫn đầy đủ lần nữa", clause=decree("II", 6, "b"),
      scope=CONTENT,
      trigger=Text(plan("Đẩy mạnh giải quyết", "Thực hiện " + _NQ76 + " về cải cách hành chính. Đẩy mạnh giải quyết")),
      passing=Text(plan("Đẩy mạnh giải quyết", "Thực hiện Nghị quyết số 76/NQ-CP. Đẩy mạnh giải quyết")))
def repeat_full(doc: Doc) -> Iterator[Hit]:
    seen: set[tuple[int, str]] = set()
    for line, c in cited(doc, BASIS, BODY):
        if not c.number:
            continue
        key = (line.part, number_key(c.number))
        full = bool(c.date_text and c.issuer)
        if full and key in seen and line.role == BODY:  # twice among the bases is BASES-DUPLICATE
            yield Hit(f"«{c.kind} số {c.number}» đã được dẫn đầy đủ ở trên",
                      f"từ lần thứ hai chỉ cần ghi «{c.kind} số {c.number}»", line)
        if full:
            seen.add(key)


@rule("BASES-DUPLICATE", WARNING, "một văn bản được nêu hai lần trong các căn cứ", clause=PRACTICE, scope=CONTENT,
      trigger=Text(plan("; Kế hoạch số 167", "; Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ; Kế hoạch số 167")),
      passing=Text(plan()))
def bases_duplicate(doc: Doc) -> Iterator[Hit]:
    for part in doc.parts:
        seen: dict[str, int] = {}
        count = 0
        for line in part.of(BASIS):
            # One document per basis: the first it cites (its subject may name others).
            firsts = [parse_citation(piece) for piece in split_bases(line.text)]
            for c in (c for c in firsts if c is not None):
                if not c.number:
                    continue
                count += 1
                key = number_key(c.number)
                if key in seen:
                    yield Hit(f"căn cứ số {c.number} đã có ở căn cứ thứ {seen[key]}", "hãy xóa bản trùng", line)
                seen.setdefault(key, count)


@rule("BASES-NONE", WARNING, "văn bản chưa có căn cứ", clause=decree("II", 6, "a"), scope=CONTENT,
      trigger=Text(plan("Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể "
                        "cải cách hành chính nhà nước giai đoạn 2021-2030; Kế hoạch số 167/KH-UBND ngày 17/12/2025 "
                        "của Ủy ban nhân dân tỉnh Bắc Ninh về cải cách hành chính tỉnh Bắc Ninh năm 2026, ", "")),
      passing=Text(plan()))
def bases_none(doc: Doc) -> Iterator[Hit]:
    main = doc.main
    if main is None or main.attached or main.kind not in ("plan", "decision"):
        return
    if not main.of(BASIS) and not any(find_citations(ln.text) for ln in main.body[:2]):
        yield Hit("kế hoạch chưa có căn cứ" if main.kind == "plan" else "quyết định chưa có căn cứ",
                  "hãy thêm ít nhất kế hoạch của cấp trên", main.first(SUBJECT) or main)


@rule("BASES-END", WARNING, "căn cứ của quyết định: mỗi căn cứ một dòng kết thúc bằng «;», dòng cuối bằng «.»",
      clause=decree("II", 6, "a"), scope=CONTENT,
      trigger=Text(decision("Theo đề nghị của Trưởng phòng Văn hóa - Xã hội.", "Theo đề nghị của Trưởng phòng Văn hóa - Xã hội,")),
      passing=Text(decision()))
def bases_end(doc: Doc) -> Iterator[Hit]:
    for part in doc.parts:
        if part.kind != "decision":
            continue
        lines = part.of(BASIS)
        for i, line in enumerate(lines):
            want = "." if i == len(lines) - 1 else ";"
            if not line.text.rstrip().endswith(want):
                yield Hit(f"căn cứ {'cuối cùng ' if want == '.' else ''}kết thúc bằng «{line.text.rstrip()[-1:]}»",
                          f"hãy kết thúc bằng «{want}»", line)
