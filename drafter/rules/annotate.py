"""A copy of a Word file with one comment per finding, anchored to the paragraph it concerns.

Uses python-docx's comments (1.2+). Nothing else of the file changes: the comments part, its
relationship and content type, and the comment marks around the anchored runs are all that
differ (a test compares every other part).
"""
from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph

from ..reader import paragraph_in
from .findings import Finding

AUTHOR, INITIALS = "drafter", "DR"


def _with_runs(document, paragraph: DocxParagraph | None) -> DocxParagraph | None:
    """The paragraph itself when it has text runs, else the nearest one before it (a rule under a title)."""
    if paragraph is not None and paragraph.runs:
        return paragraph
    if paragraph is not None:
        for p in paragraph._p.itersiblings(preceding=True):
            if p.tag == qn("w:p"):
                candidate = DocxParagraph(p, paragraph._parent)
                if candidate.runs:
                    return candidate
    return next((p for p in document.paragraphs if p.runs), None)


def comment_text(f: Finding) -> str:
    return f"[{f.rule}] {f.severity.label}: {f.text}"


def annotate(data: bytes, findings: list[Finding]) -> tuple[bytes, int]:
    """The annotated copy's bytes and how many comments it carries."""
    document = docx.Document(io.BytesIO(data))
    placed = 0
    for f in findings:
        origin = f.where.origin
        target = None
        if origin is not None and origin.part == "body":
            target = paragraph_in(document, origin)
        target = _with_runs(document, target)
        if target is None:
            continue
        document.add_comment(target.runs, text=comment_text(f), author=AUTHOR, initials=INITIALS)
        placed += 1
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), placed
