"""``drafter report``: the periodic report on a plan (Báo cáo, kind ``bao-cao``) as a draft.

The report is built from the plan and what the units wrote in their tracking workbooks
(:class:`drafter.progress.Progress`), for one reporting period (:class:`drafter.deadlines.Period`):
every task of the plan once, under its area and its status; counts for the assessment the
official writes; the tasks for the next period; an appendix table of every task. The result is
an ordinary draft (same YAML format, same validation, editor and renderer as a plan): nothing
here knows about DOCX. Text in square brackets is a prompt for the official to replace.
"""
from __future__ import annotations

from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from . import inline
from .context import DECISION_SYMBOL, PLAN_SYMBOL
from .deadlines import Period, short_date
from .model import Draft
from .outline import date_words, number_symbol
from .numerals import roman
from .progress import Entry, Progress
from .text import lower_first
from .track import DOING, DONE, NOT_REPORTED, STATUSES, TODO
from .yamlio import commented

# Status → the heading of its group in «II. Kết quả thực hiện» (None: no unit reported the task).
GROUPS = {DONE: "Nhiệm vụ đã hoàn thành", DOING: "Nhiệm vụ đang thực hiện", TODO: "Nhiệm vụ chưa thực hiện",
          None: "Nhiệm vụ chưa có báo cáo của đơn vị"}
OVERDUE_MARK = "quá hạn"
COLUMNS = [
    {"key": "stt", "header": "STT", "width": 1.5},
    {"key": "task", "header": "Nhiệm vụ", "width": 8.5},
    {"key": "lead", "header": "Cơ quan chủ trì", "width": 3.8},
    {"key": "deadline", "header": "Thời hạn", "width": 2.8},
    {"key": "status", "header": "Tình trạng", "width": 3.0},
    {"key": "result", "header": "Kết quả thực hiện", "width": 6.4},
]


def _sentence(text: str) -> str:
    """A task's words without their closing stop, on one line."""
    return " ".join(text.split()).rstrip(" .;:")


def _percent(part: int, whole: int) -> str:
    """«33,3%»: Vietnamese writes a decimal comma."""
    if not whole:
        return "0%"
    value = round(100 * part / whole, 1)
    return (f"{value:.1f}".rstrip("0").rstrip(".") + "%").replace(".", ",")


# ----------------------------------------------------------------------------- the plan cited

def plan_reference(plan: Draft) -> tuple[str, dict]:
    """(how the report names the plan in short, the basis citing it in full).

    A plan issued by a decision is cited by the decision (it has no number of its own).
    """
    who = f"Ủy ban nhân dân {plan.commune.full}"
    if plan.kind == "quyet-dinh" and plan.decision is not None:
        d = plan.decision
        number = number_symbol(d.number, DECISION_SYMBOL)
        date = d.date or plan.date
        short = f"Kế hoạch ban hành kèm theo Quyết định số {number}"
        subject = f"ban hành Kế hoạch {lower_first(plan.subject)}"
        kind, issuer = "Quyết định", f"Chủ tịch {who}"
    else:
        number = number_symbol(plan.number, PLAN_SYMBOL)
        date = plan.date
        short = f"Kế hoạch số {number}"
        subject = f"về {lower_first(plan.subject)}"
        kind, issuer = "Kế hoạch", who
    if number.strip().split("/")[0] and date.day:
        basis = {"verb": "Thực hiện", "kind": kind, "number": number, "date": date.short(), "issuer": issuer,
                 "subject": subject}
    else:  # not yet numbered or dated in the draft: the blanks are left for the clerk, as in the plan
        basis = {"verb": "Thực hiện", "text": f"{kind} số {number} {date_words(date)} của {issuer} {subject}"}
    return short, basis


def report_subject(plan: Draft, period: Period, short: str) -> str:
    """«Kết quả thực hiện Kế hoạch số …/KH-UBND về cải cách hành chính … quý I năm 2026»."""
    topic = lower_first(_sentence(plan.subject))
    tail = f" năm {period.year}"
    if topic.endswith(tail):  # «… năm 2026 quý I năm 2026» says the year twice
        topic = topic[: -len(tail)]
    return f"Kết quả thực hiện {short} về {topic} {period.title}"


