"""Opening an XLSX that came from outside: bounded in size, parts and rows; no DTDs, no entities.

A workbook sent back by a unit may be damaged, mislabelled or built to hurt (a zip bomb, an
XML entity bomb). Every check here fails with a Vietnamese message naming the file; nothing
is read past the bounds.
"""
from __future__ import annotations

import zipfile
from contextlib import contextmanager
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


def check_package(path: Path) -> None:
    """Raise :class:`WorkbookRefused` unless ``path`` is an XLSX package within the bounds."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(8)
    except IsADirectoryError:
        raise _refuse(path, "đây là một thư mục, cần một tệp Excel (.xlsx)") from None
    except OSError as exc:
        raise _refuse(path, f"không mở được tệp ({exc.strerror or exc})") from None
    if size > MAX_FILE:
        raise _refuse(path, f"tệp quá lớn ({size // (1024 * 1024)} MB, tối đa {MAX_FILE // (1024 * 1024)} MB) "
                            "cho một bảng theo dõi; hãy gửi lại đúng tệp drafter đã lập")
    if head.startswith(_OLE):
        raise _refuse(path, "tệp là Excel cũ (.xls) hoặc có đặt mật khẩu; hãy mở bằng Excel, bỏ mật khẩu "
                            "nếu có, rồi lưu lại dạng .xlsx")
    if not head.startswith(b"PK"):
        raise _refuse(path, "tệp không phải tệp Excel (.xlsx); hãy gửi lại bảng theo dõi dạng .xlsx")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_PARTS:
                raise _refuse(path, f"tệp có quá nhiều phần ({len(infos)}); không phải bảng theo dõi của drafter")
            names = {i.filename for i in infos}
            if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
                raise _refuse(path, "tệp nén này không phải tệp Excel (.xlsx) (thiếu xl/workbook.xml); "
                                    "hãy gửi lại bảng theo dõi dạng .xlsx")
            total = 0
            for info in infos:
                total += info.file_size
                if total > MAX_UNPACKED:
                    raise _refuse(path, "tệp giải nén ra quá lớn; không phải bảng theo dõi của drafter")
                if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(1, info.compress_size):
                    raise _refuse(path, f"phần «{info.filename}» nén bất thường (có thể là tệp phá hoại); "
                                        "drafter không đọc")
            for info in infos:
                if info.filename.lower().endswith(_XML_SUFFIXES):
                    _scan_xml(zf, info, path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, ValueError) as exc:
        raise _refuse(path, f"tệp Excel bị hỏng, không đọc được ({exc}); hãy lưu lại dạng .xlsx") from None


@contextmanager
def open_workbook(path: Path):
    """A read-only openpyxl workbook (cells' values, not formulas), after :func:`check_package`."""
    check_package(path)
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise _refuse(Path(path), f"không đọc được tệp Excel ({type(exc).__name__}: {exc}); "
                                  "hãy mở bằng Excel rồi lưu lại dạng .xlsx") from None
    try:
        if len(wb.sheetnames) > MAX_SHEETS:
            raise _refuse(Path(path), f"tệp có {len(wb.sheetnames)} trang tính (tối đa {MAX_SHEETS}); "
                                      "không phải bảng theo dõi của drafter")
        yield wb
    finally:
        wb.close()


def sheet_rows(ws, path: Path):
    """(row number, cell values) of a sheet, up to :data:`MAX_ROWS` rows and :data:`MAX_COLS` columns."""
    for number, values in enumerate(ws.iter_rows(min_row=1, max_col=MAX_COLS, values_only=True), 1):
        if number > MAX_ROWS:
            raise _refuse(Path(path), f"trang «{ws.title}» có hơn {MAX_ROWS} dòng; không phải bảng theo dõi "
                                      "của drafter")
        yield number, values
