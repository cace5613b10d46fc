"""Batch: one preset, many communes; isolation, honest re-runs, one LibreOffice, same documents."""
from __future__ import annotations

import csv
import io
import os
import re
import stat
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from drafter import batch as B
from drafter import yamlio
from drafter.cli import main
from drafter.communes import load_communes
from drafter.context import build_context
from drafter.derive import derive_model
from drafter.docxpkg import LEVEL, read_parts, write_parts
from drafter.draftfile import draft_document
from drafter.loader import load_draft, validate
from drafter.pdf import find_soffice
from drafter.presets import find_preset, load_preset
from drafter.render import render_context, render_plain
from ooxml import Package, q

FIXTURES = Path(__file__).parent / "fixtures"
PRESET = str(FIXTURES / "batch" / "preset.yaml")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A4 = {(11906, 16838), (16838, 11906)}


def shipped_or_fixture() -> str:
    try:
        find_preset("bac-ninh-cchc-2026")
        return "bac-ninh-cchc-2026"
    except Exception:  # noqa: BLE001
        return PRESET


def paragraphs(data: bytes) -> list[str]:
    root = etree.fromstring(read_parts(data)["word/document.xml"])
    out = []
    for p in root.iter(W + "p"):
        out.append("".join((el.text or "") if el.tag == W + "t" else "\t" if el.tag == W + "tab" else "\n"
                           for el in p.iter(W + "t", W + "tab", W + "br")))
    return out


def layout(data: bytes) -> tuple[list, list]:
    """Paragraph styles in order, and every section's properties (canonical XML)."""
    root = etree.fromstring(read_parts(data)["word/document.xml"])
    styles = []
    for p in root.iter(W + "p"):
        ps = p.find(f"{W}pPr/{W}pStyle")
        styles.append(ps.get(W + "val") if ps is not None else None)
    sects = [etree.tostring(s, method="c14n") for s in root.iter(W + "sectPr")]
    return styles, sects


def run_cli(*args) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def read_summary(out: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO((out / "summary.csv").read_text("utf-8-sig"))))


def check_package(path: Path, commune, others: set[str]) -> None:
    data = path.read_bytes()
    pkg = Package(data)
    text = "\n".join(paragraphs(data))
    assert commune.full in text or commune.full.upper() in text.upper()
    for sec in pkg.sections:
        assert tuple(sec.size) in A4
    fonts = {f.get(q("ascii")) for f in pkg.styles_root.iter(q("rFonts")) if f.get(q("ascii"))}
    assert fonts == {"Times New Roman"}
    found = [o for o in others if re.search(rf"(?<!\w){re.escape(o)}(?!\w)", text, re.IGNORECASE)]
    assert not found, f"{path}: names of other communes {found}"


# ---------------------------------------------------------------- a whole province


def test_whole_province_every_commune_its_own_package(tmp_path):
    preset = shipped_or_fixture()
    out = tmp_path / "out"
    code, output = run_cli("batch", "--preset", preset, "--communes", "bac-ninh", "-o", str(out), "-j", "2")
    assert code == 0, output
    assert "Tạo mới" in output and "99" in output
    clist = load_communes("bac-ninh")
    fulls = {r.commune.full for r in clist.good}
    summary = read_summary(out)
    assert len(summary) == 99 and {s["trang_thai"] for s in summary} == {B.CREATED}
    for row in clist.good:
        check_package(out / row.output / "ke-hoach.docx", row.commune, fulls - {row.commune.full})
    assert not [p for p in out.rglob("*.tmp")]
    mode = stat.S_IMODE((out / clist.good[0].output / "ke-hoach.docx").stat().st_mode)
    assert mode & 0o044, "documents must be readable like any new file, not 0600"


# ---------------------------------------------------------------- bad rows


