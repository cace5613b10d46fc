"""Reading and writing the DOCX zip package, byte for byte the same on every run.

The archive is laid out exactly as :mod:`zipfile` writes it (same headers, same deflate
stream), but a part that never changes, such as a template's styles, can be compressed
once and its ready entry reused for every document: see :class:`Entry`.
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib

# A fixed timestamp: the same draft must give the same bytes.
_EPOCH = (1980, 1, 1, 0, 0, 0)
_DOSDATE = (_EPOCH[0] - 1980) << 9 | _EPOCH[1] << 5 | _EPOCH[2]
_DOSTIME = _EPOCH[3] << 11 | _EPOCH[4] << 5 | (_EPOCH[5] // 2)
LEVEL = 1  # fastest deflate: a plan's XML grows from ~9 to ~12 KB, zipping takes half the time
_VERSION = 20  # deflate
_UNIX = 3  # "made on" system: fixed, so the bytes do not depend on the OS
_ATTR = 0o644 << 16


def read_parts(data: bytes) -> dict[str, bytes]:
    """All parts of a package, in their original order."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


class Entry:
    """One part, compressed: reusable in any number of archives."""

    __slots__ = ("name", "crc", "size", "data", "method")

    def __init__(self, name: str, content: bytes, *, level: int = LEVEL, stored: bool = False):
        self.name = name.encode("utf-8")
        self.crc = zlib.crc32(content)
        self.size = len(content)
        if stored:
            self.method, self.data = zipfile.ZIP_STORED, content
        else:
            c = zlib.compressobj(level, zlib.DEFLATED, -15)
            self.method, self.data = zipfile.ZIP_DEFLATED, c.compress(content) + c.flush()

    def _flags(self) -> int:
        try:
            self.name.decode("ascii")
            return 0
        except UnicodeDecodeError:
            return 0x800  # UTF-8 file name

    def local(self) -> bytes:
        return struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", _VERSION, 0, self._flags(), self.method,
                           _DOSTIME, _DOSDATE, self.crc, len(self.data), self.size,
                           len(self.name), 0) + self.name

    def central(self, offset: int) -> bytes:
        return struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", _VERSION, _UNIX, _VERSION, 0,
                           self._flags(), self.method, _DOSTIME, _DOSDATE, self.crc,
                           len(self.data), self.size, len(self.name), 0, 0, 0, 0, _ATTR,
                           offset) + self.name


def order(names) -> list[str]:
    """[Content_Types].xml first, then _rels/.rels, as Word expects; others keep their order."""
    return sorted(names, key=lambda n: (n != "[Content_Types].xml", n != "_rels/.rels"))


class ZipWriter:
    """Writes entries one by one to a binary file, then the central directory on close."""

    def __init__(self, fh):
        self.fh, self.pos, self.written = fh, 0, []

    def add(self, entry: Entry) -> None:
        head = entry.local()
        self.fh.write(head)
        self.fh.write(entry.data)
        self.written.append((entry, self.pos))
        self.pos += len(head) + len(entry.data)

    def close(self) -> None:
        start, size = self.pos, 0
        for entry, offset in self.written:
            cd = entry.central(offset)
            self.fh.write(cd)
            size += len(cd)
        n = len(self.written)  # no ZIP64: far below 65,535 entries and 4 GB here
        self.fh.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, n, n, size, start, 0))


def write_entries(entries: list[Entry]) -> bytes:
    """Assemble an archive in memory from ready entries."""
    buf = io.BytesIO()
    zw = ZipWriter(buf)
    for e in entries:
        zw.add(e)
    zw.close()
    return buf.getvalue()


def write_parts(parts: dict[str, bytes], cache: dict[str, Entry] | None = None) -> bytes:
    """Zip the parts deterministically; [Content_Types].xml first, as Word expects.

    ``cache`` maps part names to ready entries for parts whose content is known not to
    change (a prepared template's untouched parts); the others are compressed here.
    """
    cache = cache or {}
    return write_entries([cache[n] if n in cache else Entry(n, parts[n]) for n in order(parts)])
