"""The editing layer: typed changes to a draft's YAML that keep comments and never move across kinds."""
from drafter import yamlio
from drafter.edits import BASES, DECISION_BASES, DraftEdits
from drafter.fieldpath import FieldPath
from drafter.loader import validate

DRAFT = """\
# ghi chú đầu tệp
kind: ke-hoach
commune: {name: An Lạc, type: xã}
date: 2026-06
subject: Cải cách hành chính xã An Lạc năm 2026
units:
  - {id: vhxh, name: Phòng Văn hóa - Xã hội, short: VHXH}
  - {id: kt, name: Phòng Kinh tế}
sections:
  - title: Mục đích, yêu cầu   # không ghi role: đoán theo tiêu đề một lần
    items: [Đoạn một]
  - title: Nhiệm vụ
    role: tasks
    items:
      - Đoạn mở đầu
      - title: Lĩnh vực A
        tasks:
          - {text: Việc một, lead: vhxh}
          - {text: Việc hai}
      - Đoạn giữa
      - title: Lĩnh vực B
  - title: Giải pháp
    role: solutions
  - title: Tổ chức thực hiện
    role: implementation
    generate: duties
recipients:
  - {text: Sở Nội vụ, report: true}  # cấp trên
archive: VT, VHXH
"""


def doc():
    changes = []
    data = yamlio.parse(DRAFT)
    return DraftEdits(data, on_change=lambda: changes.append(1)), changes


def titles(edits):
    return [s["title"] for s in edits.data["sections"]]


def test_kinds_come_from_roles_and_a_roleless_section_keeps_its_kind_when_renamed():
    edits, _ = doc()
    assert edits.kinds() == ["purposes", "tasks", "tasks", "implementation"]
    edits.set(("sections", 0, "title"), "Nhiệm vụ trọng tâm")  # would read as a task section by title
    assert edits.kind_of(edits.data["sections"][0]) == "purposes"
    assert edits.sections("tasks") == [FieldPath(("sections", 1)), FieldPath(("sections", 2))]


def test_a_section_never_moves_past_a_section_of_another_kind():
    edits, changes = doc()
    before = titles(edits)
    assert edits.move(("sections", 1), -1) is None  # tasks above "Mục đích, yêu cầu": refused
    assert edits.move(("sections", 2), 1) is None  # "Giải pháp" below "Tổ chức thực hiện": refused
    assert titles(edits) == before and changes == []
    assert edits.move(("sections", 2), -1) == ("sections", 1)  # two task sections swap
    assert titles(edits) == ["Mục đích, yêu cầu", "Giải pháp", "Nhiệm vụ", "Tổ chức thực hiện"]


def test_tasks_and_nodes_move_only_among_their_siblings():
    edits, _ = doc()
    area = FieldPath(("sections", 1, "items", 1))
    assert edits.move(area / ("tasks", 0), -1) is None
    assert edits.move(area / ("tasks", 0), 1) == area / ("tasks", 1)
    assert [t["text"] for t in edits.get(area / "tasks")] == ["Việc hai", "Việc một"]
    assert edits.move(area / ("tasks", 1), 1) is None  # the last task stays in its area
    # a node moves past paragraphs to the next node, and stops at the ends
    assert edits.move(area, 1) == ("sections", 1, "items", 3)
    assert [i if isinstance(i, str) else i["title"] for i in edits.get(("sections", 1, "items"))] == \
        ["Đoạn mở đầu", "Lĩnh vực B", "Đoạn giữa", "Lĩnh vực A"]
    assert edits.move(("sections", 1, "items", 3), 1) is None


def test_new_sections_go_where_their_kind_belongs_with_their_role():
    edits, _ = doc()
    budget = edits.add_section("budget", "Kinh phí thực hiện", ["Ngân sách xã."])
    assert budget == ("sections", 3) and edits.get(budget)["role"] == "budget"
    free = edits.add_section("tasks", "Mục mới")
    assert free == ("sections", 3) and edits.get(free)["role"] == "free"
    impl = edits.add_section("implementation", "Tổ chức thực hiện")
    assert impl == ("sections", 6) and edits.get(impl)["generate"] == "duties"
    assert edits.kinds() == ["purposes", "tasks", "tasks", "tasks", "budget", "implementation", "implementation"]


def test_structure_edits_keep_comments_and_validate():
    edits, changes = doc()
    area = FieldPath(("sections", 1, "items", 1))
    task = edits.add_task(area, after=0, text="Việc chen giữa")
    assert task == area / ("tasks", 1)
    assert [t["text"] for t in edits.get(area / "tasks")] == ["Việc một", "Việc chen giữa", "Việc hai"]
    new_area = edits.add_node(("sections", 1), "Lĩnh vực C", tasks=True)
    assert edits.get(new_area) == {"title": "Lĩnh vực C", "tasks": []}
    twin = edits.duplicate(area / ("tasks", 0))
    assert edits.get(twin)["text"] == "Việc một"
    assert edits.add_basis(BASES, ref="nq-76-2021") == ("bases", 0)
    assert edits.add_basis(DECISION_BASES, ref="luat-72-2025") == ("decision", "bases", 0)
    assert edits.remove(("decision", "bases", 0)) and "bases" not in edits.data["decision"]  # emptied list goes
    assert len(changes) == 6
    text = yamlio.dump(edits.data)
    assert text.startswith("# ghi chú đầu tệp\n")
    assert "# không ghi role: đoán theo tiêu đề một lần" in text and "# cấp trên" in text
    assert list(edits.data)[:5] == ["kind", "commune", "date", "subject", "units"]
    validate(edits.data)  # still a valid draft


