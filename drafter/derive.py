"""Derive a commune's draft from a preset: its name, type and units everywhere they belong.

``derive_plain`` does the per-commune work with plain dicts and strings (the preset was
parsed and validated once by :func:`drafter.presets.load_preset`), so a batch over all
3,321 communes stays fast. ``derive_draft`` returns the same document as a commented
ruamel ``CommentedMap`` that ``drafter render`` renders unchanged; ``derive_model``
validates it into a :class:`drafter.model.Draft`.

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

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .errors import DraftError, Problem
from .model import Commune, Draft
from .presets import ROLE_PLACEHOLDERS, Preset, fill, unit_catalogue
from .text import lower_first, upper_first

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

OVERRIDE_KEYS = {"signer", "signer_name", "signer_title", "signer_authority", "signer_authority_of",
                 "number", "decision_number", "date", "place", "recipients", "extra_recipients",
                 "unit_renames", "units_drop"}


def _commune(commune) -> Commune:
    if isinstance(commune, Commune):
        return commune
    if isinstance(commune, dict):
        return Commune.model_validate(commune)
    raise DraftError("cần thông tin xã: tên và loại (xã, phường, đặc khu)")


def commune_values(preset: Preset, commune: Commune) -> dict[str, str]:
    spec = preset.spec
    full = f"{commune.type} {commune.name}"
    values = {
        "ten": commune.name, "loai": commune.type, "Loai": upper_first(commune.type),
        "xa": full, "Xa": upper_first(full), "ubnd": f"UBND {full}", "uy_ban": f"Ủy ban nhân dân {full}",
        "chu_tich": f"Chủ tịch UBND {full}", "tinh": f"{spec.province_kind} {spec.province}",
        "ten_tinh": spec.province, "nam": str(spec.year),
    }
    values.update(commune=values["ten"], commune_type=values["loai"], commune_full=values["xa"])
    return values


# ----------------------------------------------------------------------------- per preset, once

_NUM = re.compile(r"\s+")


def _same_number(a: str | None, b: str | None) -> bool:
    return bool(a and b) and _NUM.sub("", a).upper() == _NUM.sub("", b).upper()


def _rank(c, superior) -> int:
    """Order of legal bases: laws, party documents, Government, Prime Minister, ministries,
    the province, and the superior plan last."""
    if _same_number(c.number, superior.number):
        return 6
    if (c.kind or "").startswith("Luật") or (c.name or "").startswith("Luật"):
        return 0
    if c.party:
        return 1
    issuer = (c.issuer or "").strip()
    if issuer == "Chính phủ":
        return 2
    if issuer == "Thủ tướng Chính phủ":
        return 3
    if re.search(r"tỉnh|thành phố|UBND|Ủy ban nhân dân|HĐND|Hội đồng nhân dân", issuer):
        return 5
    return 4


def _ordered_bases(preset: Preset, cites) -> list[dict]:
    """The preset's bases (library refs resolved for ordering), the superior always among them."""
    from .library import citation_library

    library = citation_library()
    sup = preset.spec.superior
    resolved = []
    for c in cites:
        full = library.get(c.ref) if c.ref else c
        resolved.append((c, full or c))
    if not any(_same_number(full.number, sup.number) or (c.ref and c.ref == sup.ref) for c, full in resolved):
        cit = sup.citation()
        full = library.get(sup.ref) if sup.ref else None
        from .model import Citation
        resolved.append((Citation.model_validate(cit), full or Citation.model_validate(cit)))
    resolved.sort(key=lambda pair: _rank(pair[1], sup))
    return [c.model_dump(exclude_none=True, exclude_defaults=True) for c, _ in resolved]


def _prepared(preset: Preset) -> dict:
    prep = preset.__dict__.get("_prepared")
    if prep is None:
        spec = preset.spec
        prep = {
            "bases": _ordered_bases(preset, spec.bases),
            "decision_bases": _ordered_bases(preset, spec.decision.bases if spec.decision else spec.bases),
            "extra_units": [u.model_dump(exclude_defaults=True) | {"id": u.id, "name": u.name, "role": u.role}
                            for u in spec.units],
            "columns": ([c.model_dump(exclude_none=True) for c in spec.appendix.columns]
                        if spec.appendix and spec.appendix.columns else None),
        }
        preset.__dict__["_prepared"] = prep
    return prep


