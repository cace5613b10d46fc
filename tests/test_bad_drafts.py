"""Bad input through the command line: a Vietnamese message with file, line and field,
exit code 2, no traceback, and no output file."""
from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "presets" / "examples"

FIXTURES = Path(__file__).parent / "fixtures"

GOOD = """\
kind: ke-hoach
commune: {name: An Lạc, type: xã}
date: 2026-06
subject: Kế hoạch thử nghiệm
bases:
  - ref: nq-76-2021
units:
  - {id: vhxh, name: Phòng Văn hóa - Xã hội, short: VHXH}
sections:
  - title: Nhiệm vụ
    tasks:
      - {text: Việc một, lead: vhxh}
recipients: [{unit: vhxh}]
signer: {name: Nguyễn Văn A}
"""

# name → (text, line, field, words the message must contain)
BAD = {
    "missing-subject": (GOOD.replace("subject: Kế hoạch thử nghiệm\n", ""), 1, "subject", ["thiếu trường"]),
    "missing-nested": (GOOD.replace("{name: An Lạc, type: xã}", "{type: xã}"), 2, "commune.name",
                       ["thiếu trường"]),
    "wrong-type-date": (GOOD.replace("date: 2026-06", "date: [1, 2]"), 3, "date", ["cần một ngày"]),
    "wrong-type-text": (GOOD.replace("{name: Nguyễn Văn A}", "{name: [Nguyễn Văn A]}"), 14, "signer.name",
                        ["cần một đoạn chữ"]),
    "wrong-literal": (GOOD.replace("type: xã", "type: huyện"), 2, "commune.type", ["không hợp lệ", "xã"]),
    "yaml-syntax": (GOOD.replace("subject: Kế hoạch thử nghiệm", "subject: Kế hoạch: thử nghiệm"), 4, None,
                    ["lỗi cú pháp YAML", "dấu «:»"]),
    "yaml-unclosed": (GOOD.replace("recipients: [{unit: vhxh}]", "recipients: [{unit: vhxh}"), 14, None,
                      ["lỗi cú pháp YAML", "«]»", "dòng 13"]),
    "unknown-unit": (GOOD.replace("lead: vhxh}", "lead: kinh-te}"), 12, "sections[0].tasks[0].lead[0]",
                     ["không có đơn vị mã «kinh-te»", "vhxh"]),
    "unknown-recipient-unit": (GOOD.replace("[{unit: vhxh}]", "[{unit: vp}]"), 13, "recipients[0].unit",
                               ["không có đơn vị mã «vp»"]),
    "unknown-ref": (GOOD.replace("ref: nq-76-2021", "ref: nq-99-2099"), 6, "bases[0].ref",
                    ["không có căn cứ mã «nq-99-2099»", "drafter library"]),
}

ENGLISH = ("Traceback", "Error", "error:", "Usage:", "Exception", "Field required", "Input should")


def _check_message(output: str, name: str, line: int, field: str | None, words: list[str]) -> None:
    assert "Traceback" not in output
    assert output.startswith("Lỗi: "), output
    assert f"{name}:{line}:" in output, output
    if field:
        assert f"trường «{field}»" in output, output
    for w in words:
        assert w in output, (w, output)
    for e in ENGLISH:
        assert e not in output, (e, output)


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_draft_message_exit_2_no_file(tmp_path, case):
    text, line, field, words = BAD[case]
    src = tmp_path / f"{case}.yaml"
    src.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(src)], prog_name="drafter")
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    _check_message(result.output, str(src), line, field, words)
    assert sorted(p.name for p in tmp_path.iterdir()) == [src.name], "no output file for a bad draft"


def test_good_draft_renders(tmp_path):
    src = tmp_path / "good.yaml"
    src.write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(src)], prog_name="drafter")
    assert result.exit_code == 0, result.output
    assert zipfile.is_zipfile(tmp_path / "good.docx")


def test_validate_reports_the_same_way(tmp_path):
    text, line, field, words = BAD["unknown-unit"]
    src = tmp_path / "x.yaml"
    src.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(src)], prog_name="drafter")
    assert result.exit_code == 2
    _check_message(result.output, str(src), line, field, words)


