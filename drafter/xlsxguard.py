"""Opening an XLSX that came from outside: bounded in size, parts and rows; no DTDs, no entities.

A workbook sent back by a unit may be damaged, mislabelled or built to hurt (a zip bomb, an
XML entity bomb). Every check here fails with a Vietnamese message naming the file; nothing
is read past the bounds.
"""
from __future__ import annotations

import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import DrafterError, Problem

MAX_FILE = 10 * 1024 * 1024  # bytes on disk; a tracking workbook is tens of kilobytes
MAX_UNPACKED = 20 * 1024 * 1024  # all parts together, unpacked (openpyxl holds the shared strings in memory)
MAX_PARTS = 500
MAX_RATIO = 200  # unpacked / packed, per part larger than 1 MB
MAX_ROWS = 20_000  # per sheet
MAX_COLS = 200
MAX_SHEETS = 50

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, or an .xlsx with a password
_XML_SUFFIXES = (".xml", ".rels", ".vml")


@dataclass(frozen=True)
class Bounds:
    """What one kind of workbook may cost; ``kind`` names it in messages («bảng theo dõi»)."""

    kind: str = "bảng theo dõi"
    file: int = MAX_FILE
    unpacked: int = MAX_UNPACKED
    rows: int = MAX_ROWS
    cols: int = MAX_COLS
    sheets: int = MAX_SHEETS


def tracking_bounds() -> Bounds:
    """The module's bounds as they are now (tests lower them)."""
    return Bounds("bảng theo dõi", MAX_FILE, MAX_UNPACKED, MAX_ROWS, MAX_COLS, MAX_SHEETS)


class WorkbookRefused(DrafterError):
    """A file that is not a workbook drafter may read."""


def _refuse(path: Path, message: str) -> WorkbookRefused:
    return WorkbookRefused([Problem(message, str(path))])


def _scan_xml(zf: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> None:
    """Refuse a DOCTYPE or ENTITY anywhere in an XML part, and encodings that hide them."""
    tail = b""
    with zf.open(info) as fh:
        first = True
        while True:
            chunk = fh.read(1 << 16)
            if not chunk:
                break
            if first and (chunk.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in chunk[:64]):
                raise _refuse(path, f"phần «{info.filename}» của tệp dùng mã UTF-16, drafter không đọc; "
                                    "hãy mở bằng Excel rồi lưu lại dạng .xlsx")
            first = False
            window = tail + chunk
            if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                raise _refuse(path, f"phần «{info.filename}» của tệp có khai báo DOCTYPE/ENTITY, điều tệp "
                                    "Excel thường không có; drafter không đọc tệp này để an toàn. Hãy mở bằng "
                                    "Excel rồi lưu lại dạng .xlsx")
            tail = window[-16:]


def check_package(path: Path, bounds: Bounds | None = None) -> None:
    """Raise :class:`WorkbookRefused` unless ``path`` is an XLSX package within the bounds."""
    path = Path(path)
    b = bounds or tracking_bounds()
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(8)
    except IsADirectoryError:
        raise _refuse(path, "đây là một thư mục, cần một tệp Excel (.xlsx)") from None
    except OSError as exc:
        raise _refuse(path, f"không mở được tệp ({exc.strerror or exc})") from None
    if size > b.file:
        raise _refuse(path, f"tệp quá lớn ({size // (1024 * 1024)} MB, tối đa {b.file // (1024 * 1024)} MB) "
                            f"cho một {b.kind}; hãy kiểm tra đúng tệp chưa")
    if head.startswith(_OLE):
        raise _refuse(path, "tệp là Excel cũ (.xls) hoặc có đặt mật khẩu; hãy mở bằng Excel, bỏ mật khẩu "
                            "nếu có, rồi lưu lại dạng .xlsx")
    if not head.startswith(b"PK"):
        raise _refuse(path, f"tệp không phải tệp Excel (.xlsx); hãy lưu lại {b.kind} dạng .xlsx")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_PARTS:
                raise _refuse(path, f"tệp có quá nhiều phần ({len(infos)}); không phải {b.kind}")
            names = {i.filename for i in infos}
            if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
                raise _refuse(path, "tệp nén này không phải tệp Excel (.xlsx) (thiếu xl/workbook.xml); "
                                    f"hãy lưu lại {b.kind} dạng .xlsx")
            total = 0
            for info in infos:
                total += info.file_size
                if total > b.unpacked:
                    raise _refuse(path, f"tệp giải nén ra quá lớn (hơn {b.unpacked // (1024 * 1024)} MB); "
                                        f"không phải {b.kind}, hoặc có nhiều dữ liệu thừa: hãy chép riêng các "
                                        "dòng cần dùng sang tệp mới")
                if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(1, info.compress_size):
                    raise _refuse(path, f"phần «{info.filename}» nén bất thường (có thể là tệp phá hoại); "
                                        "drafter không đọc")
            for info in infos:
                if info.filename.lower().endswith(_XML_SUFFIXES):
                    _scan_xml(zf, info, path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, ValueError) as exc:
        raise _refuse(path, f"tệp Excel bị hỏng, không đọc được ({exc}); hãy lưu lại dạng .xlsx") from None


@contextmanager
def open_workbook(path: Path, bounds: Bounds | None = None):
    """A read-only openpyxl workbook (cells' values, not formulas), after :func:`check_package`."""
    b = bounds or tracking_bounds()
    check_package(path, b)
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise _refuse(Path(path), f"không đọc được tệp Excel ({type(exc).__name__}: {exc}); "
                                  "hãy mở bằng Excel rồi lưu lại dạng .xlsx") from None
    try:
        if len(wb.sheetnames) > b.sheets:
            raise _refuse(Path(path), f"tệp có {len(wb.sheetnames)} trang tính (tối đa {b.sheets}); "
                                      f"không phải {b.kind}")
        yield wb
    finally:
        wb.close()


def sheet_rows(ws, path: Path, bounds: Bounds | None = None):
    """(row number, cell values) of a sheet, up to ``bounds.rows`` rows and ``bounds.cols`` columns.

    Every row with data is read, whatever the sheet's ``<dimension>`` says: files written by
    other tools often carry a stale one, and openpyxl's read-only mode would stop there.
    """
    b = bounds or tracking_bounds()
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()
    filled = 0
    for number, values in enumerate(ws.iter_rows(min_row=1, max_col=b.cols, values_only=True), 1):
        if any(v is not None for v in values):
            filled += 1
            if filled > b.rows:
                raise _refuse(Path(path), f"trang «{ws.title}» có hơn {b.rows} dòng có dữ liệu; không phải "
                                          f"{b.kind}")
        yield number, values
