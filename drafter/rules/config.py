"""A project's rule settings: switch a rule off or change its severity.

``drafter.toml`` (or ``[tool.drafter.rules]`` in ``pyproject.toml``)::

    [rules]
    ABBREV-FIRST-USE = "off"      # or "tắt"
    CITE-ORDER = "lỗi"            # or "error", "cảnh báo"/"warning", "gợi ý"/"hint"

The file is found from the checked file's folder upwards (``drafter.settings``); a wrong
rule id or value is a located Vietnamese error, never silently ignored.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .. import settings
from ..errors import DraftError, Problem, Severity
from ..text import fold

OFF_WORDS = ("off", "tat")
SEVERITY_WORDS = {"error": Severity.ERROR, "loi": Severity.ERROR, "warning": Severity.WARNING,
                  "canh bao": Severity.WARNING, "hint": Severity.HINT, "goi y": Severity.HINT}


@dataclass(frozen=True)
class RuleConfig:
    off: frozenset[str] = frozenset()
    severities: dict[str, Severity] = field(default_factory=dict)
    source: Path | None = None

    def enabled(self, rule_id: str) -> bool:
        return rule_id not in self.off

    def severity(self, rule_id: str, default: Severity) -> Severity:
        return self.severities.get(rule_id, default)


DEFAULT = RuleConfig()


def _line_of(text: str, key: str) -> int | None:
    for n, line in enumerate(text.splitlines(), start=1):
        if line.strip().strip('"\'').startswith(key):
            return n
    return None


def parse_config(text: str, path: Path) -> RuleConfig:
    """The settings in a ``drafter.toml`` or ``pyproject.toml`` (its ``[tool.drafter]``)."""
    from .registry import all_rules

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DraftError([Problem(f"tệp cấu hình không đúng cú pháp TOML ({exc}); hãy sửa lại", str(path))]) \
            from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("drafter", {})
    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        raise DraftError([Problem("«rules» cần là một bảng: mỗi dòng «MÃ-QUY-TẮC = \"off\"» hoặc một mức",
                                  str(path), _line_of(text, "rules"))])
    known = all_rules()
    off, severities = set(), {}
    for key, value in rules.items():
        line = _line_of(text, key)
        rule_id = str(key).upper()
        if rule_id not in known:
            raise DraftError([Problem(f"không có quy tắc «{key}»; xem danh sách bằng «drafter check --rules»",
                                      str(path), line)])
        word = fold(str(value)).strip() if isinstance(value, str) else ""
        if value is False or word in OFF_WORDS:
            off.add(rule_id)
        elif word in SEVERITY_WORDS:
            severities[rule_id] = SEVERITY_WORDS[word]
        else:
            raise DraftError([Problem(f"giá trị «{value}» của «{key}» không hợp lệ; hãy ghi \"off\" (tắt), "
                                      "\"lỗi\", \"cảnh báo\" hoặc \"gợi ý\"", str(path), line)])
    return RuleConfig(frozenset(off), severities, path)


def find_config(start: Path) -> Path | None:
    """The first settings file from ``start`` (a file or folder) upwards; ``DRAFTER_CONFIG`` wins."""
    override = settings.config_override()
    if override is not None:
        return override
    folder = start if start.is_dir() else start.parent
    for here in [folder.resolve(), *folder.resolve().parents]:
        for name in settings.PROJECT_CONFIG_FILES:
            candidate = here / name
            if candidate.is_file() and (name != "pyproject.toml" or "[tool.drafter" in _read(candidate)):
                return candidate
    return None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DraftError([Problem(f"không đọc được tệp cấu hình ({exc})", str(path))]) from None


@lru_cache(maxsize=64)
def _load(path: Path, mtime: float) -> RuleConfig:
    return parse_config(_read(path), path)


def load_config(path: Path) -> RuleConfig:
    try:
        mtime = path.stat().st_mtime
    except OSError:
        raise DraftError([Problem("không tìm thấy tệp cấu hình", str(path))]) from None
    return _load(path, mtime)


def config_for(checked: str | Path | None) -> RuleConfig:
    """The settings that apply to a checked file (the defaults when there is none)."""
    start = Path(checked) if checked else Path.cwd()
    found = find_config(start)
    return load_config(found) if found else DEFAULT