BAD_LIST = ("ten,loai,tinh,ngay\n"
            "An Lạc,xã,Bắc Ninh,\n"
            "Bình Giang,thị trấn,Hải Phòng,\n"
            ",xã,,\n"
            "An Lạc,xã,Bắc Ninh,\n"
            "Võ Cường,phường,Bắc Ninh,31/2/2026\n"
            "Bình Giang,xã,Hải Phòng,05/6/2026\n"
            "Bình Giang,xã,Ninh Bình,\n")


def test_bad_rows_reported_good_rows_made_exit_1(tmp_path):
    src = tmp_path / "ds.csv"
    src.write_text(BAD_LIST, encoding="utf-8")
    out = tmp_path / "out"
    code, output = run_cli("batch", "--preset", PRESET, "--communes", str(src), "-o", str(out), "-j", "1")
    assert code == 1, output
    summary = {int(s["dong"]): s for s in read_summary(out)}
    assert {n for n, s in summary.items() if s["trang_thai"] == B.CREATED} == {2, 7, 8}
    assert "thị trấn" in summary[3]["loi"]
    assert "thiếu tên" in summary[4]["loi"]
    assert "trùng với dòng 2" in summary[5]["loi"]
    assert "31/2/2026" in summary[6]["loi"]
    for n in (3, 4, 5, 6):
        assert summary[n]["trang_thai"] == B.FAILED and f"dòng {n}" in output
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == [
        "an-lac", "binh-giang-hai-phong", "binh-giang-ninh-binh"]
    assert "Lỗi" in output and "4" in output


def _boom_maker(commune, overrides):
    if commune.name == "Sơn Động":
        raise RuntimeError("hỏng")
    return B.PresetMaker(PRESET)(commune, overrides)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failing_row_never_stops_the_others(tmp_path, workers):
    clist = load_communes("bac-ninh", limit=6)
    report = B.run_batch(clist, _boom_maker, tmp_path, workers=workers)
    assert [r.name for r in report.failed] == ["Sơn Động"]
    assert "lỗi không mong đợi" in report.failed[0].error
    assert report.exit_code == 1 and len(report.results) == 6
    assert not (tmp_path / "son-dong").exists()


def test_bad_arguments_exit_2_in_vietnamese(tmp_path):
    code, output = run_cli("batch", "--preset", "khong-co-preset", "--communes", "bac-ninh", "-o", str(tmp_path))
    assert code == 2 and "không có preset" in output
    code, output = run_cli("batch", "--preset", PRESET, "--communes", "khong-co", "-o", str(tmp_path))
    assert code == 2 and "danh sách có sẵn" in output
    bad = tmp_path / "bad.csv"
    bad.write_text("ten,loai,cot la\nAn Lạc,xã,1\n", encoding="utf-8")
    code, output = run_cli("batch", "--preset", PRESET, "--communes", str(bad), "-o", str(tmp_path / "o"))
    assert code == 2 and "cột C («cot la»)" in output
    code, output = run_cli("batch", "--preset", PRESET, "--communes", "bac-ninh", "-o", str(tmp_path), "-j", "0")
    assert code == 2 and "--jobs" in output
    code, output = run_cli("batch", "--preset", PRESET, "--communes", "bac-ninh")
    assert code == 2 and "-o" in output
    assert not (tmp_path / "o").exists()


# ---------------------------------------------------------------- re-runs


