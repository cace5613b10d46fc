"""PDF conversion in chunks: a LibreOffice that stops converting after N files (7.4 stops after ~245
while exiting 0), one that fails once, one converter per worker, temp files inside the output."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter import pdf
from drafter.cli import main

PRESET = str(Path(__file__).parent / "fixtures" / "batch" / "preset.yaml")

# Converts at most LIMIT documents per process (then quietly stops, exit 0, like LibreOffice 7.4);
# the input named FLAKY fails the first time (a marker file remembers it).
FAKE = """#!{python}
import os, pathlib, sys, time
log = pathlib.Path({log!r})
args = sys.argv[1:]
outdir = pathlib.Path(args[args.index("--outdir") + 1])
docs = [a for a in args if a.endswith(".docx")]
with open(log, "a") as fh:
    fh.write(f"{{os.getpid()}} {{len(docs)}} {{os.getcwd()}}\\n")
for n, a in enumerate(docs):
    if n >= {limit}:
        break
    seen = pathlib.Path({seen!r})
    if {flaky!r} and a == {flaky!r} and not seen.exists():
        seen.write_text("x")
        continue
    (outdir / (pathlib.Path(a).stem + ".pdf")).write_bytes(b"%PDF-1.4 fake")
"""


def fake(tmp_path: Path, monkeypatch, limit: int = 245, flaky: str = "") -> Path:
    log = tmp_path / "calls.log"
    script = tmp_path / "soffice"
    script.write_text(FAKE.format(python=sys.executable, log=str(log), limit=limit, flaky=flaky,
                                  seen=str(tmp_path / "seen")))
    script.chmod(0o755)
    monkeypatch.setenv("DRAFTER_SOFFICE", str(script))
    return log


def batch(out: Path, limit: int, jobs: int = 1) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["batch", "--preset", PRESET, "--communes", "ca-nuoc", "--limit", str(limit),
                                       "-o", str(out), "--pdf", "-j", str(jobs)])
    return result.exit_code, result.output


def test_300_communes_300_pdfs_with_a_converter_that_tires(tmp_path, monkeypatch):
    """The issue's batch: 300 communes, LibreOffice stops after 245 files; every PDF is made."""
    log = fake(tmp_path, monkeypatch, limit=245)
    out = tmp_path / "out"
    code, output = batch(out, 300, jobs=2)
    assert code == 0, output
    assert len(list(out.rglob("ke-hoach.pdf"))) == 300
    calls = [line.split() for line in log.read_text().splitlines()]
    assert all(int(n) <= pdf.CHUNK for _, n, _ in calls) and sum(int(n) for _, n, _ in calls) == 300
    assert all(Path(cwd).is_relative_to(out) for _, _, cwd in calls)  # working copies inside -o
    assert not [p for p in out.iterdir() if p.name.startswith(pdf.TEMP_PREFIX)]  # and removed


def test_one_converter_per_worker(tmp_path, monkeypatch):
    log = fake(tmp_path, monkeypatch)
    code, output = batch(tmp_path / "out", 2 * pdf.MIN_PER_CONVERTER, jobs=2)
    assert code == 0, output
    counts = sorted(int(line.split()[1]) for line in log.read_text().splitlines())
    assert counts == [pdf.MIN_PER_CONVERTER, pdf.MIN_PER_CONVERTER]


def test_a_failure_is_retried_once_in_a_fresh_process(tmp_path, monkeypatch):
    log = fake(tmp_path, monkeypatch, flaky="00003.docx")  # the fourth document fails once
    code, output = batch(tmp_path / "out", 12)
    assert code == 0, output
    assert len(list((tmp_path / "out").rglob("ke-hoach.pdf"))) == 12
    assert len(log.read_text().splitlines()) == 2  # the chunk, then the retry of the one that failed


def test_what_still_fails_is_named_and_the_rest_kept(tmp_path, monkeypatch):
    fake(tmp_path, monkeypatch, limit=3)  # every process converts only 3
    monkeypatch.setattr(pdf, "CHUNK", 4)
    code, output = batch(tmp_path / "out", 8)
    # chunks of 4 make 3 each; the 2 left over are retried together in one process and made
    assert code == 0, output
    assert len(list((tmp_path / "out").rglob("ke-hoach.pdf"))) == 8


@pytest.mark.slow
@pytest.mark.skipif(pdf.find_soffice() is None or os.environ.get("DRAFTER_SOFFICE") or
                    not os.environ.get("DRAFTER_SLOW_TESTS"), reason="real LibreOffice, minutes: DRAFTER_SLOW_TESTS=1")
def test_real_libreoffice_300_pdfs(tmp_path):
    out = tmp_path / "out"
    code, output = batch(out, 300, jobs=2)
    assert code == 0, output
    pdfs = list(out.rglob("ke-hoach.pdf"))
    assert len(pdfs) == 300 and all(p.read_bytes().startswith(b"%PDF") for p in pdfs)


HANGING = """#!{python}
import time
time.sleep(60)
"""


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc")
def test_a_killed_batch_leaves_no_libreoffice_and_no_copies(tmp_path, monkeypatch):
    """SIGKILL during the PDF phase: the converter ends with drafter, its working copies are inside -o."""
    import signal
    import subprocess
    import time

    from test_batch_interrupt import processes_naming

    script = tmp_path / "soffice-hangs"
    script.write_text(HANGING.format(python=sys.executable))
    script.chmod(0o755)
    out = tmp_path / "out"
    env = dict(os.environ, DRAFTER_SOFFICE=str(script), PYTHONPATH=str(Path(__file__).parent.parent))
    proc = subprocess.Popen([sys.executable, "-m", "drafter.cli", "batch", "--preset", PRESET, "--communes",
                             "bac-ninh", "--limit", "3", "-o", str(out), "--pdf", "-j", "1"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not processes_naming(str(script)):
        time.sleep(0.1)
    assert processes_naming(str(script)), "the converter never started"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 5
    while processes_naming(str(script)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert processes_naming(str(script)) == []
    # its working copies were inside -o: the next run removes them, nothing was left elsewhere
    left = [p for p in out.iterdir() if p.name.startswith(pdf.TEMP_PREFIX)]
    assert left
    from drafter.batchdir import clean_temps
    clean_temps(out, [])
    assert not [p for p in out.iterdir() if p.name.startswith(pdf.TEMP_PREFIX)]
