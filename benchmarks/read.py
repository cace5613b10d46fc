"""How fast the reader reads what offices send: ``python benchmarks/read.py [-n 5]``.

Builds the shared examples as Word files (tests/office_docs.py), converts the typed ones to PDF
with LibreOffice, then reads each form N times and prints the median: DOCX size and time,
PDF pages and time, and the time per PDF page. Targets: a 60 KB DOCX well under 1 s, a
15-page PDF under 3 s.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import office_docs as od  # noqa: E402
from timing import median_time  # noqa: E402
from drafter.reader import read_bytes, read_document  # noqa: E402



def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=5)
    ap.add_argument("--no-pdf", action="store_true")
    args = ap.parse_args()
    print(f"{'tệp':<28}{'cỡ':>8}{'trang':>7}{'thời gian':>12}")
    for name in od.NAMES:
        for variant in ("typed", "auto"):
            data = od.build_docx(name, **od.VARIANTS[variant])
            t = median_time(lambda: read_bytes(data, name), args.n)
            print(f"{name + '-' + variant + '.docx':<28}{len(data) // 1024:>6}KB{'':>7}{t * 1000:>10.0f}ms")
    if args.no_pdf:
        return
    with tempfile.TemporaryDirectory() as tmp:
        pdfs = od.build_pdfs(Path(tmp), od.NAMES)
        for name, pdf in pdfs.items():
            doc = read_document(pdf)
            pages = max(p for s in doc.sections for p in s.pages)
            t = median_time(lambda: read_document(pdf), max(1, args.n // 2))
            print(f"{name + '.pdf':<28}{pdf.stat().st_size // 1024:>6}KB{pages:>7}{t * 1000:>10.0f}ms"
                  f"   {t / pages * 1000:.0f} ms/trang, 15 trang ≈ {t / pages * 15:.1f} s")


if __name__ == "__main__":
    main()
