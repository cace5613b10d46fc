"""Atomic writes: a temp file in the same folder, then a rename. Never half a file."""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputExists, Problem


def _read_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


@contextmanager
def open_atomic(path: Path):
    """A binary file that appears at ``path`` complete, or not at all (on any error)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:  # name the file the user asked for, not our temporary one
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    try:
        if hasattr(os, "fchmod"):  # mkstemp makes 0600; a document is as readable as any new file
            os.fchmod(fd, 0o666 & ~_UMASK)
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_bytes(path: Path, data: bytes, *, force: bool = False) -> None:
    path = Path(path)
    if path.exists() and not force:
        raise OutputExists([Problem(
            "tệp đã có; dùng --force để ghi đè hoặc chọn tên khác", str(path))])
    with open_atomic(path) as fh:
        fh.write(data)


def write_text(path: Path, text: str, *, force: bool = False) -> None:
    write_bytes(path, text.encode("utf-8"), force=force)
