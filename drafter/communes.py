"""Commune lists (CSV or XLSX, as provinces keep them) → validated rows for a batch.

A list has one commune per row: name and type (xã, phường, đặc khu) are required;
province and statistics-office code are optional; further columns override the preset
for that commune (signer, number, date, extra recipients, unit renames). Header names
are accepted in Vietnamese with or without diacritics ("Tên", "ten", "TEN_XA" ...).

A bad header stops the whole list (exit code 2: the user must fix the file); a bad
value only marks its row as failed, named by row and column, and the other rows go on.
"""
from __future__ import annotations

import csv
import datetime as _dt
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from .errors import DrafterError, Problem, validation_message
from .model import Commune, PartialDate, Signer
from .resources import presets_dir
from .text import clean, commune_type, fold, slug
from .xlsxguard import Bounds, open_workbook, sheet_rows

# A commune list: the country has about 3,300 communes; a list larger than this is a mistake.
LIST_BOUNDS = Bounds(kind="danh sách xã, phường", file=20 * 1024 * 1024, unpacked=60 * 1024 * 1024,
                     rows=50_000, cols=100, sheets=200)

# ---------------------------------------------------------------- names and slugs


_PROVINCE_PREFIX = re.compile(r"^(thanh-pho-|tp-|tinh-)")


def province_slug(name: str) -> str:
    """«Thành phố Hải Phòng», «TP. Hải Phòng» and «Hải Phòng» are the same province."""
    return _PROVINCE_PREFIX.sub("", slug(name))


# ---------------------------------------------------------------- columns

# Field → accepted header spellings, compared after fold() and squeezing separators to "_".
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("ten", "ten_xa", "ten_xa_phuong", "ten_don_vi", "ten_dvhc", "don_vi", "xa_phuong", "name"),
    "type": ("loai", "loai_don_vi", "loai_hinh", "cap", "type"),
    "province": ("tinh", "tinh_thanh", "tinh_thanh_pho", "tinh_tp", "thuoc_tinh", "province"),
    "code": ("ma_so", "ma", "ma_xa", "ma_dvhc", "ma_don_vi", "ma_thong_ke", "code"),
    "signer_name": ("nguoi_ky", "ho_ten_nguoi_ky", "ten_nguoi_ky", "signer", "signer_name"),
    "signer_title": ("chuc_vu", "chuc_vu_nguoi_ky", "chuc_danh", "chuc_danh_nguoi_ky", "signer_title"),
    "signer_authority": ("tham_quyen", "tham_quyen_ky", "hinh_thuc_ky", "ky_thay", "signer_authority", "authority"),
    "number": ("so", "so_van_ban", "so_ke_hoach", "so_kh", "number"),
    "decision_number": ("so_quyet_dinh", "so_qd", "decision_number"),
    "place": ("dia_danh", "noi_ban_hanh", "place"),
    "date": ("ngay", "ngay_ban_hanh", "ngay_ky", "date"),
    "extra_recipients": ("noi_nhan", "noi_nhan_them", "noi_nhan_bo_sung", "extra_recipients", "recipients"),
    "unit_renames": ("doi_ten", "doi_ten_don_vi", "ten_don_vi_rieng", "unit_renames"),
}
IGNORED = ("stt", "tt", "so_tt", "ghi_chu", "note", "notes")
LABELS = {  # how each field is named back to the user
    "name": "tên", "type": "loại", "province": "tỉnh", "code": "mã số", "signer_name": "người ký",
    "signer_title": "chức vụ", "signer_authority": "thẩm quyền ký", "number": "số",
    "decision_number": "số quyết định", "place": "địa danh", "date": "ngày",
    "extra_recipients": "nơi nhận", "unit_renames": "đổi tên",
}
_ALIASES = {alias: key for key, aliases in COLUMNS.items() for alias in aliases}

AUTHORITIES = {"tm": "TM.", "kt": "KT.", "q": "Q.", "tl": "TL.", "tuq": "TUQ.", "": ""}


