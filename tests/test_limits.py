"""Every number and text that reaches the layout is bounded, and refused with file, line and field;
keys a user may write are named as written."""
import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.derive import derive_model, prepare
from drafter.errors import DraftError
from drafter.loader import parse_draft
from drafter.model import MAX_TEXT, Commune
from drafter.presets import load_preset, parse_preset_text

HEAD = """\
kind: ke-hoach
commune: {name: Tân Hội, type: xã}
date: 2026-02-05
subject: Cải cách hành chính năm 2026
units:
  - {id: vp, name: Văn phòng, role: standing}
"""


def problems(text: str):
    with pytest.raises(DraftError) as info:
        parse_draft(text, "d.yaml")
    return info.value.problems


@pytest.mark.parametrize("width", ["-1", ".inf", "-.inf", ".nan", "0", "1000", "abc", "true"])
def test_column_widths_refused_where_written(width):
    text = HEAD + f"appendices:\n  - title: Phụ lục\n    columns:\n      - {{key: stt, header: STT}}\n" \
                  f"      - {{key: task, header: Nhiệm vụ, width: {width}}}\n"
    [p] = problems(text)
    assert (p.file, p.line, str(p.field)) == ("d.yaml", 11, "appendices[0].columns[1].width")
    assert "độ rộng cột" in p.message


@pytest.mark.parametrize("columns, count", [("[]", 0), ("[" + ", ".join(["{key: a, header: A}"] * 21) + "]", 21)])
def test_column_count_refused(columns, count):
    [p] = problems(HEAD + f"appendices:\n  - title: Phụ lục\n    columns: {columns}\n")
    assert str(p.field) == "appendices[0].columns" and p.line == 9 and f"không phải {count}" in p.message


def test_good_widths_still_render(tmp_path):
    text = HEAD + "appendices:\n  - title: Phụ lục\n    columns:\n      - {key: stt, header: STT, width: 1}\n" \
                  "      - {key: task, header: Nhiệm vụ, width: '4,5'}\n"
    (tmp_path / "d.yaml").write_text(text, "utf-8")
    result = CliRunner().invoke(main, ["render", str(tmp_path / "d.yaml")])
    assert result.exit_code == 0, result.output


def test_absurd_text_refused_with_field_and_line(tmp_path):
    huge = "Cải cách " * (MAX_TEXT // 9 + 10)
    [p] = problems(HEAD.replace("subject: Cải cách hành chính năm 2026", f"subject: {huge}"))
    assert (str(p.field), p.line) == ("subject", 4) and "quá dài" in p.message
    text = HEAD + f"sections:\n  - title: A\n    items:\n      - ngắn\n      - {huge}\n"
    [p] = problems(text)
    assert str(p.field).startswith("sections[0].items") and "quá dài" in p.message


def test_twenty_megabyte_subject_exit_2_not_a_broken_docx(tmp_path):
    draft = tmp_path / "d.yaml"
    draft.write_text(HEAD.replace("subject: Cải cách hành chính năm 2026", "subject: " + "x" * 20_000_000), "utf-8")
    result = CliRunner().invoke(main, ["render", str(draft)])
    assert result.exit_code == 2 and "quá lớn" in result.output
    assert not (tmp_path / "d.docx").exists()


@pytest.mark.parametrize("key", ["str", "Subject", "Node", "'a[0]'", "function-after[x]"])
def test_any_key_named_at_its_line(key):
    [p] = problems(HEAD + f"{key}: 1\n")
    assert p.line == 7 and str(p.field) == key.strip("'") and "không có trong mẫu" in p.message


@pytest.mark.parametrize("key", ["str", "Node"])
def test_keys_like_union_branches_inside_items(key):
    text = HEAD + f"sections:\n  - title: A\n    items:\n      - title: B\n        {key}: 1\n"
    [p] = problems(text)
    assert (p.line, str(p.field)) == (11, f"sections[0].items[0].{key}")


def test_preset_limits_located():
    from test_presets import minimal
    text = minimal().replace("layout", "x") + "layout: both\nappendix:\n  title: Phụ lục\n  columns: []\n"
    with pytest.raises(DraftError) as info:
        parse_preset_text(text, "p.yaml")
    [p] = info.value.problems
    assert str(p.field) == "appendix.columns" and "cột" in p.message and p.line


def test_rename_with_unknown_placeholder_is_a_message():
    prepared = prepare(load_preset("bac-ninh-cchc-2026"))
    with pytest.raises(DraftError) as info:
        derive_model(prepared, Commune(name="An Lạc", type="xã"), {"unit_renames": {"kt": "{{ foo }}"}})
    message = info.value.problems[0].message
    assert "«kt»" in message and "«foo»" in message
    made = derive_model(prepared, Commune(name="An Lạc", type="xã"), {"unit_renames": {"kt": "Phòng Kinh tế {{ ten }}"}})
    assert any(u.name == "Phòng Kinh tế An Lạc" for u in made.units)


def test_render_split_on_a_full_disk_writes_none_of_the_set(tmp_path, monkeypatch):
    """Out of space at the third file: none of the three appears, nothing temporary is left."""
    import errno

    from drafter import atomic

    real = atomic._temp_beside
    made = []

    def full(path):
        made.append(path)
        if len(made) == 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real(path)

    monkeypatch.setattr(atomic, "_temp_beside", full)
    draft = tmp_path / "d.yaml"
    draft.write_text(HEAD.replace("kind: ke-hoach", "kind: quyet-dinh") + "appendices:\n  - title: Phụ lục\n", "utf-8")
    result = CliRunner().invoke(main, ["render", str(draft), "--split", "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "hết chỗ" in result.output, result.output
    assert len(made) == 3 and list((tmp_path / "out").iterdir()) == []
