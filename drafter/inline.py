"""Inline emphasis inside a paragraph: ``<b>đậm</b>`` and ``<i>nghiêng</i>``, nothing else.

Tags like these survive YAML unquoted anywhere in a line (a leading ``*`` would be read as
a YAML alias). Only these four exact tags are markup; every other character is text and is
escaped when written (:func:`drafter.wml.run`), so a draft can never inject XML.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

TAG = re.compile(r"(?<!\\)<(/?)([bi])>")  # "\<b>" is the text «<b>» (see literal)
ESCAPED = re.compile(r"\\(?=</?[bi]>)")
# What a user may have meant as a tag: upper case, spaces inside, HTML's other names.
NEAR_TAG = re.compile(r"<\s*/?\s*(b|i|strong|em|u)\s*>", re.IGNORECASE)
NAMES = {"b": "đậm", "i": "nghiêng"}


@dataclass(frozen=True)
class Span:
    """A run of text with its emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


def has_marks(text: str) -> bool:
    return "<" in text and TAG.search(text) is not None


def plain(text: str) -> str:
    """The text as a reader sees it, without the tags."""
    if "<" not in text:
        return text
    return ESCAPED.sub("", TAG.sub("", text))


def literal(text: str) -> str:
    """Text from elsewhere (a workbook's notes) made to print as typed: each tag-like «<b>» escaped."""
    return re.sub(r"(?=</?[bi]>)", lambda _: "\\", text) if "<" in text else text


def spans(text: str) -> list[Span]:
    """The text cut where its emphasis changes; raises ValueError on unbalanced tags."""
    out: list[Span] = []
    open_tags: list[str] = []
    pos = 0
    for m in TAG.finditer(text):
        if m.start() > pos:
            out.append(Span(ESCAPED.sub("", text[pos:m.start()]), "b" in open_tags, "i" in open_tags))
        closing, name = m.group(1) == "/", m.group(2)
        if closing:
            if name not in open_tags:
                raise ValueError(f"thẻ đóng «</{name}>» không có thẻ mở «<{name}>» trước nó; "
                                 f"chữ {NAMES[name]} viết «<{name}>chữ</{name}>»")
            open_tags.remove(name)
        else:
            if name in open_tags:
                raise ValueError(f"thẻ «<{name}>» mở lần nữa khi chưa đóng; hãy thêm «</{name}>»")
            open_tags.append(name)
        pos = m.end()
    if open_tags:
        name = open_tags[-1]
        raise ValueError(f"thẻ «<{name}>» chưa đóng; hãy thêm «</{name}>» sau phần chữ {NAMES[name]}")
    if pos < len(text):
        out.append(Span(ESCAPED.sub("", text[pos:]), "b" in open_tags, "i" in open_tags))
    return out


def check(text: str) -> str:
    """Balanced tags, or ValueError. A look-alike (``<B>``, ``<strong>``) is text, printed as typed:
    text that reaches a draft from elsewhere (a tracking workbook's notes) holds such things."""
    if text and "<" in text:
        spans(text)
    return text


def look_alike(text: str) -> str | None:
    """The first tag-like text that is not one of the four tags (``<B>``, ``< b>``, ``<strong>``)."""
    near = next((m for m in NEAR_TAG.finditer(text) if not TAG.fullmatch(m.group(0))), None) if "<" in text else None
    return near.group(0) if near else None


def runs_xml(parts: list[Span]) -> Markup:
    """The spans as runs, to stand inside a template's ``<w:t>``: closes that run, writes one
    run per span (text escaped by :func:`drafter.wml.run`) and reopens a run for the template's
    closing tags."""
    from .wml import rpr, run  # wml imports nothing of ours; imported here to keep this module light
    xml = "</w:t></w:r>" + "".join(run(s.text, bold=s.bold, italic=s.italic) for s in parts if s.text)
    return Markup(xml + f'<w:r>{rpr()}<w:t xml:space="preserve">')
