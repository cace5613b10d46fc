"""Derive a commune's draft from a preset: its name, type and units everywhere they belong.

A preset is prepared once (:func:`prepare`: bases in legal order, unit catalogues,
titles), then each commune's draft is made from it in named steps, as plain dicts in the
order the YAML file shows them (:func:`derive_plain`), so that a batch over all 3,321
communes stays fast. :func:`derive_model` is the one path from a preset to a validated
:class:`~drafter.model.Draft`; the commented YAML file is made in :mod:`drafter.draftfile`.

Overrides (all optional)::

    signer: {name: ..., title: ..., authority: KT., authority_of: Chủ tịch}
    signer_name / signer_title / signer_authority: the same, flat
    number: "12"                 # the plan's number (blank by default, for the clerk)
    decision_number: "09"        # the decision's number (kind quyet-dinh)
    date: "2026-06" | "05/6/2026"
    place: "Võ Cường"
    recipients / extra_recipients: ["Ban Thường trực Ủy ban MTTQ Việt Nam phường"]
    unit_renames: {ttcu: "Trung tâm Dịch vụ tổng hợp", kt: {name: ..., short: ...}}
    units_drop: [ttpvhcc]        # units the commune does not have; tasks go to a fallback
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .bases import number_key, ordered
from .errors import DraftError
from .model import Citation, Commune, Draft
from .presets import CATALOGUE_FILES, ROLE_PLACEHOLDERS, Preset, PresetSpec, PresetTask, fill, unit_catalogue
from .text import clean, clean_tree, lower_first, upper_first

# Where a role's tasks go when the commune has no unit of that role.
ROLE_FALLBACK = {
    "standing": ["culture", "office"],
    "office": ["standing"],
    "economy": ["office", "standing"],
    "culture": ["standing"],
    "one-stop": ["office", "standing"],
    "service": ["culture", "standing"],
    "police": ["standing"],
    "health": ["culture", "standing"],
    "school": ["culture", "standing"],
    "requested": ["standing"],
    "group": ["standing"],
    "other": ["standing"],
}

# What the commune's residential communities are called ({{ thon_to }}): a phường has only tổ dân phố.
SETTLEMENTS = {"xã": "thôn, tổ dân phố", "phường": "tổ dân phố", "đặc khu": "thôn, tổ dân phố"}

# Vietnamese official documents quote with “ ”, not « » (a preset written or imported with them is mended).
_QUOTES = str.maketrans({"«": "“", "»": "”"})

# Names cited in full at their first use in the plan, short after: short → full.
FIRST_USE = {
    "Đề án 06": "Đề án 06 (phê duyệt tại Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ)",
}

OVERRIDE_KEYS = {"signer", "signer_name", "signer_title", "signer_authority", "signer_authority_of",
                 "number", "decision_number", "date", "place", "recipients", "extra_recipients",
                 "unit_renames", "units_drop"}


# ----------------------------------------------------------------------------- the prepared preset

@dataclass(frozen=True)
class PreparedPreset:
    """What every commune's draft takes from a preset, computed once (reuse it over a batch)."""

    preset: Preset
    bases: tuple[dict, ...]  # in legal order, the superior plan last
    decision_bases: tuple[dict, ...]
    catalogues: dict[str, tuple[dict, ...]]  # commune type → its units and the preset's additions
    titles: dict[str, str]  # section titles, placeholders not yet filled
    columns: tuple[dict, ...] | None  # the appendix's columns

    @property
    def name(self) -> str:
        return self.preset.name

    @property
    def spec(self) -> PresetSpec:
        return self.preset.spec


def prepare(preset: Preset | PreparedPreset) -> PreparedPreset:
    """The prepared form of a preset (a prepared one is returned as it is)."""
    if isinstance(preset, PreparedPreset):
        return preset
    spec = preset.spec
    extra = [u.model_dump(exclude_defaults=True) | {"id": u.id, "name": u.name, "role": u.role}
             for u in spec.units]
    return PreparedPreset(
        preset=preset,
        bases=_ordered_bases(spec, spec.bases),
        decision_bases=_ordered_bases(spec, spec.decision.bases if spec.decision else spec.bases),
        catalogues={t: tuple(unit_catalogue(t) + extra) for t in CATALOGUE_FILES},
        titles=spec.titles.model_dump(),
        columns=(tuple(c.model_dump(exclude_none=True) for c in spec.appendix.columns)
                 if spec.appendix and spec.appendix.columns else None),
    )


