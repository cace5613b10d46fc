"""The three real commune plans of shared/examples, rebuilt as drafts, render to their text.

For each example the test takes the example's paragraphs, applies three explicit, named
lists, and then requires the rendered document to be equal, paragraph by paragraph:

* ``JOINS``: one paragraph that the example's text split over two lines (at a page break,
  or a title wrapped over lines) is joined again;
* ``DIFFS``: whole lines where drafter gives something else (header lines the example's
  text lost, ND 30 forms, the example's own numbering errors), with the reason;
* ``FIXES``: fragments inside a paragraph that drafter writes differently (typing errors
  of the example, ND 30 forms), with the number of times each occurs and the reason;
  ``table_fixes`` the same for the appendix table's rows (the example's numbering slips,
  where drafter computes the STT).

Any other difference fails the test, and so does an entry that no longer applies.
Whitespace is normalised and text is NFC on both sides. The example's markdown marks
(``#``, ``**``, ``*``, ``<b>``) are formatting, not text, and are removed.
"""
from __future__ import annotations

import difflib
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from drafter.context import build_context
from drafter.preview import plain_text
from drafter.loader import load_draft
from drafter.render import render_draft

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "presets" / "examples"
SOURCES = ROOT.parent / "shared" / "examples"

NATIONAL = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
ELLIPSIS = "…"


@dataclass(frozen=True)
class Join:
    """Line ``end`` (its end) and the next line (its start) are one paragraph."""

    end: str
    start: str
    why: str


@dataclass(frozen=True)
class Diff:
    """Consecutive example lines ``old`` that drafter gives as ``new``.

    A line ending in "…" matches any line starting with the text before it; in ``new`` the
    same entry stands for the line it matched (unchanged).
    """

    old: tuple[str, ...]
    new: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class Fix:
    """A fragment that occurs ``count`` times in the example and that drafter writes as ``new``."""

    old: str
    new: str
    count: int
    why: str


PAGE = "the example's text splits this paragraph at a page break"
WRAP = "the example's text wraps this title or line over two lines"
HEADER_LOST = "the example's text lost the header's issuing body and national title"
MONTH = "ND 30: months from 3 on are written without a leading zero (tháng 6)"
RULE_DASHES = "the example's text draws the rule under the issuer or the motto as dashes; drafter draws a line"
VN_LETTERS = "points are lettered in the Vietnamese alphabet: a b c d đ e g (no f)"


@dataclass(frozen=True)
class Example:
    draft: str
    source: str
    joins: tuple[Join, ...] = ()
    diffs: tuple[Diff, ...] = ()
    fixes: tuple[Fix, ...] = ()
    table: bool = False  # the example ends with an appendix table (one row a line, cells split by tabs)
    table_fixes: tuple[Fix, ...] = ()  # fragments of the table's rows that drafter writes differently


AN_LAC = Example(
    draft="an-lac-2026.yaml",
    source="an-lac-ke-hoach-par-sipas-2026.txt",
    joins=(
        Join("theo đúng quy trình,", "thời gian quy định;", PAGE),
        Join("sản xuất, kinh", "doanh, buôn bán", PAGE),
    ),
    diffs=(
        Diff(("Số: /KH-UBND",), ("ỦY BAN NHÂN DÂN", "XÃ AN LẠC", *NATIONAL, "Số: /KH-UBND"), HEADER_LOST),
        Diff(("An Lạc, ngày tháng 06 năm 2026",), ("An Lạc, ngày tháng 6 năm 2026",), MONTH),
        Diff(("IV. TỔ CHỨC THỰC HIỆN",), ("III. TỔ CHỨC THỰC HIỆN",),
             "the example jumps from section II to IV; drafter numbers sections in order"),
        Diff(("5. Các cơ sở giáo dục trên địa bàn:",), ("5. Các cơ sở giáo dục trên địa bàn",),
             "a unit's heading is its name, without the stray colon"),
    ),
    fixes=(
        Fix("nhiệm vụ chuyên đổi số", "nhiệm vụ chuyển đổi số", 1, "typing error in the example"),
        Fix("(qua Văn Phòng Văn hóa - Xã hội)", "(qua Phòng Văn hóa - Xã hội)", 1,
            "the unit is the Phòng Văn hóa - Xã hội, not a «Văn phòng»"),
        Fix("(qua Văn phòng Văn hóa - Xã hội)", "(qua Phòng Văn hóa - Xã hội)", 1,
            "the unit is the Phòng Văn hóa - Xã hội, not a «Văn phòng»"),
    ),
)

