"""Time from launching the TUI to its first screen drawn (aim: under 1 s).

Each run starts a fresh Python process (imports included, as a user launching
``drafter`` pays them), runs the app headless and stops it right after the start
screen's first refresh. Not a timed test: run it by hand.

    python benchmarks/tui_startup.py [--runs 7] [--draft tests/fixtures/tui_draft.yaml]
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

CHILD = r"""
import sys, time
t0 = float(sys.argv[1])
draft = sys.argv[2] or None
from drafter_tui.app import DrafterApp

class Bench(DrafterApp):
    def on_ready(self):  # sent once the first screen has been drawn
        self.call_after_refresh(self._done)

    def _done(self):
        print(f"{time.time() - t0:.4f}", flush=True)
        self.exit()

Bench(draft, pdf=False, autosave_seconds=0, check_recovery=False).run(headless=True)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--draft", default="", help="open this draft (editor screen) instead of the start screen")
    args = parser.parse_args()
    env = dict(os.environ, DRAFTER_DATA_DIR=tempfile.mkdtemp(prefix="drafter-bench-"))
    times, cpu = [], []
    for _ in range(args.runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.time()
        out = subprocess.run([sys.executable, "-c", CHILD, repr(start), args.draft], env=env,
                             capture_output=True, text=True, check=True)
        times.append(float(out.stdout.strip().splitlines()[-1]))
        after = resource.getrusage(resource.RUSAGE_CHILDREN)  # CPU time: what a busy machine cannot hide
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    what = f"editor with {args.draft}" if args.draft else "start screen"
    print(f"launch → first screen ({what}), {args.runs} runs: "
          f"median {statistics.median(times):.3f} s, min {min(times):.3f} s, max {max(times):.3f} s; "
          f"CPU median {statistics.median(cpu):.3f} s; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