def _same_number(a: str | None, b: str | None) -> bool:
    return bool(a and b) and number_key(a) == number_key(b)


def _ordered_bases(spec: PresetSpec, cites: list[Citation]) -> tuple[dict, ...]:
    """The preset's bases (library refs resolved for ordering), the superior always among them and last
    (the order itself is :mod:`drafter.bases`)."""
    from .library import citation_library

    library = citation_library()
    sup = spec.superior
    resolved = [(c, (library.get(c.ref) if c.ref else c) or c) for c in cites]
    if not any(_same_number(full.number, sup.number) or (c.ref and c.ref == sup.ref) for c, full in resolved):
        own = Citation.model_validate(sup.citation())
        resolved.append((own, (library.get(sup.ref) if sup.ref else None) or own))
    order = {id(full): i for i, full in enumerate(ordered([full for _, full in resolved], sup.number))}
    resolved.sort(key=lambda pair: order[id(pair[1])])
    return tuple(c.model_dump(exclude_none=True, exclude_defaults=True) for c, _ in resolved)


# ----------------------------------------------------------------------------- the commune's inputs

def _commune(commune) -> Commune:
    if isinstance(commune, Commune):
        return commune
    if isinstance(commune, dict):
        return Commune.model_validate(commune)
    raise DraftError("cần thông tin xã: tên và loại (xã, phường, đặc khu)")


def commune_values(spec: PresetSpec, name: str, kind: str) -> dict[str, str]:
    """The commune placeholders (:data:`drafter.presets.COMMUNE_PLACEHOLDERS`) and their text."""
    full = f"{kind} {name}"
    values = {
        "ten": name, "loai": kind, "Loai": upper_first(kind),
        "xa": full, "Xa": upper_first(full), "ubnd": f"UBND {full}", "uy_ban": f"Ủy ban nhân dân {full}",
        "chu_tich": f"Chủ tịch UBND {full}", "tinh": f"{spec.province_kind} {spec.province}",
        "ten_tinh": spec.province, "nam": str(spec.year), "thon_to": SETTLEMENTS.get(kind, "thôn, tổ dân phố"),
    }
    values.update(commune=values["ten"], commune_type=values["loai"], commune_full=values["xa"])
    return values


@dataclass
class Overrides:
    """A commune's own facts on top of the preset (a row of a commune list, or ``drafter new``)."""

    signer: dict[str, str] = field(default_factory=dict)
    number: str = ""
    decision_number: str = ""
    date: object = None
    place: str = ""
    extra_recipients: list[str] = field(default_factory=list)
    unit_renames: dict = field(default_factory=dict)
    units_drop: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, overrides: dict | None) -> "Overrides":
        ov = clean_tree(dict(overrides or {}))
        unknown = sorted(set(ov) - OVERRIDE_KEYS)
        if unknown:
            raise DraftError(f"không hiểu thông tin ghi đè: {', '.join(unknown)}; "
                             f"hãy dùng: {', '.join(sorted(OVERRIDE_KEYS))}")
        signer = dict(ov.get("signer") or {})
        for key in ("name", "title", "authority", "authority_of"):
            if ov.get(f"signer_{key}") not in (None, ""):
                signer[key] = ov[f"signer_{key}"]
        extra = ov.get("extra_recipients") or ov.get("recipients") or []
        if isinstance(extra, str):
            extra = [s for s in re.split(r"[;\n]", extra) if s.strip()]
        renames = ov.get("unit_renames") or {}
        if not isinstance(renames, dict):
            raise DraftError("«unit_renames» cần dạng mã đơn vị → tên mới")
        drop = ov.get("units_drop") or []
        return cls(signer={k: str(v) for k, v in signer.items() if v is not None},
                   number=str(ov.get("number") or ""), decision_number=str(ov.get("decision_number") or ""),
                   date=ov.get("date"), place=str(ov.get("place") or ""),
                   extra_recipients=[str(s).strip() for s in extra if str(s).strip()],
                   unit_renames=renames, units_drop=[drop] if isinstance(drop, str) else list(drop))


