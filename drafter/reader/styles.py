"""Effective formatting, resolved as Word does.

Character properties: document defaults < table style < paragraph style chain (basedOn) <
character style chain < direct run properties. Toggle properties (bold, italic, caps...) set
in styles of different kinds cancel out (ECMA-376 17.7.3): bold in the paragraph style and in
the character style gives upright text. Paragraph properties: defaults < table style <
paragraph style chain < numbering level < direct. Attributes of one element (spacing before
and after, the four font slots) are resolved one by one.
"""
from __future__ import annotations

from functools import wraps

from .model import Border, Fonts, LineSpacing, ParagraphFormat, RunFormat
from .wordml import A, eighths, half_points, local, ns_of, on, q, twips, wval, W

PropMap = dict[str, dict[str, str]]

TOGGLES = frozenset({"b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
                     "emboss", "imprint", "vanish"})
FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
# a table style's conditional formats, from the weakest to the strongest
CONDITIONS = ("firstCol", "lastCol", "firstRow", "lastRow", "neCell", "nwCell", "seCell", "swCell")
BORDER_SIDES = ("top", "left", "bottom", "right", "between", "bar", "start", "end", "insideH", "insideV")
_SKIP_PPR = {"rPr", "numPr", "sectPr", "pPrChange", "tabs", "framePr"}
_ALIGN = {"both": "justify", "start": "left", "end": "right", "left": "left", "right": "right",
          "center": "center", "distribute": "distribute", "thaiDistribute": "justify",
          "lowKashida": "justify", "mediumKashida": "justify", "highKashida": "justify"}


def _memo(fn):
    """Cache a method's results on the instance (a module-level cache would keep every document alive)."""
    @wraps(fn)
    def wrapper(self, *args):
        key = (fn.__name__, args)
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = fn(self, *args)
            return value
    return wrapper


def _attrs(el) -> dict[str, str]:
    return {local(k): v for k, v in el.attrib.items()}


def prop_map(props, *, paragraph: bool = False) -> PropMap:
    """rPr/pPr/tblPr children as {tag: {attr: value}}; borders as "pBdr.top"..."""
    out: PropMap = {}
    if props is None:
        return out
    for child in props:
        if ns_of(child.tag) != W:
            continue
        tag = local(child.tag)
        if paragraph and tag in _SKIP_PPR or tag == "rPrChange":
            continue
        if tag in ("pBdr", "tblBorders", "tcBorders", "tblCellMar"):
            for side in child:
                out[f"{tag}.{local(side.tag)}"] = _attrs(side)
            continue
        out[tag] = _attrs(child)
    return out


def merge(base: PropMap, over: PropMap) -> PropMap:
    """``over`` wins attribute by attribute; a font slot set in ``over`` drops the inherited theme."""
    out = {k: dict(v) for k, v in base.items()}
    for tag, attrs in over.items():
        cur = out.setdefault(tag, {})
        if tag == "rFonts":
            for slot in FONT_SLOTS:
                if slot in attrs or slot + "Theme" in attrs:
                    cur.pop(slot, None)
                    cur.pop(slot + "Theme", None)
        if tag in TOGGLES:
            cur.clear()
        cur.update(attrs)
    return out


def toggle(attrs: dict[str, str] | None) -> bool | None:
    return None if attrs is None else on(attrs.get("val"))


