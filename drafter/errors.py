"""Errors that reach the user: each says what, where (file, line, field) and how to fix it."""
from __future__ import annotations

import errno
from dataclasses import dataclass
from enum import StrEnum

from .fieldpath import FieldPath, field_path


class Severity(StrEnum):
    """How much a problem matters; its Vietnamese word is what a user reads."""

    ERROR = "error"  # the draft cannot be rendered
    WARNING = "warning"  # it renders, but should be fixed before signing
    HINT = "hint"  # a suggestion

    @property
    def label(self) -> str:
        return _SEVERITY_LABELS[self]


_SEVERITY_LABELS = {Severity.ERROR: "lỗi", Severity.WARNING: "cảnh báo", Severity.HINT: "gợi ý"}


@dataclass(frozen=True)
class Problem:
    message: str
    file: str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    field: FieldPath | None = None  # given as a path, a tuple or its text "sections[1].tasks[0].lead"
    severity: Severity = Severity.ERROR
    rule: str | None = None  # the check that found it ("TASK-NO-LEAD"): what a project may switch off

    def __post_init__(self) -> None:
        object.__setattr__(self, "field", field_path(self.field))
        object.__setattr__(self, "severity", Severity(self.severity))

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.file, self.line, self.column) if p)
        what = f"trường «{self.field}»: " if self.field else ""
        return f"{where + ': ' if where else ''}{what}{self.message}"


class DrafterError(Exception):
    """Base of errors shown to the user as Vietnamese messages (exit code 2)."""

    exit_code = 2

    def __init__(self, problems: list[Problem] | str):
        if isinstance(problems, str):
            problems = [Problem(problems)]
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class DraftError(DrafterError):
    """A draft or preset that cannot be read or is not valid."""


class RenderError(DrafterError):
    """A template that cannot be filled; names the document and the paragraph."""


class OutputExists(DrafterError):
    pass


_OS_REASONS = {
    errno.ENOENT: "thư mục hoặc tệp không tồn tại",
    errno.EACCES: "không có quyền đọc hoặc ghi",
    errno.EPERM: "không có quyền đọc hoặc ghi",
    errno.ENOSPC: "ổ đĩa đã hết chỗ",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.EISDIR: "đây là một thư mục, cần một tệp",
    errno.ENOTDIR: "một phần của đường dẫn không phải là thư mục",
    errno.EEXIST: "đã có một tệp trùng tên với thư mục cần tạo",  # mkdir of the output folder
}


def os_problem(exc: OSError) -> Problem:
    """An operating-system error (unwritable folder, full disk...) said in Vietnamese."""
    reason = _OS_REASONS.get(exc.errno, exc.strerror or str(exc))
    where = exc.filename if isinstance(exc.filename, str) else None
    return Problem(f"không đọc hoặc ghi được tệp: {reason}; hãy chọn nơi khác hoặc kiểm tra quyền", where)


# ---------------------------------------------------------------- validation errors, in Vietnamese

_VALIDATION = {
    "missing": "thiếu trường bắt buộc; hãy thêm nó",
    "extra_forbidden": "trường không có trong mẫu bản thảo; hãy xóa hoặc sửa tên cho đúng (xem «drafter schema»)",
    "string_type": "cần một đoạn chữ",
    "int_type": "cần một số nguyên",
    "int_parsing": "cần một số nguyên",
    "bool_type": "cần «true» hoặc «false»",
    "bool_parsing": "cần «true» hoặc «false»",
    "list_type": "cần một danh sách (mỗi mục một dòng bắt đầu bằng «- »)",
    "dict_type": "cần một nhóm trường (khóa: giá trị)",
    "model_type": "cần một nhóm trường (khóa: giá trị)",
    "model_attributes_type": "cần một nhóm trường (khóa: giá trị)",
    "string_too_short": "không được để trống",
    "string_pattern_mismatch": "chỉ dùng chữ thường không dấu, số và dấu «-», ví dụ «van-hoa-xa-hoi»",
    "greater_than_equal": "giá trị quá nhỏ",
    "less_than_equal": "giá trị quá lớn",
}
UNKNOWN_FIELD = _VALIDATION["extra_forbidden"]  # how a key the model does not know is reported
_SHOWS_INPUT = ("string_type", "int_type", "bool_type", "list_type")


def validation_message(err: dict, schema: str = "drafter schema") -> str:
    """One error of pydantic's ``ValidationError.errors()`` as a Vietnamese message.

    Our own validators already speak Vietnamese (their text is kept); pydantic's built-in
    kinds are translated; an unknown kind still names pydantic's words, in parentheses.
    """
    kind = err["type"]
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"giá trị «{err.get('input')}» không hợp lệ; hãy chọn một trong: {expected}"
    if kind in ("value_error", "assertion_error"):
        msg = str(err.get("ctx", {}).get("error", err["msg"]))
        return msg.removeprefix("Value error, ")
    if kind == "string_too_long":
        limit = f"{err.get('ctx', {}).get('max_length', 0):_}".replace("_", ".")
        size = f"{len(err.get('input') or ''):_}".replace("_", ".")
        return (f"đoạn chữ quá dài ({size} ký tự, tối đa {limit}); hãy chia thành nhiều đoạn hoặc kiểm tra "
                "có dán nhầm cả tệp không")
    base = _VALIDATION.get(kind)
    if base is None:
        return f"giá trị không hợp lệ ({err['msg']})"
    if kind == "extra_forbidden":  # names the schema of the file at hand: a draft's or a preset's
        return base.replace("drafter schema", schema)
    if kind in _SHOWS_INPUT and "input" in err:
        return f"{base}, không phải «{err['input']}»"
    return base
