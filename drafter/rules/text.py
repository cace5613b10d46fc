"""The words of the body: closing mark, repeated paragraphs, leftovers from another plan or
another commune, template tags, abbreviations, NFC."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Iterator

from ..citation_parse import UPPER, find_citations
from ..text import fold
from .registry import CONTENT, ERROR, HINT, PRACTICE, WARNING, Docx, Hit, Text, rule
from .samples import plan
from .structure import (ATTACHED, BASIS, BODY, CELL, RECIPIENT, SUBJECT, Doc, Line, Part, is_upper)

_WORDS = (SUBJECT, BASIS, BODY, ATTACHED)


def _edit_nfd(document) -> None:
    """Example: one paragraph typed with decomposed Vietnamese (as some old keyboards and converters do)."""
    for p in document.paragraphs:
        if p.text.startswith("Nâng cao") or "hiệu quả" in p.text:
            for run in p.runs:
                run.text = unicodedata.normalize("NFD", run.text)
            return


@rule("TEXT-NFC", WARNING, "chữ tiếng Việt ở dạng tổ hợp (không phải Unicode dựng sẵn NFC)",
      clause="decree Phụ lục I, Phần I, mục I, khoản 4 (TCVN 6909:2001)", scope=CONTENT,
      trigger=Docx(_edit_nfd), passing=Docx())
def nfc(doc: Doc) -> Iterator[Hit]:
    bad = [ln for ln in doc.lines() if unicodedata.normalize("NFC", ln.text) != ln.text]
    if bad:
        more = f" (và {len(bad) - 1} đoạn khác)" if len(bad) > 1 else ""
        yield Hit(f"đoạn này gõ dấu tổ hợp, không phải Unicode dựng sẵn{more}: tìm kiếm, sắp xếp và chữ ký số có "
                  "thể sai", "hãy chuyển mã sang Unicode dựng sẵn (Unikey: công cụ chuyển mã, «Unicode» → "
                  "«Unicode dựng sẵn»)", bad[0])


_TAG = re.compile(r"\{\{|\}\}|\{%|%\}|\[\s*(?:TÊN|Tên|tên|SỐ|Số|NGÀY|Ngày)[^\]]{0,30}\]|"
                  r"<\s*(?:TÊN|Tên|tên)[^>]{0,30}>|\bX{3,}\b|…{3,}|\.{8,}")


@rule("TEXT-TEMPLATE-TAG", ERROR, "còn thẻ mẫu hoặc chỗ trống chưa điền ({{ ... }}, [Tên xã], ........)",
      clause=PRACTICE, scope=CONTENT,
      trigger=Text(plan("của xã An Lạc.\n2. Yêu cầu", "của xã {{ commune }}.\n2. Yêu cầu")), passing=Text(plan()))
def template_tag(doc: Doc) -> Iterator[Hit]:
    for line in doc.lines(*_WORDS, CELL, RECIPIENT):
        m = _TAG.search(line.text)
        if m:
            yield Hit(f"còn «{m.group(0)}» chưa điền", "hãy thay bằng nội dung thật", line)


def _numbered_heading(line: Line) -> bool:
    """"2. Mục còn trống": a title, not a sentence (an empty section says so itself)."""
    lab = line.label
    return lab is not None and lab.kind in ("roman", "decimal", "multilevel", "letter") and len(line.body) < 100 \
        and not line.body.rstrip().endswith((".", ";", ":", "./."))


def _ends_mark(text: str) -> bool:
    return text.rstrip().endswith("./.")


@rule("BODY-CLOSING-MARK", WARNING, "câu cuối của nội dung văn bản kết thúc bằng «./.»", clause=PRACTICE,
      scope=CONTENT, trigger=Text(plan("Ủy ban nhân dân xã./.", "Ủy ban nhân dân xã.")), passing=Text(plan()))
def closing_mark(doc: Doc) -> Iterator[Hit]:
    for part in doc.parts:
        if part.kind not in ("plan", "decision"):
            continue
        body = [ln for ln in part.body if ln.text.strip() != "./." and not _numbered_heading(ln)
                and not (ln.text.startswith("(") and ln.text.rstrip(".").endswith(")"))]  # "(Kèm theo Phụ lục)"
        if not body or any(ln.text.strip() == "./." for ln in part.body):
            continue
        last = body[-1]
        if not _ends_mark(last.text):
            yield Hit("câu cuối của nội dung không kết thúc bằng «./.»",
                      "hãy thêm «./.» liền sau chữ cuối cùng (không cách, không xuống dòng)", last)


@rule("CLOSING-MARK-ALONE", WARNING, "dấu «./.» đứng riêng một dòng hoặc cách chữ cuối", clause=PRACTICE,
      scope=CONTENT, trigger=Text(plan("Ủy ban nhân dân xã./.", "Ủy ban nhân dân xã.\n./.")), passing=Text(plan()))
def mark_alone(doc: Doc) -> Iterator[Hit]:
    for line in doc.lines(BODY):
        text = line.text.strip()
        if text == "./." or re.search(r"\s\./\.$", text):
            yield Hit("dấu «./.» không liền với chữ cuối của nội dung",
                      "hãy đặt «./.» ngay sau chữ cuối cùng của câu cuối", line)


@rule("TEXT-REPEATED", WARNING, "một đoạn văn lặp lại nguyên văn", clause=PRACTICE, scope=CONTENT,
      trigger=Text(plan("2. Chuyển đổi số\n", "2. Chuyển đổi số\nRà soát, đơn giản hóa thủ tục hành chính thuộc "
                        "thẩm quyền giải quyết của xã.\n")),
      passing=Text(plan()))
def repeated(doc: Doc) -> Iterator[Hit]:
    seen: dict[tuple[int, str], Line] = {}
    for line in doc.lines(BODY):
        body = line.body
        if len(body) < 50 or (len(body) < 160 and re.search(r"\btại (các )?mục\b|\btại Phụ lục\b", body)):
            continue  # "Chủ trì thực hiện các nhiệm vụ tại mục II.1" (or "I.1–I.3 tại Phụ lục"): one per unit
        key = (line.part, re.sub(r"\W+", " ", body.lower()).strip())
        first = seen.get(key)
        if first is not None:
            where = f"mục {first.section}" if first.section else "ở trên"
            yield Hit(f"đoạn này trùng nguyên văn với một đoạn {where}",
                      "hãy xóa đoạn trùng hoặc viết lại cho đúng nội dung của mục này", line)
        else:
            seen[key] = line


# ----------------------------------------------------------------------------- a section that does not belong

_SYLLABLE = re.compile(r"[A-Za-zÀ-ỹĐđ]+")
_COMMON = set("""và của các cho với trong được theo tại về để có là những một này đó thực hiện tổ chức công tác
nhiệm vụ đơn vị cơ quan liên quan trên địa bàn xã phường tỉnh ủy ban nhân dân ubnd báo cáo kết quả chủ trì phối hợp
nâng cao tăng cường đẩy mạnh triển khai đúng quy định kế hoạch năm chất lượng hiệu quả người dân quản lý thường xuyên
định kỳ hằng hàng tiếp tục bảo đảm đảm bảo phù hợp kịp thời chính phủ nhà nước văn bản lĩnh vực giai đoạn""".split())


_FUNCTION = set("""và của các cho với trong được theo tại về để có là những một này đó từ trên dưới khi đã sẽ
đang không cũng như nhằm đối bị do thì mà hoặc hay nếu các sau trước giữa ra vào lên""".split())


def _terms(text: str) -> list[str]:
    words = [w.lower() for w in _SYLLABLE.findall(text)]
    out = [w for w in _SYLLABLE.findall(text) if len(w) >= 3 and w.isupper()]  # abbreviations: SHTT, TTHC
    out += [f"{a} {b}" for a, b in zip(words, words[1:]) if not (a in _COMMON and b in _COMMON)
            and a not in _FUNCTION and b not in _FUNCTION and not a.isupper() and a != b]
    return out


_IP = ("Phòng Kinh tế kiểm tra, xử lý hành vi xâm phạm quyền sở hữu trí tuệ, buôn bán hàng giả, hàng nhái trên "
       "địa bàn; phối hợp lực lượng quản lý thị trường kiểm soát hàng giả, hàng nhái.\n"
       "Công an xã nắm tình hình, phát hiện, ngăn chặn hành vi xâm phạm quyền sở hữu trí tuệ trên không gian mạng, "
       "thương mại điện tử; tiếp nhận tin báo về hàng giả, hàng nhái.\n"
       "Trung tâm tuyên truyền pháp luật về sở hữu trí tuệ, quyền tác giả và quyền liên quan; công khai các vụ "
       "xâm phạm quyền sở hữu trí tuệ đã bị xử lý; hướng dẫn doanh nghiệp bảo hộ nhãn hiệu, chống hàng giả, hàng "
       "nhái.\nCác trường lồng ghép giáo dục về sở hữu trí tuệ, quyền tác giả cho học sinh; hỗ trợ đăng ký bảo hộ "
       "sản phẩm sáng tạo của học sinh; tập huấn kiến thức sở hữu trí tuệ cho giáo viên.\n"
       "Định kỳ báo cáo kết quả thực thi quyền sở hữu trí tuệ, chống hàng giả, hàng nhái, bảo hộ nhãn hiệu về "
       "Phòng Văn hóa - Xã hội./.\n")


_CCHC = ("Tiếp tục cải cách hành chính, cải cách thủ tục hành chính, nâng cao chỉ số cải cách hành chính của xã; "
         "rà soát thủ tục hành chính, công khai thủ tục hành chính, giải quyết thủ tục hành chính đúng hạn.\n") * 6


def _sections(part: Part) -> list[tuple[Line, list[Line]]]:
    out: list[tuple[Line, list[Line]]] = []
    for line in part.body:
        if line.label is not None and line.label.kind == "roman":
            out.append((line, []))
        elif out:
            out[-1][1].append(line)
    return out


def _merge(terms: list[str]) -> list[str]:
    """"sở hữu", "hữu trí", "trí tuệ" → "sở hữu trí tuệ"."""
    out: list[str] = []
    for t in terms:
        if t.isupper() or t.lower() in (o.lower() for o in out):
            out.append(t) if t not in out else None
            continue
        for i, o in enumerate(out):
            if o.split()[-1] == t.split()[0] and t not in o:
                out[i] = f"{o} {' '.join(t.split()[1:])}"
                break
            if t.split()[-1] == o.split()[0] and t not in o:
                out[i] = f"{' '.join(t.split()[:-1])} {o}"
                break
        else:
            out.append(t)
    return out


@rule("SECTION-OFF-TOPIC", WARNING, "một phần nói về việc khác: các từ chính của nó không có trong trích yếu, căn "
      "cứ hay các phần khác", clause=PRACTICE, scope=CONTENT,
      trigger=Text(plan("III. TỔ CHỨC THỰC HIỆN\n", _CCHC + "III. TỔ CHỨC THỰC HIỆN\n" + _IP)),
      passing=Text(plan()))
def off_topic(doc: Doc) -> Iterator[Hit]:
    """A section, not the plan's main one, whose frequent terms are mostly its own and that seldom uses the
    subject's words, where the rest of the body does."""
    for part in doc.parts:
        sections = _sections(part)
        if len(sections) < 2:
            continue
        texts = [" ".join([h.body] + [ln.body for ln in lines]) for h, lines in sections]
        counts = [Counter(_terms(t)) for t in texts]
        sizes = [len(_SYLLABLE.findall(t)) for t in texts]
        frame = Counter(_terms(" ".join(ln.text for ln in part.of(SUBJECT, BASIS, ATTACHED))))
        subject = set(_terms(" ".join(ln.text for ln in part.of(SUBJECT))))
        for k, (heading, _) in enumerate(sections):
            if sizes[k] < 150 or sizes[k] == max(sizes):
                continue
            others = frame.copy()
            for j, c in enumerate(counts):
                if j != k:
                    others.update(c)
            frequent = {t: n for t, n in counts[k].items() if n >= 2}
            own = {t: n for t, n in frequent.items() if others[t] == 0}
            share = sum(own.values()) / max(sum(frequent.values()), 1)
            rest_words = sum(sizes) - sizes[k]
            density = sum(counts[k][t] for t in subject) / sizes[k]
            rest = sum(others[t] - frame[t] for t in subject) / max(rest_words, 1)
            if share >= 0.45 and density <= 0.45 * rest:
                shown = ", ".join(f"«{t}»" for t in _merge(sorted(own, key=lambda t: -own[t])[:8])[:5])
                yield Hit(f"phần «{heading.text}» nói về {shown}: các từ này không có trong trích yếu, căn cứ hay "
                          "các phần khác, còn chủ đề của trích yếu ít được nhắc tới", "có thể đoạn này chép từ kế "
                          "hoạch khác; hãy xem lại và viết đúng nội dung của kế hoạch này", heading)


