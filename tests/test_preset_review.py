"""Every shipped preset, for a xã, a phường and a đặc khu, derives a draft a provincial reviewer would not
send back: each thing such a reviewer checks is a test (issue 15)."""
from __future__ import annotations

import re

import pytest

from drafter.bases import DECREE, GOVERNMENT, LAW, PRIME_MINISTER, PROVINCE, rank
from drafter.context import build_context
from drafter.derive import derive_model, prepare
from drafter.model import Commune, all_tasks
from drafter.duties import units_with_duties
from drafter.presets import list_presets, load_preset
from drafter.preview import plain_text
from drafter.rules import check_structure
from drafter.rules.assignment import wrong_duty_refs
from drafter.rules.from_draft import draft_structure

PRESETS = [i.name for i in list_presets() if i.source == "shipped"]
KINDS = {"xã": "Tân Hội", "phường": "Hòa Bình", "đặc khu": "Cát Hải"}
CASES = [(p, k) for p in PRESETS for k in KINDS]

# The superior plans as their own first pages cite them (../shared/spec/legal-bases.md).
SUPERIOR = {
    "bac-ninh-cchc-2026": "Kế hoạch số 167/KH-UBND ngày 17/12/2025 của UBND tỉnh Bắc Ninh về cải cách hành chính "
                          "tỉnh Bắc Ninh năm 2026",
    "bac-ninh-par-sipas-2026": "Kế hoạch số 182/KH-UBND ngày 20/5/2026 của Ủy ban nhân dân tỉnh Bắc Ninh",
    "hai-phong-cchc-2026": "Quyết định số 5256/QĐ-UBND ngày 26/12/2025 của Chủ tịch Ủy ban nhân dân thành phố Hải "
                           "Phòng ban hành Kế hoạch cải cách hành chính nhà nước thành phố Hải Phòng năm 2026",
}

_DERIVED: dict = {}


def derived(preset: str, kind: str):
    key = (preset, kind)
    if key not in _DERIVED:
        draft = derive_model(prepare(load_preset(preset)), Commune(name=KINDS[kind], type=kind),
                             {"signer_name": "Nguyễn Văn An"})
        _DERIVED[key] = (draft, plain_text(draft), build_context(draft))
    return _DERIVED[key]


def test_the_three_shipped_presets_are_reviewed():
    assert {"bac-ninh-cchc-2026", "bac-ninh-par-sipas-2026", "hai-phong-cchc-2026"} <= set(PRESETS)


@pytest.mark.parametrize("preset, kind", CASES)
def test_one_lead_per_task_in_the_draft_the_body_and_the_appendix(preset, kind):
    draft, text, ctx = derived(preset, kind)
    assert all(len(t.lead) == 1 for t in all_tasks(draft))
    names = [u.name for u in draft.units]
    for line in (t for t in text if t.startswith("Phụ trách thực hiện")):
        for clause in line.split(";"):
            if " chủ trì" in clause:
                head = clause.split(" chủ trì")[0].rsplit(" do ", 1)[-1]
                assert sum(head.count(n) for n in names) <= 1 or head.count(",") == 0, line
    for app in ctx["appendices"]:
        lead = next(i for i, c in enumerate(app["columns"]) if c["header"] == "Cơ quan chủ trì")
        for row in app["rows"]:
            cell = row["cells"][lead]["text"]
            assert "; " not in cell and "đề nghị" not in cell, cell


@pytest.mark.parametrize("preset, kind", CASES)
def test_duties_cite_only_tasks_the_unit_leads(preset, kind):
    draft, text, ctx = derived(preset, kind)
    assert list(wrong_duty_refs(draft)) == []
    if ctx["appendices"]:
        # Independently of the rule: every "I.2" a unit "chủ trì" is a row whose lead cell is that unit.
        app = ctx["appendices"][0]
        lead = next(i for i, c in enumerate(app["columns"]) if c["header"] == "Cơ quan chủ trì")
        rows, group = {}, ""
        for row in app["rows"]:
            first = row["cells"][0]["text"]
            if row["cells"][0]["group"]:
                group = first
            else:
                rows[f"{group}.{first}"] = row["cells"][lead]["text"]
        heads = [i for i, t in enumerate(text) if re.match(r"^[a-zđ]\) ", t) or re.match(r"^\d+\. Đề nghị", t)]
        checked = 0
        for i in heads:
            unit = re.sub(r"^([a-zđ]\)|\d+\.) (Đề nghị )?", "", text[i])
            duty = text[i + 1]
            if not duty.startswith("Chủ trì thực hiện"):
                continue
            clause = duty.split(";")[0]
            for m in re.finditer(r"\b([IVX]+)\.(\d+)(?:–\1\.(\d+))?", clause):
                for r in range(int(m.group(2)), int(m.group(3) or m.group(2)) + 1):
                    assert rows[f"{m.group(1)}.{r}"] == unit, (unit, f"{m.group(1)}.{r}")
                    checked += 1
        assert checked >= len([t for t in all_tasks(draft) if t.appendix]) - 1


