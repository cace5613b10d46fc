"""Write drafter/fontmetrics_data.py: Times New Roman advance widths for the characters Vietnamese
documents use, read from Liberation Serif (metric-compatible with Times New Roman by design).

    python tools/font_widths.py [FONT_DIR]

The widths are committed as data, so the page estimate is the same on every machine, fonts
installed or not. Only the TrueType tables 'head', 'cmap' (format 4) and 'hmtx' are read.
"""
from __future__ import annotations

import struct
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONT_DIRS = [Path("/usr/share/fonts/truetype/liberation2"), Path("/usr/share/fonts/truetype/liberation")]
FACES = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bold_italic": "BoldItalic"}

VIETNAMESE = "ăâđêôơưĂÂĐÊÔƠƯ"
TONES = "\u0300\u0301\u0303\u0309\u0323"


def characters() -> str:
    """Printable ASCII, Latin-1 letters, every precomposed Vietnamese letter, the punctuation drafts use."""
    chars = {chr(c) for c in range(0x20, 0x7F)} | {chr(c) for c in range(0xA0, 0x100)}
    for base in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY":
        for tone in TONES:
            chars.add(unicodedata.normalize("NFC", base + tone))
    chars |= set(VIETNAMESE) | set("“”‘’–—…•·×≤≥№")
    return "".join(sorted(c for c in chars if len(c) == 1))


def tables(data: bytes) -> dict[str, tuple[int, int]]:
    count = struct.unpack(">H", data[4:6])[0]
    out = {}
    for i in range(count):
        tag, _check, offset, length = struct.unpack(">4sIII", data[12 + 16 * i: 28 + 16 * i])
        out[tag.decode("latin-1")] = (offset, length)
    return out


def cmap4(data: bytes, offset: int) -> dict[int, int]:
    """Code point → glyph id from the Windows Unicode BMP subtable."""
    _version, n = struct.unpack(">HH", data[offset: offset + 4])
    for i in range(n):
        platform, encoding, sub = struct.unpack(">HHI", data[offset + 4 + 8 * i: offset + 12 + 8 * i])
        if (platform, encoding) == (3, 1):
            break
    else:
        raise SystemExit("no Windows Unicode cmap")
    base = offset + sub
    fmt, _length, _lang, segx2 = struct.unpack(">HHHH", data[base: base + 8])
    assert fmt == 4, fmt
    seg = segx2 // 2
    ends = struct.unpack(f">{seg}H", data[base + 14: base + 14 + segx2])
    starts_at = base + 16 + segx2
    starts = struct.unpack(f">{seg}H", data[starts_at: starts_at + segx2])
    deltas = struct.unpack(f">{seg}h", data[starts_at + segx2: starts_at + 2 * segx2])
    ranges_at = starts_at + 2 * segx2
    range_offsets = struct.unpack(f">{seg}H", data[ranges_at: ranges_at + segx2])
    glyphs = {}
    for i in range(seg):
        for c in range(starts[i], ends[i] + 1):
            if c == 0xFFFF:
                continue
            if range_offsets[i] == 0:
                g = (c + deltas[i]) & 0xFFFF
            else:
                at = ranges_at + 2 * i + range_offsets[i] + 2 * (c - starts[i])
                g = struct.unpack(">H", data[at: at + 2])[0]
                g = (g + deltas[i]) & 0xFFFF if g else 0
            glyphs[c] = g
    return glyphs


def advances(path: Path, chars: str) -> tuple[int, list[int]]:
    data = path.read_bytes()
    t = tables(data)
    units = struct.unpack(">H", data[t["head"][0] + 18: t["head"][0] + 20])[0]
    metrics = struct.unpack(">H", data[t["hhea"][0] + 34: t["hhea"][0] + 36])[0]
    glyph_of = cmap4(data, t["cmap"][0])
    hmtx = t["hmtx"][0]

    def advance(g: int) -> int:
        g = min(g, metrics - 1)
        return struct.unpack(">H", data[hmtx + 4 * g: hmtx + 4 * g + 2])[0]

    return units, [advance(glyph_of.get(ord(c), 0)) for c in chars]


def covers(folder: Path) -> bool:
    """Whether the fonts there have every character (Liberation 1.x has no Vietnamese letters)."""
    path = folder / "LiberationSerif-Regular.ttf"
    if not path.is_file():
        return False
    data = path.read_bytes()
    glyphs = cmap4(data, tables(data)["cmap"][0])
    return all(glyphs.get(ord(c)) for c in characters())


def font_folder(dirs=FONT_DIRS) -> Path | None:
    return next((d for d in dirs if covers(d)), None)


def module_text(folder: Path) -> str:
    """The text of drafter/fontmetrics_data.py, from the fonts in ``folder``."""
    chars = characters()
    lines = ['"""Times New Roman advance widths (in 1/UNITS em), read from Liberation Serif by',
             "tools/font_widths.py (metric-compatible with Times New Roman). Generated: do not edit.\"\"\"",
             "", f"CHARS = {chars!r}"]
    for name, face in FACES.items():
        units, widths = advances(folder / f"LiberationSerif-{face}.ttf", chars)
        lines.append(f"{name.upper()} = {widths!r}")
    lines.insert(3, f"UNITS = {units}")
    return "\n".join(lines) + "\n"


def main() -> None:
    folder = font_folder([Path(sys.argv[1])] if len(sys.argv) > 1 else FONT_DIRS)
    if folder is None:
        raise SystemExit("Liberation Serif 2 with Vietnamese letters not found (fonts-liberation2)")
    out = ROOT / "drafter" / "fontmetrics_data.py"
    out.write_text(module_text(folder), encoding="utf-8")
    print(out)


if __name__ == "__main__":
    main()
