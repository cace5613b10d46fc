"""Numbering of parts, items and points: continuity and hierarchy, in the Vietnamese alphabet."""
from __future__ import annotations

from typing import Iterator

from ..nd30 import decree
from ..numerals import letter, roman
from ..reader.labels import VIETNAMESE_LETTERS
from .registry import CONTENT, ERROR, WARNING, Docx, Hit, Text, rule
from .samples import decision, plan
from .structure import Doc, Line, Part

_CLAUSE = decree("II", 6, "đ")


def _labelled(part: Part) -> list[Line]:
    return [ln for ln in part.body if ln.label is not None]


def _show(kind: str, value: int) -> str:
    return {"roman": f"{roman(value)}.", "decimal": f"{value}.", "letter": f"{letter(value)})",
            "article": f"Điều {value}"}.get(kind, str(value))


def _sequence(lines: list[Line], kind: str, reset: tuple[str, ...]) -> Iterator[tuple[Line, int, int]]:
    """(line, expected, found) where a label of ``kind`` does not follow the one before it.

    The count restarts after a label of a kind in ``reset`` (a new I. restarts 1., 2.).
    """
    expected = 1
    for ln in lines:
        lab = ln.label
        if lab.kind in reset:
            expected = 1
            continue
        if lab.kind != kind or lab.value is None:
            continue
        value = lab.values[-1] if kind == "multilevel" and lab.values else lab.value
        if value != expected:
            yield ln, expected, value
        expected = value + 1


@rule("NUM-ROMAN-SEQUENCE", ERROR, "số La Mã của các phần (I, II, III...) nhảy số hoặc lặp", clause=_CLAUSE,
      scope=CONTENT, trigger=Text(plan("III. TỔ CHỨC THỰC HIỆN", "IV. TỔ CHỨC THỰC HIỆN")), passing=Text(plan()))
def roman_sequence(doc: Doc) -> Iterator[Hit]:
    for part in doc.parts:
        for ln, want, got in _sequence(_labelled(part), "roman", ()):
            what = f"thiếu phần {_show('roman', want)}" if got > want else f"phần {_show('roman', got)} lặp lại"
            yield Hit(f"sau phần {_show('roman', want - 1)} là phần {_show('roman', got)}: {what}"
                      if want > 1 else f"phần đầu tiên đánh số {_show('roman', got)}",
                      f"hãy đánh số lại: phần này là {_show('roman', want)}", ln)


@rule("NUM-DECIMAL-SEQUENCE", ERROR, "số thứ tự mục 1., 2., 3. trong một phần nhảy số hoặc lặp", clause=_CLAUSE,
      scope=CONTENT, trigger=Text(plan("2. Chuyển đổi số", "3. Chuyển đổi số")), passing=Text(plan()))
def decimal_sequence(doc: Doc) -> Iterator[Hit]:
    for part in doc.parts:
        for ln, want, got in _sequence(_labelled(part), "decimal", ("roman",)):
            yield Hit(f"mục «{got}.» đứng sau mục «{want - 1}.»" if want > 1 else f"mục đầu tiên đánh số «{got}.»",
                      f"hãy đánh số lại: mục này là «{want}.»", ln)


@rule("NUM-SUBITEM-SEQUENCE", ERROR, "tiểu mục 1.1., 1.2. nhảy số hoặc không thuộc mục đứng trên", clause=_CLAUSE,
      scope=CONTENT,
      trigger=Text(plan("Rà soát, đơn giản hóa", "1.1. Rà soát thủ tục.\n1.3. Rà soát, đơn giản hóa")),
      passing=Text(plan("Rà soát, đơn giản hóa", "1.1. Rà soát thủ tục.\n1.2. Rà soát, đơn giản hóa")))
def subitem_sequence(doc: Doc) -> Iterator[Hit]:
    for part in doc.parts:
        parent, expected = None, 1
        for ln in _labelled(part):
            lab = ln.label
            if lab.kind == "roman":
                parent, expected = None, 1
            elif lab.kind == "decimal":
                parent, expected = lab.value, 1
            elif lab.kind == "multilevel" and len(lab.values) == 2:
                head, value = lab.values
                if parent is not None and head != parent:
                    yield Hit(f"tiểu mục «{lab.text}» nằm dưới mục «{parent}.»",
                              f"hãy đánh số «{parent}.{expected}.»", ln)
                elif value != expected:
                    yield Hit(f"tiểu mục «{lab.text}» đứng sau «{head}.{expected - 1}.»" if expected > 1
                              else f"tiểu mục đầu tiên đánh số «{lab.text}»", f"hãy đánh số «{head}.{expected}.»", ln)
                expected = value + 1


@rule("NUM-LETTER-SEQUENCE", ERROR, "điểm a), b), c) nhảy chữ hoặc không bắt đầu từ a)", clause=_CLAUSE,
      scope=CONTENT, trigger=Text(plan("b) Phân công rõ", "c) Phân công rõ")), passing=Text(plan()))
def letter_sequence(doc: Doc) -> Iterator[Hit]:
    for part in doc.parts:
        expected = 1
        for ln in _labelled(part):
            lab = ln.label
            if lab.kind in ("roman", "decimal", "multilevel", "article"):
                expected = 1
                continue
            if lab.kind != "letter" or lab.value is None:
                continue
            typed = lab.text.rstrip(")").strip()
            if not lab.auto and typed not in VIETNAMESE_LETTERS:
                continue  # NUM-LETTER-ALPHABET says what is wrong with it; the next letter follows the one before
            if lab.value != expected:
                yield Hit(f"điểm «{lab.text}» đứng sau điểm «{letter(expected - 1)})»" if expected > 1
                          else f"điểm đầu tiên là «{lab.text}»", f"hãy đánh lại: điểm này là «{letter(expected)})»",
                          ln)
            expected = lab.value + 1


