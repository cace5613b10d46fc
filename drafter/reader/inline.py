"""The content of one paragraph as a reader sees it: text runs with their formatting.

Hyperlinks, smart tags, content controls and custom XML are looked through; tracked
insertions are kept and deletions dropped (the text as accepted); a field shows its result,
never its code (its code is recorded); hidden text is left out; drawings become shapes.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .drawings import Found, alternate_choice, drawing_shapes, vml_shapes
from .labels import BULLET_GLYPHS
from .model import Origin, RunFormat, Span
from .styles import StyleSheet, prop_map
from .wordml import M, MC, W, local, ns_of, q, wval

_TRANSPARENT = {"hyperlink", "smartTag", "customXml", "ins", "moveTo", "dir", "bdo", "fldSimple"}
_DROPPED = {"del", "moveFrom", "pPr", "rPr", "proofErr", "permStart", "permEnd", "bookmarkStart",
            "bookmarkEnd", "commentRangeStart", "commentRangeEnd"}


@dataclass
class _Frame:
    code: list[str] = field(default_factory=list)
    result: bool = False


class FieldState:
    """Open complex fields (they may span paragraphs): text shows only in their result part."""

    def __init__(self):
        self.stack: list[_Frame] = []

    @property
    def showing(self) -> bool:
        return all(f.result for f in self.stack)


@dataclass
class Inline:
    spans: list[Span] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    found: list[Found] = field(default_factory=list)
    page_break: bool = False

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)

    def add(self, text: str, fmt: RunFormat) -> None:
        if not text or fmt.hidden:
            return
        if self.spans and self.spans[-1].format == fmt:
            self.spans[-1] = Span(self.spans[-1].text + text, fmt)
        else:
            self.spans.append(Span(text, fmt))


class InlineReader:
    def __init__(self, sheet: StyleSheet, fields: FieldState):
        self.sheet = sheet
        self.fields = fields

    def read(self, p, pstyle: str | None, tstyle: str | None, origin: Origin) -> Inline:
        out = Inline()
        self._walk(p, out, pstyle, tstyle, origin, depth=0)
        return out

    def _walk(self, el, out: Inline, pstyle, tstyle, origin: Origin, depth: int) -> None:
        if depth > 40:
            return
        for child in el:
            ns, tag = ns_of(child.tag), local(child.tag)
            if ns == W:
                if tag == "r":
                    self._run(child, out, pstyle, tstyle, origin)
                elif tag == "fldSimple":
                    code = (child.get(q("instr")) or "").strip()
                    if code:
                        out.fields.append(" ".join(code.split()))
                    self._walk(child, out, pstyle, tstyle, origin, depth + 1)
                elif tag in _TRANSPARENT:
                    self._walk(child, out, pstyle, tstyle, origin, depth + 1)
                elif tag == "sdt":
                    content = child.find(q("sdtContent"))
                    if content is not None:
                        self._walk(content, out, pstyle, tstyle, origin, depth + 1)
            elif ns == MC and tag == "AlternateContent":
                branch = alternate_choice(child)
                if branch is not None:
                    self._walk(branch, out, pstyle, tstyle, origin, depth + 1)
            elif ns == M and tag in ("oMath", "oMathPara"):
                text = "".join(t.text or "" for t in child.iter(f"{{{M}}}t"))
                if text and self.fields.showing:
                    out.add(text, self.sheet.run_format({}, None, pstyle, tstyle))

    def _run(self, r, out: Inline, pstyle, tstyle, origin: Origin) -> None:
        rpr = r.find(q("rPr"))
        fmt: RunFormat | None = None

        def add(text: str) -> None:
            nonlocal fmt
            if not self.fields.showing:
                return
            if fmt is None:
                fmt = self.sheet.run_format(prop_map(rpr), wval(rpr.find(q("rStyle"))) if rpr is not None else None,
                                            pstyle, tstyle)
            out.add(text, fmt)

        for c in r:
            ns, tag = ns_of(c.tag), local(c.tag)
            if ns == MC and tag == "AlternateContent":
                branch = alternate_choice(c)
                for g in (branch if branch is not None else []):
                    self._graphic(g, out, origin)
                continue
            if ns != W:
                continue
            if tag == "t":
                add(c.text or "")
            elif tag in ("tab", "ptab"):
                add("\t")
            elif tag == "br":
                kind = c.get(q("type"))
                if kind == "page":
                    out.page_break = True
                else:
                    add("\n")
            elif tag == "cr":
                add("\n")
            elif tag == "noBreakHyphen":
                add("-")
            elif tag == "sym":
                add(_symbol(c.get(q("char"))))
            elif tag == "fldChar":
                kind = c.get(q("fldCharType"))
                if kind == "begin":
                    self.fields.stack.append(_Frame())
                elif kind == "separate" and self.fields.stack:
                    self.fields.stack[-1].result = True
                elif kind == "end" and self.fields.stack:
                    frame = self.fields.stack.pop()
                    code = " ".join("".join(frame.code).split())
                    if code:
                        out.fields.append(code)
            elif tag == "instrText":
                if self.fields.stack:
                    self.fields.stack[-1].code.append(c.text or "")
            elif tag in ("drawing", "pict", "object"):
                self._graphic(c, out, origin)

    def _graphic(self, el, out: Inline, origin: Origin) -> None:
        tag = local(el.tag)
        if tag == "drawing":
            out.found += drawing_shapes(el, origin)
        elif tag in ("pict", "object"):
            out.found += vml_shapes(el, origin)


def _symbol(code: str | None) -> str:
    try:
        n = int(code or "", 16)
    except ValueError:
        return ""
    ch = chr(n if n >= 0xF000 else 0xF000 + n)
    if ch in BULLET_GLYPHS:
        return BULLET_GLYPHS[ch]
    return chr(n - 0xF000) if n >= 0xF020 and n < 0xF080 else chr(n)
