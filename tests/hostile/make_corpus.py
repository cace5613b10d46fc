"""A corpus of hostile and broken inputs for drafter's commands, made on the spot.

``python tests/hostile/make_corpus.py OUT`` writes every case's files into ``OUT/<case>/`` and
prints the command each is for. ``tests/test_hostile_corpus.py`` runs them: each case names the
command, the exit code, words of the located message, a time bound and what it may write.

The cases are what a user receives or mistypes (issue 9): YAML alias bombs and deep nesting in
drafts and presets, files too large, appendix widths that break the layout, keys named like
pydantic's union branches, XLSX commune lists with a stale ``<dimension>``, a whitespace bomb, a
DOCTYPE entity, commune names that collide, that Windows reserves, that Excel would run as
formulas, a rename with an unknown placeholder, and text in docxtpl's own escape syntax.
"""
from __future__ import annotations

import io
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]
PRESET = ROOT / "tests" / "fixtures" / "batch" / "preset.yaml"

DRAFT = """\
kind: ke-hoach
commune: {name: Tân Hội, type: xã}
date: 2026-02-05
subject: Cải cách hành chính năm 2026
units:
  - {id: vp, name: Văn phòng, role: standing}
"""


def alias_bomb(levels: int = 7, width: int = 10, key: str = "subject") -> str:
    lines = [f"a0: &a0 [{', '.join(['x'] * width)}]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, levels + 1)]
    return "\n".join(lines + [f"{key}: *a{levels}"]) + "\n"


def deep_list(depth: int = 2000, key: str = "title") -> str:
    return f"{key}: " + "[" * depth + "]" * depth + "\n"


def draft_with(extra: str) -> str:
    return DRAFT + extra


def widths(value: str) -> str:
    return draft_with("appendices:\n  - title: Phụ lục\n    columns:\n      - {key: stt, header: STT}\n"
                      f"      - {{key: task, header: Nhiệm vụ, width: {value}}}\n")


def csv_list(rows: list[tuple[str, ...]], header: tuple[str, ...] = ("tên", "loại", "tỉnh")) -> bytes:
    import csv

    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8-sig")


def xlsx_list(rows: list[tuple], header=("Tên", "Loại", "Tỉnh")) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _rewrite(xlsx: bytes, part: str, change: Callable[[bytes], bytes], extra: dict[str, bytes] | None = None) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(xlsx))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info.filename, change(data) if info.filename == part else data)
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
    return buf.getvalue()


FIVE = [("An Lạc", "xã", "Bắc Ninh"), ("Bình Minh", "xã", "Bắc Ninh"), ("Cao Đức", "xã", "Bắc Ninh"),
        ("Đông Hồ", "phường", "Bắc Ninh"), ("Gia Bình", "xã", "Bắc Ninh")]


