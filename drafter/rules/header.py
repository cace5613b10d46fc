"""The header and the title block: national title, motto, issuing body, number, place and date,
kind and subject; a plan attached to a decision; an appendix's heading."""
from __future__ import annotations

import re
from typing import Iterator

from ..citation_parse import UPPER
from ..nd30 import MOTTO_TEXT, decree, template
from ..text import fold
from .registry import CONTENT, ERROR, HINT, WARNING, Hit, Text, rule
from .samples import decision, plan
from .structure import (APPENDIX_LABEL, ATTACHED, ISSUER, KIND, KIND_SYMBOL, MOTTO, NATIONAL, NUMBER, PLACE_DATE,
                        SUBJECT, Doc, Part, place_date_value)

_NATIONAL_OK = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")


def _headed(doc: Doc) -> Iterator[Part]:
    """Parts that carry a header of their own: decisions, plans, other documents."""
    return (p for p in doc.parts if p.kind != "appendix" and p.lines)


@rule("HEADER-MISSING", ERROR, "thiếu thành phần ở phần đầu: quốc hiệu, tiêu ngữ, tên cơ quan, số, địa danh và "
      "ngày, tên loại", clause=decree("II", 1) + "–5", scope=CONTENT,
      trigger=Text(plan("Độc lập - Tự do - Hạnh phúc\n", "")), passing=Text(plan()))
def header_missing(doc: Doc) -> Iterator[Hit]:
    for part in _headed(doc):
        wanted = [(NATIONAL, "quốc hiệu"), (MOTTO, "tiêu ngữ"), (ISSUER, "tên cơ quan ban hành"), (KIND, "tên loại")]
        if not part.attached:  # a plan issued by a decision has no number and no date of its own
            wanted += [(NUMBER, "số, ký hiệu"), (PLACE_DATE, "địa danh và ngày tháng")]
        missing = [name for role, name in wanted if part.first(role) is None]
        if missing and part.first(KIND) is not None:
            yield Hit(f"phần đầu văn bản thiếu {', '.join(missing)}",
                      "hãy thêm theo Nghị định 30 (ô 1–5 của sơ đồ bố trí)", part.first(KIND))


@rule("HEADER-NATIONAL-TEXT", ERROR, "quốc hiệu viết sai", clause=decree("II", 1, "a"), scope=CONTENT,
      trigger=Text(plan("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM.")),
      passing=Text(plan("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")))
def national_text(doc: Doc) -> Iterator[Hit]:
    for line in doc.lines(NATIONAL):
        if line.text not in _NATIONAL_OK:
            yield Hit(f"quốc hiệu ghi «{line.text}»", f"hãy ghi đúng «{_NATIONAL_OK[0]}», chữ in hoa", line)


@rule("HEADER-MOTTO-TEXT", ERROR, "tiêu ngữ sai chữ hoặc sai dấu gạch nối", clause=decree("II", 1, "b"),
      scope=CONTENT, trigger=Text(plan("Độc lập - Tự do - Hạnh phúc", "Độc lập – Tự do – Hạnh phúc")),
      passing=Text(plan()))
def motto_text(doc: Doc) -> Iterator[Hit]:
    for line in doc.lines(MOTTO):
        if line.text != MOTTO_TEXT:
            why = "dùng gạch dài «–» thay cho gạch nối «-»" if "–" in line.text or "—" in line.text else \
                "sai chữ, chữ hoa hoặc khoảng cách"
            yield Hit(f"tiêu ngữ «{line.text}» {why}", f"hãy ghi đúng «{MOTTO_TEXT}» (gạch nối có cách chữ)", line)


_NUMBER_FORM = re.compile(r"^Số: (?:\d{2,}|[ \u00a0…\.]*)/[A-ZĐa-zđ]+(?:-[A-ZĐa-zđ&]+)+$")