# ----------------------------------------------------------------------------- body

def _lead(entry: Entry) -> str:
    return "; ".join(entry.task.lead) or "chưa giao đơn vị chủ trì"


def _when(entry: Entry, cutoff) -> str:
    """«hạn 31/3/2026, quá hạn», «thường xuyên»."""
    text = entry.task.deadline.describe()
    return f"{text}, {OVERDUE_MARK}" if entry.overdue(cutoff) else text


def _task_line(entry: Entry, cutoff) -> str:
    """One task in «II. Kết quả thực hiện»: what it is, who leads it, what was reported."""
    line = f"- {_sentence(entry.task.task.text)} ({_lead(entry)}; {_when(entry, cutoff)})"
    result = _sentence(entry.result)
    if entry.status in (DONE, DOING):
        line += f": {result}" if result else ": [ghi kết quả đạt được]"
        if entry.evidence:
            line += f" (văn bản: {_sentence(entry.evidence)})"
        if entry.status == DONE and entry.done_on:
            line += f"; hoàn thành ngày {short_date(entry.done_on)}"
    elif result:
        line += f": {result}"
    if entry.notes:
        line += f"; ghi chú: {_sentence(entry.notes)}"
    return inline.literal(line + ";")  # a workbook's words print as typed, tag-like text included


def _close_list(lines: list[str]) -> list[str]:
    """A list of «- ...;» lines ends with «.»."""
    if lines:
        lines[-1] = lines[-1].rstrip(";") + "."
    return lines


def _counts_sentence(progress: Progress, cutoff, entries: list[Entry] | None = None) -> str:
    entries = progress.entries if entries is None else entries
    counts = progress.counts(entries)
    total = len(entries)
    parts = [f"đã hoàn thành {counts[DONE]} nhiệm vụ ({_percent(counts[DONE], total)})",
             f"đang thực hiện {counts[DOING]} nhiệm vụ", f"chưa thực hiện {counts[TODO]} nhiệm vụ"]
    if counts[None]:
        parts.append(f"{counts[None]} nhiệm vụ chưa có báo cáo của đơn vị")
    late = [e for e in entries if e.overdue(cutoff)]
    text = ", ".join(parts)
    return text + (f"; có {len(late)} nhiệm vụ {OVERDUE_MARK}" if late else "; không có nhiệm vụ quá hạn")


def result_section(progress: Progress, cutoff) -> dict:
    """II. Kết quả thực hiện: a summary, then each area of the plan with its tasks by status."""
    total = len(progress.entries)
    items: list = [f"Kế hoạch có {total} nhiệm vụ. Tính đến ngày {short_date(cutoff)} (ngày chốt số liệu của "
                   f"kỳ báo cáo), {_counts_sentence(progress, cutoff)} (chi tiết tại Phụ lục kèm theo Báo cáo "
                   "này). Kết quả cụ thể như sau:"]
    for area, entries in progress.by_area():
        groups = []
        for status in (*STATUSES, None):
            chosen = [e for e in entries if e.status == status]
            if chosen:
                groups.append({"title": f"{GROUPS[status]} ({len(chosen)} nhiệm vụ)",
                               "items": _close_list([_task_line(e, cutoff) for e in chosen])})
        items.append({"title": area or "Nhiệm vụ khác", "items": groups})
    return {"title": "Kết quả thực hiện", "role": "free", "items": items}


def _brief(entry: Entry, cutoff) -> str:
    """A task to do next, led by its unit: «- Văn phòng HĐND và UBND: … (hạn 30/6/2026);»."""
    return f"- {_lead(entry)}: {lower_first(_sentence(entry.task.task.text))} ({_when(entry, cutoff)});"


