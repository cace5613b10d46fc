"""Core rendering: escaping, determinism, blank number and day, atomic output."""
import io
import zipfile

import docx

from drafter.loader import parse_draft
from drafter.render import render_draft

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