VO_CUONG = Example(
    draft="vo-cuong-2026.yaml",
    source="vo-cuong-ke-hoach-cchc-2026.txt",
    joins=(
        Join("nâng cao vai trò trách", "nhiệm của người đứng đầu", PAGE),
        Join("“đúng, đủ, sạch,", "sông”, bảo đảm", PAGE),
    ),
    diffs=(
        Diff(("Số: /KH-UBND",), ("ỦY BAN NHÂN DÂN", "PHƯỜNG VÕ CƯỜNG", *NATIONAL, "Số: /KH-UBND"),
             HEADER_LOST),
    ),
    fixes=(
        Fix("“đúng, đủ, sạch, sông”", "“đúng, đủ, sạch, sống”", 1,
            "typing error in the example: the phrase is «đúng, đủ, sạch, sống»"),
    ),
)

LOC_HOA_ATTACHED = ("(Ban hành kèm theo Quyết định số 09/QĐ-UBND ngày 22 tháng 01 năm 2025 "
                    "của Chủ tịch Ủy ban nhân dân xã Lộc Hòa)")

LOC_HOA = Example(
    draft="loc-hoa-2025.yaml",
    source="loc-hoa-quyet-dinh-ke-hoach-cchc-2025.txt",
    joins=(
        Join("Ban hành Kế hoạch cải cách hành chính nhà nước", "năm 2025 trên địa bàn xã Lộc Hòa", WRAP),
        Join("giải quyết trễ hạn cho người dân, tổ", "chức, đảm bảo", PAGE),
        Join("cơ cấu, sắp xếp lại", "đội ngũ cán bộ, công chức theo vị trí", PAGE),
        Join("ngày 07/10/2013 của Chính", "phủ về sửa đổi", PAGE),
        Join("các nền tảng số Quốc gia đã được công bố,", "triển khai, nhất là", PAGE),
        Join("(PAR INDEX) của xã năm 2025 tại lĩnh vực cải cách hành chính", "công; lĩnh vực tác động", PAGE),
        Join("(Ban hành kèm theo Quyết định số: 09/QĐ-UBND", "ngày 22/01/2025 của Chủ tịch UBND xã).", WRAP),
    ),
    diffs=(
        Diff(("Lộc Hòa, ngày 22 tháng 01 năm 2025",),
             ("ỦY BAN NHÂN DÂN", "XÃ LỘC HÒA", *NATIONAL, "Số: 09/QĐ-UBND", "Lộc Hòa, ngày 22 tháng 01 năm 2025"),
             HEADER_LOST + " and number"),
        Diff(("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ",), ("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ LỘC HÒA",),
             "the author line names the commune (ND 30); the example's text lost it"),
        Diff(("Theo đề nghị của Công chức Văn phòng-thống kê xã,",),
             ("Theo đề nghị của Công chức Văn phòng-thống kê xã.",),
             "ND 30: «Theo đề nghị của ...» ends with a full stop"),
        Diff(("- Như điều 2;",), ("- Như Điều 2;",), "an article is «Điều» with a capital"),
        Diff(("- Lưu: VT.", "Nguyễn Công Thành"), ("- Lưu: VT.", "CHỦ TỊCH", "Nguyễn Công Thành"),
             "the example's text lost the signer's title"),
        Diff(("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc", "KẾ HOẠCH"),
             ("ỦY BAN NHÂN DÂN", "XÃ LỘC HÒA", *NATIONAL, "KẾ HOẠCH"),
             HEADER_LOST + "; the motto is written with hyphens"),
        Diff(("(Ban hành kèm theo Quyết định số: 09/QĐ-UBND)", "Ngày 22/01/2025 của Chủ tịch UBND xã Lộc Hòa)"),
             (LOC_HOA_ATTACHED,),
             "one line in drafter's standard words (the example's is broken over two lines, unbalanced)"),
        Diff(("III. KẾ HOẠCH CỤ THỂ TRIỂN KHAI CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH (có phụ lục kèm theo).",),
             ("III. KẾ HOẠCH CỤ THỂ TRIỂN KHAI CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH (CÓ PHỤ LỤC KÈM THEO).",),
             "a section title is upper case as a whole (drafter upper-cases titles of parts I., II.)"),
        Diff(("ỦY BAN NHÂN DÂN", "Xã LỘC HÒA", *NATIONAL), (),
             "drafter's appendix starts with its heading (ND 30 Phụ lục I); the example repeats the header"),
        Diff(("PHỤ LỤC",), ("Phụ lục",), "ND 30: the appendix label is «Phụ lục», not upper case"),
        Diff(("(Ban hành kèm theo Quyết định số: 09/QĐ-UBND ngày 22/01/2025 của Chủ tịch UBND xã).",),
             (LOC_HOA_ATTACHED,), "drafter's standard attached line"),
    ),
    fixes=(
        Fix("Chỉ thị số 23//CT-TTg", "Chỉ thị số 23/CT-TTg", 1, "the example doubles the slash"),
        Fix("Nghị định số 30/2020/NĐ-CP ngày 07/3/2020", "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020", 1,
            "the decree is of 5 March 2020 (legal-basis library; drafter check: CITE-DATE-LIBRARY)"),
        Fix("e) Chủ trì, phối hợp với các cơ quan, đơn vị có liên quan trên địa bàn xã",
            "đ) Chủ trì, phối hợp với các cơ quan, đơn vị có liên quan trên địa bàn xã", 1, VN_LETTERS),
        Fix("f) Chủ trì, phối hợp các bộ phận", "e) Chủ trì, phối hợp các bộ phận", 1, VN_LETTERS),
        Fix("- + ", "+ ", 8, "a sub-point is «+», the example writes «- +»"),
        Fix("hiệu quả hoạt động động và", "hiệu quả hoạt động và", 1, "word doubled in the example"),
        Fix("Nhà nước theo theo lộ trình", "Nhà nước theo lộ trình", 1, "word doubled in the example"),
        Fix("cải cách hành chính của của xã", "cải cách hành chính của xã", 1, "word doubled in the example"),
        Fix("Quyết định số 766/QĐ-TTg 23/6/2022", "Quyết định số 766/QĐ-TTg ngày 23/6/2022", 1,
            "a citation gives «ngày» before the date"),
        Fix("(phụ trách lĩnh vực Văn hóa – Thông tin )", "(phụ trách lĩnh vực Văn hóa – Thông tin)", 1,
            "stray space before «)»"),
    ),
    table=True,
)

