"""``drafter preset from-draft``: a province plan written as a drafter draft becomes a preset a commune uses."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.loader import load_draft
from drafter.model import all_tasks


@pytest.mark.parametrize("province_draft", ["dong-thap-617-2025", "bac-ninh-144-2025"])
@pytest.mark.parametrize("kind", ["xã", "phường"])
def test_province_draft_becomes_a_preset_communes_use(root, tmp_path, province_draft, kind):
    source = load_draft(root / "presets" / "examples" / f"{province_draft}.yaml").draft
    preset, draft, docx = tmp_path / "preset.yaml", tmp_path / "xa.yaml", tmp_path / "xa.docx"
    runner = CliRunner()
    made = runner.invoke(main, ["preset", "from-draft", str(root / "presets" / "examples" / f"{province_draft}.yaml"),
                                "-o", str(preset)])
    assert made.exit_code == 0, made.output
    assert "Đã ghi" in made.output and "nhiệm vụ" in made.output
    new = runner.invoke(main, ["new", "--preset", str(preset), "--commune", "Mỹ Thọ", "--type", kind, "-o", str(draft)])
    assert new.exit_code == 0, new.output
    commune = load_draft(draft).draft
    # the commune's plan implements the province's: cited by its number and date
    cited = [b for b in commune.bases if b.number and b.number.startswith(source.number or "\0")]
    assert cited and cited[0].date and str(source.date.year) in str(cited[0].date)
    assert commune.commune.name == "Mỹ Thọ" and commune.commune.type == kind
    ids = {u.id for u in commune.units}
    tasks = list(all_tasks(commune))
    assert tasks and all(t.lead and set(t.lead + t.support) <= ids for t in tasks)  # every task to a commune unit
    assert runner.invoke(main, ["validate", str(draft)]).exit_code == 0
    rendered = runner.invoke(main, ["render", str(draft), "-o", str(docx)])
    assert rendered.exit_code == 0, rendered.output
    assert docx.stat().st_size > 0


def test_a_commune_plan_is_not_a_preset(root, tmp_path):
    out = tmp_path / "p.yaml"
    result = CliRunner().invoke(main, ["preset", "from-draft", str(root / "presets" / "examples" / "an-lac-2026.yaml"),
                                       "-o", str(out)])
    assert result.exit_code == 2 and not out.exists()
    assert "xã An Lạc" in result.output and "chỉ kế hoạch cấp tỉnh" in result.output


def test_existing_output_is_not_overwritten(root, tmp_path):
    out = tmp_path / "p.yaml"
    out.write_text("giữ nguyên\n", "utf-8")
    result = CliRunner().invoke(main, ["preset", "from-draft",
                                       str(root / "presets" / "examples" / "dong-thap-617-2025.yaml"), "-o", str(out)])
    assert result.exit_code == 2 and out.read_text("utf-8") == "giữ nguyên\n"

def test_guessed_mappings_are_kept_in_the_preset_and_said_at_each_new_draft(root, tmp_path):
    """The guesses made when a preset is built stay in its «review» list; «drafter new» says them
    for every commune until someone reviews and removes them."""
    from drafter.presets import load_preset

    preset, draft = tmp_path / "preset.yaml", tmp_path / "xa.yaml"
    runner = CliRunner()
    made = runner.invoke(main, ["preset", "from-draft", str(root / "presets" / "examples" / "dong-nai-179-2025.yaml"),
                                "-o", str(preset)])
    assert made.exit_code == 0, made.output
    review = load_preset(str(preset)).spec.review
    assert review and any("→" in line for line in review)
    new = runner.invoke(main, ["new", "--preset", str(preset), "--commune", "Long Hưng", "-o", str(draft)])
    assert new.exit_code == 0, new.output
    assert f"Cần xem lại: preset còn {len(review)} chỗ phỏng đoán" in new.output
    assert all(f"  {line}" in new.output for line in review)
    # reviewed: the list removed, nothing said any more
    text = preset.read_text(encoding="utf-8")
    preset.write_text(text[:text.index("\nreview:")] + "\n", encoding="utf-8")
    again = runner.invoke(main, ["new", "--preset", str(preset), "--commune", "Long Hưng", "-o", str(draft), "--force"])
    assert again.exit_code == 0 and "Cần xem lại" not in again.output


def test_a_province_tasks_body_wording_goes_into_the_preset(root):
    """A task the province's body summarises keeps its summary in the preset, so the commune's body
    summarises it too and its appendix row stays in full."""
    from drafter.importing.preset import _Notes, _task
    from drafter.model import Task

    from behaviour import draft as small_draft

    draft = small_draft()
    out = _task(Task(text="Triển khai đánh giá mức độ chuyển đổi số trong các doanh nghiệp trên địa bàn Tỉnh",
                     summary="Đánh giá mức độ chuyển đổi số của doanh nghiệp", lead=["kt"]), draft, _Notes())
    assert out["summary"] == "Đánh giá mức độ chuyển đổi số của doanh nghiệp"
    assert out["text"].startswith("Triển khai đánh giá")