def assessment_section(progress: Progress, cutoff) -> dict:
    """III. Đánh giá chung: the counts written out, and prompts for what only the official knows."""
    counts = progress.counts()
    total = len(progress.entries)
    late = progress.overdue(cutoff)
    good = [f"Các cơ quan, đơn vị đã hoàn thành {counts[DONE]}/{total} nhiệm vụ của Kế hoạch "
            f"({_percent(counts[DONE], total)}), đang triển khai {counts[DOING]} nhiệm vụ.",
            "[Nêu những kết quả nổi bật, cách làm hiệu quả trong kỳ.]"]
    weak = []
    if late:
        weak.append(f"Còn {len(late)} nhiệm vụ quá hạn chưa hoàn thành (nêu tại mục IV).")
    if counts[TODO]:
        weak.append(f"Còn {counts[TODO]} nhiệm vụ chưa triển khai thực hiện.")
    if counts[None]:
        weak.append(f"Còn {counts[None]} nhiệm vụ các đơn vị chưa báo cáo kết quả.")
    weak.append("[Nêu những hạn chế, khó khăn khác trong kỳ.]")
    causes = ["- Nguyên nhân khách quan: [ghi nguyên nhân].",
              "- Nguyên nhân chủ quan: [ghi nguyên nhân]."]
    return {"title": "Đánh giá chung", "role": "free", "items": [
        {"title": "Ưu điểm", "items": good},
        {"title": "Hạn chế", "items": weak},
        {"title": "Nguyên nhân của hạn chế", "items": causes},
    ]}


def next_section(progress: Progress, period: Period, commune: str) -> dict:
    """IV. Phương hướng, nhiệm vụ kỳ tới: overdue tasks first, then those due in the next period."""
    cutoff = period.cutoff
    upcoming = period.next()
    late = progress.overdue(cutoff)
    due = [e for e in progress.due_between(cutoff, upcoming.cutoff) if not e.overdue(cutoff)]
    named = {id(e) for e in late + due}
    rest = [e for e in progress.entries if not e.done and id(e) not in named]
    items: list = [f"Trong {upcoming.title}, Ủy ban nhân dân {commune} tập trung chỉ đạo các cơ quan, "
                   "đơn vị thực hiện:"]
    if late:
        items.append({"title": "Hoàn thành ngay các nhiệm vụ quá hạn",
                      "items": _close_list([_brief(e, cutoff) for e in late])})
    if due:
        items.append({"title": f"Các nhiệm vụ đến hạn trong {upcoming.title}",
                      "items": _close_list([_brief(e, cutoff) for e in due])})
    ongoing = f"Tiếp tục triển khai {len(rest)} nhiệm vụ còn lại của Kế hoạch" if rest else \
        "Duy trì kết quả các nhiệm vụ đã hoàn thành"
    items.append({"title": "Các nhiệm vụ khác",
                  "items": [f"{ongoing}, các nhiệm vụ thường xuyên theo đúng tiến độ đề ra.",
                            "[Nêu thêm nhiệm vụ trọng tâm của kỳ tới, nếu có.]"]})
    return {"title": "Phương hướng, nhiệm vụ kỳ tới", "role": "free", "items": items}


# ----------------------------------------------------------------------------- appendix

def appendix_rows(progress: Progress, cutoff) -> list[dict]:
    """A group row per area (I, II …), then each task: STT, task, lead, deadline, status, result."""
    rows = []
    for i, (area, entries) in enumerate(progress.by_area(), 1):
        rows.append({"cells": [roman(i), area or "Nhiệm vụ khác", "", "", "", ""], "group": True})
        for n, e in enumerate(entries, 1):
            status = e.status or NOT_REPORTED
            if e.overdue(cutoff):
                status += f"\n({OVERDUE_MARK})"
            result = e.result
            if e.evidence:
                result = f"{result}\n{e.evidence}" if result else e.evidence
            rows.append({"cells": [str(n), e.task.text, "; ".join(e.task.lead), e.task.task.deadline or "",
                                   status, result]})
    return rows


# ----------------------------------------------------------------------------- the draft

def _recipients(plan: Draft) -> list[dict]:
    """The plan's superiors and leaders (not its executing units): a report goes up."""
    out = []
    for r in plan.recipients:
        if r.unit:
            continue
        out.append({"text": r.text, "report": True} if r.report else {"text": r.text})
    return out