def test_rerun_rewrites_only_what_changed_and_never_a_hand_edit(tmp_path):
    out = tmp_path / "out"
    args = ["batch", "--preset", PRESET, "--communes", "bac-ninh", "--limit", "3", "-o", str(out), "-j", "1"]
    assert run_cli(*args, "--zip")[0] == 0
    first = {p: p.stat().st_mtime_ns for p in out.rglob("*.docx")}
    code, output = run_cli(*args, "--zip")
    assert code == 0 and {s["trang_thai"] for s in read_summary(out)} == {B.UNCHANGED}
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.docx")} == first
    archive = (out / "tat-ca.zip").read_bytes()
    assert run_cli(*args, "--zip")[0] == 0
    assert (out / "tat-ca.zip").read_bytes() == archive  # same packages, same summary: same bytes

    # A changed override: only that commune's file is rewritten.
    src = tmp_path / "ds.csv"
    rows = load_communes("bac-ninh", limit=3).good
    src.write_text("ten,loai,tinh,nguoi_ky\n" + "".join(
        f"{r.commune.name},{r.commune.type},Bắc Ninh,{'Nguyễn Văn Mới' if i == 1 else ''}\n"
        for i, r in enumerate(rows)), encoding="utf-8")
    code, _ = run_cli("batch", "--preset", PRESET, "--communes", str(src), "-o", str(out), "-j", "1")
    assert code == 0
    states = {s["thu_muc"]: s["trang_thai"] for s in read_summary(out)}
    assert states == {rows[0].output: B.UNCHANGED, rows[1].output: B.UPDATED, rows[2].output: B.UNCHANGED}
    assert "Nguyễn Văn Mới" in "\n".join(paragraphs((out / rows[1].output / "ke-hoach.docx").read_bytes()))

    # A file edited by hand is not overwritten without --force.
    edited = out / rows[0].output / "ke-hoach.docx"
    edited.write_bytes(b"sua tay")
    code, output = run_cli(*args)
    assert code == 1 and "đã bị sửa" in output and edited.read_bytes() == b"sua tay"
    code, output = run_cli(*args, "--force")
    assert code == 0 and edited.read_bytes()[:2] == b"PK"


def test_zip_holds_every_package_and_the_summary(tmp_path):
    out = tmp_path / "out"
    code, _ = run_cli("batch", "--preset", PRESET, "--communes", "hai-phong", "--limit", "4", "-o", str(out),
                      "--zip", "-j", "2")
    assert code == 0
    with zipfile.ZipFile(out / "tat-ca.zip") as zf:
        assert zf.testzip() is None
        names = zf.namelist()
        assert names[-1] == "summary.csv" and len(names) == 5
        for n in names[:-1]:
            assert zf.read(n) == (out / n).read_bytes()


# ---------------------------------------------------------------- PDF: one LibreOffice for the batch


FAKE_SOFFICE = """#!{python}
import sys, pathlib
log = pathlib.Path({log!r})
log.write_text(log.read_text() + " ".join(sys.argv[1:]) + "\\n" if log.exists() else " ".join(sys.argv[1:]) + "\\n")
args = sys.argv[1:]
outdir = pathlib.Path(args[args.index("--outdir") + 1])
for a in args:
    if a.endswith(".docx") and {skip!r} not in pathlib.Path(a).read_bytes().decode("latin-1"):
        (outdir / (pathlib.Path(a).stem + ".pdf")).write_bytes(b"%PDF-1.4 fake")
"""


def test_pdf_uses_one_libreoffice_process_for_the_whole_batch(tmp_path, monkeypatch):
    log = tmp_path / "calls.log"
    fake = tmp_path / "soffice"
    fake.write_text(FAKE_SOFFICE.format(python=sys.executable, log=str(log), skip="@@never@@"))
    fake.chmod(0o755)
    monkeypatch.setenv("DRAFTER_SOFFICE", str(fake))
    out = tmp_path / "out"
    code, output = run_cli("batch", "--preset", PRESET, "--communes", "bac-ninh", "--limit", "5", "-o", str(out),
                           "--pdf", "-j", "2")
    assert code == 0, output
    calls = log.read_text().splitlines()
    assert len(calls) == 1 and calls[0].count(".docx") == 5 and "--convert-to pdf" in calls[0]
    pdfs = sorted(out.rglob("ke-hoach.pdf"))
    assert len(pdfs) == 5 and all(p.read_bytes().startswith(b"%PDF") for p in pdfs)
    # Unchanged documents with their PDF: LibreOffice is not started again.
    code, _ = run_cli("batch", "--preset", PRESET, "--communes", "bac-ninh", "--limit", "5", "-o", str(out),
                      "--pdf", "-j", "2")
    assert code == 0 and len(log.read_text().splitlines()) == 1


