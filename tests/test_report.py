"""``drafter report PLAN --progress … --period …``: the periodic report as a draft, for every shipped
preset, from workbooks filled as units fill them; validated and rendered in ND 30 layout."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import test_layout as layout
from conftest import ROOT
from drafter.checks import check_draft
from drafter.cli import main
from drafter.deadlines import parse_period
from drafter.derive import derive_model
from drafter.errors import Severity
from drafter.loader import load_draft
from drafter.model import Commune, Node
from drafter.preview import plain_text
from drafter.presets import load_preset
from drafter.progress import read_progress
from drafter.publish import new_draft
from drafter.render import render_draft, split_outputs
from drafter.report import GROUPS, write_report
from drafter.track import DOING, DONE, NOT_REPORTED, TODO, plan_tasks, tracking_outputs, write_outputs
from ooxml import Package, text_of
from test_deadlines import EXPECTED
from trackfill import fill

PRESETS = sorted((ROOT / "presets").glob("*.yaml"))
CYCLE = [DONE, DOING, TODO, None]
# Rules a freshly made report may still raise: the signer's name is the official's to write.
EXPECTED_FINDINGS = {"SIGNER-NAME", "REPORT-PROMPT"}


def statuses_for(tasks) -> dict[str, str | None]:
    """Every status, and a done task with a past deadline (never «quá hạn»)."""
    marks = {t.id: CYCLE[i % len(CYCLE)] for i, t in enumerate(tasks)}
    dated = [t for t in tasks if t.deadline.end]
    if dated:
        marks[dated[0].id] = DONE
        marks[dated[-1].id] = DOING
    return marks


def make_report(tmp_path: Path, preset: Path, period: str, to=None):
    plan = derive_model(load_preset(preset), Commune(name="Võ Cường", type="phường"))
    plan.signer.name = "Nguyễn Văn An"  # the report keeps the plan's signer
    tasks = plan_tasks(plan)
    [(path, data)] = tracking_outputs(plan, tmp_path / "theo-doi.xlsx")
    write_outputs([(path, data)])
    statuses = statuses_for(tasks)
    back = tmp_path / "tra-ve.xlsx"
    fill(path, back, statuses, seed=len(tasks))
    progress = read_progress(plan, [back])
    assert progress.problems == []
    target = tmp_path / "bao-cao.yaml"
    write_report(plan, progress, parse_period(period), target, plan_path=tmp_path / "ke-hoach.yaml", to=to)
    return tasks, statuses, load_draft(target).draft, target


def line_of(task) -> str:
    return "- " + " ".join(task.task.text.split()).rstrip(" .;:") + " ("


def titled(nodes, title: str) -> Node:
    return next(n for n in nodes if isinstance(n, Node) and n.title == title)


def layout_checks(pkg: Package, name: str) -> None:
    """The ND 30 layout facts the plan's tests read back, on the report (a plan-like document
    with an appendix)."""
    case = (name, "bao-cao", True, pkg)
    for check in (layout.test_page_size_margins_and_sections, layout.test_header_is_a_borderless_two_column_table,
                  layout.test_component_formats, layout.test_closing_block, layout.test_rules_are_centred_solid_lines,
                  layout.test_appendix):
        check(case)


@pytest.mark.parametrize("preset", PRESETS, ids=lambda p: p.stem)
@pytest.mark.parametrize("period", ["Quý I/2026", "Năm 2026", "Quý I/2027"])
def test_each_preset_report(tmp_path, preset, period):
    tasks, statuses, draft, target = make_report(tmp_path, preset, period)
    cutoff = parse_period(period).cutoff
    overdue = {t.id for t in tasks if EXPECTED[t.task.deadline][1] is not None
               and EXPECTED[t.task.deadline][1] < cutoff and statuses[t.id] != DONE}
    if period == "Quý I/2027":
        assert overdue, "a 2026 plan reported on in 2027 has overdue tasks"
    assert draft.kind == "bao-cao" and draft.report.period == parse_period(period).label

    # II. every task exactly once, under its area, in the group of its status; «quá hạn» as of the cut-off.
    by_status = {v: k for k, v in GROUPS.items()}
    results = titled(draft.sections, "Kết quả thực hiện")
    areas = [n for n in results.items if isinstance(n, Node)]
    assert [a.title for a in areas] == list(dict.fromkeys(t.area for t in tasks))
    seen: dict[str, tuple[str | None, str]] = {}
    for area in areas:
        for group in area.items:
            status = by_status[group.title.rsplit(" (", 1)[0]]
            assert group.title.endswith(f"({len(group.items)} nhiệm vụ)")
            for line in group.items:
                found = [t for t in tasks if t.area == area.title and line.startswith(line_of(t))]
                assert len(found) == 1, line
                assert found[0].id not in seen, f"task twice: {line}"
                seen[found[0].id] = (status, line)
    assert set(seen) == {t.id for t in tasks}
    for t in tasks:
        status, line = seen[t.id]
        assert status == statuses[t.id], line
        assert ("quá hạn)" in line) == (t.id in overdue), line
        if status in (DONE, DOING):
            assert f"Kết quả của {t.id}" in line

    # Appendix: one row per task in the plan's order, status and «(quá hạn)».
    (appendix,) = draft.appendices
    rows = [r.cells for r in appendix.rows if not r.group]
    assert len(rows) == len(tasks)
    for t, cells in zip(tasks, rows):
        assert cells[1] == t.text and cells[2] == "; ".join(t.lead)
        assert cells[4].split("\n")[0] == (statuses[t.id] or NOT_REPORTED)
        assert ("(quá hạn)" in cells[4]) == (t.id in overdue)

    # III counts and IV's overdue list.
    done = sum(s == DONE for s in statuses.values())
    assessment = titled(draft.sections, "Đánh giá chung")
    assert f"{done}/{len(tasks)} nhiệm vụ" in titled(assessment.items, "Ưu điểm").items[0]
    next_period = titled(draft.sections, "Phương hướng, nhiệm vụ kỳ tới")
    late = [n for n in next_period.items if isinstance(n, Node) and n.title.startswith("Hoàn thành ngay")]
    assert sum(len(n.items) for n in late) == len(overdue)

    # Validates (no error) and renders in ND 30 layout.
    problems = check_draft(draft, hints=True)
    assert not [p for p in problems if p.severity is Severity.ERROR], problems
    assert {p.rule for p in problems if p.severity is Severity.WARNING} <= EXPECTED_FINDINGS, problems
    data = render_draft(draft)
    assert render_draft(load_draft(target).draft) == data  # same draft, same bytes
    pkg = Package(data)
    layout_checks(pkg, preset.stem)
    texts = [text_of(p) for p in pkg.paragraphs()]
    assert "BÁO CÁO" in texts
    assert any(t.startswith("Số:") and t.endswith("/BC-UBND") for t in texts)
    subject = layout._one(pkg, "DocumentSubject")[0]
    assert text_of(subject).startswith("Kết quả thực hiện Kế hoạch") and parse_period(period).title in text_of(subject)
    assert plain_text(draft)[0] == "BÁO CÁO"
    assert [n for n, _ in split_outputs(draft)] == ["bao-cao.docx", "phu-luc.docx"]


def _addressee_paragraphs(pkg: Package) -> list:
    return [p for p in pkg.paragraphs() if pkg.pstyle(p) == "Addressee"]


def test_kinh_gui_one_body_on_one_line_and_nhu_tren(tmp_path):
    *_, draft, _ = make_report(tmp_path, ROOT / "presets" / "bac-ninh-cchc-2026.yaml", "Quý I/2026",
                               to=["Sở Nội vụ tỉnh Bắc Ninh"])
    pkg = Package(render_draft(draft))
    (p,) = _addressee_paragraphs(pkg)
    f = pkg.fmt(p)
    assert f.text == "Kính gửi: Sở Nội vụ tỉnh Bắc Ninh"
    assert f.sizes == {14} and f.upright and f.not_bold and f.align == "center"
    recipients = [text_of(p) for p in pkg.paragraphs() if pkg.pstyle(p) == "Recipient"]
    assert recipients[0] == "- Như trên;"
    assert not any("Sở Nội vụ" in r for r in recipients)
    layout_checks(pkg, "kinh-gui")


def test_kinh_gui_several_bodies_each_on_a_line_under_the_colon(tmp_path):
    to = ["Ủy ban nhân dân tỉnh Bắc Ninh", "Sở Nội vụ tỉnh Bắc Ninh"]
    *_, draft, _ = make_report(tmp_path, ROOT / "presets" / "bac-ninh-cchc-2026.yaml", "Quý I/2026", to=to)
    pkg = Package(render_draft(draft))
    paras = _addressee_paragraphs(pkg)
    assert [text_of(p) for p in paras] == ["Kính gửi:", f"- {to[0]};", f"- {to[1]}."]
    left = [int(pkg.para_attr(p, "ind", "left")) for p in paras]
    assert left[1] == left[2] > left[0] > 0  # dashes in one column, under the colon
    assert all(pkg.fmt(p).sizes == {14} and pkg.fmt(p).upright for p in paras)
    assert plain_text(draft)[2:5] == ["Kính gửi:", f"- {to[0]}", f"- {to[1]}"]


def test_the_four_commands(tmp_path, monkeypatch):
    """The issue's commands, as a user types them, plus the bad input a user gives."""
    monkeypatch.chdir(tmp_path)
    plan = new_draft(load_preset(ROOT / "presets" / "hai-phong-cchc-2026.yaml"),
                     Commune(name="An Lạc", type="xã"), Path("ke-hoach.yaml"),
                     overrides={"signer_name": "Trần Thị Bình"}).draft
    runner = CliRunner()
    r = runner.invoke(main, ["track", "ke-hoach.yaml", "-o", "theo-doi.xlsx"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(main, ["track", "ke-hoach.yaml", "-o", "theo-doi/", "--by-unit"])
    assert r.exit_code == 0, r.output
    tasks = plan_tasks(plan)
    fill(Path("theo-doi.xlsx"), Path("tra-ve.xlsx"), statuses_for(tasks))
    r = runner.invoke(main, ["report", "ke-hoach.yaml", "--progress", "tra-ve.xlsx", "--period", "Quý I/2026",
                             "-o", "bao-cao-quy-1.yaml"])
    assert r.exit_code == 0, r.output
    assert f"{len(tasks)} nhiệm vụ" in r.output
    r = runner.invoke(main, ["validate", "bao-cao-quy-1.yaml"])
    assert r.exit_code == 0 and "hợp lệ" in r.output, r.output
    r = runner.invoke(main, ["render", "bao-cao-quy-1.yaml", "-o", "bao-cao-quy-1.docx"])
    assert r.exit_code == 0, r.output
    layout_checks(Package(Path("bao-cao-quy-1.docx").read_bytes()), "cli")
    report = load_draft(Path("bao-cao-quy-1.yaml")).draft
    assert report.report.plan == "ke-hoach.yaml" and report.report.period == "Quý I/2026"

    # The report is never written over without --force; the file stays as it was.
    before = Path("bao-cao-quy-1.yaml").read_bytes()
    r = runner.invoke(main, ["report", "ke-hoach.yaml", "--progress", "theo-doi.xlsx", "--period", "Quý I/2026",
                             "-o", "bao-cao-quy-1.yaml"])
    assert r.exit_code == 2 and "tệp đã có" in r.output and Path("bao-cao-quy-1.yaml").read_bytes() == before
    # Default name beside the plan; several workbooks (the per-unit ones, a folder).
    r = runner.invoke(main, ["report", "--progress", "theo-doi", "ke-hoach.yaml", "--period", "6 tháng/2026"])
    assert r.exit_code == 0, r.output
    assert Path("bao-cao-6-thang-2026.yaml").exists()
    Path("bao-cao").mkdir()
    r = runner.invoke(main, ["report", "ke-hoach.yaml", "--progress", "tra-ve.xlsx", "--period", "Năm 2026",
                             "-o", "bao-cao"])
    assert r.exit_code == 0 and Path("bao-cao/bao-cao-nam-2026.yaml").exists(), r.output


def test_bad_input_is_named_and_nothing_is_lost(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plan = new_draft(load_preset(ROOT / "presets" / "bac-ninh-cchc-2026.yaml"),
                     Commune(name="An Lạc", type="xã"), Path("ke-hoach.yaml"),
                     overrides={"signer_name": "Trần Thị Bình"}).draft
    runner = CliRunner()
    assert runner.invoke(main, ["track", "ke-hoach.yaml", "-o", "theo-doi.xlsx"]).exit_code == 0
    Path("hong.xlsx").write_text("không phải bảng tính", encoding="utf-8")
    r = runner.invoke(main, ["report", "ke-hoach.yaml", "--progress", "hong.xlsx", "--period", "Quý I/2026",
                             "-o", "bc.yaml"])
    assert r.exit_code == 2 and "hong.xlsx" in r.output and "không ghi báo cáo" in r.output
    assert not Path("bc.yaml").exists()
    for args, words in ((["--progress", "theo-doi.xlsx"], "--period"),
                        (["--progress", "theo-doi.xlsx", "--period", "Quý 5/2026"], "kỳ báo cáo"),
                        (["--period", "Quý I/2026"], "--progress")):
        r = runner.invoke(main, ["report", "ke-hoach.yaml", *args, "-o", "bc.yaml"])
        assert r.exit_code == 2 and words in r.output and "Traceback" not in r.output, r.output
        assert not Path("bc.yaml").exists()

    # An unknown task id: said by file and row; the report is written, the row's task unreported.
    tasks = plan_tasks(plan)

    def edit(ws, header, cols):
        ws.cell(header + 1, cols["Mã nhiệm vụ (không sửa)"]).value = "nv-khong-co"
        ws.cell(header + 1, cols["Nhiệm vụ"]).value = "Nhiệm vụ không có trong kế hoạch"

    fill(Path("theo-doi.xlsx"), Path("tra-ve.xlsx"), statuses_for(tasks), edit=edit)
    r = runner.invoke(main, ["report", "ke-hoach.yaml", "tra-ve.xlsx", "--period", "Quý I/2026", "-o", "bc.yaml"])
    assert r.exit_code == 1, r.output
    assert re.search(r"tra-ve\.xlsx.*dòng \d+.*nv-khong-co", r.output), r.output
    assert Path("bc.yaml").exists() and load_draft(Path("bc.yaml")).draft.kind == "bao-cao"
    # A report is not a plan to report on.
    r = runner.invoke(main, ["report", "bc.yaml", "--progress", "tra-ve.xlsx", "--period", "Quý I/2026",
                             "-o", "bc2.yaml"])
    assert r.exit_code == 2 and "không phải kế hoạch" in r.output


# ----------------------------------------------------------------------------- whatever units write

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from drafter.loader import validate_plain  # noqa: E402
from drafter.progress import Entry, Progress  # noqa: E402
from drafter.report import report_plain  # noqa: E402

_PLAN = derive_model(load_preset(ROOT / "presets" / "hai-phong-cchc-2026.yaml"), Commune(name="Tân Hội", type="xã"))
_TASKS = plan_tasks(_PLAN)
_WORDS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(CYCLE), _WORDS, _WORDS, _WORDS), min_size=len(_TASKS),
                max_size=len(_TASKS)),
       st.sampled_from(["Quý I/2026", "6 tháng/2026", "Quý III/2026", "Năm 2026", "Quý I/2027"]),
       st.lists(_WORDS.filter(str.strip), max_size=3))
