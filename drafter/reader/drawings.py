"""Drawn shapes inside a run: rules drawn as lines, and text boxes (DrawingML and VML).

Each found shape comes back with its geometry in points and, for a text box, the
``w:txbxContent`` element whose paragraphs the block reader reads.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Origin, Shape
from .wordml import A, EMU_PER_PT, MC, V, WP, WPG, WPS, local, ns_of, q

LINE_PRESETS = {"line", "straightConnector1", "bentConnector2", "bentConnector3", "curvedConnector3"}
_CSS_UNITS = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75, "pc": 12.0, "emu": 1 / 12700}


@dataclass
class Found:
    shape: Shape
    content: object | None  # w:txbxContent of a text box


def _emu(value: str | None) -> float:
    try:
        return float(value or 0) / EMU_PER_PT
    except ValueError:
        return 0.0


def _css_length(value: str | None, default_unit: str = "pt") -> float | None:
    if value is None:
        return None
    m = re.fullmatch(r"\s*(-?[\d.]+)\s*([a-z]*)\s*", value)
    if not m:
        return None
    try:
        num = float(m.group(1))
    except ValueError:
        return None
    return num * _CSS_UNITS.get(m.group(2) or default_unit, 1.0)


def _style(value: str | None) -> dict[str, str]:
    out = {}
    for part in (value or "").split(";"):
        if ":" in part:
            k, v = part.split(":", 1)
            out[k.strip().lower()] = v.strip()
    return out


def drawing_shapes(drawing, origin: Origin) -> list[Found]:
    """Shapes of a ``w:drawing`` (wp:inline or wp:anchor)."""
    out: list[Found] = []
    for frame in drawing:
        if ns_of(frame.tag) != WP or local(frame.tag) not in ("inline", "anchor"):
            continue
        inline = local(frame.tag) == "inline"
        ext = frame.find(f"{{{WP}}}extent")
        width, height = _emu(ext.get("cx") if ext is not None else None), _emu(ext.get("cy") if ext is not None else None)
        pos = {}
        for axis in ("positionH", "positionV"):
            el = frame.find(f"{{{WP}}}{axis}")
            if el is None:
                continue
            off = el.find(f"{{{WP}}}posOffset")
            align = el.find(f"{{{WP}}}align")
            pos[axis] = (el.get("relativeFrom"), _emu(off.text) if off is not None else None,
                         align.text if align is not None else None)
        h = pos.get("positionH", (None, None, None))
        v = pos.get("positionV", (None, None, None))
        data = frame.find(f"{{{A}}}graphic/{{{A}}}graphicData")
        if data is None:
            continue
        for child in data:
            if ns_of(child.tag) == WPS and local(child.tag) == "wsp":
                kind, content, stroke = _wsp(child, width, height)
                out.append(Found(Shape(kind, width, height, x=h[1], y=v[1], relative_h=h[0], relative_v=v[0],
                                       align_h=h[2], stroke_width=stroke, inline=inline, origin=origin),
                                 content))
            elif ns_of(child.tag) == WPG and local(child.tag) == "wgp":
                out += _group(child, width, height, h, v, inline, origin)
    return out


def _wsp(wsp, width: float, height: float) -> tuple[str, object | None, float | None]:
    geom = wsp.find(f"{{{WPS}}}spPr/{{{A}}}prstGeom")
    prst = geom.get("prst") if geom is not None else None
    ln = wsp.find(f"{{{WPS}}}spPr/{{{A}}}ln")
    stroke = _emu(ln.get("w")) if ln is not None and ln.get("w") else None
    content = wsp.find(f"{{{WPS}}}txbx/{q('txbxContent')}")
    if content is not None:
        return "textbox", content, stroke
    if prst in LINE_PRESETS or wsp.find(f"{{{WPS}}}cNvCnPr") is not None:
        return "line", None, stroke
    if prst == "rect":
        return ("line" if min(width, height) <= 1.5 else "rect"), None, stroke
    return "shape", None, stroke


def _group(wgp, width: float, height: float, h, v, inline: bool, origin: Origin) -> list[Found]:
    """Shapes inside a group, scaled from the group's child coordinates to its extent."""
    xfrm = wgp.find(f"{{{WPG}}}grpSpPr/{{{A}}}xfrm")
    ch_ext = xfrm.find(f"{{{A}}}chExt") if xfrm is not None else None
    ch_off = xfrm.find(f"{{{A}}}chOff") if xfrm is not None else None
    cw, chh = (_emu(ch_ext.get("cx")), _emu(ch_ext.get("cy"))) if ch_ext is not None else (width, height)
    ox, oy = (_emu(ch_off.get("x")), _emu(ch_off.get("y"))) if ch_off is not None else (0.0, 0.0)
    sx = width / cw if cw else 1.0
    sy = height / chh if chh else 1.0
    out: list[Found] = []
    for wsp in wgp.iter(f"{{{WPS}}}wsp"):
        x = wsp.find(f"{{{WPS}}}spPr/{{{A}}}xfrm")
        off = x.find(f"{{{A}}}off") if x is not None else None
        ext = x.find(f"{{{A}}}ext") if x is not None else None
        w = _emu(ext.get("cx")) * sx if ext is not None else width
        hh = _emu(ext.get("cy")) * sy if ext is not None else height
        px = (_emu(off.get("x")) - ox) * sx if off is not None else 0.0
        py = (_emu(off.get("y")) - oy) * sy if off is not None else 0.0
        kind, content, stroke = _wsp(wsp, w, hh)
        out.append(Found(Shape(kind, w, hh, x=(h[1] or 0.0) + px, y=(v[1] or 0.0) + py, relative_h=h[0],
                               relative_v=v[0], align_h=h[2], stroke_width=stroke, inline=inline,
                               origin=origin), content))
    return out


