"""Every environment variable and user folder drafter reads, in one place.

| variable | what |
|---|---|
| ``DRAFTER_PRESETS`` | extra preset folders, separated by ``os.pathsep``; searched first |
| ``DRAFTER_DATA_DIR`` | the user's data folder (recent drafts, recovery files) |
| ``DRAFTER_SOFFICE`` | the LibreOffice program used for PDF conversion |
| ``DRAFTER_DEBUG`` | set to 1: a bug shows its traceback instead of a one-line message |
| ``DRAFTER_CONFIG`` | the project's rule settings (a ``drafter.toml``), instead of searching for one |

A project's rule settings (``drafter check``, ``drafter validate``, the TUI's problem list) are
read from the first ``drafter.toml``, or ``pyproject.toml`` with a ``[tool.drafter]`` table,
found in the checked file's folder or a folder above it (``PROJECT_CONFIG_FILES``).
"""
from __future__ import annotations

import os
from pathlib import Path

APP = "drafter"


def env_preset_dirs() -> list[Path]:
    """Folders named in ``DRAFTER_PRESETS``, in order."""
    return [Path(p.strip()).expanduser() for p in os.environ.get("DRAFTER_PRESETS", "").split(os.pathsep)
            if p.strip()]


def user_presets_dir() -> Path:
    """The user's own presets: ``~/.config/drafter/presets`` on Linux."""
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP)) / "presets"


def data_dir() -> Path:
    """The user's data folder (recent drafts, recovery files); ``DRAFTER_DATA_DIR`` overrides it."""
    env = os.environ.get("DRAFTER_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP, appauthor=False))


def soffice_override() -> str | None:
    """The LibreOffice program the user named in ``DRAFTER_SOFFICE``, if any."""
    return os.environ.get("DRAFTER_SOFFICE") or None


def debug() -> bool:
    return bool(os.environ.get("DRAFTER_DEBUG"))


PROJECT_CONFIG_FILES = ("drafter.toml", "pyproject.toml")  # searched in this order, folder by folder upwards


def config_override() -> Path | None:
    """The rule settings file named in ``DRAFTER_CONFIG``, if any."""
    value = os.environ.get("DRAFTER_CONFIG")
    return Path(value).expanduser() if value else None