def header_key(text) -> str:
    return re.sub(r"[^a-z0-9]+", "_", fold(clean(str(text or "")).strip())).strip("_")


def column_letter(index: int) -> str:
    """0 → A, 26 → AA: as a spreadsheet shows it."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


# ---------------------------------------------------------------- rows


@dataclass
class Row:
    """One commune of the list: its place in the file, the commune, and its overrides."""

    line: int  # row number in the file (1-based, as a spreadsheet shows it)
    values: dict[str, str]  # raw text by field
    commune: Commune | None = None
    overrides: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    output: str = ""  # folder name in the output directory

    @property
    def ok(self) -> bool:
        return self.commune is not None and not self.problems

    @property
    def label(self) -> str:
        return self.values.get("name", "") or "(không tên)"


@dataclass
class CommuneList:
    source: str
    rows: list[Row]
    columns: list[str]  # fields present

    @property
    def good(self) -> list[Row]:
        return [r for r in self.rows if r.ok]

    @property
    def bad(self) -> list[Row]:
        return [r for r in self.rows if not r.ok]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return clean(str(value)).strip()


def _split_list(text: str) -> list[str]:
    return [p.strip().removeprefix("- ").strip() for p in re.split(r"[;\n]", text) if p.strip()]


def _parse_row(row: Row, where) -> None:
    """Validate one row's values into a Commune and overrides; problems name the column."""
    v = row.values

    def bad(key: str, message: str) -> None:
        row.problems.append(f"{where(key)}: {message}")

    name = v.get("name", "")
    if not name:
        bad("name", "thiếu tên xã, phường")
    kind = commune_type(v.get("type", ""))
    if not v.get("type"):
        bad("type", "thiếu loại; hãy ghi «xã», «phường» hoặc «đặc khu»")
    elif kind is None:
        bad("type", f"loại «{v['type']}» không hợp lệ; hãy ghi «xã», «phường» hoặc «đặc khu»")
    code = v.get("code", "")
    if code:
        if not code.isdigit() or len(code) > 5:
            bad("code", f"mã số «{code}» không hợp lệ; mã của Cục Thống kê gồm 5 chữ số, ví dụ 00070")
        else:
            code = code.zfill(5)
    ov: dict = {}
    if v.get("signer_name"):
        ov["signer_name"] = v["signer_name"]
    if v.get("signer_title"):
        ov["signer_title"] = v["signer_title"]
    if "signer_authority" in v and v["signer_authority"] != "":
        auth = AUTHORITIES.get(fold(v["signer_authority"]).strip().rstrip("."))
        if auth is None:
            bad("signer_authority", f"thẩm quyền ký «{v['signer_authority']}» không hợp lệ; "
                                    "hãy ghi TM., KT., Q., TL. hoặc TUQ.")
        else:
            ov["signer_authority"] = auth
    for key in ("number", "decision_number", "place"):
        if v.get(key):
            ov[key] = v[key]
    if v.get("date"):
        try:
            PartialDate.model_validate(v["date"])
            ov["date"] = v["date"]
        except ValidationError as exc:
            bad("date", validation_message(exc.errors()[0]))
    if v.get("extra_recipients"):
        ov["extra_recipients"] = _split_list(v["extra_recipients"])
    if v.get("unit_renames"):
        renames = {}
        for part in _split_list(v["unit_renames"]):
            m = re.match(r"^([a-z0-9][a-z0-9-]*)\s*[=:]\s*(.+)$", part)
            if not m:
                bad("unit_renames", f"«{part}» không đúng dạng; hãy ghi «mã-đơn-vị = Tên mới», "
                                    "nhiều đơn vị cách nhau bằng dấu «;»")
                continue
            renames[m.group(1)] = m.group(2).strip()
        if renames:
            ov["unit_renames"] = renames
    if row.problems:
        return
    try:
        row.commune = Commune(name=name, type=kind, province=v.get("province") or None, code=code or None)
    except ValidationError as exc:
        row.problems.append(validation_message(exc.errors()[0]))
        return
    # Fail early on a signer the model would refuse, rather than deep inside a worker.
    try:
        Signer(name=ov.get("signer_name", ""), title=ov.get("signer_title", "CHỦ TỊCH"))
    except ValidationError as exc:
        row.problems.append(f"người ký không hợp lệ: {validation_message(exc.errors()[0])}")
    row.overrides = ov