# ----------------------------------------------------------------------------- step: units and roles

class Units:
    """The commune's units, and which of them takes a task named by role or by unit id."""

    def __init__(self, prep: PreparedPreset, kind: str, ov: Overrides, values: dict[str, str]):
        base = [dict(u) for u in prep.catalogues[kind]]
        self.role_of = {u["id"]: u["role"] for u in base}
        self.units: list[dict] = []
        for u in base:
            if u["id"] in ov.units_drop:
                continue
            new = ov.unit_renames.get(u["id"])
            if isinstance(new, dict):
                u.update({k: str(v) for k, v in new.items() if k in ("name", "short") and v})
            elif new:
                u["name"] = str(new)
            try:
                u["name"] = fill(u["name"], values)
            except DraftError as exc:
                raise DraftError(f"«đổi tên» đơn vị «{u['id']}»: {exc.problems[0].message}") from None
            self.units.append(u)
        unknown = sorted(set(ov.unit_renames) - set(self.role_of))
        if unknown:
            raise DraftError(f"«unit_renames»: không có đơn vị mã {', '.join(unknown)}; "
                             f"các mã: {', '.join(self.role_of)}")
        self.by_id = {u["id"]: u for u in self.units}
        self.by_role: dict[str, list[str]] = {}
        for u in self.units:
            self.by_role.setdefault(u["role"], []).append(u["id"])
        self._resolved: dict[str, list[str]] = {}
        self._assigned: dict[tuple, tuple[list[str], list[str]]] = {}
        standing = self.resolve("standing")
        if not standing:
            raise DraftError("danh mục đơn vị của xã không còn đơn vị nào; hãy giữ ít nhất cơ quan thường trực")
        self.standing = self.by_id[standing[0]]

    def resolve(self, ref: str) -> list[str]:
        """Unit ids for a unit id or a role, falling back to related roles the commune has."""
        got = self._resolved.get(ref)
        if got is None:
            got = self._resolved[ref] = self._resolve(ref, ())
        return got

    def _resolve(self, ref: str, seen: tuple) -> list[str]:
        if ref in self.by_id:
            return [ref]
        role = self.role_of.get(ref, ref)
        if self.by_role.get(role):
            return self.by_role[role]
        for alt in ROLE_FALLBACK.get(role, []):
            if alt not in seen:
                got = self._resolve(alt, seen + (role,))
                if got:
                    return got
        return []

    def assign(self, lead: list[str], support: list[str]) -> tuple[list[str], list[str]]:
        """A task's lead and supporting units (ids, no repeats); the standing body leads by default."""
        key = (tuple(lead), tuple(support))
        got = self._assigned.get(key)
        if got is None:
            ids = list(dict.fromkeys(i for r in lead for i in self.resolve(r))) or [self.standing["id"]]
            got = self._assigned[key] = (
                ids, list(dict.fromkeys(i for r in support for i in self.resolve(r) if i not in ids)))
        return got

    def role_values(self) -> dict[str, str]:
        """The role placeholders ({{ van_hoa }}...): the name of the commune's unit of that role."""
        out = {}
        for key, role in ROLE_PLACEHOLDERS.items():
            ids = self.resolve(role)
            out[key] = self.by_id[ids[0]]["name"] if ids else ""
        return out


class _Filler:
    """Fills a commune's placeholders in preset text."""

    __slots__ = ("values",)

    def __init__(self, values: dict[str, str]):
        self.values = values

    def __call__(self, text):
        if not isinstance(text, str):
            return text
        text = fill(text, self.values)
        return text.translate(_QUOTES) if "«" in text or "»" in text else text

    def all(self, texts: list[str]) -> list[str]:
        return [self(t) for t in texts]


# ----------------------------------------------------------------------------- step: sections

def _task(t: PresetTask, spec: PresetSpec, units: Units, f: _Filler, involved: set[str]) -> dict:
    lead, support = units.assign(t.lead, t.support)
    involved.update(lead)
    involved.update(support)
    out = {"text": f(t.text)}
    if t.summary:
        out["summary"] = f(t.summary)
    if t.items:
        out["items"] = f.all(t.items)
    if t.target:
        out["target"] = f(t.target)
    # One lead per task: a role that resolves to several units (or several leads written) keeps the first
    # as the lead, the others support it.
    out["lead"] = lead[0]
    support = list(dict.fromkeys(lead[1:] + list(support)))
    if support:
        out["support"] = support
    if t.deadline:
        out["deadline"] = f(t.deadline)
    if t.output:
        out["output"] = f(t.output)
    body = t.body if t.body is not None else spec.layout != "appendix"
    if not body:
        out["body"] = False
    if not t.appendix and spec.layout != "body":
        out["appendix"] = False
    return out


