"""Batch benchmark (run by hand, not in CI).

1. The same N communes rendered the plain docxtpl way (a new DocxTemplate, render, save
   per document) and with drafter's batch on one core; the documents' text is checked
   to be identical; documents per second for both, and the ratio.
2. The whole country (3,321 communes) with all cores: wall time and peak memory
   (resource.getrusage of the process and of its worker processes).

    python3 benchmarks/batch.py                 # N=200, then the whole country
    python3 benchmarks/batch.py -n 50 --no-country
    python3 benchmarks/batch.py --preset bac-ninh-cchc-2026

Targets on a 2-core machine: ≥10× the plain way on one core (< 4 ms per document),
the whole country < 30 s, peak memory < 500 MB.
"""
from __future__ import annotations

import argparse
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter.batch import PresetMaker, run_batch  # noqa: E402
from drafter.communes import load_communes  # noqa: E402
from drafter.context import build_context  # noqa: E402
from drafter.presets import find_preset, load_preset  # noqa: E402
from drafter.render import render_context, render_plain  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FALLBACK_PRESET = ROOT / "tests" / "fixtures" / "batch" / "preset.yaml"


def default_preset() -> str:
    try:
        find_preset("bac-ninh-cchc-2026")
        return "bac-ninh-cchc-2026"
    except Exception:  # noqa: BLE001 - not shipped yet
        return str(FALLBACK_PRESET)


def paragraphs(data: bytes) -> list[str]:
    """Every paragraph's text (tabs and breaks included), body and tables, in order."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    out = []
    for p in root.iter(W + "p"):
        text = []
        for el in p.iter(W + "t", W + "tab", W + "br"):
            text.append(el.text or "" if el.tag == W + "t" else ("\t" if el.tag == W + "tab" else "\n"))
        out.append("".join(text))
    return out


def mb(kb: int) -> float:
    return kb / 1024  # ru_maxrss is in KiB on Linux


def one_core(preset: str, n: int, communes: str) -> None:
    clist = load_communes(communes, limit=n)
    rows = clist.good
    maker = PresetMaker(preset)
    maker.load()
    print(f"Preset: {preset}; {len(rows)} communes from «{communes}»")
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        tmp = Path(tmp)
        # The plain docxtpl way: derive, then a new DocxTemplate, render, save per document.
        render_plain(build_context(maker(rows[0].commune, rows[0].overrides)))  # warm imports
        plain: dict[str, bytes] = {}
        t0 = time.perf_counter()
        for r in rows:
            data = render_plain(build_context(maker(r.commune, r.overrides)))
            (tmp / "plain").mkdir(exist_ok=True)
            (tmp / "plain" / f"{r.output}.docx").write_bytes(data)
            plain[r.output] = data
        t_plain = time.perf_counter() - t0

        # drafter's batch, one worker: derive, render with prepared templates, atomic write, summary.
        t0, c0 = time.perf_counter(), time.process_time()
        report = run_batch(clist, maker, tmp / "fast", workers=1)
        t_fast, c_fast = time.perf_counter() - t0, time.process_time() - c0
        assert not report.failed, [r.error for r in report.failed][:3]

        same = sum(paragraphs(plain[r.output]) == paragraphs((tmp / "fast" / r.output / "ke-hoach.docx").read_bytes())
                   for r in rows)
        # The rendering stage alone, on the same contexts: a new DocxTemplate per document
        # against the template prepared once.
        contexts = [build_context(maker(r.commune, r.overrides)) for r in rows]
        t0 = time.perf_counter()
        for c in contexts:
            render_plain(c)
        r_plain = time.perf_counter() - t0
        t0 = time.perf_counter()
        for c in contexts:
            render_context(c)
        r_fast = time.perf_counter() - t0
    k = len(rows)
    print("  rendering only (context → DOCX bytes):")
    print(f"    plain docxtpl   : {k / r_plain:8.1f} documents/s ({r_plain / k * 1000:6.2f} ms per document)")
    print(f"    prepared        : {k / r_fast:8.1f} documents/s ({r_fast / k * 1000:6.2f} ms per document)")
    print(f"    ratio           : {r_plain / r_fast:8.1f}×")
    print("  whole pipeline (derive, validate, render, write; batch also fsyncs, hashes, writes summary):")
    print(f"  plain docxtpl : {k / t_plain:8.1f} documents/s ({t_plain / k * 1000:6.2f} ms per document)")
    print(f"  drafter batch : {k / t_fast:8.1f} documents/s ({t_fast / k * 1000:6.2f} ms per document), 1 core")
    # CPU time leaves out waiting for the disk (fsync) and for other processes: the steadier
    # figure on a shared machine when comparing two versions of the code.
    print(f"  batch CPU time: {c_fast / k * 1000:6.2f} ms per document")
    print(f"  ratio         : {t_plain / t_fast:8.1f}×")
    print(f"  same text     : {same}/{k} documents")
    if same != k:
        sys.exit("texts differ")


def country(preset: str, jobs: int, communes: str) -> None:
    """Runs in its own process so that memory figures are its alone."""
    clist = load_communes(communes)
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        t0 = time.perf_counter()
        report = run_batch(clist, PresetMaker(preset), Path(tmp) / "out", workers=jobs)
        wall = time.perf_counter() - t0
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    made = len(report.results) - len(report.failed)
    print(f"  whole country : {made} packages made, {len(report.failed)} failed, {jobs} workers")
    print(f"  wall time     : {wall:.1f} s ({made / wall:.0f} documents/s)")
    print(f"  peak memory   : main {mb(me):.0f} MB + largest worker {mb(kids):.0f} MB "
          f"= {mb(me + kids):.0f} MB (self+children); all {jobs} workers at once ≤ {mb(me + jobs * kids):.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--preset", default=None)
    ap.add_argument("-n", type=int, default=200, help="communes for the one-core comparison")
    ap.add_argument("--communes", default="ca-nuoc")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--no-country", action="store_true")
    ap.add_argument("--country-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    preset = args.preset or default_preset()
    load_preset(preset)
    if args.country_only:
        country(preset, args.jobs, args.communes)
        return
    print(f"Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    one_core(preset, args.n, args.communes)
    if not args.no_country:
        subprocess.run([sys.executable, __file__, "--country-only", "--preset", preset,
                        "--jobs", str(args.jobs), "--communes", args.communes], check=True)


if __name__ == "__main__":
    main()
