"""drafter.nd30 holds the rules: they agree with the decree's words, and the documents follow them.

The second half reads rendered files back the way the checker of any Word file will:
every paragraph of a named style against ``nd30.STYLES``, every page against the paper
and margins, every rule line against its ratio.
"""
from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import fields
from functools import cache
from pathlib import Path

import pytest

from drafter import nd30
from drafter.geometry import estimate_width
from drafter.loader import load_draft
from drafter.render import render_draft, split_outputs
from drafter.wml import Cm, Mm, Pt
from ooxml import Package, q, text_of, wattr

ROOT = Path(__file__).resolve().parent.parent
DECREE = ROOT.parent / "shared" / "spec" / "nd30-decree" / "phu-luc-I.md"
FIXTURES = Path(__file__).parent / "fixtures"


# --------------------------------------------------------------------------- the rules themselves

def _measures():
    for name, value in vars(nd30).items():
        if isinstance(value, nd30.Measure):
            yield name, value
    for f in fields(nd30.MARGINS):
        yield f"MARGINS.{f.name}", getattr(nd30.MARGINS, f.name)


def test_every_chosen_value_is_allowed_and_every_rule_cites_its_source():
    for name, m in _measures():
        assert m.chosen in m.allowed, name
        assert m.clause.startswith(("decree", "practice")), name
    for s in nd30.STYLES.values():
        assert s.size_pt in s.allowed_size_pt, s.name
        assert s.clause.startswith(("decree", "practice")), s.name
        assert s.based_on is None or s.based_on in nd30.STYLES, s.name
    for r in nd30.RULES:
        assert r.ratio in r.allowed_ratio and r.under in nd30.STYLES, r
    for part in nd30.PARTS.values():
        assert part.clause.startswith(("decree", "practice"))
    for cols in (nd30.HEADER_COLUMNS, nd30.CLOSING_COLUMNS):
        assert cols.left_share(Mm(210) - Mm(30) - Mm(15)) in cols.allowed_left_share


@cache
def _decree_clauses() -> dict[tuple[str, int, str], str]:
    """Phụ lục I, Phần I: (mục, khoản, điểm) → its text, whitespace collapsed."""
    text = DECREE.read_text(encoding="utf-8").split("**Phần II**")[0]
    out, muc, khoan, diem = {}, "", 0, ""
    for line in text.splitlines():
        if m := re.match(r"## ([IVX]+)\. ", line):
            muc, khoan, diem = m.group(1), 0, ""
        elif m := re.match(r"(\d+)\. ", line):
            khoan, diem = int(m.group(1)), ""
        elif m := re.match(r"- ([a-zđ])\) ", line):
            diem = m.group(1)
        if muc and khoan:
            for key in {(muc, khoan, ""), (muc, khoan, diem)}:
                out[key] = out.get(key, "") + " " + re.sub(r"\s+", " ", line)
    return out


def _cited(clause: str) -> list[str]:
    """The decree's text of every Phụ lục I clause that ``clause`` cites."""
    clauses = _decree_clauses()
    found = re.findall(r"Phụ lục I, Phần I, mục ([IVX]+), khoản (\d+)(?:, điểm ([a-zđ]))?", clause)
    return [clauses[(m, int(k), d)] for m, k, d in found]


def _size_words(allowed: nd30.Range) -> str:
    low, high = int(allowed.low), int(allowed.high)
    return f"cỡ chữ {low}" if low == high else f"cỡ chữ (?:từ )?{low} (?:đến|-) {high}"


@pytest.mark.skipif(not DECREE.exists(), reason="the decree's text is in ../shared/spec/nd30-decree")
def test_cited_clauses_exist_and_state_the_allowed_sizes():
    for s in nd30.STYLES.values():
        texts = _cited(s.clause)
        assert nd30.from_decree(s.clause) == bool(texts) or "Phụ lục III" in s.clause, s.name
        if texts and s.name not in ("Item Heading", "Point Heading", "Article", "Article Last"):
            # (khoản and điểm take "the body's size": 13 to 14, said in điểm e)
            assert any(re.search(_size_words(s.allowed_size_pt), t) for t in texts), (s.name, s.clause)
    (margins,) = _cited(nd30.MARGINS.top_mm.clause)
    for edge in (nd30.MARGINS.top_mm, nd30.MARGINS.left_mm, nd30.MARGINS.right_mm):
        assert f"{int(edge.allowed.low)} - {int(edge.allowed.high)} mm" in margins
    (paper,) = _cited(nd30.PAPER.clause)
    assert f"({nd30.PAPER.width_mm} mm x {nd30.PAPER.height_mm} mm)" in paper
    (body,) = _cited(nd30.BODY_INDENT_CM.clause)
    assert "1 cm hoặc 1,27 cm" in body and "tối thiểu là 6pt" in body and "tối đa là 1,5 lines" in body
    for rule in (nd30.ISSUER_RULE, nd30.SUBJECT_RULE):
        (text,) = _cited(rule.clause)
        assert "từ 1/3 đến 1/2 độ dài của dòng chữ" in text
    (motto,) = _cited(nd30.MOTTO_RULE.clause)
    assert "có độ dài bằng độ dài của dòng chữ" in motto
    page_numbers = _cited(nd30.PAGE_NUMBERS.clause)
    assert "không hiển thị số trang thứ nhất" in page_numbers[0]
    assert "đánh số riêng theo từng Phụ lục" in page_numbers[1]


