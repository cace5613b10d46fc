"""Field paths: one typed value from the loader's errors to the TUI's jump, and back from text."""
import pytest

from drafter.errors import Problem, Severity
from drafter.fieldpath import FieldPath
from drafter.loader import parse_draft
from drafter.errors import DraftError


@pytest.mark.parametrize("text, parts", [
    ("sections[1].tasks[0].lead", ("sections", 1, "tasks", 0, "lead")),
    ("signer.name", ("signer", "name")),
    ("bases[2]", ("bases", 2)),
    ("decision.bases[0].ref", ("decision", "bases", 0, "ref")),
    ("nq-76-2021", ("nq-76-2021",)),
])
def test_text_and_parts_round_trip(text, parts):
    path = FieldPath.parse(text)
    assert path == FieldPath(parts) and tuple(path) == parts
    assert str(path) == text and str(FieldPath(parts)) == text


def test_appending_slicing_and_parent_stay_typed():
    task = FieldPath(("sections", 1)) / "tasks" / 0
    assert task == ("sections", 1, "tasks", 0) and isinstance(task, FieldPath)
    assert isinstance(task / ("text",), FieldPath) and str(task / ("items", 2)) == "sections[1].tasks[0].items[2]"
    assert isinstance(task + ("lead",), FieldPath) and isinstance(task[:2], FieldPath)
    assert task.parent == ("sections", 1, "tasks") and task.last == 0
    assert task.startswith(("sections", 1)) and not task.startswith(("bases",))
    assert FieldPath.parse("") == FieldPath() and not FieldPath.parse(None)
    assert {task: 1}[FieldPath.parse("sections[1].tasks[0]")] == 1  # hashable, equal by parts


def test_pydantic_locations_lose_their_union_branches():
    loc = ("sections", 0, "items", 1, "Node", "tasks", 0, "function-after[_one_or_many(), list[str]]", "lead")
    assert FieldPath.from_loc(loc) == ("sections", 0, "items", 1, "tasks", 0, "lead")


def test_a_problem_holds_a_path_and_prints_as_before():
    p = Problem("cần một đoạn chữ", "d.yaml", 3, 5, "sections[0].title")
    assert p.field == FieldPath(("sections", 0, "title"))
    assert str(p) == "d.yaml:3:5: trường «sections[0].title»: cần một đoạn chữ"
    assert Problem("x", field=("a", 1)).field == FieldPath.parse("a[1]")
    assert Problem("x").field is None and Problem("x", field="").field is None
    assert p.severity is Severity.ERROR and Problem("x", severity="warning").severity is Severity.WARNING


def test_severities_have_their_vietnamese_words():
    assert [s.label for s in Severity] == ["lỗi", "cảnh báo", "gợi ý"]


def test_loader_errors_point_with_a_path():
    text = "commune: {name: An Lạc}\ndate: 2026-06\nsubject: S\nsections:\n  - title: [1, 2]\n"
    with pytest.raises(DraftError) as info:
        parse_draft(text, "d.yaml")
    [problem] = info.value.problems
    assert problem.field == FieldPath(("sections", 0, "title")) and problem.line == 5


def test_label_names_fields_as_a_user_knows_them():
    cases = {
        "signer.name": "Người ký › Họ tên",
        "commune.name": "Xã, phường › Tên",
        "sections[1].items[0].tasks[1].lead": "Phần 2 › Mục 1 › Nhiệm vụ 2 › Đơn vị chủ trì",
        "bases[0].number": "Căn cứ 1 › Số, ký hiệu",
        "decision.bases[1].date": "Quyết định › Căn cứ 2 › Ngày",
        "sections[0].items[2]": "Phần 1 › Đoạn 3",
        "subject": "Trích yếu",
        "": "Bản thảo",
    }
    for text, label in cases.items():
        assert FieldPath.parse(text).label() == label


def test_every_model_field_has_a_vietnamese_label():
    """A new field in drafter.model gets a name in FIELD_NAMES, or the problems list shows a raw key."""
    from drafter import model
    from drafter.fieldpath import FIELD_NAMES

    missing = set()
    for cls in (model.Draft, model.Node, model.Task, model.Unit, model.Citation, model.Recipient, model.Signer,
                model.Commune, model.Decision, model.Appendix, model.Column, model.AppendixRow, model.Issuer):
        missing |= {k for k in cls.model_fields if k not in FIELD_NAMES and k != "src"}
    assert not missing, missing
