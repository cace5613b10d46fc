"""Rules on a draft's model: what the YAML says, pointed at by field and line.

Some rules exist only here (a task without a lead); the others are the draft form of a
content rule (``draft_form``): the same rule, read on the fields so the TUI can jump there.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..fieldpath import FieldPath
from ..model import Draft, Node
from .findings import Where
from .registry import DRAFT, PRACTICE, WARNING, Hit, Yaml, draft_form, rule
from .samples import draft as yaml

_COLLECTIVE = ("các cơ quan", "các phòng", "các đơn vị", "các bộ phận", "như điều",
               "các sở", "ubnd các xã", "ủy ban nhân dân các xã", "ubnd cấp xã")  # a province's plan


def at(draft: Draft, element, path: FieldPath | str) -> Where:
    """At the element's line when it has one, else in the draft's file."""
    path = path if isinstance(path, FieldPath) else FieldPath.parse(path)
    src = getattr(element, "src", None)
    file = draft.src.file if draft.src else None
    if src is None or src.line is None or element is draft:
        return Where(file=file, field=path or None)
    return Where(file=src.file, line=src.line, column=src.column, field=path or None)


def _empty(node: Node) -> bool:
    return not (node.items or node.tasks or node.generate or node.responsible)


def _headed_tasks(node: Node) -> Node | None:
    """"b) Nhiệm vụ" as the last titled item, followed on the page by its parent's tasks."""
    last = node.items[-1] if node.items else None
    return last if isinstance(last, Node) and node.tasks and _empty(last) else None


def walk(nodes: list[Node], path: FieldPath):
    """Every node with its field path, depth first."""
    for i, node in enumerate(nodes):
        yield from _walk_one(node, path / i)


def _walk_one(node: Node, path: FieldPath):
    yield node, path
    heading = _headed_tasks(node)
    for j, item in enumerate(node.items):
        if isinstance(item, Node) and item is not heading:
            yield from _walk_one(item, path / ("items", j))


# ----------------------------------------------------------------------------- draft-only rules

@rule("SECTION-EMPTY", WARNING, "mục có tiêu đề mà chưa có nội dung", clause=PRACTICE, scope=DRAFT,
      trigger=Yaml(yaml("recipients:", "      - title: Mục còn trống\nrecipients:")),
      passing=Yaml(yaml()))
def section_empty(draft: Draft) -> Iterator[Hit]:
    for node, path in walk(draft.sections, FieldPath(("sections",))):
        # "III. ... (có phụ lục kèm theo)" points at the appendix: it needs no text.
        if node.title and _empty(node) and "phụ lục" not in node.title.lower():
            yield Hit(f"mục «{node.title}» chưa có nội dung", "hãy viết nội dung hoặc xóa mục", at(draft, node, path))


@rule("TASK-NO-LEAD", WARNING, "nhiệm vụ chưa có đơn vị chủ trì", clause=PRACTICE, scope=DRAFT,
      trigger=Yaml(yaml("{text: Rà soát thủ tục hành chính, lead: kt}", "{text: Rà soát thủ tục hành chính}")),
      passing=Yaml(yaml()))
def task_no_lead(draft: Draft) -> Iterator[Hit]:
    for node, path in walk(draft.sections, FieldPath(("sections",))):
        for t, task in enumerate(node.tasks):
            if not task.lead:
                yield Hit("nhiệm vụ chưa có đơn vị chủ trì", "hãy chọn một đơn vị trong danh mục",
                          at(draft, task, path / ("tasks", t, "lead")))


@rule("RECIPIENTS-LEAD-UNIT", WARNING, "đơn vị chủ trì nhiệm vụ mà không có trong nơi nhận", clause=PRACTICE,
      scope=DRAFT, trigger=Yaml(yaml("recipients: [{unit: vhxh}, {unit: kt}]", "recipients: [{unit: vhxh}]")),
      passing=Yaml(yaml()))
def lead_not_recipient(draft: Draft) -> Iterator[Hit]:
    leads: set[str] = set()
    for node, _ in walk(draft.sections, FieldPath(("sections",))):
        for task in node.tasks:
            leads.update(task.lead)
    texts = " | ".join((r.text or "").lower() for r in draft.recipients)
    received = {r.unit for r in draft.recipients if r.unit}
    if not draft.recipients or any(word in texts for word in _COLLECTIVE):
        return
    for unit in draft.units:
        if unit.id in leads and unit.receives and unit.id not in received and unit.name.lower() not in texts:
            yield Hit(f"{unit.name} chủ trì nhiệm vụ nhưng không có trong nơi nhận", "hãy thêm đơn vị này",
                      at(draft, unit, "recipients"))


