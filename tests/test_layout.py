"""ND 30/2020 layout facts, read back from rendered DOCX files (see shared/spec/nd30.md)."""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from drafter import template_builder
from drafter.loader import load_draft
from drafter.render import render_draft, split_outputs
from ooxml import Package, q, text_of, wattr

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parent.parent

# name → (kind, has appendix)
CASES = {
    "ke-hoach.yaml": ("ke-hoach", False),
    "ke-hoach-phu-luc.yaml": ("ke-hoach", True),
    "qd-kh-pl.yaml": ("quyet-dinh", True),
}
FONT = "Times New Roman"
A4 = (11906, 16838)
MM = 1440 / 25.4  # twips per mm


@cache
def package(name: str) -> Package:
    return Package(render_draft(load_draft(FIXTURES / name).draft))


@cache
def split_packages(name: str) -> dict[str, Package]:
    return {n: Package(b) for n, b in split_outputs(load_draft(FIXTURES / name).draft)}


def all_packages():
    out = [(n, package(n)) for n in CASES]
    for n in CASES:
        out += [(f"{n}:{k}", p) for k, p in split_packages(n).items()]
    return out


@pytest.fixture(params=list(CASES))
def case(request):
    kind, appendix = CASES[request.param]
    return request.param, kind, appendix, package(request.param)


def close(value: int, mm: float, tol: float = 0.3) -> bool:
    return abs(value - mm * MM) <= tol * MM


def is_appendix_section(sec) -> bool:
    return any(b.tag == q("tbl") and wattr(b.find(f"{q('tblPr')}/{q('tblStyle')}"), "val") == "AppendixTable"
               for b in sec.blocks)


# --------------------------------------------------------------------------- page

def test_page_size_margins_and_sections(case):
    name, kind, appendix, pkg = case
    secs = pkg.sections
    expected = (2 if kind == "quyet-dinh" else 1) + (1 if appendix else 0)
    assert len(secs) == expected, [s.texts()[:2] for s in secs]
    for sec in secs:
        w, h = sec.size
        m = sec.margins_mm
        if is_appendix_section(sec):
            # Landscape for real: the page's width and height are swapped, not only the flag.
            assert sec.landscape and (w, h) == (A4[1], A4[0]), name
            texts = sec.texts()
            assert texts[0].startswith("Phụ lục"), texts[:3]
            assert not any(t in ("KẾ HOẠCH", "QUYẾT ĐỊNH", "BÁO CÁO") for t in texts)
        else:
            assert not sec.landscape and (w, h) == A4, name
            assert m == {"top": 20.0, "bottom": 20.0, "left": 30.0, "right": 15.0}, m
            assert close(w, 210) and close(h, 297)
    if kind == "quyet-dinh":
        assert "QUYẾT ĐỊNH" in secs[0].texts() and "KẾ HOẠCH" not in secs[0].texts()
        assert "KẾ HOẠCH" in secs[1].texts()


def test_split_outputs_have_one_kind_each():
    parts = split_packages("qd-kh-pl.yaml")
    assert set(parts) == {"quyet-dinh.docx", "ke-hoach.docx", "phu-luc.docx"}
    for name, pkg in parts.items():
        assert len(pkg.sections) == 1, name
    assert parts["phu-luc.docx"].sections[0].landscape
    assert parts["phu-luc.docx"].sections[0].size == (A4[1], A4[0])
    assert not parts["ke-hoach.docx"].sections[0].landscape
    assert parts["ke-hoach.docx"].sections[0].size == A4


def _field_code(root) -> str:
    code = "".join(t.text or "" for t in root.iter(q("instrText")))
    code += "".join(f.get(q("instr")) or "" for f in root.iter(q("fldSimple")))
    return code


def test_page_numbers_centred_in_header_not_on_first_page_restart_each_section():
    for name, pkg in all_packages():
        for sec in pkg.sections:
            assert sec.sect.find(q("titlePg")) is not None, name
            assert wattr(sec.sect.find(q("pgNumType")), "start") == "1", name
            default = pkg.part_root(sec.header_ref("default"))
            assert "PAGE" in _field_code(default).split(), name
            (p,) = default.findall(q("p"))
            f = pkg.fmt(p)
            assert f.align == "center"
            for r in p.iter(q("r")):
                assert pkg.run_attr(r, p, "sz") == "28"  # 14 pt
                assert not pkg.run_flag(r, p, "i")
            first = sec.header_ref("first")
            assert first is not None, "the first page needs its own (empty) header"
            assert "PAGE" not in _field_code(pkg.part_root(first)), name


# --------------------------------------------------------------------------- fonts

SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")


