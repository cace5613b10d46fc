"""Text hygiene: what every string from a user passes through before it reaches the model."""
from __future__ import annotations

import re
import unicodedata

# XML 1.0 forbids C0 controls except tab, newline and carriage return. docxtpl also gives
# \a and \f a meaning (new paragraph, page break), so they are removed with the rest.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """NFC-normalise, drop characters XML forbids, normalise line ends."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _FORBIDDEN.sub("", text)
    return unicodedata.normalize("NFC", text)


def clean_tree(value):
    """Apply :func:`clean` to every string inside nested lists and dicts."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {k: clean_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_tree(v) for v in value]
    return value


def upper_vi(text: str) -> str:
    """Upper case that keeps NFC (Python's upper() is already Unicode-correct)."""
    return unicodedata.normalize("NFC", text.upper())


def lower_first(text: str) -> str:
    """A subject inside a sentence: "Cải cách ..." → "cải cách ..."."""
    return text[:1].lower() + text[1:] if text else text


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]