def test_the_rules_iterate_for_a_checker():
    assert list(nd30.STYLES)[0] == "Body" and nd30.STYLES["Issuing Body"].style_id == "IssuingBody"
    issuer = nd30.STYLES["Issuing Body"]
    assert (issuer.size_pt, issuer.bold, issuer.upper, issuer.align) == (13, True, True, nd30.Align.CENTER)
    assert 12 in issuer.allowed_size_pt and 14 not in issuer.allowed_size_pt
    assert 1.0 in nd30.BODY_INDENT_CM.allowed and 1.1 not in nd30.BODY_INDENT_CM.allowed
    with pytest.raises(AttributeError):
        issuer.size_pt = 12  # frozen: a rule is read, never changed in passing


def test_run_time_geometry_does_not_load_the_template_builder():
    code = ("import sys, drafter.fragments, drafter.render, drafter.context; "
            "print('drafter.template_builder' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"


# --------------------------------------------------------------------------- documents follow the rules

@cache
def _packages() -> list[tuple[str, Package]]:
    out = []
    for name in ("ke-hoach.yaml", "ke-hoach-phu-luc.yaml", "qd-kh-pl.yaml"):
        draft = load_draft(FIXTURES / name).draft
        out.append((name, Package(render_draft(draft))))
        out += [(f"{name}:{part}", Package(data)) for part, data in split_outputs(draft)]
    return out


def _style_names(pkg: Package) -> dict[str, str]:
    return {s.style_id: s.name for s in nd30.STYLES.values() if s.style_id in pkg.styles}


def _paragraphs(pkg: Package):
    yield from pkg.paragraphs()
    for rid, target in pkg.rels.items():
        if "header" in target:
            yield from pkg.part_root(rid).iter(q("p"))


def test_every_paragraph_has_its_nd30_style():
    for name, pkg in _packages():
        names = _style_names(pkg)
        seen = set()
        for p in _paragraphs(pkg):
            style = nd30.STYLES[names[pkg.pstyle(p)]]
            seen.add(style.name)
            f = pkg.fmt(p)
            runs = f.runs[1:] if style.name.startswith("Article") else f.runs  # "Điều 1." is bold
            for r in runs:
                assert (r.size, r.bold, r.italic) == (style.size_pt, style.bold, style.italic), (name, style.name)
            if style.name.startswith("Article"):
                assert f.runs[0].bold == nd30.ARTICLE_LABEL.bold
            if style.upper:
                assert f.text == f.text.upper(), (name, f.text)
            assert f.align == style.align.value and f.first_line == Cm(style.first_line_cm), (name, style.name)
            if style.name != "Rule Line":  # a rule sets the space under it per document
                assert (f.before, f.after) == (Pt(style.before_pt), Pt(style.after_pt)), (name, style.name)
            exact = style.line_exact_pt is not None
            assert (f.line_rule == "exact") == exact
            assert f.line == (Pt(style.line_exact_pt) if exact else round(240 * style.line_lines))
            assert pkg.para_flag(p, "keepNext") == style.keep_next, (name, style.name)
        assert {"Body", "Issuing Body", "Signer Name", "Page Number"} <= seen or ":" in name, (name, seen)


def test_pages_follow_paper_margins_and_part_orientation():
    m = nd30.MARGINS
    for name, pkg in _packages():
        for sec in pkg.sections:
            texts = sec.texts()
            part = ("appendix" if texts[0].startswith("Phụ lục")
                    else "decision" if "QUYẾT ĐỊNH" in texts else "plan")
            orientation = nd30.PARTS[part].orientation
            w, h = nd30.PAPER.size_mm(orientation)
            assert sec.size == (Mm(w), Mm(h)), (name, part)
            assert sec.landscape == (orientation is nd30.Orientation.LANDSCAPE)
            got = sec.margins_mm
            for edge in ("top", "bottom", "left", "right"):
                rule = getattr(m, f"{edge}_mm")
                assert got[edge] == rule.chosen and got[edge] in rule.allowed, (name, edge)
            numbers = nd30.PAGE_NUMBERS
            assert wattr(sec.sect.find(q("pgNumType")), "start") == str(numbers.start_at)
            assert (sec.sect.find(q("titlePg")) is not None) == (numbers.first_shown_page > 1)


def _room(p, section_width: int) -> int:
    """The width a paragraph sits in: its table cell's, or the section's text width."""
    tc = next((a for a in p.iterancestors() if a.tag == q("tc")), None)
    return int(wattr(tc.find(f"{q('tcPr')}/{q('tcW')}"), "w")) if tc is not None else section_width


def test_rules_under_text_follow_their_ratio():
    rules = {r.under: r for r in nd30.RULES}
    side_margins = Mm(nd30.MARGINS.left_mm.chosen) + Mm(nd30.MARGINS.right_mm.chosen)
    checked = set()
    for name, pkg in _packages():
        names = _style_names(pkg)
        for sec in pkg.sections:
            for p in (p for b in sec.blocks for p in ([b] if b.tag == q("p") else b.iter(q("p")))):
                if pkg.pstyle(p) != "RuleLine":
                    continue
                above = list(p.itersiblings(q("p"), preceding=True))
                rule = rules[names[pkg.pstyle(above[0])]]
                style = nd30.STYLES[rule.under]
                lines = [text_of(x) for x in above if pkg.pstyle(x) == style.style_id]
                widest = max(estimate_width(t, style.size_pt, style.bold) for t in lines)
                room = _room(p, sec.size[0] - side_margins)
                length = room - 2 * int(pkg.para_attr(p, "ind", "left"))  # centred: equal indents
                shortest = Cm(nd30.RULE_MIN_LENGTH_CM)
                assert abs(length - max(int(min(widest, room) * rule.ratio), shortest)) <= 1, (name, rule.under)
                if shortest < length and widest <= room:
                    assert round(length / widest, 2) in rule.allowed_ratio, (name, rule.under, length / widest)
                checked.add(rule.under)
    assert checked == {"Issuing Body", "Motto", "Document Subject", "Attached Line", "Appendix Attached"}
