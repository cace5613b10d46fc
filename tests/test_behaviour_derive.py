"""A commune's draft derived from a preset, rule by rule: who takes a task named by role, the
recipients, the archive line, the signer, the decision, the defaults of the text. A tiny preset
written here, so each rule shows on a few lines; parametrised over xã, phường and đặc khu."""
from __future__ import annotations

import pytest

from behaviour import COMMUNE_TYPES
from drafter.context import build_context
from drafter.derive import derive_model, derive_plain
from drafter.errors import DraftError
from drafter.outline import plan_blocks
from drafter.presets import load_preset

PRESET = """\
preset: 1
title: Thử
province: Bắc Ninh
superior: {kind: Kế hoạch, number: 182/KH-UBND, date: 17/12/2025, issuer: UBND tỉnh Bắc Ninh,
           subject: về cải cách hành chính năm 2026}
kind: KIND
year: 2026
month: 2
subject: Cải cách hành chính năm 2026 của {{ xa }}
bases:
  - {kind: Nghị quyết, number: 76/NQ-CP, date: 15/7/2021, issuer: Chính phủ, subject: ban hành Chương trình}
  - {name: Luật Tổ chức chính quyền địa phương}
  - {kind: Nghị quyết, number: 57-NQ/TW, issuer: Bộ Chính trị}
  - {kind: Quyết định, number: 1/QĐ-TTg, issuer: Thủ tướng Chính phủ}
  - {kind: Thông tư, number: 2/TT-BNV, issuer: Bộ Nội vụ}
  - {kind: Quyết định, number: 3/QĐ-UBND, issuer: Ủy ban nhân dân tỉnh Bắc Ninh}
layout: LAYOUT
appendix: {title: Danh mục nhiệm vụ}
purposes: [Mục đích một]
titles: {duties: "Trách nhiệm ở {{ loai }}"}
areas:
  - title: Cải cách thể chế ở {{ loai }}
    targets: [Mục tiêu một, "- Mục tiêu hai"]
    tasks:
      - {text: "Rà soát văn bản của {{ xa }}", lead: office, support: [standing, economy, office], deadline: Quý I}
      - {text: Kiểm tra, lead: health, support: [police, service]}
  - title: Thủ tục
    tasks:
      - {text: Công khai, lead: one-stop, appendix: false}
      - {text: Chỉ trong phụ lục, lead: economy, body: false}
duties:
  standing: ["Tổng hợp, báo cáo."]
  requested: [Giám sát.]
recipients:
  - {text: UBND tỉnh Bắc Ninh, report: true}
  - {unit: vp}
"""


@pytest.fixture(scope="module")
def presets(tmp_path_factory):
    out = {}
    d = tmp_path_factory.mktemp("presets")
    for kind in ("ke-hoach", "quyet-dinh"):
        for layout in ("body", "both", "appendix"):
            path = d / f"{kind}-{layout}.yaml"
            path.write_text(PRESET.replace("KIND", kind).replace("LAYOUT", layout), encoding="utf-8")
            out[kind, layout] = load_preset(path)
    return out


def _plain(presets, ctype="xã", kind="ke-hoach", layout="both", **ov):
    return derive_plain(presets[kind, layout], {"name": "An Lạc", "type": ctype}, ov or None)


def _tasks(plain):
    return [t for a in plain["sections"][1]["items"] if isinstance(a, dict) for t in a.get("tasks", [])]


@pytest.mark.parametrize("ctype", COMMUNE_TYPES)
def test_commune_name_and_type_fill_the_text(presets, ctype):
    p = _plain(presets, ctype)
    full = f"{ctype} An Lạc"
    assert p["subject"] == f"Cải cách hành chính năm 2026 của {full}"
    assert p["commune"] == {"name": "An Lạc", "type": ctype, "province": "Bắc Ninh"}
    areas = [a for a in p["sections"][1]["items"] if isinstance(a, dict)]
    assert areas[0]["title"] == f"Cải cách thể chế ở {ctype}"
    assert _tasks(p)[0]["text"] == f"Rà soát văn bản của {full}"
    assert p["preamble"] == f"Ủy ban nhân dân {full} ban hành Kế hoạch cải cách hành chính năm 2026 của {full}, " \
                            "cụ thể như sau:"
    assert p["closing"].startswith(f"Trên đây là Kế hoạch cải cách hành chính năm 2026 của {full};")
    assert p["date"] == "2026-02"
    assert p["number"] == "" and "place" not in p
    assert p["sections"][-1]["items"][-1]["title"] == f"Trách nhiệm ở {ctype}"
    assert _plain(presets, ctype, place="Bến Cát")["place"] == "Bến Cát"
    assert _plain(presets, ctype, extra_recipients=[" Báo Bắc Ninh "])["recipients"][-1] == {"text": "Báo Bắc Ninh"}
    assert _plain(presets, ctype, kind="quyet-dinh")["decision"]["number"] == ""


