"""Plain data → YAML text with comments, in the house layout (mapping indent 2, sequence 4, offset 2).

ruamel's emitter takes half a second on a 70 KB plan with its thousands of comments; the
importer's data is only mappings, lists, strings, numbers and booleans, so it is written here
directly. A string that YAML could read as something else (a number, a date, «true», one that
starts with «- » or holds «: ») is double-quoted the way JSON writes it, which YAML reads back
unchanged; tests read every imported file back and compare.
"""
from __future__ import annotations

import json
import re

_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n\r\t]*")
_AMBIGUOUS = re.compile(r"[-+]?(\d[\d_]*)?(\.\d*)?([eE][-+]?\d+)?|\d{4}-\d\d?-\d\d?.*|[-+]?\.(inf|nan)|0[xob].*|"
                        r"[\d:]+|~|=|<<|null|true|false|yes|no|on|off|y|n", re.I)


_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def scalar(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    s = str(value)
    if (not s or not _PLAIN.fullmatch(s) or _AMBIGUOUS.fullmatch(s) or ": " in s or " #" in s
            or s.endswith((":", " ")) or _UNPRINTABLE.search(s)):
        # JSON escapes C0 controls; YAML also wants C1 controls and a few others escaped
        return _UNPRINTABLE.sub(lambda m: "\\u%04x" % ord(m.group()), json.dumps(s, ensure_ascii=False))
    return s


def flow_scalar(value) -> str:
    """A scalar inside ``[…]``: a comma or bracket there ends it, so such a text is quoted ("0," is not 0)."""
    s = scalar(value)
    if isinstance(value, str) and not s.startswith('"') and any(c in s for c in ",[]{}"):
        return json.dumps(value, ensure_ascii=False)
    return s


def _comment_lines(text: str, indent: int) -> list[str]:
    return [(" " * indent + "# " + line).rstrip() for line in text.split("\n")]


class Emitter:
    def __init__(self, eol: dict[tuple, str], before: dict[str, str], flow: set[str]):
        self.eol = eol
        self.before = before
        self.flow = flow
        self.out: list[str] = []

    def _eol(self, path: tuple, key, mapping: dict, owner: tuple) -> str:
        text = self.eol.get(path)
        if text is None and key == _anchor(mapping):
            text = self.eol.get(owner)
        return f"  # {text}" if text else ""

    def mapping(self, m: dict, indent: int, path: tuple, first: str | None = None) -> None:
        for i, (k, v) in enumerate(m.items()):
            prefix = first if (i == 0 and first is not None) else " " * indent
            if not path and k in self.before:
                self.out += _comment_lines(self.before[k], indent)
            here = path + (k,)
            note = self._eol(here, k, m, path)
            if isinstance(v, dict) and v:
                self.out.append(f"{prefix}{k}:{note}")
                self.mapping(v, indent + 2, here)
            elif isinstance(v, list) and v and k in self.flow and all(not isinstance(x, (dict, list)) for x in v):
                self.out.append(f"{prefix}{k}: [{', '.join(flow_scalar(x) for x in v)}]{note}")
            elif isinstance(v, list) and v:
                self.out.append(f"{prefix}{k}:{note}")
                self.sequence(v, indent + 2, here)
            elif isinstance(v, (dict, list)):
                self.out.append(f"{prefix}{k}: {'{}' if isinstance(v, dict) else '[]'}{note}")
            else:
                self.out.append(f"{prefix}{k}: {scalar(v)}{note}")

    def sequence(self, seq: list, indent: int, path: tuple) -> None:
        dash = " " * indent + "- "
        for j, x in enumerate(seq):
            here = path + (j,)
            if isinstance(x, dict) and x:
                self.mapping(x, indent + 2, here, first=dash)
            elif isinstance(x, list) and x:
                self.out.append(dash.rstrip())
                self.sequence(x, indent + 2, here)
            elif isinstance(x, (dict, list)):
                self.out.append(dash + ("{}" if isinstance(x, dict) else "[]"))
            else:
                note = self.eol.get(here)
                self.out.append(dash + scalar(x) + (f"  # {note}" if note else ""))


def _anchor(m: dict):
    """The key whose line carries a mapping's own comment: its title, its text, or its first key."""
    for k in ("title", "text"):
        if k in m and not isinstance(m[k], (dict, list)):
            return k
    first = next(iter(m), None)
    return first if first is not None and not isinstance(m[first], (dict, list)) else None


def dump(data: dict, *, head: str = "", eol: dict[tuple, str] | None = None, before: dict[str, str] | None = None,
         flow: set[str] = frozenset({"lead", "support"})) -> str:
    e = Emitter(eol or {}, before or {}, set(flow))
    if head:
        e.out += _comment_lines(head, 0)
    e.mapping(data, 0, ())
    return "\n".join(e.out) + "\n"