def stale_dimension() -> bytes:
    """Five communes; the sheet says it holds only A1:C2, as files from other tools often do."""
    return _rewrite(xlsx_list(FIVE), "xl/worksheets/sheet1.xml",
                    lambda x: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:C2"', x))


def whitespace_bomb(megabytes: int = 64) -> bytes:
    """A small file whose sheet inflates to ``megabytes`` of whitespace between two rows."""
    pad = b" " * (megabytes * 1024 * 1024)
    return _rewrite(xlsx_list(FIVE[:1]), "xl/worksheets/sheet1.xml",
                    lambda x: x.replace(b"<sheetData>", b"<sheetData>" + pad, 1))


def entity_xlsx() -> bytes:
    """A DOCTYPE with an entity (the start of a billion-laughs) in the sheet, used in a cell."""
    def add(x: bytes) -> bytes:
        x = b'<!DOCTYPE worksheet [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;">]>' + x
        return x.replace(b"An L&#7841;c", b"&b;", 1)
    return _rewrite(xlsx_list(FIVE[:2]), "xl/worksheets/sheet1.xml", add)


@dataclass
class Case:
    name: str
    files: dict[str, bytes | str]
    args: list[str]  # «{d}» is the case's folder
    code: int
    words: tuple[str, ...] = ()  # in the output, in this order of importance
    seconds: float = 5.0
    writes: tuple[str, ...] = ()  # what it may create in {d}: a file or a folder (and all below)
    env: dict[str, str] = field(default_factory=dict)
    check: Callable[[Path, str], None] | None = None  # more assertions: (folder, output)


def _summary(folder: Path) -> list[dict]:
    import csv

    text = (folder / "out" / "summary.csv").read_text("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def _all_rows_made(n: int):
    def check(folder: Path, output: str) -> None:
        rows = _summary(folder)
        assert len(rows) == n and all(r["trang_thai"] == "tạo mới" for r in rows), rows
        folders = {r["thu_muc"] for r in rows}
        assert len(folders) == n, folders
        for name in folders:
            assert (folder / "out" / name / "ke-hoach.docx").is_file(), name
    return check


def _windows_names(folder: Path, output: str) -> None:
    reserved = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
    names = [r["thu_muc"] for r in _summary(folder)]
    assert len(names) == 4 and not any(n.split(".")[0].lower() in reserved for n in names), names


def _formulas(folder: Path, output: str) -> None:
    raw = (folder / "out" / "summary.csv").read_text("utf-8-sig")
    for line in raw.splitlines()[1:]:
        for cell in line.split(","):
            assert not cell.lstrip('"').startswith(("=", "+", "@", "-")), line
    names = {r["ten"] for r in _summary(folder)}
    assert {"'=cmd|' /C calc'!A0", "'+SUM(1,1)", "'@SUM(1)"} <= names, names


def _literal_braces(folder: Path, output: str) -> None:
    from drafter.docxpkg import read_parts

    xml = read_parts((folder / "d.docx").read_bytes())["word/document.xml"].decode("utf-8")
    assert "{_{ a }_} {_% b %_}" in xml and "{{ a }}" not in xml


def cases() -> list[Case]:
    bomb_preset = alias_bomb(key="title")
    return [
        Case("draft-alias-bomb", {"d.yaml": draft_with(alias_bomb(key="purpose"))}, ["validate", "{d}/d.yaml"], 2,
             ("d.yaml:12:", "bí danh"), 2.0),
        Case("draft-deep-nesting", {"d.yaml": draft_with(deep_list(key="closing"))}, ["render", "{d}/d.yaml"], 2,
             ("d.yaml:7:", "lồng nhau quá sâu"), 2.0),
        Case("draft-block-nesting", {"d.yaml": DRAFT + "sections:\n" + "".join(
            "  " * (i + 1) + "- items:\n" for i in range(300))}, ["validate", "{d}/d.yaml"], 2,
             ("lồng nhau quá sâu",), 2.0),
        Case("draft-too-big", {"d.yaml": DRAFT.replace("Cải cách", "x" * 3_000_000)}, ["render", "{d}/d.yaml"], 2,
             ("d.yaml", "quá lớn"), 2.0),
        Case("draft-long-text", {"d.yaml": DRAFT.replace("Cải cách", "x" * 60_000)}, ["render", "{d}/d.yaml"], 2,
             ("d.yaml:4:", "subject", "quá dài"), 3.0),
        Case("width-negative", {"d.yaml": widths("-1")}, ["render", "{d}/d.yaml"], 2,
             ("d.yaml:11:", "appendices[0].columns[1].width", "độ rộng cột"), 3.0),
        Case("width-inf", {"d.yaml": widths(".inf")}, ["render", "{d}/d.yaml"], 2, ("d.yaml:11:", ".inf"), 3.0),
        Case("width-nan", {"d.yaml": widths(".nan")}, ["validate", "{d}/d.yaml"], 2, ("d.yaml:11:", ".nan"), 3.0),
        Case("columns-empty", {"d.yaml": draft_with("appendices:\n  - title: P\n    columns: []\n")},
             ["render", "{d}/d.yaml"], 2, ("d.yaml:9:", "appendices[0].columns", "cột"), 3.0),
        Case("key-str", {"d.yaml": draft_with("str: 1\n")}, ["validate", "{d}/d.yaml"], 2,
             ("d.yaml:7:", "«str»", "không có trong mẫu"), 3.0),
        Case("key-Subject", {"d.yaml": draft_with("Subject: 1\n")}, ["validate", "{d}/d.yaml"], 2,
             ("d.yaml:7:", "«Subject»"), 3.0),
        Case("key-index", {"d.yaml": draft_with("'a[0]': 1\n")}, ["validate", "{d}/d.yaml"], 2,
             ("d.yaml:7:", "«a[0]»"), 3.0),
        Case("escape-round-trip", {"d.yaml": draft_with("preamble: '{_{ a }_} {_% b %_}'\n")},
             ["render", "{d}/d.yaml", "-o", "{d}/d.docx"], 0, ("d.docx",), 5.0, ("d.docx",),
             check=_literal_braces),
        Case("preset-folder-bombs", {"p/bomb.yaml": bomb_preset, "p/deep.yaml": deep_list(),
                                     "p/nest.yaml": "title:\n" + "".join("  " * i + "- \n" for i in range(300))},
             ["presets"], 0, ("bac-ninh-cchc-2026", "bomb", "bí danh", "deep", "lồng nhau quá sâu"), 4.0,
             env={"DRAFTER_PRESETS": "{d}/p"}),
        Case("preset-bomb-batch", {"bomb.yaml": bomb_preset, "l.csv": csv_list(FIVE)},
             ["batch", "--preset", "{d}/bomb.yaml", "--communes", "{d}/l.csv", "-o", "{d}/out"], 2,
             ("bomb.yaml:6:", "bí danh"), 3.0),
        Case("xlsx-stale-dimension", {"l.xlsx": stale_dimension()},
             ["batch", "--preset", str(PRESET), "--communes", "{d}/l.xlsx", "-o", "{d}/out", "-j", "1"], 0,
             ("Tổng", "5"), 20.0, ("out",), check=_all_rows_made(5)),
        Case("xlsx-whitespace-bomb", {"l.xlsx": whitespace_bomb()},
             ["batch", "--preset", str(PRESET), "--communes", "{d}/l.xlsx", "-o", "{d}/out"], 2,
             ("l.xlsx", "giải nén ra quá lớn"), 3.0),
        Case("xlsx-entity", {"l.xlsx": entity_xlsx()},
             ["batch", "--preset", str(PRESET), "--communes", "{d}/l.xlsx", "-o", "{d}/out"], 2,
             ("l.xlsx", "DOCTYPE"), 3.0),
        Case("xlsx-not-a-zip", {"l.xlsx": b"PK\x03\x04 not really"},
             ["batch", "--preset", str(PRESET), "--communes", "{d}/l.xlsx", "-o", "{d}/out"], 2,
             ("l.xlsx", "Excel"), 3.0),
        Case("csv-huge-cell", {"l.csv": csv_list([("x" * 200_000, "xã", "")])},
             ["batch", "--preset", str(PRESET), "--communes", "{d}/l.csv", "-o", "{d}/out"], 2,
             ("l.csv", "dòng 2", "ô quá dài"), 3.0),
        Case("csv-colliding-names", {"l.csv": csv_list([
            ("A HN dong 5", "xã", ""), ("A", "phường", "HN"), ("A", "xã", "HN"), ("A", "xã", "")])},
             ["batch", "--preset", str(PRESET), "--communes", "{d}/l.csv", "-o", "{d}/out", "-j", "1", "--force"],
             0, ("Tổng",), 20.0, ("out",), check=_all_rows_made(4)),
        Case("csv-windows-names", {"l.csv": csv_list([("con", "xã", ""), ("Aux", "phường", ""), ("NUL", "xã", ""),
                                                      ("COM1", "xã", "")])},
             ["batch", "--preset", str(PRESET), "--communes", "{d}/l.csv", "-o", "{d}/out", "-j", "1"], 0,
             ("Tổng",), 20.0, ("out",), check=_windows_names),
        Case("csv-formula-names", {"l.csv": csv_list([("=cmd|' /C calc'!A0", "xã", ""), ("+SUM(1,1)", "xã", ""),
                                                      ("@SUM(1)", "xã", ""), ("-2+3", "xã", "")])},
             ["batch", "--preset", str(PRESET), "--communes", "{d}/l.csv", "-o", "{d}/out", "-j", "1"], 0,
             ("Tổng",), 20.0, ("out",), check=_formulas),
        Case("csv-rename-unknown-placeholder", {"l.csv": csv_list([("An Lạc", "xã", "", "vp = {{ foo }}"),
                                                                   ("Bình Minh", "xã", "", "")],
                                                                  ("tên", "loại", "tỉnh", "đổi tên"))},
             ["batch", "--preset", str(PRESET), "--communes", "{d}/l.csv", "-o", "{d}/out", "-j", "1"], 1,
             ("dòng 2", "«foo»"), 20.0, ("out",)),
    ]


def write(case: Case, folder: Path) -> None:
    for name, data in case.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def main(out: str) -> None:
    for case in cases():
        folder = Path(out) / case.name
        write(case, folder)
        print(f"{case.name}: drafter {' '.join(a.replace('{d}', str(folder)) for a in case.args)}  → {case.code}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