def test_roles_become_the_communes_units_lead_never_repeated_as_support(presets):
    tasks = _tasks(_plain(presets))
    assert tasks[0]["lead"] == "vp"
    assert tasks[0]["support"] == ["vhxh", "kt"]  # office named as support too: dropped
    assert tasks[1]["lead"] == "tyt" and tasks[1]["support"] == ["ca", "ttcu"]
    assert tasks[2]["lead"] == "ttpvhcc"


def test_a_dropped_unit_falls_back_to_a_related_role(presets):
    tasks = _tasks(_plain(presets, units_drop=["ttpvhcc", "kt"]))
    assert tasks[2]["lead"] == "vp"  # one-stop → office
    assert tasks[3]["lead"] == "vp"  # economy → office
    assert tasks[0]["support"] == ["vhxh"]
    # health, service → culture (none in a xã) → standing
    assert _tasks(_plain(presets, units_drop=["ttcu"]))[1]["support"] == ["ca", "vhxh"]
    # standing → culture (none) → office
    assert _plain(presets, units_drop=["vhxh"])["archive"] == "VT, VP"
    assert _tasks(_plain(presets, units_drop=["tyt"]))[1]["lead"] == "vhxh"
    tasks = _tasks(_plain(presets, units_drop=["ttpvhcc", "vp"]))
    assert tasks[0]["lead"] == "vhxh" and tasks[0]["support"] == ["kt"]  # office → standing
    assert tasks[2]["lead"] == "vhxh"


def test_layout_decides_body_appendix_and_responsible_line(presets):
    both = _plain(presets, layout="both")
    areas = [a for a in both["sections"][1]["items"] if isinstance(a, dict)]
    assert [t.get("body", True) for t in _tasks(both)] == [True, True, True, False]
    assert [t.get("appendix", True) for t in _tasks(both)] == [True, True, False, True]
    assert [a.get("responsible") for a in areas] == ["auto", "auto"]
    assert both["appendices"] == [{"title": "Danh mục nhiệm vụ"}]
    app = _plain(presets, layout="appendix")
    assert [t.get("body", True) for t in _tasks(app)] == [False, False, False, False]
    assert all("responsible" not in a for a in app["sections"][1]["items"] if isinstance(a, dict))
    body = _plain(presets, layout="body")
    assert "appendices" not in body
    assert [t.get("appendix", True) for t in _tasks(body)] == [True, True, True, True]


def test_area_targets_then_tasks_heading_with_dashes(presets):
    area = _plain(presets)["sections"][1]["items"][0]
    assert area["items"] == [{"title": "Mục tiêu", "items": ["- Mục tiêu một", "- Mục tiêu hai"]},
                             {"title": "Nhiệm vụ"}]
    assert area["task_bullet"] == "-"
    assert "task_bullet" not in _plain(presets)["sections"][1]["items"][1]


def test_purposes_section_first_duties_section_last(presets):
    p = _plain(presets)
    assert p["sections"][0] == {"title": "Mục đích, yêu cầu", "role": "purposes",
                                "items": [{"title": "Mục đích", "items": ["Mục đích một"]}]}
    last = p["sections"][-1]
    assert last["role"] == "implementation"
    assert last["items"][-1]["generate"] == "duties"


