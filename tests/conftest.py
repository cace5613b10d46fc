import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI draws the same examples every run, so a landing is judged on the code, not on a lucky draw;
# a developer's run keeps exploring new ones (and hypothesis keeps every failure it finds).
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "presets" / "examples"


@pytest.fixture
def root() -> Path:
    return ROOT