def test_times_new_roman_in_every_slot_of_every_style_and_run_lang_vi_no_hint():
    for name, pkg in all_packages():
        for part, data in pkg.xml_parts().items():
            assert b'w:hint="eastAsia"' not in data, (name, part)
        defaults = pkg.styles_root.find(f"{q('docDefaults')}/{q('rPrDefault')}/{q('rPr')}")
        fonts = defaults.find(q("rFonts"))
        assert all(wattr(fonts, s) == FONT for s in SLOTS)
        for sid, st in pkg.styles.items():
            rpr = st.find(q("rPr"))
            if rpr is not None and rpr.find(q("rFonts")) is not None:
                assert all(wattr(rpr.find(q("rFonts")), s) == FONT for s in SLOTS), sid
            for s in SLOTS:  # effective, through basedOn and docDefaults
                assert pkg.style_run_attr(sid, "rFonts", s) == FONT, (sid, s)
            assert pkg.style_run_attr(sid, "lang") == "vi-VN", sid
        roots = [pkg.doc] + [etree_root for etree_root in
                             (pkg.part_root(rid) for rid, t in pkg.rels.items() if "header" in t)]
        for root in roots:
            for p in root.iter(q("p")):
                for r in p.findall(q("r")):
                    direct = r.find(f"{q('rPr')}/{q('rFonts')}")
                    assert direct is not None and all(wattr(direct, s) == FONT for s in SLOTS), text_of(r)
                    for s in SLOTS:
                        assert pkg.run_attr(r, p, "rFonts", s) == FONT
                    assert pkg.run_attr(r, p, "lang") == "vi-VN"


# --------------------------------------------------------------------------- header

def _tables(pkg, style):
    return [t for t in pkg.body.iter(q("tbl"))
            if wattr(t.find(f"{q('tblPr')}/{q('tblStyle')}"), "val") == style]


def _borderless(pkg, tbl) -> bool:
    sid = wattr(tbl.find(f"{q('tblPr')}/{q('tblStyle')}"), "val")
    borders = pkg.styles[sid].find(f"{q('tblPr')}/{q('tblBorders')}")
    vals = [wattr(b, "val") for b in borders] if borders is not None else []
    direct = [wattr(b, "val") for b in tbl.iter() if b.getparent() is not None
              and b.getparent().tag in (q("tblBorders"), q("tcBorders"))]
    return all(v in ("nil", "none") for v in vals + direct) and len(vals) == 6


def _cells(tbl):
    return [tc for tr in tbl.findall(q("tr")) for tc in tr.findall(q("tc"))]


def _styles_in(pkg, el):
    return [pkg.pstyle(p) for p in el.iter(q("p"))]


def test_header_is_a_borderless_two_column_table(case):
    name, kind, appendix, pkg = case
    for sec in pkg.sections:
        if is_appendix_section(sec):
            continue
        tbl = sec.blocks[0]
        assert tbl.tag == q("tbl"), "the section starts with the header table"
        assert _borderless(pkg, tbl)
        grid = [int(wattr(g, "w")) for g in tbl.find(q("tblGrid"))]
        assert len(grid) == 2
        assert 0.33 <= grid[0] / sum(grid) <= 0.45, grid
        row1 = tbl.findall(q("tr"))[0].findall(q("tc"))
        assert len(row1) == 2
        assert "IssuingBody" in _styles_in(pkg, row1[0])
        assert _styles_in(pkg, row1[1])[:2] == ["NationalTitle", "Motto"]
        assert "RuleLine" in _styles_in(pkg, row1[0]) and "RuleLine" in _styles_in(pkg, row1[1])


def _one(pkg, style):
    """Paragraphs of ``style`` and of its "Last" variant (the one kept with the closing block)."""
    ps = [p for p in pkg.paragraphs() if pkg.pstyle(p) in (style, style + "Last")]
    assert ps, f"no paragraph of style {style}"
    return ps


