"""The smallest drafts that show one rule of a signed document, for the behaviour tests.

``draft(**fields)`` starts from a plan with nothing in it but what the model requires and
lays the given fields on top, so each test says only what its rule depends on.
"""
from __future__ import annotations

from functools import cache

from drafter.context import build_context
from drafter.loader import validate_plain
from drafter.model import Draft
from drafter.outline import plan_blocks

COMMUNE_TYPES = ["xã", "phường", "đặc khu"]
KINDS = ["ke-hoach", "quyet-dinh"]

UNITS = [
    {"id": "vhxh", "name": "Phòng Văn hóa - Xã hội", "short": "VHXH", "role": "standing"},
    {"id": "vp", "name": "Văn phòng HĐND và UBND", "short": "VP", "role": "office"},
    {"id": "kt", "name": "Phòng Kinh tế", "short": "KT", "role": "economy"},
    {"id": "ca", "name": "Công an xã", "role": "police"},
]


def draft(**fields) -> Draft:
    base = {
        "kind": "ke-hoach",
        "commune": {"name": "An Lạc", "type": "xã"},
        "date": "2026-06-05",
        "subject": "Cải cách hành chính năm 2026",
        "units": UNITS,
    }
    base.update(fields)
    return validate_plain(base, "<test>")


def body(**fields) -> list[str]:
    """The plan's body paragraphs as a reader sees them (numbers resolved), closing mark included."""
    return [b.full for b in plan_blocks(draft(**fields))]


def ctx(**fields) -> dict:
    return build_context(draft(**fields))


def task(text: str, lead=(), support=(), **more) -> dict:
    return {"text": text, "lead": list(lead), "support": list(support), **more}


@cache
def rendered(kind: str = "quyet-dinh") -> bytes:
    """One rendered document with an appendix (cached: rendering is the slow part)."""
    from drafter.render import render_draft

    return render_draft(draft(**APPENDIX_DRAFT, kind=kind))


APPENDIX_DRAFT = {
    "issuer": {"parent": "Ủy ban nhân dân tỉnh Bắc Ninh", "lines": ["Ủy ban nhân dân", "xã An Lạc"]},
    "sections": [
        {"title": "Mục đích", "items": ["Nâng cao chất lượng."]},
        {"title": "Nhiệm vụ", "items": [
            {"title": "Cải cách thể chế", "tasks": [
                task("Rà soát văn bản", ["vp"], ["kt"], deadline="Quý I/2026", output="Báo cáo"),
                task("Chỉ trong thân", ["vp"], appendix=False),
                task("Tự kiểm tra", ["kt"], deadline="Thường xuyên", output="Kế hoạch"),
            ]},
            {"title": "Cải cách thủ tục", "tasks": [
                task("Công khai thủ tục", ["vhxh"], deadline="30/6/2026", output="Danh mục"),
            ]},
        ]},
    ],
    "appendices": [{"title": "Danh mục nhiệm vụ năm 2026"}],
}
