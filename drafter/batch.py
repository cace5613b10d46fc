"""Batch: one superior plan (a preset), many communes, one package per commune.

Each commune's draft is derived from the preset, rendered with templates prepared once
per process (:class:`drafter.render.PreparedTemplate`) and written atomically into
``out/<folder>/``. Rows are independent: one that fails is reported in ``summary.csv``
and skipped, the others go on. A file whose new bytes equal the existing ones is left
alone; a file changed since drafter wrote it (edited by hand) is never overwritten
without ``force``. A package's files are written all or nothing. PDFs come from ONE
LibreOffice process for the whole batch (:mod:`drafter.pdf`).
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
import signal
import threading
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Protocol

from . import batchdir
from .atomic import open_atomic, write_all, write_bytes
from .communes import CommuneList
from .docxpkg import Entry, ZipWriter
from .errors import DrafterError, Problem, os_problem
from .model import Commune, Draft
from .pdf import convert_pdfs, find_soffice
from .publish import documents

SUMMARY = "summary.csv"
ARCHIVE = "tat-ca.zip"
MANIFEST = batchdir.MANIFEST

# Status words, as the summary and the final table show them.
CREATED, UPDATED, UNCHANGED, FAILED = "tạo mới", "cập nhật", "không đổi", "lỗi"
NOT_DONE = "chưa làm"  # the run was stopped before this row


class DraftMaker(Protocol):
    """Gives a commune's draft; must be picklable (it travels to worker processes)."""

    def __call__(self, commune: Commune, overrides: dict) -> Draft: ...


class PresetMaker:
    """Derives each commune's draft from a preset (drafter.derive), prepared once per process."""

    def __init__(self, spec: str):
        self.spec = str(spec)
        self._prepared = None

    def load(self):
        """The prepared preset (:class:`drafter.derive.PreparedPreset`)."""
        if self._prepared is None:
            from .derive import prepare
            from .presets import load_preset
            self._prepared = prepare(load_preset(self.spec))
        return self._prepared

    def __call__(self, commune: Commune, overrides: dict) -> Draft:
        from .derive import derive_model
        return derive_model(self.load(), commune, overrides or None)

    def __getstate__(self):  # a spawned worker loads the preset itself
        return {"spec": self.spec, "_prepared": None}


@dataclass
class Result:
    line: int
    name: str
    type: str
    province: str
    code: str
    folder: str
    status: str = FAILED
    files: list[str] = field(default_factory=list)  # relative to the output folder
    hashes: list[str] = field(default_factory=list)
    error: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status != FAILED


@dataclass
class Job:
    line: int
    commune: Commune
    overrides: dict
    folder: str


@dataclass
class Report:
    out: Path
    results: list[Result]
    seconds: float
    archive: Path | None = None
    pdf_seconds: float = 0.0

    @property
    def failed(self) -> list[Result]:
        return [r for r in self.results if not r.ok]

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


# ---------------------------------------------------------------- one commune


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _message(exc: BaseException) -> str:
    if isinstance(exc, DrafterError):
        return "; ".join(str(p) for p in exc.problems)
    if isinstance(exc, OSError):  # a full disk, a folder without write permission: not a bug
        return str(os_problem(exc))
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    at = f" tại {Path(where.filename).name}:{where.lineno}" if where else ""
    return f"lỗi không mong đợi ({type(exc).__name__}: {exc}{at}); hãy báo cho người phát triển"


def make_one(job: Job, maker: DraftMaker, out: Path, known: dict[str, set[str]], force: bool,
             split: bool) -> Result:
    """Derive, render and write one commune's package. Never raises.

    ``known`` holds every hash drafter wrote for each file; each new file is journaled before it
    is renamed into place, so a run killed at any point never leaves a file of its own unknown."""
    t0 = time.perf_counter()
    c = job.commune
    res = Result(job.line, c.name, c.type, c.province or "", c.code or "", job.folder)
    try:
        docs = documents(maker(c, job.overrides), split)  # everything rendered before anything is written
        plan = []
        for name, data in docs:
            rel = f"{job.folder}/{name}"
            path = out / rel
            old = path.read_bytes() if path.is_file() else None
            new_hash = _sha(data)
            if old is not None and not force:
                old_hash = _sha(old)
                if old_hash == new_hash:
                    plan.append((rel, path, None, new_hash, UNCHANGED))
                    continue
                if old_hash not in known.get(rel, ()):
                    raise DrafterError([Problem(
                        "tệp đã có và đã bị sửa sau lần xuất trước (hoặc không do drafter tạo); "
                        "không ghi đè. Dùng --force để ghi đè, hoặc chuyển tệp đi nơi khác", str(path))])
            plan.append((rel, path, data, new_hash, UPDATED if old is not None else CREATED))
        for rel, _, data, digest, _ in plan:
            if data is not None:
                batchdir.record(out, rel, digest)
        write_all([(path, data) for _, path, data, _, _ in plan if data is not None], force=True)
        for rel, _, _, digest, _ in plan:
            res.files.append(rel)
            res.hashes.append(digest)
        states = {p[4] for p in plan}
        res.status = CREATED if states == {CREATED} else UNCHANGED if states == {UNCHANGED} else UPDATED
    except Exception as exc:  # noqa: BLE001 - one bad row never stops the others
        res.status, res.error = FAILED, _message(exc)
        res.files, res.hashes = [], []
    res.seconds = time.perf_counter() - t0
    return res


