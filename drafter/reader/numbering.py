"""Word's automatic numbering resolved to the text a reader sees.

Counters run per abstract numbering definition, shared by every ``w:num`` that points to it
(as Word does: a "restart" is a new ``w:num`` with ``w:startOverride`` on the same abstract).
The first time a ``w:num`` is used, the levels it overrides start again at the override.
A level restarts when a higher level is used (or only the levels ``w:lvlRestart`` names).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .labels import bullet_text, format_number, kind_of_format
from .model import AutoNumber, Label
from .styles import PropMap, prop_map
from .wordml import q, wval

LEVELS = 9


@dataclass
class Level:
    start: int
    fmt: str
    text: str
    restart: int | None  # lvlRestart: None = after any higher level; 0 = never
    legal: bool  # isLgl: show every component as decimal
    suffix: str
    ppr: PropMap
    rpr_el: object  # the level's w:rPr (for the label's formatting)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _level(el) -> Level:
    fmt = wval(el.find(q("numFmt"))) or "decimal"
    text_el = el.find(q("lvlText"))
    return Level(
        start=_int(wval(el.find(q("start"))), 0),
        fmt=fmt,
        text=(wval(text_el) or "") if text_el is not None else "",
        restart=_int(wval(el.find(q("lvlRestart"))), -1) if el.find(q("lvlRestart")) is not None else None,
        legal=el.find(q("isLgl")) is not None and (wval(el.find(q("isLgl"))) or "1") not in ("0", "false"),
        suffix=wval(el.find(q("suff"))) or "tab",
        ppr=prop_map(el.find(q("pPr")), paragraph=True),
        rpr_el=el.find(q("rPr")),
    )


class Numbering:
    """numbering.xml's definitions plus the running counters of one document."""

    def __init__(self, root, styles=None):
        self.abstract: dict[str, dict[int, Level]] = {}
        self.style_link: dict[str, str] = {}  # abstractNumId → numStyleLink style id
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, Level]]] = {}
        self.styles = styles
        if root is not None:
            for an in root.findall(q("abstractNum")):
                aid = an.get(q("abstractNumId"))
                if aid is None:
                    continue
                levels = {}
                for lvl in an.findall(q("lvl")):
                    i = _int(lvl.get(q("ilvl")), 0)
                    if 0 <= i < LEVELS:
                        levels[i] = _level(lvl)
                self.abstract[aid] = levels
                link = wval(an.find(q("numStyleLink")))
                if link:
                    self.style_link[aid] = link
            for num in root.findall(q("num")):
                nid = num.get(q("numId"))
                aid = wval(num.find(q("abstractNumId")))
                if nid is None or aid is None:
                    continue
                starts: dict[int, int] = {}
                levels: dict[int, Level] = {}
                for ov in num.findall(q("lvlOverride")):
                    i = _int(ov.get(q("ilvl")), 0)
                    so = ov.find(q("startOverride"))
                    if so is not None:
                        starts[i] = _int(wval(so), 0)
                    lvl = ov.find(q("lvl"))
                    if lvl is not None:
                        levels[i] = _level(lvl)
                        if so is None and lvl.find(q("start")) is not None:
                            starts[i] = levels[i].start
                self.nums[nid] = (aid, starts, levels)
        self.counters: dict[str, list[int | None]] = {}
        self.used: set[str] = set()
        self._pending_starts: dict[str, dict[int, int]] = {}  # levels restarted by an override, not yet used

    def _abstract_id(self, num_id: str) -> str | None:
        entry = self.nums.get(num_id)
        if entry is None:
            return None
        aid = entry[0]
        # numStyleLink: the abstract only points to a numbering style whose num holds the levels
        for _ in range(4):
            link = self.style_link.get(aid)
            if not link or self.styles is None:
                break
            linked_num, _ = self.styles.style_numpr(link)
            if linked_num is None or linked_num not in self.nums or self.nums[linked_num][0] == aid:
                break
            aid = self.nums[linked_num][0]
        return aid

    def level(self, num_id: str, ilvl: int) -> Level | None:
        entry = self.nums.get(num_id)
        if entry is None:
            return None
        override = entry[2].get(ilvl)
        if override is not None:
            return override
        aid = self._abstract_id(num_id)
        return self.abstract.get(aid or "", {}).get(ilvl)

    def number(self, num_id: str | None, ilvl: int, *, from_style: bool = False) -> Label | None:
        """Advance the counters for one numbered paragraph and give its label (None if unnumbered)."""
        if not num_id or num_id == "0" or num_id not in self.nums:
            return None
        ilvl = min(max(ilvl, 0), LEVELS - 1)
        lvl = self.level(num_id, ilvl)
        if lvl is None:
            return None
        aid = self._abstract_id(num_id) or num_id
        values = self.counters.setdefault(aid, [None] * LEVELS)
        starts = self.nums[num_id][1]
        if num_id not in self.used:
            self.used.add(num_id)
            for i, start in starts.items():
                if 0 <= i < LEVELS:
                    values[i] = start - 1 if i == ilvl else None
                    if i != ilvl:
                        self._pending(aid)[i] = start
        pending = self._pending(aid)
        if values[ilvl] is None:
            values[ilvl] = pending.pop(ilvl, lvl.start)
        else:
            values[ilvl] += 1
        for deeper in range(ilvl + 1, LEVELS):
            d = self.level(num_id, deeper)
            restart = d.restart if d is not None else None
            if restart is None or (restart > 0 and ilvl < restart):
                values[deeper] = None
        return self._label(num_id, ilvl, lvl, values, aid, from_style)

    def _pending(self, aid: str) -> dict[int, int]:
        return self._pending_starts.setdefault(aid, {})

    def _label(self, num_id: str, ilvl: int, lvl: Level, values: list[int | None], aid: str,
               from_style: bool) -> Label:
        auto = AutoNumber(num_id=num_id, level=ilvl, abstract_id=aid, format=lvl.fmt, lvl_text=lvl.text,
                          suffix=lvl.suffix, from_style=from_style)
        if lvl.fmt == "bullet":
            text = bullet_text(lvl.text)
            return Label(text=text, kind=kind_of_format(lvl.fmt, lvl.text), auto=True, numbering=auto)
        comps: list[int] = []

        def component(m: re.Match) -> str:
            i = int(m.group(1)) - 1
            if not 0 <= i < LEVELS:
                return ""
            other = self.level(num_id, i)
            value = values[i]
            if value is None:
                value = other.start if other is not None else 1
            comps.append(value)
            fmt = "decimal" if (lvl.legal and i != ilvl) else (other.fmt if other is not None else "decimal")
            return format_number(value, fmt)

        text = re.sub(r"%(\d)", component, lvl.text)
        own = values[ilvl] if values[ilvl] is not None else lvl.start
        return Label(text=text, kind=kind_of_format(lvl.fmt, lvl.text), value=own,
                     values=tuple(comps) or (own,), auto=True, numbering=auto)
