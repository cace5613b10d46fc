"""Content checks on a valid draft: what officials get wrong and a schema cannot see.

Each finding is a :class:`Problem` with the field path (for the TUI to jump to) and the
line the element came from. These are warnings: the draft still renders.
"""
from __future__ import annotations

from .errors import Problem, Severity
from .fieldpath import FieldPath
from .model import Draft, Node

_COLLECTIVE = ("các cơ quan", "các phòng", "các đơn vị", "các bộ phận", "như điều")


def _where(draft: Draft, element, path: FieldPath | str, message: str, rule: str) -> Problem:
    """At the element's line when it has one, else in the draft's file (``Problem`` parses a text path).

    ``rule`` is the check's stable id, so that a finding can be explained, counted or switched off.
    """
    src = getattr(element, "src", None)
    if src is None or src.line is None or element is draft:
        return Problem(message, draft.src.file if draft.src else None, field=path, severity=Severity.WARNING,
                       rule=rule)
    return Problem(message, src.file, src.line, src.column, path, severity=Severity.WARNING, rule=rule)


def _empty(node: Node) -> bool:
    return not (node.items or node.tasks or node.generate or node.responsible)


def _headed_tasks(node: Node) -> Node | None:
    """"b) Nhiệm vụ" as the last titled item, followed on the page by its parent's tasks."""
    last = node.items[-1] if node.items else None
    return last if isinstance(last, Node) and node.tasks and _empty(last) else None


def _walk(nodes: list[Node], path: FieldPath):
    """Every node with its field path, depth first."""
    for i, node in enumerate(nodes):
        yield from _walk_one(node, path / i)


def _walk_one(node: Node, path: FieldPath):
    yield node, path
    heading = _headed_tasks(node)
    for j, item in enumerate(node.items):
        if isinstance(item, Node) and item is not heading:
            yield from _walk_one(item, path / ("items", j))


def check_draft(draft: Draft) -> list[Problem]:
    out: list[Problem] = []
    if not draft.signer.name.strip():
        out.append(_where(draft, draft.signer, "signer.name",
                          "chưa có họ tên người ký; hãy ghi họ tên đầy đủ, không kèm chức danh", "SIGNER-NAME"))
    if not draft.bases:
        out.append(_where(draft, draft, "bases", "kế hoạch chưa có căn cứ; hãy thêm ít nhất kế hoạch của cấp trên",
                          "BASES-NONE"))
    seen: dict[str, int] = {}
    for i, c in enumerate(draft.bases):
        if c.number:
            if c.number in seen:
                out.append(_where(draft, c, FieldPath(("bases", i)),
                                  f"căn cứ số {c.number} đã có ở căn cứ thứ {seen[c.number] + 1}; hãy xóa bản trùng",
                                  "BASES-DUPLICATE"))
            seen.setdefault(c.number, i)
    if not draft.recipients:
        out.append(_where(draft, draft, "recipients",
                          "chưa có nơi nhận; hãy thêm cơ quan cấp trên (b/c) và các đơn vị thực hiện",
                          "RECIPIENTS-NONE"))
    if "VT" not in draft.archive.replace(",", " ").split():
        out.append(_where(draft, draft, "archive", "dòng «Lưu:» cần có «VT» (văn thư), ví dụ «VT, VHXH»",
                          "RECIPIENTS-ARCHIVE-VT"))
    if draft.commune.name not in draft.subject:
        out.append(_where(draft, draft, "subject",
                          f"trích yếu chưa nêu tên {draft.commune.full}; hãy ghi rõ kế hoạch của xã, phường nào",
                          "SUBJECT-COMMUNE"))

    leads: set[str] = set()
    for node, path in _walk(draft.sections, FieldPath(("sections",))):
        if node.title and _empty(node) and "phụ lục" not in node.title.lower():
            # ("III. ... (có phụ lục kèm theo)" points at the appendix: it needs no text.)
            out.append(_where(draft, node, path, f"mục «{node.title}» chưa có nội dung; hãy viết nội dung hoặc xóa mục",
                              "SECTION-EMPTY"))
        for t, task in enumerate(node.tasks):
            if not task.lead:
                out.append(_where(draft, task, path / ("tasks", t, "lead"),
                                  "nhiệm vụ chưa có đơn vị chủ trì; hãy chọn một đơn vị trong danh mục",
                                  "TASK-NO-LEAD"))
            leads.update(task.lead)

    texts = " | ".join((r.text or "").lower() for r in draft.recipients)
    received = {r.unit for r in draft.recipients if r.unit}
    if draft.recipients and not any(word in texts for word in _COLLECTIVE):
        for unit in draft.units:
            if unit.id in leads and unit.receives and unit.id not in received and unit.name.lower() not in texts:
                out.append(_where(draft, unit, "recipients",
                                  f"{unit.name} chủ trì nhiệm vụ nhưng không có trong nơi nhận; hãy thêm đơn vị này",
                                  "RECIPIENTS-LEAD-UNIT"))
    return out
