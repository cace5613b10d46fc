"""Presets: a superior plan and what a commune's plan takes from it.

A preset is a YAML file (see ``docs/presets.md`` and the commented shipped presets in
``presets/*.yaml``). It names the superior plan, the legal bases, purposes, requirements,
targets, areas with tasks, the *kind* of unit each task suits (a unit role such as
``standing`` or ``office``, or a catalogue unit id), budget text, per-role duties, standard
recipients, closing sentence and signer. Text may use named placeholders ``{{ xa }}``;
they are filled by plain substitution (no template engine, so no code ever runs from a
preset) and an unknown or malformed placeholder is an error naming the file and line.

Where presets come from (first match wins): a path to a file; a folder in the environment
variable ``DRAFTER_PRESETS`` (several separated by ``os.pathsep``); the user's config folder
``platformdirs.user_config_dir("drafter")/presets``; the shipped ``presets/`` folder.

API used by the CLI, the TUI and batch: :func:`list_presets`, :func:`load_preset`,
:func:`unit_catalogue`, :data:`PLACEHOLDERS`.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from . import settings, yamlio
from .errors import DrafterError, DraftError, Problem, os_problem, validation_message
from .fieldpath import FieldPath
from .model import Citation, Column, Recipient, Unit, UnitIds, UnitRole, MAX_TEXT, columns_count
from .resources import presets_dir
from .text import clean_tree

UNIT_ROLES: tuple[str, ...] = UnitRole.__args__  # type: ignore[attr-defined]
CATALOGUE_FILES = {"xã": "xa.yaml", "phường": "phuong.yaml", "đặc khu": "dac-khu.yaml"}

# Placeholders a preset may use, with what they become for "phường Võ Cường" (Bắc Ninh).
COMMUNE_PLACEHOLDERS = {
    "ten": "tên xã, phường, đặc khu: Võ Cường",
    "loai": "loại đơn vị hành chính: phường",
    "Loai": "loại, viết hoa chữ đầu: Phường",
    "xa": "loại và tên: phường Võ Cường",
    "Xa": "loại và tên, viết hoa chữ đầu: Phường Võ Cường",
    "ubnd": "UBND phường Võ Cường",
    "uy_ban": "Ủy ban nhân dân phường Võ Cường",
    "chu_tich": "Chủ tịch UBND phường Võ Cường",
    "tinh": "tỉnh hoặc thành phố của preset: tỉnh Bắc Ninh",
    "ten_tinh": "tên tỉnh: Bắc Ninh",
    "nam": "năm của kế hoạch: 2026",
    "thon_to": "cộng đồng dân cư theo loại đơn vị hành chính: thôn, tổ dân phố (xã, đặc khu); tổ dân phố (phường)",
    # English aliases
    "commune": "= ten",
    "commune_type": "= loai",
    "commune_full": "= xa",
}
ROLE_PLACEHOLDERS = {
    "thuong_truc": "standing",
    "van_phong": "office",
    "kinh_te": "economy",
    "van_hoa": "culture",
    "mot_cua": "one-stop",
    "dich_vu": "service",
    "cong_an": "police",
    "y_te": "health",
    "truong_hoc": "school",
    "mttq": "requested",
}
PLACEHOLDERS = {**COMMUNE_PLACEHOLDERS,
                **{k: f"tên đơn vị có vai trò «{v}» trong danh mục của xã" for k, v in ROLE_PLACEHOLDERS.items()}}

# "{{ name }}" is a placeholder; anything else between {{ }} or {% %} / {# #} is refused.
_ANY_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\{\{|\{%|\{#", re.S)
_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


# --------------------------------------------------------------------------- the format

class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_max_length=MAX_TEXT)


class PresetSuperior(_Strict):
    """The superior plan (or the decision issuing it) that communes implement."""

    kind: str = Field(description="Loại văn bản: Kế hoạch, Quyết định")
    number: str = Field(description="Số, ký hiệu: 167/KH-UBND")
    date: str = Field(description="Ngày ban hành, dạng d/m/yyyy: 17/12/2025")
    issuer: str = Field(description="Cơ quan ban hành: UBND tỉnh Bắc Ninh")
    subject: str = Field(description="Trích yếu khi trích dẫn, kèm giới từ: «về cải cách hành chính ...»")
    period: str | None = Field(default=None, description="Thời kỳ: 2026, 2026-2030")
    ref: str | None = Field(default=None, description="Mã trong thư viện căn cứ, nếu có")

    def citation(self) -> dict:
        if self.ref:
            return {"ref": self.ref}
        return {"kind": self.kind, "number": self.number, "date": self.date,
                "issuer": self.issuer, "subject": self.subject}

    def short(self) -> str:
        return f"{self.kind} số {self.number} ngày {self.date} của {self.issuer}"


class PresetTask(_Strict):
    text: str = Field(description="Lời văn đầy đủ của nhiệm vụ (hàng của bảng phụ lục)")
    summary: str | None = Field(default=None, description="Lời văn ngắn in trong thân kế hoạch khi nhiệm vụ có cả "
                                                          "ở phụ lục («layout: both»): thân tóm tắt, phụ lục chi tiết")
    items: list[str] = []
    target: str | None = None
    lead: UnitIds = Field(default=[], description="Vai trò đơn vị (standing, office, ...) hoặc mã đơn vị")
    support: UnitIds = []
    deadline: str | None = None
    output: str | None = None
    appendix: bool = True
    body: bool | None = Field(default=None, description="Mặc định theo «layout»")



class PresetArea(_Strict):
    """An area of reform (cải cách thể chế ...): goals, targets and tasks."""

    title: str
    items: list[str] = Field(default=[], description="Đoạn mở đầu của lĩnh vực")
    targets: list[str] = Field(default=[], description="Mục tiêu của lĩnh vực (mục «a) Mục tiêu»)")
    tasks: list[PresetTask] = []
    responsible: str | None = Field(default=None, description="«auto»: câu «Phụ trách thực hiện» suy ra; "
                                                          "«» không có; mặc định theo «layout»")
    task_bullet: Literal["", "-", "+"] = ""


class PresetDecision(_Strict):
    bases: list[Citation] = []
    proposer: str | None = None
    articles: list[str] = []
    sign_plan: bool = Field(default=False, description="true: kế hoạch kèm theo cũng có «Nơi nhận:» và chữ ký")


class PresetAppendix(_Strict):
    title: str
    columns: list[Column] | None = None

    @field_validator("columns")
    @classmethod
    def _columns(cls, value):
        return columns_count(value)


class PresetTitles(_Strict):
    purposes_section: str = "Mục đích, yêu cầu"
    purposes: str = "Mục đích"
    requirements: str = "Yêu cầu"
    targets: str = "Chỉ tiêu"
    tasks: str = "Nhiệm vụ và giải pháp"
    area_targets: str = "Mục tiêu"
    area_tasks: str = "Nhiệm vụ"
    budget: str = "Kinh phí thực hiện"
    implementation: str = "Tổ chức thực hiện"
    general: str = "Trách nhiệm chung"
    duties: str = "Phân công nhiệm vụ"
    reporting: str = "Chế độ thông tin, báo cáo"


class PresetSigner(_Strict):
    authority: Literal["TM.", "KT.", ""] = "KT."
    authority_of: str | None = None  # default: "Chủ tịch" for KT., "Ủy ban nhân dân" for TM.
    title: str = "Phó Chủ tịch"


class PresetSpec(_Strict):
    """The preset file."""

    preset: Literal[1] = Field(default=1, description="Phiên bản định dạng preset")
    title: str = Field(description="Một dòng mô tả, hiện trong «drafter presets»")
    province: str = Field(description="Tên tỉnh, thành phố: Bắc Ninh")
    province_kind: Literal["tỉnh", "thành phố"] = "tỉnh"
    superior: PresetSuperior
    kind: Literal["ke-hoach", "quyet-dinh"] = Field(
        default="ke-hoach", description="Xã ban hành kế hoạch, hoặc quyết định ban hành kế hoạch")
    year: int = Field(ge=2020, le=2100)
    month: int | None = Field(default=None, ge=1, le=12)
    subject: str
    bases: list[Citation] = []
    bases_end: Literal[";", ",", "."] = ","
    preamble: str | None = None
    decision: PresetDecision | None = None
    titles: PresetTitles = Field(default_factory=PresetTitles)
    purposes: list[str] = []
    requirements: list[str] = []
    targets: list[str] = []
    tasks_intro: list[str] = []
    areas: list[PresetArea] = Field(min_length=1)
    tasks_outro: list[str] = []
    layout: Literal["body", "appendix", "both"] = "body"
    appendix: PresetAppendix | None = None
    budget: list[str] = []
    general: list[str] = []
    duties_intro: list[str] = []
    duties: dict[str, list[str]] = Field(default={}, description="Nhiệm vụ riêng theo vai trò hoặc mã đơn vị")
    reporting: list[str] = []
    closing: str | None = None
    recipients: list[Recipient] = Field(default=[], description="Cơ quan cấp trên (b/c) và nơi nhận chuẩn")
    signer: PresetSigner = Field(default_factory=PresetSigner)
    units: list[Unit] = Field(default=[], description="Đơn vị thêm vào danh mục của xã")
    review: list[str] = Field(default=[], description="Chỗ drafter phỏng đoán khi lập preset (ánh xạ cơ quan tỉnh → "
                                                      "đơn vị của xã): «drafter new» nhắc lại mỗi lần; xóa khi đã xem lại")

    @model_validator(mode="after")
    def _appendix_when_needed(self):
        if self.layout != "body" and self.appendix is None:
            raise ValueError("«layout» là appendix/both thì cần «appendix: {title: ...}»")
        return self


# --------------------------------------------------------------------------- catalogue

_CATALOGUES: dict[str, list[dict]] = {}


def unit_catalogue(commune_type: str) -> list[dict]:
    """The shipped units of a xã, phường or đặc khu (plain dicts; names may hold placeholders)."""
    if commune_type not in _CATALOGUES:
        name = CATALOGUE_FILES.get(commune_type)
        if name is None:
            raise DraftError(f"loại đơn vị hành chính «{commune_type}» không có; hãy chọn xã, phường hoặc đặc khu")
        path = presets_dir() / "units" / name
        data, _ = yamlio.read(path)
        units = (data or {}).get("units") if isinstance(data, dict) else None
        if not isinstance(units, list):
            raise DraftError([Problem("danh mục đơn vị cần «units: [...]»", str(path), 1, 1, "units")])
        out = []
        for i, entry in enumerate(units):
            try:
                unit = Unit.model_validate(clean_tree(yamlio.to_plain(entry)))
            except ValidationError as exc:
                line, col = yamlio.position(data, ("units", i))
                raise DraftError([Problem(f"đơn vị không hợp lệ: {validation_message(exc.errors()[0])}",
                                          str(path), line, col, f"units[{i}]")]) from None
            _check_placeholders(unit.name, set(COMMUNE_PLACEHOLDERS), data, ("units", i, "name"), str(path))
            out.append(unit.model_dump(exclude_defaults=True) | {"id": unit.id, "name": unit.name,
                                                                 "role": unit.role})
        _CATALOGUES[commune_type] = out
    return [dict(u) for u in _CATALOGUES[commune_type]]


# --------------------------------------------------------------------------- placeholders

def _check_placeholders(text: str, allowed: set[str], data, path: tuple, filename: str | None,
                        problems: list[Problem] | None = None) -> None:
    found = []
    for m in _ANY_TAG.finditer(text):
        tag = m.group(0)
        pm = _PLACEHOLDER.fullmatch(tag)
        line, col = yamlio.position(data, path)
        where = FieldPath(path)
        if pm is None:
            found.append(Problem(
                f"chỗ điền «{tag[:60]}» không hợp lệ: chỉ được ghi tên một chỗ điền, ví dụ «{{{{ xa }}}}»; "
                "preset không được chứa biểu thức, lệnh hay vòng lặp", filename, line, col, where))
        elif pm.group(1) not in allowed:
            names = ", ".join(sorted(allowed))
            found.append(Problem(
                f"không có chỗ điền «{pm.group(1)}»; hãy dùng một trong: {names}", filename, line, col, where))
    if found:
        if problems is None:
            raise DraftError(found)
        problems.extend(found)


def fill(text: str, values: dict[str, str]) -> str:
    """Replace ``{{ name }}`` by its value: plain substitution, one pass, nothing evaluated."""
    if "{" not in text:
        return text

    def value(m: re.Match) -> str:
        found = values.get(m.group(1))
        if found is None:  # text from outside the checked preset: a commune list's cell
            raise DraftError(f"không có chỗ điền «{m.group(1)}» (trong «{text[:80]}»); hãy dùng một trong: "
                             + ", ".join(sorted(values)) + ", hoặc ghi thẳng tên")
        return found

    return _PLACEHOLDER.sub(value, text)


# --------------------------------------------------------------------------- loading

@dataclass(frozen=True)
class PresetInfo:
    name: str
    title: str
    path: Path
    kind: str  # "ke-hoach" or "quyet-dinh": what the commune issues
    superior: str = ""  # "Kế hoạch số 167/KH-UBND ngày 17/12/2025 của UBND tỉnh Bắc Ninh"
    source: str = "shipped"  # shipped, user, env, file
    error: str | None = None  # set when the file cannot be read; the other fields are guesses


@dataclass
class Preset:
    """A parsed and validated preset, ready to derive any number of commune drafts."""

    name: str
    path: Path
    spec: PresetSpec

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def kind(self) -> str:
        return self.spec.kind

    def info(self, source: str = "file") -> PresetInfo:
        return PresetInfo(self.name, self.title, self.path, self.kind, self.spec.superior.short(), source)


def search_dirs() -> list[tuple[str, Path]]:
    """(source, folder) in lookup order: DRAFTER_PRESETS, the user's config folder, shipped."""
    out: list[tuple[str, Path]] = [("env", p) for p in settings.env_preset_dirs()]
    out.append(("user", settings.user_presets_dir()))
    out.append(("shipped", presets_dir()))
    return out


