"""``drafter track``: the tracking workbook for every shipped preset, filled as units fill it, read back."""
import datetime as dt
import hashlib
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, ROOT
from drafter.cli import main
from drafter.deadlines import parse_period
from drafter.derive import derive_model
from drafter.errors import DraftError
from drafter.loader import load_draft
from drafter.model import Commune, all_tasks
from drafter.presets import load_preset
from drafter.progress import read_progress, read_workbook
from drafter.track import (DOING, DONE, STATUSES, TODO, build_workbook, derived_id, plan_tasks,
                           tracking_outputs, unit_files, workbook_bytes, write_outputs)
from test_deadlines import EXPECTED
from trackfill import ID_HEADER, columns, fill

PRESETS = sorted((ROOT / "presets").glob("*.yaml"))
CYCLE = [DONE, DOING, TODO, None]


def derived(preset: Path, name="Võ Cường", kind="phường"):
    return derive_model(load_preset(preset), Commune(name=name, type=kind))


def marks(tasks) -> dict[str, str | None]:
    return {t.id: CYCLE[i % len(CYCLE)] for i, t in enumerate(tasks)}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("preset", PRESETS, ids=lambda p: p.stem)
@pytest.mark.parametrize("period", ["Quý I/2026", "6 tháng/2026", "Năm 2026", "Quý I/2027"])
def test_each_preset_round_trip(tmp_path, preset, period):
    draft = derived(preset)
    tasks = plan_tasks(draft)
    assert len(tasks) == len(list(all_tasks(draft))) > 10
    [(path, data)] = tracking_outputs(draft, tmp_path / "theo-doi.xlsx")
    write_outputs([(path, data)])
    statuses = marks(tasks)
    dated = next(t for t in tasks if t.deadline.end)
    statuses[dated.id] = DOING
    back = tmp_path / "tra-ve.xlsx"
    fill(path, back, statuses, seed=len(tasks))
    progress = read_progress(draft, [back])

    assert progress.problems == [] and progress.unmatched == []
    assert [e.task.id for e in progress.entries] == [t.id for t in tasks]  # every task once, plan order
    assert {e.task.id: e.status for e in progress.entries} == statuses
    for e in progress.entries:
        if e.status:
            assert e.result == f"Kết quả của {e.task.id}" and e.source[0] == str(back)
    cutoff = parse_period(period).cutoff
    expected = {t.id for t in tasks if EXPECTED[t.task.deadline][1] is not None
                and EXPECTED[t.task.deadline][1] < cutoff and statuses[t.id] != DONE}
    assert {e.task.id for e in progress.overdue(cutoff)} == expected
    if period == "Quý I/2027":
        assert dated.id in expected


def test_ids_are_stable_across_regeneration_and_follow_the_words():
    preset = ROOT / "presets" / "bac-ninh-cchc-2026.yaml"
    a, b = plan_tasks(derived(preset)), plan_tasks(derived(preset))
    assert [t.id for t in a] == [t.id for t in b]
    assert len({t.id for t in a}) == len(a)
    assert a[0].id == derived_id(a[0].area, a[0].task.text)
    other = plan_tasks(derived(preset, "Tân Hội", "xã"))
    assert len({t.id for t in other}) == len(other)


def test_explicit_task_ids_are_used_and_must_be_unique(tmp_path):
    text = (EXAMPLES / "an-lac-2026.yaml").read_text(encoding="utf-8")
    assert text.count("        tasks:\n          - text:") >= 2
    with_id = text.replace("        tasks:\n          - text:", "        tasks:\n          - id: cchc-1\n            text:", 1)
    p = tmp_path / "a.yaml"
    p.write_text(with_id, encoding="utf-8")
    assert plan_tasks(load_draft(p).draft)[0].id == "cchc-1"
    dup = text.replace("        tasks:\n          - text:", "        tasks:\n          - id: cchc-1\n            text:", 2)
    p.write_text(dup, encoding="utf-8")
    with pytest.raises(DraftError, match="cchc-1.*bị trùng") as err:
        plan_tasks(load_draft(p).draft)
    assert err.value.problems[0].file == str(p) and err.value.problems[0].line