_PROMPT = re.compile(r"\[(?:Nêu|Ghi|nêu|ghi)\b[^\]]{0,300}\]")


@rule("REPORT-PROMPT", WARNING, "còn đoạn gợi ý «[Nêu …]» chưa viết thay (báo cáo lập bằng drafter report)",
      clause=PRACTICE, scope=DRAFT,
      trigger=Yaml(yaml("      - title: Chỉ đạo\n", "      - '[Nêu các văn bản chỉ đạo đã ban hành.]'\n"
                                                      "      - title: Chỉ đạo\n")),
      passing=Yaml(yaml()))
def report_prompt(draft: Draft) -> Iterator[Hit]:
    for node, path in walk(draft.sections, FieldPath(("sections",))):
        for j, item in enumerate(node.items):
            m = _PROMPT.search(item) if isinstance(item, str) else None
            if m:
                yield Hit(f"còn gợi ý «{m.group(0)[:80]}» chưa viết", "hãy viết nội dung thật thay cho đoạn trong "
                          "ngoặc vuông, hoặc xóa đoạn nếu không cần", at(draft, node, path / ("items", j)))


# ----------------------------------------------------------------------------- draft forms of content rules

@draft_form("SIGNER-NAME", trigger=Yaml(yaml("signer: {name: Nguyễn Văn An}\n", "")), passing=Yaml(yaml()))
def signer_name(draft: Draft) -> Iterator[Hit]:
    if not draft.signer.name.strip():
        yield Hit("chưa có họ tên người ký", "hãy ghi họ tên đầy đủ, không kèm chức danh",
                  at(draft, draft.signer, "signer.name"))


@draft_form("BASES-NONE", trigger=Yaml(yaml("bases:\n  - ref: nq-76-2021\n", "")), passing=Yaml(yaml()))
def bases_none(draft: Draft) -> Iterator[Hit]:
    if not draft.bases:
        yield Hit("kế hoạch chưa có căn cứ", "hãy thêm ít nhất kế hoạch của cấp trên", at(draft, draft, "bases"))


@draft_form("BASES-DUPLICATE", trigger=Yaml(yaml("  - ref: nq-76-2021\n", "  - ref: nq-76-2021\n  - ref: nq-76-2021\n")),
            passing=Yaml(yaml()))
def bases_duplicate(draft: Draft) -> Iterator[Hit]:
    seen: dict[str, int] = {}
    for i, c in enumerate(draft.bases):
        if c.number:
            if c.number in seen:
                yield Hit(f"căn cứ số {c.number} đã có ở căn cứ thứ {seen[c.number] + 1}", "hãy xóa bản trùng",
                          at(draft, c, FieldPath(("bases", i))))
            seen.setdefault(c.number, i)


@draft_form("RECIPIENTS-NONE", trigger=Yaml(yaml("recipients: [{unit: vhxh}, {unit: kt}]\n", "")),
            passing=Yaml(yaml()))
def recipients_none(draft: Draft) -> Iterator[Hit]:
    if not draft.recipients:
        yield Hit("chưa có nơi nhận", "hãy thêm cơ quan cấp trên (b/c) và các đơn vị thực hiện",
                  at(draft, draft, "recipients"))


@draft_form("RECIPIENTS-ARCHIVE-VT", trigger=Yaml(yaml("archive: VT, VHXH", "archive: VHXH")), passing=Yaml(yaml()))
def archive_vt(draft: Draft) -> Iterator[Hit]:
    if "VT" not in draft.archive.replace(",", " ").split():
        yield Hit("dòng «Lưu:» cần có «VT» (văn thư)", "ví dụ «VT, VHXH»", at(draft, draft, "archive"))


@draft_form("SUBJECT-COMMUNE", trigger=Yaml(yaml("subject: Cải cách hành chính xã An Lạc năm 2026",
                                                 "subject: Cải cách hành chính năm 2026")),
            passing=Yaml(yaml()))
def subject_commune(draft: Draft) -> Iterator[Hit]:
    # A province's plan is the province's by its issuer; its subject seldom names it (Đồng Tháp 617).
    if draft.commune.type not in ("tỉnh", "thành phố") and draft.commune.name not in draft.subject:
        yield Hit(f"trích yếu chưa nêu tên {draft.commune.full}", "hãy ghi rõ kế hoạch của xã, phường nào",
                  at(draft, draft, "subject"))
