"""Why a file cannot be read, said in Vietnamese with the file's name (the CLI exits with code 2)."""
from __future__ import annotations

from drafter.errors import DrafterError, Problem


class UnreadableDocument(DrafterError):
    """A file that is not a document drafter can read, or a document it must refuse."""

    def __init__(self, name: str, message: str):
        self.name = name
        super().__init__([Problem(message, file=name)])


def corrupt(name: str, detail: str = "") -> UnreadableDocument:
    extra = f" ({detail})" if detail else ""
    return UnreadableDocument(name, "tệp bị hỏng, không mở được như một văn bản Word (.docx)" + extra +
                              "; hãy mở tệp bằng Word rồi lưu lại dưới dạng .docx")


def encrypted_word(name: str) -> UnreadableDocument:
    return UnreadableDocument(name, "tệp Word được đặt mật khẩu (mã hóa) nên không đọc được; hãy mở bằng Word, "
                                    "bỏ mật khẩu (Tệp → Thông tin → Bảo vệ tài liệu → Mã hóa bằng mật khẩu) "
                                    "rồi lưu lại")


def encrypted_pdf(name: str) -> UnreadableDocument:
    return UnreadableDocument(name, "tệp PDF được đặt mật khẩu nên không đọc được chữ; hãy xin bản không đặt "
                                    "mật khẩu hoặc tệp Word gốc")


def scanned_pdf(name: str) -> UnreadableDocument:
    return UnreadableDocument(name, "tệp PDF là bản quét (ảnh chụp trang), không có lớp chữ nên drafter không đọc "
                                    "được nội dung; hãy xin tệp Word gốc hoặc bản PDF xuất từ Word")


def too_big(name: str, what: str) -> UnreadableDocument:
    return UnreadableDocument(name, f"tệp quá lớn hoặc có cấu trúc bất thường ({what}); drafter không đọc tệp "
                                    "này để tránh treo máy; hãy kiểm tra lại tệp, mở bằng Word và lưu lại")


def empty(name: str) -> UnreadableDocument:
    return UnreadableDocument(name, "văn bản không có chữ nào; hãy kiểm tra lại đúng tệp cần đọc")


def not_a_document(name: str) -> UnreadableDocument:
    return UnreadableDocument(name, "tệp không phải văn bản Word (.docx, .doc), PDF hay văn bản thuần (.txt) "
                                    "nên drafter không đọc được")
