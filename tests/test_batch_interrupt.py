"""Batches stopped at any point: killed (SIGKILL), stopped (SIGTERM), out of disk, read-only, two at once.

Every file is complete and recorded, or absent; workers end with their parent; the next run,
even after the preset changed, finishes with exit 0 and no false «edited by hand»."""
from __future__ import annotations

import csv
import errno
import hashlib
import io
import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter import batch as B
from drafter import batchdir
from drafter.cli import main
from drafter.communes import load_communes

ROOT = Path(__file__).resolve().parent.parent
PRESET = ROOT / "tests" / "fixtures" / "batch" / "preset.yaml"


def start(preset: Path, out: Path, limit: int = 150, jobs: int = 2) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "drafter.cli", "batch", "--preset", str(preset), "--communes",
                             "ca-nuoc", "--limit", str(limit), "-o", str(out), "-j", str(jobs)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=str(ROOT))


def processes_naming(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if text in (entry / "cmdline").read_bytes().decode("utf-8", "replace"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def assert_consistent(out: Path) -> None:
    """Every document there is a whole zip whose bytes drafter recorded; no temporary file is a document."""
    known = batchdir.read_known(out)
    for docx in out.rglob("*.docx"):
        rel = docx.relative_to(out).as_posix()
        data = docx.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            assert zf.testzip() is None, rel
        assert hashlib.sha256(data).hexdigest() in known.get(rel, ()), f"{rel} not recorded"


def summary(out: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO((out / "summary.csv").read_text("utf-8-sig"))))


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc")
def test_killed_at_random_points_then_rerun_with_a_changed_preset(tmp_path):
    out = tmp_path / "out"
    rng = random.Random(9)
    for delay in (rng.uniform(1.0, 2.0), rng.uniform(2.0, 3.5)):
        proc = start(PRESET, out)
        time.sleep(delay)
        proc.kill()
        proc.wait()
        deadline = time.monotonic() + 5
        while processes_naming(str(out)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert processes_naming(str(out)) == [], "workers outlived their parent"
        if out.exists():
            assert_consistent(out)
    changed = tmp_path / "preset.yaml"
    changed.write_text(PRESET.read_text("utf-8").replace("\nsubject: ", "\nsubject: Tiếp tục "), "utf-8")
    proc = start(changed, out)
    _, err = proc.communicate(timeout=240)
    assert proc.returncode == 0, err.decode("utf-8", "replace")
    rows = summary(out)
    assert len(rows) == 150 and all(r["trang_thai"] in (B.CREATED, B.UPDATED) for r in rows)
    assert_consistent(out)
    assert not list(out.rglob("*.tmp")) and not (out / batchdir.LOCK).exists()
    assert not (out / batchdir.JOURNAL).exists()  # folded into the manifest


def test_sigterm_keeps_what_was_done_and_says_so(tmp_path):
    out = tmp_path / "out"
    proc = start(PRESET, out, limit=600)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (out / "summary.csv").exists():
        time.sleep(0.05)
    time.sleep(0.8)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    message = err.decode("utf-8")
    if proc.returncode == 0:  # finished before the signal: nothing to check
        return
    assert proc.returncode == 130 and "đã dừng" in message and "chạy lại" in message, message
    rows = summary(out)
    assert len(rows) == 600
    done = [r for r in rows if r["trang_thai"] == B.CREATED]
    assert all((out / r["thu_muc"] / "ke-hoach.docx").is_file() for r in done)
    assert_consistent(out)
    assert not list(out.rglob("*.tmp")) and not (out / batchdir.LOCK).exists()


def test_summary_written_row_by_row(tmp_path, monkeypatch):
    """Each row is in summary.csv as soon as it is done, before the batch ends."""
    seen = []
    real = B.make_one

    def spy(job, *args):
        text = (tmp_path / "out" / "summary.csv").read_text("utf-8-sig")
        seen.append(len(text.strip().splitlines()))
        return real(job, *args)

    monkeypatch.setattr(B, "make_one", spy)
    clist = load_communes("bac-ninh", None, 4)
    B.run_batch(clist, B.PresetMaker(str(PRESET)), tmp_path / "out")
    assert seen == [1, 2, 3, 4]


def test_a_second_run_in_the_same_folder_is_refused(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        (out / batchdir.LOCK).write_text(str(holder.pid))
        result = CliRunner().invoke(main, ["batch", "--preset", str(PRESET), "--communes", "bac-ninh", "--limit",
                                           "2", "-o", str(out)])
        assert result.exit_code == 2 and "đang ghi vào thư mục này" in result.output
    finally:
        holder.kill()
        holder.wait()
    # the holder is gone: its lock is stale, taken over
    result = CliRunner().invoke(main, ["batch", "--preset", str(PRESET), "--communes", "bac-ninh", "--limit", "2",
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output


def test_full_disk_every_row_reported_and_summary_kept(tmp_path, monkeypatch):
    """Out of space after two packages: those two are kept, the others fail with the reason, and
    summary.csv (opened before the disk filled) lists every row."""
    from drafter import atomic

    real = atomic.write_all
    calls = []

    def full(files, **kw):
        calls.append(1)
        if len(calls) > 2:
            raise OSError(errno.ENOSPC, "No space left on device", str(files[0][0]))
        return real(files, **kw)

    monkeypatch.setattr(B, "write_all", full)
    result = CliRunner().invoke(main, ["batch", "--preset", str(PRESET), "--communes", "bac-ninh", "--limit", "5",
                                       "-o", str(tmp_path / "out"), "-j", "1"])
    assert result.exit_code == 1, result.output
    rows = summary(tmp_path / "out")
    assert [r["trang_thai"] for r in rows] == [B.CREATED] * 2 + [B.FAILED] * 3
    assert all("hết chỗ" in r["loi"] for r in rows[2:])
    assert_consistent(tmp_path / "out")


def test_read_only_output_is_a_clear_message(tmp_path, monkeypatch):
    """A read-only disk (or folder) is found before anything is rendered, and said in Vietnamese."""
    out = tmp_path / "out"
    out.mkdir()
    real = os.open

    def read_only(path, flags, *args):
        if str(path).endswith(batchdir.LOCK):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real(path, flags, *args)

    monkeypatch.setattr(batchdir.os, "open", read_only)
    result = CliRunner().invoke(main, ["batch", "--preset", str(PRESET), "--communes", "bac-ninh", "--limit",
                                       "2", "-o", str(out)])
    assert result.exit_code == 2 and "chỉ cho đọc" in result.output and str(out) in result.output
    assert list(out.iterdir()) == []


def test_temp_files_of_a_killed_run_are_removed_and_nothing_else(tmp_path):
    out = tmp_path / "out"
    (out / "an-lac").mkdir(parents=True)
    left = out / "an-lac" / ".ke-hoach.docx.ab12cd34.tmp"
    left.write_bytes(b"half")
    mine = out / "an-lac" / "ghi-chu.tmp"  # the user's own file: kept
    mine.write_bytes(b"x")
    (out / ".drafter-tmp-abc123" / "in").mkdir(parents=True)
    assert batchdir.clean_temps(out, ["an-lac"]) == 2
    assert not left.exists() and mine.exists() and not (out / ".drafter-tmp-abc123").exists()
