from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "presets" / "examples"


@pytest.fixture
def root() -> Path:
    return ROOT
