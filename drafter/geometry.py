"""Page geometry shared by the template builder and the layout computed per document.

Twips: 1/20 pt; 1 cm = 567 twips. ND 30: A4, margins top 20, bottom 20, left 30, right 15 mm.
"""
from __future__ import annotations

CM = 567
PAGE_W, PAGE_H = 11906, 16838
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, HEADER_DIST = 1134, 1134, 1701, 850, 567
TEXT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT  # 9355
TEXT_W_LANDSCAPE = PAGE_H - MARGIN_LEFT - MARGIN_RIGHT  # 14287
HEADER_LEFT = 3500  # ~37 % of the width: issuing body and number
HEADER_RIGHT = TEXT_W - HEADER_LEFT

# Rough advance widths of Times New Roman, in em, to size the rules; exactness is not needed.
_NARROW = set("iljt.,;:!'|()[]- ")
_WIDE_UPPER = set("MWĐÔƠƯQ")


def text_width(text: str, size_pt: float, bold: bool) -> int:
    """Estimated width of ``text`` in twips."""
    em = 0.0
    for ch in text:
        if ch == " ":
            em += 0.25
        elif ch in _NARROW:
            em += 0.3
        elif ch.isupper():
            em += 0.8 if ch in _WIDE_UPPER else 0.7
        elif ch.isdigit():
            em += 0.5
        else:
            em += 0.47
    if bold:
        em *= 1.06
    return int(em * size_pt * 20)