# ----------------------------------------------------------------------------- overrides

def _overrides(overrides: dict | None) -> dict:
    ov = dict(overrides or {})
    unknown = sorted(set(ov) - OVERRIDE_KEYS)
    if unknown:
        raise DraftError(f"không hiểu thông tin ghi đè: {', '.join(unknown)}; "
                         f"hãy dùng: {', '.join(sorted(OVERRIDE_KEYS))}")
    signer = dict(ov.get("signer") or {})
    for key in ("name", "title", "authority", "authority_of"):
        if ov.get(f"signer_{key}") not in (None, ""):
            signer[key] = ov[f"signer_{key}"]
    ov["signer"] = {k: str(v) for k, v in signer.items() if v is not None}
    extra = ov.get("extra_recipients") or ov.get("recipients") or []
    if isinstance(extra, str):
        extra = [s for s in re.split(r"[;\n]", extra) if s.strip()]
    ov["extra"] = [str(s).strip() for s in extra if str(s).strip()]
    renames = ov.get("unit_renames") or {}
    if not isinstance(renames, dict):
        raise DraftError("«unit_renames» cần dạng mã đơn vị → tên mới")
    ov["unit_renames"] = renames
    drop = ov.get("units_drop") or []
    ov["units_drop"] = [drop] if isinstance(drop, str) else list(drop)
    return ov


# ----------------------------------------------------------------------------- derive

