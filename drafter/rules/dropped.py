"""What drafter would drop or reshape without a word: each becomes a finding at the field.

A draft can be valid and still say something the document will not show (an appendix row
with more cells than columns, a task's deadline with no column to print it in) or say it in
an order a reader does not expect. These rules read the draft's model.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..fieldpath import FieldPath
from ..model import Draft, Role
from ..citations import cite
from ..text import fold
from .draft import at, walk
from .. import inline
from .registry import DRAFT, ERROR, HINT, PRACTICE, WARNING, Hit, Yaml, rule
from .samples import draft as yaml

TASK_KEYS = {"stt", "task", "target", "lead", "support", "deadline", "output"}
SIGNER = "signer: {name: Nguyễn Văn An}\n"


def _appendix(extra: str) -> str:
    return yaml(SIGNER, SIGNER + extra)


@rule("APPENDIX-ROW-CELLS", ERROR, "hàng của bảng phụ lục có nhiều ô hơn số cột", clause=PRACTICE, scope=DRAFT,
      trigger=Yaml(_appendix("appendices:\n  - title: Chỉ tiêu\n    source: rows\n    columns:\n"
                             "      - {key: stt, header: STT}\n      - {key: ten, header: Chỉ tiêu}\n"
                             "    rows:\n      - cells: [1, Tỷ lệ hồ sơ trực tuyến, 80%]\n")),
      passing=Yaml(_appendix("appendices:\n  - title: Chỉ tiêu\n    source: rows\n    columns:\n"
                             "      - {key: stt, header: STT}\n      - {key: ten, header: Chỉ tiêu}\n"
                             "    rows:\n      - cells: [1, 'Tỷ lệ hồ sơ trực tuyến, 80%']\n")))
def row_cells(draft: Draft) -> Iterator[Hit]:
    for i, appendix in enumerate(draft.appendices):
        if appendix.source != "rows":
            continue
        columns = len(appendix.cell_columns())  # STT computed: the cells start after it
        computed = " (cột STT được đánh số tự động, hàng không ghi số)" if len(appendix.columns) > columns else ""
        for j, row in enumerate(appendix.rows):
            if len(row.cells) > columns:
                extra = ", ".join(f"«{c}»" for c in row.cells[columns:])
                yield Hit(f"hàng {j + 1} của phụ lục «{appendix.title}» có {len(row.cells)} ô mà bảng có "
                          f"{columns} cột để ghi{computed}; ô thừa ({extra}) sẽ không được in",
                          "hãy bỏ ô thừa hoặc thêm cột; nếu một ô có dấu phẩy, hãy đặt ô đó trong ngoặc kép "
                          "(«'Tỷ lệ, chỉ tiêu'»)", at(draft, row, FieldPath(("appendices", i, "rows", j, "cells"))))


@rule("APPENDIX-COLUMN-UNKNOWN", WARNING, "cột của bảng nhiệm vụ không lấy được gì từ nhiệm vụ", clause=PRACTICE,
      scope=DRAFT,
      trigger=Yaml(_appendix("appendices:\n  - title: Danh mục\n    columns:\n      - {key: stt, header: STT}\n"
                             "      - {key: task, header: Nhiệm vụ}\n      - {key: kinh-phi, header: Kinh phí}\n")),
      passing=Yaml(_appendix("appendices:\n  - title: Danh mục\n    columns:\n      - {key: stt, header: STT}\n"
                             "      - {key: task, header: Nhiệm vụ}\n      - {key: deadline, header: Thời gian}\n")))
def column_unknown(draft: Draft) -> Iterator[Hit]:
    for i, appendix in enumerate(draft.appendices):
        if appendix.source != "tasks":
            continue
        for k, column in enumerate(appendix.columns):
            if column.key not in TASK_KEYS:
                yield Hit(f"cột «{column.header}» (key «{column.key}») của phụ lục «{appendix.title}» lấy từ nhiệm vụ "
                          "nhưng nhiệm vụ không có trường này: mọi ô của cột sẽ trống",
                          f"hãy dùng một trong: {', '.join(sorted(TASK_KEYS))}; hoặc viết bảng theo hàng "
                          "(«source: rows»)", at(draft, column, FieldPath(("appendices", i, "columns", k, "key"))))


@rule("TASK-LEAD-SUPPORT", WARNING, "một đơn vị vừa chủ trì vừa phối hợp cùng một nhiệm vụ", clause=PRACTICE,
      scope=DRAFT,
      trigger=Yaml(yaml("{text: Rà soát thủ tục hành chính, lead: kt}",
                        "{text: Rà soát thủ tục hành chính, lead: kt, support: [vhxh, kt]}")),
      passing=Yaml(yaml("{text: Rà soát thủ tục hành chính, lead: kt}",
                        "{text: Rà soát thủ tục hành chính, lead: kt, support: vhxh}")))
def lead_and_support(draft: Draft) -> Iterator[Hit]:
    for node, path in walk(draft.sections, FieldPath(("sections",))):
        for t, task in enumerate(node.tasks):
            for uid in task.support:
                if uid in task.lead:
                    name = draft.unit(uid).name if draft.unit(uid) else uid
                    yield Hit(f"{name} vừa chủ trì vừa phối hợp nhiệm vụ «{task.text[:60]}»; "
                              "dòng phối hợp sẽ bỏ đơn vị này", "hãy bỏ đơn vị khỏi «support» hoặc khỏi «lead»",
                              at(draft, task, path / ("tasks", t, "support")))


# Fields the document prints only in a task table's column. A task's deadline and output also fill
# the tracking workbook (drafter track), so they are never lost.
_SHOWN_ONLY_IN_TABLE = {"target": "Mục tiêu"}


@rule("TASK-FIELD-NOT-SHOWN", WARNING, "trường của nhiệm vụ mà bố cục đã chọn không in ra", clause=PRACTICE,
      scope=DRAFT,
      trigger=Yaml(yaml("{text: Rà soát thủ tục hành chính, lead: kt}",
                        "{text: Rà soát thủ tục hành chính, lead: kt, target: 100% thủ tục được rà soát}")),
      passing=Yaml(yaml("{text: Rà soát thủ tục hành chính, lead: kt}\n",
                        "{text: Rà soát thủ tục hành chính, lead: kt, target: 100% thủ tục}\n", SIGNER,
                        SIGNER + "appendices: [{title: Danh mục, columns: [{key: task, header: Nhiệm vụ}, "
                                 "{key: target, header: Mục tiêu}]}]\n")))
def field_not_shown(draft: Draft) -> Iterator[Hit]:
    """One finding per field (the first task that has it), not one per task: a preset repeats them."""
    shown = {c.key for a in draft.appendices if a.source == "tasks" for c in a.columns}
    for key, header in _SHOWN_ONLY_IN_TABLE.items():
        if key in shown:
            continue
        having = [(task, path / ("tasks", t, key)) for node, path in walk(draft.sections, FieldPath(("sections",)))
                  for t, task in enumerate(node.tasks) if getattr(task, key) and task.appendix]
        if having:
            task, where = having[0]
            yield Hit(f"{len(having)} nhiệm vụ ghi «{key}» ({header}) nhưng không phụ lục nào có cột «{key}»: "
                      "nội dung này sẽ không được in", f"hãy thêm phụ lục bảng nhiệm vụ có cột «{key}», "
                      "hoặc bỏ trường này", at(draft, task, where))


# The order a plan's parts follow (ND 30 Mẫu 1.x and practice): aims, targets, tasks, money, organisation.
ROLE_RANK: dict[Role, int] = {"purposes": 0, "requirements": 0, "targets": 1, "tasks": 2, "solutions": 2,
                              "budget": 3, "implementation": 4, "requests": 5}


@rule("SECTION-ORDER", WARNING, "các phần của kế hoạch không theo thứ tự thường gặp", clause=PRACTICE, scope=DRAFT,
      trigger=Yaml(yaml("  - title: Nhiệm vụ\n", "  - title: Mục đích, yêu cầu\n    role: purposes\n    items: "
                        "[Nâng cao chất lượng.]\n  - title: Nhiệm vụ\n    role: tasks\n", "recipients:",
                        "  - title: Mục đích\n    role: purposes\n    items: [Làm rõ.]\nrecipients:")),
      passing=Yaml(yaml("  - title: Nhiệm vụ\n", "  - title: Mục đích, yêu cầu\n    role: purposes\n    items: "
                        "[Nâng cao chất lượng.]\n  - title: Nhiệm vụ\n    role: tasks\n")))
def section_order(draft: Draft) -> Iterator[Hit]:
    latest = None  # the section of highest rank so far
    for i, node in enumerate(draft.sections):
        rank = ROLE_RANK.get(node.role) if node.role else None
        if rank is None:
            continue
        if latest is not None and rank < ROLE_RANK[latest.role]:
            yield Hit(f"phần «{node.title}» ({node.role}) đứng sau phần «{latest.title}» ({latest.role})",
                      "thứ tự thường gặp: mục đích, yêu cầu; mục tiêu; nhiệm vụ, giải pháp; kinh phí; tổ chức thực "
                      "hiện: hãy chuyển phần này lên, hoặc sửa «role» nếu gán nhầm",
                      at(draft, node, FieldPath(("sections", i, "role"))))
        if latest is None or rank >= ROLE_RANK[latest.role]:
            latest = node


_PROVINCE = re.compile(r"\b(tỉnh|thành phố)\s+((?:[A-ZĐÂĂÊÔƠƯ][^\s,;.()]*\s?){1,4})")


def _provinces(text: str) -> dict[str, str]:
    """Province name → as written with its kind ("thành phố Hải Phòng")."""
    return {" ".join(m.group(2).split()): f"{m.group(1)} {' '.join(m.group(2).split())}"
            for m in _PROVINCE.finditer(text or "")}


@rule("BASES-OTHER-PROVINCE", WARNING, "căn cứ văn bản của một tỉnh khác tỉnh của xã", clause=PRACTICE, scope=DRAFT,
      trigger=Yaml(yaml("commune: {name: An Lạc, type: xã}", "commune: {name: An Lạc, type: xã, province: Đồng Tháp}",
                        "  - ref: nq-76-2021\n", "  - ref: nq-76-2021\n  - {kind: Kế hoạch, number: 167/KH-UBND, "
                        "date: 17/12/2025, issuer: Ủy ban nhân dân tỉnh Bắc Ninh}\n")),
      passing=Yaml(yaml("commune: {name: An Lạc, type: xã}", "commune: {name: An Lạc, type: xã, province: Bắc Ninh}",
                        "  - ref: nq-76-2021\n", "  - ref: nq-76-2021\n  - {kind: Kế hoạch, number: 167/KH-UBND, "
                        "date: 17/12/2025, issuer: Ủy ban nhân dân tỉnh Bắc Ninh}\n")))
def other_province(draft: Draft) -> Iterator[Hit]:
    """A commune's plan follows its own province's plan: a preset of another province was likely picked."""
    province = draft.commune.province
    if not province or draft.commune.type in ("tỉnh", "thành phố"):
        return
    mine = fold(province).removeprefix("tinh ").removeprefix("thanh pho ").strip()
    for i, c in enumerate(draft.bases):
        for name, written in _provinces(" ".join(filter(None, (c.issuer, c.text)))).items():
            if fold(name) != mine:
                yield Hit(f"căn cứ «{c.number or cite(c)[:50]}» là văn bản của {written}, "
                          f"mà {draft.commune.full} thuộc tỉnh {province}",
                          "hãy dùng kế hoạch của tỉnh mình (chọn lại mẫu «--preset» hoặc sửa căn cứ)",
                          at(draft, c, FieldPath(("bases", i))))
                break


@rule("TEXT-TAG-LOOKALIKE", HINT, "chữ giống thẻ định dạng mà không phải «<b>», «<i>»: in nguyên văn", clause=PRACTICE,
      scope=DRAFT,
      trigger=Yaml(yaml("{text: Rà soát thủ tục hành chính, lead: kt}", "{text: 'Rà soát <B>thủ tục</B>', lead: kt}")),
      passing=Yaml(yaml("{text: Rà soát thủ tục hành chính, lead: kt}", "{text: 'Rà soát <b>thủ tục</b>', lead: kt}")))
def tag_look_alike(draft: Draft) -> Iterator[Hit]:
    for node, path in walk(draft.sections, FieldPath(("sections",))):
        texts = [(node.title or "", path / "title")]
        texts += [(item, path / ("items", j)) for j, item in enumerate(node.items) if isinstance(item, str)]
        texts += [(task.text, path / ("tasks", t, "text")) for t, task in enumerate(node.tasks)]
        for text, where in texts:
            near = inline.look_alike(text)
            if near:
                yield Hit(f"«{near}» sẽ được in nguyên văn, không thành chữ đậm hay nghiêng",
                          "chữ đậm viết «<b>…</b>», chữ nghiêng «<i>…</i>» (chữ thường, không dấu cách)",
                          at(draft, node, where))
