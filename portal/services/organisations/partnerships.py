"""The partnership as the partner sees it: contacts, shared documents (R-PAR-1)."""
from __future__ import annotations

import secrets
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from werkzeug.utils import secure_filename

from portal.extensions import db
from portal.models import Organisation, PartnerContact, PartnerDocument, User
from portal.services import DomainError, audit
from portal.services.actors import Actor

ALLOWED_TYPES = {"application/pdf", "text/plain", "image/png", "image/jpeg",
                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def document_dir() -> Path:
    base = current_app.config.get("UPLOAD_DIR") or str(Path(current_app.instance_path) / "uploads")
    path = Path(base) / "partner_documents"
    path.mkdir(parents=True, exist_ok=True)
    return path


def contacts(organisation: Organisation) -> list[PartnerContact]:
    return list(db.session.scalars(sa.select(PartnerContact).where(PartnerContact.organisation_id == organisation.id)
                                   .order_by(PartnerContact.id)))


def documents(organisation: Organisation) -> list[PartnerDocument]:
    return list(db.session.scalars(sa.select(PartnerDocument).where(PartnerDocument.organisation_id == organisation.id)
                                   .order_by(PartnerDocument.uploaded_at.desc(), PartnerDocument.id.desc())))


def document_for(organisation: Organisation, document_id: int) -> PartnerDocument | None:
    return db.session.scalar(sa.select(PartnerDocument).where(PartnerDocument.id == document_id,
                                                              PartnerDocument.organisation_id == organisation.id))


def staff_choices() -> list[User]:
    return list(db.session.scalars(sa.select(User).where(User.role == "staff", User.is_disabled.is_(False))
                                   .order_by(User.name)))


def add_contact(actor: Actor, organisation: Organisation, staff_user_id: int, responsibility: str) -> PartnerContact:
    user = db.session.get(User, staff_user_id)
    if organisation.kind != "partner":
        raise DomainError(_l("Only partners have partnership contacts."))
    if user is None or user.role != "staff":
        raise DomainError(_l("Choose one of our employees."), field="staff_user_id")
    if db.session.scalar(sa.select(PartnerContact.id).where(PartnerContact.organisation_id == organisation.id,
                                                            PartnerContact.staff_user_id == user.id)):
        raise DomainError(_l("This employee is already a contact for the partner."), field="staff_user_id")
    contact = PartnerContact(organisation_id=organisation.id, staff_user_id=user.id,
                             responsibility=responsibility.strip())
    db.session.add(contact)
    db.session.flush()
    audit.record(actor, "partner.contact_add", obj=contact, detail={"organisation": organisation.id})
    return contact


def remove_contact(actor: Actor, contact: PartnerContact) -> None:
    audit.record(actor, "partner.contact_remove", obj=contact, detail={"organisation": contact.organisation_id})
    db.session.delete(contact)
    db.session.flush()


def share_document(actor: Actor, organisation: Organisation, *, title: str, filename: str, content_type: str,
                   data: bytes) -> PartnerDocument:
    """Store the file by a random name outside the web root; the original name is only metadata."""
    if organisation.kind != "partner":
        raise DomainError(_l("Documents are shared with partners only."))
    if content_type not in ALLOWED_TYPES:
        raise DomainError(_l("Share PDF, text, Word, Excel, PNG or JPEG files."), field="file")
    if not data:
        raise DomainError(_l("The file is empty."), field="file")
    stored = secrets.token_hex(16)
    (document_dir() / stored).write_bytes(data)
    document = PartnerDocument(organisation_id=organisation.id, title=title.strip(),
                               filename=secure_filename(filename) or "document", stored_name=stored,
                               content_type=content_type, size=len(data), uploaded_by_id=actor.user_id)
    db.session.add(document)
    db.session.flush()
    audit.record(actor, "partner.document_share", obj=document, detail={"organisation": organisation.id})
    return document


def document_path(document: PartnerDocument) -> Path:
    return document_dir() / document.stored_name


def remove_document(actor: Actor, document: PartnerDocument) -> None:
    audit.record(actor, "partner.document_remove", obj=document, detail={"organisation": document.organisation_id})
    path = document_path(document)
    db.session.delete(document)
    db.session.flush()
    path.unlink(missing_ok=True)
