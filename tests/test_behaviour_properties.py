"""Invariants of a signed document for any draft hypothesis can build: numbering gap-free and in
the Vietnamese alphabet for any tree, no unit both lead and support in any derived line, every
unit with a task among the recipients, the same draft giving the same bytes, any text coming
back out of the DOCX as it went in. The oracles here are written out by hand (numerals, letters),
not taken from the code under test."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from behaviour import COMMUNE_TYPES, UNITS, draft
from drafter import yamlio
from drafter.loader import parse_draft
from drafter.duties import derived_duty, responsible_line
from drafter.outline import layout_body, plan_blocks
from drafter.text import clean

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
ALPHABET = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
            "u", "v", "x", "y"]
IDS = [u["id"] for u in UNITS]
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ----------------------------------------------------------------------------- numbering

@st.composite
def trees(draw, depth=1, counter=None):
    """Sections (or sub-nodes) with unique titles "T<n>" and paragraphs "P<n>"."""
    counter = counter if counter is not None else [0]

    def fresh(prefix):
        counter[0] += 1
        return f"{prefix}{counter[0]}"

    nodes = []
    for _ in range(draw(st.integers(0, 4 if depth < 4 else 0))):
        node = {}
        if draw(st.integers(0, 5)):  # mostly titled
            node["title"] = fresh("T")
            if not draw(st.integers(0, 6)):
                node["numbered"] = False
        if depth >= 2 and draw(st.booleans()):
            node["numbering"] = "decimal"
        if depth >= 2 and draw(st.integers(0, 3)) == 0:
            node["lettered"] = True
        items = []
        for _ in range(draw(st.integers(0, 2))):
            items.append(draw(st.sampled_from(["", "- ", "+ "])) + fresh("P"))
        children = draw(trees(depth + 1, counter))
        mixed = items + children
        order = draw(st.permutations(range(len(mixed)))) if mixed else []
        node["items"] = [mixed[i] for i in order]
        nodes.append(node)
    return nodes


def _expected(nodes, depth=1, parent=None, parent_number="", out=None) -> dict[str, str]:
    """The number each title and lettered paragraph must carry, by hand."""
    out = {} if out is None else out
    k = 0
    lettered = parent is not None and parent.get("lettered")
    for item in nodes:
        if isinstance(item, str):
            if lettered and not item.startswith(("- ", "+ ")):
                k += 1
                out[item] = f"{ALPHABET[k - 1]})"
            continue
        number = ""
        if item.get("title") and item.get("numbered", True):
            k += 1
            if depth == 1:
                number = f"{ROMAN[k - 1]}."
            elif depth == 2:
                number = f"{k}."
            elif parent is not None and parent.get("numbering") == "decimal" and parent_number.endswith("."):
                number = f"{parent_number}{k}."
            else:
                number = f"{ALPHABET[k - 1]})"
            out[item["title"]] = number
        elif item.get("title"):
            out[item["title"]] = ""
        _expected(item.get("items", []), depth + 1, item, number, out)
    return out


@FAST
@given(trees())
def test_numbering_is_gap_free_and_in_the_vietnamese_alphabet_for_any_tree(sections):
    blocks = plan_blocks(draft(sections=sections))
    got = {}
    for b in blocks:
        text = b.text.removesuffix("./.")
        if text.startswith("T"):
            got[text] = b.prefix
        elif b.style == "p" and ") P" in text:
            number, _, para = text.partition(" ")
            got[para] = number
    expected = _expected(sections)
    assert {k: v for k, v in got.items() if k in expected or v} == expected
    # every prefix is a numeral, a number or a letter of the Vietnamese alphabet
    for number in got.values():
        if number.endswith(")"):
            assert number[:-1] in ALPHABET


# ----------------------------------------------------------------------------- lead and support

assignments = st.lists(st.tuples(st.lists(st.sampled_from(IDS), max_size=3),
                                 st.lists(st.sampled_from(IDS), max_size=3)), min_size=1, max_size=5)
NAME = {u["id"]: u["name"] for u in UNITS}


def _names(text: str) -> set[str]:
    return {n for n in NAME.values() if n in text}


@FAST
@given(st.lists(assignments, min_size=1, max_size=3))
def test_no_unit_is_both_lead_and_support_in_any_derived_line(nodes):
    sections = [{"title": f"Mục {i}", "responsible": "auto",
                 "tasks": [{"text": f"Việc {i}.{j}", "lead": lead, "support": support}
                           for j, (lead, support) in enumerate(tasks)]} for i, tasks in enumerate(nodes)]
    d = draft(sections=sections + [{"title": "Tổ chức thực hiện", "generate": "duties"}])
    for node, tasks in zip(d.sections, nodes):
        clauses = responsible_line(d, node).removeprefix("Phụ trách thực hiện: ").removesuffix(".").split("; ")
        shown_leads = set()
        for clause in clauses:
            lead_part, _, support_part = clause.partition("chủ trì")
            assert not _names(lead_part) & _names(support_part), clause
            shown_leads |= _names(lead_part)
        # every task's lead leads in some clause
        assert shown_leads == {NAME[lead[0]] for lead, _ in tasks if lead}
    _, layout = layout_body(d)
    for unit in d.units:
        duty = derived_duty(d, unit, layout) or ""
        led, _, supported = duty.partition("; phối hợp thực hiện ")
        if led.startswith("Phối hợp"):
            led, supported = "", led
        whole = led.partition("các nhiệm vụ tại mục ")[2].removesuffix(" của Kế hoạch này.")
        whole_refs = {r for r in whole.split(", ") if r and not r.startswith("nhiệm vụ")}
        supported_refs = set(supported.removesuffix(" của Kế hoạch này.").replace(" tại mục ", ", ").split(", "))
        assert not whole_refs & supported_refs, duty


@settings(max_examples=12, deadline=None)
@given(st.sampled_from(["bac-ninh-cchc-2026", "bac-ninh-par-sipas-2026", "hai-phong-cchc-2026"]),
       st.sampled_from(COMMUNE_TYPES),
       st.sets(st.sampled_from(["vp", "kt", "ttpvhcc", "ttcu", "ca", "tyt", "truong", "mttq"]), max_size=4))
def test_every_unit_with_a_task_is_a_recipient_and_never_both_lead_and_support(preset, ctype, drop):
    from drafter.context import build_context
    from drafter.derive import derive_model
    from drafter.presets import load_preset

    d = derive_model(load_preset(preset), {"name": "Hòa Bình", "type": ctype}, {"units_drop": sorted(drop)})
    tasks = [t for n in _walk(d.sections) for t in n.tasks]
    for t in tasks:
        assert t.lead and not set(t.lead) & set(t.support)
    involved = {u for t in tasks for u in t.lead + t.support}
    assert involved <= {r.unit for r in d.recipients if r.unit}
    lines = build_context(d)["plan"]["recipients"]
    for uid in involved:
        assert f"- {d.unit(uid).name};" in lines
    assert lines[-1].startswith("- Lưu: VT, ") and not lines[-1].endswith("..")


def _walk(nodes):
    for n in nodes:
        yield n
        yield from _walk([i for i in n.items if not isinstance(i, str)])


# ----------------------------------------------------------------------------- rendering

# Vietnamese letters, digits, punctuation and what XML must escape; no control characters
TEXT = st.text(alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ0123456789 .,;:-+/()«»\"'<>&%"
                                             "áàảãạấầẩẫậếềểễệốồổỗộớờởỡợứừửữựíìỉĩịýỳỷỹỵ")),
               min_size=1, max_size=40).map(lambda s: " ".join(s.split())).filter(bool)


@settings(max_examples=8, deadline=None)
@given(TEXT, TEXT, st.sampled_from(["ke-hoach", "quyet-dinh"]))
def test_any_text_round_trips_through_yaml_and_docx_and_rendering_is_deterministic(subject, paragraph, kind):
    from drafter.render import render_draft
    from ooxml import Package, text_of

    plain = {"kind": kind, "commune": {"name": "An Lạc", "type": "xã"}, "date": "2026-06-05",
             "subject": subject, "units": UNITS,
             "sections": [{"title": "Mục", "items": [paragraph]}], "closing": "Hết"}
    loaded = parse_draft(yamlio.dump(plain)).draft
    assert loaded.subject == clean(subject) and loaded.sections[0].items == [clean(paragraph)]
    data = render_draft(loaded)
    assert render_draft(parse_draft(yamlio.dump(plain)).draft) == data
    texts = [text_of(p) for p in Package(data).paragraphs()]
    assert unicodedata.normalize("NFC", subject) in texts
    assert unicodedata.normalize("NFC", paragraph) in texts


@pytest.mark.parametrize("ctype", COMMUNE_TYPES)
def test_same_draft_same_bytes_for_each_commune_type(ctype):
    from behaviour import APPENDIX_DRAFT
    from drafter.render import render_draft

    plain = {**APPENDIX_DRAFT, "kind": "quyet-dinh", "commune": {"name": "An Lạc", "type": ctype}}
    assert render_draft(draft(**plain)) == render_draft(draft(**plain))
