"""DOCX → PDF with LibreOffice: one file, or many with a single LibreOffice process.

LibreOffice's start-up is the slow part (seconds), so a batch hands it every document in
one call. Inputs are linked into a private temporary folder under short unique names and
each PDF is moved into place atomically: nothing partial reaches the output folder. Large
batches go in chunks, one fresh LibreOffice per chunk, several at once (:func:`convert_pdfs`).
"""
from __future__ import annotations

import errno
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable

from . import settings
from .atomic import write_bytes
from .errors import DrafterError, Problem

MISSING = "không tìm thấy LibreOffice (soffice) để chuyển sang PDF"
INSTALL_HINT = "hãy cài LibreOffice hoặc đặt biến DRAFTER_SOFFICE trỏ tới chương trình soffice"

_RUN_REASONS = {errno.ENOENT: "không có chương trình này", errno.EACCES: "không có quyền chạy chương trình này",
                errno.ENOEXEC: "tệp này không phải chương trình chạy được"}

# Where installers put LibreOffice when it is not on PATH.
INSTALL_PLACES = ("/Applications/LibreOffice.app/Contents/MacOS/soffice",
                  r"C:\Program Files\LibreOffice\program\soffice.exe",
                  r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")


def find_soffice() -> str | None:
    """``DRAFTER_SOFFICE``, then ``soffice``/``libreoffice`` on PATH, then the usual install places."""
    override = settings.soffice_override()
    if override:
        return override
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((path for path in INSTALL_PLACES if Path(path).is_file()), None)


def convert(docx: Path, pdf: Path | None = None) -> Path:
    """One DOCX → PDF beside it (or at ``pdf``); a :class:`DrafterError` in Vietnamese if it fails."""
    docx = Path(docx)
    pdf = Path(pdf) if pdf else docx.with_suffix(".pdf")
    if find_soffice() is None:
        raise DrafterError([Problem(f"{MISSING}; {INSTALL_HINT}", str(pdf))])
    errors = convert_pdfs([(docx, pdf)])
    if errors:
        raise DrafterError([Problem(errors[pdf], str(pdf))])
    return pdf


CHUNK = 100  # documents per LibreOffice process: 7.4 stops converting (and still exits 0) after ~245
MIN_PER_CONVERTER = 20  # fewer documents than this per process: its start-up would cost more than it saves
TEMP_PREFIX = ".drafter-tmp-"  # working folders inside the output folder (see drafter.batchdir)


def convert_pdfs(pairs: list[tuple[Path, Path]], *, progress: Callable[[int], None] | None = None,
                 soffice: str | None = None, workers: int = 1, work_dir: Path | None = None) -> dict[Path, str]:
    """DOCX → PDF for every (docx, pdf) pair; {pdf: error} for failures.

    Documents go to LibreOffice in chunks of :data:`CHUNK`, each chunk a fresh process, up to
    ``workers`` processes at once (each with its own profile); what fails is tried once more in
    a fresh process, so one bad document or a tired LibreOffice never costs the rest. Working
    copies live in ``work_dir`` (the output folder) or the system's temporary folder, removed at
    the end; on Ctrl+C or SIGTERM the LibreOffice processes are ended with the run.
    """
    progress = progress or (lambda n: None)
    if not pairs:
        return {}
    soffice = soffice or find_soffice()
    if soffice is None:
        return {pdf: MISSING for _, pdf in pairs}
    converters = max(1, min(workers, -(-len(pairs) // MIN_PER_CONVERTER)))
    size = max(1, min(CHUNK, -(-len(pairs) // converters)))
    root = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX if work_dir else "drafter-pdf-",
                                 dir=str(work_dir) if work_dir else None))
    run = _Run(soffice, root, converters, progress)
    try:
        errors = run.all([pairs[i:i + size] for i in range(0, len(pairs), size)])
        if errors and not run.stop.is_set():  # once more, in fresh processes
            again = [pair for pair in pairs if pair[1] in errors]
            errors = run.all([again[i:i + size] for i in range(0, len(again), size)], counted=False)
        return errors
    finally:
        run.end()
        shutil.rmtree(root, ignore_errors=True)


class _Run:
    """Chunks converted by up to ``converters`` LibreOffice processes at once."""

    def __init__(self, soffice: str, root: Path, converters: int, progress: Callable[[int], None]):
        self.soffice, self.root, self.converters = soffice, root, converters
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.procs: set[subprocess.Popen] = set()
        self.profiles: queue.Queue = queue.Queue()
        for i in range(converters):
            self.profiles.put(root / f"profile-{i}")
        self._progress = progress
        self._chunk = 0

    def progress(self, n: int) -> None:
        with self.lock:
            self._progress(n)

    def all(self, chunks: list[list[tuple[Path, Path]]], counted: bool = True) -> dict[Path, str]:
        errors: dict[Path, str] = {}
        pool = ThreadPoolExecutor(max_workers=self.converters, thread_name_prefix="drafter-pdf")
        try:
            for found in pool.map(lambda chunk: self.chunk(chunk, counted), chunks):
                errors.update(found)
        except BaseException:
            self.stop.set()  # Ctrl+C: every converter ends its LibreOffice now
            self.end()
            raise
        finally:
            pool.shutdown(wait=True)
        return errors

    def chunk(self, pairs: list[tuple[Path, Path]], counted: bool) -> dict[Path, str]:
        if self.stop.is_set():
            return {pdf: "đã dừng trước khi chuyển sang PDF" for _, pdf in pairs}
        with self.lock:
            self._chunk += 1
            work = self.root / f"chunk-{self._chunk}"
        src, dst = work / "in", work / "pdf"
        src.mkdir(parents=True)
        dst.mkdir()
        names = []
        for i, (docx, _) in enumerate(pairs):
            name = f"{i:05d}.docx"
            try:
                os.link(docx, src / name)
            except OSError:
                shutil.copyfile(docx, src / name)
            names.append(name)
        profile = self.profiles.get()
        try:
            cmd = [self.soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--nolockcheck", "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(dst), *names]
            try:
                timed_out = self.run(cmd, src, work / "soffice.log", 120 + 20 * len(pairs), dst, len(pairs),
                                     counted)
            except OSError as exc:
                why = _RUN_REASONS.get(exc.errno, f"lỗi hệ thống: {exc.strerror or exc}")
                return {pdf: f"không chạy được LibreOffice ({self.soffice}): {why}; {INSTALL_HINT}"
                        for _, pdf in pairs}
        finally:
            self.profiles.put(profile)
        errors: dict[Path, str] = {}
        for i, (_, pdf) in enumerate(pairs):
            made = dst / f"{i:05d}.pdf"
            if made.is_file() and made.stat().st_size > 0:
                write_bytes(pdf, made.read_bytes(), force=True)
            elif self.stop.is_set():
                errors[pdf] = "đã dừng trước khi chuyển xong sang PDF"
            elif timed_out:
                errors[pdf] = f"LibreOffice không chuyển xong sang PDF trong {timed_out} giây"
            else:
                tail = (work / "soffice.log").read_text("utf-8", "replace").strip().splitlines()[-1:]
                errors[pdf] = "LibreOffice không chuyển được sang PDF" + (f" ({tail[0][:200]})" if tail else "")
        shutil.rmtree(work, ignore_errors=True)
        return errors

    def run(self, cmd: list[str], cwd: Path, log_path: Path, timeout: int, dst: Path, total: int,
            counted: bool) -> int:
        """Run one LibreOffice, reporting PDFs as they appear; the timeout in seconds if it was hit, else 0."""
        done = 0
        with open(log_path, "wb") as log:
            # A reaper starts LibreOffice in its own process group and ends that group when drafter
            # ends, however it ends (a SIGKILL runs none of drafter's own clean-up).
            posix = hasattr(os, "killpg")
            if posix:
                _check_runnable(cmd[0])
            proc = subprocess.Popen([sys.executable, "-c", _REAPER, str(os.getpid()), *cmd] if posix else cmd,
                                    cwd=cwd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                    start_new_session=posix)
            with self.lock:
                self.procs.add(proc)
            start = time.monotonic()
            hit = 0
            try:
                while True:
                    try:
                        proc.wait(timeout=0.5)
                        break
                    except subprocess.TimeoutExpired:
                        if self.stop.is_set() or time.monotonic() - start > timeout:
                            hit = 0 if self.stop.is_set() else timeout
                            _kill(proc)
                            break
                    now = sum(1 for _ in dst.glob("*.pdf"))
                    if counted and now > done:
                        self.progress(now - done)
                        done = now
            finally:
                with self.lock:
                    self.procs.discard(proc)
        if proc.returncode == 126:  # the reaper could not start LibreOffice: say why as Popen would
            found = re.search(r"drafter-reaper-errno=(\d+)", log_path.read_text("utf-8", "replace"))
            if found:
                code = int(found.group(1))
                raise OSError(code, os.strerror(code), cmd[0])
        if counted and total > done:
            self.progress(total - done)
        return hit

    def end(self) -> None:
        with self.lock:
            procs = list(self.procs)
        for proc in procs:
            _kill(proc)


_REAPER = """
import os, signal, subprocess, sys
parent = int(sys.argv[1])  # given, not read: drafter may be gone before this line runs
if os.getppid() != parent:
    sys.exit(1)
try:
    proc = subprocess.Popen(sys.argv[2:])
except OSError as exc:
    sys.stderr.write(f"drafter-reaper-errno={exc.errno}\\n")
    sys.exit(126)
while True:
    try:
        sys.exit(proc.wait(timeout=0.5))
    except subprocess.TimeoutExpired:
        if os.getppid() != parent:
            os.killpg(0, signal.SIGKILL)
"""


def _check_runnable(program: str) -> None:
    """The errors Popen gives for a program that is not there or may not run, before the reaper hides them."""
    path = shutil.which(program) if os.sep not in program else program
    if path is None or not os.path.isfile(path):
        raise OSError(errno.ENOENT, os.strerror(errno.ENOENT), program)
    if not os.access(path, os.X_OK):
        raise OSError(errno.EACCES, os.strerror(errno.EACCES), program)


def _kill(proc: subprocess.Popen) -> None:
    """End a LibreOffice and whatever it started (its process group)."""
    try:
        if hasattr(os, "killpg"):
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
    except (ProcessLookupError, PermissionError, OSError):
        pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass
