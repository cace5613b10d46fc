"""Vietnamese for click's own words: usage lines, help headings, usage errors.

click marks its texts with gettext (``from gettext import gettext as _`` in each module)
but ships no catalogue. :func:`install` rebinds ``_`` and ``ngettext`` in click's modules
to look the message up in :data:`MESSAGES` (msgid → Vietnamese, same ``{placeholders}``),
and translates the few words click does not mark: "[OPTIONS]", "COMMAND [ARGS]...", and
the metavars of types and arguments (PATH, TEXT, DRAFT ...).

A msgid missing here stays English; ``tests/test_cli_vi.py`` checks that what a user of
drafter can see has none left.
"""
from __future__ import annotations

import importlib
import re

MESSAGES: dict[str, str] = {
    # help page
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Positional arguments": "Tham số",  # click ≥ 8.5
    "Commands": "Lệnh",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Show the version and exit.": "Hiện phiên bản rồi thoát.",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "env var: {var}": "biến môi trường: {var}",
    "default: {default}": "mặc định: {default}",
    "(dynamic)": "(tính khi chạy)",
    "required": "bắt buộc",
    "deprecated": "không còn dùng",
    "Confirm the action without prompting.": "Xác nhận luôn, không hỏi lại.",
    "Do you want to continue?": "Có tiếp tục không?",
    # errors
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Gõ «{command} {option}» để xem hướng dẫn.",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Missing argument": "Thiếu tham số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing {param_type}": "Thiếu {param_type}",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "Missing command.": "Thiếu lệnh.",
    "unknown error": "lỗi không rõ",
    "Aborted!": "Đã dừng.",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
    "Value must be an iterable.": "Giá trị phải là một danh sách.",
    "Invalid start character for option ({option})": "Tùy chọn bắt đầu bằng ký tự không hợp lệ ({option})",
    "Argument {name!r} takes {nargs} values.": "Tham số {name!r} cần {nargs} giá trị.",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Repeat for confirmation": "Nhập lại để xác nhận",
    "Error: The two entered values do not match.": "Lỗi: hai giá trị vừa nhập không khớp.",
    "Error: invalid input": "Lỗi: giá trị nhập không hợp lệ",
    "Press any key to continue...": "Nhấn một phím bất kỳ để tiếp tục...",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải {number_type} hợp lệ.",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} không phải giá trị đúng/sai. Các giá trị nhận: {states}",
    "{value!r} is not a valid UUID.": "{value!r} không phải UUID hợp lệ.",
    # Path types name themselves with these (lower case: click upper-cases them for metavars).
    "file": "tệp",
    "directory": "thư mục",
    "path": "đường dẫn",
    # {name} is the type's name in title case ("Đường Dẫn"): left out, Vietnamese reads better.
    "{name} {filename!r} does not exist.": "Không tìm thấy {filename!r}.",
    "{name} {filename!r} is a file.": "{filename!r} là một tệp, ở đây cần một thư mục.",
    "{name} {filename!r} is a directory.": "{filename!r} là một thư mục, ở đây cần một tệp.",
    "{name} {filename!r} is not readable.": "Không đọc được {filename!r}.",
    "{name} {filename!r} is not writable.": "Không ghi được vào {filename!r}.",
    "{name} {filename!r} is not executable.": "Không chạy được {filename!r}.",
    "{editor}: Editing failed": "{editor}: không sửa được",
    "{editor}: Editing failed: {e}": "{editor}: không sửa được: {e}",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}":
        "Cảnh báo: lệnh {name!r} không còn dùng.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}":
        "Cảnh báo: {param_type} {name!r} không còn dùng.{extra_message}",
    "Shell completion is not supported for Bash versions older than 4.4.":
        "Không hỗ trợ gợi ý lệnh cho Bash cũ hơn 4.4.",
    "Couldn't detect Bash version, shell completion is not supported.":
        "Không xác định được phiên bản Bash, không hỗ trợ gợi ý lệnh.",
}

