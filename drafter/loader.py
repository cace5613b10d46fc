"""YAML draft → validated model. Every problem names file, line, column and field."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import yamlio
from .errors import DraftError, Problem, validation_message
from .fieldpath import FieldPath, split_loc
from .library import citation_library
from .model import Draft, Node, Source
from .text import clean_tree

_GROUP_TYPES = ("dict_type", "model_type", "model_attributes_type")


def _branch_fits(err: dict, plain) -> bool:
    """For ``str | Node`` items keep only the branch that matches what was written."""
    for prefix, branch in split_loc(err["loc"], plain)[1]:
        if branch in ("str", "constrained-str", "Node"):  # «constrained-str»: a str with a length limit
            return (branch != "Node") == isinstance(yamlio.get_in(plain, prefix), str)
    return True


def problems_from_validation(exc: ValidationError, data, plain, filename: str | None) -> list[Problem]:
    problems, seen = [], set()
    for err in exc.errors():
        if not _branch_fits(err, plain):
            continue
        path = FieldPath.from_loc(err["loc"], plain)
        line, col = yamlio.position(data, path)
        message = validation_message(err)
        if path and path[-1] == "date" and err["type"] in _GROUP_TYPES:
            # PartialDate is a model inside, but a drafter writes a date, not a group of fields.
            message = (f"cần một ngày, ví dụ 2026-06-05, 2026-06 (chưa có ngày) hoặc 05/6/2026, "
                       f"không phải «{yamlio.get_in(plain, path)}»")
        problem = Problem(message, filename, line, col, path)
        if problem not in seen:
            seen.add(problem)
            problems.append(problem)
    return problems


@dataclass
class Loaded:
    """A draft with the YAML document it came from (to save it back with comments)."""

    draft: Draft
    data: object  # the ruamel CommentedMap
    path: Path | None


def _attach_sources(draft: Draft, data, filename: str | None) -> None:
    """Give every element the file and line it came from."""

    def visit(obj, path: tuple):
        if "src" in type(obj).model_fields:
            line, col = yamlio.position(data, path)
            object.__setattr__(obj, "src", Source(file=filename, line=line, column=col))
        for name in type(obj).model_fields:
            value = getattr(obj, name)
            if isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, BaseModel):
                        visit(item, path + (name, i))
            elif isinstance(value, BaseModel) and name != "src":
                visit(value, path + (name,))

    visit(draft, ())


def _resolve_citations(draft: Draft, data, filename: str | None, problems: list[Problem]) -> None:
    library = citation_library()
    lists = [(FieldPath(("bases",)), draft.bases)]
    if draft.decision:
        lists.append((FieldPath(("decision", "bases")), draft.decision.bases))
    for where, cites in lists:
        for i, cite in enumerate(cites):
            if cite.ref is None:
                continue
            entry = library.get(cite.ref)
            if entry is None:
                path = where / (i, "ref")
                line, col = yamlio.position(data, path)
                problems.append(Problem(
                    f"không có căn cứ mã «{cite.ref}» trong thư viện; xem «drafter library» "
                    "để biết các mã, hoặc ghi đủ kind, number, date, issuer, subject",
                    filename, line, col, path))
                continue
            for name in ("verb", "kind", "number", "date", "issuer", "subject", "name", "text"):
                if getattr(cite, name) is None and getattr(entry, name) is not None:
                    object.__setattr__(cite, name, getattr(entry, name))


def check_references(draft: Draft, data, filename: str | None) -> list[Problem]:
    """Unit ids named in tasks and recipients must exist in the draft's catalogue."""
    problems = []
    ids = {u.id for u in draft.units}
    dupes = {u.id for u in draft.units if sum(v.id == u.id for v in draft.units) > 1}
    for uid in sorted(dupes):
        i = next(i for i, u in enumerate(draft.units) if u.id == uid)
        path = FieldPath(("units", i, "id"))
        line, col = yamlio.position(data, path)
        problems.append(Problem(f"mã đơn vị «{uid}» bị trùng; mỗi đơn vị cần một mã riêng",
                                filename, line, col, path))
    known = ", ".join(sorted(ids)) or "(chưa có đơn vị nào trong «units»)"

    def unknown(uid: str, path: FieldPath):
        line, col = yamlio.position(data, path)
        problems.append(Problem(
            f"không có đơn vị mã «{uid}» trong danh mục «units»; hãy dùng một mã có sẵn ({known}) "
            "hoặc thêm đơn vị này vào «units»", filename, line, col, path))

    def visit_node(node: Node, path: tuple):  # a plain tuple: a batch walks thousands of these
        for t, task in enumerate(node.tasks):
            for key in ("lead", "support"):
                for k, uid in enumerate(getattr(task, key)):
                    if uid not in ids:
                        unknown(uid, FieldPath(path + ("tasks", t, key, k)))
        for j, item in enumerate(node.items):
            if isinstance(item, Node):
                visit_node(item, path + ("items", j))

    for i, node in enumerate(draft.sections):
        visit_node(node, ("sections", i))
    recipient_lists = [(FieldPath(("recipients",)), draft.recipients)]
    if draft.decision:
        recipient_lists.append((FieldPath(("decision", "recipients")), draft.decision.recipients))
    for where, recips in recipient_lists:
        for i, rec in enumerate(recips):
            if rec.unit and rec.unit not in ids:
                unknown(rec.unit, where / (i, "unit"))
    return problems


def parse_draft(text: str, filename: str | None = None) -> Loaded:
    data = yamlio.parse(text, filename)
    return validate(data, filename)


def validate(data, filename: str | None = None) -> Loaded:
    """A YAML document (ruamel) → a draft whose elements know their lines."""
    if not isinstance(data, dict):
        raise DraftError([Problem(
            "bản thảo phải là một nhóm trường (kind, commune, subject, ...); xem presets/examples",
            filename, 1, 1)])
    draft = _validated(clean_tree(yamlio.to_plain(data)), data, filename)
    _attach_sources(draft, data, filename)
    return Loaded(draft, data, Path(filename) if filename else None)


def validate_plain(plain: dict, filename: str | None = None, *, clean: bool = True) -> Draft:
    """Plain dicts (built in code, e.g. derived from a preset) → a draft, with no source lines.

    ``clean=False`` skips text normalisation for data whose strings are already clean (a
    validated preset with a cleaned commune name): a batch derives thousands of these.
    """
    return _validated(clean_tree(plain) if clean else plain, plain, filename)


def _validated(plain: dict, data, filename: str | None) -> Draft:
    """Model validation, library citations and unit references; ``data`` locates problems."""
    try:
        draft = Draft.model_validate(plain)
    except ValidationError as exc:
        raise DraftError(problems_from_validation(exc, data, plain, filename)) from None
    problems: list[Problem] = []
    _resolve_citations(draft, data, filename, problems)
    problems += check_references(draft, data, filename)
    if problems:
        raise DraftError(problems)
    return draft


def load_draft(path) -> Loaded:
    data, _ = yamlio.read(Path(path))
    return validate(data, str(path))


def save_draft(loaded: Loaded, path=None, *, force: bool = True) -> None:
    yamlio.save(Path(path or loaded.path), loaded.data, force=force)
