"""What one keystroke costs the TUI's session, and what waits for the pause after typing.

A key edits the YAML and validates it at once; the content rules run once typing pauses (in a
worker); the autosave dumps the YAML every 1.5 s while there are unsaved changes. Not a timed
test: run it by hand.

    python benchmarks/tui_keystroke.py [DRAFT ...]
"""
from __future__ import annotations

import itertools
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import median_time  # noqa: E402

from drafter_tui.state import Session, Store  # noqa: E402

DRAFTS = ["presets/examples/an-lac-2026.yaml", "presets/examples/dong-nai-179-2025.yaml"]


def main() -> None:
    for name in sys.argv[1:] or DRAFTS:
        session = Session.open(Path(name), Store(Path(tempfile.mkdtemp(prefix="drafter-bench-"))))
        session.check()
        subject = str(session.data.get("subject") or "")
        letters = itertools.count()
        key = median_time(lambda: session.set(("subject",), f"{subject} {next(letters)}"), 21)
        rules = median_time(lambda: (session.touch(), session.check()), 7)
        autosave = median_time(lambda: (session.touch(), session.write_recovery()), 7)
        session.discard_recovery()
        size = Path(name).stat().st_size / 1024
        print(f"{name} ({size:.0f} KB): keystroke (edit + validation) {key * 1000:.1f} ms; "
              f"validation + content rules (what every key cost before the pause) {rules * 1000:.1f} ms; "
              f"autosave {autosave * 1000:.1f} ms")


if __name__ == "__main__":
    main()