DONG_THAP = Example(
    draft="dong-thap-617-2025.yaml",
    source="dong-thap-ke-hoach-chuyen-doi-so-doanh-nghiep-2025.txt",
    diffs=(
        Diff(("SOURCE: https://thuvienphapluat.vn/" + ELLIPSIS,), (), "the example's first line names where it was taken"),
        Diff(("--------",), (), RULE_DASHES),
        Diff(("---------------",), (), RULE_DASHES),
        Diff(("CHUYỂN ĐỔI SỐ CHO CÁC DOANH NGHIỆP, NHẤT LÀ DOANH NGHIỆP NHỎ VÀ VỪA, HỢP TÁC XÃ, HỘ KINH DOANH",),
             ("Chuyển đổi số cho các doanh nghiệp, nhất là doanh nghiệp nhỏ và vừa, hợp tác xã, hộ kinh doanh",),
             "ND 30 (II.5.b): the subject is in lower case, bold; the example's text has it in capitals"),
        Diff(("PHỤ LỤC",), ("Phụ lục",), "ND 30: the appendix label is «Phụ lục», not upper case"),
    ),
    fixes=(
        Fix("Nghị quyết số 71/NQ-CP ngày 01/5/2025", "Nghị quyết số 71/NQ-CP ngày 01/4/2025", 1,
            "the resolution is of 1 April 2025 (shared/spec/legal-bases.md; drafter check: CITE-DATE-LIBRARY)"),
    ),
    table=True,
)

