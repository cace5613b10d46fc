"""Appendix tables written as rows: computed numbering, nested groups, merged cells, shared headers.

Each rule names the row (or column) a construct is misused on, with the line of the YAML, so that
a table that would print something other than what its author meant never passes in silence.
"""
from __future__ import annotations

from typing import Iterator

from ..fieldpath import FieldPath
from ..model import Appendix, Draft
from .draft import at
from .registry import DRAFT, ERROR, PRACTICE, WARNING, Hit, Yaml, rule
from .samples import draft as yaml

SIGNER = "signer: {name: Nguyễn Văn An}\n"
_COLUMNS = ("    columns:\n      - {key: stt, header: STT}\n      - {key: ten, header: Nhiệm vụ}\n"
            "      - {key: lead, header: Chủ trì}\n")


def _table(rows: str, extra: str = "") -> str:
    return SIGNER + "appendices:\n  - title: Danh mục\n    source: rows\n" + extra + _COLUMNS + "    rows:\n" + rows


def _rows(appendices: list[Appendix]) -> Iterator[tuple[int, Appendix]]:
    for i, appendix in enumerate(appendices):
        if appendix.source == "rows":
            yield i, appendix


@rule("APPENDIX-ROW-SPAN", ERROR, "ô gộp dọc của bảng phụ lục không phủ được các hàng nó ghi", clause=PRACTICE,
      scope=DRAFT,
      trigger=Yaml(yaml(SIGNER, _table("      - {cells: [1, Rà soát, Phòng Kinh tế], span: {lead: 2}}\n"
                                       "      - {cells: [2, Niêm yết, Văn phòng]}\n"))),
      passing=Yaml(yaml(SIGNER, _table("      - {cells: [1, Rà soát, Phòng Kinh tế], span: {lead: 2}}\n"
                                       "      - {cells: [2, Niêm yết]}\n"))))
def row_span(draft: Draft) -> Iterator[Hit]:
    for i, appendix in _rows(draft.appendices):
        keys = [c.key for c in appendix.columns]
        fill = [c.key for c in appendix.cell_columns()]
        rows = appendix.rows
        for j, row in enumerate(rows):
            for key, count in row.span.items():
                where = at(draft, row, FieldPath(("appendices", i, "rows", j, "span", key)))
                name = f"hàng {j + 1} của phụ lục «{appendix.title}»"
                if key not in keys:
                    yield Hit(f"{name} gộp ô của cột «{key}» nhưng bảng không có cột này",
                              f"hãy dùng khóa của một cột: {', '.join(keys)}", where)
                    continue
                if key == "stt" and appendix.numbering is not None:
                    yield Hit(f"{name} gộp ô STT nhưng STT được đánh số tự động: mỗi hàng có số của nó",
                              "hãy bỏ «stt» khỏi «span»", where)
                    continue
                if row.level or row.header:
                    yield Hit(f"{name} là hàng nhóm hoặc hàng tiêu đề: ô của nó không gộp xuống được",
                              "hãy bỏ «span» ở hàng này, ghi nó ở hàng nhiệm vụ đầu tiên", where)
                    continue
                for below in range(j + 1, j + count):
                    if below >= len(rows) or rows[below].level or rows[below].header:
                        end = "hết bảng" if below >= len(rows) else f"hàng nhóm/tiêu đề {below + 1}"
                        yield Hit(f"{name} gộp cột «{key}» xuống {count} hàng nhưng gặp {end} ở hàng {below + 1}",
                                  f"hãy giảm «span: {{{key}: {below - j}}}», hoặc bỏ «span» nếu chỉ còn một hàng",
                                  where)
                        break
                    other = rows[below]
                    k = fill.index(key) if key in fill else None
                    if k is not None and k < len(other.cells) and other.cells[k].strip():
                        yield Hit(f"hàng {below + 1} nằm trong ô gộp cột «{key}» của hàng {j + 1} nhưng vẫn ghi "
                                  f"«{other.cells[k]}» ở cột đó: chữ này sẽ không được in",
                                  "hãy để trống ô này («''»), hoặc giảm số hàng gộp",
                                  at(draft, other, FieldPath(("appendices", i, "rows", below, "cells", k))))
                        break


@rule("APPENDIX-GROUP-LEVEL", ERROR, "hàng nhóm của bảng phụ lục sai cấp", clause=PRACTICE, scope=DRAFT,
      trigger=Yaml(yaml(SIGNER, _table("      - {group: 2, cells: [Cải cách thủ tục]}\n"
                                       "      - {cells: [Rà soát, Phòng Kinh tế]}\n", "    numbering: {groups: [I]}\n"))),
      passing=Yaml(yaml(SIGNER, _table("      - {group: 1, cells: [Cải cách thủ tục]}\n"
                                       "      - {cells: [Rà soát, Phòng Kinh tế]}\n", "    numbering: {groups: [I]}\n"))))
