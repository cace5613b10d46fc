"""Widths of text set in Times New Roman, from the font's own advance widths (``fontmetrics_data``).

Finer than :func:`drafter.geometry.estimate_width` (which sizes the rules and is kept as is, so
that the documents do not change): the page estimate wraps whole paragraphs, where a few per cent
of error adds up to lines. A character outside the table falls back to the rough estimate.
"""
from __future__ import annotations

from functools import lru_cache

from . import fontmetrics_data as data
from .geometry import estimate_width

LINE_HEIGHT_EM = 1.15  # single line spacing of Times New Roman: ascent + descent + line gap

_FACES = {(False, False): data.REGULAR, (True, False): data.BOLD, (False, True): data.ITALIC,
          (True, True): data.BOLD_ITALIC}


@lru_cache(maxsize=4)
def _table(bold: bool, italic: bool) -> dict[str, float]:
    return {c: w / data.UNITS for c, w in zip(data.CHARS, _FACES[bold, italic])}


def char_em(ch: str, bold: bool = False, italic: bool = False) -> float:
    """The advance of one character, in em; combining marks take none."""
    width = _table(bold, italic).get(ch)
    if width is not None:
        return width
    if "\u0300" <= ch <= "\u036f":
        return 0.0
    return estimate_width(ch, 20, bold) / 400  # twips of a 20 pt character → em


def width_pt(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    table = _table(bold, italic)
    em = 0.0
    for ch in text:
        w = table.get(ch)
        em += w if w is not None else char_em(ch, bold, italic)
    return em * size_pt


def line_height_pt(size_pt: float) -> float:
    return size_pt * LINE_HEIGHT_EM
