"""A place in a draft, typed: ``sections[1].tasks[0].lead`` is ("sections", 1, "tasks", 0, "lead").

Errors name the field with it, the checks point at what they found, and the TUI jumps to
it; the text form is for people and goes back to the same path with :meth:`FieldPath.parse`.
"""
from __future__ import annotations

import re
from typing import Iterable, Union

Part = Union[str, int]

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
# pydantic names the branch of a union it tried ("str", "Node", "function-after[...]"): not a field.
_UNION_TAGS = ("str", "constrained-str", "Node")
_UNION_LISTS = ("items", "duties")  # list[str | Node]: pydantic names the branch after the index
_UNKNOWN = object()


def _looks_like_tag(part: str) -> bool:
    return part in _UNION_TAGS or "[" in part or part[:1].isupper()


class FieldPath(tuple):
    """Keys (str) and list indexes (int) from the draft's root; immutable and hashable.

    A tuple underneath, so ``yamlio.get_in`` and ``yamlio.position`` take it as it is; slicing,
    ``+`` and ``/`` give a FieldPath again.
    """

    __slots__ = ()

    def __new__(cls, parts: Iterable[Part] = ()) -> "FieldPath":
        return super().__new__(cls, parts)

    @classmethod
    def parse(cls, text: str | None) -> "FieldPath":
        """"sections[1].tasks[0].lead" → the path (the inverse of ``str``)."""
        if not text:
            return cls()
        return cls(int(index) if index else name for name, index in _PART.findall(text))

    @classmethod
    def from_loc(cls, loc: Iterable, data=_UNKNOWN) -> "FieldPath":
        """A pydantic error location, without the union branches it names.

        With ``data`` (the plain document validated), a part is a field when the document has
        that key there, so a key the user wrote («str», «Node», «a[0]») is never taken for a branch.
        """
        if data is not _UNKNOWN:
            return split_loc(loc, data)[0]
        return cls(part for part in loc if isinstance(part, int) or not _looks_like_tag(part))

    def __str__(self) -> str:
        out = ""
        for part in self:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
        return out

    def __repr__(self) -> str:
        return f"FieldPath({str(self)!r})"

    def __truediv__(self, more: Part | Iterable[Part]) -> "FieldPath":
        """``path / "tasks" / 0``: one more part (or several, given as a tuple)."""
        return FieldPath(tuple(self) + (tuple(more) if isinstance(more, (tuple, list)) else (more,)))

    def __add__(self, more: Iterable[Part]) -> "FieldPath":
        return FieldPath(tuple(self) + tuple(more))

    def __getitem__(self, index):
        got = tuple.__getitem__(self, index)
        return FieldPath(got) if isinstance(index, slice) else got

    @property
    def parent(self) -> "FieldPath":
        return self[:-1]

    @property
    def last(self) -> Part | None:
        return self[-1] if self else None

    def label(self) -> str:
        """The field as a user knows it: ``signer.name`` → "Người ký › Họ tên" (see ``FIELD_NAMES``)."""
        out: list[str] = []
        holder: Part | None = None
        for i, part in enumerate(self):
            if isinstance(part, int):
                word = ITEM_NAMES.get(str(holder), "mục")
                if holder == "items" and i + 1 == len(self):
                    word = "đoạn"
                out[-1:] = [f"{word.capitalize()} {part + 1}"] if out and out[-1] == _LIST else \
                    out + [f"{word.capitalize()} {part + 1}"]
            else:
                name = FIELD_NAMES.get((str(holder), part)) or FIELD_NAMES.get(part)
                out.append(_LIST if part in ITEM_NAMES and i + 1 < len(self) and isinstance(self[i + 1], int)
                           else (name or part))
            holder = part if not isinstance(part, int) else holder
        return " › ".join(w for w in out if w and w != _LIST) or "Bản thảo"

    def startswith(self, prefix: Iterable[Part]) -> bool:
        prefix = tuple(prefix)
        return tuple.__getitem__(self, slice(len(prefix))) == prefix


