"""``drafter report --collect``: many communes' tracking workbooks → one table of the province."""
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from conftest import ROOT
from drafter.cli import main
from drafter.deadlines import parse_period
from drafter.derive import derive_model
from drafter.model import Commune
from drafter.presets import load_preset
from drafter.progress import read_progress
from drafter.province import collect, province_workbook
from drafter.track import DOING, DONE, TODO, plan_tasks, tracking_outputs, write_outputs
from trackfill import fill

PRESET = ROOT / "presets" / "bac-ninh-cchc-2026.yaml"
COMMUNES = [("Võ Cường", "phường"), ("Tân Hội", "xã"), ("Lộc Hòa", "xã")]
PATTERNS = [[DONE], [DONE, DOING, TODO, None], [None, TODO]]


@pytest.fixture(scope="module")
def returned(tmp_path_factory):
    """Each commune's plan, its expected progress and the workbooks it sent back (Tân Hội: per unit)."""
    tmp = tmp_path_factory.mktemp("province")
    preset = load_preset(PRESET)
    out = []
    for i, ((name, kind), pattern) in enumerate(zip(COMMUNES, PATTERNS)):
        draft = derive_model(preset, Commune(name=name, type=kind, province="Bắc Ninh"))
        tasks = plan_tasks(draft)
        statuses = {t.id: pattern[k % len(pattern)] for k, t in enumerate(tasks)}
        by_unit = name == "Tân Hội"
        outputs = tracking_outputs(draft, tmp / (f"gui-{i}" if by_unit else f"gui-{i}.xlsx"), by_unit=by_unit)
        write_outputs(outputs)
        files = []
        for k, (path, _) in enumerate(outputs):
            back = tmp / f"theo-doi-{i}-{k}.xlsx"
            fill(path, back, statuses, seed=i * 10 + k, extra_cols=k % 2, shift=i)
            files.append(back)
        out.append((draft, statuses, files))
    return out


def test_communes_by_areas(returned):
    cutoff = parse_period("6 tháng/2026").cutoff
    every_file = [f for _, _, fs in returned for f in fs]
    view = collect(every_file, cutoff)
    assert [p for p in view.problems if p.severity == "error"] == []
    assert [c.name for c in view.communes] == ["phường Võ Cường", "xã Lộc Hòa", "xã Tân Hội"]
    wb = openpyxl.load_workbook(io.BytesIO(province_workbook(view, "6 tháng/2026")))
    ws = wb["Tổng hợp"]
    heads = [c.value for c in ws[4]]
    assert heads[:10] == ["STT", "Xã, phường, đặc khu", "Tỉnh, thành phố", "Số nhiệm vụ", DONE, DOING, TODO,
                          "Chưa cập nhật", "Quá hạn", "Tỷ lệ hoàn thành"]
    areas = heads[10:]
    assert areas == list(dict.fromkeys(t.area for t in plan_tasks(returned[0][0])))
    table = {ws.cell(r, 2).value: [ws.cell(r, c).value for c in range(1, len(heads) + 1)]
             for r in range(5, ws.max_row + 1)}
    total_late = 0
    for draft, statuses, files in returned:
        progress = read_progress(draft, files)
        assert progress.problems == []
        counts = progress.counts()
        late = progress.overdue(cutoff)
        total_late += len(late)
        row = table[f"{draft.commune.type} {draft.commune.name}"]
        assert row[2] == "Bắc Ninh"
        assert row[3:9] == [len(statuses), counts[DONE], counts[DOING], counts[TODO], counts[None], len(late)]
        assert row[9] == pytest.approx(counts[DONE] / len(statuses), abs=1e-4)
        for area, entries in progress.by_area():
            done = sum(e.done for e in entries)
            assert row[10 + areas.index(area)] == pytest.approx(done / len(entries), abs=1e-4)
    assert table["phường Võ Cường"][9] == 1  # every task done
    assert table["Tổng cộng"][8] == total_late
    late_ws = wb["Nhiệm vụ quá hạn"]
    assert late_ws.max_row - 4 == total_late > 0
    assert {late_ws.cell(r, 2).value for r in range(5, late_ws.max_row + 1)} <= {"xã Tân Hội", "xã Lộc Hòa"}
    assert wb["Tệp đã đọc"].max_row == 4 + len(every_file)