def derive_plain(preset: Preset, commune, overrides: dict | None = None) -> dict:
    """The commune's draft as plain dicts, in the order the YAML file shows it."""
    commune = _commune(commune)
    spec, prep, ov = preset.spec, _prepared(preset), _overrides(overrides)
    values = commune_values(preset, commune)

    # Units: the catalogue of this type of commune, the preset's additions, the commune's changes.
    base = unit_catalogue(commune.type) + [dict(u) for u in prep["extra_units"]]
    role_of = {u["id"]: u["role"] for u in base}
    units = []
    for u in base:
        if u["id"] in ov["units_drop"]:
            continue
        new = ov["unit_renames"].get(u["id"])
        if isinstance(new, dict):
            u.update({k: str(v) for k, v in new.items() if k in ("name", "short") and v})
        elif new:
            u["name"] = str(new)
        u["name"] = fill(u["name"], values)
        units.append(u)
    unknown = sorted(set(ov["unit_renames"]) - set(role_of))
    if unknown:
        raise DraftError(f"«unit_renames»: không có đơn vị mã {', '.join(unknown)}; "
                         f"các mã: {', '.join(role_of)}")
    present = {u["id"]: u for u in units}
    by_role: dict[str, list[str]] = {}
    for u in units:
        by_role.setdefault(u["role"], []).append(u["id"])

    def resolve(ref: str, seen: tuple = ()) -> list[str]:
        if ref in present:
            return [ref]
        role = role_of.get(ref, ref)
        if by_role.get(role):
            return by_role[role]
        for alt in ROLE_FALLBACK.get(role, []):
            if alt not in seen:
                got = resolve(alt, seen + (role,))
                if got:
                    return got
        return []

    for key, role in ROLE_PLACEHOLDERS.items():
        ids = resolve(role)
        values[key] = present[ids[0]]["name"] if ids else ""
    standing_ids = resolve("standing")
    if not standing_ids:
        raise DraftError("danh mục đơn vị của xã không còn đơn vị nào; hãy giữ ít nhất cơ quan thường trực")
    standing = present[standing_ids[0]]

    def f(text):
        return fill(text, values) if isinstance(text, str) else text

    def fl(texts):
        return [fill(t, values) for t in texts]

    involved: list[str] = []

    def task(t) -> dict:
        lead = [i for r in t.lead for i in resolve(r)]
        lead = list(dict.fromkeys(lead)) or [standing["id"]]
        support = [i for r in t.support for i in resolve(r) if i not in lead]
        support = list(dict.fromkeys(support))
        involved.extend(i for i in lead + support if i not in involved)
        out = {"text": f(t.text)}
        if t.items:
            out["items"] = fl(t.items)
        if t.target:
            out["target"] = f(t.target)
        out["lead"] = lead[0] if len(lead) == 1 else lead
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

    titles = spec.titles.model_copy(update={k: fill(v, values) for k, v in spec.titles.model_dump().items()})
    sections = []
    part1 = [n for n in (
        {"title": titles.purposes, "items": fl(spec.purposes)} if spec.purposes else None,
        {"title": titles.requirements, "items": fl(spec.requirements)} if spec.requirements else None,
        {"title": titles.targets, "items": fl(spec.targets)} if spec.targets else None,
    ) if n]
    if part1:
        sections.append({"title": titles.purposes_section, "role": "purposes", "items": part1})

    areas = []
    for area in spec.areas:
        node: dict = {"title": f(area.title)}
        items: list = fl(area.items)
        tasks = [task(t) for t in area.tasks]
        responsible = area.responsible if area.responsible is not None else (
            "auto" if spec.layout != "appendix" else "")
        if area.targets:
            # "a) Mục tiêu" with its bullets, then the heading "b) Nhiệm vụ"; the tasks stay on the
            # area itself so that the appendix groups them by area and duties cite "mục II.1".
            items.append({"title": titles.area_targets,
                          "items": [t if t.startswith(("- ", "+ ")) else f"- {t}" for t in fl(area.targets)]})
            if tasks and any(t.get("body", True) for t in tasks):
                items.append({"title": titles.area_tasks})
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
    sections.append({"title": titles.tasks, "role": "tasks",
                     "items": fl(spec.tasks_intro) + areas + fl(spec.tasks_outro)})
    if spec.budget:
        sections.append({"title": titles.budget, "role": "budget", "items": fl(spec.budget)})

    # Per-unit duties: by role (or id), on top of what the assignment derives.
    for key, texts in spec.duties.items():
        for uid in resolve(key)[:1] if key in role_of else resolve(key):
            present[uid].setdefault("duties", []).extend(fl(texts))
    for u in units:
        if u["role"] == "requested" and (u.get("duties") or u["id"] in involved):
            u["duties_title"] = f"Đề nghị {u['name']}"
    impl = []
    if spec.general:
        impl.append({"title": titles.general, "items": fl(spec.general)})
    duties_node: dict = {"title": titles.duties}
    if spec.duties_intro:
        duties_node["items"] = fl(spec.duties_intro)
    duties_node["generate"] = "duties"
    impl.append(duties_node)
    if spec.reporting:
        impl.append({"title": titles.reporting, "items": fl(spec.reporting)})
    sections.append({"title": titles.implementation, "role": "implementation", "items": impl})

    subject = f(spec.subject)
    closing = f(spec.closing) if spec.closing else (
        f"Trên đây là Kế hoạch {lower_first(subject)}; đề nghị các cơ quan, đơn vị nghiêm túc triển khai "
        "thực hiện./.")

    # Recipients: superiors (b/c), party committee and council, leaders, every unit involved.
    recipients = []
    for r in spec.recipients:
        rec = {"text": f(r.text)} if r.text else {"unit": r.unit}
        if r.report:
            rec["report"] = True
        recipients.append(rec)
    full = values["xa"]
    recipients.append({"text": f"TT Đảng ủy, TT HĐND {full}", "report": True})
    recipients.append({"text": f"Chủ tịch, các Phó Chủ tịch UBND {full}"})
    named = {r.get("unit") for r in recipients}
    for u in units:
        if (u["id"] in involved or u.get("duties")) and u.get("receives", True) and u["id"] not in named:
            recipients.append({"unit": u["id"]})
    recipients += [{"text": s} for s in ov["extra"]]

    sig = {"authority": spec.signer.authority,
           "authority_of": spec.signer.authority_of or ("Chủ tịch" if spec.signer.authority == "KT."
                                                         else "Ủy ban nhân dân"),
           "title": spec.signer.title, "name": ""}
    sig.update(ov["signer"])
    if "authority" in ov["signer"] and "authority_of" not in ov["signer"]:
        sig["authority_of"] = "Chủ tịch" if sig["authority"] == "KT." else "Ủy ban nhân dân"
    if sig.get("authority") == "TM." and "title" not in ov["signer"] and spec.signer.authority != "TM.":
        sig["title"] = "Chủ tịch"

    date = ov.get("date")
    if date in (None, ""):
        date = f"{spec.year}-{spec.month:02d}" if spec.month else spec.year
    elif not isinstance(date, (int, str)):
        date = str(date)

    commune_map = {"name": commune.name, "type": commune.type,
                   "province": commune.province or spec.province}
    if commune.code:
        commune_map["code"] = commune.code
    doc: dict = {"version": 1, "kind": spec.kind, "commune": commune_map}
    if ov.get("place"):
        doc["place"] = str(ov["place"])
    doc["number"] = str(ov.get("number") or "")
    doc["date"] = date
    doc["subject"] = subject
    doc["bases"] = [dict(b) for b in prep["bases"]]
    doc["bases_end"] = spec.bases_end
    doc["preamble"] = f(spec.preamble) if spec.preamble else (
        f"{values['uy_ban']} ban hành Kế hoạch {lower_first(subject)}, cụ thể như sau:")
    if spec.kind == "quyet-dinh":
        d = spec.decision
        name = standing["name"]
        proposer = (f(d.proposer) if d and d.proposer else
                    ("Trưởng phòng " + name[6:] if name.startswith("Phòng ") else f"Thủ trưởng {name}"))
        decision = {"number": str(ov.get("decision_number") or ""),
                    "bases": [dict(b) for b in prep["decision_bases"]], "proposer": proposer}
        if d and d.articles:
            decision["articles"] = fl(d.articles)
        doc["decision"] = decision
    doc["sections"] = sections
    doc["closing"] = closing
    doc["units"] = units
    doc["derive_duties"] = True
    doc["recipients"] = recipients
    doc["archive"] = f"VT, {standing.get('short') or standing['name']}"
    doc["signer"] = sig
    if spec.layout != "body" and spec.appendix:
        app = {"title": f(spec.appendix.title)}
        if prep["columns"]:
            app["columns"] = [dict(c) for c in prep["columns"]]
        doc["appendices"] = [app]
    return doc