@pytest.mark.parametrize("preset, kind", CASES)
def test_requested_bodies_are_asked_apart_never_assigned(preset, kind):
    draft, text, ctx = derived(preset, kind)
    front = next(u for u in draft.units if u.role == "requested")
    assert front not in units_with_duties(draft)
    assert not any(re.match(r"^[a-zđ]\) Đề nghị", t) for t in text)
    own = [t for t in text if t.startswith(("1. ", "2. ", "3. ", "4. ", "5. ")) and "Đề nghị" in t]
    assert own == [f"3. Đề nghị {front.name}"]
    for line in (t for t in text if t.startswith("Phụ trách thực hiện") and front.name in t):
        assert f"đề nghị {front.name} phối hợp" in line
    for app in ctx["appendices"]:
        cells = [c["text"] for r in app["rows"] for c in r["cells"] if front.name in c["text"]]
        assert cells and all(f"{front.name} (đề nghị phối hợp)" in c for c in cells)


@pytest.mark.parametrize("preset, kind", CASES)
def test_words_of_the_commune_type_and_quotes(preset, kind):
    draft, text, ctx = derived(preset, kind)
    words = text + [t.text for t in all_tasks(draft)] + [c["text"] for a in ctx["appendices"] for r in a["rows"]
                                                           for c in r["cells"]]
    if kind == "phường":
        assert not [t for t in words if re.search(r"\bthôn\b", t, re.I)]
    assert not [t for t in words if "«" in t or "»" in t]
    assert not [t for t in words if re.search(r"\b(PAPI|PCI|DTI)\b[^.;]{0,40}?\bcủa (xã|phường|đặc khu)\b", t)]


@pytest.mark.parametrize("preset, kind", CASES)
def test_first_mention_in_full_then_short(preset, kind):
    draft, text, _ = derived(preset, kind)
    body = "\n".join(text[text.index("KẾ HOẠCH"):])
    full = f"UBND {draft.commune.full}"
    assert body.count(f"Ủy ban nhân dân {draft.commune.full}") + body.count(full) <= 2  # subject line aside
    if "Đề án 06" in body:
        first = body.index("Đề án 06")
        assert body[first:first + 80].startswith("Đề án 06 (phê duyệt tại Quyết định số 06/QĐ-TTg ngày 06/01/2022")
        assert body.count("06/QĐ-TTg") == 1


@pytest.mark.parametrize("preset, kind", CASES)
def test_the_superior_plan_is_cited_with_its_own_facts(preset, kind):
    draft, text, _ = derived(preset, kind)
    assert SUPERIOR[preset] in "\n".join(text)
    if preset.startswith("bac-ninh"):
        assert "cải cách hành chính nhà nước tỉnh Bắc Ninh" not in "\n".join(text)


@pytest.mark.parametrize("preset, kind", CASES)
def test_a_decision_issues_the_plan_its_recipients_cover_the_front_its_bases_in_order(preset, kind):
    draft, text, ctx = derived(preset, kind)
    assert not any(t.startswith("Ủy ban nhân dân") and "ban hành Kế hoạch" in t for t in text) or \
        draft.kind == "ke-hoach"
    if draft.kind != "quyet-dinh":
        return
    assert draft.preamble.startswith("Kế hoạch ") and draft.preamble.endswith("gồm các nội dung sau:")
    recipients = ctx["decision"]["recipients"]
    assert recipients[0] == "- Như Điều 3;"
    front = next(u for u in draft.units if u.role == "requested")
    assert f"- {front.name};" in recipients
    ranks = [rank(c.kind, c.number, c.issuer, c.name) for c in draft.decision.bases]
    assert ranks == sorted(ranks) and ranks[:4] == [LAW, DECREE, GOVERNMENT, PRIME_MINISTER]
    assert ranks[-1] >= PROVINCE and draft.decision.bases[-1].number == "5256/QĐ-UBND"