def _sections(spec: PresetSpec, titles: dict[str, str], units: Units, f: _Filler,
              involved: set[str]) -> list[dict]:
    """Purposes, tasks by area, budget: the body before «Tổ chức thực hiện»."""
    sections = []
    part1 = [n for n in (
        {"title": titles["purposes"], "items": f.all(spec.purposes)} if spec.purposes else None,
        {"title": titles["requirements"], "items": f.all(spec.requirements)} if spec.requirements else None,
        {"title": titles["targets"], "items": f.all(spec.targets)} if spec.targets else None,
    ) if n]
    if part1:
        sections.append({"title": titles["purposes_section"], "role": "purposes", "items": part1})
    areas = []
    for area in spec.areas:
        node: dict = {"title": f(area.title)}
        items: list = f.all(area.items)
        tasks = [_task(t, spec, units, f, involved) for t in area.tasks]
        responsible = area.responsible if area.responsible is not None else (
            "auto" if spec.layout != "appendix" else "")
        if area.targets:
            # "a) Mục tiêu" with its bullets, then the heading "b) Nhiệm vụ"; the tasks stay on the
            # area itself so that the appendix groups them by area and duties cite "mục II.1".
            items.append({"title": titles["area_targets"],
                          "items": [t if t.startswith(("- ", "+ ")) else f"- {t}" for t in f.all(area.targets)]})
            if tasks and any(t.get("body", True) for t in tasks):
                items.append({"title": titles["area_tasks"]})
        if items:
            node["items"] = items
        if tasks:
            node["tasks"] = tasks
        bullet = area.task_bullet or ("-" if area.targets else "")
        if bullet:
            node["task_bullet"] = bullet
        if responsible:
            node["responsible"] = f(responsible)
        areas.append(node)
    sections.append({"title": titles["tasks"], "role": "tasks",
                     "items": f.all(spec.tasks_intro) + areas + f.all(spec.tasks_outro)})
    if spec.budget:
        sections.append({"title": titles["budget"], "role": "budget", "items": f.all(spec.budget)})
    return sections


# ----------------------------------------------------------------------------- step: duties

def _duties(spec: PresetSpec, titles: dict[str, str], units: Units, f: _Filler, involved: set[str]) -> dict:
    """Each unit's own duties (by role or id, on top of what the assignment derives) and the
    «Tổ chức thực hiện» section that lists them."""
    for key, texts in spec.duties.items():
        ids = units.resolve(key)
        for uid in ids[:1] if key in units.role_of else ids:
            units.by_id[uid].setdefault("duties", []).extend(f.all(texts))
    for u in units.units:
        if u["role"] == "requested" and (u.get("duties") or u["id"] in involved):
            u["duties_title"] = f"Đề nghị {u['name']}"
    impl = []
    if spec.general:
        impl.append({"title": titles["general"], "items": f.all(spec.general)})
    duties_node: dict = {"title": titles["duties"]}
    if spec.duties_intro:
        duties_node["items"] = f.all(spec.duties_intro)
    duties_node["generate"] = "duties"
    impl.append(duties_node)
    if spec.reporting:
        impl.append({"title": titles["reporting"], "items": f.all(spec.reporting)})
    return {"title": titles["implementation"], "role": "implementation", "items": impl}


# ----------------------------------------------------------------------------- step: recipients