# ----------------------------------------------------------------------------- commented YAML

_FLOW_KEYS = {"lead", "support", "commune"}

COMMENTS = {
    "kind": "ke-hoach: Kế hoạch; quyet-dinh: Quyết định ban hành Kế hoạch (kế hoạch kèm theo quyết định).",
    "commune": "Tên và loại (xã, phường, đặc khu) của đơn vị ban hành.",
    "number": "Số văn bản: để trống, văn thư ghi số khi đăng ký.",
    "date": "Năm (và tháng) ban hành; ngày để trống cho văn thư. Có thể ghi 2026-06 hoặc 05/6/2026.",
    "subject": "Trích yếu: kế hoạch về việc gì, của xã nào, năm nào.",
    "bases": "Căn cứ: «ref» là mã trong thư viện căn cứ (xem «drafter library»); kế hoạch cấp trên đứng cuối.\n"
             "Có thể thêm căn cứ bằng kind, number, date, issuer, subject.",
    "preamble": "Câu dẫn nối sau các căn cứ.",
    "decision": "Quyết định ban hành Kế hoạch: số để trống cho văn thư; căn cứ của quyết định, người đề nghị.",
    "sections": "NỘI DUNG KẾ HOẠCH. Số mục (I., 1., a)) do drafter tự đánh: thêm, bớt, đổi thứ tự thoải mái.\n"
                "Mỗi nhiệm vụ: text (nội dung), lead (mã đơn vị chủ trì), support (mã đơn vị phối hợp),\n"
                "deadline (thời hạn), output (sản phẩm). Mã đơn vị lấy trong «units» ở dưới.\n"
                "Câu «Phụ trách thực hiện», nhiệm vụ của từng đơn vị và nơi nhận tự suy ra từ phân công.",
    "closing": "Câu kết thúc; drafter tự thêm «./.» nếu thiếu.",
    "units": "DANH MỤC ĐƠN VỊ của {xa}: sửa tên cho đúng với thực tế (ví dụ tên Trung tâm dịch vụ),\n"
             "thêm đơn vị (mã mới, viết thường không dấu) hoặc xóa đơn vị không có (và sửa các nhiệm vụ\n"
             "đang giao cho nó). «duties»: nhiệm vụ riêng của đơn vị trong phần Tổ chức thực hiện.",
    "derive_duties": "true: tự ghi «Chủ trì/phối hợp thực hiện các nhiệm vụ tại mục ...» cho từng đơn vị.",
    "recipients": "Nơi nhận: «unit» là mã đơn vị (lấy tên trong danh mục); report: true thêm «(b/c)».",
    "archive": "Dòng «Lưu:»: văn thư và đơn vị soạn thảo.",
    "signer": "Người ký: Phó Chủ tịch ký thay thì authority: KT., authority_of: Chủ tịch, title: Phó Chủ tịch;\n"
              "Chủ tịch ký thì authority: TM., authority_of: Ủy ban nhân dân, title: Chủ tịch.\n"
              "Ghi họ và tên người ký vào «name».",
    "appendices": "Phụ lục: bảng nhiệm vụ lấy từ các nhiệm vụ ở trên (cột chủ trì, phối hợp, thời hạn, sản phẩm).",
}


