import shutil
from pathlib import Path

import pytest

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "tui_draft.yaml"


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Recent drafts and recovery files go to a private folder, never the user's."""
    folder = tmp_path / "data"
    monkeypatch.setenv("DRAFTER_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def draft_file(tmp_path) -> Path:
    target = tmp_path / "ke-hoach.yaml"
    shutil.copyfile(FIXTURE, target)
    return target
