"""A new draft as a file: the derived draft with the comments that guide its reader.

``drafter new`` writes this document and the TUI starts editing from it; the comments
(what each field means, how to render) belong to the file, not to the derivation.
"""
from __future__ import annotations

from ruamel.yaml.comments import CommentedMap

from .derive import PreparedPreset, derive_plain, prepare
from .presets import Preset
from .schema import SCHEMA_FILE
from .yamlio import commented

_FLOW_KEYS = frozenset({"lead", "support", "commune"})  # short lists and maps kept on one line

COMMENTS = {
    "kind": "ke-hoach: Kế hoạch; quyet-dinh: Quyết định ban hành Kế hoạch (kế hoạch kèm theo quyết định).",
    "commune": "Tên và loại (xã, phường, đặc khu) của đơn vị ban hành.",
    "number": "Số văn bản: để trống, văn thư ghi số khi đăng ký.",
    "date": "Năm (và tháng) ban hành; ngày để trống cho văn thư. Có thể ghi 2026-06 hoặc 05/6/2026.",
    "subject": "Trích yếu: kế hoạch về việc gì, của xã nào, năm nào.",
    "bases": "Căn cứ: «ref» là mã trong thư viện căn cứ (xem «drafter library»); kế hoạch cấp trên đứng cuối.\n"
             "Có thể thêm căn cứ bằng kind, number, date, issuer, subject.",
    "preamble": "Câu dẫn nối sau các căn cứ.",
    "decision": "Quyết định ban hành Kế hoạch: số để trống cho văn thư; căn cứ của quyết định, người đề nghị.",
    "sections": "NỘI DUNG KẾ HOẠCH. Số mục (I., 1., a)) do drafter tự đánh: thêm, bớt, đổi thứ tự thoải mái.\n"
                "Mỗi nhiệm vụ: text (nội dung), lead (mã đơn vị chủ trì), support (mã đơn vị phối hợp),\n"
                "deadline (thời hạn), output (sản phẩm); summary (lời văn ngắn in trong thân khi có phụ lục).\n"
                "Mã đơn vị lấy trong «units» ở dưới.\n"
                "Câu «Phụ trách thực hiện», nhiệm vụ của từng đơn vị và nơi nhận tự suy ra từ phân công.",
    "closing": "Câu kết thúc; drafter tự thêm «./.» nếu thiếu.",
    "units": "DANH MỤC ĐƠN VỊ của {xa}: sửa tên cho đúng với thực tế (ví dụ tên Trung tâm dịch vụ),\n"
             "thêm đơn vị (mã mới, viết thường không dấu) hoặc xóa đơn vị không có (và sửa các nhiệm vụ\n"
             "đang giao cho nó). «duties»: nhiệm vụ riêng của đơn vị trong phần Tổ chức thực hiện.",
    "derive_duties": "true: tự ghi «Chủ trì/phối hợp thực hiện các nhiệm vụ tại mục ...» cho từng đơn vị.",
    "recipients": "Nơi nhận: «unit» là mã đơn vị (lấy tên trong danh mục); report: true thêm «(b/c)».",
    "archive": "Dòng «Lưu:»: văn thư và đơn vị soạn thảo.",
    "signer": "Người ký: Phó Chủ tịch ký thay thì authority: KT., authority_of: Chủ tịch, title: Phó Chủ tịch;\n"
              "Chủ tịch ký thì authority: TM., authority_of: Ủy ban nhân dân, title: Chủ tịch.\n"
              "Ghi họ và tên người ký vào «name».",
    "appendices": "Phụ lục: bảng nhiệm vụ lấy từ các nhiệm vụ ở trên (cột chủ trì, phối hợp, thời hạn, sản phẩm).",
}




def header(prep: PreparedPreset, commune_full: str) -> str:
    """The comment at the top of the file: the editor's schema (written beside the draft, see
    :func:`drafter.schema.write_beside`), what it is, where it came from, what to do next."""
    spec = prep.spec
    what = "Quyết định ban hành Kế hoạch" if spec.kind == "quyet-dinh" else "Kế hoạch"
    return (f"yaml-language-server: $schema={SCHEMA_FILE}\n"
            f"Bản thảo {what} của UBND {commune_full}, lập từ preset «{prep.name}»\n"
            f"(thực hiện {spec.superior.short()}).\n"
            "Đọc lại, sửa cho phù hợp với thực tế địa phương rồi xuất ra Word:\n"
            "    drafter render TỆP-NÀY.yaml -o TỆP-NÀY.docx\n"
            "Dòng bắt đầu bằng # là ghi chú, không in ra văn bản.")


def draft_document(preset: Preset | PreparedPreset, commune, overrides: dict | None = None) -> CommentedMap:
    """The commune's draft as a commented YAML document (``drafter.yamlio.dump`` gives its text)."""
    prep = prepare(preset)
    plain = derive_plain(prep, commune, overrides)
    doc = commented(plain, _FLOW_KEYS)
    full = f"{plain['commune']['type']} {plain['commune']['name']}"
    doc.yaml_set_start_comment(header(prep, full))
    for key, text in COMMENTS.items():
        if key in doc:
            doc.yaml_set_comment_before_after_key(key, before="\n" + text.replace("{xa}", full), indent=0)
    return doc


__all__ = ["COMMENTS", "SCHEMA_FILE", "draft_document", "header"]
