"""The documents the rules' examples start from: a plan and a decision that break no rule.

A rule's trigger and passing examples are these with one thing changed (``plan(old, new)``),
so each example shows exactly the mistake it is about.
"""
from __future__ import annotations

PLAN = """\
ỦY BAN NHÂN DÂN
XÃ AN LẠC
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/KH-UBND
An Lạc, ngày 05 tháng 6 năm 2026
KẾ HOẠCH
Cải cách hành chính xã An Lạc năm 2026
Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính \
nhà nước giai đoạn 2021-2030; Kế hoạch số 167/KH-UBND ngày 17/12/2025 của Ủy ban nhân dân tỉnh Bắc Ninh về cải \
cách hành chính tỉnh Bắc Ninh năm 2026, Ủy ban nhân dân xã An Lạc ban hành Kế hoạch cải cách hành chính (CCHC) \
năm 2026 như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Nâng cao hiệu quả công tác CCHC, chất lượng giải quyết thủ tục hành chính của xã An Lạc.
2. Yêu cầu
a) Bám sát nhiệm vụ cải cách hành chính được giao, gắn với chuyển đổi số.
b) Phân công rõ đơn vị chủ trì từng nhiệm vụ cải cách hành chính.
II. NHIỆM VỤ
1. Cải cách thủ tục hành chính
Rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền giải quyết của xã.
Phụ trách thực hiện: Phòng Văn hóa - Xã hội chủ trì.
2. Chuyển đổi số
Đẩy mạnh giải quyết thủ tục hành chính trực tuyến, gắn cải cách hành chính với chuyển đổi số.
III. TỔ CHỨC THỰC HIỆN
Phòng Văn hóa - Xã hội theo dõi, tổng hợp kết quả cải cách hành chính, báo cáo Ủy ban nhân dân xã./.
Nơi nhận:
- UBND tỉnh Bắc Ninh (b/c);
- Phòng Văn hóa - Xã hội;
- Lưu: VT, VHXH.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn An
"""

DECISION = """\
ỦY BAN NHÂN DÂN
XÃ AN LẠC
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 09/QĐ-UBND
An Lạc, ngày 05 tháng 01 năm 2026
QUYẾT ĐỊNH
Ban hành Kế hoạch cải cách hành chính xã An Lạc năm 2026
CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ AN LẠC
Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;
Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính \
nhà nước giai đoạn 2021-2030;
Theo đề nghị của Trưởng phòng Văn hóa - Xã hội.
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính xã An Lạc năm 2026.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Điều 3. Chánh Văn phòng HĐND và UBND xã, Trưởng phòng Văn hóa - Xã hội chịu trách nhiệm thi hành Quyết định \
này./.
Nơi nhận:
- Như Điều 3;
- UBND tỉnh Bắc Ninh (b/c);
- Lưu: VT, VHXH.
CHỦ TỊCH
Nguyễn Văn An
"""

DRAFT = """\
commune: {name: An Lạc, type: xã}
date: 2026-06
subject: Cải cách hành chính xã An Lạc năm 2026
bases:
  - ref: nq-76-2021
units:
  - {id: vhxh, name: Phòng Văn hóa - Xã hội, short: VHXH}
  - {id: kt, name: Phòng Kinh tế, short: KT}
sections:
  - title: Nhiệm vụ
    items:
      - title: Chỉ đạo
        tasks:
          - {text: Rà soát thủ tục hành chính, lead: kt}
          - {text: Tổng hợp kết quả cải cách hành chính, lead: vhxh}
recipients: [{unit: vhxh}, {unit: kt}]
archive: VT, VHXH
signer: {name: Nguyễn Văn An}
"""


def _variant(base: str, pairs: tuple[str, ...]) -> str:
    assert len(pairs) % 2 == 0
    for old, new in zip(pairs[::2], pairs[1::2]):
        if old not in base:
            raise ValueError(f"example: {old!r} is not in the base document")
        base = base.replace(old, new, 1)
    return base


def plan(*pairs: str) -> str:
    """The base plan with each ``old`` replaced by its ``new`` (given as old, new, old, new...)."""
    return _variant(PLAN, pairs)


def decision(*pairs: str) -> str:
    return _variant(DECISION, pairs)


def draft(*pairs: str) -> str:
    return _variant(DRAFT, pairs)