def _recipients(spec: PresetSpec, units: Units, f: _Filler, involved: set[str], ov: Overrides) -> list[dict]:
    """Superiors (b/c), party committee and council, leaders, every unit involved, the commune's own."""
    recipients = []
    for r in spec.recipients:
        rec = {"text": f(r.text)} if r.text else {"unit": r.unit}
        if r.report:
            rec["report"] = True
        recipients.append(rec)
    full = f.values["xa"]
    recipients.append({"text": f"TT Đảng ủy, TT HĐND {full}", "report": True})
    recipients.append({"text": f"Chủ tịch, các Phó Chủ tịch UBND {full}"})
    named = {r.get("unit") for r in recipients}
    for u in units.units:
        if (u["id"] in involved or u.get("duties")) and u.get("receives", True) and u["id"] not in named:
            recipients.append({"unit": u["id"]})
    return recipients + [{"text": s} for s in ov.extra_recipients]


# ----------------------------------------------------------------------------- step: signer

def _authority_of(authority: str) -> str:
    return "Chủ tịch" if authority == "KT." else "Ủy ban nhân dân"


def _signer(spec: PresetSpec, ov: Overrides) -> dict:
    """The preset's signer (a vice-chair by default), the commune's name and changes on top."""
    own = spec.signer
    sig = {"authority": own.authority, "authority_of": own.authority_of or _authority_of(own.authority),
           "title": own.title, "name": ""}
    sig.update(ov.signer)
    if "authority" in ov.signer and "authority_of" not in ov.signer:
        sig["authority_of"] = _authority_of(sig["authority"])
    if sig.get("authority") == "TM." and "title" not in ov.signer and own.authority != "TM.":
        sig["title"] = "Chủ tịch"
    return sig


# ----------------------------------------------------------------------------- step: decision

def _decision(prep: PreparedPreset, units: Units, f: _Filler, ov: Overrides) -> dict:
    """The decision issuing the plan: number for the clerk, its bases, who proposes it."""
    d = prep.spec.decision
    name = units.standing["name"]
    proposer = (f(d.proposer) if d and d.proposer else
                ("Trưởng phòng " + name[6:] if name.startswith("Phòng ") else f"Thủ trưởng {name}"))
    decision = {"number": ov.decision_number, "bases": [dict(b) for b in prep.decision_bases],
                "proposer": proposer}
    if d and d.articles:
        decision["articles"] = f.all(d.articles)
    if d and d.sign_plan:
        decision["sign_plan"] = True
    return decision


# ----------------------------------------------------------------------------- step: wording

_ISSUES_ITSELF = re.compile(r"\bban hành\s+(?:kèm theo\s+)?Kế hoạch\b", re.I)


def _preamble(spec: PresetSpec, f: _Filler, subject: str) -> str:
    """The sentence before part I. A plan the Chairman's decision issues does not issue itself: it says
    what it holds ("Kế hoạch … gồm các nội dung sau:")."""
    own = f(spec.preamble) if spec.preamble else ""
    if spec.kind == "quyet-dinh" and (not own or _ISSUES_ITSELF.search(own)):
        return f"Kế hoạch {lower_first(subject)} gồm các nội dung sau:"
    return own or f"{f.values['uy_ban']} ban hành Kế hoạch {lower_first(subject)}, cụ thể như sau:"


def _reading_order(doc: dict):
    """(container, key) of every body text the plan's reader meets, in the order met: the preamble,
    the sections (a unit's duties where ``generate: duties`` puts them, the requested bodies after),
    the closing, then the tasks only the appendix shows."""
    units = doc["units"]
    later: list = []

    def node(n: dict):
        if n.get("title"):
            yield n, "title"
        for i, item in enumerate(n.get("items", [])):
            if isinstance(item, str):
                yield n["items"], i
            else:
                yield from node(item)
        for t in n.get("tasks", []):
            if t.get("body") is False:
                later.append(t)
                continue
            if t.get("summary"):  # the body shows the summary; the full text is the appendix's
                yield t, "summary"
                later.append(t)
            else:
                yield t, "text"
            for j in range(len(t.get("items", []))):
                yield t["items"], j
        if n.get("responsible"):
            yield n, "responsible"
        if n.get("generate") == "duties":
            for u in sorted(units, key=lambda u: u["role"] == "requested"):
                for j in range(len(u.get("duties", []))):
                    if isinstance(u["duties"][j], str):
                        yield u["duties"], j

    yield doc, "preamble"
    for section in doc["sections"]:
        yield from node(section)
    yield doc, "closing"
    for t in later:
        yield t, "text"


