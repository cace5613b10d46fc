"""Who does what, as a provincial reviewer reads it: one lead per task, duties that point at the
unit's own tasks, requested bodies (the Front) apart from the units assigned, a decision's recipients,
a plan that neither issues nor assigns itself, a body that summarises what the appendix details; and words
that depend on the commune (WORDS-*)."""
from __future__ import annotations

import re
from typing import Iterator

from ..fieldpath import FieldPath
from ..model import Draft, Node, all_tasks, walk_nodes
from ..text import fold
from .registry import CONTENT, DRAFT, HINT, PRACTICE, WARNING, Hit, Text, Yaml, draft_form, rule
from .samples import draft as yaml
from .samples import plan
from .structure import ATTACHED, BASIS, BODY, CELL, SUBJECT, Doc, first_words

def at(draft, element, path):
    from .draft import at as where  # late: .draft completes rules the other families define
    return where(draft, element, path)


def walk(nodes, path):
    from .draft import walk as nodes_of
    return nodes_of(nodes, path)


# A unit's name starts with one of these: several of them before "chủ trì" are several leads.
_UNIT_START = re.compile(r"^(Phòng|Văn phòng|Trung tâm|Công an|Ủy ban|UBND|Trạm|Ban|Hội|Đoàn|Các trường|Trường|"
                         r"Bộ phận|Tổ|Công chức|Ban Chỉ huy)\b")


def _leads_before(segment: str) -> list[str]:
    """The units named before "chủ trì" in one clause of a "Phụ trách thực hiện" line."""
    head = segment.split(" chủ trì", 1)[0]
    head = head.rsplit(" do ", 1)[-1]  # "riêng nhiệm vụ … do Công an xã chủ trì"
    head = head.removeprefix("Phụ trách thực hiện:").strip()
    pieces = [p.strip() for p in re.split(r",|\bvà\b(?= (?:Phòng|Văn phòng|Trung tâm|Công an|Ủy ban|Trạm))", head)]
    return [p for p in pieces if _UNIT_START.match(p)]


@rule("TASK-SEVERAL-LEADS", WARNING, "một nhiệm vụ có nhiều đơn vị cùng chủ trì", clause=PRACTICE, scope=CONTENT,
      trigger=Text(plan("Phụ trách thực hiện: Phòng Văn hóa - Xã hội chủ trì.",
                        "Phụ trách thực hiện: Văn phòng HĐND và UBND, Công an xã, Phòng Văn hóa - Xã hội chủ trì.")),
      passing=Text(plan("Phụ trách thực hiện: Phòng Văn hóa - Xã hội chủ trì.",
                        "Phụ trách thực hiện: Phòng Văn hóa - Xã hội chủ trì, phối hợp với Công an xã; riêng nhiệm vụ "
                        "triển khai Đề án 06 do Công an xã chủ trì.")))
def several_leads(doc: Doc) -> Iterator[Hit]:
    for line in doc.lines(BODY):
        if not line.body.startswith("Phụ trách thực hiện") or " chủ trì" not in line.body:
            continue
        for segment in line.body.split(";"):
            if " chủ trì" in segment and len(_leads_before(segment)) > 1:
                yield Hit(f"{len(_leads_before(segment))} đơn vị cùng «chủ trì»: không rõ ai chịu trách nhiệm nhiệm vụ nào",
                          "mỗi nhiệm vụ một đơn vị chủ trì; nếu các nhiệm vụ do các đơn vị khác nhau chủ trì, hãy nói "
                          "rõ đơn vị nào chủ trì nhiệm vụ nào («…; riêng nhiệm vụ … do … chủ trì»)", line)
                break


@draft_form("TASK-SEVERAL-LEADS",
            trigger=Yaml(yaml("{text: Rà soát thủ tục hành chính, lead: kt}", "{text: Rà soát thủ tục hành chính, "
                              "lead: [kt, vhxh]}")),
            passing=Yaml(yaml("{text: Rà soát thủ tục hành chính, lead: kt}", "{text: Rà soát thủ tục hành chính, "
                              "lead: kt, support: [vhxh]}")))
def several_leads_draft(draft: Draft) -> Iterator[Hit]:
    for node, path in walk(draft.sections, FieldPath(("sections",))):
        for t, task in enumerate(node.tasks):
            if len(task.lead) > 1:
                yield Hit(f"nhiệm vụ «{first_words(task.text)}» có {len(task.lead)} đơn vị chủ trì",
                          "giữ một đơn vị chủ trì, chuyển các đơn vị kia sang «support» (phối hợp), hoặc tách "
                          "thành các nhiệm vụ riêng", at(draft, task, path / ("tasks", t, "lead")))


# ----------------------------------------------------------------------------- duties point to the unit's tasks