_LIST = "\0list"  # a list's own name, replaced by its element's "Nhiệm vụ 2"
# The Vietnamese name of each field a user edits; (holder, key) where the name depends on the holder.
FIELD_NAMES: dict = {
    "kind": "Loại văn bản", "commune": "Xã, phường", "issuer": "Cơ quan ban hành", "place": "Địa danh",
    "number": "Số", "date": "Ngày ban hành", "subject": "Trích yếu", "bases_end": "Dấu sau căn cứ",
    "preamble": "Đoạn mở đầu", "closing": "Đoạn kết", "derive_duties": "Nhiệm vụ các đơn vị tự động",
    "archive": "Nơi lưu", "archive_nested": "Nơi lưu dưới nơi nhận cuối", "attached": "Dòng «Kèm theo»",
    "bases_layout": "Cách trình bày căn cứ", "closing_note": "Ghi chú sau đoạn kết",
    "numbered_items": "Đánh số các đoạn", "on_behalf": "Thay mặt (TM.)", "signer": "Người ký", "decision": "Quyết định", "version": "Phiên bản",
    "title": "Tiêu đề", "role": "Loại phần", "text": "Nội dung", "summary": "Lời văn trong thân",
    "target": "Mục tiêu", "lead": "Đơn vị chủ trì",
    "support": "Đơn vị phối hợp", "deadline": "Thời hạn", "output": "Sản phẩm", "appendix": "Đưa vào phụ lục",
    "body": "In trong thân kế hoạch", "responsible": "Dòng «Phụ trách thực hiện»", "generate": "Tự sinh",
    "numbered": "Đánh số", "numbering": "Kiểu đánh số", "lettered": "Đánh chữ a), b)", "task_bullet": "Gạch đầu dòng",
    "id": "Mã", "short": "Tên viết tắt", "duties_title": "Tiêu đề nhiệm vụ", "receives": "Nhận kế hoạch",
    "unit": "Đơn vị", "report": "Báo cáo (b/c)", "authority": "Thẩm quyền ký", "authority_of": "Ký thay cho",
    "type": "Loại", "province": "Tỉnh, thành phố", "code": "Mã", "lines": "Các dòng", "parent": "Cơ quan cấp trên",
    "ref": "Căn cứ trong thư viện", "verb": "Động từ", "proposer": "Đơn vị đề nghị", "author": "Thẩm quyền ban hành",
    "header": "Tên cột", "width": "Độ rộng", "key": "Loại cột", "source": "Nguồn dòng", "cells": "Các ô",
    "group": "Dòng nhóm", "number_row": "Dòng số thứ tự cột", "name": "Tên",
    "above": "Tiêu đề chung trên cột", "align": "Căn ô", "merge": "Gộp ô giống nhau", "span": "Ô gộp dọc",
    ("numbering", "items"): "Cách đánh số hàng", ("numbering", "groups"): "Kiểu số các cấp nhóm",
    ("numbering", "capitals"): "In hoa tên nhóm", ("numbering", "group_label"): "Chỗ in số nhóm",
    "sections": "Các phần", "items": "Nội dung", "tasks": "Các nhiệm vụ", "units": "Các đơn vị", "bases": "Căn cứ",
    "recipients": "Nơi nhận", "appendices": "Phụ lục", "columns": "Các cột", "rows": "Các dòng",
    "duties": "Nhiệm vụ", "articles": "Các điều",
    "sign_plan": "Ký cả kế hoạch kèm theo",
    ("signer", "name"): "Họ tên", ("signer", "title"): "Chức vụ", ("commune", "name"): "Tên",
    ("units", "name"): "Tên đơn vị", ("bases", "name"): "Tên luật", ("bases", "issuer"): "Cơ quan ban hành",
    ("bases", "kind"): "Loại văn bản", ("bases", "number"): "Số, ký hiệu", ("bases", "date"): "Ngày",
    ("bases", "text"): "Nguyên văn", ("recipients", "text"): "Tên", ("units", "duties"): "Nhiệm vụ",
    ("units", "role"): "Vai trò", ("decision", "bases"): "Căn cứ của quyết định",
    ("decision", "recipients"): "Nơi nhận quyết định", ("decision", "articles"): "Các điều",
    ("decision", "subject"): "Trích yếu quyết định", ("decision", "number"): "Số quyết định",
    ("decision", "date"): "Ngày quyết định", ("decision", "signer"): "Người ký quyết định",
    ("sections", "items"): "Nội dung", ("items", "items"): "Nội dung", ("tasks", "items"): "Các ý nhỏ",
}
# A list's element by the list's key: sections[1] → "Phần 2".
ITEM_NAMES = {"sections": "phần", "items": "mục", "tasks": "nhiệm vụ", "units": "đơn vị", "bases": "căn cứ",
              "recipients": "nơi nhận", "appendices": "phụ lục", "columns": "cột", "rows": "dòng", "cells": "ô",
              "duties": "nhiệm vụ", "lines": "dòng", "articles": "điều"}


def split_loc(loc: Iterable, data) -> tuple[FieldPath, list[tuple[FieldPath, str]]]:
    """A pydantic location walked along the document it came from: (the field's path, the union
    branches named on the way as (path, branch)).

    Right after an index of a union list (``items``, ``duties``: a paragraph or a node) comes the
    branch pydantic tried; elsewhere a part the document has is a field, so a key the user wrote
    («str», «Node», «a[0]») is never taken for a branch; a part it lacks is a branch, unless it ends
    the location (a missing field) and does not look like one.
    """
    path: list[Part] = []
    branches: list[tuple[FieldPath, str]] = []
    loc = list(loc)
    node = data
    for i, part in enumerate(loc):
        if isinstance(part, int):
            path.append(part)
            node = node[part] if isinstance(node, list) and -len(node) <= part < len(node) else None
        elif i >= 2 and isinstance(loc[i - 1], int) and loc[i - 2] in _UNION_LISTS:
            branches.append((FieldPath(path), part))
        elif isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        elif i == len(loc) - 1 and not _looks_like_tag(part):
            path.append(part)  # a required field that is missing
        else:
            branches.append((FieldPath(path), part))
    return FieldPath(path), branches


def field_path(value: "FieldPath | tuple | str | None") -> FieldPath | None:
    """Whatever names a field (text, tuple, path) as a FieldPath; None or empty stays None."""
    if value is None:
        return None
    path = value if isinstance(value, FieldPath) else (
        FieldPath.parse(value) if isinstance(value, str) else FieldPath(value))
    return path or None
