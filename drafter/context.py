"""Validated draft → the plain data the templates show. No DOCX here, only words."""
from __future__ import annotations

from . import fragments, inline, nd30
from .model import GROUP_LEVELS, Appendix, AppendixRow, Draft, Node, Recipient, Signer, Task
from .outline import Block, date_words, number_line, number_symbol, place_date, plan_blocks
from .duties import appendix_areas, requested, unit_names
from .citations import basis_lines
from .numerals import letter, roman
from .text import lower_first, upper_vi

PLAN_SYMBOL, DECISION_SYMBOL, REPORT_SYMBOL = "KH-UBND", "QĐ-UBND", "BC-UBND"
# A draft's main document: its kind as the body cites it, as its heading shows it, its symbol.
MAIN_DOCUMENT = {"ke-hoach": ("Kế hoạch", "KẾ HOẠCH", PLAN_SYMBOL), "quyet-dinh": ("Kế hoạch", "KẾ HOẠCH", PLAN_SYMBOL),
                 "bao-cao": ("Báo cáo", "BÁO CÁO", REPORT_SYMBOL)}


def _commune_words(draft: Draft) -> str:
    return f"Ủy ban nhân dân {draft.commune.full}"


def signer_lines(signer: Signer) -> dict:
    titles = []
    if signer.on_behalf:  # "TM. ỦY BAN NHÂN DÂN" above "KT. CHỦ TỊCH"
        titles.append(f"TM. {upper_vi(signer.on_behalf.strip().removeprefix('TM.').strip())}")
    if signer.authority:
        titles.append(f"{signer.authority} {upper_vi(signer.authority_of)}")
    titles.append(upper_vi(signer.title))
    return {"titles": titles, "name": signer.name}


def recipient_lines(draft: Draft, recipients: list[Recipient], archive: str, nested: bool = False) -> list[str]:
    """"- Name;" a recipient ("- Name:" then "+ item;" when it has items), then "- Lưu: VT." (or
    "+ Lưu: VT." under the last recipient's items when ``nested``)."""
    lines = []
    for r in recipients:
        name = r.text or (draft.unit(r.unit).name if draft.unit(r.unit) else r.unit)
        name = name.strip().removeprefix("- ").rstrip(";.:")
        if r.report and "(b/c)" not in name:
            name += " (b/c)"
        if r.items:
            lines.append(f"- {name}:")
            lines += [f"+ {i.strip().removeprefix('+ ').rstrip(';.')};" for i in r.items]
        else:
            lines.append(f"- {name};")
    last = "+" if nested and recipients and recipients[-1].items else "-"
    lines.append(f"{last} Lưu: {archive.strip().rstrip('.')}.")
    return lines


def header(draft: Draft, number: str | None, symbol: str, date) -> dict:
    issuer = [upper_vi(line) for line in draft.issuer_lines]
    return {
        "parent": upper_vi(draft.issuer.parent) if draft.issuer.parent else "",
        "issuer": issuer,
        **fragments.header_rules(issuer),
        "number": number_line(number, symbol) if number is not None else "",
        "place_date": place_date(draft.place_name, date) if date is not None else "",
    }


def decision_number(draft: Draft) -> str:
    return number_symbol(draft.decision.number if draft.decision else "", DECISION_SYMBOL)


def default_articles(draft: Draft) -> list[str]:
    if draft.commune.type in ("tỉnh", "thành phố"):  # a province's bodies execute it, not a commune's
        executing = (f"Chánh Văn phòng Ủy ban nhân dân {draft.commune.full}, Giám đốc các sở, Thủ trưởng các ban, "
                     "ngành, cơ quan, đơn vị có liên quan và Chủ tịch Ủy ban nhân dân các xã, phường")
    else:
        executing = (f"Chánh Văn phòng HĐND và UBND {draft.commune.full}, Trưởng các phòng chuyên môn, "
                     "Thủ trưởng các cơ quan, đơn vị có liên quan")
    return [
        f"Ban hành kèm theo Quyết định này Kế hoạch {lower_first(draft.subject)}.",
        "Quyết định này có hiệu lực thi hành kể từ ngày ký.",
        f"{executing} chịu trách nhiệm thi hành Quyết định này./.",
    ]