def test_component_formats(case):
    name, kind, appendix, pkg = case
    f = pkg.fmt(_one(pkg, "NationalTitle")[0])
    assert f.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert f.sizes == {13} and f.bold and f.upright and f.align == "center"
    f = pkg.fmt(_one(pkg, "Motto")[0])
    assert f.text == "Độc lập - Tự do - Hạnh phúc"
    assert f.sizes == {14} and f.bold and f.upright and f.align == "center"
    for p in _one(pkg, "IssuingBody"):
        f = pkg.fmt(p)
        assert f.sizes == {13} and f.bold and f.upright and f.align == "center" and f.text == f.text.upper()
    for p in _one(pkg, "NumberLine"):
        f = pkg.fmt(p)
        assert f.sizes == {13} and f.not_bold and f.upright and f.align == "center"
        assert re.fullmatch(r"Số: ( {5}|\d{2,})/(KH|QĐ|BC)-UBND", f.text), f.text
    for p in _one(pkg, "PlaceDate"):
        f = pkg.fmt(p)
        assert f.sizes == {14} and f.italic and f.not_bold and f.align == "center"
        assert re.search(r", ngày ( +|\d{2}) tháng (0[12]|[3-9]|1[0-2]| +) năm \d{4}$", f.text), f.text
    for p in _one(pkg, "DocumentKind"):
        f = pkg.fmt(p)
        assert f.text in ("KẾ HOẠCH", "QUYẾT ĐỊNH", "BÁO CÁO")
        assert f.sizes == {14} and f.bold and f.upright and f.align == "center"
    for p in _one(pkg, "DocumentSubject"):
        f = pkg.fmt(p)
        assert f.sizes == {14} and f.bold and f.upright and f.align == "center"
    for p in _one(pkg, "Body"):
        f = pkg.fmt(p)
        assert f.sizes == {14} and f.upright and f.align == "both"
        assert f.first_line == 720  # 1.27 cm
        assert f.before + f.after >= 120  # at least 6 pt between paragraphs
        assert f.line_rule == "auto" and 240 <= f.line <= 360  # single to 1.5 lines
    for style, pattern in (("PartHeading", r"[IVXLC]+\. \S"), ("ItemHeading", r"\d+\. \S")):
        for p in _one(pkg, style):
            f = pkg.fmt(p)
            assert re.match(pattern, f.text), f.text
            assert f.bold and f.sizes == {14} and f.first_line == 720
    for p in _one(pkg, "PartHeading"):
        assert pkg.fmt(p).text == pkg.fmt(p).text.upper()


def test_closing_block(case):
    name, kind, appendix, pkg = case
    closings = [t for t in _tables(pkg, "LayoutTable") if "RecipientsTitle" in _styles_in(pkg, t)]
    assert len(closings) == (2 if kind == "quyet-dinh" else 1)
    for tbl in closings:
        assert _borderless(pkg, tbl)
        (row,) = tbl.findall(q("tr"))
        assert row.find(f"{q('trPr')}/{q('cantSplit')}") is not None, "the signature never splits"
        left, right = row.findall(q("tc"))
        lp = list(left.iter(q("p")))
        f = pkg.fmt(lp[0])
        assert f.text == "Nơi nhận:" and f.sizes == {12} and f.bold and f.italic
        recips = [pkg.fmt(p) for p in lp[1:]]
        assert len(recips) >= 2
        for r in recips:
            assert r.sizes == {11} and r.not_bold and r.upright and r.align == "left"
        for r in recips[:-1]:
            assert r.text.startswith("- ") and r.text.endswith(";"), r.text
        assert re.fullmatch(r"- Lưu: VT(, [^;]+)?\.", recips[-1].text), recips[-1].text
        rp = [pkg.fmt(p) for p in right.iter(q("p"))]
        assert [pkg.pstyle(p) for p in right.iter(q("p"))][-1] == "SignerName"
        for f in rp:
            assert f.sizes == {14} and f.bold and f.upright and f.align == "center"
        assert rp[0].text.startswith(("TM. ", "KT. ", "Q. ", "TL. ", "TUQ. ")) or rp[0].text.isupper()
        # "Nơi nhận:" and the signer's first line start level.
        assert pkg.fmt(lp[0]).before == rp[0].before
        # Room for signature and seal: about four empty 14 pt lines.
        assert rp[-1].before >= 4 * 280
        # No empty paragraph before the closing table; "./." sticks to the last sentence.
        prev = tbl.getprevious()
        assert prev.tag == q("p") and text_of(prev).strip(), "empty paragraph before the closing"
        last = text_of(prev)
        assert last.endswith("./.") and not last[:-3].endswith((" ", "\t", "\n")) and len(last) > 3
        assert pkg.para_flag(prev, "keepNext"), "the last sentence keeps with the signature"
    assert not any(text_of(p).strip() == "./." for p in pkg.paragraphs())


def test_rules_are_centred_solid_lines(case):
    name, kind, appendix, pkg = case
    rules = pkg.paragraphs("RuleLine")
    # issuing body, motto, subject (per document), plus one per appendix
    assert len(rules) >= 3
    for p in rules:
        top = pkg.styles["RuleLine"].find(f"{q('pPr')}/{q('pBdr')}/{q('top')}")
        assert wattr(top, "val") == "single"
        assert not text_of(p)
        left = int(pkg.para_attr(p, "ind", "left"))
        assert left == int(pkg.para_attr(p, "ind", "right")) and left > 0