@pytest.mark.parametrize("ctype", COMMUNE_TYPES)
def test_recipients_superiors_then_leaders_then_every_unit_involved_once(presets, ctype):
    p = _plain(presets, ctype, extra_recipients=["Báo Bắc Ninh"])
    full = f"{ctype} An Lạc"
    rec = p["recipients"]
    assert rec[:4] == [{"text": "UBND tỉnh Bắc Ninh", "report": True}, {"unit": "vp"},
                       {"text": f"TT Đảng ủy, TT HĐND {full}", "report": True},
                       {"text": f"Chủ tịch, các Phó Chủ tịch UBND {full}"}]
    units = [r["unit"] for r in rec[4:] if "unit" in r]
    assert units == ["vhxh", "kt", "ttpvhcc", "ttcu", "ca", "tyt", "mttq"]  # vp already named; mttq has duties
    assert rec[-1] == {"text": "Báo Bắc Ninh"}
    d = derive_model(presets["ke-hoach", "both"], {"name": "An Lạc", "type": ctype})
    involved = {u for t in _tasks(p) for u in ([t["lead"]] if isinstance(t["lead"], str) else t["lead"])
                + t.get("support", [])}
    assert involved <= {r.unit for r in d.recipients if r.unit}


def test_archive_line_names_the_standing_units_short_name(presets):
    assert _plain(presets)["archive"] == "VT, VHXH"
    assert _plain(presets, unit_renames={"vhxh": {"name": "Phòng VHXH", "short": "VH"}})["archive"] == "VT, VH"
    lines = build_context(derive_model(presets["ke-hoach", "both"], {"name": "An Lạc", "type": "xã"}))
    assert lines["plan"]["recipients"][-1] == "- Lưu: VT, VHXH."


def test_requested_units_duties_are_requests(presets):
    units = {u["id"]: u for u in _plain(presets)["units"]}
    assert units["mttq"]["duties_title"] == f"Đề nghị {units['mttq']['name']}"
    assert units["mttq"]["duties"] == ["Giám sát."]
    assert units["vhxh"]["duties"] == ["Tổng hợp, báo cáo."]
    assert "duties_title" not in units["vp"]


@pytest.mark.parametrize("over, titles", [
    ({}, ("KT.", "Chủ tịch", "Phó Chủ tịch")),
    ({"signer_authority": "TM."}, ("TM.", "Ủy ban nhân dân", "Chủ tịch")),
    ({"signer_authority": "TM.", "signer_title": "Phó Chủ tịch"}, ("TM.", "Ủy ban nhân dân", "Phó Chủ tịch")),
    ({"signer_authority": "KT.", "signer_authority_of": "Chủ tịch UBND"}, ("KT.", "Chủ tịch UBND", "Phó Chủ tịch")),
    ({"signer": {"authority": "KT.", "authority_of": "Chủ tịch", "title": "Phó Chủ tịch thường trực"}},
     ("KT.", "Chủ tịch", "Phó Chủ tịch thường trực")),
])
def test_signer_from_preset_and_overrides(presets, over, titles):
    sig = _plain(presets, signer_name="Lê Bình", **over)["signer"]
    assert (sig["authority"], sig["authority_of"], sig["title"]) == titles
    assert sig["name"] == "Lê Bình"


@pytest.mark.parametrize("ctype", COMMUNE_TYPES)
def test_decision_numbers_bases_proposer(presets, ctype):
    p = _plain(presets, ctype, kind="quyet-dinh", decision_number="9", number="3", date="05/6/2026")
    d = p["decision"]
    assert d["number"] == "9" and p["number"] == "3" and p["date"] == "05/6/2026"
    assert d["proposer"] == "Trưởng phòng Văn hóa - Xã hội"
    assert [b.get("number") for b in d["bases"]] == [b.get("number") for b in p["bases"]]
    assert "decision" not in _plain(presets)
    model = derive_model(presets["quyet-dinh", "both"], {"name": "An Lạc", "type": ctype})
    ctx = build_context(model)
    assert ctx["decision"]["bases"][-1] == "Theo đề nghị của Trưởng phòng Văn hóa - Xã hội."
    assert ctx["decision"]["recipients"][0] == "- Như Điều 3;"


def test_proposer_of_a_standing_unit_that_is_not_a_phong(presets):
    d = _plain(presets, kind="quyet-dinh", unit_renames={"vhxh": "Văn phòng Đảng ủy"})["decision"]
    assert d["proposer"] == "Thủ trưởng Văn phòng Đảng ủy"


def test_bases_in_legal_order_superior_last(presets):
    numbers = [b.get("number") or b.get("name") for b in _plain(presets)["bases"]]
    assert numbers == ["Luật Tổ chức chính quyền địa phương", "57-NQ/TW", "76/NQ-CP", "1/QĐ-TTg", "2/TT-BNV",
                       "3/QĐ-UBND", "182/KH-UBND"]


