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


def one_line(text: str) -> str:
    """What a one-line field keeps of a paste: every line, joined by single spaces, no controls.

    "Trần\tThị\nHoa" → "Trần Thị Hoa" (a field that kept only the first line lost "Hoa").
    """
    return " ".join(clean(text).split())


def map_strings(value, fn):
    """``fn`` applied to every string inside nested lists and dicts (keys left as they are)."""
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, dict):
        return {k: map_strings(v, fn) for k, v in value.items()}
    if isinstance(value, list):
        return [map_strings(v, fn) for v in value]
    return value


def clean_tree(value):
    """Apply :func:`clean` to every string inside nested lists and dicts."""
    return map_strings(value, clean)


def upper_vi(text: str) -> str:
    """Upper case that keeps NFC (Python's upper() is already Unicode-correct)."""
    return unicodedata.normalize("NFC", text.upper())


def lower_first(text: str) -> str:
    """A subject inside a sentence: "Cải cách ..." → "cải cách ..."."""
    return text[:1].lower() + text[1:] if text else text


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def nfc(text: str) -> str:
    """NFC only (no other cleaning): text typed in a field, before it is stored."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower case without diacritics: «Đặc khu» → «dac khu» (to match what users type)."""
    text = unicodedata.normalize("NFD", str(text).replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def slug(text: str, default: str = "") -> str:
    """«Võ Cường» → «vo-cuong»: a file name or id that every system accepts."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or default


# A commune's type as users write it, with or without diacritics.
COMMUNE_TYPES = {"xa": "xã", "phuong": "phường", "dac khu": "đặc khu", "dac-khu": "đặc khu",
                 "dac_khu": "đặc khu", "dackhu": "đặc khu"}


def commune_type(value: str) -> str | None:
    """«Phường», «phuong», «đặc-khu» → the model's spelling; None when it is not a commune type."""
    return COMMUNE_TYPES.get(fold(nfc(value or "")).strip())