def test_workbook_layout(tmp_path):
    draft = load_draft(EXAMPLES / "an-lac-2026.yaml").draft
    object.__setattr__(draft, "number", "182")
    [(path, data)] = tracking_outputs(draft, tmp_path / "t.xlsx")
    path.write_bytes(data)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Theo dõi", "Tổng hợp", "drafter"]
    ws = wb["Theo dõi"]
    assert ws["A1"].value == "BẢNG THEO DÕI TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH"
    assert ws["A2"].value.startswith("Kế hoạch duy trì, cải thiện")
    blank = " " * 5  # the day is left for the clerk
    assert ws["A3"].value == f"(Kế hoạch số 182/KH-UBND ngày {blank} tháng 6 năm 2026 của UBND xã An Lạc)"
    header, cols = columns(ws)
    assert header == 5 and ws.freeze_panes == "A6"
    assert list(cols)[:12] == ["STT", "Lĩnh vực", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn",
                               "Sản phẩm", "Tình trạng", "Kết quả thực hiện", "Văn bản, minh chứng (số, ký hiệu)",
                               "Ngày hoàn thành", "Ghi chú"]
    letter = openpyxl.utils.get_column_letter
    assert ws.column_dimensions[letter(cols[ID_HEADER])].hidden
    assert not ws.column_dimensions[letter(cols["Tình trạng"])].hidden
    for name in ("Nhiệm vụ", "Lĩnh vực", "Kết quả thực hiện"):
        assert 16 <= ws.column_dimensions[letter(cols[name])].width <= 60
    last = header + len(plan_tasks(draft))
    assert ws.auto_filter.ref == f"A5:{letter(cols['Quá hạn'])}{last}"
    [lists] = [v for v in ws.data_validations.dataValidation if v.type == "list"]
    assert lists.formula1 == '"' + ",".join(STATUSES) + '"' and lists.showErrorMessage
    st = letter(cols["Tình trạng"])
    assert str(lists.sqref) == f"{st}6:{st}{last}"
    assert ws.cell(6, cols["Quá hạn"]).value.startswith("=IF(AND(")
    summary = wb["Tổng hợp"]
    assert summary["C4"].value == "=TODAY()"
    formulas = [c.value for row in summary.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(f.startswith("=COUNTIFS('Theo dõi'!$B$6:$B$") for f in formulas)
    assert any(f.startswith("=SUMPRODUCT(") for f in formulas)
    meta = wb["drafter"]
    assert meta.sheet_state == "hidden"
    assert {r[0].value: r[1].value for r in meta.iter_rows()}["commune"] == "An Lạc"
    assert wb.properties.created == dt.datetime(2026, 6, 1)


def test_same_plan_same_bytes(tmp_path):
    preset = ROOT / "presets" / "hai-phong-cchc-2026.yaml"
    one = tracking_outputs(derived(preset), tmp_path / "a", by_unit=True)
    two = tracking_outputs(derived(preset), tmp_path / "a", by_unit=True)
    assert [d for _, d in one] == [d for _, d in two]
    infos = zipfile.ZipFile(io.BytesIO(one[0][1])).infolist()
    assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in infos)


def test_by_unit_files_hold_each_leads_tasks_and_read_back_together(tmp_path):
    draft = derived(ROOT / "presets" / "bac-ninh-cchc-2026.yaml")
    # one task led by two units: it is in both files
    task = next(t for t in all_tasks(draft) if t.lead == ["vhxh"])
    task.lead = ["vhxh", "vp"]
    tasks = plan_tasks(draft)
    outputs = tracking_outputs(draft, tmp_path / "theo-doi", by_unit=True)
    write_outputs(outputs)
    names = [p.name for p, _ in outputs]
    assert all(n.isascii() and n.endswith(".xlsx") and not set(n) & set('<>:"/\\|?* ') for n in names)
    assert "theo-doi-phong-van-hoa-xa-hoi.xlsx" in names
    statuses = marks(tasks)
    returned = []
    for i, (path, _) in enumerate(outputs):
        book = read_workbook(path)
        lead = book.meta["unit"]
        assert all(lead in r.lead.split("; ") for r in book.rows)
        back = tmp_path / f"ve-{i}.xlsx"
        fill(path, back, statuses, seed=i, extra_cols=i % 3, shift=i % 4)
        returned.append(back)
    progress = read_progress(draft, returned)
    assert progress.problems == []
    assert {e.task.id: e.status for e in progress.entries} == statuses
    # the shared task reported differently by its two units: said, first kept
    shared = next(t for t in tasks if t.task is task)
    vp = next(p for p in returned if read_workbook(p).meta["unit_id"] == "vp")
    other = DOING if statuses[shared.id] != DOING else DONE
    fill(vp, vp, {**statuses, shared.id: other}, shift=0, extra_cols=0)
    progress = read_progress(draft, returned)
    [problem] = progress.problems
    assert problem.file == str(vp) and "đã được báo cáo khác" in problem.message