def report_plain(plan: Draft, progress: Progress, period: Period, *, to: list[str] | None = None,
                 plan_file: str | None = None) -> dict:
    """The report as the plain data of a draft (``drafter.loader.validate_plain`` reads it)."""
    to = [t.strip() for t in (to or []) if t.strip()]
    short, basis = plan_reference(plan)
    commune = plan.commune.full
    cutoff = period.cutoff
    opening = f"Ủy ban nhân dân {commune} báo cáo kết quả thực hiện {period.title} như sau:"
    sections = [
        {"title": "Công tác chỉ đạo, điều hành", "role": "free", "items": [
            f"Ủy ban nhân dân {commune} đã giao {len(progress.entries)} nhiệm vụ của Kế hoạch cho các cơ quan, "
            "đơn vị chủ trì thực hiện và theo dõi tiến độ bằng bảng theo dõi các đơn vị cập nhật.",
            "[Nêu các văn bản chỉ đạo, điều hành đã ban hành trong kỳ: số, ngày, trích yếu; công tác kiểm tra, "
            "đôn đốc.]"]},
        result_section(progress, cutoff),
        assessment_section(progress, cutoff),
        next_section(progress, period, commune),
        {"title": "Kiến nghị, đề xuất", "role": "free", "items": [
            "[Nêu kiến nghị, đề xuất với cơ quan cấp trên (nếu có); nếu không có, xóa đoạn này.]"]},
    ]
    data: dict = {
        "version": 1,
        "kind": "bao-cao",
        "commune": plan.commune.model_dump(exclude_none=True),
    }
    if plan.issuer.parent or plan.issuer.lines:
        data["issuer"] = plan.issuer.model_dump(exclude_none=True, exclude_defaults=True)
    if plan.place:
        data["place"] = plan.place
    data.update({
        "number": "",
        "date": f"{period.year}-{period.end_month:02d}",
        "subject": report_subject(plan, period, short),
        "bases": [basis],
        "preamble": opening,
        "sections": sections,
        "closing": f"Trên đây là báo cáo kết quả thực hiện {short} {period.title} của Ủy ban nhân dân {commune}.",
        "derive_duties": False,
        "recipients": _recipients(plan),
        "archive": plan.archive,
        "signer": plan.signer.model_dump(exclude_none=True),
        "appendices": [{"title": f"Kết quả thực hiện các nhiệm vụ {period.title}", "columns": COLUMNS,
                        "source": "rows", "rows": appendix_rows(progress, cutoff)}],
        "report": {"period": period.label, **({"plan": plan_file} if plan_file else {}), "to": to},
    })
    return data


_FLOW_KEYS = frozenset({"commune", "cells"})




COMMENTS = {
    "kind": "bao-cao: Báo cáo (ký hiệu BC). Xuất ra Word: drafter render TỆP-NÀY.yaml -o TỆP-NÀY.docx",
    "subject": "Trích yếu của báo cáo.",
    "sections": "NỘI DUNG BÁO CÁO, lập từ kế hoạch và các bảng theo dõi đơn vị gửi về. Đoạn trong ngoặc vuông [...]\n"
                "là gợi ý: hãy viết thay bằng nội dung thật. Số mục (I., 1., a)) do drafter tự đánh.",
    "recipients": "Nơi nhận: report: true thêm «(b/c)». Nếu gửi thẳng cơ quan cấp trên, ghi tên cơ quan vào\n"
                  "report.to (dòng «Kính gửi:»); nơi nhận khi đó bắt đầu bằng «- Như trên;».",
    "appendices": "Phụ lục: bảng kết quả từng nhiệm vụ (tình trạng, kết quả) như đơn vị báo cáo.",
    "report": "Kỳ báo cáo; kế hoạch đã lập báo cáo; «to»: cơ quan nhận ở dòng «Kính gửi:».",
}