def test_missing_file(tmp_path):
    result = CliRunner().invoke(main, ["render", str(tmp_path / "khong-co.yaml")], prog_name="drafter")
    assert result.exit_code == 2
    assert "khong-co.yaml" in result.output and "không tìm thấy" in result.output
    assert "Traceback" not in result.output


def _drafter_command() -> list[str]:
    exe = shutil.which("drafter")
    return [exe] if exe else [sys.executable, "-m", "drafter.cli"]


def test_real_process_bad_draft(tmp_path):
    text, line, field, words = BAD["wrong-type-date"]
    src = tmp_path / "nhap.yaml"
    src.write_text(text, encoding="utf-8")
    proc = subprocess.run([*_drafter_command(), "render", "nhap.yaml"], cwd=tmp_path,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 2
    assert proc.stdout == ""
    _check_message(proc.stderr, "nhap.yaml", line, field, words)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nhap.yaml"]


def test_existing_output_needs_force(tmp_path):
    src = tmp_path / "ke-hoach.yaml"
    src.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "ke-hoach.docx"
    out.write_bytes(b"OLD")
    runner = CliRunner()
    result = runner.invoke(main, ["render", str(src)], prog_name="drafter")
    assert result.exit_code == 2
    assert "--force" in result.output and str(out) in result.output
    assert "Traceback" not in result.output
    assert out.read_bytes() == b"OLD"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ke-hoach.docx", "ke-hoach.yaml"], "no temp file left"
    result = runner.invoke(main, ["render", str(src), "--force"], prog_name="drafter")
    assert result.exit_code == 0, result.output
    assert zipfile.is_zipfile(io.BytesIO(out.read_bytes()))


def test_existing_output_in_split_needs_force(tmp_path):
    folder = tmp_path / "ra"
    folder.mkdir()
    (folder / "ke-hoach.docx").write_bytes(b"OLD")
    result = CliRunner().invoke(main, ["render", str(FIXTURES / "qd-kh-pl.yaml"), "--split", "-o", str(folder)],
                                prog_name="drafter")
    assert result.exit_code == 2
    assert (folder / "ke-hoach.docx").read_bytes() == b"OLD"
    assert sorted(p.name for p in folder.iterdir()) == ["ke-hoach.docx"], "nothing written when one file exists"


@pytest.mark.parametrize("fixture,files", [
    ("qd-kh-pl.yaml", ["ke-hoach.docx", "phu-luc.docx", "quyet-dinh.docx"]),
    ("ke-hoach-phu-luc.yaml", ["ke-hoach.docx", "phu-luc.docx"]),
    ("ke-hoach.yaml", ["ke-hoach.docx"]),
])
def test_split_writes_one_file_per_document(tmp_path, fixture, files):
    folder = tmp_path / "ra"
    result = CliRunner().invoke(main, ["render", str(FIXTURES / fixture), "--split", "-o", str(folder)],
                                prog_name="drafter")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == files
    for f in files:
        assert zipfile.is_zipfile(folder / f)


def test_a_binary_file_is_refused_with_its_position(tmp_path):
    src = tmp_path / "rac.yaml"
    src.write_bytes(b"kind: ke-hoach\n\x00\x01")
    result = CliRunner().invoke(main, ["render", str(src)], prog_name="drafter")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"{src}:2:1: tệp có ký tự không được phép (#x0000)" in result.output
    assert not src.with_suffix(".docx").exists()


def test_an_unwritable_output_names_the_file_not_the_temp_one(tmp_path):
    src = tmp_path / "ban-thao.yaml"
    shutil.copy(EXAMPLES / "an-lac-2026.yaml", src)
    blocker = tmp_path / "la-tep"
    blocker.write_text("không phải thư mục", encoding="utf-8")
    target = blocker / "ra.docx"  # a folder that is a file: cannot be created
    result = CliRunner().invoke(main, ["render", str(src), "-o", str(target)], prog_name="drafter")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"Lỗi: {target}: không đọc hoặc ghi được tệp" in result.output
    assert ".tmp" not in result.output
