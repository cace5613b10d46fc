"""docs/ban-thao.md: every YAML snippet is a valid draft (or a part of one), every «Kết quả» block is
what drafter prints, and every «yaml sai» snippet is refused with a message that says to quote."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from drafter import yamlio
from drafter.errors import DraftError
from drafter.loader import parse_draft, validate
from drafter.render import render_draft
from ooxml import Package, text_of

DOC = Path(__file__).resolve().parent.parent / "docs" / "ban-thao.md"
FENCE = re.compile(r"^```([^\n]*)\n(.*?)^```", re.DOTALL | re.MULTILINE)

# What a partial snippet is merged into: a commune plan with three units.
BASE = """\
kind: ke-hoach
commune: {name: An Lạc, type: xã, province: Bắc Ninh}
date: 2026-06
subject: Cải cách hành chính xã An Lạc năm 2026
units:
  - {id: vhxh, name: Phòng Văn hóa - Xã hội, short: VHXH}
  - {id: kt, name: Phòng Kinh tế, short: KT}
  - {id: vp, name: Văn phòng HĐND và UBND xã, short: VP}
sections:
  - {title: Tổ chức thực hiện, items: [Các phòng triển khai Kế hoạch này.]}
signer: {name: Nguyễn Văn An}
"""


def blocks() -> list[tuple[str, str, str | None, int]]:
    """(kind, text, the «Kết quả» text that follows it, line) for each yaml snippet."""
    text = DOC.read_text(encoding="utf-8")
    found = [(m.group(1).strip(), m.group(2), text.count("\n", 0, m.start()) + 1) for m in FENCE.finditer(text)]
    out = []
    for i, (info, body, line) in enumerate(found):
        if info.startswith("yaml"):
            nxt = found[i + 1] if i + 1 < len(found) else None
            result = nxt[1] if nxt and nxt[0] == "text" else None
            out.append((info, body, result, line))
    return out


SNIPPETS = blocks()


def as_draft(body: str, line: int):
    if re.search(r"^commune:", body, re.MULTILINE):
        return parse_draft(body, f"ban-thao.md:{line}").draft
    base, part = yamlio.parse(BASE), yamlio.parse(body)
    for key, value in part.items():
        base[key] = value
    return validate(base, f"ban-thao.md:{line}").draft


def test_the_document_has_snippets_and_results():
    assert len(SNIPPETS) >= 15 and sum(1 for s in SNIPPETS if s[2]) >= 12


@pytest.mark.parametrize(("info", "body", "result", "line"), SNIPPETS, ids=[f"dòng-{s[3]}" for s in SNIPPETS])
def test_snippet(info, body, result, line):
    if info == "yaml sai":
        with pytest.raises(DraftError) as err:
            as_draft(body, line)
        assert any("ngoặc kép" in p.message for p in err.value.problems)
        return
    draft = as_draft(body, line)
    pkg = Package(render_draft(draft))
    shown = [" ".join(text_of(p).split()) for p in pkg.paragraphs()]
    shown = [s for s in shown if s]
    for expected in (result or "").splitlines():
        expected = " ".join(expected.split())
        assert expected in shown, f"ban-thao.md dòng {line}: «{expected}» không có trong văn bản"