BAC_NINH = Example(
    draft="bac-ninh-144-2025.yaml",
    source="bac-ninh-ke-hoach-kinh-te-so-2026-2030.txt",
    diffs=(
        Diff(("SOURCE: https://thuvienphapluat.vn/" + ELLIPSIS,), (), "the example's first line names where it was taken"),
        Diff(("-------",), (), RULE_DASHES),
        Diff(("---------------",), (), RULE_DASHES),
        Diff(("PHÁT TRIỂN KINH TẾ SỐ VÀ XÃ HỘI SỐ TỈNH BẮC NINH GIAI ĐOẠN 2026 - 2030",),
             ("Phát triển kinh tế số và xã hội số tỉnh Bắc Ninh giai đoạn 2026 - 2030",),
             "ND 30 (II.5.b): the subject is in lower case, bold; the example's text has it in capitals"),
        Diff(("PHỤ LỤC",), ("Phụ lục",), "ND 30: the appendix label is «Phụ lục», not upper case"),
    ),
    fixes=(
        Fix("g) Đào tạo nhân lực kinh tế số", "đ) Đào tạo nhân lực kinh tế số", 1,
            VN_LETTERS + "; the example skips from d) to g)"),
    ),
    table=True,
)

DONG_NAI = Example(
    draft="dong-nai-179-2025.yaml",
    source="dong-nai-ke-hoach-kinh-te-so-2026-2030.txt",
    diffs=(
        Diff(("SOURCE: https://thuvienphapluat.vn/" + ELLIPSIS,), (), "the example's first line names where it was taken"),
        Diff(("-------",), (), RULE_DASHES),
        Diff(("---------------",), (), RULE_DASHES),
        Diff(("PHÁT TRIỂN KINH TẾ SỐ VÀ XÃ HỘI SỐ TRÊN ĐỊA BÀN TỈNH ĐỒNG NAI GIAI ĐOẠN 2026 - 2030",),
             ("Phát triển kinh tế số và xã hội số trên địa bàn tỉnh Đồng Nai giai đoạn 2026 - 2030",),
             "ND 30 (II.5.b): the subject is in lower case, bold; the example's text has it in capitals"),
        Diff(("PHỤ LỤC",), ("Phụ lục",), "ND 30: the appendix label is «Phụ lục», not upper case"),
    ),
    fixes=(
        Fix("Căn cứ Căn cứ Kế hoạch số 92/KH-UBND", "Căn cứ Kế hoạch số 92/KH-UBND", 1, "word doubled in the example"),
        Fix("chuyển đổi số quốc gia” trên địa bàn tỉnh Đồng Nai.", "chuyển đổi số quốc gia” trên địa bàn tỉnh Đồng Nai;", 1,
            "bases one a paragraph each end with «;» before the preamble; the example ends the last with «.»"),
        Fix("k) Tổ chức triển khai đào tạo chuyên ngành về y tế số", "e) Tổ chức triển khai đào tạo chuyên ngành về y tế số",
            1, VN_LETTERS + "; the example jumps from đ) to k)"),
        Fix("g) Chủ trì, phối hợp với các cơ quan, đơn vị, địa phương kiểm soát",
            "h) Chủ trì, phối hợp với các cơ quan, đơn vị, địa phương kiểm soát", 1, VN_LETTERS + " (after e) comes g))"),
        Fix("f) Chủ trì, phối hợp với Sở Nội vụ", "g) Chủ trì, phối hợp với Sở Nội vụ", 1,
            VN_LETTERS + "; the example uses f)"),
        Fix("UBND tỉnh xem xét, quyết định.", "UBND tỉnh xem xét, quyết định./.", 1,
            "drafter ends the body's last sentence with «./.» (ND 30); the example's has none"),
    ),
    table=True,
    table_fixes=(
        Fix("3 Xây dựng và tổ chức triển khai kế hoạch thúc đẩy sử dụng nền tảng số quốc gia",
            "3.1 Xây dựng và tổ chức triển khai kế hoạch thúc đẩy sử dụng nền tảng số quốc gia", 1,
            "the STT is computed (numbering: outline): the only task under A.III is 3.1, as every other "
            "task of the table is numbered; the example writes «3»"),
        Fix("IV Phát triển kinh tế số thương mại", "V Phát triển kinh tế số thương mại", 1,
            "the STT is computed: the fifth group of part B is V (its tasks are 5.1.1 …); the example "
            "writes «IV» twice"),
    ),
)

ALL = [AN_LAC, VO_CUONG, LOC_HOA, DONG_THAP, BAC_NINH, DONG_NAI]


# ----------------------------------------------------------------------------- text

def norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def clean_source_line(line: str) -> str:
    line = re.sub(r"^\s*#+\s*", "", line)
    # bold and italic marks (an italic span may cross lines); the examples have no literal "*"
    line = re.sub(r"</?[bi]>", "", line.replace("*", ""))
    return norm(line)


