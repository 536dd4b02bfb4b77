"""Which privacy policy and consultant terms version each person accepted or was shown, and when.

The policy is information, not consent: a new version is shown once, by a notice at the next sign-in,
and that is recorded. The consultant terms are a contract: a consultant who accepted an earlier
version accepts the new one before going on (R-POLICY-1, R-POLICY-2, R-CON-10).
"""
from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.models import DocumentAcceptance, User
from portal.services import audit
from portal.services.actors import Actor
from portal.services.privacy import policy

FILES = {"privacy_policy": "policy", "consultant_terms": "consultant-terms"}


def current(document: str) -> policy.PolicyVersion:
    return policy.current(FILES[document])


def record(actor: Actor, user: User, document: str, way: str) -> DocumentAcceptance:
    """The person met the current version of the document this way; once per version."""
    version = current(document)
    row = db.session.scalar(sa.select(DocumentAcceptance).where(
        DocumentAcceptance.user_id == user.id, DocumentAcceptance.document == document,
        DocumentAcceptance.version == version.number))
    if row is None:
        row = DocumentAcceptance(user_id=user.id, document=document, version=version.number,
                                 published=version.published, way=way)
        db.session.add(row)
        db.session.flush()
        audit.record(actor, "document.accept", subject=user, obj=row,
                     detail={"document": document, "version": version.number, "way": way})
    return row


def at_registration(actor: Actor, user: User, way: str) -> None:
    """A new account: the policy the person was shown, and the terms when they are a consultant."""
    record(actor, user, "privacy_policy", way)
    if user.role == "consultant":
        record(actor, user, "consultant_terms", way)


def of(user: User) -> list[DocumentAcceptance]:
    """Every recorded acceptance, newest first."""
    return list(db.session.scalars(sa.select(DocumentAcceptance).where(DocumentAcceptance.user_id == user.id)
                                   .order_by(DocumentAcceptance.accepted_at.desc(), DocumentAcceptance.id.desc())))


def latest(user: User, document: str) -> DocumentAcceptance | None:
    return db.session.scalar(sa.select(DocumentAcceptance).where(
        DocumentAcceptance.user_id == user.id, DocumentAcceptance.document == document)
        .order_by(DocumentAcceptance.version.desc()).limit(1))


def policy_to_read(user: User) -> policy.PolicyVersion | None:
    """The current policy, when the person has not yet been shown it."""
    seen = latest(user, "privacy_policy")
    version = current("privacy_policy")
    return version if seen is None or seen.version < version.number else None


def terms_to_accept(user: User) -> policy.PolicyVersion | None:
    """New consultant terms the consultant must accept: they accepted an earlier version, not this one.
    Accounts from before acceptances were recorded made their agreement outside the portal."""
    if user.role != "consultant":
        return None
    accepted = latest(user, "consultant_terms")
    version = current("consultant_terms")
    return version if accepted is not None and accepted.version < version.number else None


def on_sign_in(actor: Actor, user: User) -> policy.PolicyVersion | None:
    """At sign-in: the policy version to tell the person about (recorded as shown), or None."""
    version = policy_to_read(user)
    if version is not None:
        record(actor, user, "privacy_policy", "sign_in_notice")
    return version
