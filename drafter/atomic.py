"""Atomic writes: a temp file in the same folder, then a rename. Never half a file."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputExists, Problem


def write_bytes(path: Path, data: bytes, *, force: bool = False) -> None:
    path = Path(path)
    if path.exists() and not force:
        raise OutputExists([Problem(
            "tệp đã có; dùng --force để ghi đè hoặc chọn tên khác", str(path))])
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_text(path: Path, text: str, *, force: bool = False) -> None:
    write_bytes(path, text.encode("utf-8"), force=force)
