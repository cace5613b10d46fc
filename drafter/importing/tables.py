"""An appendix table → tasks with their lead and supporting units, deadline and output.

Columns are recognised by their headers (STT, Mục tiêu, Nhiệm vụ, Cơ quan chủ trì, Cơ quan
phối hợp, Thời gian hoàn thành, Sản phẩm). A row whose text spans the table (or whose STT is
a Roman number and whose other cells are empty) is a group: it becomes a part of the plan
that shows in the appendix only (``body: false``), holding the tasks that follow. A row with
no task text continues the task above it (a cell cut at a page break). A table whose columns
are not all known is kept row by row (``source: rows``), every cell as written.
"""
from __future__ import annotations

import re

from ..model import DEFAULT_COLUMNS
from ..reader.labels import roman_value
from ..text import fold, slug
from .lines import DataTable

_KEYS = [
    ("stt", re.compile(r"^(stt|tt|so tt|so thu tu)$")),
    ("lead", re.compile(r"chu tri|don vi thuc hien|co quan thuc hien")),
    ("support", re.compile(r"phoi hop")),
    ("deadline", re.compile(r"thoi gian|thoi han|tien do")),
    ("output", re.compile(r"san pham|ket qua")),
    ("target", re.compile(r"muc tieu|chi tieu")),
    ("task", re.compile(r"nhiem vu|noi dung|hoat dong|cong viec|giai phap")),
]


def column_key(header: str) -> str | None:
    f = re.sub(r"\s+", " ", fold(header)).strip()
    for key, rx in _KEYS:
        if rx.search(f):
            return key
    return None


def _number_row(cells: list[str]) -> bool:
    """«(1) (2) (3)...» under the header."""
    filled = [c for c in cells if c.strip()]
    return bool(filled) and all(re.fullmatch(r"\(?\d{1,2}\)?", c.strip()) for c in filled)


def _group(cells: list[str], bold: bool, stt: int | None) -> tuple[int, str] | None:
    """(level, title) when the row is a group row: I. Title (level 1), 1. Title (level 2) in bold."""
    filled = [(i, c.strip()) for i, c in enumerate(cells) if c.strip()]
    if not filled or len(filled) > 2:
        return None
    if len(filled) == 1:
        text = filled[0][1].replace("\n", " ")
        m = re.match(r"^([IVXLC]+)[.)]?\s+(.+)$", text)
        if m and roman_value(m.group(1)):
            return 1, m.group(2)
        m = re.match(r"^(\d{1,2}(?:\.\d{1,2})*)[.)]?\s+(.+)$", text)
        if m and (bold or len(text) < 120):
            return 2, m.group(2)
        if stt is None or filled[0][0] != stt:
            return (1, text) if bold or len(cells) > 2 else None
        return None if re.fullmatch(r"[\dIVXLC.]+", text) else (1, text)
    (i, first), (j, second) = filled
    if stt is not None and i == stt and (roman_value(first.rstrip(".")) or re.fullmatch(r"[A-Z]\.?", first)):
        return 1, second.replace("\n", " ")
    if stt is not None and i == stt and bold and re.fullmatch(r"\d{1,2}(\.\d{1,2})*\.?", first):
        return 2, second.replace("\n", " ")
    return None


def unit_id(name: str, units: dict[str, str], known: dict[str, str] | None = None) -> str:
    """The id of a unit named as written: one already seen, one of ``known`` (folded name → id), or a new one."""
    by_name = getattr(units, "by_name", None)
    uid = by_name.get(name) if by_name is not None else next((k for k, v in units.items() if v == name), None)
    if uid is not None:
        return uid
    key = re.sub(r"\s+(xa|phuong|dac khu)$", "", re.sub(r"\s*&\s*", " va ", fold(name))).strip()
    uid = (known or {}).get(key)
    if uid is None or uid in units:
        base = slug(name, "don-vi")[:40].strip("-") or "don-vi"
        uid, n = base, 2
        while uid in units:
            uid, n = f"{base}-{n}", n + 1
    units[uid] = name
    if by_name is not None:
        by_name[name] = uid
    return uid


class UnitBook(dict):
    """Unit id → name as written, with the reverse index (a hostile table may name thousands of units)."""

    def __init__(self):
        super().__init__()
        self.by_name: dict[str, str] = {}