def default_decision_recipients(draft: Draft, articles: int) -> list[Recipient]:
    """"Như Điều 3;" stands for the units the decision makes responsible; the bodies it only asks (the
    Front), superiors and leaders keep their own lines."""
    asked = [r for r in draft.recipients if r.unit and requested(draft, r.unit)]
    rest = [r for r in draft.recipients if not r.unit]
    return [Recipient(text=f"Như Điều {articles}")] + rest + asked


def decision_context(draft: Draft) -> dict:
    d = draft.decision
    date = d.date or draft.date
    lines = basis_lines(d.bases)
    if d.proposer:
        lines.append(f"Theo đề nghị của {d.proposer.strip().rstrip(';.,')}.")
    elif lines:
        lines[-1] = lines[-1][:-1] + "."
    articles = d.articles or default_articles(draft)
    subject = d.subject or f"Ban hành Kế hoạch {lower_first(draft.subject)}"
    return {
        "hdr": header(draft, d.number, DECISION_SYMBOL, date),
        "subject": subject,
        "rule": fragments.decision_subject_rule(subject),
        "author": upper_vi(d.author or f"Chủ tịch Ủy ban nhân dân {draft.commune.full}"),
        "bases": lines,
        "articles": [{"label": f"Điều {i}.", "text": a} for i, a in enumerate(articles, 1)],
        "recipients": recipient_lines(draft, d.recipients or default_decision_recipients(draft, len(articles)),
                                      d.archive or draft.archive),
        "signer": signer_lines(d.signer or draft.signer),
    }


def attached_line(draft: Draft, to_appendix: bool) -> str:
    """"(Kèm theo Kế hoạch số .../KH-UBND ngày ... của Ủy ban nhân dân xã ...)"."""
    if draft.kind == "quyet-dinh":
        d = draft.decision
        who = f"Chủ tịch Ủy ban nhân dân {draft.commune.full}"
        return (f"(Ban hành kèm theo Quyết định số {decision_number(draft)} {date_words(d.date or draft.date)} "
                f"của {who})")
    if not to_appendix:
        return ""
    word, _, symbol = MAIN_DOCUMENT[draft.kind]
    return (f"(Kèm theo {word} số {number_symbol(draft.number, symbol)} {date_words(draft.date)} "
            f"của {_commune_words(draft)})")


def main_recipients(draft: Draft) -> list[Recipient]:
    """A report sent "Kính gửi:" lists those bodies as "- Như trên;" first (decree II.9.b)."""
    to = draft.report.to if draft.report else []
    if not to:
        return draft.recipients
    rest = [r for r in draft.recipients if (r.text or "").strip().rstrip(";.") not in to]
    return [Recipient(text="Như trên")] + rest


def plan_context(draft: Draft) -> dict:
    attached = draft.kind == "quyet-dinh"
    line = attached_line(draft, False)
    _, heading, symbol = MAIN_DOCUMENT[draft.kind]
    to = draft.report.to if draft.report else []
    return {
        "hdr": header(draft, None if attached else draft.number, symbol, None if attached else draft.date),
        "kind_word": heading,
        "subject": draft.subject,
        "attached": line,
        "rule": fragments.subject_rule(draft.subject, line),
        "to": list(to),
        "addressees": fragments.addressees(list(to)),
        "body": plan_blocks(draft),
        "recipients": recipient_lines(draft, main_recipients(draft), draft.archive, draft.archive_nested),
        "signer": signer_lines(draft.signer),
        "closing": plan_closes(draft),
    }


def plan_closes(draft: Draft) -> bool:
    """Whether the plan ends with recipients and signature: a plan issued by a decision does not
    (ND 30, Phụ lục III, the template of a document issued by a decision), unless the draft asks."""
    if draft.kind != "quyet-dinh":
        return True
    return nd30.ATTACHED_ENDING.closing or bool(draft.decision and draft.decision.sign_plan)


CENTERED = {"stt", "deadline"}


def _cell(key: str, task: Task, draft: Draft, stt: str) -> str:
    if key == "stt":
        return stt
    if key == "task":  # the table shows no emphasis: its tags are dropped
        return "\n".join(inline.plain(t) for t in [task.text] + task.items)
    if key in ("lead", "support"):
        # "; " between units: a unit's own name may hold a comma (Phòng Kinh tế, Hạ tầng và Đô thị).
        # A requested body (the Front) is asked, not assigned: the cell says so.
        return "; ".join(unit_names(draft, [u]) + (" (đề nghị phối hợp)" if requested(draft, u) else "")
                         for u in getattr(task, key))
    return getattr(task, key, None) or ""