# ---------------------------------------------------------------- workers

_W: dict = {}


def _init_worker(maker, out, known, force, split) -> None:
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle: it ends us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's «stop» handler, inherited by fork
    _W.update(maker=maker, out=out, known=known, force=force, split=split)
    _warm(maker)


def die_with_parent() -> None:
    """End this process when its parent ends, however it ends (killed included): on Linux the
    kernel sends SIGKILL; elsewhere a thread notices the parent is gone."""
    parent = os.getppid()
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="drafter-parent-watch").start()


def _warm(maker) -> None:
    """Load the preset and prepare both templates now, not in the first row's time."""
    from .render import prepared
    if hasattr(maker, "load"):
        try:
            maker.load()
        except Exception:  # noqa: BLE001 - the row will report it
            pass
    for name in ("kehoach", "quyetdinh"):
        prepared(name)


def _run_chunk(jobs: list[Job]) -> list[Result]:
    return [make_one(j, _W["maker"], _W["out"], _W["known"], _W["force"], _W["split"]) for j in jobs]


def _chunks(items: list, size: int) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def run_jobs(jobs: list[Job], maker: DraftMaker, out: Path, *, known: dict[str, set[str]], force: bool = False,
             split: bool = False, workers: int = 1, progress: Callable[[int], None] | None = None,
             done: Callable[[Result], None] | None = None) -> list[Result]:
    """All packages, in worker processes when ``workers`` > 1. Results in job order; ``done`` hears
    of each as it comes. An interruption (Ctrl+C, SIGTERM) ends the workers at once and goes up."""
    progress = progress or (lambda n: None)
    by_line: dict[int, Result] = {}

    def finished(results: list[Result]) -> None:
        for r in results:
            by_line[r.line] = r
            if done:
                done(r)
        progress(len(results))

    _warm(maker)  # forked workers inherit the loaded preset and prepared templates
    if workers <= 1 or len(jobs) <= 2:
        for j in jobs:
            finished([make_one(j, maker, out, known, force, split)])
        return [by_line[j.line] for j in jobs]
    size = max(1, min(32, len(jobs) // (workers * 8) or 1))
    chunks = list(_chunks(jobs, size))
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                               initargs=(maker, out, known, force, split))
    try:
        futures = {pool.submit(_run_chunk, ch): ch for ch in chunks}
        for fut in as_completed(futures):
            try:
                results = fut.result()
            except BrokenProcessPool:
                raise
            except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be pickled
                results = [Result(j.line, j.commune.name, j.commune.type, j.commune.province or "",
                                  j.commune.code or "", j.folder, error=_message(exc)) for j in futures[fut]]
            finished(results)
        pool.shutdown(wait=True)
    except BrokenProcessPool:
        _end_pool(pool)
        # A worker died (out of memory, killed): finish what is left here, one by one.
        for j in jobs:
            if j.line not in by_line:
                finished([make_one(j, maker, out, known, force, split)])
    except BaseException:
        _end_pool(pool)
        raise
    return [by_line[j.line] for j in jobs]


def _end_pool(pool: ProcessPoolExecutor) -> None:
    """Stop the workers now (a row half-written is never renamed into place), not after their chunks."""
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            proc.kill()
        except (OSError, AttributeError):
            pass
    pool.shutdown(wait=False, cancel_futures=True)


# ---------------------------------------------------------------- summary, manifest, archive


def read_manifest(out: Path) -> dict[str, set[str]]:
    """Every hash drafter wrote for each file of ``out`` (manifest and journal)."""
    return batchdir.read_known(out)


SUMMARY_COLUMNS = ["dong", "ten", "loai", "tinh", "ma_so", "thu_muc", "trang_thai", "tep", "sha256", "loi"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_cell(value) -> str:
    """A cell Excel shows as text: one starting like a formula («=cmd|…», «+SUM(1,1)», «@SUM(1)») is
    prefixed with «'», which Excel hides."""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def summary_row(r: Result) -> list:
    return [r.line] + [safe_cell(v) for v in (r.name, r.type, r.province, r.code, r.folder, r.status,
                                              "; ".join(r.files), "; ".join(h[:16] for h in r.hashes), r.error)]


def summary_csv(results: list[Result]) -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(SUMMARY_COLUMNS)
    for r in sorted(results, key=lambda r: r.line):
        w.writerow(summary_row(r))
    return buf.getvalue().encode("utf-8-sig")  # the BOM lets Excel show the diacritics


class SummaryLog:
    """summary.csv written row by row while the batch runs, so a run stopped at any point leaves
    the summary of what it did; rewritten whole, in list order, at the end. A row that cannot be
    written (a full disk) is remembered, never stops the batch."""

    def __init__(self, out: Path):
        self.path = out / SUMMARY
        self.failed: OSError | None = None
        self.fh = None
        try:
            self.fh = open(self.path, "w", encoding="utf-8-sig", newline="")
            self.writer = csv.writer(self.fh, lineterminator="\r\n")
            self._write(SUMMARY_COLUMNS)
        except OSError as exc:
            self.failed = exc

    def _write(self, row: list) -> None:
        if self.fh is None:
            return
        try:
            self.writer.writerow(row)
            self.fh.flush()
        except OSError as exc:
            self.failed = self.failed or exc

    def add(self, r: Result) -> None:
        self._write(summary_row(r))

    def close(self) -> None:
        if self.fh is not None:
            try:
                self.fh.close()
            except OSError as exc:
                self.failed = self.failed or exc
            self.fh = None


def write_archive(out: Path, results: list[Result], name: str = ARCHIVE) -> Path:
    """One deterministic zip of every package made and the summary; streamed, then renamed.

    Packages are zips already, so they are stored, not compressed again.
    """
    path = out / name
    members = [f for r in sorted(results, key=lambda r: r.folder) if r.ok for f in r.files] + [SUMMARY]
    with open_atomic(path) as fh:
        zw = ZipWriter(fh)
        for rel in members:
            zw.add(Entry(rel, (out / rel).read_bytes(), stored=not rel.endswith(".csv")))
        zw.close()
    return path


# ---------------------------------------------------------------- the whole batch


def prepare_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise DrafterError([Problem("đường dẫn ra đã là một tệp, không phải thư mục; hãy chọn thư mục khác",
                                    str(out))])
    out.mkdir(parents=True, exist_ok=True)


class BatchStopped(DrafterError):
    """The run was stopped (Ctrl+C, SIGTERM): what was done is kept and summarised."""

    exit_code = 130


def _manifest_hashes(out: Path, known: dict[str, set[str]], fresh: dict[str, str]) -> dict[str, str]:
    """One hash per file for the manifest: this run's, else the one on disk if drafter wrote it, else
    any hash drafter wrote (the file was edited by hand since: it must stay told apart)."""
    current = {}
    for rel, digests in known.items():
        if rel in fresh:
            current[rel] = fresh[rel]
        elif len(digests) == 1:
            current[rel] = next(iter(digests))
        else:
            try:
                on_disk = _sha((out / rel).read_bytes())
            except OSError:
                continue  # gone: nothing to protect
            current[rel] = on_disk if on_disk in digests else sorted(digests)[0]
    return current


def _stop_on_sigterm():
    """SIGTERM (a service manager, ``kill``) stops the batch like Ctrl+C; the previous handler back after."""
    if threading.current_thread() is not threading.main_thread():
        return None

    owner = os.getpid()

    def stop(signum, frame):
        if os.getpid() != owner:  # a worker forked before it set its own handler: end as by default
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTERM)
            return
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # once: the stop itself must not be stopped
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, stop)


