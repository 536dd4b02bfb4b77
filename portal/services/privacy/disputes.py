"""“This is wrong” (R-RIGHTS-3): the person disputes data they cannot edit themselves — what a referee said,
a client's rating — with a reason. It becomes a rectification request for the privacy officer, linked to a
DataDispute; while open, the item is flagged wherever it is shown and its processing is restricted (it is
not released to clients and does not feed matching). Staff correct the data or reject with a reason; the
person is told, and the flag goes.
"""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import (AssignmentRating, ConsultantProfile, DataDispute, PrivacyRequest, Reference,
                           ReferenceStatement, SupplierConsultant, User, utcnow)
from portal.services import DomainError, audit
from portal.services.matching import search
from portal.services.privacy import privacy_requests
from portal.services.actors import Actor

KINDS = {"reference_statement": _l("What a referee said"), "rating": _l("A client's rating of an assignment")}
STATES = {"open": _l("Disputed: being checked"), "corrected": _l("Corrected"), "rejected": _l("Checked, not changed")}
MAX_TEXT = 4000


def _owner_of(kind: str, object_id: int) -> int | None:
    if kind == "reference_statement":
        return db.session.scalar(sa.select(ConsultantProfile.user_id)
                                 .join(Reference, Reference.profile_id == ConsultantProfile.id)
                                 .join(ReferenceStatement, ReferenceStatement.reference_id == Reference.id)
                                 .where(ReferenceStatement.id == object_id))
    if kind == "rating":
        return db.session.scalar(sa.select(SupplierConsultant.claimed_by_user_id)
                                 .join(AssignmentRating,
                                       AssignmentRating.supplier_consultant_id == SupplierConsultant.id)
                                 .where(AssignmentRating.id == object_id))
    return None


def target_of(kind: str, object_id: int):
    """The row a dispute is about, or None when it has been removed."""
    model = ReferenceStatement if kind == "reference_statement" else AssignmentRating
    return db.session.get(model, object_id)


def target(dispute: DataDispute):
    return target_of(dispute.object_kind, dispute.object_id)


def belongs_to(user: User, kind: str, object_id: int) -> bool:
    """Whether the item is about this person (the view answers 404 otherwise)."""
    return kind in KINDS and _owner_of(kind, object_id) == user.id


def _text(value: str | None, field: str, empty) -> str:
    text = (value or "").strip()
    if not text:
        raise DomainError(empty, field=field)
    if len(text) > MAX_TEXT:
        raise DomainError(_l("Write at most %(max)d characters.", max=MAX_TEXT), field=field)
    return text


def open_dispute(actor: Actor, user: User, kind: str, object_id: int, reason: str | None) -> DataDispute:
    """The person's “this is wrong”: a rectification request with the reason, and the item flagged."""
    if not belongs_to(user, kind, object_id):
        raise DomainError(_l("Choose something shown in your own profile."), field="object_id")
    text = _text(reason, "reason", _l("Say what is wrong, and what is right if you know."))
    if open_for(kind, [object_id]):
        raise DomainError(_l("You have already said this is wrong; we are checking it."), field="reason")
    request = privacy_requests.open_for_user(actor, user, "rectification", text)  # the item: see the dispute
    dispute = DataDispute(user_id=user.id, object_kind=kind, object_id=object_id, reason=text,
                          privacy_request_id=request.id)
    db.session.add(dispute)
    db.session.flush()
    audit.record(actor, "dispute.open", subject=user, obj=dispute, detail={"kind": kind, "request": request.id})
    _reindex(dispute)
    return dispute


def _reindex(dispute: DataDispute) -> None:
    """A disputed rating does not count in matching until it is resolved (R-RIGHTS-5): index it again."""
    if dispute.object_kind == "rating":
        search.enqueue(dispute.user_id, "upsert")


def open_for(kind: str, object_ids) -> set[int]:
    """Which of these items are disputed and not yet resolved."""
    ids = list(object_ids)
    if not ids:
        return set()
    return set(db.session.scalars(sa.select(DataDispute.object_id).where(
        DataDispute.object_kind == kind, DataDispute.object_id.in_(ids), DataDispute.state == "open")))


def is_disputed(kind: str, object_id: int) -> bool:
    return bool(open_for(kind, [object_id]))


def for_person(user: User) -> list[DataDispute]:
    return list(db.session.scalars(sa.select(DataDispute).where(DataDispute.user_id == user.id)
                                   .order_by(DataDispute.id.desc())))


def latest_of(user: User, kind: str, object_id: int) -> DataDispute | None:
    """The person's latest dispute of this item (its outcome is shown beside it)."""
    return db.session.scalar(sa.select(DataDispute).where(
        DataDispute.user_id == user.id, DataDispute.object_kind == kind, DataDispute.object_id == object_id)
        .order_by(DataDispute.id.desc()).limit(1))


def of_request(request: PrivacyRequest) -> DataDispute | None:
    return db.session.scalar(sa.select(DataDispute).where(DataDispute.privacy_request_id == request.id))


def _close(actor: Actor, dispute: DataDispute, state: str, text: str) -> None:
    if dispute.state != "open":
        raise DomainError(_l("This dispute is already resolved."))
    if actor.user is None or not actor.user.has_staff_role("privacy_officer"):
        raise DomainError(_l("Only a privacy officer can resolve a dispute."))
    request = db.session.get(PrivacyRequest, dispute.privacy_request_id) if dispute.privacy_request_id else None
    dispute.state, dispute.resolution = state, text
    dispute.resolved_by_id, dispute.resolved_at = actor.user_id, utcnow()
    db.session.flush()
    audit.record(actor, f"dispute.{state}", subject=dispute.user_id, obj=dispute, detail={"kind": dispute.object_kind})
    _reindex(dispute)
    if request is not None:
        privacy_requests.answer(actor, request, text)  # closes the request; the person gets it by mail


def correct(actor: Actor, dispute: DataDispute, *, new_text: str | None, remove: bool, answer: str | None) -> None:
    """Staff correct the item — new text, or remove it — and tell the person what was done."""
    body = _text(answer, "answer", _l("Write the text the person will receive."))
    row = target(dispute)
    if row is None:
        raise DomainError(_l("The disputed item no longer exists; reject the dispute with an explanation."))
    if remove:
        db.session.delete(row)
    else:
        text = _text(new_text, "new_text", _l("Write the corrected text, or choose to remove the item."))
        if dispute.object_kind == "reference_statement":
            row.text = text
        else:
            row.comment = text
    _close(actor, dispute, "corrected", body)


def reject(actor: Actor, dispute: DataDispute, reason: str | None) -> None:
    """Staff checked and keep the item; the reason is sent to the person."""
    _close(actor, dispute, "rejected", _text(reason, "reason", _l("Say why the data stays as it is.")))
