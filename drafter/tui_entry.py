"""Opens the Textual app; kept apart so the CLI does not import Textual unless needed."""
from __future__ import annotations

from pathlib import Path

import click


def run_tui(draft: Path | None) -> None:
    try:
        from drafter_tui.app import run
    except ImportError:
        click.echo("Giao diện soạn thảo chưa có trong bản cài này; hãy dùng các lệnh: drafter --help", err=True)
        raise SystemExit(2) from None
    run(draft)