def test_derived_plan_renders_its_sections_numbered_and_closed(presets):
    d = derive_model(presets["ke-hoach", "body"], {"name": "An Lạc", "type": "phường"})
    texts = [b.full for b in plan_blocks(d)]
    assert texts[1:3] == ["I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích"]
    assert "II. NHIỆM VỤ VÀ GIẢI PHÁP" in texts and "III. TỔ CHỨC THỰC HIỆN" in texts
    assert texts[-1].endswith("thực hiện./.") and texts[-1].count("/.") == 1


def test_bad_overrides_are_refused_in_vietnamese(presets):
    with pytest.raises(DraftError, match="không hiểu thông tin ghi đè"):
        _plain(presets, colour="red")
    with pytest.raises(DraftError, match="không có đơn vị mã"):
        _plain(presets, unit_renames={"nope": "X"})


def _variant(tmp_path, old: str, new: str, kind="ke-hoach", layout="both"):
    """The tiny preset with one change, loaded."""
    text = PRESET.replace("KIND", kind).replace("LAYOUT", layout)
    assert old in text
    path = tmp_path / "variant.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return load_preset(path)


def test_a_role_falls_back_twice_when_the_first_fallback_is_dropped_too(presets):
    """economy → office → standing: a commune with neither Phòng Kinh tế nor Văn phòng gives the task
    to its standing body, never to nobody."""
    tasks = _tasks(_plain(presets, units_drop=["kt", "vp"]))
    assert tasks[3]["text"] == "Chỉ trong phụ lục" and tasks[3]["lead"] == "vhxh"


def test_a_superior_already_among_the_bases_is_cited_once(tmp_path):
    preset = _variant(tmp_path, "bases:\n", "bases:\n  - {kind: Kế hoạch, number: 182/KH-UBND, date: 17/12/2025, "
                      "issuer: UBND tỉnh Bắc Ninh, subject: về cải cách hành chính năm 2026}\n")
    numbers = [b.get("number") for b in derive_plain(preset, {"name": "An Lạc", "type": "xã"})["bases"]]
    assert numbers.count("182/KH-UBND") == 1 and numbers[-1] == "182/KH-UBND"


@pytest.mark.parametrize("ctype, word", [("xã", "Xã"), ("phường", "Phường"), ("đặc khu", "Đặc khu")])
def test_the_capitalised_commune_type_placeholder_starts_a_sentence(tmp_path, ctype, word):
    preset = _variant(tmp_path, "purposes: [Mục đích một]", "purposes: [\"{{ Loai }} chủ động triển khai.\"]")
    plain = derive_plain(preset, {"name": "An Lạc", "type": ctype})
    assert f"{word} chủ động triển khai." in plain["sections"][0]["items"][0]["items"]


def test_a_preset_that_signs_its_attached_plan_gives_a_decision_that_does(tmp_path):
    preset = _variant(tmp_path, "layout: both", "layout: both\ndecision: {sign_plan: true}", kind="quyet-dinh")
    model = derive_model(preset, {"name": "An Lạc", "type": "xã"})
    assert model.decision.sign_plan is True
    assert derive_model(_variant(tmp_path, "layout: both", "layout: both", kind="quyet-dinh"),
                        {"name": "An Lạc", "type": "xã"}).decision.sign_plan is False


def test_a_name_first_met_in_a_written_responsible_line_is_cited_in_full_there(tmp_path):
    """«Đề án 06» is cited in full where the reader first meets it, even in a «Phụ trách thực hiện» line,
    and short after it."""
    preset = _variant(tmp_path, "  - title: Thủ tục\n",
                      "    responsible: Phụ trách thực hiện Đề án 06 ở {{ loai }}.\n"
                      "  - title: Thủ tục\n    items: [Tiếp tục Đề án 06.]\n")
    plain = derive_plain(preset, {"name": "An Lạc", "type": "xã"}, {})
    areas = [a for a in plain["sections"][1]["items"] if isinstance(a, dict)]
    assert areas[0]["responsible"] == ("Phụ trách thực hiện Đề án 06 (phê duyệt tại Quyết định số 06/QĐ-TTg "
                                       "ngày 06/01/2022 của Thủ tướng Chính phủ) ở xã.")
    assert "Tiếp tục Đề án 06." in areas[1]["items"]
