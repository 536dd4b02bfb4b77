"""What an uploaded file is, decided from its content, not its name (issue 3, attachments; R-CON-6).

`filetype` reads the magic bytes; a DOCX is a ZIP, so it is opened and must hold word/document.xml.
A name whose extension names another type than the content is refused, so that an EXE renamed
.pdf, or a PDF renamed .png, never reaches storage. A file without an extension is named by its content.
"""
from __future__ import annotations

import io
import posixpath
import re
import unicodedata
import zipfile

import filetype
from flask_babel import gettext, lazy_gettext as _l

from portal.services import DomainError

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ALLOWED = {"application/pdf": "pdf", DOCX: "docx", "image/png": "png", "image/jpeg": "jpg"}
EXTENSIONS = {"pdf": "application/pdf", "docx": DOCX, "png": "image/png", "jpg": "image/jpeg",
              "jpeg": "image/jpeg", "jpe": "image/jpeg"}
MAX_BYTES = 10 * 1024 * 1024
MAX_NAME = 120
_FORBIDDEN_IN_NAME = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            encrypted = any(info.flag_bits & 0x1 for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
    return not encrypted and {"[Content_Types].xml", "word/document.xml"} <= names


def _content_type(data: bytes) -> str | None:
    kind = filetype.guess(data)
    mime = kind.mime if kind else None
    if mime in (DOCX, "application/zip"):
        return DOCX if _is_docx(data) else None
    return mime if mime in ALLOWED else None


def sniff(data: bytes, filename: str) -> str:
    """The MIME type of an allowed upload, from its content; DomainError(field="file") otherwise."""
    if not data:
        raise DomainError(_l("The file is empty."), field="file")
    if len(data) > MAX_BYTES:
        raise DomainError(_l("The file is larger than %(limit)d MB. Choose a smaller file.",
                             limit=MAX_BYTES // (1024 * 1024)), field="file")
    mime = _content_type(data)
    if mime is None:
        raise DomainError(_l("Only PDF, Word (DOCX), PNG and JPEG files can be uploaded, and this file's content "
                             "is none of these."), field="file")
    extension = posixpath.splitext(safe_filename(filename))[1].lstrip(".").lower()
    if extension and EXTENSIONS.get(extension) != mime:
        raise DomainError(gettext("The file's name ends in .%(extension)s but its content is a %(kind)s file. Check "
                             "that you chose the right file.", extension=extension,
                             kind=ALLOWED[mime].upper()), field="file")
    return mime


def safe_filename(name: str) -> str:
    """A name fit to store and show: no path, no control characters, at most MAX_NAME characters."""
    name = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C")
    name = _FORBIDDEN_IN_NAME.sub("_", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    stem, extension = posixpath.splitext(name)
    if len(extension) > 10:
        stem, extension = name, ""
    stem = stem[:MAX_NAME - len(extension)].rstrip(" .")
    return (stem or "file") + extension.lower()