def task_rows(draft: Draft, appendix: Appendix) -> list[dict]:
    """Rows of the task table: a bold row per area (I, II ...), then its tasks 1, 2 ..."""
    keys = [c.key for c in appendix.columns]
    rows: list[dict] = []
    numbers = _Numbers(appendix) if appendix.numbering else None
    for i, area in enumerate(appendix_areas(draft.sections), 1):
        _visit_area(area, i, draft, appendix, rows, numbers)
    merge_equal(rows, keys, appendix.merge)
    return rows


def _visit_area(area: Node, index: int, draft: Draft, appendix: Appendix, rows: list[dict],
                numbers: "_Numbers | None") -> None:
    keys = [c.key for c in appendix.columns]
    layout = bool(appendix.merge) or numbers is not None
    cells = [roman(index) if k == "stt" else "" for k in keys]
    first_text = next((i for i, k in enumerate(keys) if k != "stt"), None)
    if first_text is not None:  # a table of numbers only keeps its numeral
        cells[first_text] = area.title or ""
    if numbers is not None:  # capitals, "I. Title" inline: the numbers stay I, II and 1, 2 (duties cite them)
        texts = [c if k != "stt" else "" for c, k in zip(cells, keys)]
        rows.append(group_row(texts, roman(index), 1, appendix.columns, numbers))
    else:
        rows.append({"cells": [{"text": c, "group": True, "center": k == "stt"} for c, k in zip(cells, keys)]})
    n = 0
    for t in area.tasks:
        if t.appendix:
            n += 1
            rows.append({"cells": [{"text": _cell(k, t, draft, str(n)), "group": False, "center": k in CENTERED}
                                   for k in keys]})
            if layout:  # cells that may be merged down say their span and merge
                rows[-1] = {"cells": [dict(c, span=1, vmerge=None) for c in rows[-1]["cells"]], "layout": True}


def _uses_layout(appendix: Appendix) -> bool:
    """Whether a table of rows asks for more than typed cells (computed numbering, nested groups,
    header rows, merged cells, a two-row header, aligned columns). A table that does not is laid out
    as drafter always did, so that drafts written before these existed render byte for byte the same."""
    return (appendix.numbering is not None or appendix.merge or any(c.above or c.align for c in appendix.columns)
            or any(r.header or r.span or r.level > 1 for r in appendix.rows))


GROUP_LABEL = {"A": lambda n: letter(n).upper(), "I": roman, "1": str, "a": letter}


class _Numbers:
    """The STT of each row of a table whose numbering is computed: group labels per level, item
    numbers across the table, per group, or as an outline ("5.1.1" under group 5.1 under V)."""

    def __init__(self, appendix: Appendix):
        self.spec = appendix.numbering
        self.counts = [0] * GROUP_LEVELS  # the current group's index at each level
        self.depth = 0  # the level of the group the next items belong to
        self.item = 0

    def style(self, level: int) -> str:
        groups = self.spec.groups
        return groups[min(level, len(groups)) - 1]

    def _path(self, depth: int) -> list[int]:
        """The outline's leading numbers: from the deepest level above ``depth`` not numbered 1, 2 …"""
        base = max((i for i in range(depth) if self.style(i + 1) != "1"), default=0)
        return self.counts[base:depth]

    def group(self, level: int) -> str:
        style = self.style(level)
        if style == "1" and self.spec.items == "outline" and self.depth == level - 1:
            # 5.1, 5.2 as items, then a sub-group: it is 5.3, and its items 5.3.1 …
            self.counts[level - 1] = max(self.counts[level - 1], self.item)
        self.counts[level - 1] += 1
        self.counts[level:] = [0] * (GROUP_LEVELS - level)
        self.depth = level
        if self.spec.items != "across":
            self.item = 0
        if style == "1" and self.spec.items == "outline":
            return ".".join(map(str, self._path(level)))
        return GROUP_LABEL[style](self.counts[level - 1])

    def next_item(self) -> str:
        self.item += 1
        if self.spec.items == "outline" and self.depth:
            return ".".join(map(str, self._path(self.depth) + [self.item]))
        return str(self.item)

    def capitals(self, level: int) -> bool:
        caps = self.spec.capitals
        return caps[level - 1] if level <= len(caps) else False


