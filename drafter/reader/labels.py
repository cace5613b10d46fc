"""Numbers as Word formats them, and numbers typed as text at the start of a paragraph."""
from __future__ import annotations

import re

from .model import Label

VIETNAMESE_LETTERS = "abcdđeghiklmnopqrstuvxy"
_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]

# Word's Symbol/Wingdings bullets live in the private use area; show what a reader sees.
BULLET_GLYPHS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf0fc": "✓", "\uf076": "❖", "\uf0a8": "◆",
                 "\uf02d": "-", "\uf02b": "+", "\uf0e0": "→", "\uf0f0": "⇨", "\uf06e": "■", "\uf071": "❑",
                 "\uf0b3": "≥", "\uf0a3": "≤", "\uf0de": "⇒"}


def roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def roman_value(text: str) -> int | None:
    t = text.upper()
    if not t or not re.fullmatch(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})", t):
        return None
    return next((n for n in range(1, 4000) if roman(n) == t), None)


def word_letter(n: int) -> str:
    """Word's letters: a..z, then aa..zz (the letter repeated), ascii alphabet (so f, j, w, z occur)."""
    if n <= 0 or n > 26 * 40:  # Word repeats the letter; past that, a number is clearer than a wall of letters
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """One component of a label in Word's numFmt."""
    if fmt in ("decimal", "decimalEnclosedFullstop", "decimalEnclosedParen", "decimalHalfWidth",
               "decimalFullWidth", "decimalFullWidth2"):
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperRoman":
        return roman(n)
    if fmt == "lowerRoman":
        return roman(n).lower()
    if fmt == "upperLetter":
        return word_letter(n).upper()
    if fmt == "lowerLetter":
        return word_letter(n)
    if fmt == "ordinal":
        return f"{n}."
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


def bullet_text(lvl_text: str) -> str:
    return "".join(BULLET_GLYPHS.get(ch, ch) for ch in lvl_text) or "•"


_TYPED = [
    ("article", re.compile(r"(Điều\s+(\d{1,3})[.:])\s*")),
    ("multilevel", re.compile(r"((\d{1,2}(?:\.\d{1,3}){1,4})\.?)\s+(?=\S)")),
    ("roman", re.compile(r"(([IVXLC]{1,6})[.)])\s+(?=\S)")),
    ("decimal", re.compile(r"((\d{1,3})[.)])\s+(?=\S)")),
    ("letter", re.compile(r"(([a-zđ])\))\s*(?=\S)")),
    ("paren", re.compile(r"(\((\d{1,3}|[a-zđ])\))\s+(?=\S)")),
    ("dash", re.compile(r"([-–—])\s+(?=\S)")),
    ("plus", re.compile(r"(\+)\s+(?=\S)")),
    ("bullet", re.compile(r"([•▪➢✓◆■❖*·])\s*(?=\S)")),
]


def typed_label(text: str) -> tuple[Label | None, str]:
    """A number or bullet typed at the start of ``text``: (label, the rest), or (None, text)."""
    stripped = text.lstrip()
    for kind, rx in _TYPED:
        m = rx.match(stripped)
        if not m:
            continue
        label = m.group(1)
        values: tuple[int, ...] = ()
        if kind == "roman":
            v = roman_value(m.group(2))
            if v is None:
                continue
            values = (v,)
        elif kind in ("decimal", "article"):
            values = (int(m.group(2)),)
        elif kind == "multilevel":
            values = tuple(int(x) for x in m.group(2).split("."))
        elif kind == "letter":
            values = (VIETNAMESE_LETTERS.index(m.group(2)) + 1 if m.group(2) in VIETNAMESE_LETTERS
                      else ord(m.group(2)) - ord("a") + 1,)
        elif kind == "paren":
            x = m.group(2)
            values = (int(x),) if x.isdigit() else (VIETNAMESE_LETTERS.find(x) + 1,)
        rest = stripped[m.end():]
        if not rest.strip():
            return None, text
        return Label(text=label, kind=kind, value=values[-1] if values else None, values=values), rest
    return None, text


def kind_of_format(fmt: str, lvl_text: str) -> str:
    """The label kind of a Word numbering level, in the words of ``typed_label``."""
    if fmt == "bullet":
        glyph = bullet_text(lvl_text).strip()
        return {"-": "dash", "–": "dash", "+": "plus"}.get(glyph, "bullet")
    if fmt in ("upperRoman", "lowerRoman"):
        return "roman"
    if fmt in ("upperLetter", "lowerLetter"):
        return "letter"
    if len(re.findall(r"%\d", lvl_text)) > 1:
        return "multilevel"
    if lvl_text.strip().startswith("(") and lvl_text.strip().endswith(")"):
        return "paren"
    if lvl_text.strip().startswith("Điều"):
        return "article"
    return "decimal"
