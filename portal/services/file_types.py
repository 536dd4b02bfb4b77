"""What a file really is, from its bytes (minimal local version of the agreed interface)."""
from __future__ import annotations

import re
import unicodedata

import filetype
from flask_babel import lazy_gettext as _l

from portal.services import DomainError

MAX_BYTES = 10 * 1024 * 1024
ALLOWED = {"application/pdf", "image/png", "image/jpeg",
           "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def sniff(data: bytes, filename: str) -> str:
    """The MIME type read from the content; DomainError (field "file") unless it is an allowed type."""
    if len(data) > MAX_BYTES:
        raise DomainError(_l("The file is larger than %(mb)d MB.", mb=MAX_BYTES // (1024 * 1024)), field="file")
    kind = filetype.guess(data)
    if kind is None or kind.mime not in ALLOWED:
        raise DomainError(_l("Only PDF, Word (DOCX), PNG and JPEG files can be uploaded; this file's content "
                             "is something else."), field="file")
    return kind.mime


def safe_filename(name: str) -> str:
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[^\w.\- ]", "_", name).strip(" .")
    return name[:150] or "file"
