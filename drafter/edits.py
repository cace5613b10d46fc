"""Typed edits of a draft's YAML document, keeping its comments and key order.

The document is the ruamel ``CommentedMap`` that ``drafter.loader.Loaded.data`` holds. The
TUI's steps edit it only through :class:`DraftEdits`, so that they need not know the YAML's
shape: where a new section goes, how a node holds its paragraphs, when one unit is written
as text rather than a list. Validation stays with the caller (``on_change`` is told).

Structure never changes by accident: a move stays among siblings of the same kind (a task
among its node's tasks, a sub-node among its parent's sub-nodes, a section among the
neighbouring sections of its kind), and a section's kind comes from its ``role``.
"""
from __future__ import annotations

import copy
import datetime as _dt
from dataclasses import dataclass
from typing import Callable, Iterator, Literal

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .fieldpath import FieldPath
from .text import nfc, slug
from .yamlio import get_in

SectionKind = Literal["purposes", "tasks", "budget", "implementation"]

# A section's role (drafter.model.Role) → the kind of content it holds.
ROLE_KINDS: dict[str, SectionKind] = {
    "purposes": "purposes", "requirements": "purposes", "targets": "purposes",
    "tasks": "tasks", "solutions": "tasks", "free": "tasks",
    "budget": "budget",
    "implementation": "implementation", "requests": "implementation",
}
# The role a new section of each kind is written with.
NEW_ROLES: dict[SectionKind, str] = {"purposes": "purposes", "tasks": "free", "budget": "budget",
                                     "implementation": "implementation"}
# Where a new section goes: before the first section of these kinds (else at the end).
_BEFORE: dict[SectionKind, tuple[SectionKind, ...]] = {
    "purposes": ("tasks", "budget", "implementation"), "tasks": ("budget", "implementation"),
    "budget": ("implementation",), "implementation": (),
}

SECTIONS = FieldPath(("sections",))
UNITS = FieldPath(("units",))
RECIPIENTS = FieldPath(("recipients",))
BASES = FieldPath(("bases",))
DECISION_BASES = FieldPath(("decision", "bases"))
APPENDICES = FieldPath(("appendices",))

# The columns a task table fills from each task (drafter.context._cell), as a user names them.
COLUMN_KEYS: dict[str, str] = {"stt": "Số thứ tự", "task": "Nhiệm vụ", "target": "Mục tiêu",
                               "lead": "Cơ quan chủ trì", "support": "Cơ quan phối hợp",
                               "deadline": "Thời hạn", "output": "Sản phẩm"}


def cmap(**kwargs) -> CommentedMap:
    """A YAML map with the keys in the order given."""
    m = CommentedMap()
    for k, v in kwargs.items():
        m[k] = v
    return m


def as_list(value) -> list[str]:
    """``lead: vhxh`` and ``lead: [vhxh]`` alike; an empty string is no unit."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    return [str(v) for v in value]


def paragraphs(node) -> list[str]:
    """A node's free paragraphs (its string items), in order."""
    items = (node or {}).get("items") or [] if isinstance(node, dict) else []
    return [str(i) for i in ([items] if isinstance(items, str) else items) if isinstance(i, str)]


def role_kind(section) -> SectionKind | None:
    """The kind a section's data says: its ``role``, or ``generate: duties``."""
    if not isinstance(section, dict):
        return None
    kind = ROLE_KINDS.get(str(section.get("role")))
    if kind is None and section.get("generate") == "duties":
        kind = "implementation"
    return kind


def guess_kind(section) -> SectionKind:
    """For a section written without ``role``: the kind its title suggests (read once, on opening)."""
    title = nfc(str(section.get("title") or "") if isinstance(section, dict) else "").lower()
    if title.startswith(("mục đích", "mục tiêu", "yêu cầu")):
        return "purposes"
    if title.startswith("kinh phí"):
        return "budget"
    if title.startswith("tổ chức thực hiện"):
        return "implementation"
    return "tasks"


UNDO_MAX = 50  # structure changes kept for undo