def test_collect_command_with_a_bad_file_and_a_pattern(tmp_path, returned, monkeypatch):
    folder = tmp_path / "nhan"
    folder.mkdir()
    for _, _, files in returned:
        for f in files:
            (folder / f.name).write_bytes(f.read_bytes())
    (folder / "theo-doi-hong.xlsx").write_text("không phải Excel", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    r = runner.invoke(main, ["report", "--collect", "nhan/theo-doi-*.xlsx", "--period", "Quý I/2026",
                             "-o", "tinh.xlsx"])
    assert r.exit_code == 1, r.output  # written, and the unreadable file said
    assert "theo-doi-hong.xlsx: tệp không phải tệp Excel" in r.output
    assert "Đã ghi tinh.xlsx: 3 xã, phường; số liệu tính đến ngày 14/3/2026." in r.output
    wb = openpyxl.load_workbook(tmp_path / "tinh.xlsx")
    assert "kỳ báo cáo Quý I/2026" in wb["Tổng hợp"]["A2"].value
    notes = {wb["Tệp đã đọc"].cell(r, 2).value: wb["Tệp đã đọc"].cell(r, 5).value
             for r in range(5, wb["Tệp đã đọc"].max_row + 1)}
    assert "không phải tệp Excel" in notes[str(Path("nhan/theo-doi-hong.xlsx"))]
    before = (tmp_path / "tinh.xlsx").read_bytes()
    r = runner.invoke(main, ["report", "--collect", "nhan", "--period", "Quý I/2026", "-o", "tinh.xlsx"])
    assert r.exit_code == 2 and "tệp đã có" in r.output and (tmp_path / "tinh.xlsx").read_bytes() == before
    r = runner.invoke(main, ["report", "--collect", "nhan", "--period", "quý 1 năm 2026", "-o", "tinh2.xlsx"])
    assert r.exit_code == 1 and (tmp_path / "tinh2.xlsx").read_bytes() == before  # same data, same bytes
    r = runner.invoke(main, ["report", "--collect", "nhan", "--as-of", "14/3/2026", "-o", "tinh3.xlsx"])
    assert r.exit_code == 1 and "kỳ báo cáo" not in openpyxl.load_workbook(tmp_path / "tinh3.xlsx")["Tổng hợp"]["A2"].value
    r = runner.invoke(main, ["report", "nhan"])
    assert r.exit_code == 2 and "--collect" in r.output
    r = runner.invoke(main, ["report", "--collect", "nhan/khong-co-*.xlsx"])
    assert r.exit_code == 2 and "không có tệp nào khớp" in r.output
    r = runner.invoke(main, ["report", "--collect", "nhan/theo-doi-hong.xlsx", "-o", "x.xlsx"])
    assert r.exit_code == 2 and "không đọc được bảng theo dõi nào" in r.output and not (tmp_path / "x.xlsx").exists()


def test_a_workbook_without_its_metadata_is_named_by_its_file(tmp_path, returned):
    _, _, files = returned[0]
    wb = openpyxl.load_workbook(files[0])
    del wb["drafter"]
    bare = tmp_path / "xa-khong-ten.xlsx"
    wb.save(bare)
    view = collect([bare], dt.date(2026, 3, 14))
    assert [c.name for c in view.communes] == ["xa-khong-ten"]
    assert any("dùng tên tệp" in p.message and p.severity == "warning" for p in view.problems)


def test_a_commune_missing_some_units_files_is_said(returned):
    draft, _, files = next(r for r in returned if r[0].commune.name == "Tân Hội")  # sent per unit
    view = collect(files[:1], dt.date(2026, 3, 14))
    [c] = view.communes
    assert c.total == len(plan_tasks(draft)) > len(c.rows)
    assert any("mới nhận" in p.message for p in view.problems)
