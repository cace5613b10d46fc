"""``drafter new`` then ``drafter render``: every shipped preset × xã, phường, đặc khu."""
import csv
import io
import re
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from drafter import yamlio
from drafter.cli import main
from drafter.loader import load_draft
from drafter.model import all_tasks
from drafter.duties import units_with_duties

SHIPPED = ["bac-ninh-cchc-2026", "bac-ninh-par-sipas-2026", "hai-phong-cchc-2026"]
DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
# (commune, type, province in communes-2025.csv)
COMMUNES = [("Tân Hội", "xã", None), ("Võ Cường", "phường", "Tỉnh Bắc Ninh"), ("Cát Hải", "đặc khu", "Thành phố Hải Phòng")]
EXAMPLE_COMMUNES = ["An Lạc", "Võ Cường", "Lộc Hòa", "Lộc Ninh", "Tân Hội", "Cát Hải"]


def _all_names() -> list[tuple[str, str]]:
    path = DATA / "communes-2025.csv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as fh:
        return [(r["ten"], r.get("tinh") or "") for r in csv.DictReader(fh)]


def docx_text(path: Path) -> str:
    d = docx.Document(io.BytesIO(path.read_bytes()))
    out = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            for c in row.cells:
                out += [p.text for p in c.paragraphs]
    return "\n".join(out)


def _word(name: str, text: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text) is not None


@pytest.mark.parametrize("commune,ctype,province", COMMUNES)
@pytest.mark.parametrize("preset", SHIPPED)
def test_new_then_render(preset, commune, ctype, province, tmp_path):
    runner = CliRunner()
    draft_path, out = tmp_path / "ban-thao.yaml", tmp_path / "ke-hoach.docx"
    result = runner.invoke(main, ["new", "--preset", preset, "--commune", commune, "--type", ctype,
                                  "-o", str(draft_path)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["render", str(draft_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = docx_text(out)
    draft = load_draft(draft_path).draft

    # the commune in the subject and everywhere its type belongs
    assert commune in draft.subject and f"{ctype} {commune}" in draft.subject
    assert draft.subject in text
    assert f"Công an {ctype}" in text
    economy = "Phòng Kinh tế, Hạ tầng và Đô thị" if ctype == "phường" else "Phòng Kinh tế"
    assert economy in text
    if ctype != "phường":
        assert "Hạ tầng và Đô thị" not in text
    assert "{{" not in text and "{%" not in text

    # nothing of another commune: the examples, the province's communes, all 3,321 names
    others = [n for n in EXAMPLE_COMMUNES if n != commune]
    names = _all_names()
    if province:
        others += [n for n, p in names if p == province and n != commune]
    for name in others:
        assert not _word(name, text), f"{name} trong văn bản của {commune}"
    leaked = sorted({n for n, _ in names if n != commune and _word(n, text)})
    assert leaked == [], leaked

    # every unit named in a task, in the duties or in the recipients exists in the catalogue
    ids = {u.id for u in draft.units}
    tasks = list(all_tasks(draft))
    assert tasks and all(t.lead for t in tasks)
    assigned = {u for t in tasks for u in t.lead + t.support}
    assert assigned <= ids
    assert {u.id for u in units_with_duties(draft)} <= ids
    receiving = {r.unit for r in draft.recipients if r.unit}
    assert receiving <= ids
    # every unit with a task receives the plan, by its catalogue name
    assert assigned <= receiving
    closing = text[text.rindex("Nơi nhận"):] if "Nơi nhận" in text else text
    for uid in assigned:
        assert f"- {draft.unit(uid).name};" in closing
    assert "(b/c)" in closing and f"TT Đảng ủy, TT HĐND {ctype} {commune}" in closing
    assert "- Lưu: VT, VHXH." in closing

    # signer defaults; number and day blank for the clerk
    assert draft.number == "" and draft.date.day is None
    assert "KT. CHỦ TỊCH" in text and "PHÓ CHỦ TỊCH" in text
    assert re.search(r"Số:\s+/(KH|QĐ)-UBND", text)
    if draft.kind == "quyet-dinh":
        assert "QUYẾT ĐỊNH:" in text and "Như Điều 3;" in text
        assert draft.appendices


def test_new_refuses_to_overwrite_and_writes_commented_yaml(tmp_path):
    runner = CliRunner()
    target = tmp_path / "vo-cuong.yaml"
    args = ["new", "--preset", "bac-ninh-cchc-2026", "--commune", "Võ Cường", "--type", "phường",
            "-o", str(target)]
    assert runner.invoke(main, args).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=drafter-ban-thao.schema.json\n# Bản thảo Kế hoạch của UBND phường Võ Cường")
    assert "# Người ký:" in text and "# DANH MỤC ĐƠN VỊ" in text
    target.write_text("giữ nguyên", encoding="utf-8")
    result = runner.invoke(main, args)
    assert result.exit_code == 2 and "--force" in result.output
    assert target.read_text(encoding="utf-8") == "giữ nguyên"
    assert runner.invoke(main, args + ["--force"]).exit_code == 0
    assert target.read_text(encoding="utf-8") == text
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_new_from_a_preset_file_with_signer(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    src = Path(__file__).resolve().parents[1] / "presets" / "bac-ninh-par-sipas-2026.yaml"
    folder = tmp_path / "so-noi-vu"
    folder.mkdir()
    (folder / "ke-hoach-2027.yaml").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(main, ["new", "--preset", "./so-noi-vu/ke-hoach-2027.yaml", "--commune",
                                       "Tân Hội", "--type", "xa", "--signer", "Phùng Đức Minh"])
    assert result.exit_code == 0, result.output
    draft = load_draft(tmp_path / "tan-hoi.yaml").draft  # default name: the commune, no diacritics
    assert draft.commune.type == "xã" and draft.signer.name == "Phùng Đức Minh"


def test_new_rejects_a_bad_type_and_an_empty_name(tmp_path):
    runner = CliRunner()
    bad = runner.invoke(main, ["new", "--preset", SHIPPED[0], "--commune", "X", "--type", "huyện",
                               "-o", str(tmp_path / "a.yaml")])
    assert bad.exit_code == 2 and "xã, phường hoặc đặc khu" in bad.output
    empty = runner.invoke(main, ["new", "--preset", SHIPPED[0], "--commune", "  ", "-o", str(tmp_path / "b.yaml")])
    assert empty.exit_code == 2 and "Traceback" not in empty.output


def test_derived_yaml_round_trips_unchanged(tmp_path):
    from drafter.draftfile import draft_document
    from drafter.model import Commune
    from drafter.presets import load_preset

    doc = draft_document(load_preset("hai-phong-cchc-2026"), Commune(name="Cát Hải", type="đặc khu"))
    text = yamlio.dump(doc)
    assert yamlio.dump(yamlio.parse(text)) == text
