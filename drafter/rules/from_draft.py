"""A draft as the structural reading of the document it renders to.

The content rules read words (numbering, citations, dates, recipients...): they run on what
the renderer will write, taken from the same render context (``drafter.context``), so a
finding in a draft is what the signed document would have shown. Each line points back to
the draft's file, line and field, for the TUI to jump to.
"""
from __future__ import annotations

from ..context import build_context
from ..fieldpath import FieldPath
from ..model import Draft
from ..nd30 import MOTTO_TEXT, NATIONAL_TITLE_TEXT
from .. import inline
from ..citations import cite, lead_in, plan_opening, verb
from ..reader.labels import typed_label
from .findings import Where
from .structure import (APPENDIX_LABEL, APPENDIX_TITLE, ATTACHED, AUTHOR, BASIS, BODY, CELL, DECIDE, ISSUER, KIND,
                        MOTTO, NATIONAL, NUMBER, PARENT, PLACE_DATE, RECIPIENT, RECIPIENTS_TITLE, SIGNER,
                        SIGNER_NAME, SUBJECT, Doc, Line, Part, first_words, number_sections)


def _paths(draft: Draft) -> dict[int, FieldPath]:
    """id(src) of every body element → its field path (blocks carry their element's src)."""
    out: dict[int, FieldPath] = {}

    def visit(node, here: FieldPath):
        if node.src is not None:
            out[id(node.src)] = here
        for t, task in enumerate(node.tasks):
            if task.src is not None:
                out[id(task.src)] = here / ("tasks", t)
        for j, item in enumerate(node.items):
            if not isinstance(item, str):
                visit(item, here / ("items", j))

    for i, node in enumerate(draft.sections):
        visit(node, FieldPath(("sections", i)))
    for u, unit in enumerate(draft.units):
        if unit.src is not None:
            out[id(unit.src)] = FieldPath(("units", u))
    return out


class _Builder:
    def __init__(self, draft: Draft):
        self.draft = draft
        self.file = draft.src.file if draft.src else None
        self.parts: list[Part] = []
        self.paths = _paths(draft)

    def part(self, kind: str, attached: bool = False) -> Part:
        p = Part(kind, len(self.parts), attached=attached)
        self.parts.append(p)
        return p

    def add(self, part: Part, text: str, role: str, field: str | FieldPath | None = None, src=None,
            labelled: bool = False) -> None:
        if not text or not text.strip():
            return
        line = src.line if src is not None else None
        path = self.paths.get(id(src)) if src is not None else None
        if path is None and field is not None:
            path = field if isinstance(field, FieldPath) else FieldPath.parse(field)
        label = typed_label(text)[0] if labelled else None
        part.lines.append(Line(text=" ".join(text.split()), role=role, label=label, part=part.index,
                               where=Where(file=self.file, line=line, field=path or None,
                                           excerpt=first_words(text))))

    def header(self, part: Part, hdr: dict) -> None:
        self.add(part, hdr.get("parent", ""), PARENT, "issuer.parent")
        for text in hdr.get("issuer", []):
            self.add(part, text, ISSUER, "issuer")
        self.add(part, NATIONAL_TITLE_TEXT, NATIONAL)
        self.add(part, MOTTO_TEXT, MOTTO)
        self.add(part, hdr.get("number", ""), NUMBER, "number")
        self.add(part, hdr.get("place_date", ""), PLACE_DATE, "date")

    def closing(self, part: Part, ctx: dict, prefix: str = "") -> None:
        if not ctx.get("recipients") and not ctx.get("signer"):
            return
        self.add(part, "Nơi nhận:", RECIPIENTS_TITLE, f"{prefix}recipients")
        lines = ctx.get("recipients", [])
        for i, text in enumerate(lines):
            field = f"{prefix}archive" if i == len(lines) - 1 else f"{prefix}recipients"
            self.add(part, text, RECIPIENT, field, labelled=True)
        signer = ctx.get("signer") or {}
        for text in signer.get("titles", []):
            self.add(part, text, SIGNER, f"{prefix}signer")
        self.add(part, signer.get("name", ""), SIGNER_NAME, f"{prefix}signer.name")

    def build(self) -> Doc:
        draft = self.draft
        ctx = build_context(draft)
        if ctx["show"]["decision"]:
            d = ctx["decision"]
            part = self.part("decision")
            self.header(part, d["hdr"])
            self.add(part, "QUYẾT ĐỊNH", KIND)
            self.add(part, d["subject"], SUBJECT, "decision.subject")
            self.add(part, d["author"], AUTHOR, "decision.author")
            for text in d["bases"]:
                self.add(part, text, BASIS, "decision.bases")
            self.add(part, "QUYẾT ĐỊNH:", DECIDE)
            for a in d["articles"]:
                self.add(part, f"{a['label']} {a['text']}", BODY, "decision.articles", labelled=True)
            self.closing(part, d, "decision.")
        p = ctx["plan"]
        part = self.part("plan", attached=bool(p["attached"]))
        self.header(part, p["hdr"])
        self.add(part, p["kind_word"], KIND)
        self.add(part, p["subject"], SUBJECT, "subject")
        self.add(part, p["attached"], ATTACHED)
        # The plan's bases, one line each (the document joins them in one sentence), then the body.
        for i, c in enumerate(draft.bases):
            self.add(part, f"{verb(c)} {cite(c)}", BASIS, FieldPath(("bases", i)), c.src)
        body = p["body"][len(plan_opening(draft)) if draft.bases else 0:]
        if draft.bases and lead_in(draft):
            self.add(part, inline.plain(lead_in(draft)), BODY, "preamble")
        last_src = None
        for block in body:
            src = block.src if block.src is not None else last_src
            if block.src is not None:
                last_src = block.src
            self.add(part, block.full, BODY, "sections", src, labelled=True)
        self.closing(part, p)
        for i, a in enumerate(ctx["appendices"]):
            part = self.part("appendix", attached=True)
            self.add(part, a["label"], APPENDIX_LABEL, FieldPath(("appendices", i)))
            self.add(part, a["title"], APPENDIX_TITLE, FieldPath(("appendices", i, "title")))
            self.add(part, a["attached"], ATTACHED)
            for row in a["rows"]:
                for cell in row["cells"]:
                    self.add(part, cell["text"], CELL, FieldPath(("appendices", i)))
        number_sections(self.parts)
        name = self.file or "bản thảo"
        return Doc(name, "draft", self.parts, draft=draft)


def draft_structure(draft: Draft) -> Doc:
    return _Builder(draft).build()

