"""Every YAML drafter reads is bounded: alias bombs, deep nesting and huge files are refused at once,
with the file and line; one bad preset never hides the others."""
import time

import pytest
from click.testing import CliRunner

from drafter import yamlio
from drafter.cli import main
from drafter.errors import DraftError
from drafter.presets import list_presets


def alias_bomb(levels: int = 7, width: int = 10) -> str:
    lines = [f"a0: &a0 [{', '.join(['x'] * width)}]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, levels + 1)]
    return "\n".join(lines + [f"subject: *a{levels}"]) + "\n"


def flow_nest(depth: int) -> str:
    return "title: " + "[" * depth + "]" * depth + "\n"


def block_nest(depth: int) -> str:
    return "title:\n" + "".join("  " * i + "- \n" for i in range(depth))


def refused(text: str) -> tuple[DraftError, float]:
    t0 = time.process_time()
    with pytest.raises(DraftError) as info:
        yamlio.parse(text, "hostile.yaml")
    return info.value, time.process_time() - t0


@pytest.mark.parametrize("text, words, line", [
    (alias_bomb(), "bí danh", 6),
    (flow_nest(2000), "lồng nhau quá sâu", 1),
    (block_nest(500), "lồng nhau quá sâu", 65),
    ("a: &a [" + "x, " * 100 + "]\n" + "b: &b [" + "*a, " * 100 + "]\n" + "c: &c [" + "*b, " * 100 + "]\n",
     "bí danh", 3),
    # depth hidden behind aliases: each level is shallow, the expansion is not
    ("a0: &a0 [x]\n" + "".join(f"a{i}: &a{i} [[[[[[[[*a{i - 1}]]]]]]]]\n" for i in range(1, 12)), "lồng nhau", None),
], ids=["alias-bomb", "flow-2000", "block-500", "alias-wide", "alias-deep"])
def test_refused_fast_with_file_and_line(text, words, line):
    exc, seconds = refused(text)
    assert seconds < 1.0
    problem = exc.problems[0]
    assert words in problem.message and problem.file == "hostile.yaml"
    assert problem.line is not None and (line is None or problem.line == line)


def test_file_size_bounded(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text("subject: " + "x" * (yamlio.MAX_BYTES + 10) + "\n", "utf-8")
    t0 = time.process_time()
    with pytest.raises(DraftError) as info:
        yamlio.read(big)
    assert time.process_time() - t0 < 0.5
    assert "quá lớn" in info.value.problems[0].message and info.value.problems[0].file == str(big)


def test_ordinary_aliases_and_shipped_files_still_load(root):
    data = yamlio.parse("base: &b {kind: Kế hoạch}\nbases: [*b, *b]\n")
    assert data["bases"][1]["kind"] == "Kế hoạch"
    for path in list((root / "presets").rglob("*.yaml")):
        yamlio.read(path)  # every shipped preset, example, catalogue and the library


def test_cli_validate_bomb_exit_2(tmp_path):
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(alias_bomb(), "utf-8")
    t0 = time.process_time()
    result = CliRunner().invoke(main, ["validate", str(bomb)])
    assert time.process_time() - t0 < 2.0
    assert result.exit_code == 2
    assert f"{bomb}:6:" in result.output and "bí danh" in result.output


def test_bad_presets_named_good_ones_listed(tmp_path, monkeypatch):
    folder = tmp_path / "presets"
    folder.mkdir()
    (folder / "bomb.yaml").write_text(alias_bomb(), "utf-8")
    (folder / "deep.yaml").write_text(flow_nest(2000), "utf-8")
    (folder / "blocks.yaml").write_text(block_nest(800), "utf-8")
    (folder / "binary.yaml").write_bytes(b"\xff\xfe\x00garbage")
    monkeypatch.setenv("DRAFTER_PRESETS", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    t0 = time.process_time()
    infos = {i.name: i for i in list_presets()}
    assert time.process_time() - t0 < 3.0
    for bad in ("bomb", "deep", "blocks", "binary"):
        assert infos[bad].error and str(folder / bad) in infos[bad].error
    assert infos["bac-ninh-cchc-2026"].error is None  # the shipped ones are still there
    result = CliRunner().invoke(main, ["presets"])
    assert result.exit_code == 0, result.output
    assert "bac-ninh-cchc-2026" in result.output and "không đọc được" in result.output
    assert "lồng nhau quá sâu" in result.output and "bí danh" in result.output


def test_tui_new_draft_names_bad_presets(tmp_path, monkeypatch):
    """«Tạo kế hoạch mới» opens with a bomb and a 2,000-deep preset in the folder: the good presets
    are offered, the bad ones named."""
    import asyncio

    from textual.widgets import Static

    from drafter_tui.app import DrafterApp
    from drafter_tui.screens.start import NewDraftScreen

    folder = tmp_path / "presets"
    folder.mkdir()
    (folder / "bomb.yaml").write_text(alias_bomb(), "utf-8")
    (folder / "deep.yaml").write_text(flow_nest(2000), "utf-8")
    monkeypatch.setenv("DRAFTER_PRESETS", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setenv("DRAFTER_DATA_DIR", str(tmp_path / "data"))

    async def run():
        app = DrafterApp(pdf=False, autosave_seconds=0)
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            await pilot.press("enter")
            for _ in range(3):
                await pilot.pause()
            assert isinstance(app.screen, NewDraftScreen)
            assert any(spec == "bac-ninh-cchc-2026" for _, spec in app.screen._choices)
            shown = str(app.screen.query_one("#bad-presets", Static).render())
            assert "bomb" in shown and "deep" in shown and "lồng nhau quá sâu" in shown

    asyncio.run(run())


from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

YAML_BITS = st.sampled_from(["[", "]", "{", "}", "&a ", "&b ", "*a", "*b", ": ", "- ", ", ", "\n", "  ", "'", '"',
                             "#", "!!str ", "!x ", "|", ">", "? ", "<<: ", "---\n", "...\n", "%YAML 1.2\n", "k", "v",
                             "\t", "\\", "x: &a [1, 2]\n", "y: *a\n", "\ufeff", "\x00", "é",
                             "subject: ", "sections:\n", "- title: ", "items: ", "tasks: ", "lead: ", "commune: ",
                             "date: 2026\n", "appendices: ", "columns: ", "width: ", "1e400", "-.inf", "null", "~"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(YAML_BITS, max_size=40).map("".join))
def test_any_yaml_text_parses_or_is_a_located_message(text):
    """Whatever a file holds: a draft, or a DraftError naming the file; never another exception."""
    from drafter.loader import parse_draft

    t0 = time.process_time()
    try:
        parse_draft(text, "x.yaml")  # parsed, then validated as a draft
    except DraftError as exc:
        assert exc.problems and exc.problems[0].file == "x.yaml"
    assert time.process_time() - t0 < 1.0