_ROW = re.compile(r"\b([IVXLC]+)\.(\d+)(?:\s*[–-]\s*(?:([IVXLC]+)\.)?(\d+))?")
_PART = re.compile(r"\bmục\s+((?:[IVXLC]+(?:\.\d+)+(?:\s*,\s*)?)+)")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(s: str) -> int:
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = _ROMAN[a]
        total += -v if b != " " and _ROMAN[b] > v else v
    return total


_CLAUSE_END = re.compile(r";|phối hợp|chủ trì", re.I)
MAX_REFERENCES = 1000  # of one duty: a real one cites a few dozen rows; a hostile one is cut here


def _lead_clauses(text: str) -> list[str]:
    """The clauses of a duty that say what the unit leads: from "chủ trì" to the next ";", "phối hợp" or
    "chủ trì" (so that the clauses never overlap: their length in all is the text's)."""
    out = []
    for m in re.finditer(r"chủ trì", text, re.I):
        end = _CLAUSE_END.search(text, m.end())
        out.append(text[m.end():end.start() if end else len(text)])
    return out


def _node_leads(node: Node) -> set[str]:
    leads = {t.lead[0] for t in node.tasks if t.lead}
    for item in node.items:
        if isinstance(item, Node):
            leads |= _node_leads(item)
    return leads


def _references(text: str) -> Iterator[tuple[str, object]]:
    """What a duty says its unit leads: ("row", (group, row)) for "nhiệm vụ I.2 tại Phụ lục" (a range
    "I.1–I.5" gives each row), ("part", "II.1") for "các nhiệm vụ tại mục II.1"; at most MAX_REFERENCES."""
    for n, ref in enumerate(_references_all(text)):
        if n >= MAX_REFERENCES:
            return
        yield ref


def _references_all(text: str) -> Iterator[tuple[str, object]]:
    for clause in _lead_clauses(text):
        if "Phụ lục" in clause:
            for m in _ROW.finditer(clause):
                g, first = _roman(m.group(1)), int(m.group(2))
                last = int(m.group(4)) if m.group(4) else first
                g_last = _roman(m.group(3)) if m.group(3) else g
                # bounded: a typed "I.1–I.99999999" is no reason to loop for long
                for r in range(first, min(last, first + 300) + 1) if g_last == g else [first]:
                    yield "row", (g, r)
            continue
        for m in _PART.finditer(clause):
            for ref in re.split(r"\s*,\s*", m.group(1).strip().rstrip(",")):
                yield "part", ref


def _row_name(group: int, row: int) -> str:
    from ..numerals import roman
    return f"{roman(group)}.{row}"


def wrong_duty_refs(draft: Draft) -> Iterator[tuple[object, str, str, FieldPath]]:
    """(unit, the duty's text, the reference, field) for each "chủ trì … mục II.1" or "… I.2 tại Phụ lục" that
    names a part or an appendix row whose tasks another unit leads."""
    from ..duties import appendix_numbers, derived_duty
    from ..outline import layout_body

    _, layout = layout_body(draft)
    by_ref = {}
    for node in walk_nodes(draft.sections):
        ref = layout.ref(node)
        if ref and "." in ref:
            by_ref.setdefault(ref, node)
    numbers = appendix_numbers(draft)
    rows = {numbers[id(t)]: t for t in all_tasks(draft) if id(t) in numbers}
    for u, unit in enumerate(draft.units):
        texts = [(d, FieldPath(("units", u, "duties", i))) for i, d in enumerate(unit.duties) if isinstance(d, str)]
        if draft.derive_duties:
            derived = derived_duty(draft, unit, layout)
            if derived:
                texts.append((derived, FieldPath(("units", u))))
        for text, path in texts:
            for kind, ref in _references(text):
                if kind == "row":
                    task = rows.get(ref) if rows else None
                    if task is not None and task.lead[:1] != [unit.id]:
                        yield unit, text, _row_name(*ref), path
                    continue
                node = by_ref.get(ref)
                leads = _node_leads(node) if node is not None else set()
                if leads and unit.id not in leads:
                    yield unit, text, f"mục {ref}", path


# ----------------------------------------------------------------------------- … on a document as read

_PAREN_NOTE = re.compile(r"\s*\([^()]*\)")


def _words(text: str) -> str:
    return " " + " ".join(re.sub(r"[,;.:]", " ", fold(_PAREN_NOTE.sub("", text))).split()) + " "


def _same_unit(a: str, b: str) -> bool:
    """One unit, however written: «Công an xã» in «Công an xã An Lạc», «Phòng Kinh tế, Hạ tầng và Đô thị»
    whole; notes in brackets aside. Loose on purpose: a unit taken for another is a finding missed, never
    a false one."""
    wa, wb = _words(a), _words(b)
    return wa.strip() != "" and wb.strip() != "" and (wa in wb or wb in wa)


def _leads_named(cell: str) -> list[str]:
    """The units of an appendix «chủ trì» cell: one a line or separated by «;» (a unit's name may hold «,»)."""
    return [p.strip() for p in re.split(r"[;\n]", cell) if p.strip()]