def source_lines(ex: Example) -> list[str]:
    raw = (SOURCES / ex.source).read_text(encoding="utf-8").split("\n")
    return [c for c in (clean_source_line(line) for line in raw) if c]


def apply_joins(lines: list[str], joins) -> list[str]:
    for j in joins:
        hits = [i for i in range(len(lines) - 1) if lines[i].endswith(j.end) and lines[i + 1].startswith(j.start)]
        assert len(hits) == 1, f"join {j} applies {len(hits)} times, expected once"
        i = hits[0]
        lines[i:i + 2] = [lines[i] + " " + lines[i + 1]]
    return lines


def _matches(pattern: str, line: str) -> bool:
    if pattern.endswith(ELLIPSIS):
        return line.startswith(pattern[:-1])
    return line == pattern


def apply_diffs(lines: list[str], diffs) -> list[str]:
    for d in diffs:
        n = len(d.old)
        hits = [i for i in range(len(lines) - n + 1)
                if all(_matches(p, lines[i + k]) for k, p in enumerate(d.old))]
        assert len(hits) == 1, f"difference {d.old!r} found {len(hits)} times, expected once"
        i = hits[0]
        matched = dict(zip(d.old, lines[i:i + n]))
        lines[i:i + n] = [matched.get(x, x) if x.endswith(ELLIPSIS) else x for x in d.new]
    return lines


def apply_fixes(lines: list[str], fixes) -> list[str]:
    for f in fixes:
        found = sum(line.count(f.old) for line in lines)
        assert found == f.count, f"fix {f.old!r} occurs {found} times, expected {f.count}"
        lines = [line.replace(f.old, f.new) for line in lines]
    return lines


def expected(ex: Example) -> tuple[list[str], list[str]]:
    """The example's paragraphs with the named differences applied: (document, appendix table rows)."""
    lines = source_lines(ex)
    table: list[str] = []
    if ex.table:
        start = next(i for i, line in enumerate(lines) if line.startswith(("STT ", "TT |")))
        # cells are split by tabs or by "|": a row is its non-empty cells' text
        lines, table = lines[:start], [" ".join(c.strip() for c in r.split("|") if c.strip()) for r in lines[start:]]
    lines = apply_joins(lines, ex.joins)
    lines = apply_diffs(lines, ex.diffs)
    lines = apply_fixes(lines, ex.fixes)
    return lines, apply_fixes(table, ex.table_fixes)


# ----------------------------------------------------------------------------- rendered

def _para_text(p) -> str:
    out = []
    for el in p.iter(qn("w:t"), qn("w:tab"), qn("w:br")):
        out.append((el.text or "") if el.tag == qn("w:t") else " ")
    return norm("".join(out))


def _table_style(tbl) -> str:
    style = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}")
    return style.get(qn("w:val")) if style is not None else ""


def docx_lines(data: bytes) -> tuple[list[str], list[str]]:
    """Paragraphs of the DOCX in reading order (tables cell by cell), and appendix table rows."""
    body = docx.Document(io.BytesIO(data)).element.body
    lines: list[str] = []
    rows: list[str] = []
    for el in body.iterchildren():
        if el.tag == qn("w:p"):
            lines.append(_para_text(el))
        elif el.tag == qn("w:tbl"):
            appendix = _table_style(el) == "AppendixTable"
            for tr in el.iter(qn("w:tr")):
                cells = [[t for t in (_para_text(p) for p in tc.iter(qn("w:p"))) if t]
                         for tc in tr.iter(qn("w:tc"))]
                if appendix:  # a row is its cells' text, empty cells left out
                    rows.append(" ".join(t for c in cells for t in c))
                else:  # a layout table (header, closing): its paragraphs, cell by cell
                    lines += [t for c in cells for t in c]
    return [x for x in lines if x], [r for r in rows if r]


