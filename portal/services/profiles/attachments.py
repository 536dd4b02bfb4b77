"""Attachments (R-CON-6): type from the content, size limits, bytes outside static/, audited reads."""
from __future__ import annotations

import secrets
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import Attachment, ConsultantProfile, User
from portal.services import DomainError, audit
from portal.services.profiles import file_types, sensitive_data
from portal.services.actors import Actor
from portal.services.profiles.sections import saved

KINDS = ("cv", "certificate", "reference_letter", "other")


def _directory() -> Path:
    path = Path(current_app.config["UPLOAD_DIR"]) / "attachments"
    path.mkdir(parents=True, exist_ok=True)
    return path


def upload(actor: Actor, profile: ConsultantProfile, *, kind: str, filename: str, data: bytes) -> Attachment:
    """Check name and content, then write the file and its row; nothing is kept on refusal."""
    if kind not in KINDS:
        raise DomainError(_l("Choose what kind of document this is."), field="kind")
    name = file_types.safe_filename(filename or "")
    sensitive_data.check_fields({"file": (_l("File name"), name)})
    if not data:
        raise DomainError(_l("Choose a file to upload."), field="file")
    content_type = file_types.sniff(data, name)
    key = secrets.token_hex(24)
    attachment = Attachment(profile_id=profile.id, kind=kind, filename=name, content_type=content_type,
                            size=len(data), storage_key=key)
    db.session.add(attachment)
    db.session.flush()
    (_directory() / key).write_bytes(data)
    saved(actor, profile, "attachments", action="add")
    return attachment


def for_owner(profile: ConsultantProfile, attachment_id: int) -> Attachment | None:
    attachment = db.session.get(Attachment, attachment_id)
    return attachment if attachment is not None and attachment.profile_id == profile.id else None


def read(actor: Actor, attachment: Attachment) -> bytes:
    """The bytes; a staff member's read is written to the audit log (R-STAFF-1)."""
    profile = db.session.get(ConsultantProfile, attachment.profile_id)
    user = actor.user
    if isinstance(user, User) and user.id != profile.user_id:
        audit.record(actor, "attachment.download", subject=profile.user_id, obj=attachment)
    return (_directory() / attachment.storage_key).read_bytes()


def remove(actor: Actor, profile: ConsultantProfile, attachment: Attachment) -> None:
    path = _directory() / attachment.storage_key
    db.session.delete(attachment)
    saved(actor, profile, "attachments", action="remove")
    path.unlink(missing_ok=True)
