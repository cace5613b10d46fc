"""Commune lists: CSV and XLSX, Vietnamese headers, row and column in every complaint."""
from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from drafter.communes import load_communes, shipped_lists, slug
from drafter.errors import DrafterError

ROOT = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, text: str, name: str = "ds.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_headers_with_or_without_diacritics_and_overrides(tmp_path):
    path = write(tmp_path, "STT,Tên,Loại,Tỉnh,Mã số,Người ký,chuc vu,Thẩm quyền ký,Số,Ngày,Nơi nhận,Đổi tên\n"
                           "1,An Lạc,Xã,Bắc Ninh,7627,Nguyễn Văn A,Phó Chủ tịch,KT,12,05/6/2026,"
                           "Đảng ủy xã; Công an xã,ttcu = Trung tâm Dịch vụ tổng hợp\n")
    rows = load_communes(path).rows
    assert len(rows) == 1 and rows[0].ok, rows[0].problems
    r = rows[0]
    assert (r.commune.name, r.commune.type, r.commune.province, r.commune.code) == ("An Lạc", "xã", "Bắc Ninh", "07627")
    assert r.overrides == {
        "signer_name": "Nguyễn Văn A", "signer_title": "Phó Chủ tịch", "signer_authority": "KT.",
        "number": "12", "date": "05/6/2026", "extra_recipients": ["Đảng ủy xã", "Công an xã"],
        "unit_renames": {"ttcu": "Trung tâm Dịch vụ tổng hợp"}}
    ascii_ = write(tmp_path, "ten;loai;tinh;ma_so;nguoi_ky\nVõ Cường;phuong;Bắc Ninh;;Trần B\n", "b.csv")
    r = load_communes(ascii_).rows[0]
    assert r.ok and r.commune.type == "phường" and r.overrides == {"signer_name": "Trần B"}