# ----------------------------------------------------------------------------- another commune, another unit

_PLACE = re.compile(rf"\b(xã|phường|đặc khu|thị trấn)\s+((?:{UPPER}\w*)(?:\s+{UPPER}\w*){{0,3}})")


@rule("COMMUNE-OTHER-NAME", WARNING, "tên một xã, phường khác còn sót trong văn bản", clause=PRACTICE, scope=CONTENT,
      trigger=Text(plan("chất lượng giải quyết thủ tục hành chính của xã An Lạc.",
                        "chất lượng giải quyết thủ tục hành chính của xã Tân Hội.")),
      passing=Text(plan()))
def other_commune(doc: Doc) -> Iterator[Hit]:
    unit = doc.unit
    if unit is None or unit[0] not in ("xã", "phường", "đặc khu", "thị trấn"):
        return
    own = fold(unit[1])
    reported: set[str] = set()
    for line in doc.lines(*_WORDS):
        spans = [(c.start, c.end) for c in find_citations(line.text)]
        for m in _PLACE.finditer(line.text):
            name = m.group(2)
            if fold(name) == own or fold(name).startswith(own) or any(s <= m.start() < e for s, e in spans):
                continue
            if fold(name) in reported:
                continue
            reported.add(fold(name))
            yield Hit(f"«{m.group(0)}» trong văn bản của {unit[0]} {unit[1]}",
                      "nếu chép từ kế hoạch của nơi khác, hãy sửa thành tên đơn vị mình", line)


