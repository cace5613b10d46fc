"""Section numerals: Roman for parts, the Vietnamese alphabet for points (no f, j, w, z)."""
from __future__ import annotations

LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()
_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(n: int) -> str:
    out = ""
    for value, sym in _ROMAN:
        while n >= value:
            out += sym
            n -= value
    return out


def letter(n: int) -> str:
    """1 → a, 5 → đ: the Vietnamese alphabet has no f, j, w, z."""
    return LETTERS[(n - 1) % len(LETTERS)] * (1 + (n - 1) // len(LETTERS))