def _files(folder: Path) -> list[Path]:
    try:
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.iterdir()
                      if p.suffix in (".yaml", ".yml") and p.is_file() and not p.name.startswith("."))
    except OSError:  # a folder we may not read: its presets are not there for us
        return []


def list_presets() -> list[PresetInfo]:
    """Every preset that can be named, first occurrence of a name wins. Never raises."""
    seen: dict[str, PresetInfo] = {}
    for source, folder in search_dirs():
        for path in _files(folder):
            if path.stem in seen:
                continue
            try:
                info = load_preset(str(path)).info(source)
            except DrafterError as exc:
                info = PresetInfo(path.stem, "", path, "", "", source, _first_problem(exc))
            except OSError as exc:  # unreadable (permissions, a broken link)
                info = PresetInfo(path.stem, "", path, "", "", source, str(os_problem(exc)))
            except Exception as exc:  # noqa: BLE001 - one bad preset never hides the others
                info = PresetInfo(path.stem, "", path, "", "", source,
                                  f"{path}: lỗi không mong đợi khi đọc ({type(exc).__name__}); hãy báo cho "
                                  "người phát triển")
            seen[path.stem] = info
    return list(seen.values())


def _first_problem(exc: DrafterError) -> str:
    more = len(exc.problems) - 1
    return str(exc.problems[0]) + (f" (và {more} lỗi khác)" if more > 0 else "")


