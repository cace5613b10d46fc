"""Turning a rule's examples into documents and running the rule on them (the tests do; so can a user
who wants to see a rule at work)."""
from __future__ import annotations

import io
from functools import cache

from ..reader import read_bytes
from .findings import Finding
from .registry import Example, Rule
from .runner import check_structure
from .structure import Doc, read_structure

BASE_DRAFT = "loc-hoa-2025.yaml"  # decision + plan + appendix table: every component of ND 30 is there


@cache
def base_docx() -> bytes:
    """drafter's own rendering of a shipped example: what Docx examples edit."""
    from ..loader import load_draft
    from ..render import render_draft
    from ..resources import presets_dir

    return render_draft(load_draft(presets_dir() / "examples" / BASE_DRAFT).draft)


def document_of(example: Example) -> Doc:
    if example.kind == "text":
        return read_structure(read_bytes(example.source.encode("utf-8"), "vi-du.txt"))
    if example.kind == "yaml":
        from ..loader import parse_draft
        from .from_draft import draft_structure

        return draft_structure(parse_draft(example.source, "vi-du.yaml").draft)
    import docx

    document = docx.Document(io.BytesIO(base_docx()))
    if example.source is not None:
        example.source(document)
    out = io.BytesIO()
    document.save(out)
    return read_structure(read_bytes(out.getvalue(), "vi-du.docx"))


def run_example(rule: Rule, example: Example) -> list[Finding]:
    """The findings of ``rule`` alone on the example (a broken rule raises)."""
    return check_structure(document_of(example), only={rule.id}, strict=True)
