"""Validated draft → the plain data the templates show. No DOCX here, only words."""
from __future__ import annotations

from . import fragments, inline
from .model import Appendix, Draft, Node, Recipient, Signer, Task
from .outline import Block, date_words, number_line, number_symbol, place_date, plan_blocks
from .duties import appendix_areas, requested, unit_names
from .citations import basis_lines
from .numerals import roman
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
    }


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
    for i, area in enumerate(appendix_areas(draft.sections), 1):
        _visit_area(area, i, draft, keys, rows)
    return rows


def _visit_area(area: Node, index: int, draft: Draft, keys: list[str], rows: list[dict]) -> None:
    cells = [roman(index) if k == "stt" else "" for k in keys]
    first_text = next((i for i, k in enumerate(keys) if k != "stt"), None)
    if first_text is not None:  # a table of numbers only keeps its numeral
        cells[first_text] = area.title or ""
    rows.append({"cells": [{"text": c, "group": True, "center": k == "stt"} for c, k in zip(cells, keys)]})
    n = 0
    for t in area.tasks:
        if t.appendix:
            n += 1
            rows.append({"cells": [{"text": _cell(k, t, draft, str(n)), "group": False, "center": k in CENTERED}
                                   for k in keys]})


def appendix_context(draft: Draft, appendix: Appendix, index: int, total: int) -> dict:
    keys = [c.key for c in appendix.columns]
    if appendix.source == "tasks":
        rows = task_rows(draft, appendix)
    else:
        # A short row is padded with empty cells, so the table keeps one cell per column.
        rows = [{"cells": [{"text": c, "group": r.group, "center": k in CENTERED}
                           for c, k in zip(r.cells + [""] * (len(keys) - len(r.cells)),
                                           keys + [""] * len(r.cells))]} for r in appendix.rows]
    columns = [{"header": c.header, "number": f"({i})", "width": c.width}
               for i, c in enumerate(appendix.columns, 1)]
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
        "table": fragments.appendix_table(columns, rows, appendix.number_row),
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