def _layout_cell(text: str, key: str, column, *, bold: bool = False, header: bool = False, span: int = 1,
                 left: bool = False) -> dict:
    center = not left and (header or (column.align == "center" if column and column.align else key in CENTERED))
    return {"text": text, "group": bold, "header": header, "center": center, "span": span, "vmerge": None}


def _spread(cells: list[dict], keep: int) -> list[dict]:
    """The last filled cell from ``keep`` on takes the empty cells after it (a group title is not
    squeezed into one narrow column)."""
    filled = [i for i, c in enumerate(cells) if c["text"].strip() and i >= keep]
    last = filled[-1] if filled else keep
    if last >= len(cells) - 1:
        return cells
    merged = dict(cells[last], span=sum(c["span"] for c in cells[last:]))
    return cells[:last] + [merged]


def group_row(texts: list[str], label: str, level: int, columns: list, numbers: "_Numbers") -> dict:
    """A group row: its label in the STT column and its title over the cells after it, or
    ("inline", or a table without STT) "I. Title" in one cell across the row; bold, left-aligned."""
    keys = [c.key for c in columns]
    fill = [i for i, k in enumerate(keys) if k != "stt"]
    title = fill[0] if fill else None
    if title is not None and numbers.capitals(level):
        texts[title] = upper_vi(texts[title])
    if numbers.spec.group_label == "inline" or "stt" not in keys:
        head = f"{label}. {texts[title]}" if title is not None else label
        if title is not None:
            texts[title] = ""
        texts[0] = head
        cells = [_layout_cell(t, k, c, bold=True, left=True) for t, k, c in zip(texts, keys, columns)]
        return {"cells": _spread(cells, 0), "layout": True}
    texts[keys.index("stt")] = label
    cells = [_layout_cell(t, k, c, bold=True, left=k != "stt") for t, k, c in zip(texts, keys, columns)]
    return {"cells": _spread(cells, fill[0] if fill else 0), "layout": True}


def layout_rows(appendix: Appendix) -> list[dict]:
    """Rows of a table of rows with its numbering computed (or typed), group rows at their level,
    header rows and cells merged down. Each cell says its span and its part in a vertical merge."""
    columns = appendix.columns
    keys = [c.key for c in columns]
    numbers = _Numbers(appendix) if appendix.numbering else None
    fill = [i for i, c in enumerate(columns) if numbers is None or c.key != "stt"]
    stt = keys.index("stt") if numbers and "stt" in keys else None
    rows: list[dict] = []
    for r in appendix.rows:
        texts = [""] * len(keys)
        for i, text in zip(fill, r.cells):
            texts[i] = text
        if r.level and numbers:
            rows.append(group_row(texts, numbers.group(r.level), r.level, columns, numbers))
            continue
        if numbers and stt is not None and not r.header:
            texts[stt] = numbers.next_item()
        if r.level:
            cells = [_layout_cell(t, k, c, bold=True, left=k != "stt") for t, k, c in zip(texts, keys, columns)]
            first = next((i for i, k in enumerate(keys) if k != "stt"), 0)
            rows.append({"cells": _spread(cells, first), "layout": True})
        else:
            rows.append({"cells": [_layout_cell(t, k, c, header=r.header) for t, k, c in zip(texts, keys, columns)],
                         "layout": True, "row": r})
    _merge_down(rows, keys)
    for row in rows:
        row.pop("row", None)
    return rows


def merge_equal(rows: list[dict], keys: list[str], merged: list[str]) -> None:
    """``merge: [lead]``: equal, non-empty cells of a column in consecutive rows of data become one
    cell (a vertical merge); a group or header row, or a cell already merged, ends the run."""
    for key in merged:
        if key not in keys:
            continue
        k = keys.index(key)
        start = None
        for i, row in enumerate(rows + [None]):
            data = row is not None and row.get("layout") and len(row["cells"]) == len(keys) \
                and not any(c["group"] or c.get("header") for c in row["cells"])
            cell = row["cells"][k] if data else None
            same = (start is not None and cell is not None and cell["vmerge"] is None
                    and cell["text"].strip() and cell["text"] == rows[start]["cells"][k]["text"])
            if same:
                cell["vmerge"] = "continue"
                rows[start]["cells"][k]["vmerge"] = "restart"
                continue
            start = i if cell is not None and cell["vmerge"] is None and cell["text"].strip() else None