def test_any_text_units_write_gives_a_valid_report_that_renders(reports, period, to):
    from drafter.text import clean

    entries = [Entry(t, status, clean(result), clean(evidence), None, clean(notes))
               for t, (status, result, evidence, notes) in zip(_TASKS, reports)]
    plain = report_plain(_PLAN, Progress(entries), parse_period(period), to=[clean(t) for t in to])
    draft = validate_plain(plain)
    groups = [g for area in titled(draft.sections, "Kết quả thực hiện").items if isinstance(area, Node)
              for g in area.items]
    assert sum(len(g.items) for g in groups) == len(_TASKS)
    assert len([r for r in draft.appendices[0].rows if not r.group]) == len(_TASKS)
    Package(render_draft(draft))  # a strict XML parse of every part


def test_same_plan_and_workbooks_same_report_bytes(tmp_path):
    preset = ROOT / "presets" / "bac-ninh-par-sipas-2026.yaml"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    *_, first = make_report(tmp_path / "a", preset, "6 tháng/2026", to=["Sở Nội vụ tỉnh Bắc Ninh"])
    *_, second = make_report(tmp_path / "b", preset, "6 tháng/2026", to=["Sở Nội vụ tỉnh Bắc Ninh"])
    assert first.read_bytes() == second.read_bytes()
    assert render_draft(load_draft(first).draft) == render_draft(load_draft(second).draft)