# (singular, plural) → (Vietnamese singular, Vietnamese plural): Vietnamese has no plural forms,
# but the placeholders differ between the two English forms.
PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"):
        ("Thừa tham số ({args})", "Thừa tham số ({args})"),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."):
        ("Cần {nargs} giá trị nhưng chỉ có 1.", "Cần {nargs} giá trị nhưng có {len}."),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"):
        ("Có phải ý bạn là {possibility}?", "(Có phải ý bạn là một trong: {possibilities}?)"),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        ("Tùy chọn {name!r} cần một giá trị.", "Tùy chọn {name!r} cần {nargs} giá trị."),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."):
        ("{value!r} không phải {choice}.", "{value!r} không phải một trong {choices}."),
    ("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."):
        ("{value!r} không đúng dạng {format}.", "{value!r} không đúng các dạng {formats}."),
    ("{len_type} values are required, but {len_value} was given.",
     "{len_type} values are required, but {len_value} were given."):
        ("Cần {len_type} giá trị nhưng có {len_value}.", "Cần {len_type} giá trị nhưng có {len_value}."),
}

# Words in usage lines and metavars. Arguments are named in English in the code ("draft");
# their metavar is the upper-case name unless the command gives one.
WORDS: dict[str, str] = {
    "[OPTIONS]": "[TÙY_CHỌN]",
    "COMMAND [ARGS]...": "LỆNH [THAM_SỐ]...",
    "[COMMAND] [ARGS]...": "[LỆNH] [THAM_SỐ]...",  # click ≥ 8.5, for a group that runs without a command
    "COMMAND1 [ARGS]... [COMMAND2 [ARGS]...]...": "LỆNH1 [THAM_SỐ]... [LỆNH2 [THAM_SỐ]...]...",
    "PATH": "ĐƯỜNG_DẪN",
    "ĐƯỜNG DẪN": "ĐƯỜNG_DẪN",
    "THƯ MỤC": "THƯ_MỤC",
    "FILE": "TỆP",
    "FILENAME": "TỆP",
    "DIRECTORY": "THƯ_MỤC",
    "TEXT": "CHỮ",
    "INTEGER": "SỐ_NGUYÊN",
    "FLOAT": "SỐ",
    "BOOLEAN": "ĐÚNG_SAI",
    "UUID": "UUID",
    "DRAFT": "BẢN_THẢO",
    "DRAFTS": "BẢN_THẢO",
    "PRESET": "PRESET",
    "OUTPUT": "TỆP_RA",
    "INPUT": "TỆP_VÀO",
    "COMMUNES": "DANH_SÁCH_XÃ",
    "FOLDER": "THƯ_MỤC",
    "DOCX": "DOCX",
    "NAME": "TÊN",
}

_WORD = re.compile(r"[A-Z][A-Z0-9_]*")


def gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    vi = PLURALS.get((singular, plural))
    if vi is None:
        return singular if n == 1 else plural
    return vi[0] if n == 1 else vi[1]


def metavar(text: str) -> str:
    """"[DRAFT]..." → "[BẢN_THẢO]..."; words not in WORDS are left as they are."""
    if text in WORDS:
        return WORDS[text]
    return _WORD.sub(lambda m: WORDS.get(m.group(0), m.group(0)), text)


_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui",
            "utils", "shell_completion", "_termui_impl")
_installed = False


def install() -> None:
    """Make click speak Vietnamese in this process. Safe to call more than once."""
    global _installed
    if _installed:
        return
    import click.core as core

    for name in _MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # pragma: no cover - a module click may drop one day
            continue
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext

    def wrap_metavar(cls):
        original = cls.make_metavar

        def make_metavar(self, *args, **kwargs):
            return metavar(original(self, *args, **kwargs))

        cls.make_metavar = make_metavar

    wrap_metavar(core.Parameter)
    if "make_metavar" in vars(core.Argument):
        wrap_metavar(core.Argument)
    if "make_metavar" in vars(core.Option):
        wrap_metavar(core.Option)

    def wrap_usage(cls):
        original = cls.collect_usage_pieces

        def collect_usage_pieces(self, ctx):
            return [WORDS.get(p, p) for p in original(self, ctx)]

        cls.collect_usage_pieces = collect_usage_pieces

    wrap_usage(core.Command)
    if "collect_usage_pieces" in vars(core.Group):
        wrap_usage(core.Group)
    _installed = True
