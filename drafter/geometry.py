"""The page in Word's units (twips), from the rules in :mod:`drafter.nd30`, and a text-width estimate.

Shared by the template builder and the layout computed per document. Each length is
rounded to twips on its own, as Word stores it (A4 is 11906 × 16838).
"""
from __future__ import annotations

from . import nd30, wml
from .nd30 import Orientation
from .wml import Mm, PageMargins, Twips

PAGE_W, PAGE_H = Mm(nd30.PAPER.width_mm), Mm(nd30.PAPER.height_mm)
MARGINS = PageMargins(
    top=Mm(nd30.MARGINS.top_mm.chosen), right=Mm(nd30.MARGINS.right_mm.chosen),
    bottom=Mm(nd30.MARGINS.bottom_mm.chosen), left=Mm(nd30.MARGINS.left_mm.chosen),
    header=Mm(nd30.MARGINS.header_mm.chosen), footer=Mm(nd30.MARGINS.header_mm.chosen))  # no footer is used


def page_size(orientation: Orientation) -> tuple[Twips, Twips]:
    return (PAGE_H, PAGE_W) if orientation is Orientation.LANDSCAPE else (PAGE_W, PAGE_H)


def page_size_xml(orientation: Orientation) -> str:
    """The w:pgSz element of a page laid in ``orientation``."""
    return wml.page_size(*page_size(orientation), landscape=orientation is Orientation.LANDSCAPE)


def text_width(orientation: Orientation) -> Twips:
    """The width between the left and right margins."""
    return Twips(page_size(orientation)[0] - MARGINS.left - MARGINS.right)


TEXT_W = text_width(Orientation.PORTRAIT)  # 9355
TEXT_W_LANDSCAPE = text_width(Orientation.LANDSCAPE)  # 14287
HEADER_LEFT = Twips(nd30.HEADER_COLUMNS.left_twips)
HEADER_RIGHT = Twips(TEXT_W - HEADER_LEFT)
CLOSING_LEFT = Twips(nd30.CLOSING_COLUMNS.left_twips)

# Rough advance widths of Times New Roman, in em, to size the rules; exactness is not needed.
_NARROW = set("iljt.,;:!'|()[]- ")
_WIDE_UPPER = set("MWĐÔƠƯQ")


def estimate_width(text: str, size_pt: float, bold: bool) -> int:
    """Estimated width of ``text`` set in Times New Roman, in twips."""
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
