"""The parts of a plan that are not its body: header, bases, closing, signature.

Each function reads a few lines and says what they are; nothing here decides where the
parts of a document start and end (``recognise.py`` does).
"""
from __future__ import annotations

import re

from ..citation_parse import parse_citation, split_bases
from ..library import citation_library
from ..citation_parse import number_key
from ..model import Citation
from ..citations import cite
from ..text import fold

ISSUER_HEAD = re.compile(r"^(ỦY|UỶ) BAN NHÂN DÂN$|^HỘI ĐỒNG NHÂN DÂN$", re.I)
LEVEL = re.compile(r"^(XÃ|PHƯỜNG|ĐẶC KHU|TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|THỊ TRẤN)\s+(.+)$", re.I)
NATIONAL = re.compile(r"^CỘNG H[ÒO]A X[ÃA] HỘI CHỦ NGHĨA VIỆT NAM$", re.I)
MOTTO = re.compile(r"^Độc lập\s*[-–—]\s*Tự do\s*[-–—]\s*Hạnh phúc$", re.I)
RULE = re.compile(r"^[-–—_=*.]{3,}$")
NUMBER = re.compile(r"^Số\s*:?\s*(?P<number>[^/\s]*)\s*/\s*(?P<symbol>\S+)\s*$", re.I)
PLACE_DATE = re.compile(r"^(?P<place>[^,]{2,40}),\s*ngày\s*(?P<day>\d{1,2})?\s*tháng\s*(?P<month>\d{1,2})?\s*"
                        r"năm\s*(?P<year>\d{4})\s*\.?$", re.I)
AUTHORITY = re.compile(r"^(?P<auth>TM|KT|Q|TL|TUQ)\.\s*(?P<of>.+)$")
RECIPIENTS = re.compile(r"^Nơi nhận\s*:?\s*(?P<rest>.*)$", re.I)
ARCHIVE = re.compile(r"^[-–+•]?\s*Lưu\s*:?\s*(?P<archive>.*?)\.?$", re.I)
ATTACHED = re.compile(r"^\(?\s*(Ban hành )?kèm theo\b", re.I)
VERB = re.compile(r"^(Căn cứ|Thực hiện)\b")
PREAMBLE_START = re.compile(r",\s+(?=(UBND|Ủy ban nhân dân|Uỷ ban nhân dân|HĐND|Hội đồng nhân dân|Chủ tịch)\b)")
LEVEL_TYPES = {"xa": "xã", "phuong": "phường", "dac khu": "đặc khu", "tinh": "tỉnh", "thanh pho": "thành phố"}