def _first_mentions(doc: dict, values: dict[str, str]) -> None:
    """The commune's UBND (or its Chairman) named in full the first time, then "UBND xã", "Chủ tịch UBND
    xã"; the short names of :data:`FIRST_USE` cited in full at their first use. Plain string work: it runs
    for every commune of a batch."""
    full, kind = values["xa"], values["loai"]
    forms = [(f"UBND {full}", f"UBND {kind}"), (f"Ủy ban nhân dân {full}", f"Ủy ban nhân dân {kind}")]
    seen: set[str] = set()

    def shorten_all(text: str) -> str:
        for long, short in forms:
            text = text.replace(long, short)
        return text

    for box, key in _reading_order(doc):
        text = box[key]
        if not isinstance(text, str):
            continue
        new = text
        if full in new:
            if "own" in seen:
                new = shorten_all(new)
            else:
                found = [(new.find(long), long) for long, _ in forms if long in new]
                if found:
                    seen.add("own")
                    at, long = min(found)
                    new = new[:at + len(long)] + shorten_all(new[at + len(long):])
        for name, cited in FIRST_USE.items():
            if name in new and name not in seen:
                seen.add(name)
                if cited not in new:
                    new = new.replace(name, cited, 1)
        if new != text:
            box[key] = new


# ----------------------------------------------------------------------------- the draft

def derive_plain(preset: Preset | PreparedPreset, commune, overrides: dict | None = None) -> dict:
    """The commune's draft as plain dicts, in the order the YAML file shows it; text is clean
    (NFC, no forbidden characters) because the preset's was cleaned when loaded."""
    prep = prepare(preset)
    spec = prep.spec
    commune = _commune(commune)
    name = clean(commune.name)
    ov = Overrides.parse(overrides)
    values = commune_values(spec, name, commune.type)
    units = Units(prep, commune.type, ov, values)
    values.update(units.role_values())
    f = _Filler(values)
    titles = {k: fill(v, values) for k, v in prep.titles.items()}

    involved: set[str] = set()
    sections = _sections(spec, titles, units, f, involved)
    sections.append(_duties(spec, titles, units, f, involved))
    subject = f(spec.subject)
    closing = f(spec.closing) if spec.closing else (
        f"Trên đây là Kế hoạch {lower_first(subject)}; đề nghị các cơ quan, đơn vị nghiêm túc triển khai "
        "thực hiện./.")

    date = ov.date
    if date in (None, ""):
        date = f"{spec.year}-{spec.month:02d}" if spec.month else spec.year
    elif not isinstance(date, (int, str)):
        date = str(date)
    commune_map = {"name": name, "type": commune.type, "province": clean(commune.province or spec.province)}
    if commune.code:
        commune_map["code"] = clean(commune.code)

    doc: dict = {"version": 1, "kind": spec.kind, "commune": commune_map}
    if ov.place:
        doc["place"] = ov.place
    doc["number"] = ov.number
    doc["date"] = date
    doc["subject"] = subject
    doc["bases"] = [dict(b) for b in prep.bases]
    doc["bases_end"] = spec.bases_end
    doc["preamble"] = _preamble(spec, f, subject)
    if spec.kind == "quyet-dinh":
        doc["decision"] = _decision(prep, units, f, ov)
    doc["sections"] = sections
    doc["closing"] = closing
    doc["units"] = units.units
    doc["derive_duties"] = True
    doc["recipients"] = _recipients(spec, units, f, involved, ov)
    doc["archive"] = f"VT, {units.standing.get('short') or units.standing['name']}"
    doc["signer"] = _signer(spec, ov)
    if spec.layout != "body" and spec.appendix:
        app = {"title": f(spec.appendix.title)}
        if prep.columns:
            app["columns"] = [dict(c) for c in prep.columns]
        doc["appendices"] = [app]
    _first_mentions(doc, values)
    return doc


def derive_model(preset: Preset | PreparedPreset, commune, overrides: dict | None = None) -> Draft:
    """The commune's validated :class:`Draft`: what batch renders and ``drafter new`` writes."""
    from .loader import validate_plain

    prep = prepare(preset)
    return validate_plain(derive_plain(prep, commune, overrides), f"<{prep.name}>", clean=False)


__all__ = ["OVERRIDE_KEYS", "Overrides", "PreparedPreset", "commune_values", "derive_model", "derive_plain",
           "prepare"]