def _column(heading: str) -> str | None:
    """What an appendix column holds, from its heading: "lead", "task" or None."""
    h = fold(heading)
    if "chu tri" in h and "phoi hop" not in h:
        return "lead"
    if any(w in h for w in ("nhiem vu", "noi dung", "hoat dong")) and not any(
            w in h for w in ("chu tri", "phoi hop", "ket qua", "san pham", "thoi gian")):
        return "task"
    return None


def task_table(table) -> tuple[list[list], dict[str, int]] | None:
    """A task table as rows of cells (each grid column → the cell covering it) after its headings, and the
    columns found by heading ({"lead": 4, "task": 2}); None for a table that is no task table."""
    grid = table.grid()
    for i, cells in enumerate(grid[:4]):
        columns: dict[str, int] = {}
        for j, c in enumerate(cells):
            kind = _column(c.text) if c is not None else None
            if kind and kind not in columns and j > 0:
                columns[kind] = j
        if columns:
            return grid[i + 1:], columns
    return None


def _text(cells: list, j: int) -> str:
    return cells[j].text if j < len(cells) and cells[j] is not None else ""


_GROUP_NUMERAL = re.compile(r"([IVXLC]+)(?:\.(?:\s|$)|$)")


def _group_numeral(first: str) -> int | None:
    """The group a row opens: «II» in its STT cell, or «II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH» in one cell."""
    m = _GROUP_NUMERAL.match(first.strip())
    return _roman(m.group(1)) if m else None


def _group_row(cells: list) -> bool:
    """A group's row: I, II … (or A, B …) in the first column, or its title in one cell across the columns
    («1 | Kiểm soát thủ tục hành chính» over the whole row, «I. CẢI CÁCH THỂ CHẾ» inline)."""
    first = _text(cells, 0).strip().rstrip(".")
    return bool(re.fullmatch(r"[IVXLC]+|[A-Z]", first)) or _group_numeral(_text(cells, 0)) is not None or any(
        c is not None and c.grid_span > 1 for c in cells[1:])


def appendix_leads(doc: Doc) -> dict[tuple[int, int], str]:
    """(group, row) → the «chủ trì» cell of every task table: the column whose heading says «chủ trì», the
    groups numbered I, II … in the first column and their rows 1, 2 …"""
    out: dict[tuple[int, int], str] = {}
    for part in doc.parts:
        for table in part.tables:
            found = task_table(table)
            if found is None or "lead" not in found[1]:
                continue
            rows, lead = found[0], found[1]["lead"]
            group = 0
            for cells in rows:
                first = _text(cells, 0).strip().rstrip(".")
                numeral = _group_numeral(_text(cells, 0))
                if numeral is not None:
                    group = numeral
                elif group and re.fullmatch(r"\d{1,4}", first) and not _group_row(cells):
                    out.setdefault((group, int(first)), _text(cells, lead))
    return out


def _part_leads(part) -> dict[str, list[str]]:
    """Section path ("II", "II.1") → the units its «Phụ trách thực hiện» lines say lead there."""
    out: dict[str, list[str]] = {}
    for line in part.of(BODY):
        if not line.section or not line.body.startswith("Phụ trách thực hiện"):
            continue
        # Each clause's leads as written, whole: «Phòng Kinh tế, Hạ tầng và Đô thị» holds a comma.
        leads = [seg.split(" chủ trì", 1)[0].rsplit(" do ", 1)[-1].removeprefix("Phụ trách thực hiện:").strip()
                 for seg in line.body.split(";") if " chủ trì" in seg]
        steps = line.section.split(".")
        for k in range(1, len(steps) + 1):
            out.setdefault(".".join(steps[:k]), []).extend(leads)
    return out


_HEADING_KINDS = ("roman", "decimal", "multilevel", "letter")


def _unit_duties(part) -> Iterator[tuple[str, str, object]]:
    """(unit as written, text, line) for each line of a unit's duties: under a heading that names the unit
    («a) Phòng Văn hóa - Xã hội», «3. Đề nghị Ủy ban MTTQ …») or on a line that starts with it and «:»."""
    current = None
    for line in part.of(BODY):
        body = line.body
        kind = line.label.kind if line.label else None
        head = body.removeprefix("Đề nghị ").strip()
        name, colon, rest = head.partition(":")
        is_unit = bool(_UNIT_START.match(name)) and len(name) < 100
        if kind in _HEADING_KINDS:
            current = name.strip() if is_unit else None
            if current and colon:
                yield current, rest, line
        elif is_unit and colon and kind in ("dash", "plus", None) and current is None:
            yield name.strip(), rest, line
        elif current:
            yield current, body, line


