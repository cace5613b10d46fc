"""Presets: format, catalogues, safe placeholders, located errors, where presets come from."""
import json
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter import yamlio
from drafter.cli import main
from drafter.derive import derive_model, derive_plain, prepare
from drafter.draftfile import draft_document
from drafter.errors import DraftError
from drafter.loader import validate
from drafter.model import Commune, all_tasks
from drafter.presets import PLACEHOLDERS, list_presets, load_preset, parse_preset_text, unit_catalogue

SHIPPED = ["bac-ninh-cchc-2026", "bac-ninh-par-sipas-2026", "hai-phong-cchc-2026"]

MINIMAL = """\
preset: 1
title: Thử
province: Bắc Ninh
superior:
  kind: Kế hoạch
  number: 167/KH-UBND
  date: 17/12/2025
  issuer: UBND tỉnh Bắc Ninh
  subject: về cải cách hành chính nhà nước tỉnh Bắc Ninh năm 2026
year: 2026
subject: Thử nghiệm {{ xa }} năm 2026
purposes:
  - {purpose}
areas:
  - title: Cải cách thể chế
    tasks:
      - text: Rà soát văn bản
        lead: office
"""


def minimal(purpose: str = "Mục đích của {{ xa }}") -> str:
    return MINIMAL.replace("{purpose}", purpose)


# ----------------------------------------------------------------------------- shipped

def test_list_presets_names_titles_kinds():
    infos = {i.name: i for i in list_presets()}
    for name in SHIPPED:
        assert name in infos, name
        info = infos[name]
        assert info.error is None and info.title and info.path.is_file()
    assert infos["hai-phong-cchc-2026"].kind == "quyet-dinh"
    assert infos["bac-ninh-cchc-2026"].kind == "ke-hoach"


def test_cli_presets_one_line_each():
    result = CliRunner().invoke(main, ["presets"])
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    for name in SHIPPED:
        assert sum(ln.startswith(name + " ") for ln in lines) == 1
    assert "cải cách hành chính" in result.output


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_preset_is_complete(name):
    spec = load_preset(name).spec
    assert spec.purposes and spec.requirements and spec.areas and spec.duties and spec.recipients
    assert all(t.lead for a in spec.areas for t in a.tasks)
    draft = derive_model(load_preset(name), Commune(name="Tân Hội", type="xã"))
    # the superior plan is always among the bases, last (the most specific)
    assert draft.bases[-1].number == spec.superior.number
    if draft.decision:
        assert draft.decision.bases[-1].number == spec.superior.number
        assert draft.decision.bases[0].name or draft.decision.bases[0].kind == "Luật"
    for node in draft.sections:
        assert node.items or node.tasks or node.generate, node.title


def test_superior_is_added_when_the_preset_forgets_it():
    preset = parse_preset_text(minimal(), "thu.yaml")
    plain = derive_plain(preset, Commune(name="Tân Hội", type="xã"))
    assert plain["bases"][-1]["number"] == "167/KH-UBND"


def test_bases_in_legal_order():
    text = minimal() + "bases:\n  - ref: bn-kh-69-2025\n  - ref: nq-57-2024\n  - ref: nq-76-2021\n  - ref: luat-72-2025\n"
    draft = derive_model(parse_preset_text(text, "thu.yaml"), Commune(name="Tân Hội", type="xã"))
    numbers = [b.number for b in draft.bases]
    assert numbers == ["72/2025/QH15", "57-NQ/TW", "76/NQ-CP", "69/KH-UBND", "167/KH-UBND"]


# ----------------------------------------------------------------------------- catalogues

@pytest.mark.parametrize("ctype", ["xã", "phường", "đặc khu"])
def test_unit_catalogue_after_july_2025(ctype):
    units = unit_catalogue(ctype)
    roles = {u["role"]: u for u in units}
    for role in ("standing", "office", "economy", "one-stop", "service", "police", "health", "school",
                 "requested"):
        assert role in roles, role
    assert roles["standing"]["name"] == "Phòng Văn hóa - Xã hội"
    assert roles["office"]["name"] == "Văn phòng HĐND và UBND"
    expected = "Phòng Kinh tế, Hạ tầng và Đô thị" if ctype == "phường" else "Phòng Kinh tế"
    assert roles["economy"]["name"] == expected
    assert all(u.get("short") for u in units)
    draft = derive_model(load_preset(SHIPPED[0]), Commune(name="Tân Hội", type=ctype))
    assert draft.unit("ca").name == f"Công an {ctype}"
    assert draft.archive == "VT, VHXH"


