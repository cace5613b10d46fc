"""A province's plan, imported, → a preset: what a commune's plan takes from it.

The plan's own header becomes the preset's ``superior`` citation; its purposes, requirements,
targets, task areas, budget, duties and reporting become the preset's; each body it assigns
a task to is mapped to a commune unit role with ``presets/units/anh-xa.yaml`` (Sở Nội vụ →
standing, Sở Tư pháp → office, «UBND các xã, phường» → the commune itself...). A mapping
marked ``guess`` is said so in a comment at the task; a task for the province's own bodies
only is left out of the areas and listed in a comment, not given to a commune unit.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from .. import yamlio
from ..errors import DraftError, DrafterError, Problem
from ..model import Draft, Node, Task
from ..presets import PresetSpec
from ..resources import presets_dir
from ..text import fold, lower_first, upper_first

ROLES_OF_COMMUNE = ("standing", "office", "economy", "one-stop", "service", "police", "health", "school",
                    "requested")


@dataclass(frozen=True)
class Mapping:
    patterns: tuple[str, ...]
    role: str
    guess: bool


@cache
def unit_mapping() -> tuple[Mapping, ...]:
    """The shipped mapping of province bodies to commune unit roles (first match wins)."""
    from ..presets import search_dirs
    found = [d / "units" / "anh-xa.yaml" for _, d in search_dirs() if (d / "units" / "anh-xa.yaml").is_file()]
    path = found[0] if found else presets_dir() / "units" / "anh-xa.yaml"
    data, _ = yamlio.read(path)
    out = []
    roles = set(ROLES_OF_COMMUNE) | {"commune", "province"}
    entries = data.get("mapping") if isinstance(data, dict) else None
    for i, entry in enumerate(entries if isinstance(entries, list) else [None]):
        ok = isinstance(entry, dict) and isinstance(entry.get("match"), list) and entry.get("role") in roles
        if not ok:
            line, col = yamlio.position(data, ("mapping", i))
            raise DraftError([Problem("bảng ánh xạ cần «mapping: [{match: [tên cơ quan...], role: vai trò}]»; vai "
                                      f"trò là một trong: {', '.join(sorted(roles))}", str(path), line, col,
                                      f"mapping[{i}]")])
        pats = tuple(re.sub(r"\s+", " ", fold(str(p))).strip() for p in entry["match"])
        out.append(Mapping(pats, str(entry["role"]), bool(entry.get("guess", False))))
    return tuple(out)


def map_body(name: str) -> Mapping | None:
    f = re.sub(r"\s+", " ", fold(name)).strip()
    for m in unit_mapping():
        if any(re.search(rf"(?<![\w&]){re.escape(p)}(?![\w&])", f) for p in m.patterns):
            return m
    return None


@dataclass
class _Notes:
    guesses: list[str] = field(default_factory=list)
    province_only: list[str] = field(default_factory=list)
    unmapped: set[str] = field(default_factory=set)


def _roles(names: list[str], notes: _Notes) -> tuple[list[str], bool, bool]:
    """(commune roles, the commune itself is named, only province bodies are named)."""
    roles: list[str] = []
    commune = False
    province = bool(names)
    for name in names:
        m = map_body(name)
        if m is None:
            notes.unmapped.add(name)
            province = False
            continue
        if m.role == "commune":
            commune, province = True, False
        elif m.role == "province":
            continue
        else:
            province = False
            if m.role not in roles:
                roles.append(m.role)
            if m.guess:
                notes.guesses.append(f"{name} → {m.role}")
    return roles, commune, province


def _task(t: Task, draft: Draft, notes: _Notes) -> dict | None:
    names = lambda ids: [draft.unit(u).name if draft.unit(u) else u for u in ids]  # noqa: E731
    lead, lead_commune, lead_province = _roles(names(t.lead), notes)
    support, sup_commune, _ = _roles(names(t.support), notes)
    if not lead:
        if lead_province and not sup_commune:
            notes.province_only.append(f"{t.text} (chủ trì: {', '.join(names(t.lead))})")
            return None
        lead = support[:1] or ["standing"]
        if not support:
            notes.guesses.append(f"«{t.text[:50]}…»: chủ trì của xã → standing")
    out: dict = {"text": t.text}
    if t.summary:  # the province's body wording of a task its table details
        out["summary"] = t.summary
    if t.items:
        out["items"] = list(t.items)
    if t.target:
        out["target"] = t.target
    out["lead"] = lead
    rest = [r for r in support if r not in lead]
    if rest:
        out["support"] = rest
    if t.deadline:
        out["deadline"] = t.deadline
    if t.output:
        out["output"] = t.output
    return out


_ROLE_WORDS = [
    ("purposes", r"\bmuc dich\b"), ("requirements", r"\byeu cau\b"), ("targets", r"\b(muc tieu|chi tieu)\b"),
    ("budget", r"\bkinh phi\b"), ("implementation", r"\bto chuc thuc hien\b"), ("reporting", r"\bbao cao\b"),
    ("tasks", r"\b(nhiem vu|giai phap|noi dung)\b"),
]


def _kind(title: str | None) -> str | None:
    f = fold(title or "")
    for role, rx in _ROLE_WORDS:
        if re.search(rx, f):
            return role
    return None


def _texts(node: Node) -> list[str]:
    """A node's paragraphs as preset text: sub-parts' titles and paragraphs, in order."""
    out: list[str] = []
    for item in node.items:
        if isinstance(item, str):
            out.append(item)
        elif item.body:
            if item.title:
                out.append(item.title + ":" if not item.title.endswith(":") else item.title)
            out += _texts(item)
    return out


def _sentence(text: str, province: str) -> str:
    """A title in capitals → a sentence («PHÁT TRIỂN KINH TẾ SỐ TỈNH BẮC NINH» → «phát triển kinh tế số tỉnh Bắc Ninh»)."""
    if text.upper() != text:
        return text
    low = text.lower()
    return re.sub(re.escape(province.lower()), province, low)


def _commune_subject(subject: str, province: str, kind: str) -> str:
    s = upper_first(_sentence(subject, province))
    where = rf"(trên địa bàn )?{re.escape(kind)} {re.escape(province)}"
    if re.search(where, s, re.I):
        return re.sub(where, "{{ xa }}", s, count=1, flags=re.I)
    return f"{s} trên địa bàn {{{{ xa }}}}"


def preset_of(imported) -> tuple[dict, list[str]]:
    """(preset as plain data, comments: guesses and tasks left to the province)."""
    draft: Draft = imported.draft
    if draft.commune.type not in ("tỉnh", "thành phố"):
        raise DrafterError(f"«{imported.name}» là kế hoạch của {draft.commune.full}, không phải của tỉnh, thành "
                           "phố: chỉ kế hoạch cấp tỉnh làm preset được; kế hoạch của xã dùng làm bản thảo (drafter "
                           "import không kèm --as preset, hoặc sửa thẳng tệp YAML)")
    province, pkind = draft.commune.name, draft.commune.type
    notes = _Notes()
    d = draft.date
    superior = {"kind": "Kế hoạch", "number": f"{draft.number or '…'}/KH-UBND",
                "date": f"{d.day or 1:02d}/{(d.month or 1):02d}/{d.year}" if (d.month or 1) <= 2
                else f"{d.day or 1:02d}/{d.month}/{d.year}", "issuer": f"UBND {pkind} {province}",
                "subject": "về " + lower_first(_sentence(draft.subject, province))}
    years = re.findall(r"\b(20\d\d)\b", draft.subject)
    if years:
        superior["period"] = "-".join(dict.fromkeys(years))
    year = max(int(years[0]), d.year) if years else d.year
    spec: dict = {"preset": 1,
                  "title": f"Kế hoạch của xã, phường thực hiện Kế hoạch {superior['number']} của UBND {pkind} "
                           f"{province}",
                  "province": province, "province_kind": pkind, "superior": superior, "kind": "ke-hoach",
                  "year": year, "subject": _commune_subject(draft.subject, province, pkind)}
    spec["bases"] = [c.model_dump(exclude_none=True, exclude={"src"}) for c in draft.bases]
    spec["bases_end"] = ","
    spec["preamble"] = f"{{{{ ubnd }}}} ban hành Kế hoạch {lower_first(spec['subject'])}, cụ thể như sau:"
    groups = {fold(n.title or ""): n for n in draft.sections if not n.body}
    used: set[str] = set()
    areas: list[dict] = []
    lists: dict[str, list[str]] = {}
    duties: dict[str, list[str]] = {}
    for section in (n for n in draft.sections if n.body and n.title):
        kind = _kind(section.title)
        subs = [i for i in section.items if isinstance(i, Node) and i.body]
        if kind in ("purposes", "requirements", "targets") and subs:
            for sub in subs:
                lists.setdefault(_kind(sub.title) or kind, []).extend(_texts(sub))
        elif kind == "tasks":
            if subs:
                lists.setdefault("tasks_intro", []).extend(i for i in section.items if isinstance(i, str))
            for sub in subs or [section]:
                group = groups.get(fold(sub.title or ""))
                tasks = [x for x in (_task(t, draft, notes) for t in (group.tasks if group else [])) if x]
                if group is not None:
                    used.add(fold(group.title or ""))
                area = {"title": upper_first(_sentence(sub.title or "", province))}
                texts = _texts(sub)
                if tasks:
                    area["items"] = texts
                    area["tasks"] = tasks
                else:  # no table row for this area: its points are its tasks, for the commune's standing unit
                    area["tasks"] = [{"text": x.removeprefix("- ").removeprefix("+ "), "lead": ["standing"]}
                                     for x in texts] or [{"text": area["title"], "lead": ["standing"]}]
                    notes.guesses.append(f"lĩnh vực «{area['title']}»: nhiệm vụ lấy từ các đoạn, chủ trì → standing")
                areas.append(area)
        elif kind == "budget":
            lists.setdefault("budget", []).extend(_texts(section))
        elif kind == "implementation":
            lists.setdefault("general", []).extend(i for i in section.items if isinstance(i, str))
            for sub in subs:
                if _kind(sub.title) == "reporting":
                    lists.setdefault("reporting", []).extend(_texts(sub))
                    continue
                m = map_body(sub.title or "")
                if m is not None and m.role in ROLES_OF_COMMUNE:
                    duties.setdefault(m.role, []).extend(_texts(sub))
                    if m.guess:
                        notes.guesses.append(f"{sub.title} → {m.role}")
                elif m is not None and m.role == "commune":
                    lists.setdefault("general", []).extend(_texts(sub))
        elif kind == "reporting":
            lists.setdefault("reporting", []).extend(_texts(section))
    for key, group in groups.items():  # table groups no body part names: areas of their own
        if key in used:
            continue
        tasks = [x for x in (_task(t, draft, notes) for t in group.tasks) if x]
        for sub in (i for i in group.items if isinstance(i, Node)):
            tasks += [x for x in (_task(t, draft, notes) for t in sub.tasks) if x]
        if tasks:
            areas.append({"title": upper_first(_sentence(group.title or "", province)), "tasks": tasks})
    if not areas:
        raise DrafterError(f"«{imported.name}»: không thấy phần nhiệm vụ (mục «Nhiệm vụ, giải pháp» hoặc bảng "
                           "phụ lục) để làm các lĩnh vực của preset")
    for key in ("purposes", "requirements", "targets", "tasks_intro"):
        if lists.get(key):
            spec[key] = lists[key]
    spec["areas"] = areas
    has_table = any(a.get("items") is not None for a in areas) or bool(used)
    if has_table and draft.appendices:
        spec["layout"] = "appendix"
        spec["appendix"] = {"title": upper_first(_sentence(draft.appendices[0].title, province))}
    for key in ("budget", "general", "reporting"):
        if lists.get(key):
            spec[key] = lists[key]
    if duties:
        spec["duties"] = duties
    spec["recipients"] = [{"text": f"UBND {pkind} {province}", "report": True}]
    review = list(dict.fromkeys(notes.guesses))
    if notes.unmapped:
        review.append("Cơ quan chưa có trong bảng ánh xạ: " + "; ".join(sorted(notes.unmapped)))
    if review:  # in the data, not only a comment: «drafter new» says them again for each commune
        spec["review"] = review
    PresetSpec.model_validate(spec)  # what «drafter new» will read: fail here, not there
    comments = []
    if review:
        comments.append("Ánh xạ phỏng đoán, ghi ở «review» cuối tệp (xem lại; sửa presets/units/anh-xa.yaml "
                        "nếu cần; xóa «review» khi đã xem):")
        comments += [f"  {g}" for g in review]
    if notes.province_only:
        comments.append("Nhiệm vụ chỉ của cơ quan cấp tỉnh, không giao cho xã (không đưa vào preset):")
        comments += [f"  - {t}" for t in notes.province_only]
    return spec, comments


def preset_yaml(imported, how: str = "drafter import --as preset") -> tuple[str, dict, list[str]]:
    from . import emit
    spec, comments = preset_of(imported)
    head = (f"Preset nhập từ «{imported.name}» ({how}): kế hoạch của UBND "
            f"{spec['province_kind']} {spec['province']}.\n"
            f"Lập bản thảo cho một xã: drafter new --preset TỆP-NÀY.yaml --commune \"Tên\" --type xã -o ten.yaml\n"
            "Nhiệm vụ giao theo vai trò đơn vị của xã (standing, office, economy, one-stop, police...).")
    if comments:
        head += "\n\n" + "\n".join(comments)
    return emit.dump(spec, head=head), spec, comments


def preset_from_draft(draft: Draft, name: str) -> tuple[str, dict, list[str]]:
    """A province plan written as a drafter draft → preset YAML, as an imported one would give."""
    from types import SimpleNamespace
    return preset_yaml(SimpleNamespace(name=name, draft=draft), how="drafter preset from-draft")


__all__ = ["preset_of", "preset_yaml", "preset_from_draft", "map_body", "unit_mapping"]
