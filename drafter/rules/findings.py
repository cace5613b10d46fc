"""A finding: which rule, how much it matters, what is wrong and how to fix it, and where."""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import Problem, Severity
from ..fieldpath import FieldPath
from ..reader.model import Origin


@dataclass(frozen=True)
class Where:
    """A place in a draft (file, line, field) or in a read document (origin, section, first words)."""

    file: str | None = None
    line: int | None = None
    column: int | None = None
    field: FieldPath | None = None
    origin: Origin | None = None
    section: str | None = None  # the numbering path of the part it sits in: "II.3.b"
    excerpt: str | None = None  # the paragraph's first words

    def describe(self) -> str:
        """Vietnamese words: "dòng 12, trường «sections[1]»" or "mục II.3, đoạn «Tổ chức triển khai…» (đoạn 40)"."""
        bits = []
        if self.line is not None:
            bits.append(f"dòng {self.line}")
        if self.field:
            bits.append(f"trường «{self.field}»")
        if self.section:
            bits.append(f"mục {self.section}")
        if self.excerpt:
            bits.append(f"«{self.excerpt}»")
        if self.origin is not None and self.line is None:
            place = self.origin.describe()
            if place:
                bits.append(f"({place})" if bits else place)
        return ", ".join(bits)


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str  # what is wrong
    fix: str  # how to fix it
    where: Where

    @property
    def text(self) -> str:
        return f"{self.message}; {self.fix}" if self.fix else self.message

    def problem(self) -> Problem:
        """As the rest of drafter reports problems (``drafter validate``, the TUI's list)."""
        w = self.where
        message = self.text if w.origin is None or w.line is not None else f"{w.describe()}: {self.text}"
        return Problem(message, w.file, w.line, w.column, w.field, severity=self.severity, rule=self.rule)

    def as_dict(self) -> dict:
        w = self.where
        out = {"rule": self.rule, "severity": self.severity.value, "severity_label": self.severity.label,
               "message": self.message, "fix": self.fix, "file": w.file, "line": w.line,
               "field": str(w.field) if w.field else None, "section": w.section, "excerpt": w.excerpt,
               "where": w.describe()}
        if w.origin is not None:
            o = w.origin
            out["origin"] = {k: v for k, v in (("part", o.part), ("paragraph", o.paragraph), ("table", o.table),
                                               ("row", o.row), ("cell", o.cell), ("page", o.page)) if v is not None}
        return out