def _commented(value, key: str | None = None):
    if isinstance(value, dict):
        cm = CommentedMap()
        for k, v in value.items():
            cm[k] = _commented(v, k)
        if key in _FLOW_KEYS:
            cm.fa.set_flow_style()
        return cm
    if isinstance(value, list):
        seq = CommentedSeq(_commented(v) for v in value)
        if key in _FLOW_KEYS:
            seq.fa.set_flow_style()
        return seq
    return value


def derive_draft(preset: Preset, commune, overrides: dict | None = None) -> CommentedMap:
    """The commune's draft as a commented YAML document (save with ``yamlio.save``)."""
    plain = derive_plain(preset, commune, overrides)
    doc = _commented(plain)
    c = plain["commune"]
    full = f"{c['type']} {c['name']}"
    spec = preset.spec
    doc.yaml_set_start_comment(
        f"Bản thảo {('Quyết định ban hành Kế hoạch' if spec.kind == 'quyet-dinh' else 'Kế hoạch')} "
        f"của UBND {full}, lập từ preset «{preset.name}»\n"
        f"(thực hiện {spec.superior.short()}).\n"
        "Đọc lại, sửa cho phù hợp với thực tế địa phương rồi xuất ra Word:\n"
        "    drafter render TỆP-NÀY.yaml -o TỆP-NÀY.docx\n"
        "Dòng bắt đầu bằng # là ghi chú, không in ra văn bản.")
    for key, text in COMMENTS.items():
        if key in doc and key != "version":
            doc.yaml_set_comment_before_after_key(key, before="\n" + text.replace("{xa}", full), indent=0)
    return doc


def derive_model(preset: Preset, commune, overrides: dict | None = None) -> Draft:
    """Derive and validate: the :class:`Draft` a renderer takes."""
    from .loader import validate

    return validate(derive_plain(preset, commune, overrides), f"<{preset.name}>").draft


def derive_problems(preset: Preset, commune, overrides: dict | None = None) -> list[Problem]:
    """Empty when the derived draft is valid (for batch summaries)."""
    try:
        derive_model(preset, commune, overrides)
    except DraftError as exc:
        return exc.problems
    return []


__all__ = ["derive_draft", "derive_model", "derive_plain", "commune_values", "derive_problems"]