def test_xlsx_with_a_title_row_numbers_and_dates(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH XÃ, PHƯỜNG THỰC HIỆN KẾ HOẠCH"])
    ws.append([])
    ws.append(["TT", "Tên xã, phường", "Loại", "Mã số", "Ngày ban hành", "Số"])
    ws.append([1, "An Lạc", "xã", 7627, dt.datetime(2026, 6, 5), 9])
    ws.append([2, "Côn Đảo", "Đặc khu", None, None, None])
    ws.append([3, "Sai", "thị trấn", None, None, None])
    path = tmp_path / "ds.xlsx"
    wb.save(path)
    clist = load_communes(path)
    good, bad = clist.good, clist.bad
    assert [r.commune.name for r in good] == ["An Lạc", "Côn Đảo"]
    assert good[0].commune.code == "07627" and good[0].overrides == {"date": "2026-06-05", "number": "9"}
    assert good[1].commune.type == "đặc khu"
    assert len(bad) == 1 and bad[0].line == 6
    assert "dòng 6, cột C («loại»)" in bad[0].problems[0] and "thị trấn" in bad[0].problems[0]


def test_unknown_column_stops_the_list_naming_row_and_column(tmp_path):
    path = write(tmp_path, "ten,loai,nguoi ki\nAn Lạc,xã,A\n")
    with pytest.raises(DrafterError) as err:
        load_communes(path)
    msg = str(err.value)
    assert "dòng 1, cột C («nguoi ki»)" in msg and "không rõ cột" in msg


def test_missing_type_column_and_missing_file(tmp_path):
    with pytest.raises(DrafterError, match="thiếu cột «loại»"):
        load_communes(write(tmp_path, "ten\nAn Lạc\n"))
    with pytest.raises(DrafterError, match="không có tệp"):
        load_communes(str(tmp_path / "khong-co.csv"))
    with pytest.raises(DrafterError, match="danh sách có sẵn"):
        load_communes("khong-co-danh-sach")


def test_bad_rows_are_named_and_the_others_kept(tmp_path):
    path = write(tmp_path, "ten,loai,ngay,tham_quyen\n"
                           "An Lạc,xã,,\n"
                           "Bình Giang,thị trấn,,\n"
                           ",xã,,\n"
                           "An Lạc,xã,,\n"
                           "Võ Cường,phường,31/2/2026,\n"
                           "Đông Hòa,xã,2026-13,\n"
                           "Phúc Lộc,xã,,XYZ\n"
                           "Tân An,xã,2026-06,TM\n")
    clist = load_communes(path)
    assert [r.commune.name for r in clist.good] == ["An Lạc", "Tân An"]
    problems = {r.line: " ".join(r.problems) for r in clist.bad}
    assert "loại «thị trấn» không hợp lệ" in problems[3] and "cột B" in problems[3]
    assert "thiếu tên" in problems[4] and "cột A" in problems[4]
    assert "trùng với dòng 2" in problems[5]
    assert "ngày 31/2/2026 không có trong lịch" in problems[6] \
        and "cột C («ngày»)" in problems[6]
    assert "cột C («ngày»)" in problems[7]
    assert "thẩm quyền ký «XYZ»" in problems[8]
    assert clist.good[1].overrides == {"date": "2026-06", "signer_authority": "TM."}


def test_names_repeat_across_provinces_folders_stay_unique():
    clist = load_communes("ca-nuoc")
    assert len(clist.rows) == 3321 and not clist.bad
    folders = [r.output for r in clist.rows]
    assert len(set(folders)) == len(folders)
    bg = sorted(r.output for r in clist.rows if r.commune.name == "Bình Giang")
    assert bg == ["binh-giang-an-giang", "binh-giang-hai-phong", "binh-giang-ninh-binh"]
    # different names with the same slug in one province: the code tells them apart
    vl = {r.commune.name: r.output for r in clist.rows if slug(r.commune.name) == "van-lang"
          and r.commune.province == "Thái Nguyên"}
    assert vl == {"Văn Lăng": "van-lang-05665", "Văn Lang": "van-lang-02143"}
    # a unique name keeps its plain slug
    assert next(r.output for r in clist.rows if r.commune.name == "Hoàn Kiếm") == "hoan-kiem"


def test_shipped_province_lists_and_province_filter():
    assert {"ca-nuoc", "bac-ninh", "an-giang", "hai-phong"} <= set(shipped_lists())
    bn = load_communes("bac-ninh")
    assert len(bn.good) == 99 and {r.commune.province for r in bn.good} == {"Bắc Ninh"}
    assert all(r.commune.code for r in bn.good)  # filled from the country list
    assert len(load_communes("an-giang").good) == 102
    hp = load_communes(province="Hải Phòng")
    assert len(hp.good) == 114 and hp.good[0].commune.province == "Thành phố Hải Phòng"
    assert len(load_communes(province="bac ninh", limit=5).rows) == 5
    with pytest.raises(DrafterError, match="không có tỉnh, thành phố «Hà Tây»"):
        load_communes(province="Hà Tây")


def test_lists_ship_with_the_package():
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    dirs = conf["tool"]["setuptools"]["package-dir"]
    data = conf["tool"]["setuptools"]["package-data"]
    pkg = next(k for k, v in dirs.items() if v == "presets")
    assert "*/*.csv" in data[pkg]
    for name in ("ca-nuoc", "bac-ninh", "an-giang", "hai-phong"):
        assert (ROOT / "presets" / "communes" / f"{name}.csv").is_file()


def test_decision_number_and_place_columns_reach_the_draft(tmp_path):
    from drafter.batch import PresetMaker
    from drafter.context import build_context

    path = write(tmp_path, "Tên,Loại,Tỉnh,Số quyết định,Địa danh\nCát Hải,đặc khu,Hải Phòng,9,Cát Hải - Hải Phòng\n")
    row = load_communes(path).rows[0]
    assert row.ok, row.problems
    assert row.overrides == {"decision_number": "9", "place": "Cát Hải - Hải Phòng"}
    context = build_context(PresetMaker("hai-phong-cchc-2026")(row.commune, row.overrides))
    assert context["decision"]["hdr"]["number"] == "Số: 09/QĐ-UBND"
    assert context["plan"]["hdr"]["place_date"] == "" and "Cát Hải - Hải Phòng, ngày" in \
        context["decision"]["hdr"]["place_date"]
