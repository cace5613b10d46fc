"""Where shipped files live: the templates and presets folders, in a checkout or a wheel."""
from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path


@cache
def templates_dir() -> Path:
    return Path(str(files("drafter.templates")))


@cache
def presets_dir() -> Path:
    """The shipped presets folder (package ``drafter.presetdata``; ``presets/`` in a checkout)."""
    return Path(str(files("drafter.presetdata")))


def template_path(name: str) -> Path:
    """``kehoach`` → templates/kehoach/kehoach.docx"""
    return templates_dir() / name / f"{name}.docx"
