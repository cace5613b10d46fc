"""A read document → the fields of a draft: header, decision, bases, body tree, appendix, closing.

The document is cut into zones at its titles (QUYẾT ĐỊNH, KẾ HOẠCH, PHỤ LỤC); each zone is
read by what its lines look like. Every element keeps where it came from (``sources``:
field path → ``Origin``); a line that fits nowhere is kept as a free paragraph, in order,
with a warning naming it (``free``). Lines drafter writes in its own words (the number line,
the attached line, a second «TM.» signer line) are recorded in ``verbatim`` so the YAML keeps them
as comments: nothing the document said is lost.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..reader.model import ReadDocument
from ..text import fold, lower_first
from . import header as H
from .lines import DataTable, Item, Line, document_items
from .body import build_body
from .tables import UnitBook, appendix_of, unit_id


class NotAPlan(Exception):
    """The document has no «KẾ HOẠCH» or «QUYẾT ĐỊNH» title: a letter, an empty page..."""


@dataclass
class Recognised:
    plain: dict
    sources: dict[tuple, object] = field(default_factory=dict)  # field path → Origin
    verbatim: list[tuple[tuple, str]] = field(default_factory=list)  # (field path, source line)
    free: list[tuple[tuple, Line]] = field(default_factory=list)  # (field path, line) kept as free text
    warnings: list[str] = field(default_factory=list)
    units: dict[str, str] = field(default_factory=UnitBook)  # unit id → name as written


def _bare(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _is_title(line: Item, word: str) -> bool:
    return isinstance(line, Line) and _bare(line.text) == word


def _header_like(text: str) -> bool:
    return bool(H.ISSUER_HEAD.match(text) or H.LEVEL.match(text) or H.NATIONAL.match(text)
                or H.MOTTO.match(text) or H.RULE.match(text) or H.NUMBER.match(text) or H.PLACE_DATE.match(text))


class _Recogniser:
    def __init__(self, items: list[Item], name: str):
        self.items = items
        self.name = name
        self.r = Recognised(plain={})
        self.head: dict = {}  # what the header lines said: issuer lines, number, place, date
        self.leading_free: list[Line] = []
        self.trailing_free: list[Line] = []

    # ----------------------------------------------------------------- zones
    def run(self) -> Recognised:
        items = self.items
        dec = next((i for i, x in enumerate(items) if _is_title(x, "QUYẾT ĐỊNH")), None)
        plan = next((i for i, x in enumerate(items) if _is_title(x, "KẾ HOẠCH")), None)
        if plan is None:
            plan = next((i for i, x in enumerate(items[:40]) if isinstance(x, Line)
                         and x.text.startswith("KẾ HOẠCH ") and x.text.upper() == x.text and x.label is None), None)
        if plan is None:
            raise NotAPlan()
        if dec is not None and dec > plan:
            dec = None
        start = dec if dec is not None else plan
        self.header_lines(items[:start], ("date",))
        if dec is not None:
            end = self.decision(dec, plan)
            self.header_lines(items[end:plan], ("date",))
        appendix_starts = [i for i, x in enumerate(items) if i > plan and isinstance(x, Line)
                           and re.match(r"^PHỤ LỤC\b", _bare(x.text), re.I) and len(x.text) < 40]
        first_table = next((i for i, x in enumerate(items) if i > plan and isinstance(x, DataTable)), None)
        plan_end = min(appendix_starts + ([first_table] if first_table is not None else []) + [len(items)])
        self.plan(plan, plan_end)
        self.appendices(plan_end, appendix_starts)
        self.finish()
        return self.r

    # ----------------------------------------------------------------- header
    def header_lines(self, lines: list[Item], path: tuple) -> None:
        for x in lines:
            if not isinstance(x, Line):  # a table before the title: its rows, kept as free paragraphs
                origins = x.row_origins or [x.origin] * len(x.rows)
                for row, origin in zip(x.rows, origins):
                    text = " | ".join(c.replace("\n", " ") for c in row if c.strip())
                    if text:
                        self.leading_free.append(Line(text, None, text, False, origin))
                continue
            t = _bare(x.text)
            m_num = H.NUMBER.match(t)
            m_date = H.PLACE_DATE.match(t)
            if H.ISSUER_HEAD.match(t) or H.level_of(t):
                self.head.setdefault("issuer", []).append(t)
                self.r.sources.setdefault(("commune",), x.origin)
                self.r.verbatim.append((("commune",), t))
            elif H.NATIONAL.match(t) or H.MOTTO.match(t) or H.RULE.match(t):
                if H.MOTTO.match(t) and "–" in t:
                    self.r.verbatim.append((("commune",), t))
            elif m_num:
                self.head.setdefault("numbers", []).append((m_num.group("number"), m_num.group("symbol"), x, t))
            elif m_date:
                self.head.setdefault("dates", []).append((m_date, x, t))
            elif re.match(r"^(UBND|ỦY BAN|HĐND|ĐẢNG)", t) and t.upper() == t and len(t) < 60:
                self.head.setdefault("issuer", []).append(t)
            else:
                self.leading_free.append(x)

    # ----------------------------------------------------------------- decision
    def decision(self, start: int, plan: int) -> int:
        items = self.items
        d: dict = {}
        i = start + 1
        subject: list[str] = []
        while i < plan and isinstance(items[i], Line) and not self._author(items[i]) and len(subject) < 4 \
                and not H.VERB.match(items[i].text):
            subject.append(_bare(items[i].text))
            self.r.sources[("decision", "subject")] = items[i].origin
            i += 1
        if subject:
            d["subject"] = " ".join(subject)
        if i < plan and isinstance(items[i], Line) and self._author(items[i]):
            d["author"] = _bare(items[i].text)
            self.r.sources[("decision", "author")] = items[i].origin
            i += 1
        bases: list[str] = []
        while i < plan and isinstance(items[i], Line) and H.VERB.match(items[i].text):
            bases.append(items[i].text)
            self.r.sources[("decision", "bases", len(bases) - 1)] = items[i].origin
            i += 1
        d["bases"] = [c for c in (H.citation_of(b, None) for b in bases) if c]
        for b in bases:
            if H.citation_of(b, None) is None:
                self.r.verbatim.append((("decision", "bases"), b))
                self.r.warnings.append(f"căn cứ «{b[:60]}» không nhận ra văn bản được dẫn; đã giữ nguyên văn")
                d["bases"].append({"text": re.sub(r"^(Căn cứ|Thực hiện)\s+", "", b).rstrip(";,. ")})
        if i < plan and isinstance(items[i], Line) and items[i].text.startswith("Theo đề nghị của"):
            d["proposer"] = items[i].text[len("Theo đề nghị của"):].strip().rstrip(",.;")
            self.r.sources[("decision", "proposer")] = items[i].origin
            i += 1
        if i < plan and _is_title(items[i], "QUYẾT ĐỊNH:"):
            i += 1
        articles: list[str] = []
        while i < plan and isinstance(items[i], Line) and not H.RECIPIENTS.match(_bare(items[i].text)):
            x = items[i]
            if x.label is not None and x.label.kind == "article":
                articles.append(x.body)
                self.r.sources[("decision", "articles", len(articles) - 1)] = x.origin
            elif articles:
                articles[-1] += " " + x.text
            else:
                self.leading_free.append(x)
            i += 1
        if articles:
            d["articles"] = articles
        i = self.closing(i, plan, d, ("decision",))
        self.r.plain["decision"] = d
        self.r.plain["kind"] = "quyet-dinh"
        return i

    @staticmethod
    def _author(x: Line) -> bool:
        t = _bare(x.text)
        return t.upper() == t and ("CHỦ TỊCH" in t or "ỦY BAN" in t) and not H.AUTHORITY.match(t) and len(t) < 90

    # ----------------------------------------------------------------- closing: recipients and signer
    def closing(self, i: int, end: int, into: dict, path: tuple) -> int:
        items = self.items
        if i >= end or not isinstance(items[i], Line):
            return i
        m = H.RECIPIENTS.match(_bare(items[i].text))
        if not m:
            return i
        recipients: list = []
        if m.group("rest").strip():
            recipients.append(H.recipient_of(m.group("rest")))
        i += 1
        archive = None
        while i < end and isinstance(items[i], Line):
            x = items[i]
            am = H.ARCHIVE.match(x.text)
            if am:
                archive = am.group("archive").strip().rstrip(".")
                self.r.sources[path + ("archive",)] = x.origin
                i += 1
                break
            if not re.match(r"^[-–+•]", x.text) and recipients and not x.text.endswith((";", ",")):
                break
            recipients.append(H.recipient_of(x.text))
            self.r.sources[path + ("recipients", len(recipients) - 1)] = x.origin
            i += 1
        into["recipients"] = [r for r in recipients if r]
        if archive:
            into["archive"] = archive
        signer_lines: list[Line] = []
        while i < end and isinstance(items[i], Line) and not _header_like(_bare(items[i].text)) \
                and not _is_title(items[i], "KẾ HOẠCH") and len(signer_lines) < 6:
            t = _bare(items[i].text)
            signer_lines.append(items[i])
            i += 1
            if t.upper() != t or re.search(r"\d", t):
                break  # the signer's name closes the signature
        if signer_lines:
            signer, dropped = H.signer_of([_bare(x.text) for x in signer_lines])
            into["signer"] = signer
            self.r.sources[path + ("signer",)] = signer_lines[0].origin
            for d in dropped:
                self.r.verbatim.append((path + ("signer",), d))
        return i

    # ----------------------------------------------------------------- plan
    def plan(self, start: int, end: int) -> None:
        items = self.items
        p = self.r.plain
        title = items[start]
        i = start + 1
        subject: list[str] = []
        if _bare(title.text) != "KẾ HOẠCH":
            subject.append(_bare(title.text)[len("KẾ HOẠCH"):].strip())
        while i < end and isinstance(items[i], Line) and not H.ATTACHED.match(items[i].text) \
                and not H.VERB.match(items[i].text) and items[i].label is None and len(subject) < 3 \
                and not (subject and not items[i].bold and items[start + 1].bold):
            subject.append(_bare(items[i].text))
            self.r.sources[("subject",)] = items[i].origin
            i += 1
        p["subject"] = " ".join(s for s in subject if s) or "Kế hoạch"
        if not subject:
            self.r.warnings.append(f"{title.where}: không thấy trích yếu sau «KẾ HOẠCH»; hãy ghi «subject»")
        # the attached line: «(Ban hành kèm theo Quyết định số ... ngày ... của ...)», maybe over two lines
        while i < end and isinstance(items[i], Line) and (
                H.ATTACHED.match(items[i].text)
                or (i > start and H.ATTACHED.match(getattr(items[i - 1], "text", "")) and items[i].text.endswith(")")
                    and items[i].label is None and len(items[i].text) < 160)):
            self.r.verbatim.append((("subject",), items[i].text))
            i += 1
        bases: list[str] = []
        while i < end and isinstance(items[i], Line) and H.VERB.match(items[i].text) and items[i].label is None:
            bases.append(items[i].text)
            self.r.sources.setdefault(("bases",), items[i].origin)
            i += 1
        cites, preamble, bases_end, _ = H.bases_of(bases)
        p["bases"] = cites
        if preamble is None and i < end and isinstance(items[i], Line) and items[i].label is None \
                and not H.RECIPIENTS.match(items[i].text):
            preamble = items[i].text
            self.r.sources[("preamble",)] = items[i].origin
            i += 1
            bases_end = "."
        if preamble:
            p["preamble"] = preamble
        p["bases_end"] = bases_end
        body_end = next((k for k in range(i, end) if isinstance(items[k], Line) and (
            H.RECIPIENTS.match(_bare(items[k].text)) or H.NATIONAL.match(_bare(items[k].text))
            or H.ISSUER_HEAD.match(_bare(items[k].text)))), end)
        self.body(items[i:body_end])
        k = self.closing(body_end, end, p, ())
        if k > body_end and isinstance(p.get("decision"), dict):
            p["decision"]["sign_plan"] = True  # this office signs the attached plan too
        for x in items[k:end]:
            if isinstance(x, Line):
                if _header_like(_bare(x.text)):
                    self.r.verbatim.append((("appendices",), _bare(x.text)))
                else:
                    self.trailing_free.append(x)

    # ----------------------------------------------------------------- body
    def body(self, lines: list[Item]) -> None:
        self.r.plain["sections"] = build_body([x for x in lines if isinstance(x, Line)])

    # ----------------------------------------------------------------- appendices
    def appendices(self, start: int, starts: list[int]) -> None:
        items = self.items
        appendices: list[dict] = []
        groups: list[dict] = []
        i = start
        while i < len(items):
            x = items[i]
            title: list[str] = []
            if isinstance(x, Line) and i in starts:
                i += 1
                while i < len(items) and isinstance(items[i], Line) and not H.ATTACHED.match(items[i].text) \
                        and i not in starts:
                    t = _bare(items[i].text)
                    if _header_like(t):
                        self.r.verbatim.append((("appendices",), t))
                    else:
                        title.append(t)
                    i += 1
                while i < len(items) and isinstance(items[i], Line) and (
                        H.ATTACHED.match(items[i].text) or items[i].text.endswith(")") and len(items[i].text) < 160):
                    self.r.verbatim.append((("appendices",), items[i].text))
                    i += 1
            while i < len(items) and isinstance(items[i], Line) and i not in starts:
                t = _bare(items[i].text)
                if _header_like(t):
                    self.r.verbatim.append((("appendices",), t))
                else:
                    self.trailing_free.append(items[i])
                i += 1
            if i < len(items) and isinstance(items[i], DataTable):
                a, g, notes = appendix_of(items[i], " ".join(title) or "Phụ lục", self.r.units)
                self.r.sources[("appendices", len(appendices))] = items[i].origin
                appendices.append(a)
                groups += g
                self.r.warnings += notes
                i += 1
            elif title:
                self.trailing_free += []
                self.r.warnings.append(f"phụ lục «{' '.join(title)[:60]}» không có bảng; tiêu đề giữ thành đoạn tự do")
                self.trailing_free.append(Line(" ".join(title), None, " ".join(title), True, items[i - 1].origin))
        if appendices:
            self.r.plain["appendices"] = appendices
        if groups:
            self.r.plain.setdefault("sections", []).extend(groups)

    # ----------------------------------------------------------------- header fields, free text
    def finish(self) -> None:
        p = self.r.plain
        p.setdefault("kind", "ke-hoach")
        issuer = self.head.get("issuer", [])
        level = next((H.level_of(x) for x in issuer if H.level_of(x)), None)
        dates = self.head.get("dates", [])
        place = H.title_case(dates[0][0].group("place")) if dates else None
        if dates:
            place = dates[0][0].group("place").strip()
        commune = None
        if level:
            kind, name = level
            name_tc = place if place and fold(place) == fold(name) else H.title_case(name)
            commune = {"name": name_tc, "type": kind}
        else:
            text = " ".join([p.get("subject", ""), p.get("preamble") or ""] + self.head.get("issuer", []))
            m = re.search(rf"\b(xã|phường|đặc khu|tỉnh|thành phố)\s+{re.escape(place)}\b", text, re.I) if place \
                else None
            named = _named_commune(text) if not m else None
            if m:
                commune = {"name": place, "type": m.group(1).lower()}
            elif named:
                commune = named
            elif place:
                commune = {"name": place, "type": "xã"}
                self.r.warnings.append("không thấy cấp của cơ quan ban hành (xã, phường, tỉnh); đã ghi «xã», hãy "
                                       "kiểm tra «commune»")
            else:
                commune = {"name": "Chưa rõ", "type": "xã"}
                self.r.warnings.append("không thấy tên cơ quan ban hành; hãy ghi «commune»")
        p["commune"] = commune
        if place and fold(place) != fold(commune["name"]):
            p["place"] = place
        default_issuer = ["ỦY BAN NHÂN DÂN", f"{commune['type']} {commune['name']}".upper()]
        plain_issuer = [x for x in issuer]
        if plain_issuer and [fold(x) for x in plain_issuer] != [fold(x) for x in default_issuer]:
            if len(plain_issuer) > 2:
                p["issuer"] = {"parent": plain_issuer[0], "lines": plain_issuer[1:]}
            else:
                p["issuer"] = {"lines": plain_issuer}
        # dates: the first is the plan's (or the decision's, which a plan attached to it shares)
        if dates:
            m, x, t = dates[0]
            date = {"year": int(m.group("year"))}
            if m.group("month"):
                date["month"] = int(m.group("month"))
                if m.group("day"):
                    date["day"] = int(m.group("day"))
            p["date"] = date
            self.r.sources[("date",)] = x.origin
            self.r.verbatim.append((("date",), t))
        else:
            years = re.findall(r"\b(20\d\d)\b", p.get("subject", ""))
            import datetime as _dt
            p["date"] = {"year": int(years[-1]) if years else _dt.date.today().year}
            self.r.warnings.append("không thấy dòng địa danh, ngày tháng; năm lấy theo trích yếu, hãy kiểm tra «date»")
        for number, symbol, x, t in self.head.get("numbers", []):
            if symbol.upper().startswith("QĐ") and p.get("decision") is not None:
                p["decision"]["number"] = number
                self.r.sources[("decision", "number")] = x.origin
            else:
                p["number"] = number
                self.r.sources[("number",)] = x.origin
            self.r.verbatim.append((("number",), t))
        if p.get("decision"):
            self._decision_defaults(p)
            for path, line in self.r.verbatim:
                m = re.search(r"Quyết định số\s*:?\s*(\d+)\s*/\s*QĐ", line)
                if path == ("subject",) and m and not p["decision"].get("number"):
                    p["decision"]["number"] = m.group(1)
        sections = p.setdefault("sections", [])
        if self.leading_free:
            sections.insert(0, _free_node(self.leading_free))
        tail = [x for x in self.trailing_free if x.text]
        if tail:
            k = len([s for s in sections if s.get("body", True)])
            sections.insert(k, _free_node(tail))
        for i, node in enumerate(sections):
            self._collect(node, ("sections", i))
        for path, x in self.r.free:
            self.r.warnings.append(f"{x.where}: «{x.text[:70]}» không nhận ra, giữ nguyên thành đoạn tự do")
        p["units"] = [{"id": uid, "name": name} for uid, name in self.r.units.items()]

    def _collect(self, node: dict, path: tuple) -> None:
        """Move the origins the builders left in the nodes (``_src``...) to ``sources``, by final path."""
        src = node.pop("_src", None)
        if src is not None:
            self.r.sources[path] = src
        for k, origin in enumerate(node.pop("_isrc", [])):
            if origin is not None:
                self.r.sources[path + ("items", k)] = origin
        for k, line in enumerate(node.pop("_free", [])):
            self.r.free.append((path + ("items", k), line))
        rsrc = node.pop("_rsrc", None)
        if rsrc is not None:
            self.r.sources[path + ("responsible",)] = rsrc
        for k, task in enumerate(node.get("tasks", [])):
            t = task.pop("_src", None)
            if t is not None:
                self.r.sources[path + ("tasks", k)] = t
            for key in ("lead", "support"):
                names = task.pop(f"_{key}", None)
                if names:
                    task[key] = [unit_id(n, self.r.units, self._catalogue()) for n in names]
        for k, item in enumerate(node.get("items", [])):
            if isinstance(item, dict):
                self._collect(item, path + ("items", k))
        if node.get("items") == []:
            del node["items"]

    def _catalogue(self) -> dict[str, str]:
        """The commune's own units (folded name → id), so that «Văn phòng HĐND&UBND xã» is ``vp``."""
        if not hasattr(self, "_known"):
            self._known = {}
            commune = self.r.plain.get("commune") or {}
            if commune.get("type") in ("xã", "phường", "đặc khu"):
                from ..presets import unit_catalogue
                full = f"{commune['type']} {commune['name']}"
                for u in unit_catalogue(commune["type"]):
                    name = u["name"].replace("{{ loai }}", commune["type"]).replace("{{ xa }}", full)
                    name = name.replace("{{ ten }}", commune["name"])
                    key = re.sub(r"\s+(xa|phuong|dac khu)$", "", re.sub(r"\s*&\s*", " va ", fold(name))).strip()
                    self._known[key] = u["id"]
        return self._known

    def _decision_defaults(self, p: dict) -> None:
        d = p["decision"]
        if d.get("subject") and fold(d["subject"]) == fold(f"Ban hành Kế hoạch {lower_first(p['subject'])}"):
            del d["subject"]
        full = f"{p['commune']['type']} {p['commune']['name']}"
        if d.get("author") and fold(d["author"]) == fold(f"Chủ tịch Ủy ban nhân dân {full}"):
            del d["author"]
        if "signer" in d and "signer" not in p:
            p["signer"] = d["signer"]


def _named_commune(text: str) -> dict | None:
    """«... trên địa bàn xã Lộc Hòa năm 2025» → {"name": "Lộc Hòa", "type": "xã"} (capitalised words after the level)."""
    for m in re.finditer(r"\b(xã|phường|đặc khu|tỉnh|thành phố)\s+", text):
        words = []
        for w in text[m.end():].split():
            if not w[:1].isupper():
                break
            words.append(w.strip(",.;:()"))
            if len(words) == 4 or w[-1:] in ",.;:)":
                break
        if words:
            return {"name": " ".join(words), "type": m.group(1)}
    return None


def _free_node(lines: list[Line]) -> dict:
    return {"items": [x.text for x in lines], "_isrc": [x.origin for x in lines], "_free": list(lines)}


def recognise(doc: ReadDocument) -> Recognised:
    """The draft's fields as plain data (not yet validated), with sources and warnings."""
    rec = _Recogniser(document_items(doc), doc.name)
    return rec.run()
