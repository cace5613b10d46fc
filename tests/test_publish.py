"""Publishing: file names, no silent overwrite, a set of files written all or nothing, PDFs, new drafts."""
from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter import pdf, publish
from drafter.cli import main
from drafter.schema import SCHEMA_FILE
from drafter.errors import DrafterError, OutputExists
from drafter.loader import load_draft
from drafter.model import Commune
from drafter.presets import load_preset

FIXTURES = Path(__file__).parent / "fixtures"
THREE = FIXTURES / "qd-kh-pl.yaml"  # a decision, its plan and an appendix
PARTS = ["phu-luc.docx", "ke-hoach.docx", "quyet-dinh.docx"]


def run(*args: str):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.fixture
def draft_copy(tmp_path) -> Path:
    path = tmp_path / "ban-thao.yaml"
    path.write_bytes(THREE.read_bytes())
    return path


# ---------------------------------------------------------------------------- names

def test_default_names_beside_the_draft(draft_copy):
    code, output = run("render", draft_copy)
    assert code == 0 and output == f"Đã ghi {draft_copy.with_suffix('.docx')}\n"
    code, output = run("render", draft_copy, "--split")
    folder = draft_copy.with_suffix("")
    assert code == 0 and listing(folder) == sorted(PARTS)
    assert output.splitlines() == [f"Đã ghi {folder / n}" for n in ("quyet-dinh.docx", "ke-hoach.docx", "phu-luc.docx")]


def test_a_folder_given_for_one_file_gets_the_drafts_name(draft_copy, tmp_path):
    out = tmp_path / "ra"
    out.mkdir()
    code, output = run("render", draft_copy, "-o", out)
    assert code == 0 and listing(out) == ["ban-thao.docx"]


