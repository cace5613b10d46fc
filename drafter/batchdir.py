"""A batch's output folder: who works in it (a lock), what drafter wrote there (a journal), and
what an interrupted run left behind (temporary files).

A run may end at any moment: killed, out of disk, the machine off. So every file is recorded
in an append-only journal *before* it is renamed into place: a file whose bytes drafter wrote
(or was about to write) is drafter's, never taken for a hand edit on the next run. The journal is
folded into the manifest at the end of a run.
"""
from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

from .atomic import write_bytes
from .errors import DrafterError, Problem
from .pdf import TEMP_PREFIX  # PDF conversion's working folders, inside the output folder

MANIFEST = ".drafter-batch.json"  # sha256 of every file drafter wrote here: tells hand edits apart
JOURNAL = ".drafter-batch.log"  # one JSON line per file written since the manifest was last saved
LOCK = ".drafter-batch.lock"
_ATOMIC_TEMP = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp(\.old)?$")  # drafter.atomic's temporary files


def read_known(out: Path) -> dict[str, set[str]]:
    """Every hash drafter wrote (or was about to write) for each file: the manifest, then the journal."""
    known: dict[str, set[str]] = {}
    try:
        data = json.loads((out / MANIFEST).read_text("utf-8"))
        for rel, digest in data.get("files", {}).items():
            known.setdefault(str(rel), set()).add(str(digest))
    except (OSError, ValueError, AttributeError):
        pass
    try:
        lines = (out / JOURNAL).read_text("utf-8", "replace").splitlines()
    except OSError:
        lines = []
    for line in lines:  # a line cut by a kill is skipped: its file was never renamed into place
        try:
            entry = json.loads(line)
            known.setdefault(str(entry["file"]), set()).add(str(entry["sha256"]))
        except (ValueError, KeyError, TypeError):
            continue
    return known


def record(out: Path, rel: str, digest: str) -> None:
    """Append one written file to the journal: one short line, one write, so processes never mix."""
    line = json.dumps({"file": rel, "sha256": digest}, ensure_ascii=False) + "\n"
    fd = os.open(out / JOURNAL, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line.encode("utf-8"))
    finally:
        os.close(fd)


def save_manifest(out: Path, current: dict[str, str]) -> None:
    """The manifest of the files as they are now; the journal it folds in is removed after."""
    text = json.dumps({"note": "drafter batch: sha256 của các tệp đã xuất, để biết tệp nào bị sửa tay",
                       "files": dict(sorted(current.items()))}, ensure_ascii=False, indent=1)
    write_bytes(out / MANIFEST, text.encode("utf-8"), force=True)
    try:
        os.unlink(out / JOURNAL)
    except FileNotFoundError:
        pass


def clean_temps(out: Path, folders) -> int:
    """Remove what a killed run left: drafter's temporary files in the output folder and in the
    package folders, and PDF working folders. Nothing else is touched. Returns how many."""
    removed = 0
    for folder in [out, *(out / f for f in folders)]:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_file(follow_symlinks=False) and _ATOMIC_TEMP.match(entry.name):
                    os.unlink(entry.path)
                    removed += 1
                elif folder == out and entry.name.startswith(TEMP_PREFIX) and entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path, ignore_errors=True)
                    removed += 1
            except OSError:
                continue
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


class Lock:
    """One batch at a time in a folder; a lock left by a dead run is taken over."""

    def __init__(self, out: Path):
        self.path = Path(out) / LOCK
        self.held = False

    def __enter__(self) -> "Lock":
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                try:
                    pid = int(self.path.read_text("ascii").strip() or 0)
                except (OSError, ValueError):
                    pid = 0
                if pid and pid != os.getpid() and _alive(pid):
                    raise DrafterError([Problem(
                        f"một lần chạy «drafter batch» khác (tiến trình {pid}) đang ghi vào thư mục này; hãy "
                        "đợi nó xong, hoặc chọn thư mục khác", str(self.path.parent))]) from None
                try:
                    os.unlink(self.path)  # left by a run that was killed
                except FileNotFoundError:
                    pass
                continue
            with os.fdopen(fd, "w") as fh:
                fh.write(str(os.getpid()))
            self.held = True
            return self
        raise DrafterError([Problem("không khóa được thư mục ra; hãy chạy lại", str(self.path.parent))])

    def __exit__(self, *exc) -> None:
        if self.held:
            try:
                os.unlink(self.path)
            except OSError:
                pass
            self.held = False
