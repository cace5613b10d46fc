"""The draft's JSON Schema as an editor uses it: every field explained in Vietnamese.

VS Code (with the YAML extension) completes field names and shows these descriptions as the
user types, when the draft's first line is ``# yaml-language-server: $schema=<file>``. The
descriptions live here, beside the model rather than in it, so the model stays short; a test
requires one for every field a draft can hold.
"""
from __future__ import annotations

import json
from pathlib import Path

from .model import Draft

# Beside every draft drafter writes; the draft's first line names it, so the editor finds it.
SCHEMA_FILE = "drafter-ban-thao.schema.json"

DATE = {
    "type": ["string", "integer"],
    "description": "Ngày: 2026-06-05, 05/6/2026; chưa có ngày: 2026-06; chưa có ngày, tháng: 2026.",
    "examples": ["2026-06-05", "05/6/2026", "2026-06", 2026],
}

DESCRIPTIONS: dict[str, dict[str, str]] = {
    "Draft": {
        "version": "Phiên bản định dạng bản thảo; để 1.",
        "kind": "ke-hoach: Kế hoạch; quyet-dinh: Quyết định ban hành Kế hoạch, rồi Kế hoạch kèm theo; "
                "bao-cao: Báo cáo kết quả thực hiện kế hoạch (drafter report).",
        "commune": "Xã, phường, đặc khu (hoặc tỉnh, thành phố) ban hành.",
        "issuer": "Tên cơ quan ban hành khi khác «ỦY BAN NHÂN DÂN / XÃ …».",
        "place": "Địa danh ở dòng ngày tháng, khi khác tên xã.",
        "number": "Số văn bản; để '' khi văn thư chưa đăng ký.",
        "date": DATE["description"],
        "subject": "Trích yếu: «Cải cách hành chính xã An Lạc năm 2026».",
        "bases": "Căn cứ ban hành: «ref» (mã trong thư viện, xem drafter library) hoặc các phần của văn bản.",
        "bases_end": "Dấu nối căn cứ với câu dẫn: «,» «;» hoặc «.» (câu dẫn thành đoạn riêng).",
        "bases_layout": "sentence: căn cứ và câu dẫn một đoạn; lines: mỗi căn cứ một đoạn (kế hoạch cấp tỉnh).",
        "proposer": "«Theo đề nghị của …»: cơ quan đề nghị, đứng trước câu dẫn.",
        "preamble": "Câu dẫn: «Ủy ban nhân dân xã … ban hành Kế hoạch … như sau:» (đặt trong ngoặc kép).",
        "sections": "Các phần của kế hoạch (I., II., …), mỗi phần có «title» và «items».",
        "closing": "Câu kết của kế hoạch; drafter thêm «./.».",
        "closing_note": "Ghi chú sau câu kết, ví dụ «(Kế hoạch này thay thế Kế hoạch số …)»; «./.» vẫn ở câu kết.",
        "units": "Danh mục đơn vị: chủ trì, phối hợp nhiệm vụ, nơi nhận, nhiệm vụ của đơn vị.",
        "derive_duties": "true: mỗi đơn vị có câu «Chủ trì thực hiện các nhiệm vụ tại mục …» lập từ phân công.",
        "recipients": "Nơi nhận: một dòng chữ, hoặc {unit: mã}; report: true thêm «(b/c)».",
        "archive": "Dòng «Lưu:», ví dụ «VT, VHXH».",
        "archive_nested": "true: dòng «+ Lưu: …» nằm dưới nơi nhận cuối cùng có «items» (ví dụ «- VP UBND tỉnh:»).",
        "signer": "Người ký: thẩm quyền, chức vụ, họ tên.",
        "decision": "Quyết định ban hành Kế hoạch (với kind: quyet-dinh).",
        "appendices": "Phụ lục: bảng nhiệm vụ (lập từ nhiệm vụ) hoặc bảng tự ghi (source: rows).",
        "report": "Với kind: bao-cao: kỳ báo cáo, kế hoạch được báo cáo, nơi «Kính gửi:».",
    },
    "Report": {
        "period": "Kỳ báo cáo: «Quý I/2026», «6 tháng đầu năm 2026», «Năm 2026».",
        "plan": "Tệp bản thảo của kế hoạch được báo cáo (để lập báo cáo kỳ sau).",
        "to": "Các dòng «Kính gửi:»; để trống khi cấp trên chỉ nhận để biết «(b/c)».",
    },
    "Commune": {
        "name": "Tên, không kèm loại: «An Lạc».",
        "type": "Loại: xã, phường, đặc khu; cấp tỉnh: tỉnh, thành phố.",
        "province": "Tỉnh, thành phố của xã: «Bắc Ninh».",
        "code": "Mã số đơn vị hành chính (Tổng cục Thống kê), ví dụ '07654'.",
    },
    "Issuer": {
        "parent": "Cơ quan chủ quản, dòng trên tên cơ quan ban hành.",
        "lines": "Tên cơ quan ban hành, mỗi dòng một mục.",
    },
    "Citation": {
        "ref": "Mã căn cứ trong thư viện (drafter library), ví dụ nq-76-2021; các trường khác ghi đè.",
        "verb": "«Căn cứ» hoặc «Thực hiện» (mặc định: «Thực hiện» với văn bản của Đảng).",
        "kind": "Loại văn bản: Nghị quyết, Quyết định, Kế hoạch, Chỉ thị …",
        "number": "Số, ký hiệu: 76/NQ-CP, 57-NQ/TW.",
        "date": "Ngày ban hành như trích dẫn: 15/7/2021.",
        "issuer": "Cơ quan ban hành: Chính phủ, Ủy ban nhân dân tỉnh Bắc Ninh.",
        "subject": "Trích yếu, có cả giới từ: «về …», «ban hành …».",
        "name": "Tên luật: «Luật Tổ chức chính quyền địa phương».",
        "text": "Căn cứ viết nguyên văn, khi không theo mẫu nào.",
    },
    "Node": {
        "title": "Tiêu đề; drafter tự đánh số (I., 1., a)). Không có: mục chỉ gom đoạn văn.",
        "role": "Loại phần (purposes, requirements, targets, tasks, solutions, budget, implementation, requests, "
                "free): drafter cảnh báo khi các phần không theo thứ tự thường gặp.",
        "numbered": "false: tiêu đề không đánh số.",
        "numbering": "Số của mục con sâu hơn mức 2: letter (a), b)) hoặc decimal (1.1., 1.2.).",
        "items": "Đoạn văn (dòng chữ; «- », «+ » là gạch đầu dòng; <b>, <i> in đậm, nghiêng) và mục con.",
        "tasks": "Nhiệm vụ có phân công, in sau các đoạn văn.",
        "task_bullet": "Gạch đầu dòng trước mỗi nhiệm vụ: '-' hoặc '+'.",
        "lettered": "true: đoạn văn và nhiệm vụ của mục đánh a), b), …",
        "numbered_items": "true: đoạn văn của mục đánh số như mục con (1., 2. dưới một phần).",
        "text": "Chữ viết tiếp trên cùng dòng với tiêu đề: «5. Sở Giáo dục và Đào tạo: Chủ trì …».",
        "unit": "Mã đơn vị: mục là tiêu đề của đơn vị, nhiệm vụ chưa có «lead» do đơn vị chủ trì.",
        "responsible": "Dòng «Phụ trách thực hiện: …»; auto: drafter lập từ phân công.",
        "generate": "duties: chèn nhiệm vụ của từng đơn vị (phần «Tổ chức thực hiện»).",
        "body": "false: mục chỉ là một nhóm của bảng phụ lục (kế hoạch nhập từ tệp), không in trong thân.",
    },
    "Task": {
        "id": "Mã cố định của nhiệm vụ trong bảng theo dõi (drafter track).",
        "text": "Lời văn đầy đủ của nhiệm vụ: hàng của bảng phụ lục, bảng theo dõi; cả thân kế hoạch khi "
                "không có «summary».",
        "summary": "Lời văn ngắn in trong thân kế hoạch khi nhiệm vụ có cả ở bảng phụ lục: thân tóm tắt, phụ "
                   "lục ghi chi tiết («text»).",
        "items": "Các ý nhỏ, in «+ …».",
        "target": "Mục tiêu: cột «target» của bảng phụ lục.",
        "lead": "Mã đơn vị chủ trì (một mã hoặc danh sách).",
        "support": "Mã đơn vị phối hợp (một mã hoặc danh sách).",
        "deadline": "Thời hạn: «Thường xuyên», «Quý I/2026», «30/6/2026».",
        "output": "Sản phẩm: cột «output» của bảng phụ lục.",
        "appendix": "false: không đưa vào bảng phụ lục.",
        "body": "false: chỉ có trong bảng phụ lục, không in trong thân kế hoạch.",
    },
    "Unit": {
        "id": "Mã đơn vị: chữ thường không dấu, số, «-», ví dụ vhxh.",
        "name": "Tên đầy đủ: «Phòng Văn hóa - Xã hội».",
        "short": "Tên viết tắt ở dòng «Lưu:», ví dụ VHXH.",
        "role": "Vai trò của đơn vị (standing, office, economy, culture, one-stop, service, police, health, "
                "school, requested, group, other).",
        "duties_title": "Tiêu đề phần nhiệm vụ của đơn vị, khi khác tên đơn vị.",
        "duties": "Nhiệm vụ riêng của đơn vị: đoạn văn hoặc mục con.",
        "receives": "false: đơn vị không nhận văn bản dù có nhiệm vụ.",
    },
    "Recipient": {
        "text": "Nơi nhận như ghi trên văn bản: «UBND tỉnh Bắc Ninh».",
        "unit": "Mã đơn vị: in tên của đơn vị.",
        "report": "true: thêm «(b/c)».",
        "items": "Các dòng con «+ …;» dưới «- Nơi nhận:», ví dụ các bộ phận của Văn phòng.",
    },
    "Signer": {
        "on_behalf": "«Ủy ban nhân dân»: dòng «TM. ỦY BAN NHÂN DÂN» trên dòng «KT. CHỦ TỊCH».",
        "authority": "Thẩm quyền ký: TM., KT., Q., TL., TUQ. hoặc ''.",
        "authority_of": "Sau thẩm quyền: «Ủy ban nhân dân» (TM.), «Chủ tịch» (KT.).",
        "title": "Chức vụ người ký: «Chủ tịch», «Phó Chủ tịch».",
        "name": "Họ và tên người ký, một dòng.",
    },
    "Decision": {
        "number": "Số quyết định; để '' khi chưa đăng ký.",
        "date": "Ngày quyết định (mặc định: ngày của kế hoạch).",
        "subject": "Trích yếu (mặc định: «Ban hành Kế hoạch …»).",
        "author": "Thẩm quyền ban hành (mặc định: «CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …»).",
        "bases": "Căn cứ của quyết định, mỗi căn cứ một dòng.",
        "proposer": "«Theo đề nghị của …».",
        "articles": "Các điều (mặc định: ban hành, hiệu lực, thi hành).",
        "recipients": "Nơi nhận (mặc định: «Như Điều 3;» và nơi nhận không phải đơn vị của kế hoạch).",
        "archive": "Dòng «Lưu:» của quyết định.",
        "signer": "Người ký quyết định (mặc định: người ký kế hoạch).",
        "sign_plan": "true: kế hoạch kèm theo cũng có «Nơi nhận:» và chữ ký (mẫu của Nghị định 30 "
                     "kết thúc kế hoạch kèm theo ở «./.», không có hai khối này).",
    },
    "Appendix": {
        "title": "Tên phụ lục: «Danh mục nhiệm vụ».",
        "attached": "Dòng «(Kèm theo …)» viết sẵn, khi khác lời mặc định của drafter (ví dụ «Ban hành kèm theo …»).",
        "columns": "Các cột: key, header, width (cm).",
        "source": "tasks: bảng lập từ nhiệm vụ; rows: bảng tự ghi ở «rows».",
        "rows": "Các hàng của bảng tự ghi: cells (theo thứ tự cột), group: true là hàng nhóm.",
        "number_row": "false: bỏ hàng «(1) (2) …» dưới tiêu đề cột.",
        "merge": "Các cột (theo key) mà ô liền nhau cùng nội dung trong một nhóm được gộp dọc thành một ô, "
                 "ví dụ [lead, deadline].",
        "numbering": "Bảng tự ghi: đánh số cột STT tự động (không gõ số trong «cells»): items, groups, capitals, "
                     "group_label. Bảng nhiệm vụ: chỉ capitals, group_label (số luôn là I, II rồi 1, 2).",
    },
    "AppendixNumbering": {
        "items": "across: 1, 2 … liền qua các nhóm; per-group: đánh lại từ 1 trong mỗi nhóm; outline: 1.1, 1.2 "
                 "dưới I, 2.1 dưới II (5.1.1 dưới nhóm cấp 3 «5.1»).",
        "groups": "Kiểu số của từng cấp nhóm, từ cấp 1: A (A, B, C), I (I, II, III), 1 (1, 2 hoặc 5.1 khi "
                  "outline), a (a, b). Ví dụ [A, I]: nhóm A, B chứa nhóm I, II.",
        "capitals": "Từng cấp nhóm có in hoa tên nhóm không, ví dụ [true, false]: cấp 1 in hoa, cấp 2 giữ "
                    "nguyên chữ đã gõ.",
        "group_label": "column: số nhóm ở cột STT, tên nhóm trải các cột sau; inline: «I. Tên nhóm» một ô "
                       "trải hết chiều ngang bảng.",
    },
    "Column": {
        "key": "Với bảng nhiệm vụ: stt, task, target, lead, support, deadline, output; với bảng tự ghi: tên tùy ý.",
        "header": "Tiêu đề cột.",
        "width": "Độ rộng tương đối (cm); bảng giãn đủ khổ ngang.",
        "above": "Tiêu đề chung trên các cột liền nhau (ví dụ «Chỉ tiêu theo năm» trên cột 2026, 2027 …): "
                 "bảng có hai hàng tiêu đề.",
        "align": "Căn ô: left (trái) hoặc center (giữa); mặc định: giữa với STT và thời hạn, trái với cột khác.",
    },
    "AppendixRow": {
        "cells": "Các ô, theo thứ tự cột; ô có dấu phẩy đặt trong ngoặc kép.",
        "group": "true hoặc 1: hàng nhóm (in đậm); 2, 3: nhóm con nằm trong nhóm cấp trên.",
        "header": "true: hàng nhắc lại tiêu đề cột giữa bảng (in đậm, căn giữa), chữ như «cells».",
        "span": "Ô gộp dọc: khóa cột → số hàng ô này phủ xuống, ví dụ {lead: 3}; ô cùng cột của các hàng "
                "được phủ để trống.",
    },
}


