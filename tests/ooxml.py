"""Reading rendered DOCX back for the layout tests: parts, sections and effective formatting.

Effective formatting follows Word's order: direct run properties → character style
chain → paragraph style chain (basedOn) → docDefaults. Paragraph properties: direct →
paragraph style chain → docDefaults. Attributes of one element (spacing, ind, rFonts)
are resolved one by one, as Word does.
"""
from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from functools import cached_property

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
NS = {"w": W, "r": R}


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def wattr(el, name: str):
    return None if el is None else el.get(q(name))


def text_of(el) -> str:
    return "".join(t.text or "" for t in el.iter(q("t")))


def twips_to_mm(tw: int | str) -> float:
    return int(tw) / 1440 * 25.4


_FALSE = {"0", "false", "off", "none"}


class Package:
    def __init__(self, data: bytes):
        self.data = data
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            self.parts = {n: zf.read(n) for n in zf.namelist()}
        self.doc = etree.fromstring(self.parts["word/document.xml"])
        self.body = self.doc.find(q("body"))
        self.styles_root = etree.fromstring(self.parts["word/styles.xml"])
        self.styles = {s.get(q("styleId")): s for s in self.styles_root.findall(q("style"))}
        rels = etree.fromstring(self.parts["word/_rels/document.xml.rels"])
        self.rels = {r.get("Id"): posixpath.normpath(posixpath.join("word", r.get("Target")))
                     for r in rels.findall(f"{{{PR}}}Relationship")}

    def xml_parts(self) -> dict[str, bytes]:
        return {n: b for n, b in self.parts.items() if n.endswith(".xml") or n.endswith(".rels")}

    def part_root(self, rid: str):
        return etree.fromstring(self.parts[self.rels[rid]])

    # ------------------------------------------------------------------ structure

    @cached_property
    def sections(self) -> list["Section"]:
        """Top-level blocks grouped by the section they belong to, with its sectPr."""
        out, blocks = [], []
        for el in self.body:
            if el.tag == q("sectPr"):
                out.append(Section(el, blocks))
                blocks = []
                continue
            if el.tag in (q("p"), q("tbl")):
                blocks.append(el)
                sp = el.find(f"{q('pPr')}/{q('sectPr')}") if el.tag == q("p") else None
                if sp is not None:
                    out.append(Section(sp, blocks))
                    blocks = []
        return out

    def paragraphs(self, style: str | None = None) -> list:
        ps = list(self.body.iter(q("p")))
        return [p for p in ps if style is None or self.pstyle(p) == style]

    @staticmethod
    def pstyle(p) -> str | None:
        return wattr(p.find(f"{q('pPr')}/{q('pStyle')}"), "val")

    # ------------------------------------------------------------------ styles

    def _chain(self, style_id: str | None) -> list:
        chain, seen = [], set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            st = self.styles[style_id]
            chain.append(st)
            style_id = wattr(st.find(q("basedOn")), "val")
        return chain

    def _default_paragraph_style(self) -> str | None:
        for sid, st in self.styles.items():
            if st.get(q("type")) == "paragraph" and st.get(q("default")) in ("1", "true"):
                return sid
        return None

    def _rpr_sources(self, run, para) -> list:
        """rPr elements from the most to the least specific."""
        out = []
        if run is not None:
            out.append(run.find(q("rPr")))
            rstyle = wattr(run.find(f"{q('rPr')}/{q('rStyle')}"), "val")
            out += [s.find(q("rPr")) for s in self._chain(rstyle)]
        pstyle = self.pstyle(para) if para is not None else None
        if para is not None and pstyle is None:
            pstyle = self._default_paragraph_style()
        out += [s.find(q("rPr")) for s in self._chain(pstyle)]
        out.append(self.styles_root.find(f"{q('docDefaults')}/{q('rPrDefault')}/{q('rPr')}"))
        return [r for r in out if r is not None]

    def _ppr_sources(self, para) -> list:
        out = [para.find(q("pPr"))]
        pstyle = self.pstyle(para) or self._default_paragraph_style()
        out += [s.find(q("pPr")) for s in self._chain(pstyle)]
        out.append(self.styles_root.find(f"{q('docDefaults')}/{q('pPrDefault')}/{q('pPr')}"))
        return [p for p in out if p is not None]

    def run_attr(self, run, para, tag: str, attr: str = "val"):
        for rpr in self._rpr_sources(run, para):
            el = rpr.find(q(tag))
            if el is not None and el.get(q(attr)) is not None:
                return el.get(q(attr))
        return None

    def run_flag(self, run, para, tag: str) -> bool:
        for rpr in self._rpr_sources(run, para):
            el = rpr.find(q(tag))
            if el is not None:
                return (el.get(q("val")) or "true").lower() not in _FALSE
        return False

    def style_flag(self, style_id: str, tag: str) -> bool:
        for st in self._chain(style_id):
            rpr = st.find(q("rPr"))
            el = rpr.find(q(tag)) if rpr is not None else None
            if el is not None:
                return (el.get(q("val")) or "true").lower() not in _FALSE
        return False

    def style_run_attr(self, style_id: str, tag: str, attr: str = "val"):
        for st in self._chain(style_id):
            rpr = st.find(q("rPr"))
            el = rpr.find(q(tag)) if rpr is not None else None
            if el is not None and el.get(q(attr)) is not None:
                return el.get(q(attr))
        rpr = self.styles_root.find(f"{q('docDefaults')}/{q('rPrDefault')}/{q('rPr')}")
        el = rpr.find(q(tag)) if rpr is not None else None
        return el.get(q(attr)) if el is not None else None

    def para_attr(self, para, tag: str, attr: str = "val"):
        for ppr in self._ppr_sources(para):
            el = ppr.find(q(tag))
            if el is not None and el.get(q(attr)) is not None:
                return el.get(q(attr))
        return None

    def para_flag(self, para, tag: str) -> bool:
        for ppr in self._ppr_sources(para):
            el = ppr.find(q(tag))
            if el is not None:
                return (el.get(q("val")) or "true").lower() not in _FALSE
        return False

    # ------------------------------------------------------------------ convenient views

    def fmt(self, para) -> "Fmt":
        """Effective formatting of a paragraph and of each of its text runs."""
        runs = [r for r in para.findall(q("r")) if r.find(q("t")) is not None and text_of(r)]
        return Fmt(
            text=text_of(para),
            align=self.para_attr(para, "jc") or "left",
            first_line=int(self.para_attr(para, "ind", "firstLine") or 0),
            before=int(self.para_attr(para, "spacing", "before") or 0),
            after=int(self.para_attr(para, "spacing", "after") or 0),
            line=int(self.para_attr(para, "spacing", "line") or 240),
            line_rule=self.para_attr(para, "spacing", "lineRule") or "auto",
            runs=[RunFmt(text_of(r), int(self.run_attr(r, para, "sz") or 20) / 2,
                         self.run_flag(r, para, "b"), self.run_flag(r, para, "i")) for r in runs],
        )


