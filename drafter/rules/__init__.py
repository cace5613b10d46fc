"""``drafter check``: the rules officials' plans are checked against, as data, and running them.

Each rule is a small function with its metadata (:mod:`.registry`), in a module per family:
layout (Word formatting, from ``drafter.nd30``), header, numbering, citations, recipients,
text, draft. Public entry points:

* ``check_draft(draft) -> list[Problem]``: a draft's findings (``drafter validate``, the TUI);
* ``check_file(path, config=None) -> FileReport``: a draft, Word file, PDF or text;
* ``check_read(read_document, config) -> (Doc, findings)``; ``all_rules()``; ``config_for(path)``.
"""
from __future__ import annotations

from .config import RuleConfig, config_for, load_config
from .findings import Finding, Where
from .registry import RULES, Rule, Scope, all_rules
from .runner import (FileReport, NotAPlan, check_draft, check_draft_findings, check_file, check_read,
                     check_structure, structure_of)

__all__ = ["RuleConfig", "config_for", "load_config", "Finding", "Where", "RULES", "Rule", "Scope", "all_rules",
           "FileReport", "NotAPlan", "check_draft", "check_draft_findings", "check_file", "check_read",
           "check_structure", "structure_of"]