@rule("HEADER-NUMBER-FORM", WARNING, "số, ký hiệu văn bản sai dạng «Số: 09/QĐ-UBND»", clause=decree("II", 3, "c"),
      scope=CONTENT, trigger=Text(plan("Số: 12/KH-UBND", "Số 12 /KH-UBND")),
      passing=Text(plan("Số: 12/KH-UBND", "Số:     /KH-UBND")))
def number_form(doc: Doc) -> Iterator[Hit]:
    for line in doc.lines(NUMBER):
        text = line.text.strip()
        if _NUMBER_FORM.match(text):
            continue
        m = re.match(r"^Số:\s*(\d)/", text)
        why = f"số nhỏ hơn 10 cần thêm số 0 («0{m.group(1)}»)" if m else \
            "cần «Số:» có dấu hai chấm, rồi số, «/» và ký hiệu nối bằng «-», không cách chữ"
        yield Hit(f"«{text}»: {why}", "ví dụ «Số: 09/QĐ-UBND»; để trống số cho văn thư khi chưa đăng ký", line)


@rule("HEADER-SYMBOL-KIND", ERROR, "ký hiệu văn bản không khớp tên loại (KẾ HOẠCH → KH, QUYẾT ĐỊNH → QĐ)",
      clause="decree Phụ lục III, mục I", scope=CONTENT, trigger=Text(plan("Số: 12/KH-UBND", "Số: 12/QĐ-UBND")),
      passing=Text(plan()))
def symbol_kind(doc: Doc) -> Iterator[Hit]:
    for part in _headed(doc):
        number, kind = part.first(NUMBER), part.kind_text
        want = KIND_SYMBOL.get(kind)
        if number is None or want is None:
            continue
        m = re.search(r"/\s*([A-ZĐa-zđ]+)\s*-", number.text)
        if m and m.group(1) != want:
            yield Hit(f"văn bản là {kind.lower()} mà ký hiệu là «{m.group(1)}»",
                      f"hãy ghi ký hiệu «{want}-...» (Phụ lục III Nghị định 30)", number)


_PLACE_DATE = re.compile(UPPER + r"[^,]*, ngày\s+(?:[\d…\.]{1,2}\s+)?tháng\s+(?:[\d…\.]{1,2}\s+)?năm \d{4}$")


@rule("DATE-PLACE-FORM", WARNING, "dòng địa danh và ngày tháng sai dạng «An Lạc, ngày 05 tháng 3 năm 2026»",
      clause=decree("II", 4, "c"), scope=CONTENT,
      trigger=Text(plan("An Lạc, ngày 05 tháng 6 năm 2026", "An Lạc ngày 05/6/2026")),
      passing=Text(plan("An Lạc, ngày 05 tháng 6 năm 2026", "An Lạc, ngày      tháng 6 năm 2026")))
def place_form(doc: Doc) -> Iterator[Hit]:
    for line in doc.lines(PLACE_DATE):
        text = line.text.strip().rstrip(".")
        if _PLACE_DATE.match(text):
            continue  # (the padding of day and month is DATE-PADDING's)
        yield Hit(f"«{line.text}» chưa đúng dạng", "hãy ghi «<Địa danh>, ngày dd tháng m năm yyyy», có dấu phẩy "
                  "sau địa danh, chữ cái đầu địa danh viết hoa", line)


@rule("DATE-PADDING", WARNING, "ngày dưới 10 và tháng 1, 2 phải có số 0 phía trước; các tháng khác không",
      clause=decree("II", 4, "b"), scope=CONTENT,
      trigger=Text(plan("An Lạc, ngày 05 tháng 6 năm 2026", "An Lạc, ngày 05 tháng 06 năm 2026")),
      passing=Text(plan()))
