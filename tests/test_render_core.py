"""Core rendering: escaping, determinism, blank number and day, atomic output."""
import io
import zipfile
from pathlib import Path

import docx
from lxml import etree

from drafter import nd30
from drafter.context import build_context
from drafter.loader import load_draft, parse_draft
from drafter.render import render_context, render_draft, render_plain

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

DRAFT = """\
kind: ke-hoach
commune: {name: An Lạc, type: xã}
date: 2026-06
subject: "Kiểm tra <ký tự> & \\"ngoặc\\" đặc biệt\\x01"
units:
  - {id: vhxh, name: Phòng Văn hóa - Xã hội, short: VHXH}
sections:
  - title: Nhiệm vụ
    items:
      - title: Chỉ đạo
        tasks:
          - {text: "Dòng một\\nDòng hai\\tcó tab", lead: vhxh}
recipients: [{unit: vhxh}]
signer: {name: Nguyễn Văn A}
"""


def _texts(data: bytes) -> list[str]:
    d = docx.Document(io.BytesIO(data))
    out = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            for c in row.cells:
                out += [p.text for p in c.paragraphs]
    return out


def test_special_characters_are_escaped_and_forbidden_ones_removed():
    draft = parse_draft(DRAFT).draft
    data = render_draft(draft)
    texts = _texts(data)
    assert 'Kiểm tra <ký tự> & "ngoặc" đặc biệt' in texts
    assert any("Dòng một\nDòng hai\tcó tab" in t for t in texts)


def test_blank_number_and_day_for_the_clerk():
    texts = _texts(render_draft(parse_draft(DRAFT).draft))
    assert "Số:      /KH-UBND" in texts
    assert "An Lạc, ngày       tháng 6 năm 2026" in texts


def test_same_draft_same_bytes():
    draft = parse_draft(DRAFT).draft
    assert render_draft(draft) == render_draft(parse_draft(DRAFT).draft)


def test_zip_is_valid_and_timestamps_fixed():
    data = render_draft(parse_draft(DRAFT).draft)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.testzip() is None
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert zf.namelist()[0] == "[Content_Types].xml"


def test_a_province_level_plan():
    draft = parse_draft(DRAFT.replace("commune: {name: An Lạc, type: xã}",
                                      "commune: {name: Bắc Ninh, type: tỉnh}\nplace: Bắc Ninh")).draft
    texts = _texts(render_draft(draft))
    assert ["ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH"] == [t for t in texts if t in ("ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH")]
    assert "Bắc Ninh, ngày       tháng 6 năm 2026" in texts


def test_each_part_ends_on_its_own_page_in_both_renderers():
    """The last section's page is decided when the template is prepared (PreparedTemplate) or
    loaded (render_plain), never by editing the rendered file: both give the same sections."""
    def sections(data: bytes) -> list[bytes]:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            root = etree.fromstring(zf.read("word/document.xml"))
        return [etree.tostring(s, method="c14n") for s in root.iter(f"{{{W}}}sectPr")]

    draft = load_draft(Path(__file__).parent / "fixtures" / "qd-kh-pl.yaml").draft
    cases = {("decision",): "decision", ("plan",): "plan", ("appendices",): "appendix",
             ("decision", "plan"): "plan", ("decision", "plan", "appendices"): "appendix"}
    for parts, last in cases.items():
        ctx = build_context(draft, parts)
        fast = sections(render_context(ctx))
        assert fast == sections(render_plain(ctx)), parts
        landscape = nd30.PARTS[last].orientation is nd30.Orientation.LANDSCAPE
        assert (b'w:orient="landscape"' in fast[-1]) == landscape, parts
