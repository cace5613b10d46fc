"""Files that are broken, empty, not documents, or crafted to hang or exhaust the reader.

Each is refused with ``UnreadableDocument`` (a ``DrafterError``: the CLI exits with code 2), in
Vietnamese, naming the file, within bounded time; random damage never raises anything else.
"""
from __future__ import annotations

import io
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))

import fuzz_corpus  # noqa: E402
from drafter.errors import DrafterError  # noqa: E402
from drafter.reader import ReadDocument, UnreadableDocument, read_bytes, read_document  # noqa: E402

CORPUS = fuzz_corpus.corpus()
EXPECTED = {
    "hong.docx": "bị hỏng",
    "mat-khau.docx": "mật khẩu",
    "rong.docx": "không có chữ",
    "anh.png": "không phải văn bản",
    "bom.docx": "quá lớn",
    "thuc-the.docx": "thực thể",
    "long-sau.docx": "lồng nhau",
    "bang-long-bang.docx": "lồng nhau",
    "ban-quet.pdf": "bản quét",
    "pdf-cut.pdf": "bị hỏng",
    "rac.bin": "không phải văn bản",
    "khong-co-document.docx": "bị hỏng",
    "xml-hong.docx": "bị hỏng",
    "rong.txt": "không có chữ",
    "rong.pdf": "bị hỏng",
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_files_are_refused_in_vietnamese(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(CORPUS[name])
    start = time.process_time()
    with pytest.raises(UnreadableDocument) as info:
        read_document(path)
    assert time.process_time() - start < 5
    err = info.value
    assert isinstance(err, DrafterError) and err.exit_code == 2
    text = str(err)
    assert text.startswith(f"{name}: ") and EXPECTED[name] in text
    assert unicodedata.is_normalized("NFC", text)


@pytest.mark.parametrize("name", sorted(n for n in CORPUS if n.startswith("lat-byte")))
def test_damaged_docx_is_read_or_refused(name):
    try:
        assert isinstance(read_bytes(CORPUS[name], name), ReadDocument)
    except UnreadableDocument as exc:
        assert str(exc).startswith(name)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(UnreadableDocument, match="không tìm thấy"):
        read_document(tmp_path / "khong-co.docx")
    with pytest.raises(UnreadableDocument, match="thư mục"):
        read_document(tmp_path)


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_random_bytes_never_raise_anything_else(data):
    try:
        read_bytes(data, "rac.bin")
    except UnreadableDocument:
        pass


GOOD = fuzz_corpus.minimal_docx("Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ")


@settings(max_examples=80, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(GOOD) - 1), st.integers(0, 255)), min_size=1, max_size=30))
def test_damaged_word_files_never_raise_anything_else(flips):
    data = bytearray(GOOD)
    for pos, value in flips:
        data[pos] = value
    try:
        read_bytes(bytes(data), "hong.docx")
    except UnreadableDocument:
        pass


@pytest.mark.parametrize("chunk", range(4))  # 4 × 30 cases: xdist spreads them over the workers
def test_junk_attribute_values_never_raise_anything_else(chunk):
    """Sizes, levels, spans, starts and formats replaced by junk ("-1", "abc", 10^40...) in the real fixtures."""
    import random

    import office_docs

    rnd = random.Random(2026 + chunk)
    base = office_docs.build_docx("vo-cuong", **office_docs.AUTO)
    for k in range(30):
        part = ("word/document.xml", "word/numbering.xml", "word/styles.xml")[k % 3]
        data = fuzz_corpus.mangled_attributes(base, part, rnd, rnd.randrange(1, 25))
        try:
            read_bytes(data, "hong.docx")
        except UnreadableDocument:
            pass


def test_encrypted_pdf(tmp_path):
    from drafter.pdf import find_soffice

    soffice = find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice is needed to make an encrypted PDF")
    src = tmp_path / "kh.docx"
    src.write_bytes(GOOD)
    options = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
               '"DocumentOpenPassword":{"type":"string","value":"mk"}}')
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless", "--convert-to",
                    options, "--outdir", str(tmp_path), str(src)], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=120)
    pdf = tmp_path / "kh.pdf"
    assert b"/Encrypt" in pdf.read_bytes()
    with pytest.raises(UnreadableDocument, match="mật khẩu"):
        read_document(pdf)


def test_doc_through_libreoffice(tmp_path):
    from drafter.pdf import find_soffice

    soffice = find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice is needed to read .doc")
    import docx

    d = docx.Document()
    d.add_paragraph("KẾ HOẠCH").runs[0].bold = True
    d.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    buf = io.BytesIO()
    d.save(buf)
    (tmp_path / "kh.docx").write_bytes(buf.getvalue())
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless", "--convert-to",
                    "doc:MS Word 97", "--outdir", str(tmp_path / "out"), str(tmp_path / "kh.docx")], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
    doc = read_document(tmp_path / "out" / "kh.doc")
    assert doc.kind == "doc"
    texts = [p.text for p in doc.paragraphs() if p.text]
    assert texts == ["KẾ HOẠCH", "I. MỤC ĐÍCH, YÊU CẦU"]
    assert next(doc.paragraphs()).bold
    assert [p.label.text for p in doc.paragraphs() if p.label] == ["I."]