_PHONG = re.compile(r"(?<![Vv]ăn )\bPhòng (" + UPPER + r"[^,;.():]{2,40}?)(?=\s+(?:chủ trì|phối hợp|xã|phường|và|thực hiện"
                    r"|theo|có|là|để|tham mưu)\b|[,;.():]|$)")


@rule("UNIT-NAME-VARIANT", WARNING, "tên đơn vị viết sai khác với tên ở chỗ khác (ví dụ «Văn phòng» thay cho "
      "«Phòng»)", clause=PRACTICE, scope=CONTENT,
      trigger=Text(plan("báo cáo Ủy ban nhân dân xã./.", "báo cáo Ủy ban nhân dân xã qua Văn phòng Văn hóa - Xã "
                        "hội./.")),
      passing=Text(plan("báo cáo Ủy ban nhân dân xã./.", "báo cáo Ủy ban nhân dân xã qua Phòng Văn hóa - Xã hội./.")))
def unit_variant(doc: Doc) -> Iterator[Hit]:
    lines = doc.lines(*_WORDS, RECIPIENT)
    names = {m.group(1).strip() for ln in lines for m in _PHONG.finditer(ln.text)}
    reported: set[str] = set()
    for line in lines:
        for name in names:
            m = re.search(rf"\bVăn [Pp]hòng {re.escape(name)}", line.text)
            if m and name not in reported:
                reported.add(name)
                yield Hit(f"«{m.group(0)}»: đơn vị này ở chỗ khác viết là «Phòng {name}»",
                          f"hãy viết thống nhất «Phòng {name}»", line)