def _merge_down(rows: list[dict], keys: list[str]) -> None:
    """A cell with ``span: {lead: 3}`` covers the same column of the next rows of data (never a group
    or header row): the covered cells continue its vertical merge."""
    for i, row in enumerate(rows):
        r: AppendixRow | None = row.get("row")
        if r is None:
            continue
        for key, count in r.span.items():
            if key not in keys:
                continue
            k = keys.index(key)
            below = 0
            while below + 1 < count and i + below + 1 < len(rows) and rows[i + below + 1].get("row") is not None \
                    and not rows[i + below + 1]["row"].header:
                below += 1
                rows[i + below]["cells"][k]["vmerge"] = "continue"
            if below:
                row["cells"][k]["vmerge"] = "restart"


def header_rows(appendix: Appendix) -> list[list[dict]]:
    """The table's header: one row, or two when columns share a header above them ("Chỉ tiêu theo
    năm" over 2026, 2027 …); a column with none then has its own header across both rows."""
    columns = appendix.columns
    if not any(c.above for c in columns):
        return [[{"text": c.header, "span": 1, "vmerge": None} for c in columns]]
    top: list[dict] = []
    bottom: list[dict] = []
    for i, c in enumerate(columns):
        if c.above and i and columns[i - 1].above == c.above:
            top[-1]["span"] += 1
        elif c.above:
            top.append({"text": c.above, "span": 1, "vmerge": None})
        else:
            top.append({"text": c.header, "span": 1, "vmerge": "restart"})
        bottom.append({"text": c.header if c.above else "", "span": 1, "vmerge": None if c.above else "continue"})
    return [top, bottom]


def appendix_context(draft: Draft, appendix: Appendix, index: int, total: int) -> dict:
    keys = [c.key for c in appendix.columns]
    if appendix.source == "tasks":
        rows = task_rows(draft, appendix)
    elif _uses_layout(appendix):
        rows = layout_rows(appendix)
        merge_equal(rows, keys, appendix.merge)
    else:
        # A short row is padded with empty cells, so the table keeps one cell per column.
        rows = [{"cells": [{"text": c, "group": r.group, "center": k in CENTERED}
                           for c, k in zip(r.cells + [""] * (len(keys) - len(r.cells)),
                                           keys + [""] * len(r.cells))]} for r in appendix.rows]
    columns = [{"header": c.header, "number": f"({i})", "width": c.width}
               for i, c in enumerate(appendix.columns, 1)]
    headers = header_rows(appendix)
    line = attached_line(draft, True)
    if appendix.attached:  # "(Ban hành kèm theo ...)", "(Kèm theo ... )" without "của ...": as the draft says
        text = appendix.attached.strip()
        line = text if text.startswith("(") else f"({text.rstrip('.')})"
    return {
        "label": f"Phụ lục {roman(index)}" if total > 1 else "Phụ lục",
        "title": upper_vi(appendix.title),
        "attached": line,
        "rule": fragments.appendix_rule(line),
        "columns": columns,
        "number_row": appendix.number_row,
        "rows": rows,
        "headers": headers,
        "table": fragments.appendix_table(columns, rows, appendix.number_row, headers),
    }


def build_context(draft: Draft, parts: tuple[str, ...] = ("decision", "plan", "appendices")) -> dict:
    """Everything a template needs. ``parts`` selects what this output file shows."""
    has_decision = draft.kind == "quyet-dinh"
    show = {
        "decision": has_decision and "decision" in parts,
        "plan": "plan" in parts,
        "appendices": bool(draft.appendices) and "appendices" in parts,
    }
    return {
        "kind": draft.kind,
        "show": show,
        "decision": decision_context(draft) if has_decision else {},
        "plan": plan_context(draft),
        "appendices": [appendix_context(draft, a, i, len(draft.appendices))
                       for i, a in enumerate(draft.appendices, 1)],
    }


__all__ = ["build_context", "Block"]