@rule("DUTY-REF-OTHER-UNIT", WARNING, "nhiệm vụ riêng của một đơn vị dẫn tới mục hay dòng phụ lục do đơn vị khác chủ trì",
      clause=PRACTICE, scope=CONTENT,
      trigger=Text(plan("III. TỔ CHỨC THỰC HIỆN\n", "III. TỔ CHỨC THỰC HIỆN\n1. Phòng Kinh tế: Chủ trì thực hiện các "
                        "nhiệm vụ tại mục II.1 của Kế hoạch này.\n")),
      passing=Text(plan("III. TỔ CHỨC THỰC HIỆN\n", "III. TỔ CHỨC THỰC HIỆN\n1. Phòng Văn hóa - Xã hội: Chủ trì thực "
                        "hiện các nhiệm vụ tại mục II.1 của Kế hoạch này.\n")))
def duty_ref_other_unit_doc(doc: Doc) -> Iterator[Hit]:
    rows = appendix_leads(doc)
    seen = set()
    for part in doc.parts:
        if part.kind in ("decision", "appendix"):
            continue
        leads_of = _part_leads(part)
        for unit, text, line in _unit_duties(part):
            for kind, ref in _references(text):
                if kind == "row":
                    cell = rows.get(ref)
                    named = _leads_named(cell) if cell else []
                    where = f"nhiệm vụ {_row_name(*ref)} tại Phụ lục"
                else:
                    named = leads_of.get(ref, [])
                    where = f"mục {ref}"
                if not named or any(_same_unit(unit, n) for n in named) or (unit, where) in seen:
                    continue
                seen.add((unit, where))
                this = "nhiệm vụ này" if kind == "row" else "các nhiệm vụ ở đó"
                yield Hit(f"{unit} «chủ trì» {where}, nhưng {this} do {'; '.join(dict.fromkeys(named))} chủ trì",
                          "hãy dẫn đúng nhiệm vụ đơn vị này chủ trì (số dòng ở Phụ lục, hoặc tên lĩnh vực), hoặc "
                          "đổi «chủ trì» thành «phối hợp»", line)


@draft_form("DUTY-REF-OTHER-UNIT",
            trigger=Yaml(yaml("{text: Tổng hợp kết quả cải cách hành chính, lead: vhxh}",
                              "{text: Tổng hợp kết quả cải cách hành chính, lead: kt}",
                              "short: VHXH}", "short: VHXH, duties: ['Chủ trì thực hiện các nhiệm vụ tại mục I.1.']}")),
            passing=Yaml(yaml("short: VHXH}", "short: VHXH, duties: ['Chủ trì thực hiện các nhiệm vụ tại mục I.1.']}")))
def duty_ref_other_unit(draft: Draft) -> Iterator[Hit]:
    seen = set()
    for unit, _text, ref, path in wrong_duty_refs(draft):
        if (unit.id, ref) in seen:
            continue
        seen.add((unit.id, ref))
        yield Hit(f"{unit.name} «chủ trì» {ref}, nhưng các nhiệm vụ ở đó do đơn vị khác chủ trì",
                  "hãy dẫn đúng nhiệm vụ đơn vị này chủ trì (số dòng ở Phụ lục, hoặc tên lĩnh vực), hoặc đổi "
                  "«chủ trì» thành «phối hợp»", at(draft, unit, path))


# ----------------------------------------------------------------------------- requested bodies apart

@rule("REQUESTED-AS-ASSIGNED", WARNING, "Ủy ban MTTQ, đoàn thể được «đề nghị» mà xếp chung với các đơn vị được giao",
      clause=PRACTICE, scope=CONTENT,
      trigger=Text(plan("III. TỔ CHỨC THỰC HIỆN\n", "III. TỔ CHỨC THỰC HIỆN\n1. Trách nhiệm của các đơn vị\n"
                        "a) Phòng Văn hóa - Xã hội theo dõi, đôn đốc thực hiện Kế hoạch.\n"
                        "b) Đề nghị Ủy ban MTTQ Việt Nam xã phối hợp tuyên truyền, giám sát.\n2. Chế độ báo cáo\n")),
      passing=Text(plan("III. TỔ CHỨC THỰC HIỆN\n", "III. TỔ CHỨC THỰC HIỆN\n1. Trách nhiệm của các đơn vị\n"
                        "a) Phòng Văn hóa - Xã hội theo dõi, đôn đốc thực hiện Kế hoạch.\n"
                        "2. Đề nghị Ủy ban MTTQ Việt Nam xã phối hợp tuyên truyền, giám sát.\n")))
def requested_as_assigned(doc: Doc) -> Iterator[Hit]:
    for part in doc.parts:
        assigned = 0
        for line in part.of(BODY):
            kind = line.label.kind if line.label else None
            if kind in ("roman", "decimal", "multilevel"):
                assigned = 0
            elif kind == "letter":
                if line.body.startswith("Đề nghị"):
                    if assigned:
                        yield Hit("cơ quan được «đề nghị» (Mặt trận, đoàn thể) đứng trong danh sách các đơn vị được "
                                  "giao nhiệm vụ: UBND không giao việc cho Mặt trận",
                                  "hãy tách thành một mục riêng sau phần trách nhiệm của các đơn vị "
                                  "(«3. Đề nghị Ủy ban MTTQ Việt Nam xã … phối hợp …»)", line)
                else:
                    assigned += 1