class StyleSheet:
    """styles.xml (and the theme's fonts) with cached resolution of style chains."""

    def __init__(self, styles_root, theme_root=None):
        self._memo: dict = {}
        self.styles: dict[str, object] = {}
        self.names: dict[str, str] = {}
        self.types: dict[str, str] = {}
        self.default: dict[str, str] = {}
        for st in (styles_root.findall(q("style")) if styles_root is not None else []):
            sid = st.get(q("styleId"))
            if sid is None:
                continue
            self.styles[sid] = st
            name = st.find(q("name"))
            self.names[sid] = wval(name) or sid
            typ = st.get(q("type")) or "paragraph"
            self.types[sid] = typ
            if on(st.get(q("default"))) and st.get(q("default")) is not None:
                self.default.setdefault(typ, sid)
        dd = styles_root.find(q("docDefaults")) if styles_root is not None else None
        self.default_rpr = prop_map(dd.find(f"{q('rPrDefault')}/{q('rPr')}") if dd is not None else None)
        self.default_ppr = prop_map(dd.find(f"{q('pPrDefault')}/{q('pPr')}") if dd is not None else None,
                                    paragraph=True)
        self.theme_fonts = _theme_fonts(theme_root)

    # ------------------------------------------------------------------ chains

    def chain(self, style_id: str | None) -> list:
        """The style and its basedOn ancestors, most derived first (cycles cut)."""
        out, seen = [], set()
        while style_id and style_id in self.styles and style_id not in seen and len(out) < 32:
            seen.add(style_id)
            st = self.styles[style_id]
            out.append(st)
            style_id = wval(st.find(q("basedOn")))
        return out

    def paragraph_style(self, style_id: str | None) -> str | None:
        if style_id in self.styles:
            return style_id
        return self.default.get("paragraph")

    @_memo
    def style_rpr(self, style_id: str | None) -> PropMap:
        out: PropMap = {}
        for st in reversed(self.chain(style_id)):
            out = merge(out, prop_map(st.find(q("rPr"))))
        return out

    @_memo
    def style_ppr(self, style_id: str | None) -> PropMap:
        out: PropMap = {}
        for st in reversed(self.chain(style_id)):
            out = merge(out, prop_map(st.find(q("pPr")), paragraph=True))
        return out

    @_memo
    def style_tblpr(self, style_id: str | None) -> PropMap:
        out: PropMap = {}
        for st in reversed(self.chain(style_id)):
            out = merge(out, prop_map(st.find(q("tblPr"))))
        return out

    @_memo
    def table_rpr(self, tstyle) -> PropMap:
        """A table style's run properties for one cell: ``tstyle`` is the style id, or (id, conditions)
        with the conditional formats that apply to the cell ("firstRow", "lastCol"...)."""
        return self._table_props(tstyle, "rPr", paragraph=False)

    @_memo
    def table_ppr(self, tstyle) -> PropMap:
        return self._table_props(tstyle, "pPr", paragraph=True)

    def _table_props(self, tstyle, tag: str, paragraph: bool) -> PropMap:
        sid, conds = (tstyle, ()) if isinstance(tstyle, str) else tstyle
        out = self.style_rpr(sid) if tag == "rPr" else self.style_ppr(sid)
        chain = list(reversed(self.chain(sid)))
        for cond in CONDITIONS:  # Word's order: later conditions win
            if cond not in conds:
                continue
            for st in chain:
                for tsp in st.findall(q("tblStylePr")):
                    if tsp.get(q("type")) == cond:
                        out = merge(out, prop_map(tsp.find(q(tag)), paragraph=paragraph))
        return out

    def style_numpr(self, style_id: str | None) -> tuple[str | None, int | None]:
        """numId and ilvl given by a paragraph style chain (the nearest style that says)."""
        num_id = ilvl = None
        for st in self.chain(style_id):
            np_ = st.find(f"{q('pPr')}/{q('numPr')}")
            if np_ is None:
                continue
            if num_id is None:
                num_id = wval(np_.find(q("numId")))
            if ilvl is None and np_.find(q("ilvl")) is not None:
                try:
                    ilvl = int(wval(np_.find(q("ilvl"))) or 0)
                except ValueError:
                    ilvl = 0
        return num_id, ilvl

    # ------------------------------------------------------------------ runs

    @_memo
    def _style_level(self, rstyle: str | None, pstyle: str | None, tstyle: str | None):
        """Non-toggle properties layered, and toggles XOR-ed across style kinds."""
        char = self.style_rpr(rstyle) if rstyle else {}
        para = self.style_rpr(pstyle) if pstyle else {}
        table = self.table_rpr(tstyle) if tstyle else {}
        layered = merge(merge(merge(self.default_rpr, table), para), char)
        toggles: dict[str, bool] = {}
        for tag in TOGGLES:
            vals = [toggle(m.get(tag)) for m in (char, para, table) if tag in m]
            if vals:
                value = False
                for v in vals:
                    value ^= bool(v)
                toggles[tag] = value
            elif tag in self.default_rpr:
                toggles[tag] = bool(toggle(self.default_rpr[tag]))
        return layered, toggles

    def run_properties(self, direct: PropMap, rstyle: str | None, pstyle: str | None,
                       tstyle: str | None = None) -> tuple[PropMap, dict[str, bool]]:
        """Raw effective run properties ({tag: {attr: value}}) and the effective toggles (bold...).

        ``pstyle`` None means the document's default paragraph style."""
        layered, toggles = self._style_level(rstyle, self.paragraph_style(pstyle), tstyle)
        flags = dict(toggles)
        for tag in TOGGLES & direct.keys():
            flags[tag] = bool(toggle(direct[tag]))
        return merge(layered, direct), flags

    def run_format(self, direct: PropMap, rstyle: str | None, pstyle: str | None,
                   tstyle: str | None = None) -> RunFormat:
        return self._run_format(_freeze(direct), rstyle, self.paragraph_style(pstyle), tstyle)

    @_memo
    def _run_format(self, direct_frozen, rstyle, pstyle, tstyle) -> RunFormat:
        props, flags = self.run_properties(_thaw(direct_frozen), rstyle, pstyle, tstyle)

        def flag(tag: str) -> bool:
            return flags.get(tag, False)

        fonts = props.get("rFonts", {})
        u = props.get("u", {}).get("val")
        size = half_points(props.get("sz", {}).get("val"))
        return RunFormat(
            fonts=Fonts(*(self._font(fonts, slot) for slot in FONT_SLOTS)),
            size=size if size is not None else 10.0,
            bold=flag("b"),
            italic=flag("i"),
            caps=flag("caps"),
            small_caps=flag("smallCaps"),
            underline=None if u in (None, "none") else u,
            strike=flag("strike") or flag("dstrike"),
            color=props.get("color", {}).get("val"),
            hidden=flag("vanish"),
        )

    def _font(self, fonts: dict[str, str], slot: str) -> str | None:
        theme = fonts.get(slot + "Theme")
        if theme:
            found = self.theme_fonts.get(theme)
            if found:
                return found
        return fonts.get(slot)

    # ------------------------------------------------------------------ paragraphs

    def paragraph_format(self, direct: PropMap, pstyle: str | None, tstyle: str | None = None,
                         numbering: PropMap | None = None) -> ParagraphFormat:
        return self._paragraph_format(_freeze(direct), self.paragraph_style(pstyle), tstyle,
                                      _freeze(numbering or {}))

    def paragraph_properties(self, direct: PropMap, pstyle: str | None, tstyle: str | None = None,
                             numbering: PropMap | None = None) -> PropMap:
        """Raw effective paragraph properties; ``pstyle`` None means the default paragraph style."""
        table = self.table_ppr(tstyle) if tstyle else {}
        style = self.style_ppr(self.paragraph_style(pstyle))
        return merge(merge(merge(merge(self.default_ppr, table), style), numbering or {}), direct)

    @_memo
    def _paragraph_format(self, direct_frozen, pstyle, tstyle, numbering_frozen) -> ParagraphFormat:
        direct, numbering = _thaw(direct_frozen), _thaw(numbering_frozen)
        table = self.table_ppr(tstyle) if tstyle else {}
        props = self.paragraph_properties(direct, pstyle, tstyle, numbering)
        ind = _resolve_ind([direct, numbering, self.style_ppr(pstyle), table, self.default_ppr])
        sp = props.get("spacing", {})
        line = sp.get("line")
        rule = sp.get("lineRule", "auto")
        if line is None:
            spacing = LineSpacing()
        elif rule == "auto":
            spacing = LineSpacing("multiple", round(twips(line) * 20 / 240, 3))
        else:
            spacing = LineSpacing("exact" if rule == "exact" else "atLeast", twips(line))
        borders = tuple((side, border(props[f"pBdr.{side}"])) for side in BORDER_SIDES if f"pBdr.{side}" in props)
        outline = props.get("outlineLvl", {}).get("val")

        def flag(tag: str) -> bool:
            return tag in props and on(props[tag].get("val"))

        return ParagraphFormat(
            alignment=_ALIGN.get(props.get("jc", {}).get("val", "left"), "left"),
            indent_left=ind[0], indent_right=ind[1], first_line=ind[2],
            space_before=14.0 if on(sp.get("beforeAutospacing", "0")) else twips(sp.get("before")),
            space_after=14.0 if on(sp.get("afterAutospacing", "0")) else twips(sp.get("after")),
            line_spacing=spacing,
            borders=borders,
            keep_next=flag("keepNext"), keep_lines=flag("keepLines"), page_break_before=flag("pageBreakBefore"),
            outline_level=int(outline) if outline and outline.isdigit() else None,
        )