def test_overrides_rename_drop_signer_recipients():
    preset = load_preset("bac-ninh-cchc-2026")
    draft = derive_model(preset, Commune(name="Tân Hội", type="xã"), {
        "unit_renames": {"ttcu": "Trung tâm Dịch vụ tổng hợp", "kt": {"name": "Phòng Kinh tế xã", "short": "KT"}},
        "units_drop": ["ttpvhcc"],
        "signer": {"name": "Nguyễn Văn An"},
        "extra_recipients": ["Ban Thường trực Ủy ban MTTQ Việt Nam xã"],
        "number": "12", "date": "2026-01",
    })
    assert draft.unit("ttcu").name == "Trung tâm Dịch vụ tổng hợp"
    assert draft.unit("kt").name == "Phòng Kinh tế xã"
    assert draft.unit("ttpvhcc") is None
    ids = {u.id for u in draft.units}
    assert all(u in ids for t in all_tasks(draft) for u in t.lead + t.support)
    assert draft.signer.name == "Nguyễn Văn An" and draft.signer.authority == "KT."
    assert draft.number == "12" and draft.date.month == 1
    assert any(r.text == "Ban Thường trực Ủy ban MTTQ Việt Nam xã" for r in draft.recipients)
    with pytest.raises(DraftError) as exc:
        derive_plain(preset, Commune(name="Tân Hội", type="xã"), {"khong_co": 1})
    assert "khong_co" in str(exc.value)


def test_the_file_drafter_new_writes_reads_back_as_the_batch_draft():
    preset = prepare(load_preset("bac-ninh-par-sipas-2026"))
    who = Commune(name="Võ Cường", type="phường", province="Bắc Ninh", code="9999")
    ov = {"signer_name": "Lê Văn B", "number": "12", "date": "05/6/2026", "extra_recipients": ["Đảng ủy phường"],
          "unit_renames": {"ttcu": "Trung tâm Dịch vụ tổng hợp"}, "units_drop": ["ttpvhcc"]}
    text = yamlio.dump(draft_document(preset, who, ov))
    assert text.split("\n", 1)[1].startswith("# Bản thảo Kế hoạch của UBND phường Võ Cường, lập từ preset «bac-ninh-par-sipas-2026»")
    assert "\n# Người ký: Phó Chủ tịch ký thay" in text and "commune: {name: Võ Cường, type: phường" in text
    from_file = validate(yamlio.parse(text, "<new>"), "<new>").draft
    assert from_file.model_dump() == derive_model(preset, who, ov).model_dump()


def test_commune_and_overrides_are_cleaned_like_a_draft_file():
    """Text typed on a Mac comes decomposed (NFD); the draft holds it composed, as a file would."""
    nfd = unicodedata.normalize("NFD", "Võ Cường")
    draft = derive_model(load_preset("bac-ninh-cchc-2026"), Commune(name=nfd, type="phường"),
                         {"signer_name": unicodedata.normalize("NFD", "Trần Thu Hà\x07")})
    assert draft.commune.name == "Võ Cường" and "phường Võ Cường" in draft.subject
    assert draft.signer.name == "Trần Thu Hà"


# ----------------------------------------------------------------------------- safety