@draft_form("REQUESTED-AS-ASSIGNED",
            trigger=Yaml(yaml("  - {id: kt, name: Phòng Kinh tế, short: KT}\n",
                              "  - {id: kt, name: Phòng Kinh tế, short: KT}\n  - {id: mttq, name: Ủy ban MTTQ Việt Nam "
                              "xã An Lạc, role: requested}\n", "{text: Rà soát thủ tục hành chính, lead: kt}",
                              "{text: Rà soát thủ tục hành chính, lead: mttq}")),
            passing=Yaml(yaml("  - {id: kt, name: Phòng Kinh tế, short: KT}\n",
                              "  - {id: kt, name: Phòng Kinh tế, short: KT}\n  - {id: mttq, name: Ủy ban MTTQ Việt Nam "
                              "xã An Lạc, role: requested}\n", "{text: Rà soát thủ tục hành chính, lead: kt}",
                              "{text: Rà soát thủ tục hành chính, lead: kt, support: [mttq]}")))
def requested_as_assigned_draft(draft: Draft) -> Iterator[Hit]:
    asked = {u.id for u in draft.units if u.role == "requested"}
    for node, path in walk(draft.sections, FieldPath(("sections",))):
        for t, task in enumerate(node.tasks):
            for uid in task.lead:
                if uid in asked:
                    yield Hit(f"{draft.unit(uid).name} được giao «chủ trì» nhiệm vụ «{first_words(task.text)}»",
                              "UBND chỉ «đề nghị» Mặt trận, đoàn thể phối hợp: hãy giao chủ trì cho một phòng, đơn vị "
                              "và đưa cơ quan này vào «support»", at(draft, task, path / ("tasks", t, "lead")))


# ----------------------------------------------------------------------------- the decision

_DECISION = ("kind: quyet-dinh\ncommune:", "units:\n", "units:\n  - {id: mttq, name: Ủy ban MTTQ Việt Nam xã An Lạc, "
             "role: requested}\n", "{text: Rà soát thủ tục hành chính, lead: kt}",
             "{text: Rà soát thủ tục hành chính, lead: kt, support: [mttq]}",
             "recipients: [{unit: vhxh}, {unit: kt}]", "recipients: [{unit: vhxh}, {unit: kt}, {unit: mttq}]")


@rule("DECISION-RECIPIENTS", WARNING, "nơi nhận của quyết định thiếu cơ quan được đề nghị phối hợp (không thuộc "
      "«Như Điều 3»)", clause=PRACTICE, scope=DRAFT,
      trigger=Yaml(yaml("commune:", *_DECISION, "archive: VT, VHXH",
                        "archive: VT, VHXH\ndecision: {recipients: [Như Điều 3]}")),
      passing=Yaml(yaml("commune:", *_DECISION)))
def decision_recipients(draft: Draft) -> Iterator[Hit]:
    if draft.kind != "quyet-dinh" or draft.decision is None:
        return
    from ..context import default_articles, default_decision_recipients
    from ..duties import requested_with_duties

    d = draft.decision
    recipients = d.recipients or default_decision_recipients(draft, len(d.articles or default_articles(draft)))
    ids = {r.unit for r in recipients if r.unit}
    texts = " | ".join(fold(r.text or "") for r in recipients)
    for unit in requested_with_duties(draft):
        if unit.id not in ids and fold(unit.name) not in texts:
            yield Hit(f"{unit.name} được đề nghị phối hợp nhưng không có trong nơi nhận của quyết định",
                      "«Như Điều 3» chỉ gồm những người Điều 3 giao thi hành: hãy thêm cơ quan này vào nơi nhận",
                      at(draft, d, "decision.recipients"))


# ----------------------------------------------------------------------------- a plan that issues or assigns itself

_ISSUES = re.compile(r"\bban hành\s+(?:kèm theo\s+)?Kế hoạch\b", re.I)
_COMMUNE_UBND = re.compile(r"\b(?:Ủy ban nhân dân|UBND)\s+(?:xã|phường|đặc khu|thị trấn)\b")


def _own_issue(text: str) -> bool:
    """The lead-in sentence «… Ủy ban nhân dân xã … ban hành Kế hoạch … như sau:» of a plan: its last clause
    ends with «:» and has the commune's UBND before «ban hành Kế hoạch». Plain searches, no backtracking over
    a long paragraph."""
    last = text.rsplit(";", 1)[-1].rstrip()
    if not last.endswith(":"):
        return False
    m = _ISSUES.search(last)
    return m is not None and ":" not in last[:m.start()] and _COMMUNE_UBND.search(last, 0, m.start()) is not None