def date_padding(doc: Doc) -> Iterator[Hit]:
    for line in doc.lines(PLACE_DATE):
        m = re.search(r"ngày\s+(\d{1,2})?\s*tháng\s+(\d{1,2})?\s*năm", line.text)
        if not m:
            continue
        day, month = m.groups()
        wrong = []
        if day and int(day) < 10 and len(day) == 1:
            wrong.append(f"ngày «{day}» cần viết «0{day}»")
        if month and int(month) <= 2 and len(month) == 1:
            wrong.append(f"tháng «{month}» cần viết «0{month}»")
        if month and int(month) >= 3 and month.startswith("0"):
            wrong.append(f"tháng «{month}» cần viết «{int(month)}» (chỉ tháng 1, 2 có số 0)")
        if wrong:
            yield Hit("; ".join(wrong), "hãy sửa theo Nghị định 30 (ví dụ «ngày 05 tháng 01», «tháng 3»)", line)


@rule("DATE-VALID", ERROR, "ngày ban hành không có trong lịch", clause=decree("II", 4, "b"), scope=CONTENT,
      trigger=Text(plan("ngày 05 tháng 6 năm 2026", "ngày 31 tháng 6 năm 2026")), passing=Text(plan()))
def date_valid(doc: Doc) -> Iterator[Hit]:
    for line in doc.lines(PLACE_DATE):
        m = re.search(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", line.text)
        if m and place_date_value(line.text) is None:
            yield Hit(f"ngày {m.group(1)} tháng {m.group(2)} năm {m.group(3)} không có trong lịch",
                      "hãy sửa lại ngày ban hành", line)


@rule("ATTACHED-PLAN-HEADER", WARNING, "kế hoạch ban hành kèm quyết định không ghi số và ngày riêng",
      clause=template("Mẫu 1.3, văn bản được ban hành kèm theo quyết định"), scope=CONTENT,
      trigger=Text(decision() + plan("Số: 12/KH-UBND\n", "Số: 12/KH-UBND\n")),
      passing=Text(decision() + plan("Số: 12/KH-UBND\nAn Lạc, ngày 05 tháng 6 năm 2026\n", "",
                                     "năm 2026\nCăn cứ", "năm 2026\n(Kèm theo Quyết định số 09/QĐ-UBND ngày 05/01/2026 "
                                     "của Chủ tịch Ủy ban nhân dân xã An Lạc)\nCăn cứ")))
def attached_header(doc: Doc) -> Iterator[Hit]:
    for part in doc.parts:
        if part.kind == "plan" and part.attached:
            extra = [ln for ln in part.of(NUMBER, PLACE_DATE)]
            if extra:
                yield Hit("kế hoạch ban hành kèm theo quyết định có số, ký hiệu hoặc ngày tháng riêng",
                          "hãy bỏ dòng số và dòng địa danh, ngày tháng: văn bản kèm theo dùng số, ngày của quyết "
                          "định, ghi ở dòng «(Kèm theo Quyết định số ...)»", extra[0])


@rule("ATTACHED-LINE", WARNING, "văn bản kèm theo thiếu dòng «(Kèm theo ... số ... ngày ...)» dưới trích yếu",
      clause=template("Mẫu 1.3") + "; " + decree("III", 1, "c"), scope=CONTENT,
      trigger=Text(decision() + plan("Số: 12/KH-UBND\nAn Lạc, ngày 05 tháng 6 năm 2026\n", "")),
      passing=Text(decision() + plan("Số: 12/KH-UBND\nAn Lạc, ngày 05 tháng 6 năm 2026\n", "",
                                     "năm 2026\nCăn cứ", "năm 2026\n(Kèm theo Quyết định số 09/QĐ-UBND ngày 05/01/2026 "
                                     "của Chủ tịch Ủy ban nhân dân xã An Lạc)\nCăn cứ")))
def attached_line(doc: Doc) -> Iterator[Hit]:
    for part in doc.parts:
        if not part.attached:
            continue
        line = " ".join(ln.text for ln in part.of(ATTACHED))
        if "kèm theo" not in line.lower():
            anchor = part.first(SUBJECT) or part.first(APPENDIX_LABEL) or part
            what = "phụ lục" if part.kind == "appendix" else "kế hoạch ban hành kèm theo quyết định"
            yield Hit(f"{what} thiếu dòng «(Kèm theo ...)»",
                      "hãy thêm «(Kèm theo Quyết định/Kế hoạch số ... ngày ... của ...)», chữ nghiêng, canh giữa",
                      anchor)


@rule("APPENDIX-REPEATS-HEADER", WARNING, "phụ lục lặp lại quốc hiệu, tiêu ngữ hoặc tên cơ quan",
      clause=template("Mẫu 2.1"), scope=CONTENT,
      trigger=Text(plan() + "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nPhụ lục\nDANH MỤC "
                   "NHIỆM VỤ\n(Kèm theo Kế hoạch số 12/KH-UBND ngày 05/6/2026 của Ủy ban nhân dân xã An Lạc)\n"
                   "STT | Nhiệm vụ\n1 | Rà soát thủ tục hành chính\n"),
      passing=Text(plan("gắn với chuyển đổi số.", "gắn với chuyển đổi số (Phụ lục kèm theo).")
                   + "Phụ lục\nDANH MỤC NHIỆM VỤ\n(Kèm theo Kế hoạch số 12/KH-UBND ngày 05/6/2026 của Ủy ban nhân "
                   "dân xã An Lạc)\nSTT | Nhiệm vụ\n1 | Rà soát thủ tục hành chính\n"))
def appendix_header(doc: Doc) -> Iterator[Hit]:
    for part in doc.parts:
        if part.kind != "appendix":
            continue
        repeated = part.of(NATIONAL, MOTTO, ISSUER)
        if repeated:
            names = sorted({{NATIONAL: "quốc hiệu", MOTTO: "tiêu ngữ", ISSUER: "tên cơ quan"}[ln.role]
                            for ln in repeated})
            yield Hit(f"phụ lục lặp lại {', '.join(names)}",
                      "hãy bỏ: phụ lục chỉ có «Phụ lục», tiêu đề và dòng «(Kèm theo ...)» (Mẫu 2.1)", repeated[0])


@rule("SUBJECT-COMMUNE", WARNING, "trích yếu chưa nêu tên xã, phường ban hành", clause="practice", scope=CONTENT,
      trigger=Text(plan("Cải cách hành chính xã An Lạc năm 2026", "Cải cách hành chính năm 2026")),
      passing=Text(plan()))
def subject_commune(doc: Doc) -> Iterator[Hit]:
    unit = doc.unit
    main = doc.main
    if unit is None or main is None or unit[0] not in ("xã", "phường", "đặc khu", "thị trấn"):
        return
    subject = " ".join(ln.text for ln in main.of(SUBJECT))
    if subject and fold(unit[1]) not in fold(subject):
        yield Hit(f"trích yếu chưa nêu tên {unit[0]} {unit[1]}", "hãy ghi rõ kế hoạch của xã, phường nào",
                  main.first(SUBJECT))


@rule("HEADER-ISSUER-PLACE", HINT, "địa danh ở dòng ngày tháng khác tên xã, phường ban hành",
      clause=decree("II", 4, "a"), scope=CONTENT,
      trigger=Text(plan("An Lạc, ngày 05 tháng 6 năm 2026", "Tân Hội, ngày 05 tháng 6 năm 2026")),
      passing=Text(plan()))
def issuer_place(doc: Doc) -> Iterator[Hit]:
    unit = doc.unit
    if unit is None:
        return
    for line in doc.lines(PLACE_DATE):
        place = line.text.split(",")[0].strip()
        if place and fold(place) != fold(unit[1]) and fold(unit[1]) not in fold(place):
            yield Hit(f"địa danh «{place}» khác tên đơn vị ban hành «{unit[1]}»",
                      f"hãy ghi địa danh là tên {unit[0]} nơi cơ quan đóng trụ sở", line)
