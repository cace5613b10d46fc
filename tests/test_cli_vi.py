"""The command line speaks Vietnamese: click's built-in words are translated."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from drafter import cli_vi
from drafter.cli import main

ENGLISH = [
    "Usage:", "Options:", "Commands:", "Show this message and exit", "Show the version and exit",
    "Error:", "No such option", "No such command", "Missing argument", "Missing option",
    "Missing parameter", "[OPTIONS]", "COMMAND [ARGS]", "Try '", "for help", "Got unexpected extra",
    "Did you mean", "requires an argument", "does not exist", "default:", "required]", "Aborted",
    "Invalid value", "PATH", "TEXT", "INTEGER", "DRAFT", "FILE", "DIRECTORY",
]


def _no_english(output: str) -> None:
    for word in ENGLISH:
        assert word not in output, (word, output)


def _invoke(args):
    return CliRunner().invoke(main, args, prog_name="drafter")


def test_top_level_help_is_vietnamese():
    result = _invoke(["--help"])
    assert result.exit_code == 0
    assert result.output.startswith(("Cách dùng: drafter [TÙY_CHỌN] LỆNH [THAM_SỐ]...",
                                     "Cách dùng: drafter [TÙY_CHỌN] [LỆNH] [THAM_SỐ]..."))  # click < 8.5 / ≥ 8.5
    assert "Tùy chọn:" in result.output and "Lệnh:" in result.output
    assert "Hiện hướng dẫn này rồi thoát." in result.output
    _no_english(result.output)


def test_every_command_help_is_vietnamese():
    for name in sorted(main.commands):
        result = _invoke([name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert result.output.startswith(f"Cách dùng: drafter {name}"), result.output
        for word in ENGLISH[:20]:  # built-in phrases; metavars of other commands are their own
            assert word not in result.output, (name, word, result.output)


def test_render_help_metavars():
    out = _invoke(["render", "-h"]).output
    assert "Cách dùng: drafter render [TÙY_CHỌN] BẢN_THẢO" in out
    assert "-o, --output ĐƯỜNG_DẪN" in out
    _no_english(out)


@pytest.mark.parametrize("args,words", [
    (["render", "--nope"], ["Không có tùy chọn '--nope'"]),
    (["render"], ["Thiếu tham số 'BẢN_THẢO'"]),
    (["khong-co-lenh"], ["Không có lệnh 'khong-co-lenh'"]),
    (["render", "a.yaml", "b.yaml"], ["Thừa tham số"]),
    (["render", "a.yaml", "-o"], ["cần một giá trị"]),
])
def test_usage_errors_are_vietnamese(args, words):
    result = _invoke(args)
    assert result.exit_code == 2
    assert result.output.count("Lỗi: ") == 1
    if "Cách dùng" in result.output:  # click shows the usage line for most usage errors
        assert "Cách dùng: drafter" in result.output and "Gõ «drafter" in result.output
    for w in words:
        assert w in result.output, (w, result.output)
    _no_english(result.output)
    assert "Traceback" not in result.output


def test_real_process_usage_error():
    exe = shutil.which("drafter")
    cmd = [exe] if exe else [sys.executable, "-m", "drafter.cli"]
    proc = subprocess.run([*cmd, "render", "--khong-co"], capture_output=True, text=True, encoding="utf-8",
                          timeout=120)
    assert proc.returncode == 2
    assert "Lỗi: Không có tùy chọn '--khong-co'" in proc.stderr
    _no_english(proc.stderr)


def test_translations_keep_placeholders():
    def fields(s):
        return set(re.findall(r"\{(\w+)", s)) | set(re.findall(r"%\((\w+)\)", s))

    for en, vi in cli_vi.MESSAGES.items():
        assert fields(vi) <= fields(en), en  # a translation may drop a field, never invent one
        if "{" in en:
            vi.format(**{k: "x" for k in fields(en)})
    for (s, p), (vs, vp) in cli_vi.PLURALS.items():
        assert fields(vs) <= fields(s) and fields(vp) <= fields(p)


def test_every_click_message_has_a_translation():
    """A new click release may add messages: list those drafter does not translate yet."""
    import importlib
    import inspect

    missing = []
    for name in ("core", "decorators", "exceptions", "formatting", "parser", "types"):
        src = inspect.getsource(importlib.import_module(f"click.{name}"))
        for m in re.finditer(r'\b_\(\s*((?:"[^"]*"\s*)+)\)', src):
            msg = "".join(re.findall(r'"([^"]*)"', m.group(1))).encode().decode("unicode_escape")
            if msg not in cli_vi.MESSAGES and msg[:1] != "d" * (msg == "d"):
                missing.append(msg)
    # Messages a drafter user never sees (programming errors in command definitions).
    internal = {m for m in missing if any(k in m for k in (
        "defined twice", "cannot use the same flag", "Could not determine name", "No options defined",
        "Arguments take exactly one", "Choice({"))}
    assert sorted(set(missing) - internal) == []
