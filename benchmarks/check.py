"""How fast drafter check is: ``python benchmarks/check.py [-n 5] [--packages 100]``.

1. One plan of about 60 KB typed as offices type it (tests/office_docs.py, Đồng Nai: 69 KB): the median
   time of read + check, per variant. Target: under 0.5 s.
2. A folder of N packages written by ``drafter batch`` (decision + plan + appendix in one DOCX each):
   ``drafter check FOLDER`` end to end, in a subprocess. Target: 100 packages under 20 s.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import office_docs as od  # noqa: E402
from drafter.reader import read_bytes  # noqa: E402
from drafter.rules import check_read  # noqa: E402


def one_plan(n: int) -> None:
    for variant in ("typed", "auto"):
        data = od.build_docx("dong-nai", **od.VARIANTS[variant])
        check_read(read_bytes(data, "warm.docx"))
        times = []
        for _ in range(n):
            start = time.perf_counter()
            check_read(read_bytes(data, "dong-nai.docx"))
            times.append(time.perf_counter() - start)
        print(f"một kế hoạch {len(data) // 1024} KB ({variant}): {statistics.median(times):.3f} s (trung vị {n} lần)")


def folder(packages: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        subprocess.run([sys.executable, "-m", "drafter.cli", "batch", "--preset", "bac-ninh-cchc-2026", "--communes",
                        "bac-ninh", "--limit", str(packages), "-o", str(out)], check=True, capture_output=True)
        files = list(out.rglob("*.docx"))
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "drafter.cli", "check", str(out)], capture_output=True)
        seconds = time.perf_counter() - start
        print(f"thư mục {packages} gói ({len(files)} tệp DOCX): {seconds:.1f} s, mã thoát {done.returncode}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=5)
    ap.add_argument("--packages", type=int, default=100)
    args = ap.parse_args()
    one_plan(args.n)
    folder(args.packages)


if __name__ == "__main__":
    main()
