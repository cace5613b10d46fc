"""Layout that depends on the filled-in words, applied to the rendered XML tree.

Word has no "line as long as 40 % of the text above" nor "columns from data", and a
template cannot hold conditional section properties. So, after filling:
- the short rules under the issuing body, the motto and the subject get indents that
  give them the length ND 30 asks for;
- appendix tables get their column widths;
- the last section takes the page setup of what it really holds (portrait when there
  is no appendix), and an empty trailing section is removed;
- the body's last paragraph keeps with the closing block (recipients and signature), so
  the signature never starts a page alone.
"""
from __future__ import annotations

import copy

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_q = lambda tag: f"{{{W}}}{tag}"  # noqa: E731

CM = 567  # twips
PAGE_MARGINS = 1701 + 850

# Rough advance widths of Times New Roman, in em, to size the rules; exactness is not needed.
_NARROW = set("iljt.,;:!'|()[]- ")
_WIDE_UPPER = set("MWĐÔƠƯQ")


def text_width(text: str, size_pt: float, bold: bool) -> int:
    """Estimated width of ``text`` in twips."""
    em = 0.0
    for ch in text:
        base = ch.upper() if ch.isalpha() else ch
        if ch == " ":
            em += 0.25
        elif ch in _NARROW:
            em += 0.3
        elif ch.isupper():
            em += 0.8 if base in _WIDE_UPPER else 0.7
        elif ch.isdigit():
            em += 0.5
        else:
            em += 0.47
    if bold:
        em *= 1.06
    return int(em * size_pt * 20)


def _style(p) -> str:
    ps = p.find(f"{_q('pPr')}/{_q('pStyle')}")
    return ps.get(_q("val")) if ps is not None else ""


def _text(p) -> str:
    return "".join(t.text or "" for t in p.iter(_q("t")))


_SIZES = {"IssuingBody": (13, True), "ParentBody": (13, False), "Motto": (14, True),
          "DocumentSubject": (14, True), "AttachedLine": (14, False), "AppendixAttached": (13, False),
          "AppendixTitle": (14, True)}


def _available(p, section_width: int) -> int:
    for anc in p.iterancestors(_q("tc")):
        w = anc.find(f"{_q('tcPr')}/{_q('tcW')}")
        if w is not None:
            return int(w.get(_q("w")))
    return section_width


def _fix_rules(body, section_widths) -> None:
    paras = list(body.iter(_q("p")))
    for i, p in enumerate(paras):
        if _style(p) != "RuleLine":
            continue
        # The paragraphs right above, of one style: the text the rule belongs to.
        above, style = [], None
        for q in reversed(paras[:i]):
            s = _style(q)
            if s not in _SIZES or (style and s != style and not (style == "AttachedLine")):
                break
            style = style or s
            if s == style:
                above.append(_text(q))
        if not above:
            continue
        avail = _available(p, section_widths(p))
        size, bold = _SIZES[style]
        widest = min(max(text_width(t, size, bold) for t in above), avail)
        length = widest if style == "Motto" else int(widest * 0.4)
        length = max(length, CM)
        side = max((avail - length) // 2, 0)
        ppr = p.find(_q("pPr"))
        ind = ppr.find(_q("ind"))
        if ind is None:
            ind = etree.SubElement(ppr, _q("ind"))
        ind.set(_q("left"), str(side))
        ind.set(_q("right"), str(side))
        ind.set(_q("firstLine"), "0")


def _sections(body):
    """Paragraph-level sectPr elements, in order, then the body's own."""
    return [p for p in body.iter(_q("sectPr"))]


def _section_width_finder(body):
    """For a paragraph: the text width of the section it lies in."""
    order = {}
    for n, el in enumerate(body.iter()):
        order[el] = n
    ends = [(order[s], s) for s in _sections(body)]

    def width(p) -> int:
        pos = order.get(p, 0)
        for end, sect in ends:
            if end >= pos:
                return int(sect.find(_q("pgSz")).get(_q("w"))) - PAGE_MARGINS
        return 9355

    return width


def _fix_sections(body, landscape_last: bool) -> None:
    final = body.find(_q("sectPr"))
    blocks = [el for el in body if el.tag in (_q("p"), _q("tbl"))]
    # A section break with nothing after it would leave an empty page: fold it into the end.
    while blocks and blocks[-1].tag == _q("p") and blocks[-1].find(f"{_q('pPr')}/{_q('sectPr')}") is not None \
            and not _text(blocks[-1]).strip():
        inner = blocks[-1].find(f"{_q('pPr')}/{_q('sectPr')}")
        body.remove(blocks[-1])
        blocks.pop()
        new = copy.deepcopy(inner)
        body.replace(final, new)
        final = new
    if not landscape_last and final.find(_q("pgSz")).get(_q("orient")) == "landscape":
        sz = final.find(_q("pgSz"))
        w, h = sz.get(_q("w")), sz.get(_q("h"))
        sz.set(_q("w"), h)
        sz.set(_q("h"), w)
        del sz.attrib[_q("orient")]


def _fix_appendix_tables(body, widths: list[list[float | None]]) -> None:
    tables = [t for t in body.iter(_q("tbl"))
              if t.find(f"{_q('tblPr')}/{_q('tblStyle')}") is not None
              and t.find(f"{_q('tblPr')}/{_q('tblStyle')}").get(_q("val")) == "AppendixTable"]
    total = 16838 - PAGE_MARGINS
    for table, cols in zip(tables, widths):
        cm = [w if w else 3.0 for w in cols]
        scale = total / (sum(cm) * CM)
        tw = [int(w * CM * scale) for w in cm]
        tw[-1] += total - sum(tw)
        grid = table.find(_q("tblGrid"))
        for g in list(grid):
            grid.remove(g)
        for w in tw:
            etree.SubElement(grid, _q("gridCol")).set(_q("w"), str(w))
        for tr in table.iter(_q("tr")):
            for tc, w in zip(tr.findall(_q("tc")), tw):
                tcw = tc.find(f"{_q('tcPr')}/{_q('tcW')}")
                if tcw is not None:
                    tcw.set(_q("w"), str(w))
            _merge_group_row(tr)


_GROUP_STYLES = {"TableGroup", "TableGroupCenter"}


def _merge_group_row(tr) -> None:
    """A group row ("II | Cải cách thủ tục hành chính | | |") : its title spans the empty cells
    after it, so a long area name is not squeezed into one narrow column."""
    tcs = tr.findall(_q("tc"))
    styles = [_style(p) for tc in tcs for p in tc.iter(_q("p"))]
    if not styles or any(s not in _GROUP_STYLES for s in styles):
        return
    filled = [i for i, tc in enumerate(tcs) if _text(tc).strip()]
    if not filled or filled[-1] >= len(tcs) - 1:
        return
    first = tcs[filled[-1]]
    rest = tcs[filled[-1] + 1:]
    tcpr = first.find(_q("tcPr"))
    tcw = tcpr.find(_q("tcW")) if tcpr is not None else None
    if tcw is None:
        return
    width = sum(int(tc.find(f"{_q('tcPr')}/{_q('tcW')}").get(_q("w"))) for tc in [first, *rest]
                if tc.find(f"{_q('tcPr')}/{_q('tcW')}") is not None)
    tcw.set(_q("w"), str(width))
    span = etree.Element(_q("gridSpan"))
    span.set(_q("val"), str(len(rest) + 1))
    tcw.addnext(span)  # gridSpan follows tcW in the schema order of tcPr
    for tc in rest:
        tr.remove(tc)


def _keep_with_closing(body) -> None:
    for tbl in body.iter(_q("tbl")):
        if not any(_style(p) == "RecipientsTitle" for p in tbl.iter(_q("p"))):
            continue
        prev = tbl.getprevious()
        if prev is None or prev.tag != _q("p"):
            continue
        ppr = prev.find(_q("pPr"))
        if ppr is None:
            ppr = etree.Element(_q("pPr"))
            prev.insert(0, ppr)
        if ppr.find(_q("keepNext")) is None:
            keep = etree.Element(_q("keepNext"))
            style = ppr.find(_q("pStyle"))
            # keepNext follows pStyle in the schema order of pPr.
            ppr.insert(0 if style is None else list(ppr).index(style) + 1, keep)


def apply(root, *, landscape_last: bool, appendix_widths: list[list[float | None]]) -> None:
    body = root.find(_q("body")) if root.tag != _q("body") else root
    _fix_sections(body, landscape_last)
    _keep_with_closing(body)
    _fix_appendix_tables(body, appendix_widths)
    _fix_rules(body, _section_width_finder(body))
