"""WordprocessingML names and value conversions shared by the DOCX reading modules."""
from __future__ import annotations

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
WPG = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
V = "urn:schemas-microsoft-com:vml"
O = "urn:schemas-microsoft-com:office:office"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"

EMU_PER_PT = 12700


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def ns_of(tag) -> str:
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def wval(el, name: str = "val") -> str | None:
    return None if el is None else el.get(q(name))


_FALSE = {"0", "false", "off", "none"}


def on(value: str | None) -> bool:
    """A Word on/off value: absent attribute means on."""
    return value is None or value.lower() not in _FALSE


def number(value: str | None, default: float = 0.0) -> float:
    """A measure attribute as a float; Word also writes "12pt", "1.5in" or "-0" at times."""
    if value is None:
        return default
    v = value.strip()
    try:
        return float(v)
    except ValueError:
        pass
    units = {"pt": 20.0, "in": 1440.0, "mm": 1440 / 25.4, "cm": 1440 / 2.54, "pc": 240.0, "pi": 240.0}
    for unit, factor in units.items():
        if v.endswith(unit):
            try:
                return float(v[: -len(unit)]) * factor  # in twips: callers divide by 20
            except ValueError:
                return default
    return default


def twips(value: str | None, default: float = 0.0) -> float:
    """Twentieths of a point → points."""
    return number(value, default * 20) / 20


def half_points(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return float(value) / 2
    except ValueError:
        return None


def eighths(value: str | None) -> float:
    """Border widths are in eighths of a point."""
    try:
        return float(value or 0) / 8
    except ValueError:
        return 0.0
