"""DOCX → PDF with LibreOffice: one file, or many with a single LibreOffice process.

LibreOffice's start-up is the slow part (seconds), so a batch hands it every document in
one call. Inputs are linked into a private temporary folder under short unique names and
each PDF is moved into place atomically: nothing partial reaches the output folder.
"""
from __future__ import annotations

import errno
import os
import shutil
import subprocess
import tempfile
import time
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


def convert_pdfs(pairs: list[tuple[Path, Path]], *, progress: Callable[[int], None] | None = None,
                 soffice: str | None = None) -> dict[Path, str]:
    """DOCX → PDF for every (docx, pdf) pair with ONE LibreOffice process; {pdf: error} for failures."""
    progress = progress or (lambda n: None)
    if not pairs:
        return {}
    soffice = soffice or find_soffice()
    if soffice is None:
        return {pdf: MISSING for _, pdf in pairs}
    with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as tmp:
        tmp = Path(tmp)
        src, dst = tmp / "in", tmp / "pdf"
        src.mkdir()
        dst.mkdir()
        names = []
        for i, (docx, _) in enumerate(pairs):
            name = f"{i:05d}.docx"
            try:
                os.link(docx, src / name)
            except OSError:
                shutil.copyfile(docx, src / name)
            names.append(name)
        cmd = [soffice, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(dst), *names]
        try:
            timed_out = _run(cmd, src, tmp / "soffice.log", 120 + 20 * len(pairs), dst, len(pairs), progress)
        except OSError as exc:
            why = _RUN_REASONS.get(exc.errno, f"lỗi hệ thống: {exc.strerror or exc}")
            return {pdf: f"không chạy được LibreOffice ({soffice}): {why}; {INSTALL_HINT}" for _, pdf in pairs}
        errors: dict[Path, str] = {}
        for i, (_, pdf) in enumerate(pairs):
            made = dst / f"{i:05d}.pdf"
            if made.is_file() and made.stat().st_size > 0:
                write_bytes(pdf, made.read_bytes(), force=True)
            elif timed_out:
                errors[pdf] = f"LibreOffice không chuyển xong sang PDF trong {timed_out} giây"
            else:
                tail = (tmp / "soffice.log").read_text("utf-8", "replace").strip().splitlines()[-1:]
                errors[pdf] = "LibreOffice không chuyển được sang PDF" + (f" ({tail[0][:200]})" if tail else "")
    return errors


def _run(cmd: list[str], cwd: Path, log_path: Path, timeout: int, dst: Path, total: int,
         progress: Callable[[int], None]) -> int:
    """Run LibreOffice, reporting PDFs as they appear; the timeout in seconds if it was hit, else 0."""
    done = 0
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        start = time.monotonic()
        hit = 0
        while True:
            try:
                proc.wait(timeout=0.5)
                break
            except subprocess.TimeoutExpired:
                if time.monotonic() - start > timeout:
                    proc.kill()
                    proc.wait()
                    hit = timeout
                    break
            now = sum(1 for _ in dst.glob("*.pdf"))
            if now > done:
                progress(now - done)
                done = now
    if total > done:
        progress(total - done)
    return hit