@dataclass
class RunFmt:
    text: str
    size: float
    bold: bool
    italic: bool


@dataclass
class Fmt:
    text: str
    align: str
    first_line: int
    before: int
    after: int
    line: int
    line_rule: str
    runs: list[RunFmt] = field(default_factory=list)

    @property
    def sizes(self) -> set[float]:
        return {r.size for r in self.runs}

    @property
    def bold(self) -> bool:
        return bool(self.runs) and all(r.bold for r in self.runs)

    @property
    def italic(self) -> bool:
        return bool(self.runs) and all(r.italic for r in self.runs)

    @property
    def upright(self) -> bool:
        return not any(r.italic for r in self.runs)

    @property
    def not_bold(self) -> bool:
        return not any(r.bold for r in self.runs)


@dataclass
class Section:
    sect: object
    blocks: list

    @property
    def size(self) -> tuple[int, int]:
        sz = self.sect.find(q("pgSz"))
        return int(wattr(sz, "w")), int(wattr(sz, "h"))

    @property
    def landscape(self) -> bool:
        return wattr(self.sect.find(q("pgSz")), "orient") == "landscape"

    @property
    def margins_mm(self) -> dict[str, float]:
        m = self.sect.find(q("pgMar"))
        return {k: round(twips_to_mm(wattr(m, k)), 1) for k in ("top", "bottom", "left", "right")}

    def texts(self) -> list[str]:
        return [text_of(p) for b in self.blocks for p in ([b] if b.tag == q("p") else b.iter(q("p")))]

    def header_ref(self, kind: str) -> str | None:
        for h in self.sect.findall(q("headerReference")):
            if wattr(h, "type") == kind:
                return h.get(f"{{{R}}}id")
        return None
