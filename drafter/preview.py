"""What a document will say, as plain text: for the editor's previews, a terminal, the tests.

Every function reads what the renderer reads (``drafter.context`` and ``drafter.outline``),
so a preview can never differ from the DOCX. No DOCX, no markup here.
"""
from __future__ import annotations

from pydantic import ValidationError

from .library import citation_library
from .model import Citation, Draft
from .citations import basis_lines, cite, opening, opening_paragraphs, verb
from .duties import derived_duty
# .context and .outline (with fragments, nd30, wml) are imported where used: the TUI's steps import
# this module, and the editor's first paint needs none of them.
from .yamlio import to_plain


def plain_text(draft: Draft) -> list[str]:
    """The document's paragraphs as text, numbering resolved: decision, then plan."""
    from .context import build_context

    ctx = build_context(draft)
    out = []
    if ctx["show"]["decision"]:
        d = ctx["decision"]
        out += ["QUYẾT ĐỊNH", d["subject"], d["author"], *d["bases"], "QUYẾT ĐỊNH:"]
        out += [f"{a['label']} {a['text']}" for a in d["articles"]]
    p = ctx["plan"]
    out += [p["kind_word"], p["subject"]] + ([p["attached"]] if p["attached"] else [])
    if p["to"]:
        out += [f"Kính gửi: {p['to'][0]}"] if len(p["to"]) == 1 else ["Kính gửi:", *(f"- {t}" for t in p["to"])]
    out += [b.full for b in p["body"]]
    return out


# ----------------------------------------------------------------- parts, while a draft is edited

def citation_of(entry) -> Citation | None:
    """One basis as written in the YAML (a library ``ref`` completed by its own fields), or None.

    Works on a single entry, so a basis previews while the rest of the draft is still invalid.
    """
    if not isinstance(entry, dict):
        return None
    own = {k: v for k, v in to_plain(entry).items() if v is not None}
    if own.get("ref"):
        lib = citation_library().get(own["ref"])
        if lib is None:
            return None
        own = {**lib.model_dump(exclude_none=True), **own}
    try:
        return Citation.model_validate({k: (str(v) if k != "ref" else v) for k, v in own.items()})
    except ValidationError:
        return None


def citation_line(entry) -> str:
    """"Căn cứ Nghị quyết số 76/NQ-CP ..." or what is missing, for one basis as written."""
    c = citation_of(entry)
    if c is None:
        if isinstance(entry, dict) and entry.get("ref"):
            return f"(không có mã «{entry.get('ref')}» trong thư viện)"
        return "(căn cứ chưa đủ: cần loại và số văn bản, hoặc nguyên văn)"
    return f"{verb(c)} {cite(c)}"


def bases_text(cites: list[Citation], *, decision: bool = False, end: str = ",",
               preamble: str | None = None, layout: str = "sentence") -> str:
    """The bases as the document shows them: a decision's one a line, a plan's as one sentence
    (or one a line with ``layout="lines"``)."""
    if decision:
        return "\n".join(basis_lines(cites))
    if not cites:
        return ""
    if layout == "lines":
        return "\n".join(opening_paragraphs(cites, end, preamble, layout)[:len(cites)])
    return opening(cites, end, preamble)[0]


def unit_duties(draft: Draft) -> dict[str, str | None]:
    """Unit id → the duty sentence derived from the assignment (None: nothing assigned)."""
    if not draft.derive_duties:
        return {u.id: None for u in draft.units}
    from .outline import layout_body

    _, layout = layout_body(draft)
    return {u.id: derived_duty(draft, u, layout) for u in draft.units}


def closing_lines(draft: Draft) -> list[str]:
    """The plan's distribution list and signature block, one line each ("" between them)."""
    from .context import recipient_lines, signer_lines

    sig = signer_lines(draft.signer)
    return (["Nơi nhận:", *recipient_lines(draft, draft.recipients, draft.archive, draft.archive_nested), "", *sig["titles"], "",
             sig["name"] or "(chưa có tên người ký)"])
