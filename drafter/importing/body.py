"""The body of a plan as a tree of sections, from its numbered lines.

I. → a section (depth 1), 1. → a part (depth 2), 1.1. → a part numbered decimally, a) → a
titled point when it heads what follows (short, bold or followed by dashes), otherwise a
lettered paragraph; «- » and «+ » lines and unnumbered lines are paragraphs of the part they
are in. Numbers are not stored: drafter numbers parts again in order, so a document whose
numbering jumps (II then IV) comes back numbered in order.
"""
from __future__ import annotations

import re

from .lines import Line

_BULLETS = {"dash": "-", "bullet": "-", "plus": "+"}


def _heading_point(line: Line, nxt: Line | None) -> bool:
    """«a) Mục tiêu» heads a part; «a) Rà soát ... theo quy định.» is a point of text."""
    if line.bold:
        return True
    short = len(line.body) <= 90 and not line.body.endswith((".", ";", ",", "./."))
    follows = nxt is not None and (nxt.label is None or nxt.label.kind in _BULLETS)
    return short and follows


def _item_text(line: Line) -> str:
    lab = line.label
    if lab is not None and lab.kind in _BULLETS:
        return f"{_BULLETS[lab.kind]} {line.marked_body}"
    return line.marked_text


def build_body(lines: list[Line]) -> list[dict]:
    """Body lines → section dicts (plain draft data) carrying ``_src`` and ``_isrc`` origins."""
    root: dict = {"items": [], "_isrc": []}
    stack: list[tuple[int, dict]] = [(0, root)]
    has_roman = any(x.label is not None and x.label.kind == "roman" for x in lines)
    lettered: dict[int, list] = {}  # id(node) → [(item index, label value)]

    def push(depth: int, line: Line, **extra) -> dict:
        while stack[-1][0] >= depth:
            stack.pop()
        parent = stack[-1][1]
        node = {"title": line.marked_body, **extra, "items": [], "_src": line.origin, "_isrc": []}
        parent["items"].append(node)
        parent["_isrc"].append(None)
        stack.append((depth, node))
        return node

    def add(line: Line, text: str) -> None:
        node = stack[-1][1]
        node["items"].append(text)
        node["_isrc"].append(line.origin)

    for k, line in enumerate(lines):
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        kind = line.label.kind if line.label is not None else None
        depth_here = stack[-1][0]
        if kind == "roman":
            push(1, line)
        elif kind == "decimal" and (has_roman or depth_here >= 1):
            push(2 if has_roman else 1, line)
        elif kind == "multilevel":
            levels = len(line.label.values) or 2
            parent_depth = 1 + levels - 1 if has_roman else levels - 1
            while stack[-1][0] > parent_depth:
                stack.pop()
            stack[-1][1]["numbering"] = "decimal"
            push(parent_depth + 1, line)
        elif kind == "letter" and depth_here >= 2 and _heading_point(line, nxt):
            # a heading point sits under the nearest numbered part (1. or 1.1.)
            while stack[-1][0] > 2 and stack[-1][1].get("_letter"):
                stack.pop()
            node = push(stack[-1][0] + 1, line, _letter=line.label.value)
            node["_letter"] = line.label.value
        elif kind == "letter":
            while len(stack) > 1 and stack[-1][1].get("_letter"):
                stack.pop()
            node = stack[-1][1]
            lettered.setdefault(id(node), []).append((len(node["items"]), line.label.value))
            add(line, line.marked_text)
        else:
            add(line, _item_text(line))
    _letters(root, lettered)
    _assignments(root)
    sections = []
    if root["items"] and isinstance(root["items"][0], str):
        # paragraphs before the first numbered section: an untitled part (drafter writes them as they are)
        lead = [i for i, x in enumerate(root["items"]) if isinstance(x, str)]
        first_node = next((i for i, x in enumerate(root["items"]) if isinstance(x, dict)), len(root["items"]))
        lead = [i for i in lead if i < first_node]
        sections.append({"items": [root["items"][i] for i in lead], "_isrc": [root["_isrc"][i] for i in lead]})
        root["items"] = root["items"][first_node:]
    for x in root["items"]:
        if isinstance(x, dict):
            sections.append(x)
        else:  # a stray paragraph between sections belongs to the section before it
            sections[-1]["items"].append(x)
    return sections


def _letters(node: dict, lettered: dict[int, list]) -> None:
    """A part whose plain paragraphs are all points a), b), c)... in order is ``lettered``: drafter
    letters them again (in the Vietnamese alphabet); otherwise the letters stay as typed."""
    plain = [i for i, x in enumerate(node["items"]) if isinstance(x, str) and not x.startswith(("- ", "+ "))]
    points = lettered.get(id(node), [])
    titled = [x.get("_letter") for x in node["items"] if isinstance(x, dict) and x.get("title")]
    if points and [i for i, _ in points] == plain:
        values = sorted([v for _, v in points] + [v for v in titled if v])
        if values == list(range(1, len(values) + 1)) and all(v for v in titled):
            node["lettered"] = True
            for i, _ in points:
                text = node["items"][i]
                node["items"][i] = text.split(")", 1)[1].strip() if ")" in text[:3] else text
    for x in node["items"]:
        if isinstance(x, dict):
            x.pop("_letter", None)
            _letters(x, lettered)


RESPONSIBLE = re.compile(r"^Phụ trách thực hiện\s*:\s*(?P<lead>.+?)\s+chủ trì(?:\s*,?\s*phối hợp với\s+(?P<support>.+?))?\s*\.?$")


def _names(text: str | None) -> list[str]:
    """«Văn phòng HĐND&UBND xã, Công an xã và các cơ quan liên quan» → the named units (generic words left out)."""
    if not text:
        return []
    out = []
    for piece in re.split(r",\s*|\s+và\s+(?=[A-ZĐÀ-Ỹ])", text):
        piece = piece.strip(" .;")
        if piece and piece[:1].isupper() and not re.match(r"^(Các|Toàn thể)\b", piece):
            out.append(piece)
    return out


def _assignments(node: dict) -> None:
    """«Phụ trách thực hiện: X chủ trì, phối hợp với Y.» closing a part: its paragraphs above are
    tasks led by X with Y's support; the sentence is kept as written (``responsible``)."""
    items = node["items"]
    if items and isinstance(items[-1], str):
        m = RESPONSIBLE.match(items[-1])
        tail = 0
        for x in reversed(items[:-1]):
            if not isinstance(x, str):
                break
            tail += 1
        if m and tail:
            bodies = items[len(items) - 1 - tail:-1]
            bullets = {x[:2] if x.startswith(("- ", "+ ")) else "" for x in bodies}
            if len(bullets) == 1:
                bullet = bullets.pop().strip()
                origins = node["_isrc"][len(items) - 1 - tail:]
                node["tasks"] = [{"text": x[len(bullet) + 1:] if bullet else x, "_lead": _names(m.group("lead")),
                                  "_support": _names(m.group("support")), "appendix": False, "_src": o}
                                 for x, o in zip(bodies, origins)]
                if bullet:
                    node["task_bullet"] = bullet
                node["responsible"] = items[-1]
                node["_rsrc"] = origins[-1]
                del items[len(items) - 1 - tail:]
                del node["_isrc"][len(node["_isrc"]) - 1 - tail:]
    for x in items:
        if isinstance(x, dict):
            _assignments(x)