def test_a_pdf_that_fails_is_reported(tmp_path, monkeypatch):
    fake = tmp_path / "soffice"  # converts nothing: every document "holds" the empty string
    fake.write_text(FAKE_SOFFICE.format(python=sys.executable, log=str(tmp_path / "l.log"), skip=""))
    fake.chmod(0o755)
    monkeypatch.setenv("DRAFTER_SOFFICE", str(fake))
    out = tmp_path / "out"
    code, output = run_cli("batch", "--preset", PRESET, "--communes", "bac-ninh", "--limit", "2", "-o", str(out),
                           "--pdf", "-j", "1")
    assert code == 1 and "PDF" in output
    assert not list(out.rglob("*.pdf")) and len(list(out.rglob("*.docx"))) == 2


@pytest.mark.skipif(find_soffice() is None or os.environ.get("DRAFTER_SOFFICE"), reason="no LibreOffice")
def test_real_libreoffice_pdf(tmp_path):
    out = tmp_path / "out"
    code, output = run_cli("batch", "--preset", PRESET, "--communes", "an-giang", "--limit", "2", "-o", str(out),
                           "--pdf", "-j", "1")
    assert code == 0, output
    pdfs = list(out.rglob("ke-hoach.pdf"))
    assert len(pdfs) == 2 and all(p.read_bytes().startswith(b"%PDF") for p in pdfs)


# ---------------------------------------------------------------- the fast way gives the plain way's document


def test_fast_and_plain_give_the_same_text_and_layout():
    preset = load_preset(shipped_or_fixture())
    drafts = [derive_model(preset, r.commune, {}) for r in load_communes("ca-nuoc", limit=3).good]
    drafts += [derive_model(load_preset(PRESET), load_communes("bac-ninh", limit=1).good[0].commune,
                            {"signer_name": "Nguyễn Văn A"})]
    drafts += [load_draft(FIXTURES / "qd-kh-pl.yaml").draft]
    for draft in drafts:
        for parts in (("decision", "plan", "appendices"), ("plan",), ("appendices",)):
            ctx = build_context(draft, parts)
            fast, plain = render_context(ctx), render_plain(ctx)
            assert paragraphs(fast) == paragraphs(plain)
            assert layout(fast) == layout(plain)


def test_batch_draft_equals_the_file_drafter_new_writes():
    maker = B.PresetMaker(PRESET)
    ov = {"signer_name": "Lê Văn B", "number": "12", "date": "05/6/2026", "extra_recipients": ["Đảng ủy xã"],
          "unit_renames": {"ttcu": "Trung tâm Dịch vụ tổng hợp"}}
    for r in load_communes("hai-phong", limit=3).good:
        text = yamlio.dump(draft_document(maker.load(), r.commune, ov))
        assert maker(r.commune, ov).model_dump() == validate(yamlio.parse(text, "<new>")).draft.model_dump()


def test_zip_writer_gives_zipfile_bytes():
    import zipfile as zf_mod

    from drafter.resources import template_path

    def reference(parts):
        buf = io.BytesIO()
        names = sorted(parts, key=lambda n: (n != "[Content_Types].xml", n != "_rels/.rels"))
        with zf_mod.ZipFile(buf, "w", zf_mod.ZIP_DEFLATED) as zf:
            for name in names:
                info = zf_mod.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
                info.compress_type = zf_mod.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                info.create_system = 3
                zf.writestr(info, parts[name], compresslevel=LEVEL)
        return buf.getvalue()

    for name in ("kehoach", "quyetdinh"):
        parts = read_parts(template_path(name).read_bytes())
        assert write_parts(parts) == reference(parts)