def _unit_ids(cell: str, units: dict[str, str]) -> list[str]:
    """«Sở KH&CN; UBND các xã, phường» → two units (split at «;», where a name's own commas cannot be)."""
    return [unit_id(name, units) for name in (p.strip().rstrip(".") for p in re.split(r";|\n", cell)) if name]


def appendix_of(table: DataTable, title: str, units: dict[str, str]) -> tuple[dict, list[dict], list[str]]:
    """(appendix, group parts holding its tasks, warnings)."""
    header = table.rows[0] if table.rows else []
    keys = [column_key(h) for h in header]
    if "task" not in keys and "target" in keys and "lead" in keys:
        keys[keys.index("target")] = "task"  # a table of targets, each with who leads it: the targets are the tasks
    notes: list[str] = []
    rows = table.rows[table.header_rows:]
    bolds = table.bold[table.header_rows:]
    origins = (table.row_origins or [table.origin] * len(table.rows))[table.header_rows:]
    number_row = bool(rows) and _number_row(rows[0])
    if number_row:
        rows, bolds, origins = rows[1:], bolds[1:], origins[1:]
    known = all(keys) and len(set(keys)) == len(keys) and "task" in keys and ("lead" in keys or "deadline" in keys)
    columns = [{"key": k or f"cot-{i + 1}", "header": h.replace("\n", " ")} for i, (k, h) in enumerate(zip(keys, header))]
    _widths(columns)
    if not known:
        notes.append(f"{table.origin.describe()}: không nhận ra đủ các cột của bảng (nhiệm vụ, chủ trì...); "
                     "bảng được giữ nguyên từng hàng")
        typed = [{"cells": r, **({"group": True} if b else {})} for r, b in zip(rows, bolds)]
        numbering, computed = computed_numbering(columns, typed)
        return ({"title": title, "columns": columns, "source": "rows", "number_row": number_row,
                 **({"numbering": numbering} if numbering else {}), "rows": computed or typed}, [], notes)
    stt = keys.index("stt") if "stt" in keys else None
    groups: list[dict] = []
    current: dict | None = None
    top: dict | None = None
    last: dict | None = None
    heads = {fold(h) for h in header if h.strip()}
    repeated: list[str] = []
    for cells, bold, origin in zip(rows, bolds, origins):
        filled = [fold(c) for c in cells if c.strip()]
        if len(filled) > 1 and sum(c in heads for c in filled) >= len(filled) - 1:
            repeated.append(" | ".join(c for c in cells if c.strip()))
            continue  # the header row repeated (a page break in the source)
        cells = cells + [""] * (len(keys) - len(cells))
        g = _group(cells, bold, stt)
        if g is not None:
            level, text = g
            node = {"title": text, "body": False, "items": [], "tasks": [], "_src": origin}
            if level == 1 or top is None:
                groups.append(node)
                top = node
            else:
                top["items"].append(node)
            current, last = node, None
            continue
        values = {key: cells[i].strip() for i, key in enumerate(keys) if key != "stt"}
        if not values.get("task") and last is not None:
            for key, v in values.items():  # the rest of a task a page break cut
                if v:
                    if key in ("lead", "support"):
                        last[key] = last.get(key, []) + [u for u in _unit_ids(v, units) if u not in last.get(key, [])]
                    elif key == "task":
                        pass
                    else:
                        last[key] = f"{last[key]} {v}" if last.get(key) else v
            continue
        if not any(values.values()):
            continue
        if current is None:
            current = {"title": title, "body": False, "items": [], "tasks": [], "_src": origin}
            groups.append(current)
            top = current
        lines = values.get("task", "").split("\n")
        task: dict = {"text": lines[0]}
        if len(lines) > 1:
            task["items"] = lines[1:]
        for key in ("target", "lead", "support", "deadline", "output"):
            v = values.get(key)
            if not v:
                continue
            task[key] = _unit_ids(v, units) if key in ("lead", "support") else v.replace("\n", " ")
        task["body"] = False
        task["_src"] = origin
        current["tasks"].append(task)
        last = task
    for node in groups:
        _drop_empty(node)
    appendix = {"title": title, "columns": columns, "number_row": number_row}
    if repeated:
        notes.append(f"{table.origin.describe()}: dòng tiêu đề bảng lặp lại giữa bảng ({len(repeated)} lần), đã bỏ: "
                     + "; ".join(dict.fromkeys(repeated)))
    return appendix, groups, notes


