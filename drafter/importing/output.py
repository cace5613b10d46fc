"""Recognised fields → a validated draft and its commented YAML file.

Comments at the end of a line say where each part came from («đoạn 12», «trang 3, dòng 4»,
«bảng 2, hàng 5»); comments before a field keep, word for word, the lines drafter writes in
its own form (the attached line, an extra signer line...), so that the file holds every word
of the document.
"""
from __future__ import annotations

from . import emit
from .. import inline
from ..errors import DraftError, DrafterError
from ..loader import validate_plain
from ..text import clean_tree, map_strings
from .lines import CLOSE_B, CLOSE_I, OPEN_B, OPEN_I, unmarked
from .recognise import Recognised

_TAGS = str.maketrans({OPEN_B: "<b>", CLOSE_B: "</b>", OPEN_I: "<i>", CLOSE_I: "</i>"})

ORDER = ["version", "kind", "commune", "issuer", "place", "number", "date", "subject", "decision", "bases",
         "bases_end", "preamble", "sections", "units", "recipients", "archive", "signer", "appendices"]
def ordered(plain: dict) -> dict:
    return {k: plain[k] for k in ORDER if k in plain and plain[k] not in (None, [], {})} | \
        {k: v for k, v in plain.items() if k not in ORDER}


def draft_yaml(rec: Recognised, plain: dict, name: str, head: str) -> str:
    data = ordered(plain)
    if rec.warnings:
        head += "\n\nCẦN XEM LẠI:\n" + "\n".join(f"- {w}" for w in rec.warnings)
    eol = {path: origin.describe() for path, origin in rec.sources.items() if origin.describe()}
    for path, line in rec.free:
        eol[path] = f"không nhận ra ({line.where}): giữ nguyên"
    kept: dict[str, list[str]] = {}
    for path, line in rec.verbatim:
        top = path[0] if path and path[0] in data else next(iter(data))
        kept.setdefault(top, []).append(line)
    before = {top: "Nguyên văn trong tệp (drafter viết theo mẫu của mình):\n" + "\n".join(f"  {x}" for x in lines)
              for top, lines in kept.items()}
    return emit.dump(data, head=head, eol=eol, before=before)


def _literal(text: str) -> str:
    """The document's words printed as typed, its bold and italic words as <b>/<i>."""
    return inline.literal(text).translate(_TAGS)


def _node_literal(node: dict) -> dict:
    out = dict(node)
    for key in ("title", "text"):
        if isinstance(out.get(key), str):
            out[key] = _literal(out[key])
    for key in ("items", "duties"):
        if isinstance(out.get(key), list):
            out[key] = [_literal(x) if isinstance(x, str) else _node_literal(x) if isinstance(x, dict) else x
                        for x in out[key]]
    if isinstance(out.get("tasks"), list):
        out["tasks"] = [_node_literal(t) if isinstance(t, dict) else t for t in out["tasks"]]
    return out


def literal_text(plain: dict) -> dict:
    """The document's words in the fields that read ``<b>``/``<i>`` as emphasis (drafter.loader's
    INLINE_FIELDS) escaped, so that a «<b>» typed in the document prints as typed."""
    out = dict(plain)
    for key in ("preamble", "closing", "closing_note"):
        if isinstance(out.get(key), str):
            out[key] = _literal(out[key])
    for key in ("sections", "units"):
        if isinstance(out.get(key), list):
            out[key] = [_node_literal(x) if isinstance(x, dict) else x for x in out[key]]
    return out


def build(rec: Recognised, name: str):
    from . import Imported
    # emphasis marks left in a field that cannot show emphasis (a subject, a basis) are dropped
    plain = map_strings(literal_text(clean_tree(rec.plain)), unmarked)
    plain["version"] = 1
    head = (f"Bản thảo nhập từ «{name}» (drafter import).\n"
            "Ghi chú cuối dòng: chỗ lấy trong tệp gốc (đoạn, trang, dòng, bảng). Số mục (I., 1., a)) do\n"
            "drafter tự đánh lại theo thứ tự. Đọc lại, sửa rồi xuất ra Word:\n"
            "    drafter render TỆP-NÀY.yaml -o TỆP-NÀY.docx")
    try:  # the plain data is what the file will hold (tests read the text back: same draft)
        draft = validate_plain(plain, name)
    except DraftError as exc:  # a recogniser bug: say so, never write a file that does not load
        raise DrafterError([f"không lập được bản thảo từ «{name}»: {p}" for p in exc.problems]) from None
    text = draft_yaml(rec, plain, name, head)
    return Imported(name=name, draft=draft, text=text, recognised=rec)