def _looks_like_path(spec: str) -> bool:
    return spec.endswith((".yaml", ".yml")) or "/" in spec or os.sep in spec or spec.startswith(".")


def find_preset(spec: str) -> Path:
    if _looks_like_path(spec):
        path = Path(spec).expanduser()
        if not path.is_file():
            raise DraftError([Problem("không tìm thấy tệp preset; hãy kiểm tra đường dẫn", str(path))])
        return path
    for _, folder in search_dirs():
        for suffix in (".yaml", ".yml"):
            path = folder / f"{spec}{suffix}"
            if path.is_file():
                return path
    names = ", ".join(i.name for i in list_presets() if not i.error) or "(không có)"
    raise DraftError(f"không có preset «{spec}»; các preset có: {names} (xem «drafter presets»), "
                     "hoặc ghi đường dẫn tới tệp preset")


_CACHE: dict[tuple[str, int, int], Preset] = {}


def load_preset(spec: str | Path) -> Preset:
    """A preset by name (shipped, user's, DRAFTER_PRESETS) or by path; parsed and validated once."""
    path = find_preset(str(spec))
    st = path.stat()
    key = (str(path.resolve()), st.st_mtime_ns, st.st_size)
    if key not in _CACHE:
        _CACHE[key] = _parse(path)
    return _CACHE[key]