# ----------------------------------------------------------------------------- abbreviations

_ABBR = re.compile(r"(?<![\w/\-&.])([A-ZĐ][A-ZĐ&]{1,9})(?![\w/\-&])")
_KNOWN = {"UBND", "HĐND", "MTTQ", "UBMTTQ", "VT", "TW", "CP", "TTG", "QH", "TM", "KT", "TL", "TUQ", "VN", "STT",
          "TP", "TT", "BCH", "ĐU", "TU", "HU", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "UB"}
_DEFINED = re.compile(r"\(([A-ZĐ][A-ZĐ&]{1,9}(?:\s+[A-ZĐ][A-ZĐ&]{1,9})?)\)")


def _abbreviations(doc: Doc):
    """(abbreviation, line, defined here?) at each first use, and the set defined anywhere."""
    if "abbreviations" not in doc.memo:
        doc.memo["abbreviations"] = _find_abbreviations(doc)
    return doc.memo["abbreviations"]


def _find_abbreviations(doc: Doc):
    defined_anywhere = {a for ln in doc.lines(*_WORDS) for m in _DEFINED.finditer(ln.text) for a in m.group(1).split()}
    first: dict[str, tuple[Line, bool]] = {}
    for line in doc.lines(*_WORDS):
        if is_upper(line.body):
            continue
        spans = [(c.start, c.end) for c in find_citations(line.text)]
        here = {a for m in _DEFINED.finditer(line.text) for a in m.group(1).split()}
        for m in _ABBR.finditer(line.text):
            a = m.group(1)
            if a in _KNOWN or all(x in _KNOWN for x in a.split("&")) or a in first or \
                    any(s <= m.start() < e for s, e in spans):
                continue
            first[a] = (line, a in here)
    return first, defined_anywhere