def _describe(props: dict, descriptions: dict[str, str]) -> None:
    props.pop("src", None)
    for name, prop in props.items():
        if name in descriptions:
            prop["description"] = descriptions[name]
        if "PartialDate" in str(prop):  # a date is written as text or a year, never as a group of fields
            prop.clear()
            prop.update({**DATE, "description": descriptions.get(name, DATE["description"])})


def draft_schema() -> dict:
    """The draft's JSON Schema with Vietnamese descriptions, without drafter's internal fields."""
    schema = Draft.model_json_schema()
    schema["title"] = "Bản thảo kế hoạch drafter"
    schema["description"] = "Bản thảo Kế hoạch (và Quyết định ban hành) của drafter; xem docs/ban-thao.md."
    defs = schema.get("$defs", {})
    for name in ("Source", "PartialDate"):
        defs.pop(name, None)
    _describe(schema["properties"], DESCRIPTIONS["Draft"])
    for name, body in defs.items():
        _describe(body.get("properties", {}), DESCRIPTIONS.get(name, {}))
    return schema


def schema_text() -> str:
    return json.dumps(draft_schema(), ensure_ascii=False, indent=2) + "\n"


def write_beside(draft_path: Path) -> Path:
    """The schema in the draft's folder, where its modeline points; regenerated, so always overwritten."""
    from .atomic import write_text

    target = Path(draft_path).parent / SCHEMA_FILE
    text = schema_text()
    try:
        if target.read_text(encoding="utf-8") == text:
            return target
    except (OSError, UnicodeDecodeError):
        pass
    write_text(target, text, force=True)
    return target