def parse_preset_text(text: str, filename: str = "<preset>", name: str | None = None) -> Preset:
    data = yamlio.parse(text, filename)
    return _validate(data, filename, name or Path(filename).stem)


def _parse(path: Path) -> Preset:
    data, _ = yamlio.read(path)
    return _validate(data, str(path), path.stem)


def _validate(data, filename: str, name: str) -> Preset:
    from .library import citation_library
    from .loader import problems_from_validation

    if not isinstance(data, dict):
        raise DraftError([Problem("preset phải là một nhóm trường (title, superior, subject, areas, ...); "
                                  "xem docs/presets.md", filename, 1, 1)])
    plain = clean_tree(yamlio.to_plain(data))
    try:
        spec = PresetSpec.model_validate(plain)
    except ValidationError as exc:
        raise DraftError(problems_from_validation(exc, data, plain, filename, "drafter schema --preset")) from None

    problems: list[Problem] = []

    def at(path: tuple, message: str) -> None:
        line, col = yamlio.position(data, path)
        problems.append(Problem(message, filename, line, col, FieldPath(path)))

    # Placeholders: every string, with its line.
    ids = {u["id"] for t in CATALOGUE_FILES for u in unit_catalogue(t)} | {u.id for u in spec.units}
    allowed = set(PLACEHOLDERS)

    def walk(value, path: tuple):
        if isinstance(value, str):
            _check_placeholders(value, allowed, data, path, filename, problems)
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(v, path + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, path + (i,))

    walk(plain, ())

    # Units named by tasks and duties: a role or a unit id.
    known = ", ".join(UNIT_ROLES) + "; hoặc mã đơn vị: " + ", ".join(sorted(ids))
    for a, area in enumerate(spec.areas):
        for t, task in enumerate(area.tasks):
            if not task.lead:
                at(("areas", a, "tasks", t),
                   "nhiệm vụ chưa có đơn vị chủ trì; hãy ghi «lead:» (vai trò như standing, office, hoặc mã đơn vị)")
            for key in ("lead", "support"):
                for k, ref in enumerate(getattr(task, key)):
                    if ref not in UNIT_ROLES and ref not in ids:
                        at(("areas", a, "tasks", t, key, k), f"không có vai trò hay đơn vị «{ref}»; hãy dùng: {known}")
    for key in spec.duties:
        if key not in UNIT_ROLES and key not in ids:
            at(("duties", key), f"không có vai trò hay đơn vị «{key}»; hãy dùng: {known}")

    # Library references.
    library = citation_library()
    lists = [(("bases",), spec.bases)]
    if spec.decision:
        lists.append((("decision", "bases"), spec.decision.bases))
    for where, cites in lists:
        for i, c in enumerate(cites):
            if c.ref is not None and c.ref not in library:
                at(where + (i, "ref"), f"không có căn cứ mã «{c.ref}» trong thư viện; xem «drafter library»")
    if spec.superior.ref is not None and spec.superior.ref not in library:
        at(("superior", "ref"), f"không có căn cứ mã «{spec.superior.ref}» trong thư viện; xem «drafter library»")
    if spec.kind == "ke-hoach" and spec.decision is not None:
        at(("decision",), "«decision» chỉ dùng khi «kind: quyet-dinh»; hãy xóa nó hoặc đổi «kind»")
    if problems:
        raise DraftError(problems)
    return Preset(name=name, path=Path(filename), spec=spec)


def preset_schema() -> dict:
    schema = PresetSpec.model_json_schema()
    schema["title"] = "Preset drafter: kế hoạch cấp trên và nội dung kế hoạch của xã, phường, đặc khu"
    return schema


__all__ = ["Preset", "PresetInfo", "PresetSpec", "list_presets", "load_preset", "find_preset",
           "unit_catalogue", "fill", "PLACEHOLDERS", "preset_schema", "parse_preset_text", "search_dirs"]

