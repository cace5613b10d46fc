"""Text derived from the assignment: "Phụ trách thực hiện" under an area, each unit's duties citing the
rows it leads or supports, and which bodies are asked («đề nghị») rather than assigned."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .model import Draft, Node, Task, Unit, all_tasks, walk_nodes
from .numerals import roman
from .text import lower_first

if TYPE_CHECKING:
    from .outline import Layout


def unit_names(draft: Draft, ids: list[str]) -> str:
    names = [(draft.unit(i).name if draft.unit(i) else i) for i in ids]
    return ", ".join(names)


def requested(draft: Draft, unit_id: str) -> bool:
    """A body the commune's UBND cannot assign (the Front, mass organisations): it is asked, «đề nghị»."""
    unit = draft.unit(unit_id)
    return unit is not None and unit.role == "requested"


_PAREN = re.compile(r"\s*\([^()]*\)")
# A long clause names its task up to the first of these, once it has said what is done: «phát huy vai trò
# của Tổ công nghệ số cộng đồng» rather than the whole «… trong hỗ trợ người dân … tại tổ dân phố».
_TOPIC_CUT = re.compile(r" (?:trong|tại|trên|theo|cho|về|đối với|nhằm|để) ")
TOPIC_WORDS = 12  # a clause of more words is cut; fewer is the topic as written
TOPIC_MIN = 4  # the words kept before a cut


def task_topic(task: Task) -> str:
    """What a task is about, inside a sentence: the first clause of its body wording ("Triển khai Đề án 06;
    ..." → "triển khai Đề án 06"), a long one up to its first circumstance, for saying which unit leads
    which task (in «Phụ trách thực hiện» and the duties)."""
    head = _PAREN.sub("", task.body_text.split(";")[0]).strip().rstrip(".,:")
    if len(head.split()) > TOPIC_WORDS:
        # The longest cut that fits, else the shortest there is.
        cuts = [m.start() for m in _TOPIC_CUT.finditer(head) if len(head[:m.start()].split()) >= TOPIC_MIN]
        fits = [c for c in cuts if len(head[:c].split()) <= TOPIC_WORDS]
        if cuts:
            head = head[:(fits or cuts)[-1 if fits else 0]].rstrip(",")
    return lower_first(head) if head[:2] != head[:2].upper() else head


def responsible_line(draft: Draft, node: Node) -> str:
    """"Phụ trách thực hiện: ...": one lead per task; when the tasks have different leads, which unit
    leads which; the requested bodies apart ("đề nghị ... phối hợp"), never among those assigned."""
    if node.responsible and node.responsible != "auto":
        return node.responsible
    groups: dict[str, tuple[list[Task], list[str]]] = {}
    asked: list[str] = []
    for t in node.tasks:
        lead = next((u for u in t.lead if not requested(draft, u)), None)
        if lead is None:
            continue
        tasks, supports = groups.setdefault(lead, ([], []))
        tasks.append(t)
        for u in t.lead[1:] + t.support:
            if requested(draft, u):
                asked += [u] if u not in asked else []
            elif u != lead and u not in supports:
                supports.append(u)
    parts = []
    # The unit leading most of the part's tasks leads it; each task another unit leads is named apart.
    main = max(groups, key=lambda u: len(groups[u][0]), default=None)
    for lead, (tasks, supports) in groups.items():
        if lead == main:
            text = f"{unit_names(draft, [lead])} chủ trì"
            if supports:
                text += f", phối hợp với {unit_names(draft, supports)}"
        else:
            text = "riêng " + " và ".join(f"nhiệm vụ {task_topic(t)}" for t in tasks)
            text += f" do {unit_names(draft, [lead])} chủ trì"
            if supports:
                text += f", {unit_names(draft, supports)} phối hợp"
        parts.append(text)
    if main is not None:
        parts.insert(0, parts.pop(list(groups).index(main)))
    if not parts:
        parts.append("Các cơ quan, đơn vị")
    if asked:
        parts.append(f"đề nghị {unit_names(draft, asked)} phối hợp thực hiện")
    return f"Phụ trách thực hiện: {'; '.join(parts)}."


def _involved(draft: Draft) -> set[str]:
    involved: set[str] = set()
    if draft.derive_duties:
        for t in all_tasks(draft):
            involved.update(t.lead)
            involved.update(t.support)
    return involved


def units_with_duties(draft: Draft) -> list[Unit]:
    """Units assigned a duties part: those with their own text, or a task when derived; the requested
    bodies are not among them (:func:`requested_with_duties`)."""
    involved = _involved(draft)
    return [u for u in draft.units if (u.duties or u.id in involved) and u.role != "requested"]


