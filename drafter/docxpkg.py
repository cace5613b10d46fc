"""Reading and writing the DOCX zip package, byte for byte the same on every run."""
from __future__ import annotations

import io
import zipfile

# A fixed timestamp: the same draft must give the same bytes.
_EPOCH = (1980, 1, 1, 0, 0, 0)


def read_parts(data: bytes) -> dict[str, bytes]:
    """All parts of a package, in their original order."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def write_parts(parts: dict[str, bytes]) -> bytes:
    """Zip the parts deterministically; [Content_Types].xml first, as Word expects."""
    buf = io.BytesIO()
    names = sorted(parts, key=lambda n: (n != "[Content_Types].xml", n != "_rels/.rels"))
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in names:
            info = zipfile.ZipInfo(name, _EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, parts[name], compresslevel=6)
    return buf.getvalue()
