"""Attachments: the type comes from the content; wrong, empty, huge and disguised files are refused."""
from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pytest

from portal.services import DomainError
from portal.services.profiles.file_types import ALLOWED, DOCX, MAX_BYTES, safe_filename, sniff

PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")
JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00" + b"\x00" * 64


def _png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return buffer.getvalue()


def _docx() -> bytes:
    return _zip({
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                               b'content-types"/>',
        "_rels/.rels": b"<Relationships/>",
        "word/document.xml": b"<w:document><w:body><w:p><w:r><w:t>CV</w:t></w:r></w:p></w:body></w:document>",
    })


@pytest.mark.parametrize(("data", "name", "mime"), [
    (PDF, "cv.pdf", "application/pdf"),
    (PDF, "CV.PDF", "application/pdf"),
    (_png(), "certificate.png", "image/png"),
    (JPEG, "photo.jpg", "image/jpeg"),
    (JPEG, "photo.jpeg", "image/jpeg"),
    (_docx(), "reference letter.docx", DOCX),
    (PDF, "no-extension", "application/pdf"),
])
def test_allowed_files_are_recognised_by_content(data, name, mime):
    assert sniff(data, name) == mime
    assert mime in ALLOWED


def _refusal(data: bytes, name: str) -> str:
    with pytest.raises(DomainError) as caught:
        sniff(data, name)
    assert caught.value.field == "file"
    return str(caught.value.message)


def test_empty_file():
    assert "empty" in _refusal(b"", "cv.pdf")


def test_too_large_file():
    assert "larger than 10 MB" in _refusal(PDF + b"0" * MAX_BYTES, "cv.pdf")


def test_exactly_the_limit_is_allowed():
    assert sniff(PDF + b" " * (MAX_BYTES - len(PDF)), "cv.pdf") == "application/pdf"


@pytest.mark.parametrize(("data", "name"), [
    (EXE, "cv.pdf"), (EXE, "cv.exe"), (b"just some text", "notes.txt"), (b"<html><script>", "cv.pdf"),
    (_zip({"word/document.xml": b"x"}), "cv.docx"),  # no [Content_Types].xml: not a Word document
    (_zip({"a.txt": b"x"}), "cv.docx"), (b"GIF89a\x01\x00\x01\x00", "image.gif"),
])
def test_forbidden_or_unknown_content(data, name):
    assert "Only PDF, Word (DOCX), PNG and JPEG" in _refusal(data, name)


@pytest.mark.parametrize(("data", "name"), [
    (PDF, "cv.png"), (_png(), "cv.pdf"), (JPEG, "photo.png"), (_docx(), "cv.pdf"), (PDF, "cv.exe"),
    (PDF, "cv.pdf.exe"),
])
def test_extension_contradicting_content(data, name):
    assert "content is a" in _refusal(data, name)


def test_truncated_docx_is_refused():
    assert "Only PDF" in _refusal(_docx()[:60], "cv.docx")


@pytest.mark.parametrize(("name", "safe"), [
    ("cv.pdf", "cv.pdf"),
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\anna\\Mitt CV.PDF", "Mitt CV.pdf"),
    ("bad\x00name\x1b.pdf", "badname.pdf"),
    ('a<b>c:"d|e?*.png', "a_b_c__d_e__.png"),
    ("...", "file"),
    ("", "file"),
    (".hidden.pdf", "hidden.pdf"),
    ("Intyg från Åsa   Öberg.pdf", "Intyg från Åsa Öberg.pdf"),
    ("Intyg\u202efdp.exe", "Intygfdp.exe"),  # right-to-left override removed
])
def test_safe_filename(name, safe):
    assert safe_filename(name) == safe


def test_safe_filename_limits_length_and_keeps_extension():
    name = safe_filename("x" * 500 + ".docx")
    assert len(name) == 120 and name.endswith(".docx")
    assert len(safe_filename("y" * 500)) == 120