def test_tasks_without_a_lead_get_their_own_file():
    draft = derived(ROOT / "presets" / "bac-ninh-par-sipas-2026.yaml")
    next(iter(all_tasks(draft))).lead = []
    files = unit_files(draft, plan_tasks(draft))
    assert files[-1][0] == "theo-doi-chua-co-don-vi-chu-tri.xlsx" and len(files[-1][2]) == 1
    assert sum(len(f[2]) for f in files) == len(plan_tasks(draft))


# ------------------------------------------------------------------ bad returned workbooks


@pytest.fixture
def plan_and_book(tmp_path):
    draft = derived(ROOT / "presets" / "bac-ninh-cchc-2026.yaml")
    [(path, data)] = tracking_outputs(draft, tmp_path / "theo-doi.xlsx")
    path.write_bytes(data)
    return draft, path


def test_unknown_task_id_is_named_by_file_and_row(tmp_path, plan_and_book):
    draft, path = plan_and_book
    statuses = {t.id: DONE for t in plan_tasks(draft)}
    back = tmp_path / "ve.xlsx"
    lost = {}

    def edit(ws, header, cols):
        cell = ws.cell(header + 3, cols[ID_HEADER])
        lost["id"], cell.value = cell.value, "nv-khong-co"
        ws.cell(header + 3, cols["Nhiệm vụ"]).value = "Một nhiệm vụ của kế hoạch khác"
        # an id the plan no longer has, but the task's words are the plan's: matched, and said
        ws.cell(header + 5, cols[ID_HEADER]).value = "nv-cu"

    where = fill(path, back, statuses, edit=edit)
    before = sha(back)
    progress = read_progress(draft, [back])
    error, warning = sorted(progress.problems, key=lambda p: p.severity)
    assert error.file == str(back) and error.line == where["nv-khong-co"]
    assert "«nv-khong-co» không có trong kế hoạch" in error.message
    assert f"dòng {error.line}" in str(error)
    [row] = progress.unmatched
    assert row.row == error.line and row.status == DONE and row.result  # what the unit wrote is kept
    assert {e.task.id for e in progress.with_status(None)} == {lost["id"]}
    assert warning.line == where["nv-cu"] and "đã ghép theo nội dung" in warning.message
    assert sha(back) == before  # only read


def test_deleted_id_column_matches_by_the_tasks_words_and_says_so(tmp_path, plan_and_book):
    draft, path = plan_and_book
    tasks = plan_tasks(draft)
    statuses = marks(tasks)
    back = tmp_path / "ve.xlsx"
    changed = {}

    def edit(ws, header, cols):
        task_col = cols["Nhiệm vụ"]
        cell = ws.cell(header + 1, task_col)
        changed["row"] = header + 1
        cell.value = cell.value + " (đã sửa)"
        ws.delete_cols(cols[ID_HEADER])

    fill(path, back, statuses, edit=edit)
    progress = read_progress(draft, [back])
    warning, error = progress.problems
    assert warning.severity == "warning" and "«Mã nhiệm vụ»" in warning.message and warning.file == str(back)
    assert error.line == changed["row"] and "không khớp nhiệm vụ nào" in error.message
    got = {e.task.id: e.status for e in progress.entries}
    assert sum(got[t] == statuses[t] for t in statuses) == len(statuses) - (statuses[_row_task(back, changed["row"], tasks)] is not None)


