"""The rules as data about themselves: id, severity, one line, clause, examples, and the check.

A rule is one small function with its metadata::

    @rule("CITE-DOUBLE-SLASH", ERROR, "số, ký hiệu có hai dấu «/» liền nhau", clause=PRACTICE,
          scope=CONTENT, trigger=Text("... Chỉ thị số 23//CT-TTg ..."), passing=Text("... 23/CT-TTg ..."))
    def double_slash(doc: Doc) -> Iterator[Hit]:
        ...

``scope`` says what the function is given: the draft model (``DRAFT``), the document as a
reader reads it (``CONTENT``: drafts, Word files, PDF, text, through :mod:`.structure`), or
the document with its Word formatting (``LAYOUT``: DOCX and DOC only). ``trigger`` and
``passing`` are run by the tests: the first must be found, the second not.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Callable, Iterable

from ..errors import Severity

ERROR, WARNING, HINT = Severity.ERROR, Severity.WARNING, Severity.HINT
PRACTICE = "practice"


class Scope(StrEnum):
    DRAFT = "draft"  # the draft model: fields and lines of the YAML
    CONTENT = "content"  # the words of any document, and of a draft as it will be rendered
    LAYOUT = "layout"  # Word's formatting: DOCX and DOC


DRAFT, CONTENT, LAYOUT = Scope.DRAFT, Scope.CONTENT, Scope.LAYOUT
SCOPE_LABELS = {DRAFT: "bản thảo", CONTENT: "nội dung", LAYOUT: "thể thức"}


@dataclass(frozen=True)
class Example:
    """A document that shows a rule: plain text, a draft's YAML, or drafter's own Word file edited."""

    kind: str  # "text", "yaml", "docx"
    source: object  # the text, or the edit applied to the Word file (a function of a python-docx Document)
    note: str = ""


def Text(text: str) -> Example:  # noqa: N802 - reads as a constructor in the rule tables
    return Example("text", text)


def Yaml(text: str) -> Example:  # noqa: N802
    return Example("yaml", text)


def Docx(edit: Callable | None = None, note: str = "") -> Example:  # noqa: N802
    """drafter's own rendering of the examples' base draft, with ``edit`` applied to it."""
    return Example("docx", edit, note)


@dataclass(frozen=True)
class Hit:
    """What a check found: the message (what is wrong), the fix, and where (a Line, a Part, a Where)."""

    message: str
    fix: str = ""
    at: object = None


@dataclass
class Rule:
    id: str
    severity: Severity
    summary: str  # one line, Vietnamese
    clause: str  # the decree's clause, or "practice"
    scope: Scope
    check: Callable[[object], Iterable[Hit]]
    trigger: Example
    passing: Example
    family: str  # the module it lives in: layout, numbering, citations...
    # A content rule may read a draft's fields instead of its rendered words (to point at the field):
    draft_check: Callable[[object], Iterable[Hit]] | None = None
    draft_trigger: Example | None = None
    draft_passing: Example | None = None

    def examples(self) -> list[tuple[str, Example]]:
        """("trigger" | "passing", example) pairs, the draft form's too."""
        out = [("trigger", self.trigger), ("passing", self.passing)]
        if self.draft_trigger is not None:
            out += [("trigger", self.draft_trigger), ("passing", self.draft_passing)]
        return out


RULES: dict[str, Rule] = {}


def rule(rule_id: str, severity: Severity, summary: str, *, clause: str, scope: Scope, trigger: Example,
         passing: Example):
    """Register the decorated check under ``rule_id``."""
    def register(fn):
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} registered twice")
        RULES[rule_id] = Rule(rule_id, Severity(severity), summary, clause, Scope(scope), fn, trigger, passing,
                              fn.__module__.rsplit(".", 1)[-1])
        return fn
    return register


def draft_form(rule_id: str, *, trigger: Example, passing: Example):
    """The same rule read on a draft's model: findings point at its fields."""
    def register(fn):
        r = RULES[rule_id]
        r.draft_check, r.draft_trigger, r.draft_passing = fn, trigger, passing
        return fn
    return register


def all_rules() -> dict[str, Rule]:
    """Every rule, each family's module imported."""
    from . import families  # noqa: F401 - importing registers
    return RULES
