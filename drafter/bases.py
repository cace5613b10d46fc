"""The customary order of legal bases, in one place: what derivation sorts by and CITE-ORDER checks.

Laws first, then party documents (cited right after the laws in the province plans), the
Government's decrees, then its resolutions, the Prime Minister's directives and decisions, the
ministries, the province, the commune; the superior plan a commune carries out always last.
"""
from __future__ import annotations

import re

from .text import fold

LAW, PARTY, DECREE, GOVERNMENT, PRIME_MINISTER, MINISTRY, PROVINCE, COMMUNE, SUPERIOR = range(9)

# What each rank is called in a message ("«X» đứng sau <words>").
RANK_WORDS = {
    LAW: "luật", PARTY: "văn bản của Đảng", DECREE: "nghị định", GOVERNMENT: "nghị quyết của Chính phủ",
    PRIME_MINISTER: "văn bản của Thủ tướng", MINISTRY: "văn bản của bộ", PROVINCE: "văn bản của tỉnh",
    COMMUNE: "văn bản của xã", SUPERIOR: "kế hoạch cấp trên",
}
ORDER_TEXT = ("luật, văn bản của Đảng, nghị định, nghị quyết của Chính phủ, văn bản của Thủ tướng, bộ, tỉnh, xã; "
              "kế hoạch cấp trên sau cùng")

_PARTY = re.compile(r"^\d+(\.\d+)?-[^/]+/")
_SPACES = re.compile(r"\s+")


def number_key(number: str | None) -> str:
    """"76/NQ-CP" and "76 / nq-cp" are one number; anchored, so 45/2020 is not 145/2020."""
    return _SPACES.sub("", number or "").upper()


def rank(kind: str | None, number: str | None, issuer: str | None, name: str | None = None) -> int:
    """The rank of one basis by its kind, number and issuer (as cited or as the library holds it)."""
    kind = (kind or "").strip()
    number = (number or "").strip()
    symbol_issuer = number.rsplit("-", 1)[-1].upper() if "/" in number and "-" in number.split("/")[-1] else ""
    who = fold(issuer or "")
    if kind.startswith(("Luật", "Pháp lệnh")) or (name or "").startswith("Luật") or symbol_issuer.startswith("QH"):
        return LAW
    if _PARTY.match(number):
        return PARTY
    if kind == "Nghị định":
        return DECREE
    if who == "chinh phu" or symbol_issuer == "CP":
        return GOVERNMENT
    if "thu tuong" in who or symbol_issuer == "TTG":
        return PRIME_MINISTER
    if kind.startswith("Thông tư") or who.startswith(("bo ", "van phong chinh phu")):
        return MINISTRY
    if re.search(r"\b(xa|phuong|dac khu)\b", who):
        return COMMUNE
    if re.search(r"\b(tinh|thanh pho)\b", who) or symbol_issuer in ("UBND", "HĐND"):
        return PROVINCE
    return MINISTRY


def ordered(cites: list, superior_number: str | None = None) -> list:
    """``cites`` (anything with kind, number, issuer, name) in the customary order; stable within a rank,
    the one numbered ``superior_number`` last."""
    sup = number_key(superior_number)

    def key(c) -> int:
        if sup and number_key(getattr(c, "number", None)) == sup:
            return SUPERIOR
        return rank(getattr(c, "kind", None), getattr(c, "number", None), getattr(c, "issuer", None),
                    getattr(c, "name", None))

    return sorted(cites, key=key)


__all__ = ["ORDER_TEXT", "RANK_WORDS", "number_key", "ordered", "rank"]