def _row_task(path, row, tasks):
    ws = openpyxl.load_workbook(path)["Theo dõi"]
    _, cols = columns(ws)
    text = ws.cell(row, cols["Nhiệm vụ"]).value.removesuffix(" (đã sửa)")
    return next(t.id for t in tasks if t.text == text)


def test_status_outside_the_list_is_named_and_the_rest_of_the_row_kept(tmp_path, plan_and_book):
    draft, path = plan_and_book
    tasks = plan_tasks(draft)
    statuses = {t.id: DONE for t in tasks}
    statuses[tasks[2].id] = "Xong rồi"
    statuses[tasks[3].id] = "đang thuc hien"  # case and diacritics are forgiven
    back = tmp_path / "ve.xlsx"
    where = fill(path, back, statuses)
    progress = read_progress(draft, [back])
    [problem] = progress.problems
    assert problem.line == where[tasks[2].id] and "«Xong rồi» không có trong danh sách" in problem.message
    assert "Đã hoàn thành, Đang thực hiện, Chưa thực hiện" in problem.message
    bad = progress.entry(tasks[2].id)
    assert bad.status is None and bad.result == f"Kết quả của {tasks[2].id}"
    assert progress.entry(tasks[3].id).status == DOING


def _bomb(path: Path, padding: int) -> None:
    """A real workbook whose workbook part declares entities (after ``padding`` bytes of comment)."""
    with zipfile.ZipFile(path) as good:
        parts = {i.filename: good.read(i) for i in good.infolist()}
    lol = b"".join(b'<!ENTITY a%d "&a%d;&a%d;&a%d;&a%d;">' % (i + 1, i, i, i, i) for i in range(12))
    parts["xl/workbook.xml"] = (b'<?xml version="1.0"?><!--' + b"x" * padding + b'-->'
                                + b'<!DOCTYPE x [<!ENTITY a0 "lol">' + lol + b"]>" + parts["xl/workbook.xml"])
    with zipfile.ZipFile(path, "w") as z:
        for n, d in parts.items():
            z.writestr(n, d)


@pytest.mark.parametrize("kind,message", [
    ("text", "không phải tệp Excel"),
    ("xls", "Excel cũ (.xls)"),
    ("zip", "thiếu xl/workbook.xml"),
    ("entity", "DOCTYPE/ENTITY"),
    ("entity-late", "DOCTYPE/ENTITY"),
    ("ratio", "nén bất thường"),
    ("huge", "tệp quá lớn"),
    ("truncated", "không phải tệp Excel"),
    ("empty", "không phải tệp Excel"),
    ("folder", "thư mục"),
    ("no-table", "không tìm thấy bảng theo dõi"),
])
def test_a_file_that_is_not_a_tracking_workbook_is_refused_and_the_others_read(tmp_path, plan_and_book, kind,
                                                                                message):
    draft, path = plan_and_book
    bad = tmp_path / "bad.xlsx"
    if kind == "text":
        bad.write_text("Tình trạng;Nhiệm vụ\nĐã hoàn thành;x\n", encoding="utf-8")
    elif kind == "xls":
        bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    elif kind == "zip":
        with zipfile.ZipFile(bad, "w") as z:
            z.writestr("readme.txt", "không phải Excel")
    elif kind.startswith("entity"):
        shutil.copy(path, bad)
        _bomb(bad, 200_000 if kind == "entity-late" else 0)
    elif kind == "ratio":
        shutil.copy(path, bad)
        with zipfile.ZipFile(bad, "a", zipfile.ZIP_DEFLATED) as z:
            z.writestr("xl/media/zeros.bin", b"\0" * (3 * 1024 * 1024))
    elif kind == "huge":
        with open(bad, "wb") as fh:
            fh.write(b"PK\x03\x04")
            fh.truncate(11 * 1024 * 1024)
    elif kind == "truncated":
        bad.write_bytes(path.read_bytes()[:1])
    elif kind == "empty":
        bad.write_bytes(b"")
    elif kind == "folder":
        bad.mkdir()
    elif kind == "no-table":
        wb = openpyxl.Workbook()
        wb.active["A1"] = "Danh sách"
        wb.save(bad)
    statuses = marks(plan_tasks(draft))
    good = tmp_path / "ve.xlsx"
    fill(path, good, statuses)
    before = {p: sha(p) for p in (good, bad) if p.is_file()}
    progress = read_progress(draft, [bad, good])
    [problem] = progress.problems
    assert problem.file == str(bad) and message in problem.message
    assert {e.task.id: e.status for e in progress.entries} == statuses  # the good file is all read
    assert {p: sha(p) for p in before} == before