def report_document(plain: dict, plan_name: str, files: list[str]) -> CommentedMap:
    """The report draft as a commented YAML document."""
    doc = commented(plain, _FLOW_KEYS)
    sources = ", ".join(Path(f).name for f in files) or "(không có bảng theo dõi)"
    doc.yaml_set_start_comment(
        f"Bản thảo Báo cáo {plain['report']['period']} của UBND {plain['commune']['type']} "
        f"{plain['commune']['name']},\nlập từ kế hoạch «{plan_name}» và bảng theo dõi: {sources}.\n"
        "Đọc lại, viết các đoạn gợi ý trong ngoặc vuông, rồi xuất ra Word:\n"
        "    drafter render TỆP-NÀY.yaml -o TỆP-NÀY.docx")
    for key, text in COMMENTS.items():
        if key in doc:
            doc.yaml_set_comment_before_after_key(key, before="\n" + text, indent=0)
    return doc


def default_report_path(plan_path: Path, period: Period) -> Path:
    """Beside the plan: «bao-cao-quy-i-2026.yaml»."""
    from .text import slug

    return plan_path.parent / f"bao-cao-{slug(period.label, 'ky')}.yaml"


def write_report(plan: Draft, progress: Progress, period: Period, target: Path, *, plan_path: Path,
                 to: list[str] | None = None, force: bool = False) -> Draft:
    """Write the report draft to ``target`` (never over a file unless ``force``), validated as
    ``drafter render`` will read it back; returns that draft."""
    from . import yamlio
    from .atomic import refuse_existing, write_text
    from .loader import validate

    refuse_existing([target], force=force)
    try:
        plan_file = str(Path(plan_path).resolve().relative_to(Path(target).resolve().parent))
    except ValueError:
        plan_file = str(plan_path)
    plain = report_plain(plan, progress, period, to=to, plan_file=plan_file)
    text = yamlio.dump(report_document(plain, Path(plan_path).name, progress.files))
    loaded = validate(yamlio.parse(text, str(target)), str(target))
    write_text(target, text, force=force)
    return loaded.draft


def report_from_files(plan_path: Path, books: list[Path], period: Period, target: Path | None = None, *,
                      to: list[str] | None = None, force: bool = False, on_problems=None):
    """The CLI's and the editor's way: read the plan and the returned workbooks, write the report.

    Returns (the file written, the report draft, the progress read). Raises DrafterError, writing
    nothing, when the plan is not a plan, the target is an input, or no workbook could be read;
    ``on_problems`` first gets what the workbooks' reading found (by file and row).
    """
    from .errors import DrafterError, Problem
    from .loader import load_draft
    from .progress import read_progress

    plan = load_draft(plan_path).draft
    if plan.kind == "bao-cao":
        raise DrafterError([Problem("đây là một báo cáo, không phải kế hoạch; hãy chọn tệp kế hoạch cần báo cáo",
                                    str(plan_path))])
    if not books:
        raise DrafterError("cần ít nhất một bảng theo dõi đã điền (.xlsx) hoặc thư mục chứa chúng")
    default = default_report_path(Path(plan_path), period)
    target = Path(target) if target else default
    if target.is_dir():  # «-o bao-cao/»: the default name inside it
        target = target / default.name
    if target.resolve() in {Path(b).resolve() for b in books} | {Path(plan_path).resolve()}:
        raise DrafterError([Problem("tệp báo cáo ra trùng một tệp đầu vào; hãy chọn tên khác", str(target))])
    progress = read_progress(plan, books)
    if on_problems is not None:
        on_problems(progress.problems)
    unreadable = {p.file for p in progress.errors if p.line is None}
    if all(f in unreadable for f in progress.files):
        raise DrafterError("không đọc được bảng theo dõi nào; không ghi báo cáo. Hãy sửa các lỗi ở trên rồi chạy lại")
    draft = write_report(plan, progress, period, target, plan_path=Path(plan_path), to=to, force=force)
    return target, draft, progress


__all__ = ["appendix_rows", "default_report_path", "report_from_files", "plan_reference", "report_document", "report_plain",
           "report_subject", "write_report"]