@rule("ABBREV-FIRST-USE", HINT, "chữ viết tắt dùng trước khi được viết đầy đủ lần đầu", clause=PRACTICE,
      scope=CONTENT, trigger=Text(plan("Nâng cao hiệu quả công tác CCHC", "Nâng cao hiệu quả công tác TTHC",
                                       "Rà soát, đơn giản hóa thủ tục hành chính thuộc",
                                       "Rà soát, đơn giản hóa thủ tục hành chính (TTHC) thuộc")),
      passing=Text(plan()))
def abbrev_first_use(doc: Doc) -> Iterator[Hit]:
    first, defined = _abbreviations(doc)
    for a, (line, here) in first.items():
        if not here and a in defined:
            yield Hit(f"«{a}» được dùng ở đây trước khi viết đầy đủ", f"hãy viết đầy đủ kèm «({a})» ở lần dùng đầu "
                      "tiên", line)


@rule("ABBREV-UNDEFINED", HINT, "chữ viết tắt chưa bao giờ được viết đầy đủ", clause=PRACTICE, scope=CONTENT,
      trigger=Text(plan("Nâng cao hiệu quả công tác CCHC", "Nâng cao hiệu quả công tác CCHC, TTHC")),
      passing=Text(plan()))
def abbrev_undefined(doc: Doc) -> Iterator[Hit]:
    first, defined = _abbreviations(doc)
    for a, (line, here) in first.items():
        if not here and a not in defined:
            yield Hit(f"«{a}» không được viết đầy đủ ở đâu trong văn bản",
                      f"hãy viết đầy đủ kèm «({a})» ở lần dùng đầu tiên", line)


@rule("TEXT-SPACE-PUNCT", HINT, "có khoảng trắng trước dấu câu", clause=PRACTICE, scope=CONTENT,
      trigger=Text(plan("gắn với chuyển đổi số.", "gắn với chuyển đổi số ;")), passing=Text(plan()))
def space_punct(doc: Doc) -> Iterator[Hit]:
    bad = [ln for ln in doc.lines(*_WORDS) if re.search(r"(?<=\w) +[,;:.](?!/|\.)", ln.text)]
    if bad:
        more = f" (và {len(bad) - 1} đoạn khác)" if len(bad) > 1 else ""
        yield Hit(f"có khoảng trắng trước dấu câu{more}", "hãy xóa khoảng trắng đứng trước «,», «;», «:», «.»",
                  bad[0])


_REDUPLICATED = {"dần", "từ", "ngày", "thường", "lâu", "đời", "mãi", "nhiều", "xa", "rất", "năm", "tháng", "người",
                 "nhà", "đâu", "ai", "gì", "mỗi", "ít", "song song"}
_DOUBLED = re.compile(r"\b(\w+(?: \w+)?) \1\b", re.IGNORECASE)


@rule("TEXT-DOUBLED-WORD", WARNING, "một từ gõ lặp hai lần liền nhau («của của», «Căn cứ Căn cứ»)", clause=PRACTICE,
      scope=CONTENT, trigger=Text(plan("thuộc thẩm quyền giải quyết của xã.", "thuộc thẩm quyền giải quyết của của xã.")),
      passing=Text(plan()))
def doubled_word(doc: Doc) -> Iterator[Hit]:
    for line in doc.lines(*_WORDS):
        for m in _DOUBLED.finditer(line.text):
            word = m.group(1)
            if word.lower() in _REDUPLICATED or any(ch.isdigit() for ch in word):
                continue
            if " " not in word and word.lower() not in _FUNCTION:
                continue  # "hành vi vi phạm": one syllable ends a word and starts the next
            yield Hit(f"«{m.group(0)}»: từ «{word}» gõ lặp", f"hãy xóa một chữ «{word}»", line)
            break