# ---------------------------------------------------------------- reading files


def _read_table(path: Path) -> list[tuple[int, list]]:
    """(row number, cells) of the first sheet or the CSV file."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        with open_workbook(path, LIST_BOUNDS) as wb:
            if not wb.worksheets:
                raise DrafterError([Problem("tệp Excel không có trang tính nào", str(path))])
            rows = sheet_rows(wb.worksheets[0], path, LIST_BOUNDS)
            return [(i, list(r)) for i, r in rows if any(v is not None for v in r)]
    if suffix == ".xls":
        raise DrafterError([Problem("tệp .xls (Excel cũ) chưa được hỗ trợ; hãy mở bằng Excel hoặc LibreOffice "
                                    "rồi lưu thành .xlsx hoặc .csv (UTF-8)", str(path))])
    size = path.stat().st_size
    if size > LIST_BOUNDS.file:
        raise DrafterError([Problem(f"tệp quá lớn ({size // (1024 * 1024)} MB, tối đa "
                                    f"{LIST_BOUNDS.file // (1024 * 1024)} MB) cho một danh sách xã, phường; "
                                    "hãy kiểm tra đúng tệp chưa", str(path))])
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DrafterError([Problem("tệp CSV không ở mã UTF-8; hãy lưu lại bằng «CSV UTF-8» "
                                    "(Excel: Lưu thành → CSV UTF-8)", str(path))]) from None
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count) if first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table = []
    try:
        for r in reader:
            table.append((reader.line_num, r))
            if len(table) > LIST_BOUNDS.rows:
                raise DrafterError([Problem(f"danh sách có hơn {LIST_BOUNDS.rows} dòng; hãy chia thành "
                                            "nhiều tệp", str(path))])
    except csv.Error as exc:  # a cell longer than csv allows, a NUL byte
        why = "ô quá dài" if "field larger" in str(exc) else f"sai định dạng CSV: {exc}"
        raise DrafterError([Problem(f"dòng {reader.line_num}: không đọc được ({why}); hãy mở bằng Excel "
                                    "và lưu lại «CSV UTF-8»", str(path))]) from None
    return table


def _find_header(table: list[tuple[int, list]], source: str) -> int:
    """The first of the top rows that names the «tên» column: title rows above are skipped."""
    for i, (_, cells) in enumerate(table[:15]):
        if any(_ALIASES.get(header_key(c)) == "name" for c in cells):
            return i
    raise DrafterError([Problem(
        "không tìm thấy dòng tiêu đề có cột «tên»; dòng đầu của danh sách cần các cột "
        "«tên», «loại» (xã/phường/đặc khu), có thể thêm «tỉnh», «mã số», «người ký» ...", source)])


def parse_table(table: list[tuple[int, list]], source: str) -> CommuneList:
    h = _find_header(table, source)
    header_line, header = table[h]
    fields: dict[int, str] = {}
    problems = []
    seen: dict[str, int] = {}
    known = ", ".join(f"«{LABELS[k]}»" for k in COLUMNS)
    for col, cell in enumerate(header):
        key = header_key(cell)
        if not key or key in IGNORED:
            continue
        name = _ALIASES.get(key)
        where = f"dòng {header_line}, cột {column_letter(col)} («{_text(cell)}»)"
        if name is None:
            problems.append(Problem(f"{where}: không rõ cột này; các cột được nhận: {known}, "
                                    "hoặc «STT», «ghi chú» (bỏ qua)", source))
        elif name in seen:
            problems.append(Problem(f"{where}: cột «{LABELS[name]}» đã có ở cột {column_letter(seen[name])}", source))
        else:
            fields[col], seen[name] = name, col
    for required in ("type",):
        if required not in seen and not problems:
            problems.append(Problem(f"dòng {header_line}: thiếu cột «{LABELS[required]}» "
                                    "(xã, phường hoặc đặc khu)", source))
    if problems:
        raise DrafterError(problems)

    rows: list[Row] = []
    for line, cells in table[h + 1:]:
        values = {fields[c]: _text(cells[c]) for c in fields if c < len(cells)}
        if not any(values.values()):
            continue  # blank lines are not communes
        row = Row(line=line, values=values)

        def where(key, line=line):
            return f"dòng {line}, cột {column_letter(seen[key])} («{LABELS[key]}»)" if key in seen \
                else f"dòng {line}"
        _parse_row(row, where)
        rows.append(row)
    _mark_duplicates(rows, seen)
    return CommuneList(source, rows, list(seen))


def _mark_duplicates(rows: list[Row], seen: dict[str, int]) -> None:
    """The same commune twice (same name and type in the same province, or the same code)."""
    first: dict[tuple, Row] = {}
    codes: dict[str, Row] = {}
    col = f", cột {column_letter(seen['name'])} («tên»)"
    for row in rows:
        if not row.ok:
            continue
        c = row.commune
        key = (" ".join(c.name.casefold().split()), c.type, province_slug(c.province or ""))
        other = first.get(key) or (codes.get(c.code) if c.code else None)
        if other is not None:
            where = f" thuộc {c.province}" if c.province else ""
            row.problems.append(f"dòng {row.line}{col}: trùng với dòng {other.line} "
                                f"({c.full}{where}); hãy xóa một dòng, hoặc ghi «tỉnh» hay «mã số» để phân biệt")
            continue
        first[key] = row
        if c.code:
            codes[c.code] = row


# ---------------------------------------------------------------- shipped lists


def communes_dir() -> Path:
    return presets_dir() / "communes"


def shipped_lists() -> dict[str, Path]:
    """«bac-ninh» → presets/communes/bac-ninh.csv"""
    return {p.stem: p for p in sorted(communes_dir().glob("*.csv"))}


COUNTRY = "ca-nuoc"


@cache
def _country_table() -> CommuneList:
    path = shipped_lists()[COUNTRY]
    return parse_table(_read_table(path), str(path))


def provinces() -> list[str]:
    out: list[str] = []
    for row in _country_table().rows:
        if row.commune and row.commune.province not in out:
            out.append(row.commune.province)
    return out


def find_province(name: str) -> str:
    want = province_slug(name)
    for p in provinces():
        if province_slug(p) == want:
            return p
    raise DrafterError([Problem(
        f"không có tỉnh, thành phố «{name}» trong danh sách cả nước; hãy ghi một trong: "
        + ", ".join(sorted(provinces(), key=province_slug)))])


def _fill_from_country(clist: CommuneList, province: str) -> None:
    """A shipped province list has only name and type: add its province and codes."""
    index = {(slug(r.commune.name), r.commune.type): r.commune for r in _country_table().rows
             if r.commune and r.commune.province == province}
    for row in clist.rows:
        if row.ok and not row.commune.province:
            known = index.get((slug(row.commune.name), row.commune.type))
            row.commune = row.commune.model_copy(update={
                "province": province, "code": row.commune.code or (known.code if known else None)})


def resolve_source(spec: str) -> Path:
    """A file path, or the name of a shipped list (bac-ninh, ca-nuoc, ...)."""
    path = Path(spec)
    if path.is_file():
        return path
    lists = shipped_lists()
    if slug(spec) in lists and not path.suffix:
        return lists[slug(spec)]
    if path.suffix or "/" in spec or "\\" in spec:
        raise DrafterError([Problem("không có tệp danh sách này; hãy kiểm tra đường dẫn", spec)])
    raise DrafterError([Problem(
        f"«{spec}» không phải tệp, cũng không phải danh sách có sẵn; các danh sách có sẵn: "
        + ", ".join(lists), spec)])


def load_communes(spec: str | Path | None = None, province: str | None = None,
                  limit: int | None = None) -> CommuneList:
    """Read a list (file or shipped name), optionally filter one province, and name the outputs.

    With only ``province``, the country list is filtered.
    """
    if spec is None and province is None:
        raise DrafterError("cần danh sách xã, phường: dùng --communes TỆP (CSV, XLSX hoặc tên danh sách "
                           "có sẵn như «bac-ninh») hoặc --province «Tên tỉnh»")
    path = resolve_source(str(spec)) if spec is not None else shipped_lists()[COUNTRY]
    clist = parse_table(_read_table(path), str(spec if spec is not None else COUNTRY))
    if path.parent == communes_dir() and path.stem != COUNTRY:
        # a shipped province list: its file name is its province
        _fill_from_country(clist, find_province(path.stem.replace("-", " ")))
    if province is not None:
        wanted = find_province(province)
        has = [r for r in clist.rows if r.commune and r.commune.province]
        if not has and clist.rows:
            raise DrafterError([Problem("danh sách không có cột «tỉnh» nên không lọc được theo --province; "
                                        "bỏ --province hoặc thêm cột «tỉnh»", str(spec))])
        pslug = province_slug(wanted)
        clist.rows = [r for r in clist.rows
                      if not r.commune or province_slug(r.commune.province or "") == pslug]
    if limit is not None:
        clist.rows = clist.rows[:limit]
    assign_outputs(clist.rows)
    return clist


# Names Windows keeps for devices: a folder «con» or «nul» cannot be opened there.
WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
MAX_FOLDER = 60  # characters: deep enough paths stay under Windows' 260


def _base_name(row: Row) -> str:
    base = slug(row.commune.name)[:MAX_FOLDER].strip("-") or f"dong-{row.line}"
    return f"{base}-{slug(row.commune.type)}" if base in WINDOWS_RESERVED else base


def assign_outputs(rows: list[Row]) -> None:
    """Unique, predictable folder names: the name's slug, plus province or code when needed.

    Unique by construction: a name one commune wants first is never given to another, and a
    suffixed name is checked against every name taken or wanted; the same list gives the same
    names on every run. Names are valid folders on Windows. Only valid rows get a name, so a bad
    row never changes the name of a good one.
    """
    groups: dict[str, list[Row]] = {}
    for row in rows:
        row.output = ""
        if row.ok:
            groups.setdefault(_base_name(row), []).append(row)
    want: dict[int, str] = {}
    for base, members in groups.items():
        if len(members) == 1:
            want[id(members[0])] = base
            continue
        provinces_seen: dict[str, int] = {}
        for r in members:
            p = province_slug(r.commune.province or "")
            provinces_seen[p] = provinces_seen.get(p, 0) + 1
        for r in members:
            p = province_slug(r.commune.province or "")
            if p and provinces_seen[p] == 1:
                want[id(r)] = f"{base}-{p}"
            elif r.commune.code:
                want[id(r)] = f"{base}-{r.commune.code}"
            else:
                want[id(r)] = f"{base}-dong-{r.line}"
    good = [r for r in rows if r.ok]
    wanted = [want[id(r)] for r in good]
    first_choice = set(wanted)
    counts = Counter(wanted)
    taken: set[str] = set()
    for row, name in zip(good, wanted):  # a name wanted once is its row's
        if counts[name] == 1:
            row.output = name
            taken.add(name)
    for row, name in zip(good, wanted):  # the rest: the first keeps it, others get a free suffix
        if row.output:
            continue
        candidate, k = name, 1
        while candidate in taken or (candidate != name and candidate in first_choice):
            k += 1
            candidate = f"{name}-dong-{row.line}" if k == 2 else f"{name}-dong-{row.line}-{k - 1}"
        row.output = candidate
        taken.add(candidate)
