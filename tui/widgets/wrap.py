"""Wrapped text never starts a line with «- » or «+ » that looks like a new bullet.

A paragraph such as «Phòng Văn hóa - Xã hội chủ trì» wrapped at the space before the dash shows
a line «- Xã hội chủ trì»: to an official, a new bullet that is not in the document. The line
breaks are therefore computed on a copy of the text where that space is not a place to break
(it becomes a visible letter of the same width), so the dash stays with the word before it; the
text shown is the original. Textual wraps in two places, text areas (``WrappedDocument``) and
everything else (``Content``): :func:`install` puts the rule into both, once, at start-up.
"""
from __future__ import annotations

import re

# A space between a word and a dash or plus followed by a space: «hóa - Xã», «a + b».
_BEFORE_BULLET = re.compile(r"(?<=\S) (?=[-+–](?:\s|$))")
_GLUE = "_"  # one cell wide, not a space: no break there


def glued(text: str) -> str:
    """``text`` with the spaces before a mid-line «- »/«+ » made unbreakable (same length, same widths)."""
    return _BEFORE_BULLET.sub(_GLUE, text) if " " in text else text


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells (words longer than a line are cut), no line but
    the first starting with a bullet-like «- » or «+ »."""
    from textual._wrap import compute_wrap_offsets

    text = " ".join(text.split())
    if not text:
        return []
    offsets = compute_wrap_offsets(glued(text), max(1, width), tab_size=4)
    bounds = [0, *offsets, len(text)]
    return [text[a:b].rstrip() for a, b in zip(bounds, bounds[1:])]


_installed = False


def install() -> None:
    """Textual's two line breakers keep a dash with the word before it (see the module's note)."""
    global _installed
    if _installed:
        return
    _installed = True
    try:
        import textual.content as content
        import textual.document._wrapped_document as wrapped
    except ImportError:  # another Textual: its own wrapping stays
        return
    breaks = getattr(wrapped, "compute_wrap_offsets", None)
    divide = getattr(content, "divide_line", None)
    if breaks is not None:
        def compute_wrap_offsets(text, width, tab_size, fold=True, precomputed_tab_sections=None):
            return breaks(glued(text), width, tab_size, fold)

        wrapped.compute_wrap_offsets = compute_wrap_offsets
    if divide is not None:
        def divide_line(text, width, fold=True):
            return divide(glued(text), width, fold)

        content.divide_line = divide_line