def test_a_draft_never_saved_is_named_by_its_subject(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    draft = load_draft(THREE).draft
    target = publish.default_output(None, draft.subject)
    assert target == tmp_path / "duy-tri-cai-thien-chi-so-cai-cach-hanh-chinh-par-sipas-nam-2.docx"
    assert publish.default_output(None, "") == tmp_path / "don-vi.docx"
    assert publish.default_output(Path("a/b.yaml"), draft.subject, split=True) == Path("a/b")
    assert publish.default_output(Path("a/ke-hoach.v2.yaml")) == Path("a/ke-hoach.v2.docx")


# ---------------------------------------------------------------------------- overwrite policy

def test_existing_files_are_refused_all_named_and_nothing_is_written(draft_copy):
    folder = draft_copy.with_suffix("")
    folder.mkdir()
    (folder / "ke-hoach.docx").write_bytes(b"mine")
    code, output = run("render", draft_copy, "--split")
    assert code == 2 and f"{folder / 'ke-hoach.docx'}" in output and "--force" in output
    assert listing(folder) == ["ke-hoach.docx"] and (folder / "ke-hoach.docx").read_bytes() == b"mine"
    code, _ = run("render", draft_copy, "--split", "--force")
    assert code == 0 and listing(folder) == sorted(PARTS)
    assert (folder / "ke-hoach.docx").read_bytes()[:2] == b"PK"


def test_plan_says_what_is_taken_before_anything_is_written(draft_copy):
    draft = load_draft(draft_copy).draft
    target = draft_copy.with_suffix(".docx")
    target.write_bytes(b"old")
    planned = publish.plan(draft, source=draft_copy, pdf=True)
    assert planned.paths == [target, target.with_suffix(".pdf")] and planned.taken() == [target]
    with pytest.raises(OutputExists):
        publish.write(planned)
    assert target.read_bytes() == b"old"


# ---------------------------------------------------------------------------- all or nothing

def test_split_on_a_full_disk_leaves_no_file(draft_copy, monkeypatch):
    """Issue 9: «render --split» on a full disk must not leave one of three files."""
    real_fsync, calls = os.fsync, []

    def fsync(fd):
        calls.append(fd)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    code, output = run("render", draft_copy, "--split")
    folder = draft_copy.with_suffix("")
    assert code == 2 and "ổ đĩa đã hết chỗ" in output and "phu-luc.docx" in output
    assert listing(folder) == []  # neither documents nor temporary files


def test_a_failed_rename_puts_the_old_files_back(draft_copy, monkeypatch):
    """A file held open (Word on Windows) stops the set half way: the old set comes back whole."""
    folder = draft_copy.with_suffix("")
    folder.mkdir()
    for name in PARTS:
        (folder / name).write_bytes(name.encode())
    real_replace = os.replace

    def replace(src, dst):
        if str(dst).endswith("ke-hoach.docx") and str(src).endswith(".tmp"):
            raise PermissionError(errno.EACCES, "The process cannot access the file", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    code, output = run("render", draft_copy, "--split", "--force")
    assert code == 2 and "không có quyền" in output
    assert listing(folder) == sorted(PARTS)
    assert all((folder / name).read_bytes() == name.encode() for name in PARTS)


def test_batch_packages_are_written_whole(tmp_path, monkeypatch):
    from drafter.batch import FAILED, PresetMaker, run_batch
    from drafter.communes import load_communes

    real_fsync, calls = os.fsync, []

    def fsync(fd):
        calls.append(fd)
        if len(calls) == 2:  # the first package's second file
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    clist = load_communes("hai-phong", limit=1)
    report = run_batch(clist, PresetMaker("hai-phong-cchc-2026"), tmp_path / "out", split=True)
    [result] = report.results
    assert result.status == FAILED and "ổ đĩa đã hết chỗ" in result.error and "không mong đợi" not in result.error
    assert listing(tmp_path / "out" / clist.good[0].output) == []


# ---------------------------------------------------------------------------- PDF

FAKE_SOFFICE = """#!{python}
import pathlib, sys
args = sys.argv[1:]
out = pathlib.Path(args[args.index("--outdir") + 1])
for a in args:
    if a.endswith(".docx") and {works}:
        (out / (pathlib.Path(a).stem + ".pdf")).write_bytes(b"%PDF-1.4 fake")
print("converted" if {works} else "Error: source file could not be loaded")
"""


def fake_soffice(tmp_path: Path, monkeypatch, works: bool) -> None:
    fake = tmp_path / "soffice"
    fake.write_text(FAKE_SOFFICE.format(python=sys.executable, works=works))
    fake.chmod(0o755)
    monkeypatch.setenv("DRAFTER_SOFFICE", str(fake))


def test_export_with_pdf_makes_one_pdf_per_document(draft_copy, tmp_path, monkeypatch):
    fake_soffice(tmp_path, monkeypatch, works=True)
    done = publish.publish(load_draft(draft_copy).draft, source=draft_copy, split=True, pdf=True)
    folder = draft_copy.with_suffix("")
    assert done.pdfs == tuple(p.with_suffix(".pdf") for p in done.files) and not done.pdf_problems
    assert listing(folder) == sorted(PARTS + [n.replace(".docx", ".pdf") for n in PARTS])


def test_a_pdf_that_fails_is_said_and_the_docx_stays(draft_copy, tmp_path, monkeypatch):
    fake_soffice(tmp_path, monkeypatch, works=False)
    done = publish.publish(load_draft(draft_copy).draft, source=draft_copy, pdf=True)
    assert done.files == (draft_copy.with_suffix(".docx"),) and done.pdfs == ()
    [problem] = done.pdf_problems
    assert "LibreOffice không chuyển được sang PDF (Error: source file could not be loaded)" in str(problem)
    with pytest.raises(DrafterError, match="LibreOffice không chuyển được"):
        pdf.convert(draft_copy.with_suffix(".docx"))


def test_without_libreoffice_the_message_says_how_to_get_it(draft_copy, tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    done = publish.publish(load_draft(draft_copy).draft, source=draft_copy, pdf=True)
    assert done.files and not done.pdfs
    assert "không tìm thấy LibreOffice" in str(done.pdf_problems[0]) and "DRAFTER_SOFFICE" in str(done.pdf_problems[0])
    with pytest.raises(DrafterError, match="hãy cài LibreOffice"):
        pdf.convert(draft_copy.with_suffix(".docx"))


def test_a_converter_that_cannot_run_is_said_in_vietnamese(draft_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_SOFFICE", str(tmp_path / "khong-co" / "soffice"))
    docx = publish.publish(load_draft(draft_copy).draft, source=draft_copy).files[0]
    with pytest.raises(DrafterError, match="không chạy được LibreOffice .*: không có chương trình này"):
        pdf.convert(docx)


# ---------------------------------------------------------------------------- new drafts

def test_new_draft_is_written_and_reads_back_as_returned(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    who = Commune(name="Võ Cường", type="phường")
    made = publish.new_draft(load_preset("bac-ninh-cchc-2026"), who, overrides={"signer_name": "Trần Thu Hà"})
    assert made.path == Path("vo-cuong.yaml") and made.preset == "bac-ninh-cchc-2026"
    assert load_draft(made.path).draft.model_dump() == made.draft.model_dump()
    before = made.path.read_bytes()
    with pytest.raises(OutputExists):
        publish.new_draft(load_preset("bac-ninh-cchc-2026"), who)
    assert made.path.read_bytes() == before and listing(tmp_path) == [SCHEMA_FILE, "vo-cuong.yaml"]