def requested_with_duties(draft: Draft) -> list[Unit]:
    """The bodies the plan asks to take part («Đề nghị ...»): after the units' duties, on their own."""
    involved = _involved(draft)
    return [u for u in draft.units if (u.duties or u.id in involved) and u.role == "requested"]


def appendix_areas(nodes: list[Node]) -> list[Node]:
    """The outermost nodes that directly hold appendix tasks, in reading order: the appendix's groups."""
    out = []
    for node in nodes:
        if any(t.appendix for t in node.tasks):
            out.append(node)
        else:
            out += appendix_areas([i for i in node.items if isinstance(i, Node)])
    return out


def appendix_numbers(draft: Draft) -> dict[int, tuple[int, int]]:
    """id(task) → (group, row) of its row in the task appendix ("II.3" is (2, 3)); empty without one."""
    if not any(a.source == "tasks" for a in draft.appendices):
        return {}
    out = {}
    for g, area in enumerate(appendix_areas(draft.sections), 1):
        rows = [t for t in area.tasks if t.appendix]
        for r, t in enumerate(rows, 1):
            out[id(t)] = (g, r)
    return out


def row_ranges(rows: list[tuple[int, int]]) -> str:
    """[(1, 1), (1, 2), (1, 3), (3, 5)] → "I.1–I.3, III.5": consecutive rows of a group as a range."""
    out: list[list[tuple[int, int]]] = []
    for g, r in sorted(set(rows)):
        if out and out[-1][-1] == (g, r - 1):
            out[-1].append((g, r))
        else:
            out.append([(g, r)])

    def one(g: int, r: int) -> str:
        return f"{roman(g)}.{r}"
    return ", ".join(one(*run[0]) if len(run) == 1 else
                     (f"{one(*run[0])}, {one(*run[-1])}" if len(run) == 2 else f"{one(*run[0])}–{one(*run[-1])}")
                     for run in out)


def appendix_label(draft: Draft) -> str:
    """How the body names the task appendix: "Phụ lục", or "Phụ lục I" among several."""
    if len(draft.appendices) <= 1:
        return "Phụ lục"
    index = next(i for i, a in enumerate(draft.appendices, 1) if a.source == "tasks")
    return f"Phụ lục {roman(index)}"


def _refs(draft: Draft, unit: Unit, layout: Layout, rows: dict[int, tuple[int, int]], role: str,
          taken: set[int]) -> str:
    """The tasks ``unit`` leads (``role`` "lead") or supports, as the reader finds them: appendix rows,
    else the body's parts (every task of the part, or the task named)."""
    in_rows, parts = [], []
    for node in walk_nodes(draft.sections):
        mine = [t for t in node.tasks if unit.id in (t.lead[:1] if role == "lead" else t.lead[1:] + t.support)
                and id(t) not in taken]
        if not mine:
            continue
        taken.update(id(t) for t in mine)
        in_rows += [rows[id(t)] for t in mine if id(t) in rows]
        shown = [t for t in mine if id(t) not in rows and t.body]
        ref = layout.ref(node)
        if not shown or not ref:
            continue
        if role != "lead" or len(shown) == len([t for t in node.tasks if t.body]):
            parts.append(("all", ref))
        else:
            parts.append(("some", ref, shown))
    out = []
    if in_rows:
        word = "các nhiệm vụ" if len(in_rows) > 1 else "nhiệm vụ"
        out.append(f"{word} {row_ranges(in_rows)} tại {appendix_label(draft)}")
    whole = [p[1] for p in parts if p[0] == "all"]
    if whole:
        out.append("các nhiệm vụ tại mục " + ", ".join(whole))
    for p in parts:
        if p[0] == "some":
            out.append(" và ".join(f"nhiệm vụ {task_topic(t)}" for t in p[2]) + f" tại mục {p[1]}")
    return ", ".join(out)


def derived_duty(draft: Draft, unit: Unit, layout: Layout) -> str | None:
    """"Chủ trì thực hiện các nhiệm vụ I.1–I.3, IV.1 tại Phụ lục; phối hợp thực hiện ...": the tasks the
    unit really leads and supports, by appendix row when the tasks are there, else by the body's part."""
    rows = appendix_numbers(draft)
    taken: set[int] = set()
    lead = _refs(draft, unit, layout, rows, "lead", taken)
    support = _refs(draft, unit, layout, rows, "support", taken)
    parts = []
    if lead:
        parts.append(f"chủ trì thực hiện {lead}")
    if support:
        parts.append(f"phối hợp thực hiện {support}")
    if not parts:
        return None
    text = "; ".join(parts)
    end = " kèm theo Kế hoạch này." if text.endswith(f"tại {appendix_label(draft)}") else " của Kế hoạch này."
    return text[0].upper() + text[1:] + end
