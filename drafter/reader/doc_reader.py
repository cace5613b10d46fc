"""Old Word files (.doc): LibreOffice converts them to DOCX, then the DOCX reader reads that."""
from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from . import errors
from .docx_reader import read_docx
from .model import ReadDocument
from .package import MAX_FILE
from ..pdf import INSTALL_HINT, find_soffice

TIMEOUT = 90  # seconds: LibreOffice's first start in a fresh profile takes a few


def doc_to_docx(data: bytes, name: str) -> bytes:
    if len(data) > MAX_FILE:
        raise errors.too_big(name, f"{len(data) // (1024 * 1024)} MB")
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise errors.encrypted_word(name)
    soffice = find_soffice()
    if soffice is None:
        raise errors.UnreadableDocument(name, "cần LibreOffice (soffice) để đọc tệp Word cũ (.doc) nhưng không tìm "
                                              f"thấy; {INSTALL_HINT}, hoặc mở tệp bằng Word và lưu thành .docx")
    with tempfile.TemporaryDirectory(prefix="drafter-doc-") as tmp:
        folder = Path(tmp)
        src = folder / "in.doc"
        src.write_bytes(data)
        cmd = [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder / "out"), str(src)]
        try:
            subprocess.run(cmd, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           stdin=subprocess.DEVNULL, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise errors.UnreadableDocument(name, f"LibreOffice không chuyển xong tệp .doc sau {TIMEOUT} giây; "
                                                  "hãy mở tệp bằng Word và lưu thành .docx") from None
        except OSError as exc:
            raise errors.UnreadableDocument(name, f"không chạy được LibreOffice ({exc})") from None
        out = folder / "out" / "in.docx"
        if not out.is_file() or out.stat().st_size == 0:
            raise errors.UnreadableDocument(name, "LibreOffice không đọc được tệp .doc này (tệp hỏng, có mật khẩu "
                                                  "hoặc không phải văn bản Word); hãy mở bằng Word và lưu thành "
                                                  ".docx")
        return out.read_bytes()


def read_doc(data: bytes, name: str) -> ReadDocument:
    return read_docx(doc_to_docx(data, name), name, kind="doc")