def run_batch(clist: CommuneList, maker: DraftMaker, out: Path, *, workers: int = 1, force: bool = False,
              split: bool = False, pdf: bool = False, archive: bool = False,
              progress: Callable[[str, int], Callable[[int], None]] | None = None) -> Report:
    """The whole batch. ``progress(label, total)`` returns an ``advance(n)`` callback.

    One run at a time per folder (a lock); what a killed run left is cleaned first; every row is
    in summary.csv as soon as it is done; stopped (Ctrl+C, SIGTERM), it keeps what it made, writes
    the summary and the manifest, and raises :class:`BatchStopped`; the next run goes on from there.
    """
    t0 = time.perf_counter()
    out = Path(out)
    prepare_out(out)
    if pdf and find_soffice() is None:
        raise DrafterError("không tìm thấy LibreOffice (soffice) để xuất PDF; hãy cài LibreOffice, "
                           "đặt biến DRAFTER_SOFFICE trỏ tới soffice, hoặc bỏ --pdf")
    _warm(maker)  # every import done before a stop may land: an import cut by it unsettles the exit
    previous = _stop_on_sigterm()
    try:
        with batchdir.Lock(out):
            return _run_locked(clist, maker, out, t0, workers=workers, force=force, split=split, pdf=pdf,
                               archive=archive, progress=progress)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _run_locked(clist: CommuneList, maker: DraftMaker, out: Path, t0: float, *, workers: int, force: bool,
                split: bool, pdf: bool, archive: bool, progress) -> Report:
    jobs = [Job(r.line, r.commune, r.overrides, r.output) for r in clist.good]
    batchdir.clean_temps(out, {j.folder for j in jobs})
    known = read_manifest(out)
    bad = [Result(r.line, r.values.get("name", ""), r.values.get("type", ""), r.values.get("province", ""),
                  r.values.get("code", ""), "", FAILED, error="; ".join(r.problems)) for r in clist.bad]
    log = SummaryLog(out)
    for r in bad:
        log.add(r)
    results: dict[int, Result] = {}

    def done(r: Result) -> None:
        results[r.line] = r
        log.add(r)

    stopped = False
    report = Report(out, [], 0.0)
    try:
        advance = progress("Đang soạn", len(jobs)) if progress else None
        run_jobs(jobs, maker, out, known=known, force=force, split=split, workers=workers, progress=advance,
                 done=done)
        if pdf:
            t1 = time.perf_counter()
            _add_pdfs(out, [results[j.line] for j in jobs], force, workers, progress)
            report.pdf_seconds = time.perf_counter() - t1
    except KeyboardInterrupt:
        stopped = True
        batchdir.clean_temps(out, {j.folder for j in jobs})  # what the ended workers had half-written
    finally:
        log.close()
    fresh = {rel: digest for r in results.values() for rel, digest in zip(r.files, r.hashes)
             if not rel.endswith(".pdf")}
    not_done = [Result(j.line, j.commune.name, j.commune.type, j.commune.province or "", j.commune.code or "",
                       j.folder, NOT_DONE) for j in jobs if j.line not in results]
    report.results = sorted(list(results.values()) + bad + not_done, key=lambda r: r.line)
    try:
        batchdir.save_manifest(out, _manifest_hashes(out, read_manifest(out), fresh))
        write_bytes(out / SUMMARY, summary_csv(report.results), force=True)
        if archive and not stopped:
            report.archive = write_archive(out, report.results)
    except OSError as exc:
        made = sum(r.ok and r.status != NOT_DONE for r in report.results)
        where = " (summary.csv có các dòng đã làm)" if log.failed is None else ""
        raise DrafterError([Problem(
            f"không ghi được bản tổng hợp: {os_problem(exc).message}; {made} gói đã ghi xong{where}. "
            "Hãy giải phóng chỗ trống hoặc chọn thư mục khác rồi chạy lại: các gói đã xong được giữ nguyên",
            str(exc.filename or out))]) from None
    report.seconds = time.perf_counter() - t0
    if stopped:
        made = sum(r.ok and r.status != NOT_DONE for r in report.results)
        raise BatchStopped([Problem(
            f"đã dừng theo yêu cầu: {made} gói đã xong, {len(not_done)} chưa làm (xem summary.csv); "
            "chạy lại cùng lệnh để làm tiếp, các gói đã xong được giữ nguyên", str(out))])
    return report


def _add_pdfs(out: Path, results: list[Result], force: bool, workers: int, progress) -> None:
    pairs, owner = [], {}
    for r in results:
        if not r.ok:
            continue
        for rel in list(r.files):
            if not rel.endswith(".docx"):
                continue
            target = out / (rel[:-5] + ".pdf")
            if force or r.status != UNCHANGED or not target.is_file():
                pairs.append((out / rel, target))
                owner[target] = r
            r.files.append(rel[:-5] + ".pdf")
    advance = progress("Đang chuyển PDF", len(pairs)) if progress and pairs else None
    errors = convert_pdfs(pairs, progress=advance, workers=workers, work_dir=out)
    for target, message in errors.items():
        r = owner[target]
        r.status, r.error = FAILED, message
    for r in results:  # record the PDFs (not byte-stable: only their presence matters)
        if r.ok:
            for rel in r.files:
                if rel.endswith(".pdf") and (out / rel).is_file():
                    r.hashes.append(_sha((out / rel).read_bytes()))
