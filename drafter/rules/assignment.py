"""Who does what, as a provincial reviewer reads it: one lead per task, duties that point at the
unit's own tasks, requested bodies (the Front) apart from the units assigned, a decision's recipients,
a plan that neither issues nor assigns itself; and words that depend on the commune (WORDS-*)."""
from __future__ import annotations

import re
from typing import Iterator

from ..fieldpath import FieldPath
from ..model import Draft, Node, all_tasks, walk_nodes
from ..text import fold
from .registry import CONTENT, DRAFT, HINT, PRACTICE, WARNING, Hit, Text, Yaml, draft_form, rule
from .samples import draft as yaml
from .samples import plan
from .structure import ATTACHED, BODY, CELL, SUBJECT, Doc, first_words

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


def _lead_clauses(text: str) -> list[str]:
    """The clauses of a duty that say what the unit leads: from "chủ trì" to the next ";" or "phối hợp"."""
    out = []
    for m in re.finditer(r"chủ trì", text, re.I):
        clause = re.split(r";|phối hợp", text[m.end():], maxsplit=1)[0]
        out.append(clause)
    return out


def _node_leads(node: Node) -> set[str]:
    leads = {t.lead[0] for t in node.tasks if t.lead}
    for item in node.items:
        if isinstance(item, Node):
            leads |= _node_leads(item)
    return leads


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
            for clause in _lead_clauses(text):
                if "Phụ lục" in clause and rows:
                    for m in _ROW.finditer(clause):
                        g, first = _roman(m.group(1)), int(m.group(2))
                        last = int(m.group(4)) if m.group(4) else first
                        g_last = _roman(m.group(3)) if m.group(3) else g
                        # bounded: a typed "I.1–I.99999999" is no reason to loop for long
                        for r in range(first, min(last, first + 300) + 1) if g_last == g else [first]:
                            task = rows.get((g, r))
                            if task is not None and task.lead[:1] != [unit.id]:
                                yield unit, text, f"{m.group(1)}.{r}", path
                    continue
                for m in _PART.finditer(clause):
                    for ref in re.split(r"\s*,\s*", m.group(1).strip().rstrip(",")):
                        node = by_ref.get(ref)
                        leads = _node_leads(node) if node is not None else set()
                        if leads and unit.id not in leads:
                            yield unit, text, f"mục {ref}", path


@rule("DUTY-REF-OTHER-UNIT", WARNING, "nhiệm vụ riêng của một đơn vị dẫn tới mục hay dòng phụ lục do đơn vị khác chủ trì",
      clause=PRACTICE, scope=DRAFT,
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


def _core(text: str, draft: Draft) -> str:
    """What a plan is about, without the words every title of it may or may not carry."""
    s = " " + fold(text).replace("cchc", "cai cach hanh chinh") + " "
    for word in ("nha nuoc", "tren dia ban", fold(draft.commune.full), fold(draft.commune.name), "cua", "xa",
                 "phuong", "dac khu", "ubnd"):
        s = s.replace(f" {word} ", " ")
    s = re.sub(r"\bnam \d{4}\b|\bgiai doan [\d\s-]+", " ", s)
    return " ".join(s.split())


@rule("PLAN-ISSUES-ITSELF", WARNING, "kế hoạch tự «ban hành» mình (khi quyết định đã ban hành) hoặc tự giao "
      "nhiệm vụ xây dựng, ban hành chính nó", clause=PRACTICE, scope=DRAFT,
      trigger=Yaml(yaml("{text: Rà soát thủ tục hành chính, lead: kt}",
                        "{text: 'Xây dựng, ban hành Kế hoạch CCHC năm 2026 của xã', lead: kt}")),
      passing=Yaml(yaml("{text: Rà soát thủ tục hành chính, lead: kt}",
                        "{text: 'Xây dựng, ban hành Kế hoạch kiểm tra CCHC năm 2026 của xã', lead: kt}")))
def plan_issues_itself(draft: Draft) -> Iterator[Hit]:
    if draft.kind == "quyet-dinh" and draft.preamble and _ISSUES.search(draft.preamble):
        yield Hit("kế hoạch ban hành kèm theo quyết định lại viết «… ban hành Kế hoạch …»: quyết định của Chủ tịch "
                  "đã ban hành nó", "hãy viết «Kế hoạch … gồm các nội dung sau:»", at(draft, draft, "preamble"))
    own = _core(draft.subject, draft)
    for node, path in walk(draft.sections, FieldPath(("sections",))):
        for t, task in enumerate(node.tasks):
            if not re.search(r"ban hành|xây dựng", task.text, re.I):
                continue
            for phrase in re.split(r"[,;]", task.text):
                if "Kế hoạch" in phrase and _core(phrase.split("Kế hoạch", 1)[1], draft) == own:
                    yield Hit(f"nhiệm vụ «{first_words(task.text)}» giao xây dựng, ban hành chính Kế hoạch này",
                              "hãy bỏ nhiệm vụ này, hoặc nêu kế hoạch khác (kiểm tra, tuyên truyền…) cho đúng",
                              at(draft, task, path / ("tasks", t, "text")))
                    break


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