def test_fields_units_paragraphs_and_recipients():
    edits, changes = doc()
    task = FieldPath(("sections", 1, "items", 1, "tasks", 1))
    assert edits.set_units(task / "lead", ["kt"]) and edits.get(task / "lead") == "kt"  # one unit: plain text
    assert edits.set_units(task / "support", ["vhxh", "kt"]) and list(edits.get(task / "support")) == ["vhxh", "kt"]
    assert not edits.set_units(task / "support", ["vhxh", "kt"])
    assert edits.set_units(task / "support", []) and "support" not in edits.get(task)
    node = FieldPath(("sections", 1))
    assert edits.set_paragraphs(node, ["Đoạn mở đầu mới"])
    items = edits.get(node / "items")
    assert items[0] == "Đoạn mở đầu mới" and [i["title"] for i in items if isinstance(i, dict)] == \
        ["Lĩnh vực A", "Lĩnh vực B"]
    assert edits.set_recipients(["Sở Nội vụ (b/c)", "Phòng Kinh tế", "UBMTTQ Việt Nam xã"])
    recips = edits.data["recipients"]
    assert recips[0] == {"text": "Sở Nội vụ", "report": True} and recips[1] == {"unit": "kt"}
    assert recips[2] == {"text": "UBMTTQ Việt Nam xã"}
    assert edits.add_unit("Phòng Kinh tế") == ("units", 2) and edits.get(("units", 2, "id")) == "phong-kinh-te"
    assert edits.get(edits.add_unit("Phòng Kinh tế"))["id"] == "phong-kinh-te-2"
    assert edits.set_issuer_lines([]) is False and "issuer" not in edits.data  # nothing created to clear
    assert edits.clear(("place",)) is False
    assert edits.set(("place",), "Thôn Đông") and not edits.set(("place",), "Thôn Đông")
    assert len(changes) == 8


def outline(edits):
    """Section titles with their areas' tasks: what the printed outline numbers."""

    def node(n):
        items = n.get("items") or []
        subs = [node(i) for i in items if isinstance(i, dict)]
        return (n.get("title"), [t["text"] for t in n.get("tasks") or []], subs)

    return [node(s) for s in edits.data["sections"]]


def test_undo_restores_the_outline_after_each_structure_change():
    edits, changes = doc()
    start, text = outline(edits), yamlio.dump(edits.data)
    assert edits.move(("sections", 2), -1) is not None
    assert edits.move(("sections", 2, "items", 1, "tasks", 0), 1) is not None
    edits.remove(("sections", 0))
    edits.add_task(("sections", 0, "items", 1), text="Việc mới")
    edits.duplicate(("sections", 1))
    edits.add_node(("sections", 1), "Lĩnh vực C", tasks=True)
    edits.add_section("budget", "Kinh phí")
    assert outline(edits) != start
    undone = []
    while (point := edits.undo()) is not None:
        undone.append(point.what)
    assert undone == ["thêm phần", "thêm mục", "nhân bản", "thêm nhiệm vụ", "xóa", "chuyển chỗ", "chuyển chỗ"]
    assert outline(edits) == start
    assert yamlio.dump(edits.data) == text  # comments and key order too
    assert edits.kinds() == ["purposes", "tasks", "tasks", "implementation"]  # the roleless section kept its kind


def test_undo_selects_where_the_change_was_and_says_when_typing_went_with_it():
    edits, _ = doc()
    task = FieldPath(("sections", 1, "items", 1, "tasks", 1))
    assert edits.move(task, -1) is not None
    assert not edits.history[-1].typed
    edits.set(("place",), "Thôn Đông")
    assert edits.history[-1].typed  # undoing the move would undo this typing too: the TUI asks
    point = edits.undo()
    assert point.path == task and point.what == "chuyển chỗ"
    assert "place" not in edits.data
    assert edits.undo() is None
    # a refused move keeps nothing to undo
    assert edits.move(("sections", 1), -1) is None and edits.history == []


def test_a_mistyped_key_is_renamed_in_place_or_removed_and_undone():
    data = yamlio.parse(DRAFT.replace("subject:", "subjct:"))
    edits = DraftEdits(data)
    assert edits.rename_key(("subjct",), "subject") == ("subject",)
    assert list(edits.data)[:5] == ["kind", "commune", "date", "subject", "units"]
    validate(edits.data)
    assert edits.rename_key(("subject",), "kind") is None  # never over another key
    assert edits.remove_key(("archive",)) and "archive" not in edits.data
    edits.undo()
    edits.undo()
    assert "subjct" in edits.data and "subject" not in edits.data and "archive" in edits.data


def test_the_text_a_field_shows_for_a_date_or_a_number_is_not_a_change():
    """A form built from ``date: 2025-11-18`` (YAML reads a date) or ``number: 179`` (an int) writes
    back the text it shows: nothing changed, the file keeps its own form and is not «chưa lưu»."""
    data = yamlio.parse(DRAFT.replace("date: 2026-06", "date: 2025-11-18\nnumber: 179"))
    changes = []
    edits = DraftEdits(data, on_change=lambda: changes.append(1))
    assert not edits.set(("date",), "2025-11-18") and not edits.set(("number",), "179")
    assert changes == [] and "date: 2025-11-18\n" in yamlio.dump(edits.data)
    assert edits.set(("date",), "2025-11-19") and changes == [1]
