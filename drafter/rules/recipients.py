"""The distribution list ("Nơi nhận") and the signature block."""
from __future__ import annotations

import re
from typing import Iterator

from ..nd30 import decree
from .registry import CONTENT, ERROR, HINT, PRACTICE, WARNING, Hit, Text, rule
from .samples import decision, plan
from .structure import RECIPIENT, RECIPIENTS_TITLE, SIGNER, SIGNER_NAME, Doc, Part

_CLAUSE = decree("II", 9, "d")
_ARCHIVE = re.compile(r"^[-+]?\s*Lưu\s*:?")


def _closing_parts(doc: Doc) -> Iterator[Part]:
    """Parts that must end with a distribution list: a decision, a plan not issued by a decision."""
    return (p for p in doc.parts if p.kind in ("decision", "plan", "document") and not p.attached and p.lines)


@rule("RECIPIENTS-NONE", WARNING, "văn bản chưa có nơi nhận", clause=_CLAUSE, scope=CONTENT,
      trigger=Text(plan("Nơi nhận:\n- UBND tỉnh Bắc Ninh (b/c);\n- Phòng Văn hóa - Xã hội;\n- Lưu: VT, VHXH.\n", "")),
      passing=Text(plan()))
def recipients_none(doc: Doc) -> Iterator[Hit]:
    for part in _closing_parts(doc):
        if part.first("kind") is not None and not part.of(RECIPIENTS_TITLE, RECIPIENT):
            yield Hit("chưa có nơi nhận", "hãy thêm «Nơi nhận:», cơ quan cấp trên (b/c), các đơn vị thực hiện và "
                      "«- Lưu: VT, <đơn vị soạn thảo>.»", part.body[-1] if part.body else part)


@rule("RECIPIENTS-DASH", WARNING, "mỗi nơi nhận là một dòng bắt đầu bằng «- »", clause=_CLAUSE, scope=CONTENT,
      trigger=Text(plan("- Phòng Văn hóa - Xã hội;", "Phòng Văn hóa - Xã hội;")), passing=Text(plan()))
def recipients_dash(doc: Doc) -> Iterator[Hit]:
    for line in doc.lines(RECIPIENT):
        if not re.match(r"^[-+–]\s", line.text):
            yield Hit(f"nơi nhận «{line.text}» không bắt đầu bằng «- »", "hãy viết «- <tên cơ quan>;»", line)


@rule("RECIPIENTS-SEMICOLON", WARNING, "mỗi nơi nhận (trừ dòng cuối) kết thúc bằng «;»", clause=_CLAUSE,
      scope=CONTENT, trigger=Text(plan("- Phòng Văn hóa - Xã hội;", "- Phòng Văn hóa - Xã hội")),
      passing=Text(plan()))
def recipients_semicolon(doc: Doc) -> Iterator[Hit]:
    for part in doc.parts:
        lines = part.of(RECIPIENT)
        for line in lines[:-1]:
            if _ARCHIVE.match(line.text):
                continue
            if not line.text.rstrip().endswith((";", ":")):
                yield Hit(f"nơi nhận «{line.text}» không kết thúc bằng «;»", "hãy thêm «;» ở cuối dòng", line)


@rule("RECIPIENTS-ARCHIVE-LAST", WARNING, "dòng cuối của nơi nhận là «- Lưu: VT, ...» và kết thúc bằng «.»",
      clause=_CLAUSE, scope=CONTENT,
      trigger=Text(plan("- Lưu: VT, VHXH.", "- Lưu: VT, VHXH;")), passing=Text(plan()))
def archive_last(doc: Doc) -> Iterator[Hit]:
    for part in doc.parts:
        lines = part.of(RECIPIENT)
        if not lines:
            continue
        last = lines[-1]
        if not _ARCHIVE.match(last.text):
            yield Hit(f"dòng cuối của nơi nhận là «{last.text}»", "hãy kết thúc bằng «- Lưu: VT, <đơn vị soạn thảo>.»",
                      last)
        elif not last.text.rstrip().endswith("."):
            yield Hit(f"«{last.text}» không kết thúc bằng dấu chấm", "hãy thêm «.» ở cuối dòng", last)


def _archive_lines(doc: Doc):
    return [ln for ln in doc.lines(RECIPIENT) if _ARCHIVE.match(ln.text)]


@rule("RECIPIENTS-ARCHIVE-VT", WARNING, "dòng «Lưu:» thiếu «VT» (văn thư)", clause=_CLAUSE, scope=CONTENT,
      trigger=Text(plan("- Lưu: VT, VHXH.", "- Lưu: VHXH.")), passing=Text(plan()))
def archive_vt(doc: Doc) -> Iterator[Hit]:
    for line in _archive_lines(doc):
        if "VT" not in re.split(r"[\s,.;:()]+", line.text):
            yield Hit("dòng «Lưu:» cần có «VT» (văn thư)", "ví dụ «- Lưu: VT, VHXH.»", line)


@rule("RECIPIENTS-ARCHIVE-UNIT", HINT, "dòng «Lưu:» chưa ghi đơn vị soạn thảo", clause=_CLAUSE, scope=CONTENT,
      trigger=Text(plan("- Lưu: VT, VHXH.", "- Lưu: VT.")), passing=Text(plan()))
def archive_unit(doc: Doc) -> Iterator[Hit]:
    for line in _archive_lines(doc):
        words = [w for w in re.split(r"[\s,.;:()]+", line.text.split(":", 1)[-1]) if w]
        if words and all(w == "VT" for w in words):
            yield Hit("dòng «Lưu:» chỉ có «VT»", "hãy thêm tên viết tắt của đơn vị soạn thảo, ví dụ "
                      "«- Lưu: VT, VHXH.»", line)


