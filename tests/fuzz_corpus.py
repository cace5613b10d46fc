"""A small corpus of hostile or broken files, made on the spot: ``python tests/fuzz_corpus.py OUT``.

Each file is what an office may send by mistake or what an attacker may craft: a corrupt
zip, an encrypted Word file, an empty document, a file that is not a document, a zip bomb,
XML with entity declarations (billion laughs) or absurd nesting, a scanned PDF with no text
layer, a truncated PDF, random bytes. The reader must refuse each with a Vietnamese message
(``UnreadableDocument``) within bounded time and memory, never a traceback.
"""
from __future__ import annotations

import io
import random
import re
import sys
import zipfile
from pathlib import Path

import docx

CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                 b'2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(parts: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def minimal_docx(text: str = "Kế hoạch") -> bytes:
    d = docx.Document()
    if text:
        d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def zip_bomb(megabytes: int = 64) -> bytes:
    """document.xml inflates to more than the reader's cap, inside a valid paragraph (streamed, never held)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(b"<w:document " + W + b"><w:body><w:p><w:r><w:t>")
            chunk = b" " * (1 << 20)
            for _ in range(megabytes):
                fh.write(chunk)
            fh.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return buf.getvalue()


def billion_laughs() -> bytes:
    ents = '<!ENTITY a0 "ha">' + "".join(f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    xml = (f'<?xml version="1.0"?><!DOCTYPE w:document [{ents}]>'
           f'<w:document {W.decode()}><w:body><w:p><w:r><w:t>&a9;</w:t></w:r></w:p></w:body></w:document>')
    return _docx({"word/document.xml": xml.encode()})


def deep_nesting(depth: int = 5000) -> bytes:
    xml = (b"<w:document " + W + b"><w:body>" + b"<w:sdt><w:sdtContent>" * depth +
           b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" + b"</w:sdtContent></w:sdt>" * depth + b"</w:body></w:document>")
    return _docx({"word/document.xml": xml})


def nested_tables(depth: int = 60) -> bytes:
    cell = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>"
    for _ in range(depth):
        cell = b"<w:tbl><w:tr><w:tc>" + cell + b"</w:tc></w:tr></w:tbl><w:p/>"
    return _docx({"word/document.xml": b"<w:document " + W + b"><w:body>" + cell + b"</w:body></w:document>"})


def encrypted_docx() -> bytes:
    """What Word writes for a password-protected DOCX: an OLE compound file with an EncryptedPackage stream."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    return header + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 64 + "EncryptedPackage".encode("utf-16-le") + \
        b"\x00" * 2048


def scanned_pdf() -> bytes:
    """One page with an image and no text: what a scanner gives."""
    img = b"BI /W 4 /H 4 /CS /G /BPC 8 ID " + bytes(range(0, 256, 16)) + b" EI"
    content = b"q 400 0 0 600 100 100 cm " + img + b" Q"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
            b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream"]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


JUNK = ["", "-1", "abc", "999999999", "1e9", "-0", "0", "nil", "12pt", "%9", "%1%2%3", "NaN", "9" * 40]


def mangled_attributes(data: bytes, part: str, rnd: random.Random, count: int) -> bytes:
    """``data`` (a DOCX) with ``count`` w: attribute values of ``part`` replaced by junk (sizes, levels, spans...)."""
    zin = zipfile.ZipFile(io.BytesIO(data))
    parts = {i.filename: zin.read(i.filename) for i in zin.infolist()}
    xml = parts[part].decode("utf-8")
    for _ in range(count):
        attrs = list(re.finditer(r'(w:[A-Za-z]+)="([^"]*)"', xml))
        if not attrs:
            break
        m = rnd.choice(attrs)
        xml = xml[:m.start(2)] + rnd.choice(JUNK) + xml[m.end(2):]
    parts[part] = xml.encode("utf-8")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in parts.items():
            zf.writestr(name, body)
    return buf.getvalue()


def corpus(seed: int = 30) -> dict[str, bytes]:
    rnd = random.Random(seed)
    good = minimal_docx()
    files = {
        "hong.docx": good[: len(good) // 2],
        "mat-khau.docx": encrypted_docx(),
        "rong.docx": minimal_docx(""),
        "anh.png": b"\x89PNG\r\n\x1a\n" + bytes(rnd.randrange(256) for _ in range(512)),
        "bom.docx": zip_bomb(),
        "thuc-the.docx": billion_laughs(),
        "long-sau.docx": deep_nesting(),
        "bang-long-bang.docx": nested_tables(),
        "ban-quet.pdf": scanned_pdf(),
        "pdf-cut.pdf": scanned_pdf()[:120],
        "rac.bin": bytes(rnd.randrange(256) for _ in range(4096)),
        "khong-co-document.docx": _docx({"word/other.xml": b"<x/>"}),
        "xml-hong.docx": _docx({"word/document.xml": b"<w:document " + W + b"><w:body><w:p>"}),
        "rong.txt": b"",
        "rong.pdf": b"%PDF-1.4\n%%EOF\n",
    }
    for k in range(8):  # bytes flipped in a good DOCX
        data = bytearray(good)
        for _ in range(rnd.randrange(1, 40)):
            data[rnd.randrange(len(data))] = rnd.randrange(256)
        files[f"lat-byte-{k}.docx"] = bytes(data)
    return files


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "fuzz-corpus")
    out.mkdir(parents=True, exist_ok=True)
    for name, data in corpus().items():
        (out / name).write_bytes(data)
    print(f"{len(corpus())} tệp trong {out}")