@rule("NUM-LETTER-ALPHABET", ERROR, "điểm đánh bằng chữ không có trong bảng chữ cái tiếng Việt (f, j, w, z)",
      clause=_CLAUSE, scope=CONTENT,
      trigger=Text(plan("b) Phân công rõ đơn vị chủ trì từng nhiệm vụ cải cách hành chính.",
                        "b) Phân công rõ đơn vị chủ trì.\nc) Ý ba.\nd) Ý bốn.\nđ) Ý năm.\ne) Ý sáu.\nf) Ý bảy.")),
      passing=Text(plan("b) Phân công rõ đơn vị chủ trì từng nhiệm vụ cải cách hành chính.",
                        "b) Phân công rõ đơn vị chủ trì.\nc) Ý ba.\nd) Ý bốn.\nđ) Ý năm.\ne) Ý sáu.\ng) Ý bảy.")))
def letter_alphabet(doc: Doc) -> Iterator[Hit]:
    for part in doc.parts:
        for ln in _labelled(part):
            lab = ln.label
            typed = lab.text.rstrip(")").strip()
            if lab.kind == "letter" and typed in ("f", "j", "w", "z"):
                prev = {"f": "e", "j": "i", "w": "v", "z": "y"}[typed]
                nxt = VIETNAMESE_LETTERS[VIETNAMESE_LETTERS.index(prev) + 1] if prev != "y" else "(hết bảng chữ cái)"
                how = "đánh số tự động của Word theo bảng chữ cái tiếng Anh" if lab.auto else "gõ tay"
                yield Hit(f"điểm «{lab.text}» ({how}): tiếng Việt không có chữ «{typed}»",
                          f"sau «{prev})» là «{nxt})» (a, b, c, d, đ, e, g, h, i, k...)", ln)


def _word_letters(count: int):
    """Example edit: ``count`` points numbered by Word's lowerLetter list, after the plan's "2. Yêu cầu"."""
    def edit(document):
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        try:
            numbering = document.part.numbering_part.element
        except NotImplementedError:  # python-docx cannot add the part itself: drafter's files have none
            from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
            from docx.opc.packuri import PackURI
            from docx.parts.numbering import NumberingPart

            part = NumberingPart(PackURI("/word/numbering.xml"), CONTENT_TYPE.WML_NUMBERING,
                                 parse_xml(f"<w:numbering {nsdecls('w')}/>"), document.part.package)
            document.part.relate_to(part, RELATIONSHIP_TYPE.NUMBERING)
            numbering = part.element
        abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="77"><w:lvl w:ilvl="0">'
                             '<w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/>'
                             '</w:lvl></w:abstractNum>')
        first_num = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))
        anchor = next(p for p in document.paragraphs if p.text.strip() == "2. Yêu cầu")
        for k in range(count):
            p = anchor.insert_paragraph_before(f"Ý thứ {k + 1} của danh sách.")
            p._p.get_or_add_pPr().insert(0, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/>'
                                                      '<w:numId w:val="77"/></w:numPr>'))
    return edit


@rule("NUM-LETTER-WORD-AUTO", WARNING, "danh sách a), b), c) đánh số tự động của Word từ 5 điểm trở lên: Word "
      "không có chữ «đ»", clause=_CLAUSE, scope=CONTENT,
      trigger=Docx(_word_letters(5)), passing=Docx(_word_letters(4)))
def letter_word_auto(doc: Doc) -> Iterator[Hit]:
    for part in doc.parts:
        for ln in _labelled(part):
            lab = ln.label
            num = lab.numbering
            if lab.kind == "letter" and lab.auto and num is not None and num.format == "lowerLetter" and \
                    lab.value == 5:
                yield Hit(f"điểm thứ năm hiện «{lab.text}» (đánh số tự động của Word), tiếng Việt là «đ)»",
                          "hãy gõ tay các chữ cái của danh sách này (a, b, c, d, đ, e, g...)", ln)


@rule("NUM-ARTICLE-SEQUENCE", ERROR, "các điều của quyết định (Điều 1, Điều 2...) nhảy số hoặc lặp",
      clause=_CLAUSE, scope=CONTENT, trigger=Text(decision("Điều 3. Chánh", "Điều 4. Chánh")),
      passing=Text(decision()))
def article_sequence(doc: Doc) -> Iterator[Hit]:
    for part in doc.parts:
        for ln, want, got in _sequence(_labelled(part), "article", ()):
            yield Hit(f"«Điều {got}» đứng sau «Điều {want - 1}»" if want > 1 else f"điều đầu tiên là «Điều {got}»",
                      f"hãy đánh số lại: đây là «Điều {want}»", ln)


@rule("NUM-LABEL-PUNCT", WARNING, "số La Mã, số thứ tự cần dấu chấm («I.», «1.»), chữ cái cần ngoặc đơn («a)»)",
      clause=_CLAUSE, scope=CONTENT, trigger=Text(plan("II. NHIỆM VỤ", "II) NHIỆM VỤ")), passing=Text(plan()))
def label_punct(doc: Doc) -> Iterator[Hit]:
    for part in doc.parts:
        for ln in _labelled(part):
            lab = ln.label
            text = lab.text.strip()
            if lab.kind in ("roman", "decimal") and text.endswith(")"):
                yield Hit(f"số «{text}» dùng ngoặc đơn", f"hãy viết «{text[:-1]}.»", ln)

