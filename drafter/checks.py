"""Content checks on a draft: what officials get wrong and a schema cannot see.

The rules live in :mod:`drafter.rules` (one small function each, with its id, severity,
clause and examples); this is the entry point ``drafter validate`` and the TUI's problem
list call. Each finding is a :class:`Problem` with the rule id, the field path (for the TUI
to jump to) and the line the element came from; the project's ``drafter.toml`` applies.
"""
from __future__ import annotations

from .errors import Problem
from .model import Draft


def check_draft(draft: Draft, *, hints: bool = False) -> list[Problem]:
    """Errors and warnings (and hints when asked): the editor's list stays on what must be fixed;
    ``drafter check`` shows the hints too."""
    from .errors import Severity
    from .rules import check_draft as run

    return [p for p in run(draft) if hints or p.severity is not Severity.HINT]
