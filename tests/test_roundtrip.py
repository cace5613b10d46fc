"""The example drafts survive a load and a save byte for byte, comments included."""
from pathlib import Path

import pytest

from drafter import yamlio
from drafter.loader import load_draft, parse_draft, save_draft

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "presets" / "examples").glob("*.yaml"))
NAMES = ["an-lac-2026.yaml", "vo-cuong-2026.yaml", "loc-hoa-2025.yaml"]


def test_the_three_examples_are_there():
    assert set(NAMES) <= {p.name for p in EXAMPLES}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_parse_and_dump_is_identity(path):
    text = path.read_text(encoding="utf-8")
    assert yamlio.dump(yamlio.parse(text, str(path))) == text


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_load_and_save_leaves_the_file_byte_identical(path, tmp_path):
    loaded = load_draft(path)
    out = tmp_path / path.name
    save_draft(loaded, out)
    assert out.read_bytes() == path.read_bytes()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_a_comment_edit_survives(path, tmp_path):
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    assert lines[0].startswith("# ")
    lines[0] = "# Ghi chú đã sửa: bản thảo dùng để thử.\n"
    edited = "".join(lines)
    out = tmp_path / path.name
    out.write_text(edited, encoding="utf-8")
    loaded = load_draft(out)
    save_draft(loaded, out)
    assert out.read_text(encoding="utf-8") == edited


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_a_value_edit_changes_only_its_line(path, tmp_path):
    text = path.read_text(encoding="utf-8")
    loaded = parse_draft(text, str(path))
    loaded.data["signer"]["name"] = "Nguyễn Văn Thử"
    out = tmp_path / path.name
    save_draft(loaded, out)
    before, after = text.splitlines(), out.read_text(encoding="utf-8").splitlines()
    assert len(before) == len(after)
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert len(changed) == 1 and changed[0][1].strip() == "name: Nguyễn Văn Thử"
    assert [x for x in after if x.lstrip().startswith("#")] == [x for x in before if x.lstrip().startswith("#")]