def test_too_many_rows_or_sheets_are_refused(tmp_path, plan_and_book, monkeypatch):
    from drafter import xlsxguard
    draft, path = plan_and_book
    monkeypatch.setattr(xlsxguard, "MAX_ROWS", 10)
    [problem] = read_progress(draft, [path]).problems
    assert "hơn 10 dòng" in problem.message and problem.file == str(path)
    monkeypatch.setattr(xlsxguard, "MAX_SHEETS", 2)
    [problem] = read_progress(draft, [path]).problems
    assert "3 trang tính (tối đa 2)" in problem.message


def test_filled_dates_and_a_bad_date(tmp_path, plan_and_book):
    draft, path = plan_and_book
    tasks = plan_tasks(draft)
    back = tmp_path / "ve.xlsx"

    def edit(ws, header, cols):
        col = cols["Ngày hoàn thành"]
        ids = {ws.cell(r, cols[ID_HEADER]).value: r for r in range(header + 1, ws.max_row + 1)}
        ws.cell(ids[tasks[0].id], col).value = dt.datetime(2026, 3, 2)
        ws.cell(ids[tasks[1].id], col).value = "05/3/2026"
        ws.cell(ids[tasks[2].id], col).value = "tuần trước"

    fill(path, back, {t.id: DONE for t in tasks}, edit=edit)
    progress = read_progress(draft, [back])
    assert progress.entry(tasks[0].id).done_on == dt.date(2026, 3, 2)
    assert progress.entry(tasks[1].id).done_on == dt.date(2026, 3, 5)
    [problem] = progress.problems
    assert "«tuần trước» không phải một ngày" in problem.message
    assert progress.entry(tasks[2].id).status == DONE  # the status of that row still counts


def test_blank_rows_and_a_row_a_unit_added(tmp_path, plan_and_book):
    draft, path = plan_and_book
    back = tmp_path / "ve.xlsx"

    def edit(ws, header, cols):
        r = ws.max_row + 3
        ws.cell(r, cols["Nhiệm vụ"]).value = "Nhiệm vụ đơn vị tự thêm"
        ws.cell(r, cols["Tình trạng"]).value = DONE

    fill(path, back, {}, edit=edit)
    progress = read_progress(draft, [back])
    [problem] = progress.problems
    assert "không có mã nhiệm vụ" in problem.message
    [row] = progress.unmatched
    assert row.task == "Nhiệm vụ đơn vị tự thêm" and row.status == DONE


# ------------------------------------------------------------------ formulas stay live


def _calc_available() -> bool:
    return bool(shutil.which("soffice")) and any(Path(p).exists() for p in (
        "/usr/lib/libreoffice/program/libsclo.so", "/opt/libreoffice/program/libsclo.so",
        "/Applications/LibreOffice.app/Contents/Frameworks/libsclo.dylib"))


