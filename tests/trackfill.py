"""Test helper: fill a tracking workbook the way a unit does in Excel.

Opens it with openpyxl, sorts the rows differently, adds columns, moves the header down,
marks statuses and results; returns what it wrote so that tests can compare.
"""
from __future__ import annotations

import random
from pathlib import Path

import openpyxl

from drafter.track import TASKS_SHEET

ID_HEADER = "Mã nhiệm vụ (không sửa)"


def columns(ws) -> tuple[int, dict[str, int]]:
    """(header row, header text → column number) of the tasks sheet."""
    for r in range(1, 40):
        values = {ws.cell(r, c).value: c for c in range(1, ws.max_column + 1) if ws.cell(r, c).value}
        if "Tình trạng" in values:
            return r, values
    raise AssertionError("no header row")


def fill(src: Path, dst: Path, statuses: dict[str, str | None], *, seed: int = 0, extra_cols: int = 1,
         shift: int = 2, results: bool = True, edit=None) -> dict[str, int]:
    """Write ``dst``: rows shuffled, ``extra_cols`` columns inserted, ``shift`` rows above the
    header, each task's status set (None leaves it blank). Returns task id → row in ``dst``.

    ``edit(ws, header_row, cols)`` may change the sheet further before it is saved.
    """
    wb = openpyxl.load_workbook(src)
    ws = wb[TASKS_SHEET]
    for merged in list(ws.merged_cells.ranges):  # Excel moves merged titles with the rows; openpyxl does not
        ws.unmerge_cells(str(merged))
    header, cols = columns(ws)
    width = ws.max_column
    rows = [[ws.cell(r, c).value for c in range(1, width + 1)] for r in range(header + 1, ws.max_row + 1)]
    random.Random(seed).shuffle(rows)
    for r, values in enumerate(rows, header + 1):
        for c, v in enumerate(values, 1):
            ws.cell(r, c).value = v
    for r in range(header + 1, header + 1 + len(rows)):
        tid = ws.cell(r, cols[ID_HEADER]).value
        status = statuses.get(tid)
        ws.cell(r, cols["Tình trạng"]).value = status
        if status and results:
            ws.cell(r, cols["Kết quả thực hiện"]).value = f"Kết quả của {tid}"
            ws.cell(r, cols["Văn bản, minh chứng (số, ký hiệu)"]).value = f"{len(tid)}/BC-UBND ({tid})"
    for k in range(extra_cols):
        ws.insert_cols(2 + 2 * k)
        ws.cell(header, 2 + 2 * k).value = f"Cột thêm {k + 1}"
        ws.cell(header + 1, 2 + 2 * k).value = "ghi chú riêng của đơn vị"
    if shift:
        ws.insert_rows(1, shift)
    header += shift
    header, cols = columns(ws)
    if edit is not None:
        edit(ws, header, cols)
    where = {ws.cell(r, cols[ID_HEADER]).value: r for r in range(header + 1, ws.max_row + 1)
             if ID_HEADER in cols and ws.cell(r, cols[ID_HEADER]).value}
    wb.save(dst)
    return where