def border(attrs: dict[str, str]) -> Border:
    try:
        space = float(attrs.get("space") or 0)
    except ValueError:
        space = 0.0
    return Border(style=attrs.get("val", "none"), width=eighths(attrs.get("sz")), color=attrs.get("color"),
                  space=space)


def _resolve_ind(layers: list[PropMap]) -> tuple[float, float, float]:
    """left, right, first line (negative: hanging), each from the most specific layer that sets it."""
    left = right = first = None
    for layer in layers:
        ind = layer.get("ind")
        if not ind:
            continue
        if left is None and ("left" in ind or "start" in ind):
            left = twips(ind.get("left", ind.get("start")))
        if right is None and ("right" in ind or "end" in ind):
            right = twips(ind.get("right", ind.get("end")))
        if first is None and ("hanging" in ind or "firstLine" in ind):
            first = -twips(ind["hanging"]) if "hanging" in ind else twips(ind["firstLine"])
    return left or 0.0, right or 0.0, first or 0.0


def _freeze(m: PropMap):
    return tuple(sorted((k, tuple(sorted(v.items()))) for k, v in m.items()))


def _thaw(frozen) -> PropMap:
    return {k: dict(v) for k, v in frozen}


def _theme_fonts(theme_root) -> dict[str, str]:
    if theme_root is None:
        return {}
    out: dict[str, str] = {}
    for kind, prefix in (("majorFont", "major"), ("minorFont", "minor")):
        font = theme_root.find(f".//{{{A}}}{kind}")
        if font is None:
            continue
        typeface = {local(c.tag): c.get("typeface") for c in font if local(c.tag) in ("latin", "ea", "cs")}
        for suffix, key in (("HAnsi", "latin"), ("Ascii", "latin"), ("EastAsia", "ea"), ("Bidi", "cs")):
            if typeface.get(key):
                out[prefix + suffix] = typeface[key]
    return out
