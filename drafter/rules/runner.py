"""Running the rules: on a draft, on a read document, on a file; the project's settings applied."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import settings
from ..errors import DrafterError, Problem, Severity
from ..reader import ReadDocument, read_document
from .config import DEFAULT, RuleConfig, config_for
from .findings import Finding, Where
from .registry import CONTENT, DRAFT, LAYOUT, Hit, Rule, all_rules
from .structure import Doc, Line, Part, read_structure

_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.HINT: 2}


class NotAPlan(DrafterError):
    """A readable file that is no plan or decision (or has no text at all)."""


def _where(at, doc: Doc) -> Where:
    if isinstance(at, Where):
        return at
    if isinstance(at, Line):
        return at.where
    if isinstance(at, Part):
        return at.lines[0].where if at.lines else Where(file=doc.name)
    return Where(file=doc.name)


def _findings(rule: Rule, hits, doc: Doc, config: RuleConfig) -> list[Finding]:
    severity = config.severity(rule.id, rule.severity)
    return [Finding(rule.id, severity, h.message, h.fix, _where(h.at, doc)) for h in hits]


def _run(rule: Rule, fn, subject, doc: Doc, config: RuleConfig, strict: bool) -> list[Finding]:
    try:
        return _findings(rule, list(fn(subject)), doc, config)
    except Exception as exc:  # noqa: BLE001 - one broken rule never hides the others' findings
        if strict or settings.debug():
            raise
        return [Finding(rule.id, Severity.HINT, f"drafter không chạy được quy tắc này ({type(exc).__name__})",
                        "hãy báo cho người phát triển", Where(file=doc.name))]


def _sorted(found: list[Finding]) -> list[Finding]:
    def key(f: Finding):
        o = f.where.origin
        return (f.where.line or 0, (o.block if o and o.block is not None else -1) if o else -1,
                (o.paragraph or 0) if o else 0, _ORDER[f.severity], f.rule)
    return sorted(found, key=key)


def check_structure(doc: Doc, config: RuleConfig = DEFAULT, *, strict: bool = False,
                    only: set[str] | None = None) -> list[Finding]:
    """Content rules (and layout rules when the document carries Word's formatting)."""
    out: list[Finding] = []
    for rule in all_rules().values():
        if not config.enabled(rule.id) or (only is not None and rule.id not in only):
            continue
        if rule.scope == LAYOUT and not doc.formatted:
            continue
        if doc.draft is not None:
            if rule.draft_check is not None:
                out += _run(rule, rule.draft_check, doc.draft, doc, config, strict)
            elif rule.scope in (DRAFT, CONTENT):
                out += _run(rule, rule.check, doc.draft if rule.scope == DRAFT else doc, doc, config, strict)
        elif rule.scope != DRAFT:
            out += _run(rule, rule.check, doc, doc, config, strict)
    return _sorted(out)


def check_draft_findings(draft, config: RuleConfig | None = None, **kw) -> list[Finding]:
    from .from_draft import draft_structure

    if config is None:
        config = config_for(draft.src.file if draft.src and draft.src.file else None)
    return check_structure(draft_structure(draft), config, **kw)


def check_draft(draft, config: RuleConfig | None = None) -> list[Problem]:
    """The findings on a draft as problems (``drafter validate`` and the TUI's list)."""
    return [f.problem() for f in check_draft_findings(draft, config)]


def structure_of(read: ReadDocument) -> Doc:
    """The structural reading, or NotAPlan when the file is empty or no plan."""
    if not read.text.strip():
        raise NotAPlan([Problem("văn bản không có chữ nào; hãy chọn tệp kế hoạch hoặc quyết định", read.name)])
    doc = read_structure(read)
    has_kind = any(p.lines and any(ln.role == "kind" for ln in p.lines) for p in doc.parts)
    has_header = bool(doc.lines("national", "issuer", "number", "place_date"))
    numbered = sum(1 for ln in doc.lines("body") if ln.label is not None and ln.label.kind in ("roman", "article"))
    if not has_kind and not (has_header and numbered):
        raise NotAPlan([Problem("tệp không giống một kế hoạch hay quyết định: không thấy tên loại văn bản "
                                "(KẾ HOẠCH, QUYẾT ĐỊNH) dưới phần đầu có quốc hiệu, tên cơ quan; hãy chọn đúng tệp",
                                read.name)])
    return doc


def check_read(read: ReadDocument, config: RuleConfig = DEFAULT, **kw) -> tuple[Doc, list[Finding]]:
    doc = structure_of(read)
    return doc, check_structure(doc, config, **kw)


@dataclass
class FileReport:
    path: Path
    findings: list[Finding]
    kind: str  # "draft", "docx", "doc", "pdf", "text"

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)


def is_draft(path: Path) -> bool:
    return path.suffix.lower() in (".yaml", ".yml")


def check_file(path: Path, config: RuleConfig | None = None) -> FileReport:
    """Check one file: a draft (YAML) or a document (DOCX, DOC, PDF, text). Raises DrafterError on bad input."""
    config = config if config is not None else config_for(path)
    if is_draft(path):
        from .from_draft import draft_structure
        from ..loader import load_draft

        doc = draft_structure(load_draft(path).draft)
        return FileReport(path, check_structure(doc, config), "draft")
    read = read_document(path)
    _, findings = check_read(read, config)
    return FileReport(path, findings, read.kind)
