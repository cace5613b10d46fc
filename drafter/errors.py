"""Errors that reach the user: each says what, where (file, line, field) and how to fix it."""
from __future__ import annotations

import errno
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    message: str
    file: str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    field: str | None = None  # dotted path: sections[1].tasks[0].lead
    severity: str = "error"  # "warning": the draft still renders (content checks)

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


@dataclass
class Problems:
    """Collects problems while walking a document, then raises them together."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def raise_if_any(self, cls=DraftError) -> None:
        if self.items:
            raise cls(self.items)


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