WIDTHS = {c.key: c.width for c in DEFAULT_COLUMNS} | {"target": 4.0}
LANDSCAPE_TEXT = 25.2  # cm: an A4 landscape page less ND 30 margins


def _widths(columns: list[dict]) -> None:
    """drafter's widths for the columns it knows, scaled so the table fills the landscape page."""
    raw = [WIDTHS.get(c["key"], 3.5) for c in columns]
    scale = LANDSCAPE_TEXT / sum(raw)
    for c, w in zip(columns, raw):
        c["width"] = round(w * scale, 2)


def _drop_empty(node: dict) -> None:
    for x in node["items"]:
        _drop_empty(x)
    if not node["items"]:
        del node["items"]
    if not node["tasks"]:
        del node["tasks"]


def _label_style(label: str) -> str | None:
    """The kind of a group's label: A (a letter other than I, V, X), I (Roman), 1 (decimal)."""
    if re.fullmatch(r"[A-HJ-UWYZ]", label):
        return "A"
    if roman_value(label):
        return "I"
    return "1" if re.fullmatch(r"\d{1,2}(\.\d{1,2})*", label) else None


def computed_numbering(columns: list[dict], rows: list[dict]) -> tuple[dict | None, list[dict] | None]:
    """The ``numbering`` that gives every typed STT of a table kept row by row, and its rows without
    the numbers; (None, None) when none does (the numbers then stay as typed)."""
    from ..context import layout_rows
    from ..model import Appendix

    keys = [c["key"] for c in columns]
    if "stt" not in keys or not rows:
        return None, None
    stt = keys.index("stt")
    styles: list[tuple[str, bool]] = []  # per group row: its label's style, and whether it is inline
    for r in rows:
        if not r.get("group"):
            continue
        cells = [c.strip() for c in r["cells"]]
        inline = re.match(r"^([A-Z]|[IVXLC]+|\d{1,2}(?:\.\d{1,2})*)\.\s+\S", cells[0] if cells else "")
        label = inline.group(1) if inline and not any(cells[1:]) else (cells[stt] if stt < len(cells) else "")
        style = _label_style(label.rstrip("."))
        if style is None:
            return None, None
        styles.append((style, bool(inline and not any(cells[1:]))))
    order = [s for s in ("A", "I", "1") if any(st == s for st, _ in styles)] or ["I"]
    inline = {i for _, i in styles}
    if len(inline) > 1:
        return None, None
    label = "inline" if inline == {True} else "column"
    stripped, level = [], iter([order.index(st) + 1 for st, _ in styles])
    for r in rows:
        cells = list(r["cells"]) + [""] * (len(keys) - len(r["cells"]))
        if r.get("group") and label == "inline":
            title = cells[0].split(". ", 1)[1]
            stripped.append({"group": next(level), "cells": [title]})
        elif r.get("group"):
            stripped.append({"group": next(level), "cells": [c for i, c in enumerate(cells) if i != stt]})
        else:
            stripped.append({"cells": [c for i, c in enumerate(cells) if i != stt]})
    for r in stripped:  # no trailing empty cells: the row reads as written
        while r["cells"] and not r["cells"][-1].strip():
            r["cells"].pop()
    want = [" ".join(c.strip() for c in r["cells"] if c.strip()) for r in rows]
    for items in ("across", "per-group", "outline"):
        numbering = {"items": items, "groups": order, "group_label": label}
        try:
            appendix = Appendix.model_validate({"title": "x", "columns": columns, "source": "rows",
                                                "numbering": numbering, "rows": stripped})
        except ValueError:
            return None, None
        got = [" ".join(c["text"].strip() for c in r["cells"] if c["text"].strip()) for r in layout_rows(appendix)]
        if got == want:
            if numbering["groups"] == ["I"]:
                del numbering["groups"]
            if label == "column":
                del numbering["group_label"]
            return numbering, stripped
    return None, None