_ISSUED_BY_DECISION = ("kế hoạch ban hành kèm theo quyết định lại viết «… ban hành Kế hoạch …»: quyết định của Chủ "
                       "tịch đã ban hành nó", "hãy viết «Kế hoạch … gồm các nội dung sau:»")
_ASSIGNS_ITSELF = "hãy bỏ nhiệm vụ này, hoặc nêu kế hoạch khác (kiểm tra, tuyên truyền…) cho đúng"


def _core(text: str, names: tuple[str, ...]) -> str:
    """What a plan is about, without the words every title of it may or may not carry (``names``: the
    commune's, «xã An Lạc» and «An Lạc»)."""
    text = re.sub(r"\([^()]*\)", " ", text).strip().rstrip(".;:")  # «(CCHC)», the sentence's full stop
    s = " " + fold(text).replace("cchc", "cai cach hanh chinh") + " "
    for word in ("nha nuoc", "tren dia ban", *(fold(n) for n in names), "cua", "xa", "phuong", "dac khu", "ubnd"):
        s = s.replace(f" {word} ", " ")
    s = re.sub(r"\bnam \d{4}\b|\bgiai doan [\d\s-]+", " ", s)
    return " ".join(s.split())


def _assigns(text: str, own: str, names: tuple[str, ...]) -> bool:
    """The task ``text`` builds or issues the plan whose core is ``own``."""
    if not own or not re.search(r"ban hành|xây dựng", text, re.I):
        return False
    return any("Kế hoạch" in phrase and _core(phrase.split("Kế hoạch", 1)[1], names) == own
               for phrase in re.split(r"[,;]", text))


@rule("PLAN-ISSUES-ITSELF", WARNING, "kế hoạch tự «ban hành» mình (khi quyết định đã ban hành) hoặc tự giao "
      "nhiệm vụ xây dựng, ban hành chính nó", clause=PRACTICE, scope=CONTENT,
      trigger=Text(plan("Rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền giải quyết của xã.",
                        "Xây dựng, ban hành và tổ chức thực hiện Kế hoạch CCHC năm 2026 của xã.")),
      passing=Text(plan("Rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền giải quyết của xã.",
                        "Xây dựng, ban hành Kế hoạch kiểm tra CCHC năm 2026 của xã.")))
def plan_issues_itself_doc(doc: Doc) -> Iterator[Hit]:
    unit = doc.unit
    names = (f"{unit[0]} {unit[1]}", unit[1]) if unit else ()
    decided = any(p.kind == "decision" for p in doc.parts)
    for part in doc.parts:
        if part.kind != "plan":
            continue
        if decided and part.attached:
            for line in part.of(BASIS, BODY):
                if line.label is not None and line.label.kind == "roman":
                    break
                if _own_issue(line.text):
                    yield Hit(*_ISSUED_BY_DECISION, line)
        own = _core(" ".join(ln.text for ln in part.of(SUBJECT)), names)
        body = part.of(BODY)
        first = next((i for i, ln in enumerate(body) if ln.label is not None and ln.label.kind == "roman"), 0)
        tasks = body[first:] + [ln for p in doc.parts if p.kind == "appendix" and p.index > part.index
                                for ln in p.of(CELL)]  # the lead-in sentence before «I.» is no task
        for line in tasks:
            if _assigns(line.body, own, names):
                yield Hit(f"«{first_words(line.body)}» giao xây dựng, ban hành chính Kế hoạch này", _ASSIGNS_ITSELF,
                          line)


@draft_form("PLAN-ISSUES-ITSELF",
            trigger=Yaml(yaml("{text: Rà soát thủ tục hành chính, lead: kt}",
                              "{text: 'Xây dựng, ban hành Kế hoạch CCHC năm 2026 của xã', lead: kt}")),
            passing=Yaml(yaml("{text: Rà soát thủ tục hành chính, lead: kt}",
                              "{text: 'Xây dựng, ban hành Kế hoạch kiểm tra CCHC năm 2026 của xã', lead: kt}")))
def plan_issues_itself(draft: Draft) -> Iterator[Hit]:
    if draft.kind == "quyet-dinh" and draft.preamble and _ISSUES.search(draft.preamble):
        yield Hit(*_ISSUED_BY_DECISION, at(draft, draft, "preamble"))
    names = (draft.commune.full, draft.commune.name)
    own = _core(draft.subject, names)
    for node, path in walk(draft.sections, FieldPath(("sections",))):
        for t, task in enumerate(node.tasks):
            for key in ("text", "summary"):
                if _assigns(getattr(task, key) or "", own, names):
                    yield Hit(f"nhiệm vụ «{first_words(task.text)}» giao xây dựng, ban hành chính Kế hoạch này",
                              _ASSIGNS_ITSELF, at(draft, task, path / ("tasks", t, key)))
                    break


