"""How legal bases read in a document: one citation, the bases sentence of a plan, a decision's
lines, the opening paragraphs before the body. The renderer, the preview and the checker use these."""
from __future__ import annotations

from .model import Citation, Draft


def cite(c: Citation) -> str:
    """The citation without its verb: "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ..."."""
    if c.text:
        return c.text
    if c.name and not c.number:
        return " ".join(p for p in (c.name, f"ngày {c.date}" if c.date else "", c.subject or "") if p)
    parts = [f"{c.kind} số {c.number}"]
    if c.date:
        parts.append(f"ngày {c.date}")
    if c.issuer:
        parts.append(f"của {c.issuer}")
    if c.subject:
        parts.append(c.subject)
    return " ".join(parts)


def verb(c: Citation) -> str:
    return c.verb or ("Thực hiện" if c.party else "Căn cứ")


def bases_sentence(cites: list[Citation]) -> str:
    """Bases as one run: "Căn cứ A; B; Thực hiện C" (the verb repeats only when it changes)."""
    out, last = [], None
    for c in cites:
        v = verb(c)
        out.append(cite(c) if v == last else f"{v} {cite(c)}")
        last = v
    return "; ".join(out)


def opening(cites: list[Citation], end: str, preamble: str | None) -> list[str]:
    """A plan's first paragraphs: its bases as one sentence closed by ``end`` and the preamble."""
    if not cites:
        return [preamble] if preamble else []
    sentence = bases_sentence(cites)
    if preamble and end != ".":
        return [f"{sentence}{end} {preamble}"]
    return [f"{sentence}."] + ([preamble] if preamble else [])


def lead_in(draft: Draft) -> str | None:
    """The paragraph after the bases: "Theo đề nghị của ..., " and the preamble."""
    if not draft.proposer:
        return draft.preamble
    proposer = "Theo đề nghị của " + draft.proposer.strip().removeprefix("Theo đề nghị của ").rstrip(";.,")
    return f"{proposer}, {draft.preamble}" if draft.preamble else f"{proposer}."


def plan_opening(draft: Draft) -> list[str]:
    """A plan's paragraphs before its body: bases (one sentence, or one a line), the proposer
    ("Theo đề nghị của ..."), the preamble."""
    # "Theo đề nghị của ..." starts with a capital, as each "Căn cứ" does: after ";" or ".", never ", Theo"
    end = ";" if draft.proposer and draft.bases_end == "," else draft.bases_end
    return opening_paragraphs(draft.bases, end, lead_in(draft), draft.bases_layout)


def opening_paragraphs(cites: list[Citation], end: str, lead: str | None, layout: str) -> list[str]:
    """``layout`` "sentence": as :func:`opening`; "lines": one basis a paragraph, each ending with
    ";", the last with "." when no lead-in paragraph follows."""
    if layout == "sentence" or not cites:
        return opening(cites, end, lead)
    lines = basis_lines(cites)
    if not lead:
        lines[-1] = lines[-1][:-1] + "."
    return lines + ([lead] if lead else [])


def basis_lines(cites: list[Citation]) -> list[str]:
    """A decision's bases: one a line, each ending with ";"."""
    return [f"{verb(c)} {cite(c)};" for c in cites]