def group_level(draft: Draft) -> Iterator[Hit]:
    for i, appendix in _rows(draft.appendices):
        depth = 0  # the deepest group level open so far
        for j, row in enumerate(appendix.rows):
            if not row.level:
                continue
            where = at(draft, row, FieldPath(("appendices", i, "rows", j, "group")))
            name = f"hàng {j + 1} của phụ lục «{appendix.title}»"
            if row.header:
                yield Hit(f"{name} vừa là hàng nhóm vừa là hàng tiêu đề («header: true»)",
                          "hãy bỏ «group» (hàng nhắc lại tiêu đề cột) hoặc bỏ «header» (hàng nhóm)", where)
                continue
            groups = appendix.numbering.groups if appendix.numbering else None
            if groups is not None and row.level > len(groups):
                yield Hit(f"{name} là nhóm cấp {row.level} nhưng «numbering.groups» chỉ cho {len(groups)} cấp "
                          f"({', '.join(groups)})", f"hãy thêm kiểu số cho cấp {row.level} vào «groups» "
                          "(ví dụ [A, I, '1']), hoặc hạ cấp hàng này", where)
            elif row.level > depth + 1:
                yield Hit(f"{name} là nhóm cấp {row.level} mà trên nó chưa có nhóm cấp {row.level - 1}",
                          f"hãy ghi «group: {depth + 1}», hoặc thêm hàng nhóm cấp {row.level - 1} phía trên", where)
            depth = row.level


@rule("APPENDIX-NUMBERING-UNUSED", WARNING, "cách đánh số của bảng phụ lục không áp dụng được", clause=PRACTICE,
      scope=DRAFT,
      trigger=Yaml(yaml(SIGNER, SIGNER + "appendices:\n  - title: Danh mục\n    numbering: {items: across}\n")),
      passing=Yaml(yaml(SIGNER, _table("      - {cells: [Rà soát, Phòng Kinh tế]}\n",
                                       "    numbering: {items: across}\n"))))
def numbering_unused(draft: Draft) -> Iterator[Hit]:
    for i, appendix in enumerate(draft.appendices):
        spec = appendix.numbering
        if spec is None:
            continue
        where = at(draft, spec, FieldPath(("appendices", i, "numbering")))
        if appendix.source != "rows" and (spec.items != "per-group" or spec.groups != ["I"]):
            yield Hit(f"phụ lục «{appendix.title}» lập từ nhiệm vụ: bảng nhiệm vụ luôn đánh I, II rồi 1, 2 … "
                      "(nhiệm vụ của các đơn vị dẫn số hàng «mục I.1»), «items» và «groups» không dùng được",
                      "với bảng nhiệm vụ chỉ ghi «capitals», «group_label»; hoặc viết bảng theo hàng "
                      "(«source: rows»)", where)
        elif not any(c.key == "stt" for c in appendix.columns):
            yield Hit(f"phụ lục «{appendix.title}» đánh số tự động nhưng không có cột «stt»: số thứ tự của "
                      "nhiệm vụ không có chỗ in (số nhóm in cùng tên nhóm)",
                      "hãy thêm cột {key: stt, header: STT}, hoặc bỏ «numbering»", where)
        elif len(spec.capitals) > len(spec.groups):
            yield Hit(f"«capitals» của phụ lục «{appendix.title}» ghi {len(spec.capitals)} cấp mà «groups» chỉ có "
                      f"{len(spec.groups)}", "hãy ghi mỗi cấp nhóm một giá trị true/false", where)


@rule("APPENDIX-HEADER-ABOVE", WARNING, "tiêu đề chung của các cột không liền nhau", clause=PRACTICE, scope=DRAFT,
      trigger=Yaml(yaml(SIGNER, SIGNER + "appendices:\n  - title: Chỉ tiêu\n    source: rows\n    columns:\n"
                        "      - {key: a, header: '2026', above: Theo năm}\n      - {key: b, header: Đơn vị}\n"
                        "      - {key: c, header: '2027', above: Theo năm}\n    rows:\n      - cells: ['1', x, '2']\n")),
      passing=Yaml(yaml(SIGNER, SIGNER + "appendices:\n  - title: Chỉ tiêu\n    source: rows\n    columns:\n"
                        "      - {key: b, header: Đơn vị}\n      - {key: a, header: '2026', above: Theo năm}\n"
                        "      - {key: c, header: '2027', above: Theo năm}\n    rows:\n      - cells: [x, '1', '2']\n")))
def header_above(draft: Draft) -> Iterator[Hit]:
    for i, appendix in enumerate(draft.appendices):
        seen: set[str] = set()
        for k, column in enumerate(appendix.columns):
            previous = appendix.columns[k - 1].above if k else None
            if column.above and column.above != previous:
                if column.above in seen:
                    yield Hit(f"cột «{column.header}» của phụ lục «{appendix.title}» có tiêu đề chung "
                              f"«{column.above}» nhưng không đứng liền các cột cùng tiêu đề: tiêu đề sẽ in hai lần",
                              "hãy xếp các cột cùng «above» liền nhau",
                              at(draft, column, FieldPath(("appendices", i, "columns", k, "above"))))
                seen.add(column.above)


@rule("APPENDIX-MERGE-COLUMN", WARNING, "cột cần gộp ô không có trong bảng phụ lục", clause=PRACTICE, scope=DRAFT,
      trigger=Yaml(yaml(SIGNER, SIGNER + "appendices:\n  - title: Danh mục\n    merge: [chu-tri]\n")),
      passing=Yaml(yaml(SIGNER, SIGNER + "appendices:\n  - title: Danh mục\n    merge: [lead]\n")))
def merge_column(draft: Draft) -> Iterator[Hit]:
    for i, appendix in enumerate(draft.appendices):
        keys = [c.key for c in appendix.columns]
        for k, key in enumerate(appendix.merge):
            if key not in keys:
                yield Hit(f"phụ lục «{appendix.title}» gộp ô của cột «{key}» nhưng bảng không có cột này: "
                          "không ô nào được gộp", f"hãy dùng khóa của một cột: {', '.join(keys)}",
                          at(draft, appendix, FieldPath(("appendices", i, "merge", k))))
