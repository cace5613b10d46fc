"""From an ``Origin`` back to the paragraph in a python-docx document (to anchor a Word comment)."""
from __future__ import annotations

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph

from .model import Origin


def paragraph_in(document, origin: Origin) -> DocxParagraph | None:
    """The python-docx paragraph that ``origin`` (from the DOCX reader) points at, or None.

    ``document`` is a ``docx.Document`` opened on the same bytes the reader read. Body
    paragraphs are counted in document order over ``w:p`` elements, as the reader counts them;
    header and footer paragraphs in their own part.
    """
    if origin.paragraph is None:
        return None
    if origin.part == "body":
        part, root = document.part, document.element.body
    else:
        name = "/" + origin.part.lstrip("/")
        part = next((p for p in document.part.package.iter_parts() if str(p.partname) == name), None)
        if part is None or not hasattr(part, "element"):
            return None
        root = part.element
    for i, p in enumerate(root.iter(qn("w:p"))):
        if i == origin.paragraph:
            return DocxParagraph(p, part)
    return None