def vml_shapes(pict, origin: Origin) -> list[Found]:
    """Shapes of a ``w:pict`` (VML), groups flattened."""
    out: list[Found] = []
    for el in pict.iter():
        if ns_of(el.tag) != V:
            continue
        name = local(el.tag)
        if name in ("shapetype", "group", "textbox", "stroke", "fill", "path", "formulas", "handles", "imagedata",
                    "shadow", "textpath"):
            continue
        style = _style(el.get("style"))
        stroke = _css_length(el.get("strokeweight"), "pt") if el.get("strokeweight") else 0.75
        h_rel = style.get("mso-position-horizontal-relative")
        v_rel = style.get("mso-position-vertical-relative")
        align = style.get("mso-position-horizontal")
        inline = style.get("position", "static") != "absolute"
        if name == "line":
            fx, fy = _point(el.get("from"))
            tx, ty = _point(el.get("to"))
            shape = Shape("line", abs(tx - fx), abs(ty - fy), x=min(fx, tx), y=min(fy, ty), relative_h=h_rel,
                          relative_v=v_rel, align_h=align, stroke_width=stroke, inline=inline, source="vml",
                          origin=origin)
            out.append(Found(shape, None))
            continue
        width = _css_length(style.get("width")) or 0.0
        height = _css_length(style.get("height")) or 0.0
        x = _css_length(style.get("margin-left") or style.get("left"))
        y = _css_length(style.get("margin-top") or style.get("top"))
        box = el.find(f"{{{V}}}textbox")
        content = box.find(q("txbxContent")) if box is not None else None
        if content is not None:
            kind = "textbox"
        elif el.get("stroked") == "f" and name != "line" and min(width, height) > 1.5:
            kind = "rect"
        elif min(width, height) <= 1.5 and max(width, height) > 0:
            kind = "line"
        elif name == "shape" and (el.get("type") or "").endswith("_x0000_t32"):  # Word's straight connector
            kind = "line"
        else:
            kind = "rect" if name == "rect" else "shape"
        out.append(Found(Shape(kind, width, height, x=x, y=y, relative_h=h_rel, relative_v=v_rel, align_h=align,
                               stroke_width=stroke, inline=inline, source="vml", origin=origin), content))
    return out


def _point(value: str | None) -> tuple[float, float]:
    parts = (value or "0,0").split(",")
    if len(parts) != 2:
        return 0.0, 0.0
    return _css_length(parts[0], "pt") or 0.0, _css_length(parts[1], "pt") or 0.0


def alternate_choice(ac):
    """The branch of ``mc:AlternateContent`` a current Word shows: the first Choice, else the Fallback."""
    choice = ac.find(f"{{{MC}}}Choice")
    return choice if choice is not None else ac.find(f"{{{MC}}}Fallback")