@pytest.mark.skipif(not _calc_available(), reason="LibreOffice Calc (libreoffice-calc) is not installed")
def test_summary_formulas_count_what_units_fill(tmp_path, plan_and_book):
    draft, path = plan_and_book
    tasks = plan_tasks(draft)
    statuses = marks(tasks)
    back = tmp_path / "ve.xlsx"
    cutoff = parse_period("6 tháng/2026").cutoff

    fill(path, back, statuses, extra_cols=0, shift=0)
    wb = openpyxl.load_workbook(back)
    wb["Tổng hợp"]["C4"] = dt.datetime(cutoff.year, cutoff.month, cutoff.day)
    wb.save(back)
    out = tmp_path / "calc"
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(out), str(back)], check=True, capture_output=True,
                   timeout=180)
    ws = openpyxl.load_workbook(out / back.name, data_only=True)["Tổng hợp"]
    rows = {ws.cell(r, 2).value: [ws.cell(r, c).value for c in range(3, 10)] for r in range(8, ws.max_row + 1)
            if ws.cell(r, 2).value}
    progress = read_progress(draft, [back])
    for area, entries in progress.by_area():
        counts = progress.counts(entries)
        late = sum(e.overdue(cutoff) for e in entries)
        assert rows[area][:6] == [len(entries), counts[DONE], counts[DOING], counts[TODO], counts[None], late]
    total = progress.counts()
    assert rows["Tổng cộng"][:6] == [len(tasks), total[DONE], total[DOING], total[TODO], total[None],
                                     len(progress.overdue(cutoff))]
    for unit in {name for t in tasks for name in t.lead}:
        mine = [e for e in progress.entries if unit in e.task.lead]
        assert rows[unit][:2] == [len(mine), sum(e.done for e in mine)]


# ------------------------------------------------------------------ the command


def test_cli_track_check_and_no_overwrite(tmp_path):
    runner = CliRunner()
    plan = tmp_path / "vo-cuong.yaml"
    r = runner.invoke(main, ["new", "--preset", "hai-phong-cchc-2026", "--commune", "Võ Cường", "--type", "phường",
                             "-o", str(plan)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(main, ["track", str(plan)])
    book = tmp_path / "theo-doi-vo-cuong.xlsx"
    assert r.exit_code == 0 and book.is_file(), r.output
    draft = load_draft(plan).draft
    tasks = plan_tasks(draft)
    statuses = marks(tasks)
    fill(book, book, statuses)
    before = sha(book)
    r = runner.invoke(main, ["track", str(plan), "-o", str(book)])
    assert r.exit_code == 2 and "tệp đã có" in r.output and sha(book) == before
    r = runner.invoke(main, ["track", str(plan), "--by-unit", "-o", str(tmp_path / "don-vi")])
    assert r.exit_code == 0 and len(list((tmp_path / "don-vi").glob("*.xlsx"))) >= 4
    r = runner.invoke(main, ["track", str(plan), "--check", str(book), "--period", "6 tháng/2026"])
    assert r.exit_code == 0, r.output
    assert f"Đã hoàn thành{sum(s == DONE for s in statuses.values()):>17}" in r.output
    late = read_progress(draft, [book]).overdue(parse_period("6 tháng/2026").cutoff)
    assert f"Quá hạn tính đến ngày 14/6/2026 (kỳ 6 tháng/2026): {len(late)} nhiệm vụ" in r.output
    junk = tmp_path / "junk.xlsx"
    junk.write_text("x")
    r = runner.invoke(main, ["track", str(plan), "--check", str(book), str(junk)])
    assert r.exit_code == 1 and f"Lỗi: {junk}: tệp không phải tệp Excel" in r.output
    r = runner.invoke(main, ["track", str(plan), "--check", str(book), "--period", "Quý 5"])
    assert r.exit_code == 2 and "Quý I/2026" in r.output
    r = runner.invoke(main, ["track", str(plan), str(book)])
    assert r.exit_code == 2 and "--check" in r.output


def test_workbook_of_a_plan_without_tasks_is_refused():
    draft = load_draft(EXAMPLES / "vo-cuong-2026.yaml").draft
    with pytest.raises(DraftError, match="không có nhiệm vụ"):
        build_workbook(draft, plan_tasks(draft))


def test_workbook_bytes_are_a_valid_package():
    draft = load_draft(EXAMPLES / "loc-hoa-2025.yaml").draft
    data = workbook_bytes(build_workbook(draft, plan_tasks(draft)))
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert names[0] == "[Content_Types].xml" and "xl/workbook.xml" in names
    areas = {t.area for t in plan_tasks(draft)}
    assert "Nhiệm vụ" not in areas and "Cải cách thể chế" in areas  # the generic holder gives way