def context_lines(draft) -> tuple[list[str], list[str]]:
    """The same sequence built from the render context alone (no DOCX)."""
    ctx = build_context(draft)
    out: list[str] = []

    def head(h):
        return ([h["parent"]] if h["parent"] else []) + h["issuer"] + NATIONAL + \
            [x for x in (h["number"], h["place_date"]) if x]

    def closing(part):
        return ["Nơi nhận:", *part["recipients"], *part["signer"]["titles"], part["signer"]["name"]]

    if ctx["show"]["decision"]:
        d = ctx["decision"]
        out += head(d["hdr"]) + ["QUYẾT ĐỊNH", d["subject"], d["author"], *d["bases"], "QUYẾT ĐỊNH:"]
        out += [f"{a['label']} {a['text']}" for a in d["articles"]] + closing(d)
    p = ctx["plan"]
    out += head(p["hdr"]) + ["KẾ HOẠCH", p["subject"]] + ([p["attached"]] if p["attached"] else [])
    out += [b.full for b in p["body"]] + (closing(p) if p["closing"] else [])
    rows: list[str] = []
    for a in ctx["appendices"]:
        out += [a["label"], a["title"], a["attached"]]
        rows.append(" ".join(c["header"] for c in a["columns"]))
        if a["number_row"]:
            rows.append(" ".join(c["number"] for c in a["columns"]))
        rows += [" ".join(c["text"] for c in r["cells"] if c["text"]) for r in a["rows"]]
    return [norm(x) for x in out if norm(x)], [norm(r) for r in rows]


def body_segments(lines: list[str]) -> list[str]:
    """What plain_text shows: from «QUYẾT ĐỊNH» and from «KẾ HOẠCH» up to the next «Nơi nhận:»
    (a plan issued by a decision has none: up to its first appendix, or the end)."""
    out = []
    for start in ("QUYẾT ĐỊNH", "KẾ HOẠCH"):
        if start in lines:
            i = lines.index(start)
            j = next((k for k in range(i, len(lines))
                      if lines[k] == "Nơi nhận:" or re.fullmatch(r"Phụ lục( [IVX]+)?", lines[k])), len(lines))
            out += lines[i:j]
    return out


def assert_same(ours: list[str], theirs: list[str], what: str) -> None:
    if ours != theirs:
        diff = "\n".join(difflib.unified_diff(theirs, ours, "example (with named differences)", what,
                                              lineterm="", n=1))
        pytest.fail(f"{what} differs from the example:\n{diff}")


# ----------------------------------------------------------------------------- tests

@pytest.fixture(scope="module", params=ALL, ids=lambda e: e.draft)
def case(request):
    ex = request.param
    draft = load_draft(EXAMPLES / ex.draft).draft
    return ex, draft, expected(ex)


def test_plain_text_matches_the_example(case):
    ex, draft, (lines, _) = case
    assert_same([norm(x) for x in plain_text(draft)], body_segments(lines), "plain_text")


def test_context_matches_the_example(case):
    ex, draft, (lines, table) = case
    ours, rows = context_lines(draft)
    assert_same(ours, lines, "render context")
    assert_same(rows, table, "appendix rows (context)")


def test_docx_matches_the_example(case):
    ex, draft, (lines, table) = case
    ours, rows = docx_lines(render_draft(draft))
    assert_same(ours, lines, "DOCX")
    assert_same(rows, table, "appendix rows (DOCX)")


def test_every_named_difference_has_a_reason():
    for ex in ALL:
        for entry in (*ex.joins, *ex.diffs, *ex.fixes, *ex.table_fixes):
            assert entry.why.strip(), entry


def test_drafts_are_nfc_with_vietnamese_comments():
    for ex in ALL:
        text = (EXAMPLES / ex.draft).read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text), ex.draft
        first = text.splitlines()[0]
        assert first.startswith("# Bản thảo:"), ex.draft
        assert ex.source in text, f"{ex.draft} names its source"


def test_tasks_keep_their_assignment():
    """Where the text says who does what, tasks carry unit ids that the catalogue knows."""
    from drafter.model import all_tasks

    for ex in (AN_LAC, LOC_HOA):
        draft = load_draft(EXAMPLES / ex.draft).draft
        tasks = list(all_tasks(draft))
        assert tasks, ex.draft
        ids = {u.id for u in draft.units}
        assert all(set(t.lead) | set(t.support) <= ids for t in tasks)
        assert sum(bool(t.lead) for t in tasks) >= len(tasks) - 4, ex.draft


def test_lettered_points_follow_the_vietnamese_alphabet():
    draft = load_draft(EXAMPLES / LOC_HOA.draft).draft
    points = [x[:2] for x in plain_text(draft) if re.match(r"^[a-zđ]\) ", x)]
    # V.1 has seven points: a b c d đ e g
    assert "a) b) c) d) đ) e) g)" in " ".join(points)
    assert "f)" not in points
