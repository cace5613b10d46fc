"""Opening an Office Open XML package that may be hostile: bounded sizes, hardened XML parsing.

A DOCX is a zip of XML parts. A zip bomb declares (or hides) huge uncompressed sizes; an
XML part may declare entities (billion laughs), reach out to the network, or nest without
end. Every part is read through a size-capped stream and parsed with entities, DTDs and
the network off, and libxml2's default depth and text-node limits on (``huge_tree=False``).
"""
from __future__ import annotations

import io
import posixpath
import zipfile
import zlib

from lxml import etree

from . import errors

MAX_FILE = 64 * 1024 * 1024  # bytes of the file itself
MAX_MEMBERS = 10_000
MAX_PART = 48 * 1024 * 1024  # uncompressed bytes of one XML part
MAX_TOTAL = 160 * 1024 * 1024  # uncompressed bytes read from one package
MAX_RATIO = 400  # uncompressed / compressed, for parts over 1 MB

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOCUMENT = "/officeDocument"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


def xml_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                           dtd_validation=False, remove_comments=True, remove_pis=True, collect_ids=False)


def parse_xml(data: bytes, name: str, part: str):
    """Parse one XML part; a DTD or entity declaration is refused outright."""
    head = data[:4096]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in data:
        raise errors.too_big(name, f"phần {part} khai báo DTD hoặc thực thể XML")
    try:
        return etree.fromstring(data, xml_parser())
    except etree.XMLSyntaxError as exc:
        msg = str(exc)
        if "depth" in msg.lower() or "huge" in msg.lower():
            raise errors.too_big(name, f"phần {part} lồng nhau quá sâu hoặc quá lớn") from None
        raise errors.corrupt(name, f"phần {part} không phải XML hợp lệ") from None


class OoxmlPackage:
    """The parts of a DOCX, read on demand within fixed bounds."""

    def __init__(self, data: bytes, name: str):
        self.name = name
        if len(data) > MAX_FILE:
            raise errors.too_big(name, f"{len(data) // (1024 * 1024)} MB")
        if data[:8] == OLE_MAGIC:
            if "EncryptedPackage".encode("utf-16-le") in data:
                raise errors.encrypted_word(name)
            raise errors.corrupt(name, "đây là tệp Word cũ (.doc) hoặc tệp Office khác, không phải .docx")
        if data[:4] != ZIP_MAGIC:
            raise errors.corrupt(name)
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, ValueError, OSError,
                EOFError):
            raise errors.corrupt(name) from None
        if len(infos) > MAX_MEMBERS:
            raise errors.too_big(name, f"{len(infos)} phần trong gói")
        self._infos = {i.filename: i for i in infos}
        self._read_total = 0
        self._cache: dict[str, object] = {}
        main = self._main_part()
        if main is None:
            raise errors.corrupt(name, "không có phần nội dung chính word/document.xml")
        self.main = main

    # ------------------------------------------------------------------ raw parts

    def has(self, part: str) -> bool:
        return part in self._infos

    def read(self, part: str) -> bytes:
        info = self._infos.get(part)
        if info is None:
            raise errors.corrupt(self.name, f"thiếu phần {part}")
        if info.file_size > MAX_PART:
            raise errors.too_big(self.name, f"phần {part} giải nén ra {info.file_size // (1024 * 1024)} MB")
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise errors.too_big(self.name, f"phần {part} nén với tỉ lệ bất thường")
        if info.flag_bits & 0x1:
            raise errors.encrypted_word(self.name)
        limit = min(MAX_PART, MAX_TOTAL - self._read_total)
        try:
            with self._zip.open(info) as fh:
                data = fh.read(limit + 1)  # the declared size may lie: never read past the cap
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, ValueError, OSError, EOFError, RuntimeError):
            raise errors.corrupt(self.name, f"phần {part} không giải nén được") from None
        if len(data) > limit:
            raise errors.too_big(self.name, f"phần {part} giải nén ra quá nhiều dữ liệu")
        self._read_total += len(data)
        return data

    def xml(self, part: str):
        """The parsed root of a part (cached), or None when the package has no such part."""
        if part not in self._cache:
            self._cache[part] = parse_xml(self.read(part), self.name, part) if self.has(part) else None
        return self._cache[part]

    # ------------------------------------------------------------------ relationships

    @staticmethod
    def rels_part(part: str) -> str:
        folder, base = posixpath.split(part)
        return posixpath.join(folder, "_rels", base + ".rels")

    def rels(self, part: str) -> dict[str, tuple[str, str, bool]]:
        """rId → (type, target part or URL, external) for one part."""
        key = "rels:" + part
        if key not in self._cache:
            out: dict[str, tuple[str, str, bool]] = {}
            root = self.xml(self.rels_part(part))
            folder = posixpath.dirname(part)
            for r in (root if root is not None else []):
                if r.tag != f"{{{REL_NS}}}Relationship":
                    continue
                target = r.get("Target") or ""
                external = r.get("TargetMode") == "External"
                if not external:
                    target = target.lstrip("/") if target.startswith("/") else \
                        posixpath.normpath(posixpath.join(folder, target))
                out[r.get("Id") or ""] = (r.get("Type") or "", target, external)
            self._cache[key] = out
        return self._cache[key]  # type: ignore[return-value]

    def related(self, part: str, kind: str) -> str | None:
        """The first internal part related to ``part`` with a relationship type ending in ``kind``."""
        for typ, target, external in self.rels(part).values():
            if typ.endswith("/" + kind) and not external and self.has(target):
                return target
        return None

    def _main_part(self) -> str | None:
        for typ, target, external in self.rels("").values():
            if typ.endswith(OFFICE_DOCUMENT) and not external and self.has(target):
                return target
        return "word/document.xml" if self.has("word/document.xml") else None