@rule("RECIPIENTS-AS-ARTICLE", ERROR, "nơi nhận «Như Điều ...» chỉ tới một điều không có trong quyết định",
      clause="decree Phụ lục III, Mẫu 1.3", scope=CONTENT,
      trigger=Text(decision("- Như Điều 3;", "- Như Điều 4;")), passing=Text(decision()))
def as_article(doc: Doc) -> Iterator[Hit]:
    for part in doc.parts:
        articles = {ln.label.value for ln in part.body if ln.label is not None and ln.label.kind == "article"}
        for line in part.of(RECIPIENT):
            m = re.search(r"Như\s+[Đđ]iều\s+(\d+)", line.text)
            if m and articles and int(m.group(1)) not in articles:
                yield Hit(f"«{line.text}»: quyết định không có Điều {m.group(1)}",
                          f"hãy ghi điều giao trách nhiệm thi hành (Điều {max(articles)})", line)


@rule("SIGNER-NAME", WARNING, "chữ ký chưa có họ tên người ký", clause=decree("II", 7, "c"), scope=CONTENT,
      trigger=Text(plan("CHỦ TỊCH\nNguyễn Văn An\n", "CHỦ TỊCH\n")), passing=Text(plan()))
def signer_name(doc: Doc) -> Iterator[Hit]:
    for part in _closing_parts(doc):
        titles = part.of(SIGNER)
        if titles and not part.of(SIGNER_NAME):
            yield Hit("chưa có họ tên người ký", "hãy ghi họ tên đầy đủ, không kèm chức danh", titles[-1])


_AUTH = re.compile(r"^(TM|KT|Q|TL|TUQ)\.\s*(.+)$")
_COLLECTIVES = ("ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "BAN THƯỜNG VỤ", "BAN CHẤP HÀNH",
                "ĐẢNG ỦY", "HỘI ĐỒNG", "BAN CHỈ ĐẠO", "THƯỜNG TRỰC", "TẬP THỂ")


@rule("SIGNER-AUTHORITY", ERROR, "quyền hạn của người ký dùng sai: TM. trước tập thể, KT./Q./TL./TUQ. trước "
      "chức vụ người đứng đầu", clause=decree("II", 7, "b"), scope=CONTENT,
      trigger=Text(plan("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "TM. CHỦ TỊCH\nPHÓ CHỦ TỊCH")),
      passing=Text(plan("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")))
def signer_authority(doc: Doc) -> Iterator[Hit]:
    for part in doc.parts:
        titles = part.of(SIGNER)
        for i, line in enumerate(titles):
            m = _AUTH.match(line.text.strip())
            if not m:
                continue
            word, what = m.groups()
            collective = what.startswith(_COLLECTIVES)
            if word == "TM" and not collective:
                yield Hit(f"«{line.text}»: «TM.» (thay mặt) chỉ đứng trước tên tập thể",
                          "cấp phó ký thay cấp trưởng ghi «KT. CHỦ TỊCH»; ký thay mặt Ủy ban ghi «TM. ỦY BAN NHÂN DÂN»",
                          line)
            elif word != "TM" and collective:
                yield Hit(f"«{line.text}»: «{word}.» đứng trước chức vụ người đứng đầu, không trước tên tập thể",
                          "ký thay mặt tập thể ghi «TM. <tên tập thể>»", line)
            elif word == "KT":
                after = titles[i + 1].text.strip() if i + 1 < len(titles) else ""
                if after and not after.startswith("PHÓ"):
                    yield Hit(f"«KT. {what}» mà chức vụ người ký là «{after}»",
                              "người ký thay là cấp phó: ghi «PHÓ CHỦ TỊCH» dưới «KT. CHỦ TỊCH»", line)


_DEGREES = re.compile(r"^(TS|ThS|PGS|GS|CN|KS|BS|Đ/c|Ông|Bà)\.?\s", re.I)


@rule("SIGNER-DEGREE", WARNING, "trước họ tên người ký không ghi học hàm, học vị, danh xưng",
      clause=decree("II", 7, "c"), scope=CONTENT, trigger=Text(plan("Nguyễn Văn An", "ThS. Nguyễn Văn An")),
      passing=Text(plan()))
def signer_degree(doc: Doc) -> Iterator[Hit]:
    for line in doc.lines(SIGNER_NAME):
        m = _DEGREES.match(line.text.strip())
        if m:
            yield Hit(f"«{line.text}»: có «{m.group(1)}» trước họ tên", "hãy chỉ ghi họ và tên người ký", line)


@rule("RECIPIENTS-REPORT", HINT, "cơ quan cấp trên trong nơi nhận nên có «(b/c)» (để báo cáo)", clause=PRACTICE,
      scope=CONTENT, trigger=Text(plan("- UBND tỉnh Bắc Ninh (b/c);", "- UBND tỉnh Bắc Ninh;")),
      passing=Text(plan()))
def recipients_report(doc: Doc) -> Iterator[Hit]:
    unit = doc.unit
    if unit is None or unit[0] not in ("xã", "phường", "đặc khu", "thị trấn"):
        return
    for line in doc.lines(RECIPIENT):
        text = line.text.lstrip("-+– ").strip()
        superior = re.match(r"^(Sở|UBND tỉnh|Ủy ban nhân dân tỉnh|UBND thành phố|Văn phòng UBND tỉnh|Bộ)\b", text)
        if superior and "b/c" not in text.lower() and "để báo cáo" not in text.lower():
            yield Hit(f"«{text.rstrip(';')}» là cơ quan cấp trên mà chưa ghi «(b/c)»",
                      "hãy thêm «(b/c)» trước dấu «;»", line)
