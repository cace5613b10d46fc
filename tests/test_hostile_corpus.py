"""The hostile corpus (tests/hostile/make_corpus.py) through drafter's commands: each case ends
in bounded time with its exit code and a located Vietnamese message, never a traceback, and writes
nothing but what it may."""
import os
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent / "hostile"))
from make_corpus import cases, write  # noqa: E402

from drafter.cli import main  # noqa: E402

CASES = cases()


def tree(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*")}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_case(case, tmp_path, monkeypatch):
    folder = tmp_path / "case"
    write(case, folder)
    monkeypatch.chdir(folder)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("DRAFTER_DATA_DIR", str(tmp_path / "data"))
    args = [a.replace("{d}", str(folder)) for a in case.args]
    env = {k: v.replace("{d}", str(folder)) for k, v in case.env.items()}
    before = tree(folder)
    t0 = time.process_time()
    result = CliRunner().invoke(main, args, env=env)
    seconds = time.process_time() - t0
    output = result.output
    assert result.exit_code == case.code, output
    assert "Traceback" not in output and "không mong đợi" not in output, output
    for words in case.words:
        assert words in output, (words, output)
    assert seconds < case.seconds, seconds
    after = tree(folder)
    changed = {p for p in after if before.get(p) != after[p]}
    allowed = {p for p in changed if any(p == w or p.startswith(w + os.sep) for w in case.writes)}
    assert changed == allowed, sorted(changed - allowed)
    assert not (tmp_path / "config").exists() and not (tmp_path / "data").exists()
    if case.check:
        case.check(folder, output)


def test_corpus_covers_the_issue():
    names = {c.name for c in CASES}
    for needed in ("draft-alias-bomb", "draft-deep-nesting", "preset-folder-bombs", "xlsx-stale-dimension",
                   "xlsx-whitespace-bomb", "xlsx-entity", "csv-colliding-names", "csv-windows-names",
                   "csv-formula-names", "width-nan", "columns-empty", "key-str", "escape-round-trip",
                   "csv-rename-unknown-placeholder", "draft-too-big"):
        assert needed in names, needed
