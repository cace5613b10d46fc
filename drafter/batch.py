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
import json
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Protocol

from .atomic import open_atomic, write_all, write_bytes
from .communes import CommuneList
from .docxpkg import Entry, ZipWriter
from .errors import DrafterError, Problem, os_problem
from .model import Commune, Draft
from .pdf import convert_pdfs, find_soffice
from .publish import documents

SUMMARY = "summary.csv"
ARCHIVE = "tat-ca.zip"
MANIFEST = ".drafter-batch.json"  # sha256 of every file drafter wrote here: tells hand edits apart

# Status words, as the summary and the final table show them.
CREATED, UPDATED, UNCHANGED, FAILED = "tạo mới", "cập nhật", "không đổi", "lỗi"


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


def make_one(job: Job, maker: DraftMaker, out: Path, known: dict[str, str], force: bool, split: bool) -> Result:
    """Derive, render and write one commune's package. Never raises."""
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
                if known.get(rel) != old_hash:
                    raise DrafterError([Problem(
                        "tệp đã có và đã bị sửa sau lần xuất trước (hoặc không do drafter tạo); "
                        "không ghi đè. Dùng --force để ghi đè, hoặc chuyển tệp đi nơi khác", str(path))])
            plan.append((rel, path, data, new_hash, UPDATED if old is not None else CREATED))
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
    _W.update(maker=maker, out=out, known=known, force=force, split=split)
    _warm(maker)


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


def run_jobs(jobs: list[Job], maker: DraftMaker, out: Path, *, known: dict[str, str], force: bool = False,
             split: bool = False, workers: int = 1, progress: Callable[[int], None] | None = None) -> list[Result]:
    """All packages, in worker processes when ``workers`` > 1. Results in job order."""
    progress = progress or (lambda n: None)
    _warm(maker)  # forked workers inherit the loaded preset and prepared templates
    if workers <= 1 or len(jobs) <= 2:
        results = []
        for j in jobs:
            results.append(make_one(j, maker, out, known, force, split))
            progress(1)
        return results
    size = max(1, min(32, len(jobs) // (workers * 8) or 1))
    by_line: dict[int, Result] = {}
    chunks = list(_chunks(jobs, size))
    try:
        with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                                 initargs=(maker, out, known, force, split)) as pool:
            futures = {pool.submit(_run_chunk, ch): ch for ch in chunks}
            for fut in as_completed(futures):
                try:
                    done = fut.result()
                except BrokenProcessPool:
                    raise
                except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be pickled
                    done = [Result(j.line, j.commune.name, j.commune.type, j.commune.province or "",
                                   j.commune.code or "", j.folder, error=_message(exc)) for j in futures[fut]]
                for r in done:
                    by_line[r.line] = r
                progress(len(done))
    except BrokenProcessPool:
        # A worker died (out of memory, killed): finish what is left here, one by one.
        for j in jobs:
            if j.line not in by_line:
                by_line[j.line] = make_one(j, maker, out, known, force, split)
                progress(1)
    return [by_line[j.line] for j in jobs]


# ---------------------------------------------------------------- summary, manifest, archive


def read_manifest(out: Path) -> dict[str, str]:
    try:
        data = json.loads((out / MANIFEST).read_text("utf-8"))
        return {str(k): str(v) for k, v in data.get("files", {}).items()}
    except (OSError, ValueError, AttributeError):
        return {}


def write_manifest(out: Path, known: dict[str, str]) -> None:
    text = json.dumps({"note": "drafter batch: sha256 của các tệp đã xuất, để biết tệp nào bị sửa tay",
                       "files": dict(sorted(known.items()))}, ensure_ascii=False, indent=1)
    write_bytes(out / MANIFEST, text.encode("utf-8"), force=True)


SUMMARY_COLUMNS = ["dong", "ten", "loai", "tinh", "ma_so", "thu_muc", "trang_thai", "tep", "sha256", "loi"]


def summary_csv(results: list[Result]) -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(SUMMARY_COLUMNS)
    for r in sorted(results, key=lambda r: r.line):
        w.writerow([r.line, r.name, r.type, r.province, r.code, r.folder, r.status,
                    "; ".join(r.files), "; ".join(h[:16] for h in r.hashes), r.error])
    return buf.getvalue().encode("utf-8-sig")  # the BOM lets Excel show the diacritics


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


def run_batch(clist: CommuneList, maker: DraftMaker, out: Path, *, workers: int = 1, force: bool = False,
              split: bool = False, pdf: bool = False, archive: bool = False,
              progress: Callable[[str, int], Callable[[int], None]] | None = None) -> Report:
    """The whole batch. ``progress(label, total)`` returns an ``advance(n)`` callback."""
    t0 = time.perf_counter()
    out = Path(out)
    prepare_out(out)
    known = read_manifest(out)
    if pdf and find_soffice() is None:
        raise DrafterError("không tìm thấy LibreOffice (soffice) để xuất PDF; hãy cài LibreOffice, "
                           "đặt biến DRAFTER_SOFFICE trỏ tới soffice, hoặc bỏ --pdf")
    bad = [Result(r.line, r.values.get("name", ""), r.values.get("type", ""), r.values.get("province", ""),
                  r.values.get("code", ""), "", FAILED, error="; ".join(r.problems)) for r in clist.bad]
    jobs = [Job(r.line, r.commune, r.overrides, r.output) for r in clist.good]
    advance = progress("Đang soạn", len(jobs)) if progress else None
    results = run_jobs(jobs, maker, out, known=known, force=force, split=split, workers=workers,
                       progress=advance)
    for r in results:
        for rel, digest in zip(r.files, r.hashes):
            known[rel] = digest
    report = Report(out, sorted(results + bad, key=lambda r: r.line), 0.0)

    if pdf:
        t1 = time.perf_counter()
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
        errors = convert_pdfs(pairs, progress=advance)
        for target, message in errors.items():
            r = owner[target]
            r.status, r.error = FAILED, message
        for r in results:  # record the PDFs (not byte-stable: only their presence matters)
            if r.ok:
                for rel in r.files:
                    if rel.endswith(".pdf") and (out / rel).is_file():
                        r.hashes.append(_sha((out / rel).read_bytes()))
        report.pdf_seconds = time.perf_counter() - t1

    write_manifest(out, known)
    write_bytes(out / SUMMARY, summary_csv(report.results), force=True)
    if archive:
        report.archive = write_archive(out, report.results)
    report.seconds = time.perf_counter() - t0
    return report