@dataclass
class Checkpoint:
    """The draft as it was before one structure change (what Ctrl+Z brings back)."""

    what: str  # the change in Vietnamese, as the user is told: "xóa nhiệm vụ"
    data: CommentedMap
    kinds: list  # the sections' kinds then (roleless sections keep theirs)
    path: FieldPath | None  # the element the change was made at, selected again after undo
    typed: bool = False  # text was edited after it: undoing the change undoes that typing too


class DraftEdits:
    """Every change the editor makes to a draft's YAML; ``on_change`` runs after each one.

    Each structure change (add, duplicate, move, remove) first keeps a copy of the draft, so
    that :meth:`undo` restores the outline as it was.
    """

    def __init__(self, data: CommentedMap, on_change: Callable[[], None] | None = None):
        self.data = data
        self.on_change = on_change
        self.history: list[Checkpoint] = []
        # Sections written without a role keep the kind their title had when the draft was
        # opened, so that renaming one never moves it to another step.
        self._kinds: dict[int, tuple[object, SectionKind]] = {}
        for section in self.data.get("sections") or []:
            if role_kind(section) is None and isinstance(section, dict):
                self._remember(section, guess_kind(section))

    def _remember(self, section, kind: SectionKind) -> None:
        self._kinds[id(section)] = (section, kind)  # the section itself is kept: ids stay unique

    def _changed(self, structure: bool = False) -> bool:
        if not structure and self.history:
            self.history[-1].typed = True
        if self.on_change is not None:
            self.on_change()
        return True

    def _checkpoint(self, what: str, path=None) -> None:
        """Before a structure change: the draft as it is, for :meth:`undo`."""
        kinds = [self.kind_of(s) for s in self.data.get("sections") or []]
        self.history.append(Checkpoint(what, copy.deepcopy(self.data), kinds,
                                       FieldPath(path) if path is not None else None))
        del self.history[:-UNDO_MAX]

    def undo(self) -> Checkpoint | None:
        """Restore the draft as it was before the last structure change (None: nothing to undo).

        The document is put back in place (the same map object), so whoever holds ``data`` sees it.
        """
        if not self.history:
            return None
        point = self.history.pop()
        restored = point.data
        self.data.clear()
        self.data.update(restored)
        if hasattr(restored, "copy_attributes"):
            restored.copy_attributes(self.data)  # the file's own comments too
        self._kinds = {}
        for section, kind in zip(self.data.get("sections") or [], point.kinds):
            if role_kind(section) is None and isinstance(section, dict):
                self._remember(section, kind)
        self._changed(structure=True)
        return point

    # -------------------------------------------------------------- reading

    def get(self, path, default=None):
        return get_in(self.data, path, default)

    def kind_of(self, section) -> SectionKind:
        kind = role_kind(section)
        if kind is None:
            known = self._kinds.get(id(section))
            kind = known[1] if known and known[0] is section else guess_kind(section)
        return kind

    def sections(self, kind: SectionKind) -> list[FieldPath]:
        return [SECTIONS / i for i, s in enumerate(self.data.get("sections") or []) if self.kind_of(s) == kind]

    def kinds(self) -> list[SectionKind]:
        return [self.kind_of(s) for s in self.data.get("sections") or []]

    def subnodes(self, node) -> list[FieldPath]:
        """The titled sub-nodes among a node's items (its paragraphs left out)."""
        items = self.get(FieldPath(node) / "items")
        return [FieldPath(node) / ("items", j) for j, item in enumerate(items if isinstance(items, list) else [])
                if isinstance(item, dict)]

    def node_tasks(self, node) -> list[FieldPath]:
        tasks = self.get(FieldPath(node) / "tasks")
        return [FieldPath(node) / ("tasks", t) for t, task in enumerate(tasks if isinstance(tasks, list) else [])
                if isinstance(task, dict)]

    def tasks(self) -> Iterator[tuple[FieldPath, CommentedMap]]:
        """(path, task) of every task in the body, in reading order."""

        def visit(path: FieldPath):
            for sub in self.subnodes(path):
                yield from visit(sub)
            for task in self.node_tasks(path):
                yield task, self.get(task)

        for i, section in enumerate(self.data.get("sections") or []):
            if isinstance(section, dict):
                yield from visit(SECTIONS / i)

    def own_duties(self, unit: int) -> list[str]:
        """A unit's duties written as paragraphs (its titled duty nodes left out)."""
        return [str(d) for d in self.get(UNITS / (unit, "duties")) or [] if isinstance(d, str)]

    def unit_names(self, short: bool = False) -> dict[str, str]:
        """Unit id → its name (``short``: the short name where it has one)."""
        return {str(u.get("id")): str((short and u.get("short")) or u.get("name") or u.get("id"))
                for u in self.data.get("units") or [] if isinstance(u, dict) and u.get("id")}

    def recipient_line(self, item) -> str:
        """A distribution-list entry as one line a user edits: "Sở Nội vụ (b/c)"."""
        if isinstance(item, str):
            return item
        if not isinstance(item, dict):
            return ""
        name = item.get("text")
        if not name and item.get("unit"):
            name = self.unit_names().get(str(item.get("unit")), item.get("unit"))
        return f"{name} (b/c)" if item.get("report") else str(name)

    # -------------------------------------------------------------- fields

    def set(self, path, value, *, drop_empty: bool = False) -> bool:
        """Set a value (creating maps on the way); ``drop_empty`` removes the key for ""/None/[]."""
        path = FieldPath(path)
        if isinstance(value, str):
            value = nfc(value)
        if drop_empty and value in (None, "", [], {}):
            return self.clear(path)
        current = self.get(path)
        if current == value and type(current) is type(value):
            return False
        if isinstance(value, str) and isinstance(current, (str, int, float, _dt.date)) and str(current) == value:
            # the text a field shows for what the file holds (a date YAML read as a date, a number): not a change
            return False
        self._put(path, value)
        return self._changed()

    def _put(self, path: FieldPath, value) -> None:
        """Assign, creating the maps on the way; no one is told (the caller tells once)."""
        parent = self.data
        for key in path[:-1]:
            nxt = get_in(parent, (key,))
            if nxt is None:
                nxt = CommentedMap()
                parent[key] = nxt
            parent = nxt
        parent[path[-1]] = value

    def clear(self, path) -> bool:
        """Remove a key (nothing is created on the way to it)."""
        path = FieldPath(path)
        parent = self.get(path.parent) if len(path) > 1 else self.data
        if isinstance(parent, dict) and path[-1] in parent:
            del parent[path[-1]]
            return self._changed()
        return False

    def rename_key(self, path, new: str) -> FieldPath | None:
        """A key renamed in place (its value, position and comments kept): a typo like ``subjct:`` fixed."""
        path = FieldPath(path)
        parent = self.get(path.parent) if len(path) > 1 else self.data
        old = path[-1]
        if not isinstance(parent, dict) or old not in parent or new in parent:
            return None
        self._checkpoint("đổi tên khóa", path)
        at = list(parent).index(old)
        value = parent.pop(old)
        parent.insert(at, new, value)
        self._changed(structure=True)
        return path.parent / new

    def remove_key(self, path) -> bool:
        """A key and its value removed (undoable)."""
        path = FieldPath(path)
        parent = self.get(path.parent) if len(path) > 1 else self.data
        if not isinstance(parent, dict) or path[-1] not in parent:
            return False
        self._checkpoint("xóa khóa", path)
        del parent[path[-1]]
        return self._changed(structure=True)

    def set_lines(self, path, lines: list[str]) -> bool:
        """A list of one-line texts; no lines removes the key."""
        lines = [nfc(x) for x in lines]
        if lines == as_list(self.get(path)) and isinstance(self.get(path), list):
            return False
        return self.set(path, CommentedSeq(lines) if lines else None, drop_empty=True)

    def set_issuer_lines(self, lines: list[str]) -> bool:
        changed = self.set_lines(("issuer", "lines"), lines)
        if self.get(("issuer",)) == {}:
            changed = self.clear(("issuer",)) or changed
        return changed

    def set_paragraphs(self, node_path, lines: list[str]) -> bool:
        """A node's free paragraphs, keeping its sub-nodes where they are."""
        node = self.get(node_path)
        if not isinstance(node, dict):
            return False
        items = node.get("items")
        if isinstance(items, str):
            items = CommentedSeq([items])
            node["items"] = items
        if items is None:
            items = CommentedSeq()
        new = [nfc(x) for x in lines]
        old_idx = [i for i, it in enumerate(items) if isinstance(it, str)]
        if [items[i] for i in old_idx] == new:
            return False
        for k, i in enumerate(old_idx):
            if k < len(new):
                items[i] = new[k]
        for i in reversed(old_idx[len(new):]):
            del items[i]
        for line in new[len(old_idx):]:
            items.append(line)
        if items and "items" not in node:
            node["items"] = items
        if not items and "items" in node:
            del node["items"]
        return self._changed()

    def set_units(self, path, ids: list[str]) -> bool:
        """A task's lead or support units: one unit stays plain text unless already a list."""
        current = self.get(path)
        if ids == as_list(current):
            return False
        if not ids:
            return self.clear(path)
        as_text = len(ids) == 1 and (current is None or isinstance(current, str))
        return self.set(path, ids[0] if as_text else CommentedSeq(ids))

    def set_unit_duties(self, unit: int, lines: list[str]) -> bool:
        """A unit's own duties as paragraphs; its titled duty nodes stay after them."""
        path = UNITS / (unit, "duties")
        old = self.get(path) or []
        if self.own_duties(unit) == [nfc(x) for x in lines]:
            return False
        new = CommentedSeq([nfc(x) for x in lines] + [d for d in old if not isinstance(d, str)])
        return self.set(path, new if new else None, drop_empty=True)

    def set_recipients(self, lines: list[str]) -> bool:
        """The distribution list from one line a recipient; known units are written by id."""
        units = {name: uid for uid, name in self.unit_names().items()}
        old = list(self.data.get("recipients") or [])
        by_line: dict[str, object] = {}
        for item in old:
            by_line.setdefault(self.recipient_line(item), item)
        new = CommentedSeq()
        for line in (nfc(x) for x in lines):
            if line in by_line:
                new.append(by_line[line])
                continue
            report = line.endswith("(b/c)")
            name = line.removesuffix("(b/c)").strip().removeprefix("- ").rstrip(";")
            item = cmap(unit=units[name]) if name in units else cmap(text=name)
            if report:
                item["report"] = True
            new.append(item)
        if [self.recipient_line(i) for i in new] == [self.recipient_line(i) for i in old]:
            return False
        return self.set(RECIPIENTS, new if new else None, drop_empty=True)

    # -------------------------------------------------------------- structure

    def _list(self, path) -> CommentedSeq:
        """The list at ``path``, made when missing (the structure edit that needs it tells)."""
        seq = self.get(path)
        if not isinstance(seq, list):
            seq = CommentedSeq()
            self._put(FieldPath(path), seq)
        return seq

    def add_section(self, kind: SectionKind, title: str, items: list | None = None) -> FieldPath:
        """A new top-level section of ``kind``, placed where that kind belongs in a plan."""
        self._checkpoint("thêm phần", SECTIONS)
        seq = self._list(SECTIONS)
        at = next((i for i, s in enumerate(seq) if self.kind_of(s) in _BEFORE[kind]), len(seq))
        node = cmap(title=title, role=NEW_ROLES[kind])
        if kind == "implementation":
            node["generate"] = "duties"
        else:
            node["items"] = CommentedSeq(copy.deepcopy(items or []))
        seq.insert(at, node)
        self._changed(structure=True)
        return SECTIONS / at

    def add_node(self, parent, title: str, *, tasks: bool = False) -> FieldPath:
        """A titled sub-node at the end of ``parent``'s items (``tasks``: an area that holds tasks)."""
        self._checkpoint("thêm mục", parent)
        items = self._list(FieldPath(parent) / "items")
        items.append(cmap(title=title, tasks=CommentedSeq()) if tasks else cmap(title=title, items=CommentedSeq()))
        self._changed(structure=True)
        return FieldPath(parent) / ("items", len(items) - 1)

    def add_task(self, node, *, after: int | None = None, text: str = "Nhiệm vụ mới") -> FieldPath:
        """A task in ``node``: after task number ``after``, or last."""
        self._checkpoint("thêm nhiệm vụ", node)
        tasks = self._list(FieldPath(node) / "tasks")
        at = after + 1 if after is not None else len(tasks)
        tasks.insert(at, cmap(text=text))
        self._changed(structure=True)
        return FieldPath(node) / ("tasks", at)

    def add_basis(self, root: FieldPath, **fields) -> FieldPath:
        """A citation at the end of the plan's bases (``BASES``) or the decision's (``DECISION_BASES``)."""
        self._checkpoint("thêm căn cứ", root)
        seq = self._list(root)
        seq.append(cmap(**fields))
        self._changed(structure=True)
        return root / (len(seq) - 1)

    def add_unit(self, name: str) -> FieldPath:
        """A unit of the commune, with an id made from its name (unique in the draft)."""
        name = nfc(name.strip())
        self._checkpoint("thêm đơn vị", UNITS)
        units = self._list(UNITS)
        ids = {str(u.get("id")) for u in units if isinstance(u, dict)}
        base = slug(name, "don-vi")[:40].strip("-")
        uid, k = base, 2
        while uid in ids:
            uid, k = f"{base}-{k}", k + 1
        units.append(cmap(id=uid, name=name))
        self._changed(structure=True)
        return UNITS / (len(units) - 1)

    def duplicate(self, path) -> FieldPath | None:
        """A copy of the element at ``path`` right after it."""
        path = FieldPath(path)
        seq = self.get(path.parent)
        if len(path) < 2 or not isinstance(seq, list) or not isinstance(path[-1], int):
            return None
        self._checkpoint("nhân bản", path)
        original = seq[path[-1]]
        twin = copy.deepcopy(original)
        if path.parent == SECTIONS and role_kind(original) is None:
            self._remember(twin, self.kind_of(original))
        seq.insert(path[-1] + 1, twin)
        self._changed(structure=True)
        return path.parent / (path[-1] + 1)

    def move(self, path, delta: int) -> FieldPath | None:
        """Move one place up (-1) or down (+1) among siblings of the same kind; None when it cannot.

        Tasks move among their node's tasks, sub-nodes past paragraphs to the next sub-node,
        sections only past a neighbouring section of the same kind (a task area never jumps
        over "Mục đích, yêu cầu"), list entries (bases, units, recipients) among their list.
        """
        path = FieldPath(path)
        seq = self.get(path.parent)
        if len(path) < 1 or not isinstance(seq, list) or not isinstance(path[-1], int):
            return None
        i = path[-1]
        j = i + delta
        if path.parent == SECTIONS:
            if not (0 <= j < len(seq)) or self.kind_of(seq[j]) != self.kind_of(seq[i]):
                return None
        elif path[-2:-1] == ("items",) and isinstance(seq[i], dict):
            while 0 <= j < len(seq) and not isinstance(seq[j], dict):
                j += delta  # nodes move past paragraphs to the next node
        if not (0 <= j < len(seq)):
            return None
        self._checkpoint("chuyển chỗ", path)
        seq[i], seq[j] = seq[j], seq[i]
        self._changed(structure=True)
        return path.parent / j

    def remove(self, path) -> bool:
        """Delete the element at ``path``; a list left empty goes with it."""
        path = FieldPath(path)
        seq = self.get(path.parent)
        if not isinstance(seq, list) or not isinstance(path[-1], int) or not 0 <= path[-1] < len(seq):
            return False
        self._checkpoint("xóa", path)
        del seq[path[-1]]
        holder = self.get(path[:-2]) if len(path) > 2 else self.data
        if not seq and isinstance(holder, dict):
            del holder[path[-2]]
        return self._changed(structure=True)

    # -------------------------------------------------------------- appendices
    #
    # An appendix's columns and rows are edited in place, so whatever else a column or a row holds
    # (fields this editor does not know) stays as written. Column edits on a ``source: rows``
    # appendix keep each row's cells under their column: a column added, removed or moved adds,
    # removes or moves the cell at its position in every row long enough to have one.

    def appendix_count(self) -> int:
        found = self.get(APPENDICES)
        return len(found) if isinstance(found, list) else 0

    def add_appendix(self, title: str = "Phụ lục mới") -> FieldPath:
        """A new appendix at the end, with the default task columns (its rows come from the tasks)."""
        self._checkpoint("thêm phụ lục", APPENDICES)
        seq = self._list(APPENDICES)
        seq.append(cmap(title=nfc(title)))
        self._changed(structure=True)
        return APPENDICES / (len(seq) - 1)

    def columns(self, appendix) -> list:
        """The appendix's columns as written, or the default ones (not yet written) when it has none."""
        written = self.get(FieldPath(appendix) / "columns")
        if isinstance(written, list):  # a column written as something else shows as its text
            return [c if isinstance(c, dict) else {"key": "", "header": str(c)} for c in written]
        from .model import DEFAULT_COLUMNS

        return [c.model_dump(exclude_none=True) for c in DEFAULT_COLUMNS]

    def cell_columns(self, appendix) -> list[int]:
        """The columns a row's ``cells`` fill, by index: all, or all but STT when ``numbering``
        computes it (``drafter.model.Appendix.cell_columns``)."""
        columns = self.columns(appendix)
        computed = self.get(FieldPath(appendix) / "numbering") is not None
        return [i for i, c in enumerate(columns) if not (computed and str(c.get("key")) == "stt")]

    def _columns_written(self, appendix) -> CommentedSeq:
        """The columns list in the YAML; the default columns are written out first when it has none."""
        path = FieldPath(appendix) / "columns"
        seq = self.get(path)
        if not isinstance(seq, list):
            seq = CommentedSeq(self._flow(dict(c)) for c in self.columns(appendix))
            self._put(path, seq)
        return seq

    @staticmethod
    def _flow(fields: dict) -> CommentedMap:
        """One column or row on one line, as drafts write them: ``- {key: stt, header: STT}``."""
        m = cmap(**fields)
        m.fa.set_flow_style()
        return m

    def _rows_cells(self, appendix) -> list[CommentedSeq]:
        """Every row's cells list (made a list where a row wrote none)."""
        out = []
        for row in self.get(FieldPath(appendix) / "rows") or []:
            if isinstance(row, dict):
                cells = row.get("cells")
                if not isinstance(cells, list):
                    continue
                out.append(cells)
        return out

    def set_column(self, appendix, index: int, field: str, value, *, drop_empty: bool = False) -> bool:
        """One field of column ``index`` (header, key, width); the default columns are written out first."""
        path = FieldPath(appendix) / ("columns", index, field)
        written = self.get(FieldPath(appendix) / "columns")
        if isinstance(written, list) and not isinstance(get_in(written, (index,)), dict):
            return False  # not a column the editor can write into: the problems list names it
        if not isinstance(written, list):
            if (self.columns(appendix)[index].get(field) or None) == (value or None):
                return False
            self._columns_written(appendix)
        return self.set(path, value, drop_empty=drop_empty)

    def add_column(self, appendix, *, after: int | None = None, header: str = "",
                   key: str = "") -> FieldPath:
        """A column after column ``after`` (or last); in a rows table every row gets an empty cell there.

        A task table's new column takes the first task field no column shows yet ("Mục tiêu"), so
        that it prints something; a rows table's gets a free key.
        """
        appendix = FieldPath(appendix)
        self._checkpoint("thêm cột", appendix / "columns")
        seq = self._columns_written(appendix)
        at = len(seq) if after is None else after + 1
        taken = {str(c.get("key")) for c in seq if isinstance(c, dict)}
        if not key and self.get(appendix / "source", "tasks") != "rows":
            key = next((k for k in COLUMN_KEYS if k not in taken), "")
            header = header or COLUMN_KEYS.get(key, "")
        header = header or "Cột mới"
        key = key or slug(header, "cot")
        base, k = key, 2
        while key in taken:
            key, k = f"{base}-{k}", k + 1
        cell = sum(1 for j in self.cell_columns(appendix) if j < at)  # the new column's place in «cells»
        seq.insert(at, self._flow({"key": key, "header": nfc(header)}))
        if self.get(appendix / "source") == "rows" and at in self.cell_columns(appendix):
            for cells in self._rows_cells(appendix):
                if cell < len(cells):
                    cells.insert(cell, "")
        self._changed(structure=True)
        return appendix / ("columns", at)

    def remove_column(self, appendix, index: int) -> bool:
        """Column ``index`` removed, and in a rows table its cell in every row; the last column stays."""
        appendix = FieldPath(appendix)
        if len(self.columns(appendix)) <= 1:
            return False
        self._checkpoint("xóa cột", appendix / ("columns", index))
        filled = self.cell_columns(appendix)
        seq = self._columns_written(appendix)
        del seq[index]
        if self.get(appendix / "source") == "rows" and index in filled:
            cell = filled.index(index)
            for cells in self._rows_cells(appendix):
                if cell < len(cells):
                    del cells[cell]
        return self._changed(structure=True)

    def move_column(self, appendix, index: int, delta: int) -> FieldPath | None:
        """Column ``index`` one place left (-1) or right (+1), with its cells in a rows table."""
        appendix = FieldPath(appendix)
        j = index + delta
        if not (0 <= index < len(self.columns(appendix)) and 0 <= j < len(self.columns(appendix))):
            return None
        self._checkpoint("chuyển cột", appendix / ("columns", index))
        filled = self.cell_columns(appendix)
        seq = self._columns_written(appendix)
        seq[index], seq[j] = seq[j], seq[index]
        if self.get(appendix / "source") == "rows" and index in filled and j in filled:
            a, b = sorted((filled.index(index), filled.index(j)))  # a computed STT moving leaves «cells» as they are
            for cells in self._rows_cells(appendix):
                if a < len(cells):
                    while len(cells) <= b:
                        cells.append("")
                    cells[a], cells[b] = cells[b], cells[a]
        self._changed(structure=True)
        return appendix / ("columns", j)

    def add_row(self, appendix, *, after: int | None = None, group: bool = False,
                cells: list[str] | None = None) -> FieldPath:
        """A row after row ``after`` (or last): empty cells, one a column, unless ``cells`` are given."""
        appendix = FieldPath(appendix)
        self._checkpoint("thêm dòng", appendix / "rows")
        seq = self._list(appendix / "rows")
        at = len(seq) if after is None else after + 1
        seq.insert(at, self._new_row(cells if cells is not None else [""] * len(self.cell_columns(appendix)), group))
        self._changed(structure=True)
        return appendix / ("rows", at)

    @staticmethod
    def _new_row(cells: list[str], group: bool) -> CommentedMap:
        """``- {cells: [I, Cải cách thể chế], group: true}``"""
        seq = CommentedSeq(nfc(str(c)) for c in cells)
        seq.fa.set_flow_style()
        row = cmap(cells=seq)
        if group:
            row["group"] = True
        row.fa.set_flow_style()
        return row

    def set_cell(self, row, index: int, value: str) -> bool:
        """Cell ``index`` of a row (the row's cells padded with empty ones up to it)."""
        row = FieldPath(row)
        cells = self.get(row / "cells")
        value = nfc(value)
        if not isinstance(cells, list):
            if not value:
                return False
            cells = CommentedSeq()
            cells.fa.set_flow_style()
            self._put(row / "cells", cells)
        if index < len(cells) and str(cells[index]) == value:
            return False
        if index >= len(cells) and not value:
            return False
        while len(cells) <= index:
            cells.append("")
        cells[index] = value
        return self._changed()

    def set_rows_source(self, appendix, rows: list[tuple[list[str], bool]] | None) -> bool:
        """The appendix takes its rows as written (``source: rows``); ``rows`` fill it when it has none."""
        appendix = FieldPath(appendix)
        if self.get(appendix / "source") == "rows":
            return False
        self._checkpoint("đổi nguồn dòng", appendix / "source")
        self._put(appendix / "source", "rows")
        if rows and not self.get(appendix / "rows"):
            seq = self._list(appendix / "rows")
            seq.extend(self._new_row(cells, group) for cells, group in rows)
        return self._changed(structure=True)

    def set_tasks_source(self, appendix) -> bool:
        """The appendix's rows come from the tasks again (rows written stay in the file, unprinted)."""
        appendix = FieldPath(appendix)
        if self.get(appendix / "source", "tasks") == "tasks":
            return False
        self._checkpoint("đổi nguồn dòng", appendix / "source")
        del self.get(appendix)["source"]
        return self._changed(structure=True)
