"""Content checks: what a valid draft can still get wrong, located for the user."""
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.checks import check_draft
from drafter.cli import main
from drafter.derive import derive_model
from drafter.errors import Severity
from drafter.fieldpath import FieldPath
from drafter.loader import parse_draft
from drafter.model import Commune
from drafter.presets import list_presets, load_preset

DRAFT = """\
commune: {name: An Lạc, type: xã}
date: 2026-06
subject: Cải cách hành chính xã An Lạc năm 2026
bases:
  - ref: nq-76-2021
  - ref: nq-76-2021
units:
  - {id: vhxh, name: Phòng Văn hóa - Xã hội, short: VHXH}
  - {id: kt, name: Phòng Kinh tế, short: KT}
sections:
  - title: Nhiệm vụ
    items:
      - title: Chỉ đạo
        tasks:
          - {text: Việc có chủ trì, lead: kt}
          - {text: Việc chưa ai chủ trì}
      - title: Mục còn trống
recipients: [{unit: vhxh}]
archive: VHXH
"""


def _by_field(problems):
    return {str(p.field): p for p in problems}


def test_each_mistake_is_found_with_its_field_and_line():
    found = _by_field(check_draft(parse_draft(DRAFT, "d.yaml").draft))
    assert found["signer.name"].message.startswith("chưa có họ tên người ký")
    assert "đã có ở căn cứ thứ 1" in found["bases[1]"].message and found["bases[1]"].line == 6
    lead = found["sections[0].items[0].tasks[1].lead"]
    assert lead.line == 16 and lead.file == "d.yaml" and "chưa có đơn vị chủ trì" in lead.message
    assert "chưa có nội dung" in found["sections[0].items[1]"].message
    assert "VT" in found["archive"].message
    assert "Phòng Kinh tế chủ trì nhiệm vụ nhưng không có trong nơi nhận" in found["recipients"].message
    assert all(p.severity is Severity.WARNING for p in found.values())
    assert isinstance(lead.field, FieldPath) and lead.field[-3:] == ("tasks", 1, "lead")


def test_a_corrected_draft_has_no_findings():
    fixed = (DRAFT.replace("  - ref: nq-76-2021\n  - ref: nq-76-2021", "  - ref: nq-76-2021")
             .replace("          - {text: Việc chưa ai chủ trì}", "          - {text: Việc thứ hai, lead: vhxh}")
             .replace("      - title: Mục còn trống\n", "")
             .replace("recipients: [{unit: vhxh}]", "recipients: [{unit: vhxh}, {unit: kt}]")
             .replace("archive: VHXH", "archive: VT, VHXH\nsigner: {name: Nguyễn Văn An}"))
    assert check_draft(parse_draft(fixed).draft) == []


@pytest.mark.parametrize("info", list_presets(), ids=lambda i: i.name)
@pytest.mark.parametrize("kind", ["xã", "phường", "đặc khu"])
def test_a_derived_draft_lacks_only_the_signer_name(info, kind):
    """Errors and warnings: only the signer's name; hints (a suggestion about the preset's wording) may remain."""
    preset = load_preset(info.name)
    draft = derive_model(preset, Commune(name="Tân Hội", type=kind))
    assert [p.field for p in check_draft(draft) if p.severity is not Severity.HINT] == [FieldPath(("signer", "name"))]
    draft = derive_model(preset, Commune(name="Tân Hội", type=kind), {"signer_name": "Nguyễn Văn An"})
    assert [p for p in check_draft(draft) if p.severity is not Severity.HINT] == []


def test_validate_prints_findings_and_still_succeeds(tmp_path: Path):
    path = tmp_path / "d.yaml"
    path.write_text(DRAFT, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 0
    assert f"{path}:16:" in result.output
    labels = [line.split(":", 1)[0] for line in result.output.splitlines()[:-1]]
    assert labels and set(labels) <= {"Lỗi", "Cảnh báo", "Gợi ý"}  # each finding says how much it matters
    assert labels == sorted(labels, key=["Lỗi", "Cảnh báo", "Gợi ý"].index)
    assert "nên sửa:" in result.output.splitlines()[-1] and "cảnh báo" in result.output.splitlines()[-1]
