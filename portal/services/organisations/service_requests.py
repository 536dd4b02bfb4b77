"""Service requests: open, talk with staff, close; staff work a queue with owners (R-BUY-2)."""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import ServiceMessage, ServiceRequest, User, utcnow
from portal.services import DomainError, audit, mail
from portal.services.actors import Actor


def open_request(actor: Actor, user: User, *, subject: str, body: str) -> ServiceRequest:
    if not subject.strip() or not body.strip():
        raise DomainError(_l("Write a subject and a message."), field="body")
    request = ServiceRequest(user_id=user.id, subject=subject.strip())
    request.messages.append(ServiceMessage(requester_id=user.id, author_id=actor.user_id, body=body.strip()))
    db.session.add(request)
    db.session.flush()
    audit.record(actor, "service_request.open", subject=user, obj=request)
    return request


def add_message(actor: Actor, request: ServiceRequest, body: str, link_for=None) -> ServiceMessage:
    if not request.is_open:
        raise DomainError(_l("This request is closed. Open a new one if you need more help."))
    if not body.strip():
        raise DomainError(_l("Write a message."), field="body")
    from_staff = actor.user is not None and actor.user.role == "staff"
    message = ServiceMessage(request_id=request.id, requester_id=request.user_id, author_id=actor.user_id,
                             from_staff=from_staff, body=body.strip())
    db.session.add(message)
    if from_staff and request.owner_id is None:
        request.owner_id = actor.user_id
    db.session.flush()
    if from_staff:  # the answer itself stays in the portal; the mail only says there is one
        mail.queue(request.user, _l("We have answered your service request"), "service_request_reply",
                   request=request, link=link_for(request.id) if link_for else None)
    audit.record(actor, "service_request.message", subject=request.user_id, obj=request,
                 detail={"from_staff": from_staff})
    return message


def close(actor: Actor, request: ServiceRequest) -> None:
    if not request.is_open:
        raise DomainError(_l("This request is already closed."))
    request.state, request.closed_at = "closed", utcnow()
    audit.record(actor, "service_request.close", subject=request.user_id, obj=request)


def take(actor: Actor, request: ServiceRequest) -> None:
    """A staff member becomes the request's owner."""
    request.owner_id = actor.user_id
    audit.record(actor, "service_request.take", subject=request.user_id, obj=request)


def of_user(user: User) -> list[ServiceRequest]:
    return list(db.session.scalars(sa.select(ServiceRequest).where(ServiceRequest.user_id == user.id)
                                   .order_by(ServiceRequest.created_at.desc(), ServiceRequest.id.desc())))


def for_user(user: User, request_id: int) -> ServiceRequest | None:
    return db.session.scalar(sa.select(ServiceRequest).where(ServiceRequest.id == request_id,
                                                             ServiceRequest.user_id == user.id))


def queue(state: str = "open") -> list[ServiceRequest]:
    """Oldest first: the age of a request is how long someone has waited."""
    return list(db.session.scalars(sa.select(ServiceRequest).where(ServiceRequest.state == state)
                                   .order_by(ServiceRequest.created_at, ServiceRequest.id)))
