"""Round-trip YAML: comments, key order and quoting survive a load and a save."""
from __future__ import annotations

import io
import re
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.reader import ReaderError

from .atomic import write_text
from .errors import DraftError, Problem


def _yaml() -> YAML:
    yaml = YAML()  # round-trip mode
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long Vietnamese paragraph
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _char(c) -> str:
    code = c if isinstance(c, int) else ord(c)
    return f"#x{code:04X}"


def parse(text: str, filename: str | None = None):
    """Parse YAML text; a syntax error becomes a DraftError with its line."""
    try:
        return _yaml().load(text)
    except ReaderError as exc:  # a character YAML refuses (pasted from Word, or not a text file)
        line = text.count("\n", 0, exc.position) + 1 if exc.position is not None else None
        col = exc.position - text.rfind("\n", 0, exc.position) if exc.position is not None else None
        raise DraftError([Problem(
            f"tệp có ký tự không được phép ({_char(exc.character)}); nếu đây đúng là bản thảo, hãy xóa ký tự đó "
            "hoặc lưu lại tệp dưới dạng văn bản UTF-8", filename, line, col)]) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        what = _vi_problem((exc.problem or exc.context or "").strip())
        ctx = exc.context_mark
        if (ctx is not None and line is not None and ctx.line + 1 != line
                and any(k in (exc.context or "") for k in ("flow", "quoted"))):
            what += f", mở từ dòng {ctx.line + 1}"
        raise DraftError([Problem(
            f"lỗi cú pháp YAML: {what}; hãy kiểm tra thụt lề, dấu «:», dấu ngoặc và dấu ngoặc kép ở dòng này",
            filename, line, col)]) from None


# ruamel's problems, as a drafter (not a programmer) would say them.
_VI_PROBLEMS = [
    ("mapping values are not allowed", "không được có dấu «:» ở đây (đoạn chữ có dấu «:» hãy đặt trong ngoặc kép)"),
    ("expected ',' or '}'", "thiếu dấu «}» đóng nhóm hoặc dấu «,» giữa các trường"),
    ("expected ',' or ']'", "thiếu dấu «]» đóng danh sách hoặc dấu «,» giữa các mục"),
    ("found character '\\t'", "có ký tự tab; hãy thụt lề bằng dấu cách"),
    ("found unexpected end of stream", "tệp kết thúc giữa chừng (thiếu dấu ngoặc kép đóng?)"),
    ("expected <block end>", "thụt lề không khớp với các dòng trên"),
    ("could not find expected ':'", "thiếu dấu «:» sau tên trường"),
    ("found undefined alias", "dấu «*» ở đầu đoạn chữ được đọc là bí danh YAML; hãy đặt cả đoạn trong ngoặc kép"),
    ("sequence entries are not allowed here",
     "dấu «- » ở đây mở một danh sách; đoạn chữ bắt đầu bằng «- » hãy đặt trong ngoặc kép, ví dụ text: '- Việc …'"),
]


def _vi_problem(problem: str) -> str:
    dup = re.match(r'found duplicate key "([^"]*)"', problem)
    if dup:
        return f"trường «{dup.group(1)}» được ghi hai lần"
    for key, vi in _VI_PROBLEMS:
        if key in problem:
            return vi
    return f"sai cú pháp ({problem})" if problem else "sai cú pháp"


def read(path: Path):
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DraftError([Problem("không tìm thấy tệp; hãy kiểm tra đường dẫn", str(path))]) from None
    except UnicodeDecodeError:
        raise DraftError([Problem("tệp không phải văn bản UTF-8; hãy lưu lại với mã UTF-8", str(path))]) from None
    return parse(text, str(path)), text


def dump(data) -> str:
    buf = io.StringIO()
    _yaml().dump(data, buf)
    return buf.getvalue()


def save(path: Path, data, *, force: bool = True) -> None:
    write_text(Path(path), dump(data), force=force)


def position(data, path: tuple) -> tuple[int | None, int | None]:
    """1-based line and column of the value at ``path`` (or of its nearest parent)."""
    node, best = data, (None, None)
    for key in path:
        if isinstance(node, CommentedMap) and key in node:
            try:
                line, col = node.lc.value(key)
            except (KeyError, TypeError, AttributeError):
                line, col = node.lc.line, node.lc.col
            if line is not None:  # maps built in code (derived drafts, TUI edits) have no lines
                best = (line + 1, col + 1)
            node = node[key]
        elif isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
            try:
                line, col = node.lc.item(key)
                best = (line + 1, col + 1)
            except (KeyError, TypeError, AttributeError):
                pass
            node = node[key]
        else:
            break
    if best == (None, None) and hasattr(data, "lc") and data.lc.line is not None:
        best = (data.lc.line + 1, data.lc.col + 1)  # documents built in code have no lines
    return best


def get_in(data, path: tuple, default=None):
    """The value at ``path`` (keys and indexes) in nested maps and lists, or ``default``."""
    for key in path:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return default
    return data


def to_plain(data):
    """CommentedMap/Seq to plain dicts and lists (for validation)."""
    if isinstance(data, dict):
        return {str(k): to_plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [to_plain(v) for v in data]
    return data
