"""``drafter import``: a plan as it arrives (DOCX, DOC, PDF with a text layer, text) → a draft.

``read_document`` reads the file (``drafter.reader``), ``recognise`` finds its parts
(``recognise.py``: header, decision, bases, body tree, appendix tables, recipients, signer),
and the result is written as a commented YAML file whose comments say where each part came
from (paragraph, page, line) and keep, word for word, the lines drafter writes in its own
form. Nothing is dropped: what fits no part is kept as free paragraphs, with a warning.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DrafterError
from ..model import Draft, all_tasks, walk_nodes
from ..reader import ReadDocument, read_document
from ..reader.errors import UnreadableDocument
from .recognise import NotAPlan, Recognised, recognise


@dataclass
class Imported:
    """A recognised document: the draft (validated), its YAML text, and what was made of it."""

    name: str
    draft: Draft
    text: str  # the YAML file
    recognised: Recognised
    notes: list[str] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        return self.recognised.warnings + self.notes

    def summary(self) -> list[tuple[str, str]]:
        """What was recognised, in Vietnamese, one (label, value) a line."""
        d = self.draft
        nodes = [n for n in walk_nodes(d.sections) if n.title and n.body]
        tasks = list(all_tasks(d))
        header = [x for x, ok in (("số", d.number), ("ngày", d.date.day), ("địa danh", d.place_name),
                                  ("trích yếu", d.subject), ("người ký", d.signer.name)) if ok]
        free = len(self.recognised.free)
        paras = sum(len([i for i in n.items if isinstance(i, str)]) for n in walk_nodes(d.sections))
        rows = [
            ("Loại văn bản", "Quyết định ban hành Kế hoạch" if d.kind == "quyet-dinh" else "Kế hoạch"),
            ("Cơ quan ban hành", f"UBND {d.commune.full}"),
            ("Phần đầu", ", ".join(header) or "không nhận ra"),
            ("Căn cứ", f"{len(d.bases)}" + (f" (quyết định: {len(d.decision.bases)})" if d.decision else "")),
            ("Mục, tiểu mục", str(len(nodes))),
            ("Nhiệm vụ có phân công", f"{len(tasks)} ({sum(1 for t in tasks if t.lead)} có đơn vị chủ trì)"),
            ("Đơn vị", str(len(d.units))),
            ("Hàng phụ lục", str(sum(len(a.rows) for a in d.appendices) + sum(1 for t in tasks if t.appendix))),
            ("Nơi nhận", str(len(d.recipients))),
            ("Đoạn văn", f"{paras} ({free} đoạn không nhận ra, giữ nguyên)"),
        ]
        return rows


def import_document(doc: ReadDocument, *, source_name: str | None = None) -> Imported:
    from .output import build
    try:
        rec = recognise(doc)
    except NotAPlan:
        raise UnreadableDocument(doc.name, "không phải một kế hoạch hay quyết định ban hành kế hoạch: không thấy "
                                           "tiêu đề «KẾ HOẠCH» hoặc «QUYẾT ĐỊNH»") from None
    return build(rec, source_name or doc.name)


def import_file(path: str | Path) -> Imported:
    """Read and recognise one file; ``UnreadableDocument`` (a ``DrafterError``) when it cannot be."""
    doc = read_document(path)
    return import_document(doc, source_name=Path(path).name)


__all__ = ["Imported", "import_document", "import_file", "DrafterError"]
