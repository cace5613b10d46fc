"""YAML draft → validated model. Every problem names file, line, column and field."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import inline, yamlio
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


def problems_from_validation(exc: ValidationError, data, plain, filename: str | None,
                             schema: str = "drafter schema") -> list[Problem]:
    problems, seen = [], set()
    for err in exc.errors():
        if not _branch_fits(err, plain):
            continue
        path = FieldPath.from_loc(err["loc"], plain)
        line, col = yamlio.position(data, path)
        message = validation_message(err, schema)
        if path and path[-1] == "date" and err["type"] in _GROUP_TYPES:
            # PartialDate is a model inside, but a drafter writes a date, not a group of fields.
            message = (f"cần một ngày, ví dụ 2026-06-05, 2026-06 (chưa có ngày) hoặc 05/6/2026, "
                       f"không phải «{yamlio.get_in(plain, path)}»")
        message = _quoting_hint(err, path, plain) or message
        problem = Problem(message, filename, line, col, path)
        if problem not in seen:
            seen.add(problem)
            problems.append(problem)
    return problems


def _quoting_hint(err: dict, path: FieldPath, plain) -> str | None:
    """Text that YAML read as something else because it was not quoted: say to quote it."""
    key = err["loc"][-1] if err["loc"] else None
    if err["type"] == "extra_forbidden" and isinstance(key, str) and " " in key.strip():
        value = err.get("input")
        if value is None:  # "{title: Mục đích, yêu cầu}": the comma ended the field
            return (f"«{key}» đứng riêng như một trường: trong ngoặc nhọn {{…}} hay vuông […], dấu phẩy ngăn "
                    "các trường, các mục; đoạn chữ có dấu phẩy hãy đặt trong ngoặc kép, ví dụ "
                    "{title: \"Mục đích, yêu cầu\"}")
        whole = f"{key}: {value}" if isinstance(value, str) else key
        return (f"YAML đọc «{whole}» là «khóa: giá trị» vì có dấu «: »; nếu đây là một đoạn văn, "
                f"hãy đặt cả đoạn trong ngoặc kép: '{whole}'")
    if err["type"] in _GROUP_TYPES + ("string_type",) and path and isinstance(path[-1], int):
        value = yamlio.get_in(plain, path)
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            return (f"YAML đọc dòng «- - {value[0]}» là một danh sách lồng vì có hai dấu «- »; nếu đây là một "
                    f"đoạn gạch đầu dòng, hãy đặt nó trong ngoặc kép: - '- {value[0]}'")
    return None


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
        if node.unit is not None and node.unit not in ids:
            unknown(node.unit, FieldPath(path + ("unit",)))
        if node.text and not (node.title or node.unit):  # here, not in the model: a validator there renames
            where = FieldPath(path + ("text",))           # the «str | Node» branch that errors are sorted by
            line, col = yamlio.position(data, where)
            problems.append(Problem("«text» là phần chữ viết tiếp sau tiêu đề trên cùng dòng: mục cần có «title»; "
                                    "nếu đây là một đoạn văn, hãy đưa nó vào «items»", filename, line, col, where))
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


# Fields whose text may hold <b>/<i> emphasis (body paragraphs); anywhere else a tag is an error.
INLINE_FIELDS = {("Node", "title"), ("Node", "items"), ("Node", "text"), ("Task", "text"), ("Task", "summary"),
                 ("Task", "items"),
                 ("Draft", "preamble"), ("Draft", "closing"), ("Draft", "closing_note"), ("Unit", "duties")}


def inline_problems(draft: Draft, data, filename: str | None) -> list[Problem]:
    """Unbalanced or look-alike emphasis tags, and tags where the document cannot show them."""
    problems: list[Problem] = []

    def report(message: str, path: tuple):
        fp = FieldPath(path)
        line, col = yamlio.position(data, fp)
        problems.append(Problem(message, filename, line, col, fp))

    def check(text: str, allowed: bool, path: tuple):
        if "<" not in text:
            return
        try:
            inline.check(text)
        except ValueError as exc:
            report(str(exc), path)
            return
        if not allowed and inline.has_marks(text):
            report("trường này không in được chữ đậm, nghiêng: hãy bỏ các thẻ «<b>», «<i>» "
                   "(chỉ dùng trong đoạn văn, tiêu đề mục, nhiệm vụ, câu dẫn, câu kết)", path)

    def visit(obj: BaseModel, path: tuple):
        kind = type(obj).__name__
        for name in type(obj).model_fields:
            if name == "src":
                continue
            value = getattr(obj, name)
            allowed = (kind, name) in INLINE_FIELDS
            if (kind, name) == ("AppendixRow", "cells"):
                continue  # a table cell prints its text as typed (a report's cells come from workbooks)
            if isinstance(value, str):
                check(value, allowed, path + (name,))
            elif isinstance(value, BaseModel):
                visit(value, path + (name,))
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, str):
                        check(item, allowed, path + (name, i))
                    elif isinstance(item, BaseModel):
                        visit(item, path + (name, i))

    visit(draft, ())
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
    validated preset with a cleaned commune name): a batch derives thousands of these. Such data
    is not searched for misplaced emphasis tags either: a preset's text reaches the same fields
    in every commune's draft, and ``drafter new``'s file is read back through :func:`validate`.
    """
    return _validated(clean_tree(plain) if clean else plain, plain, filename, inline_tags=clean)


def _validated(plain: dict, data, filename: str | None, *, inline_tags: bool = True) -> Draft:
    """Model validation, library citations and unit references; ``data`` locates problems."""
    try:
        draft = Draft.model_validate(plain)
    except ValidationError as exc:
        raise DraftError(problems_from_validation(exc, data, plain, filename)) from None
    problems: list[Problem] = []
    _resolve_citations(draft, data, filename, problems)
    problems += check_references(draft, data, filename)
    # No "<" anywhere (nearly every draft): skip the walk; a batch derives thousands of drafts.
    if inline_tags and "<" in json.dumps(plain, ensure_ascii=False, default=str):
        problems += inline_problems(draft, data, filename)
    if problems:
        raise DraftError(problems)
    return draft


def load_draft(path) -> Loaded:
    data, _ = yamlio.read(Path(path))
    return validate(data, str(path))


def save_draft(loaded: Loaded, path=None, *, force: bool = True) -> None:
    yamlio.save(Path(path or loaded.path), loaded.data, force=force)
