"""Every rendered DOCX opens in LibreOffice and prints: PDF with pages, subject and signer."""
from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from drafter.loader import load_draft
from drafter.render import render_draft

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((Path(__file__).parent / "fixtures").glob("*.yaml")) + sorted(
    (ROOT / "presets" / "examples").glob("*.yaml"))
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """Render all drafts, then convert them in one soffice call (its start-up is the slow part)."""
    work = tmp_path_factory.mktemp("pdf")
    drafts, docs = {}, []
    for src in SOURCES:
        draft = load_draft(src).draft
        out = work / f"{src.parent.name}--{src.stem}.docx"
        out.write_bytes(render_draft(draft))
        drafts[src] = (draft, out)
        docs.append(str(out))
    profile = (work / "lo-profile").as_uri()  # own profile: other soffice runs do not interfere
    proc = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(work), *docs],
        capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return drafts


def _pdf_text(pdf: Path) -> tuple[int, str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return pages, text


@pytest.mark.parametrize("src", SOURCES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_docx_converts_to_pdf_with_subject_and_signer(converted, src):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    draft, docx = converted[src]
    pdf = docx.with_suffix(".pdf")
    assert pdf.exists() and pdf.stat().st_size > 0, f"LibreOffice made no PDF of {docx.name}"
    pages, text = _pdf_text(pdf)
    assert pages > 0
    # Whitespace (line ends included) is collapsed: a subject may run over several lines.
    flat = _norm(text)
    subject = _norm(draft.subject)
    assert subject in flat, subject
    signer = _norm(draft.signer.name)
    assert signer and signer in flat