def title_case(text: str) -> str:
    """«AN LẠC» → «An Lạc» (a place written in capitals in the header)."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in text.split())


def level_of(line: str) -> tuple[str, str] | None:
    """«XÃ AN LẠC» → ("xã", "AN LẠC"); None for levels a draft cannot issue from (huyện...)."""
    m = LEVEL.match(line.strip())
    if not m:
        return None
    kind = LEVEL_TYPES.get(fold(m.group(1)))
    return (kind, m.group(2).strip()) if kind else None


def signer_of(lines: list[str]) -> tuple[dict, list[str]]:
    """Signature lines → signer fields, and the lines drafter writes in its own form (for the record).

    «TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / name»: the «TM.» line above the last
    authority line is the signer's ``on_behalf``; any other authority line (one drafter cannot
    write) is named as dropped.
    """
    auths = [(i, AUTHORITY.match(x)) for i, x in enumerate(lines)]
    auths = [(i, m) for i, m in auths if m]
    rest = [x for i, x in enumerate(lines) if i not in {j for j, _ in auths}]
    signer: dict = {}
    dropped: list[str] = []
    if auths:
        i, m = auths[-1]
        signer["authority"] = m.group("auth") + "."
        signer["authority_of"] = m.group("of").strip()
        earlier = auths[:-1]
        if earlier and earlier[-1][1].group("auth") == "TM" and m.group("auth") != "TM":
            signer["on_behalf"] = earlier[-1][1].group("of").strip()
            earlier = earlier[:-1]
        dropped = [lines[j] for j, _ in earlier]
    else:
        signer["authority"] = ""
    titles = [x for x in rest if x.upper() == x and not re.search(r"\d", x)]
    names = [x for x in rest if x not in titles]
    if titles:
        signer["title"] = " ".join(titles)
    if names:
        signer["name"] = names[-1]
        dropped += names[:-1]
    return signer, dropped


def recipient_of(line: str) -> dict | str:
    text = re.sub(r"^[-–+•]\s*", "", line).strip().rstrip(";,.").strip()
    return text


def _rendered(c: dict) -> str:
    plain = {k: v for k, v in c.items() if k != "ref"}
    if c.get("ref"):
        lib = citation_library()[c["ref"]].model_dump(exclude_none=True)
        plain = {**lib, **plain}
    plain.pop("ref", None)
    try:
        return cite(Citation.model_validate(plain))
    except Exception:  # noqa: BLE001 - an incomplete parse is not a citation; the text is kept instead
        return ""


def _library_key(number: str | None) -> str | None:
    if not number:
        return None
    key = number_key(number)
    for ref, entry in citation_library().items():
        if entry.number and number_key(entry.number) == key:
            return ref
    return None


def citation_of(piece: str, verb: str | None) -> dict | None:
    """One basis as written («Căn cứ Nghị quyết số 76/NQ-CP ...») → citation fields; None when none is cited.

    The parsed fields are kept; when drafter would write them differently from the source,
    ``text`` keeps the source's words (the citation is still matched and structured).
    """
    piece = piece.strip().rstrip(";,.").strip()
    parsed = parse_citation(piece)
    if parsed is None:
        return None
    m = VERB.match(piece)
    own_verb = m.group(1) if m else None
    body = piece[m.end():].strip() if m else piece
    out: dict = {}
    ref = _library_key(parsed.number)
    if ref:
        out["ref"] = ref
    fields = {"kind": parsed.kind, "number": parsed.number, "date": parsed.date_text, "issuer": parsed.issuer,
              "subject": parsed.subject, "name": parsed.name}
    if parsed.name:
        fields["subject"] = piece[parsed.end:].strip(" ,") or None
        fields.pop("number")
    for k, v in fields.items():  # all of them, also when the library says the same: the file shows what was read
        if v is not None:
            out[k] = v
    v = own_verb or verb
    if v:
        out["verb"] = v
    if _norm(_rendered(out)) != _norm(body):
        out["text"] = body
    return out


def _party(number: str | None) -> bool:
    return bool(number and re.match(r"^\d+(\.\d+)?-[^/]+/", number))


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().rstrip(";,.")


def bases_of(paragraphs: list[str]) -> tuple[list[dict], str | None, str, list[str]]:
    """Basis paragraphs → (citations, preamble, bases_end, pieces kept as text).

    A plan writes its bases as one sentence ("Căn cứ A; B; C, UBND xã ... ban hành ...") or
    one paragraph each; the piece that cites nothing, and what follows the last citation
    after ", UBND ...", is the preamble.
    """
    cites: list[dict] = []
    preamble: list[str] = []
    end = "."
    verb: str | None = None
    for k, para in enumerate(paragraphs):
        pieces = split_bases(para)
        for j, piece in enumerate(pieces):
            if preamble:
                preamble.append(piece)
                continue
            m = VERB.match(piece)
            if m:
                verb = m.group(1)
            parsed = parse_citation(piece)
            if parsed is None:
                preamble.append(piece)
                end = ";" if j > 0 else "."
                continue
            tail = PREAMBLE_START.search(piece, parsed.end)
            if tail and k == len(paragraphs) - 1 and j == len(pieces) - 1:
                preamble.append(piece[tail.end():].strip())
                piece = piece[:tail.start()]
                end = ","
            c = citation_of(piece, verb)
            if c is not None:
                cites.append(c)
    text = "; ".join(preamble) if preamble else None
    return cites, text, end, []
