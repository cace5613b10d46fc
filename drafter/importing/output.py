"""Recognised fields → a validated draft and its commented YAML file.

Comments at the end of a line say where each part came from («đoạn 12», «trang 3, dòng 4»,
«bảng 2, hàng 5»); comments before a field keep, word for word, the lines drafter writes in
its own form (the attached line, a «TM.» signer line...), so that the file holds every word
of the document.
"""
from __future__ import annotations

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .. import yamlio
from ..errors import DraftError, DrafterError
from ..loader import validate
from ..text import clean_tree
from .recognise import Recognised

ORDER = ["version", "kind", "commune", "issuer", "place", "number", "date", "subject", "decision", "bases",
         "bases_end", "preamble", "sections", "units", "recipients", "archive", "signer", "appendices"]
_FLOW = {"lead", "support"}


def _commented(value, key=None):
    if isinstance(value, dict):
        cm = CommentedMap()
        for k, v in value.items():
            cm[k] = _commented(v, k)
        if key in _FLOW:
            cm.fa.set_flow_style()
        return cm
    if isinstance(value, list):
        seq = CommentedSeq(_commented(v) for v in value)
        if key in _FLOW:
            seq.fa.set_flow_style()
        return seq
    return value


def _get(doc, path: tuple):
    node = doc
    for k in path:
        try:
            node = node[k]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _eol(doc, path: tuple, text: str) -> None:
    parent = _get(doc, path[:-1])
    key = path[-1]
    target = _get(doc, path)
    if isinstance(target, CommentedMap) and target:
        first = "title" if "title" in target else ("text" if "text" in target else next(iter(target)))
        if isinstance(target[first], (str, int)) or target[first] is None:
            target.yaml_add_eol_comment(text, first)
        return
    if isinstance(target, CommentedSeq):
        return
    if isinstance(parent, (CommentedMap, CommentedSeq)):
        try:
            parent.yaml_add_eol_comment(text, key)
        except (KeyError, IndexError, TypeError):
            pass


def ordered(plain: dict) -> dict:
    return {k: plain[k] for k in ORDER if k in plain and plain[k] not in (None, [], {})} | \
        {k: v for k, v in plain.items() if k not in ORDER}


def draft_yaml(rec: Recognised, plain: dict, name: str, head: str) -> str:
    doc = _commented(ordered(plain))
    if rec.warnings:
        head += "\n\nCẦN XEM LẠI:\n" + "\n".join(f"- {w}" for w in rec.warnings)
    doc.yaml_set_start_comment(head)
    for path, origin in sorted(rec.sources.items(), key=lambda kv: [str(x) for x in kv[0]]):
        where = origin.describe()
        if where and _get(doc, path) is not None:
            _eol(doc, path, where)
    free = {path for path, _ in rec.free}
    for path in free:
        line = next(x for p, x in rec.free if p == path)
        _eol(doc, path, f"không nhận ra ({line.where}): giữ nguyên")
    kept: dict[str, list[str]] = {}
    for path, line in rec.verbatim:
        top = path[0] if path and path[0] in doc else next(iter(doc))
        kept.setdefault(top, []).append(line)
    for top, lines in kept.items():
        text = "Nguyên văn trong tệp (drafter viết theo mẫu của mình):\n" + "\n".join(f"  {x}" for x in lines)
        doc.yaml_set_comment_before_after_key(top, before=text, indent=0)
    return yamlio.dump(doc)


def build(rec: Recognised, name: str):
    from . import Imported
    plain = clean_tree(rec.plain)
    plain["version"] = 1
    head = (f"Bản thảo nhập từ «{name}» (drafter import).\n"
            "Ghi chú cuối dòng: chỗ lấy trong tệp gốc (đoạn, trang, dòng, bảng). Số mục (I., 1., a)) do\n"
            "drafter tự đánh lại theo thứ tự. Đọc lại, sửa rồi xuất ra Word:\n"
            "    drafter render TỆP-NÀY.yaml -o TỆP-NÀY.docx")
    text = draft_yaml(rec, plain, name, head)
    try:
        loaded = validate(yamlio.parse(text, name), name)
    except DraftError as exc:  # a recogniser bug: say so, never write a file that does not load
        raise DrafterError([f"không lập được bản thảo từ «{name}»: {p}" for p in exc.problems]) from None
    return Imported(name=name, draft=loaded.draft, text=text, recognised=rec)
