"""Round-trip YAML: comments, key order and quoting survive a load and a save."""
from __future__ import annotations

import io
import re
import warnings
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError, YAMLWarning
from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, ScalarEvent, StreamStartEvent
from ruamel.yaml.parser import RoundTripParser
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.scanner import RoundTripScanner

from .atomic import write_text
from .errors import DraftError, Problem

# Bounds on any YAML drafter reads (drafts, presets, the library, unit catalogues). The largest
# real file (an example plan) is 76 KB with 6 levels of nesting and no aliases; these bounds stop
# a received file built to hang or exhaust drafter (an alias bomb, 2,000 nested lists) at once.
MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64  # nested maps and lists
MAX_NODES = 200_000  # values once every alias «*a» is expanded
MAX_CHARS = 8 * 1024 * 1024  # characters of text once every alias is expanded
MAX_ALIASES = 10_000


class _Refused(Exception):
    """A bound was crossed while parsing; carries the Vietnamese message and the mark."""

    def __init__(self, message: str, mark):
        super().__init__(message)
        self.message, self.mark = message, mark


class _BoundedParser(RoundTripParser):
    """ruamel's round-trip parser, counting as it goes: nesting depth, aliases, and the size the
    document would have with every alias expanded (an anchor's size is known at its end event).
    One pass, before the recursive composer sees a deep node, so a bomb costs no more than its text."""

    def reset_parser(self) -> None:
        super().reset_parser()
        self._reset_counts()

    def _reset_counts(self) -> None:
        self._open: list[list] = []  # per open collection: [nodes, chars, depth below, anchor]
        self._anchors: dict[str, tuple[int, int, int]] = {}
        self._aliases = self._nodes = self._chars = 0

    def get_event(self):
        event = super().get_event()
        if isinstance(event, StreamStartEvent):
            self._reset_counts()
        elif isinstance(event, CollectionStartEvent):
            if len(self._open) >= MAX_DEPTH:
                raise _Refused(_TOO_DEEP, event.start_mark)
            self._grow(1, 0, event.start_mark)
            self._open.append([0, 0, 0, event.anchor])
        elif isinstance(event, CollectionEndEvent) and self._open:
            nodes, chars, depth, anchor = self._open.pop()
            self._place((nodes + 1, chars, depth + 1), anchor)
        elif isinstance(event, ScalarEvent):
            chars = len(event.value or "")
            self._grow(1, chars, event.start_mark)
            self._place((1, chars, 0), event.anchor)
        elif isinstance(event, AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise _Refused(f"quá nhiều bí danh «*» (hơn {MAX_ALIASES}); bản thảo không cần bí danh, "
                               "hãy ghi thẳng nội dung", event.start_mark)
            size = self._anchors.get(event.anchor)
            if size is not None:  # an undefined alias is the composer's error, said elsewhere
                if len(self._open) + size[2] > MAX_DEPTH:
                    raise _Refused(_TOO_DEEP, event.start_mark)
                self._grow(size[0], size[1], event.start_mark)
                self._place(size, None)
        return event

    def _place(self, size: tuple[int, int, int], anchor) -> None:
        """A finished value of ``size`` (nodes, chars, depth) inside the innermost open collection."""
        if isinstance(anchor, str):
            self._anchors[anchor] = size
        if self._open:
            level = self._open[-1]
            level[0] += size[0]
            level[1] += size[1]
            level[2] = max(level[2], size[2])

    def _grow(self, nodes: int, chars: int, mark) -> None:
        """The expanded document grows by this much: refuse it past the bounds."""
        self._nodes += nodes
        self._chars += chars
        if self._nodes > MAX_NODES or self._chars > MAX_CHARS:
            raise _Refused(f"tệp quá lớn khi triển khai các bí danh «*» (hơn {MAX_NODES:_} giá trị hoặc "
                           f"{MAX_CHARS // (1024 * 1024)} triệu ký tự); có thể là tệp phá hoại. Hãy ghi thẳng "
                           "nội dung thay cho bí danh".replace("_", "."), mark)


class _BoundedScanner(RoundTripScanner):
    """Stops at the bound of nested «[ {»: past it the scanner reads ahead to the end of the flow
    (and its simple-key bookkeeping grows with the depth), before the parser sees any of it."""

    def fetch_flow_collection_start(self, TokenClass, to_push) -> None:
        if self.flow_level >= MAX_DEPTH:
            raise _Refused(_TOO_DEEP, self.reader.get_mark())
        super().fetch_flow_collection_start(TokenClass, to_push)


_TOO_DEEP = (f"dữ liệu lồng nhau quá sâu (hơn {MAX_DEPTH} tầng danh sách, nhóm trường, kể cả qua bí danh «*»); "
             "hãy kiểm tra thụt lề và dấu ngoặc «[ {» ở dòng này")


def _yaml() -> YAML:
    yaml = YAML()  # round-trip mode
    yaml.Parser = _BoundedParser
    yaml.Scanner = _BoundedScanner
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long Vietnamese paragraph
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _char(c) -> str:
    code = c if isinstance(c, int) else ord(c)
    return f"#x{code:04X}"


def parse(text: str, filename: str | None = None):
    """Parse YAML text within the bounds above; a syntax error or a crossed bound becomes a
    DraftError with its line."""
    if len(text) > MAX_BYTES:
        raise DraftError([Problem(_too_big(len(text)), filename)])
    try:
        with warnings.catch_warnings():  # ruamel warns on stderr (a reused «&a»): not the user's concern
            warnings.simplefilter("ignore", YAMLWarning)
            return _yaml().load(text)
    except _Refused as exc:
        line = exc.mark.line + 1 if exc.mark is not None else None
        col = exc.mark.column + 1 if exc.mark is not None else None
        raise DraftError([Problem(exc.message, filename, line, col)]) from None
    except RecursionError:  # a bound should have stopped it first; never a traceback
        raise DraftError([Problem(f"dữ liệu lồng nhau quá sâu (hơn {MAX_DEPTH} tầng)", filename)]) from None
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
    except (YAMLError, TypeError, ValueError, AttributeError, KeyError, IndexError, AssertionError) as exc:
        # YAML that ruamel cannot build (a list as a key «? [..]: ..», odd tags): not a draft either
        raise DraftError([Problem(
            f"lỗi cú pháp YAML: cấu trúc không dùng được ({type(exc).__name__}); bản thảo chỉ gồm các dòng "
            "«khóa: giá trị» và danh sách «- »", filename)]) from None


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


def _too_big(size: int) -> str:
    mb = f"{size / (1024 * 1024):.1f}".replace(".", ",")
    return (f"tệp quá lớn ({mb} MB, tối đa {MAX_BYTES // (1024 * 1024)} MB) cho một bản thảo hay preset; "
            "hãy kiểm tra đúng tệp chưa")


def read(path: Path):
    """A YAML file (at most :data:`MAX_BYTES`) → (document, text)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DraftError([Problem(_too_big(size), str(path))])
        with open(path, encoding="utf-8") as fh:
            text = fh.read(MAX_BYTES + 1)  # a file that grows while read is still bounded
    except FileNotFoundError:
        raise DraftError([Problem("không tìm thấy tệp; hãy kiểm tra đường dẫn", str(path))]) from None
    except UnicodeDecodeError:
        raise DraftError([Problem("tệp không phải văn bản UTF-8; hãy lưu lại với mã UTF-8", str(path))]) from None
    except IsADirectoryError:
        raise DraftError([Problem("đây là một thư mục, cần một tệp YAML", str(path))]) from None
    return parse(text, str(path)), text


def read_shipped(path: Path):
    """A YAML file drafter ships (the legal-basis library): plain data through libyaml, ~50× faster
    than the round trip (the TUI reads the library before its first paint). Never for a user's
    file: no comments, no lines, none of the bounds above but the size. A file that is not plain
    (an error, an anchor) is read by :func:`read`, which names the line."""
    import yaml

    path = Path(path)
    if path.stat().st_size <= MAX_BYTES:
        text = path.read_text(encoding="utf-8")
        if "&" not in text:  # no anchor, so no alias to expand
            try:
                return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            except yaml.YAMLError:
                pass
    return to_plain(read(path)[0])


def commented(value, flow_keys: frozenset[str] = frozenset(), key: str | None = None):
    """Plain dicts and lists → ruamel's round-trip types, so comments can be attached before saving;
    the values under ``flow_keys`` are written on one line ("lead: [vp]", "commune: {name: …}")."""
    if isinstance(value, dict):
        out = CommentedMap((k, commented(v, flow_keys, k)) for k, v in value.items())
    elif isinstance(value, list):
        out = CommentedSeq(commented(v, flow_keys) for v in value)
    else:
        return value
    if key in flow_keys:
        out.fa.set_flow_style()
    return out


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