# ----------------------------------------------------------------------------- the body summarises, the appendix details

_APPENDIX_TAIL = ("Nguyễn Văn An\n", "Nguyễn Văn An\nPhụ lục\nNHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026\n"
                  "STT | Nhiệm vụ | Cơ quan chủ trì\nI | Cải cách thủ tục hành chính\n1 | {row} | Phòng Văn hóa - Xã hội\n")
_REPEATED = "Rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền giải quyết của xã"
_DETAILED = ("Rà soát, đơn giản hóa thủ tục hành chính, thành phần hồ sơ thuộc thẩm quyền giải quyết của xã; tái sử "
             "dụng dữ liệu dân cư trong giải quyết thủ tục hành chính")
REPEAT_MIN_WORDS = 8  # syllables: a short line («Số hóa hồ sơ thủ tục hành chính») said twice is no copied paragraph


def _same_words(text: str) -> str:
    """A line as words, for «word for word»: bullet, case and the closing «;» or «.» aside."""
    return " ".join(text.lstrip("-+•– ").rstrip(" ;.:").split()).casefold()


def _task_cells(doc: Doc) -> set[str]:
    """The paragraphs of the appendices' task cells (the column headed «Nhiệm vụ», «Nội dung»…), as words;
    not a group's row (its title is the body's heading of the area, rightly the same)."""
    out = set()
    for part in doc.parts:
        if part.kind != "appendix":
            continue
        for table in part.tables:
            found = task_table(table)
            if found is None or "task" not in found[1]:
                continue
            rows, task = found[0], found[1]["task"]
            for cells in rows:
                if not _group_row(cells):
                    out.update(_same_words(t) for t in _text(cells, task).split("\n") if t.strip())
    return out


@rule("TASK-BODY-REPEATS-APPENDIX", WARNING, "nhiệm vụ trong thân kế hoạch chép nguyên văn hàng của phụ lục",
      clause=PRACTICE, scope=CONTENT,
      trigger=Text(plan(_APPENDIX_TAIL[0], _APPENDIX_TAIL[1].format(row=_REPEATED))),
      passing=Text(plan(_APPENDIX_TAIL[0], _APPENDIX_TAIL[1].format(row=_DETAILED))))
def body_repeats_appendix(doc: Doc) -> Iterator[Hit]:
    rows = {r for r in _task_cells(doc) if len(r.split()) >= REPEAT_MIN_WORDS}
    if not rows:
        return
    by_section: dict[tuple[int, str], list] = {}
    for part in doc.parts:
        if part.kind in ("plan", "document"):
            for line in part.of(BODY):
                if _same_words(line.body) in rows:
                    by_section.setdefault((part.index, line.section), []).append(line)
    for (_, section), lines in by_section.items():
        where = f"mục {section}" if section else "thân kế hoạch"
        yield Hit(f"{len(lines)} nhiệm vụ ở {where} chép nguyên văn hàng của phụ lục («{first_words(lines[0].body)}»)",
                  "thân kế hoạch tóm tắt, phụ lục ghi chi tiết: hãy viết gọn nhiệm vụ ở thân (bản thảo: trường "
                  "«summary» của nhiệm vụ), hoặc chỉ để nhiệm vụ ở phụ lục («body: false»)", lines[0])


_TABLE = "signer: {name: Nguyễn Văn An}\n", ("signer: {name: Nguyễn Văn An}\nappendices: [{title: Nhiệm vụ, columns: "
                                          "[{key: stt, header: STT}, {key: task, header: Nhiệm vụ}]}]\n")


@draft_form("TASK-BODY-REPEATS-APPENDIX",
            trigger=Yaml(yaml(*_TABLE, "{text: Tổng hợp kết quả cải cách hành chính, lead: vhxh}",
                              "{text: Tổng hợp kết quả cải cách hành chính của các phòng, lead: vhxh}")),
            passing=Yaml(yaml(*_TABLE, "{text: Tổng hợp kết quả cải cách hành chính, lead: vhxh}",
                              "{text: Tổng hợp kết quả cải cách hành chính của các phòng, summary: Tổng hợp kết "
                              "quả, lead: vhxh}")))