def test_appendix(case):
    name, kind, appendix, pkg = case
    tables = _tables(pkg, "AppendixTable")
    assert len(tables) == (1 if appendix else 0)
    if not appendix:
        return
    (tbl,) = tables
    rows = tbl.findall(q("tr"))
    assert rows[0].find(f"{q('trPr')}/{q('tblHeader')}") is not None
    assert rows[1].find(f"{q('trPr')}/{q('tblHeader')}") is None
    for tc in rows[0].findall(q("tc")):
        for p in tc.iter(q("p")):
            f = pkg.fmt(p)
            assert f.sizes == {13} and f.bold and f.align == "center"
    # Column widths fill the landscape text width.
    grid = [int(wattr(g, "w")) for g in tbl.find(q("tblGrid"))]
    assert sum(grid) == 16838 - 1701 - 850
    assert len(grid) == len(rows[0].findall(q("tc")))
    groups = [p for p in tbl.iter(q("p")) if pkg.pstyle(p) in ("TableGroup", "TableGroupCenter")]
    assert groups and all(pkg.fmt(p).bold for p in groups if text_of(p))
    # Every row covers the grid exactly; a group row's title spans the empty cells after it.
    for tr in rows:
        spans = [int(wattr(tc.find(f"{q('tcPr')}/{q('gridSpan')}"), "val") or 1) for tc in tr.findall(q("tc"))]
        assert sum(spans) == len(grid)
        widths = [int(wattr(tc.find(f"{q('tcPr')}/{q('tcW')}"), "w")) for tc in tr.findall(q("tc"))]
        assert sum(widths) == sum(grid)
    group_rows = [tr for tr in rows if any(pkg.pstyle(p) == "TableGroup" for p in tr.iter(q("p")))]
    assert group_rows
    for tr in group_rows:
        cells = tr.findall(q("tc"))
        assert len(cells) == 2 and text_of(cells[0]) and text_of(cells[1]), [text_of(c) for c in cells]
        assert pkg.fmt(next(cells[0].iter(q("p")))).align == "center"  # the Roman number
    label = pkg.fmt(_one(pkg, "AppendixLabel")[0])
    assert label.text.startswith("Phụ lục") and label.bold and label.sizes == {14} and label.align == "center"
    title = pkg.fmt(_one(pkg, "AppendixTitle")[0])
    assert title.text == title.text.upper() and title.bold and title.align == "center"
    att = pkg.fmt(_one(pkg, "AppendixAttached")[0])
    assert re.match(r"\((Ban hành )?[Kk]èm theo (Kế hoạch|Quyết định|Báo cáo) số .*\)$", att.text), att.text
    assert att.italic and att.sizes == {13} and att.align == "center"


def test_decision_parts():
    pkg = package("qd-kh-pl.yaml")
    f = pkg.fmt(_one(pkg, "DecideWord")[0])
    assert f.text == "QUYẾT ĐỊNH:" and f.bold and f.align == "center" and f.sizes == {14}
    author = pkg.fmt(_one(pkg, "AuthorLine")[0])
    assert author.text.startswith("CHỦ TỊCH ỦY BAN NHÂN DÂN") and author.bold and author.align == "center"
    bases = [pkg.fmt(p) for p in _one(pkg, "Basis")]
    assert len(bases) >= 2
    for b in bases:
        assert b.italic and b.sizes == {14} and b.align == "both" and b.first_line == 720
    for b in bases[:-1]:
        assert b.text.endswith(";"), b.text
    assert bases[-1].text.startswith("Theo đề nghị của ") and bases[-1].text.endswith(".")
    articles = _one(pkg, "Article")
    assert len(articles) == 3
    for n, p in enumerate(articles, 1):
        f = pkg.fmt(p)
        assert f.runs[0].text == f"Điều {n}." and f.runs[0].bold
        assert all(not r.bold for r in f.runs[1:])
        assert f.align == "both" and f.first_line == 720
    # The attached plan: no number line, the "(Ban hành kèm theo ...)" line italic.
    attached = pkg.fmt(_one(pkg, "AttachedLine")[0])
    assert attached.italic and attached.text.startswith("(Ban hành kèm theo Quyết định số")
    plan = pkg.sections[1]
    assert "NumberLine" not in _styles_in(pkg, plan.blocks[0]), "an attached plan has no number of its own"


# --------------------------------------------------------------------------- templates

@pytest.mark.parametrize("name", sorted(template_builder.NAMES))
def test_committed_templates_equal_a_fresh_build(name):
    committed = (ROOT / "templates" / name / f"{name}.docx").read_bytes()
    assert template_builder.build_named(name) == committed, \
        "templates are stale: run «python3 -m drafter.template_builder»"
