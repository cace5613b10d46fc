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

from drafter.reader.styles import StyleSheet, merge, prop_map

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
        self.sheet = StyleSheet(self.styles_root)
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

    # ------------------------------------------------------------------ styles (drafter.reader resolves them)

    def _run_props(self, run, para):
        rpr = run.find(q("rPr")) if run is not None else None
        rstyle = wattr(rpr.find(q("rStyle")), "val") if rpr is not None else None
        pstyle = self.pstyle(para) if para is not None else None
        return self.sheet.run_properties(prop_map(rpr), rstyle, pstyle)

    def run_attr(self, run, para, tag: str, attr: str = "val"):
        props, _ = self._run_props(run, para)
        return props.get(tag, {}).get(attr)

    def run_flag(self, run, para, tag: str) -> bool:
        props, flags = self._run_props(run, para)
        if tag in flags:
            return flags[tag]
        return tag in props and (props[tag].get("val") or "true").lower() not in _FALSE

    def style_flag(self, style_id: str, tag: str) -> bool:
        props = self.sheet.style_rpr(style_id)
        return tag in props and (props[tag].get("val") or "true").lower() not in _FALSE

    def style_run_attr(self, style_id: str, tag: str, attr: str = "val"):
        return merge(self.sheet.default_rpr, self.sheet.style_rpr(style_id)).get(tag, {}).get(attr)

    def _para_props(self, para):
        return self.sheet.paragraph_properties(prop_map(para.find(q("pPr")), paragraph=True), self.pstyle(para))

    def para_attr(self, para, tag: str, attr: str = "val"):
        return self._para_props(para).get(tag, {}).get(attr)

    def para_flag(self, para, tag: str) -> bool:
        props = self._para_props(para)
        return tag in props and (props[tag].get("val") or "true").lower() not in _FALSE

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