def body_repeats_appendix_draft(draft: Draft) -> Iterator[Hit]:
    from .. import inline

    rows: set[str] = set()
    for a in draft.appendices:
        k = next((i for i, c in enumerate(a.columns) if c.key == "task" or _column(c.header) == "task"), None)
        if k is None:
            continue
        if a.source == "tasks":
            rows |= {_same_words(inline.plain(t.text)) for t in all_tasks(draft) if t.appendix}
            continue
        # A computed numbering leaves the STT column out of the cells as written.
        typed = [i for i, c in enumerate(a.columns) if a.numbering is None or c.key != "stt"]
        if k not in typed:
            continue
        at_cell = typed.index(k)
        rows |= {_same_words(line) for row in a.rows if not row.level and not row.header
                 and at_cell < len(row.cells) for line in row.cells[at_cell].split("\n")}
    rows = {r for r in rows if len(r.split()) >= REPEAT_MIN_WORDS}
    if not rows:
        return
    for node, path in walk(draft.sections, FieldPath(("sections",))):
        same = [(path / ("items", j), item) for j, item in enumerate(node.items)
                if isinstance(item, str) and _same_words(inline.plain(item)) in rows]
        same += [(path / ("tasks", t, "text"), task.text) for t, task in enumerate(node.tasks)
                 if task.body and _same_words(inline.plain(task.body_text)) in rows]
        if same:
            where, text = same[0]
            yield Hit(f"{len(same)} nhiệm vụ của mục «{node.title or first_words(text)}» in trong thân y "
                      f"nguyên hàng của phụ lục («{first_words(text)}»)",
                      "thân kế hoạch tóm tắt, phụ lục ghi chi tiết: hãy thêm «summary» (lời văn ngắn in trong thân) "
                      "cho các nhiệm vụ này, hoặc «body: false» để chỉ in ở phụ lục", at(draft, node, where))


# ----------------------------------------------------------------------------- words

def _draft_words(draft: Draft) -> list[str]:
    from ..preview import plain_text

    return plain_text(draft) + [t.text for t in all_tasks(draft)]


@rule("WORDS-THON-IN-PHUONG", WARNING, "phường không có thôn: chỉ có tổ dân phố", clause=PRACTICE, scope=DRAFT,
      trigger=Yaml(yaml("commune: {name: An Lạc, type: xã}", "commune: {name: An Lạc, type: phường}",
                        "subject: Cải cách hành chính xã An Lạc", "subject: Cải cách hành chính phường An Lạc",
                        "Rà soát thủ tục hành chính", "Hỗ trợ người dân tại thôn và tổ dân phố")),
      passing=Yaml(yaml("commune: {name: An Lạc, type: xã}", "commune: {name: An Lạc, type: phường}",
                        "subject: Cải cách hành chính xã An Lạc", "subject: Cải cách hành chính phường An Lạc",
                        "Rà soát thủ tục hành chính", "Hỗ trợ người dân tại tổ dân phố")))
def thon_in_phuong(draft: Draft) -> Iterator[Hit]:
    if draft.commune.type != "phường":
        return
    for text in _draft_words(draft):
        if re.search(r"\bthôn\b", text, re.I):
            yield Hit(f"phường không có thôn: «…{text[max(0, text.lower().find('thôn') - 30):][:70]}…»",
                      "hãy viết «tổ dân phố» (preset: dùng chỗ điền {{ thon_to }})", at(draft, draft, ""))
            return


@rule("WORDS-QUOTES", HINT, "văn bản hành chính dùng ngoặc kép “ ”, không dùng « »", clause=PRACTICE, scope=CONTENT,
      trigger=Text(plan("thuộc thẩm quyền giải quyết của xã.", "thuộc thẩm quyền giải quyết của xã «đúng, đủ».")),
      passing=Text(plan("thuộc thẩm quyền giải quyết của xã.", "thuộc thẩm quyền giải quyết của xã “đúng, đủ”.")))
def quotes(doc: Doc) -> Iterator[Hit]:
    for line in doc.lines(SUBJECT, BODY, ATTACHED, CELL):
        if "«" in line.text or "»" in line.text:
            yield Hit("ngoặc « » không dùng trong văn bản hành chính tiếng Việt", "hãy dùng ngoặc kép “ ”", line)


_INDEX_OF_COMMUNE = re.compile(r"\b(PAPI|PCI|DTI)\b[^.;:]{0,40}?\bcủa (xã|phường|đặc khu)\b")


@rule("WORDS-PROVINCIAL-INDEX", WARNING, "chỉ số PAPI, PCI, DTI là của tỉnh, thành phố, không phải của xã",
      clause=PRACTICE, scope=CONTENT,
      trigger=Text(plan("thuộc thẩm quyền giải quyết của xã.", "thuộc thẩm quyền giải quyết, góp phần cải thiện Chỉ "
                        "số PAPI, PCI của xã.")),
      passing=Text(plan("thuộc thẩm quyền giải quyết của xã.", "thuộc thẩm quyền giải quyết, góp phần cải thiện Chỉ "
                        "số PAPI, PCI của tỉnh.")))
def provincial_index(doc: Doc) -> Iterator[Hit]:
    for line in doc.lines(BODY, CELL):
        m = _INDEX_OF_COMMUNE.search(line.text)
        if m:
            yield Hit(f"«{m.group(0)}»: chỉ số {m.group(1)} đo cấp tỉnh", "hãy viết «… của tỉnh» hoặc «… của thành "
                      "phố»; xã góp phần cải thiện chỉ số của tỉnh", line)