INJECTIONS = [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{% for c in ().__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    "{{ cycler.__init__.__globals__.os.system('touch SENTINEL') }}",
    "{% import os %}{{ os.system('touch SENTINEL') }}",
    "{{ xa|attr('__class__') }}",
    "{# comment #}",
]


@pytest.mark.parametrize("payload", INJECTIONS)
def test_code_in_a_placeholder_is_refused_and_never_runs(payload, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sentinel = tmp_path / "SENTINEL"
    payload = payload.replace("SENTINEL", str(sentinel))
    text = minimal('"' + payload.replace('"', '\\"') + '"')
    with pytest.raises(DraftError) as exc:
        parse_preset_text(text, "doc.yaml")
    problem = exc.value.problems[0]
    assert problem.file == "doc.yaml" and problem.line == 13
    assert "không hợp lệ" in problem.message
    assert not sentinel.exists()


def test_commune_name_is_never_evaluated():
    preset = load_preset("bac-ninh-cchc-2026")
    draft = derive_model(preset, Commune(name="{{ ''.__class__ }}", type="xã"))
    assert draft.subject == "Cải cách hành chính nhà nước xã {{ ''.__class__ }} năm 2026"


def test_unknown_placeholder_names_file_line_and_field():
    with pytest.raises(DraftError) as exc:
        parse_preset_text(minimal("Mục đích của {{ ten_huyen }}"), "thu.yaml")
    problem = exc.value.problems[0]
    assert (problem.file, problem.line, str(problem.field)) == ("thu.yaml", 13, "purposes[0]")
    assert "ten_huyen" in problem.message and "xa" in problem.message


def test_every_documented_placeholder_is_filled():
    body = "; ".join(f"{{{{ {k} }}}}" for k in PLACEHOLDERS)
    preset = parse_preset_text(minimal('"' + body + '"'), "thu.yaml")
    draft = derive_model(preset, Commune(name="Tân Hội", type="phường"))
    text = draft.sections[0].items[0].items[0]
    # The preamble named "Ủy ban nhân dân phường Tân Hội" in full first: here it is short.
    assert "{{" not in text and "phường Tân Hội" in text and "UBND phường;" in text and "tổ dân phố" in text


def test_unknown_unit_role_names_the_line():
    with pytest.raises(DraftError) as exc:
        parse_preset_text(minimal().replace("lead: office", "lead: phong-khong-co"), "thu.yaml")
    problem = exc.value.problems[0]
    assert problem.line == 18 and "phong-khong-co" in problem.message


def test_wrong_field_names_the_line():
    with pytest.raises(DraftError) as exc:
        parse_preset_text(minimal().replace("year: 2026", "year: hai nghìn"), "thu.yaml")
    problem = exc.value.problems[0]
    assert problem.line == 10 and str(problem.field) == "year"


def test_broken_preset_yaml_exit_2_with_file_and_line(tmp_path):
    bad = tmp_path / "hong.yaml"
    bad.write_text(minimal().replace("title: Thử", "title: [Thử"), encoding="utf-8")
    result = CliRunner().invoke(main, ["new", "--preset", str(bad), "--commune", "Tân Hội",
                                       "-o", str(tmp_path / "x.yaml")])
    assert result.exit_code == 2
    assert str(bad) in result.output and "Lỗi" in result.output
    assert ":2:" in result.output or ":3:" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.yaml").exists()


# ----------------------------------------------------------------------------- sources

def test_preset_from_env_folder_and_from_path(tmp_path, monkeypatch):
    folder = tmp_path / "so-noi-vu"
    folder.mkdir()
    (folder / "ke-hoach-2027.yaml").write_text(minimal(), encoding="utf-8")
    assert load_preset(str(folder / "ke-hoach-2027.yaml")).spec.title == "Thử"
    monkeypatch.setenv("DRAFTER_PRESETS", str(folder))
    assert load_preset("ke-hoach-2027").path == folder / "ke-hoach-2027.yaml"
    info = next(i for i in list_presets() if i.name == "ke-hoach-2027")
    assert info.source == "env"


def test_preset_from_user_config_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.delenv("DRAFTER_PRESETS", raising=False)
    folder = tmp_path / "drafter" / "presets"
    folder.mkdir(parents=True)
    (folder / "rieng.yaml").write_text(minimal(), encoding="utf-8")
    from drafter.presets import search_dirs
    if not any(p == folder for _, p in search_dirs()):
        pytest.skip("platformdirs does not follow XDG_CONFIG_HOME on this system")
    assert load_preset("rieng").spec.title == "Thử"


def test_unknown_preset_name_lists_the_known_ones():
    with pytest.raises(DraftError) as exc:
        load_preset("khong-co-preset-nay")
    assert "bac-ninh-cchc-2026" in str(exc.value)


def test_schema_for_presets():
    result = CliRunner().invoke(main, ["schema", "--preset"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert "superior" in schema["properties"] and "areas" in schema["required"]


def test_library_lists_the_superior_plans():
    result = CliRunner().invoke(main, ["library"])
    assert result.exit_code == 0
    for number in ("167/KH-UBND", "182/KH-UBND", "5256/QĐ-UBND", "76/NQ-CP"):
        assert number in result.output


def test_shipped_presets_are_nfc():
    import unicodedata
    for name in SHIPPED:
        text = Path(load_preset(name).path).read_text(encoding="utf-8")
        assert unicodedata.normalize("NFC", text) == text
