"""Reading documents that officials receive: DOCX, DOC, PDF with a text layer, plain text.

``read_document(path)`` gives a ``ReadDocument`` (see ``model.py``): page sections and
blocks in reading order, each paragraph with its text as a reader sees it (Word's automatic
numbers resolved), its label, effective formatting and where it came from. A file that
cannot be read raises ``UnreadableDocument`` (a ``DrafterError``) with a Vietnamese message
naming the file.
"""
from __future__ import annotations

from pathlib import Path

from . import errors
from .errors import UnreadableDocument
from .model import (AutoNumber, Block, Border, Cell, Fonts, HeaderFooter, Label, LineSpacing, Margins, Origin,
                    PageSection, Paragraph, ParagraphFormat, ReadDocument, Row, RunFormat, Shape, Span, Table,
                    TextBox, mm_to_pt, pt_to_mm)
from .package import MAX_FILE, OLE_MAGIC, ZIP_MAGIC

__all__ = [
    "read_document", "read_bytes", "detect_kind", "read_docx", "read_doc", "read_pdf", "read_text",
    "UnreadableDocument", "ReadDocument", "PageSection", "Margins", "HeaderFooter", "Paragraph", "Span",
    "RunFormat", "Fonts", "ParagraphFormat", "LineSpacing", "Border", "Label", "AutoNumber", "Table", "Row",
    "Cell", "TextBox", "Shape", "Origin", "Block", "pt_to_mm", "mm_to_pt", "paragraph_in",
]


def detect_kind(data: bytes, name: str = "") -> str:
    """"docx", "doc", "pdf" or "text", from the bytes (the name's extension only breaks ties)."""
    head = data[:1024]
    if head.startswith(ZIP_MAGIC):
        return "docx"
    if head.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            return "docx"  # an encrypted DOCX: the DOCX reader says so
        return "doc"
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith((b"{\\rtf",)):
        raise errors.UnreadableDocument(name, "tệp RTF chưa đọc được; hãy mở bằng Word và lưu thành .docx")
    return "text"


def read_bytes(data: bytes, name: str) -> ReadDocument:
    """Read a document given as bytes; ``name`` is used in messages."""
    if not data:
        raise errors.empty(name)
    kind = detect_kind(data, name)
    if kind == "docx":
        from .docx_reader import read_docx
        return read_docx(data, name)
    if kind == "doc":
        from .doc_reader import read_doc
        return read_doc(data, name)
    if kind == "pdf":
        from .pdf_reader import read_pdf
        return read_pdf(data, name)
    from .text_reader import read_text
    return read_text(data, name)


def read_document(path: str | Path) -> ReadDocument:
    """Read a file: DOCX, DOC (through LibreOffice), PDF with a text layer, or plain text."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_FILE:
            raise errors.too_big(name, f"{size // (1024 * 1024)} MB")
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE + 1)
    except IsADirectoryError:
        raise errors.UnreadableDocument(name, "đây là một thư mục, cần một tệp văn bản") from None
    except FileNotFoundError:
        raise errors.UnreadableDocument(name, "không tìm thấy tệp; hãy kiểm tra lại đường dẫn") from None
    except OSError as exc:
        raise errors.UnreadableDocument(name, f"không đọc được tệp ({exc.strerror or exc})") from None
    return read_bytes(data, name)


def paragraph_in(document, origin: Origin):
    """The python-docx paragraph an origin points at (see ``locate.py``)."""
    from .locate import paragraph_in as _find
    return _find(document, origin)


def read_docx(data: bytes, name: str) -> ReadDocument:
    from .docx_reader import read_docx as _read
    return _read(data, name)


def read_doc(data: bytes, name: str) -> ReadDocument:
    from .doc_reader import read_doc as _read
    return _read(data, name)


def read_pdf(data: bytes, name: str) -> ReadDocument:
    from .pdf_reader import read_pdf as _read
    return _read(data, name)


def read_text(data: bytes, name: str) -> ReadDocument:
    from .text_reader import read_text as _read
    return _read(data, name)
