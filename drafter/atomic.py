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


def _temp_beside(path: Path) -> tuple[int, str]:
    """A new temporary file in ``path``'s folder (created if needed), readable like any new file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:  # name the file the user asked for, not our temporary one
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    if hasattr(os, "fchmod"):  # mkstemp makes 0600; a document is as readable as any new file
        try:
            os.fchmod(fd, 0o666 & ~_UMASK)
        except BaseException:
            os.close(fd)
            _unlink(tmp)
            raise
    return fd, tmp


def _unlink(path: str | Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


@contextmanager
def open_atomic(path: Path):
    """A binary file that appears at ``path`` complete, or not at all (on any error)."""
    path = Path(path)
    fd, tmp = _temp_beside(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        _unlink(tmp)
        raise


def refuse_existing(paths, *, force: bool = False) -> None:
    """No silent overwrite: every file that is already there, named in one error (unless ``force``)."""
    if force:
        return
    taken = [Path(p) for p in paths if Path(p).exists()]
    if taken:
        raise OutputExists([Problem("tệp đã có; dùng --force để ghi đè hoặc chọn tên khác", str(p))
                            for p in taken])


def write_all(files: list[tuple[Path, bytes]], *, force: bool = False) -> list[Path]:
    """Several files that appear together, complete, or not at all.

    Every file is written and synced to a temporary file first (a full disk stops here,
    before anything is replaced); then each is renamed into place, the file it replaces
    kept aside until the last rename succeeds. If a rename fails (a file open in Word on Windows),
    the new files are removed and the old ones put back.
    """
    files = [(Path(p), data) for p, data in files]
    refuse_existing([p for p, _ in files], force=force)
    temps: list[str] = []
    moved: list[tuple[Path, str | None]] = []  # (target, its old content's temporary name)
    try:
        for path, data in files:
            fd, tmp = _temp_beside(path)
            temps.append(tmp)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
            except OSError as exc:  # a full disk: name the file the user asked for
                raise OSError(exc.errno, exc.strerror, str(path)) from exc
        last = len(files) - 1
        for k, ((path, _), tmp) in enumerate(zip(files, temps)):
            old = None
            if k < last and path.exists():  # the last rename has nothing after it to undo
                old = f"{tmp}.old"
                os.replace(path, old)
            moved.append((path, old))
            os.replace(tmp, path)
    except BaseException:
        for path, old in reversed(moved):
            if old is None:
                _unlink(path)
            elif os.path.exists(old):
                os.replace(old, path)
        for tmp in temps:
            _unlink(tmp)
        raise
    for _, old in moved:
        if old is not None:
            _unlink(old)
    return [p for p, _ in files]


def write_bytes(path: Path, data: bytes, *, force: bool = False) -> None:
    path = Path(path)
    refuse_existing([path], force=force)
    with open_atomic(path) as fh:
        fh.write(data)


def write_text(path: Path, text: str, *, force: bool = False) -> None:
    write_bytes(path, text.encode("utf-8"), force=force)