@pytest.mark.parametrize("preset, kind", CASES)
def test_no_task_assigns_the_plan_itself_and_reporting_has_a_date_per_period(preset, kind):
    draft, text, _ = derived(preset, kind)
    assert not [t.text for t in all_tasks(draft) if re.search(r"ban hành.*Kế hoạch (CCHC|cải cách hành chính)"
                                                               r"(?! kiểm tra| tuyên truyền)", t.text)]
    start = next(i for i, t in enumerate(text) if t.endswith("Chế độ thông tin, báo cáo"))
    reporting = " ".join(text[start:start + 3])
    for period in ("báo cáo năm trước ngày",):
        assert period in reporting
    assert re.search(r"báo cáo (quý|6 tháng)[^;]* trước ngày \d+/\d+/\d{4}", reporting)


@pytest.mark.parametrize("preset, kind", CASES)
def test_no_reviewer_rule_finds_anything(preset, kind):
    draft, _, _ = derived(preset, kind)
    findings = check_structure(draft_structure(draft))
    assert [(f.rule, f.text) for f in findings] == []


REVIEWER_RULES = {"TASK-SEVERAL-LEADS", "DUTY-REF-OTHER-UNIT", "REQUESTED-AS-ASSIGNED", "PLAN-ISSUES-ITSELF",
                  "TASK-BODY-REPEATS-APPENDIX", "WORDS-QUOTES", "WORDS-PROVINCIAL-INDEX"}


@pytest.mark.parametrize("preset, kind", CASES)
def test_the_body_summarises_what_the_appendix_details(preset, kind):
    draft, text, ctx = derived(preset, kind)
    if not ctx["appendices"]:
        return
    rows = {c["text"] for a in ctx["appendices"] for r in a["rows"] for c in r["cells"]}
    shown = [t for t in all_tasks(draft) if t.body]
    for task in shown:
        assert task.body_text not in rows, task.body_text
        assert task.text in rows
    # «b) Nhiệm vụ» bullets: a list of clauses, «;» after each, «.» after the last.
    bullets = [t for t in text if t.startswith("- ") and any(t[2:].rstrip(";.") == s.body_text for s in shown)]
    assert len(bullets) == len(shown) and all(b.endswith((";", ".")) for b in bullets)


@pytest.mark.parametrize("preset, kind", CASES)
def test_the_word_file_passes_the_reviewer_rules_as_the_checker_reads_it(preset, kind):
    from drafter.reader import read_bytes
    from drafter.render import render_draft
    from drafter.rules import check_read
    from drafter.rules.assignment import appendix_leads
    from drafter.rules.runner import structure_of

    draft, _, ctx = derived(preset, kind)
    read = read_bytes(render_draft(draft), "ke-hoach.docx")
    _, found = check_read(read, only=REVIEWER_RULES)
    assert [(f.rule, f.text) for f in found] == []
    # The rules had something to read: the appendix's leads by row, as the duties cite them.
    if ctx["appendices"]:
        assert len(appendix_leads(structure_of(read))) == len([t for t in all_tasks(draft) if t.appendix])


def test_a_preset_body_that_copies_its_appendix_is_found_in_the_draft_and_the_word_file():
    from drafter.reader import read_bytes
    from drafter.render import render_draft
    from drafter.rules import check_read

    draft, _, _ = derived("hai-phong-cchc-2026", "xã")
    copied = draft.model_copy(deep=True)
    for task in all_tasks(copied):
        task.summary = None
    assert len({f.rule for f in check_structure(draft_structure(copied), only={"TASK-BODY-REPEATS-APPENDIX"})}) == 1
    _, found = check_read(read_bytes(render_draft(copied), "ke-hoach.docx"), only={"TASK-BODY-REPEATS-APPENDIX"})
    assert len(found) == 7  # one per area of the plan


@pytest.mark.parametrize("preset, kind", CASES)
def test_the_decision_reaches_every_unit_assigned_or_requested(preset, kind):
    """«Như Điều 3» reaches the units Điều 3 makes responsible; every other body the plan gives work to
    (the Front, asked) has a line of its own."""
    from drafter.duties import requested_with_duties

    draft, _, ctx = derived(preset, kind)
    if draft.kind != "quyet-dinh":
        return
    article = ctx["decision"]["articles"][-1]["text"]
    recipients = " ".join(ctx["decision"]["recipients"])
    assert "Như Điều 3" in recipients
    for unit in units_with_duties(draft):
        if unit.name in recipients:
            continue
        if unit.name.startswith("Văn phòng"):
            assert f"Chánh {unit.name}" in article or "Chánh Văn phòng HĐND và UBND" in article, unit.name
        elif unit.name.startswith("Phòng"):
            assert "Trưởng các phòng chuyên môn" in article, unit.name
        else:
            assert "Thủ trưởng các cơ quan, đơn vị có liên quan" in article, unit.name
    for unit in requested_with_duties(draft):
        assert f"- {unit.name};" in ctx["decision"]["recipients"]
