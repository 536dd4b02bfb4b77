"""Privacy requests: every right of R-RIGHTS as a case with a state, a deadline and a thread.

States move only along TRANSITIONS, and every step is audited. The deadline is counted by
portal.services.privacy.deadlines from the day the request was received, a day in Stockholm (also for a
visitor, whose request counts from the form, not from the click on the link: the stricter reading).
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Callable

import sqlalchemy as sa
from flask_babel import gettext, lazy_gettext as _l

from portal.extensions import db
from portal.models import PrivacyMessage, PrivacyRequest, User, utcnow
from portal.services import DomainError, audit, mail
from portal.services.accounts import tokens
from portal.services.privacy import deadlines
from portal.services.actors import Actor

KINDS = {
    "access": _l("Access to your data (register extract)"),
    "portability": _l("Data portability"),
    "rectification": _l("Rectification"),
    "erasure": _l("Erasure"),
    "restriction": _l("Restriction of processing"),
    "objection": _l("Objection"),
    "consent_withdrawal": _l("Withdrawal of consent"),
    "human_review": _l("Human review of automated matching"),
    "complaint": _l("Complaint"),
}
STATES = {
    "received": _l("Received, awaiting e-mail confirmation"),
    "verified": _l("Verified"),
    "in_progress": _l("In progress"),
    "extended": _l("Extended"),
    "answered": _l("Answered"),
    "refused": _l("Refused"),
}
OPEN_STATES = ("received", "verified", "in_progress", "extended")
# A visitor's request enters the queue when its link is followed; until then staff do not see it.
QUEUE_STATES = ("verified", "in_progress", "extended")
TRANSITIONS: dict[str, frozenset[str]] = {
    "received": frozenset({"verified"}),
    "verified": frozenset({"in_progress", "extended", "answered", "refused"}),
    "in_progress": frozenset({"extended", "answered", "refused"}),
    "extended": frozenset({"answered", "refused"}),
    "answered": frozenset(),
    "refused": frozenset(),
}
# The policy's grounds for refusing (R-RIGHTS-4; GDPR Art. 12(5), 17(3), 21(1)).
REFUSAL_GROUNDS = {
    "ongoing_assignment": _l("An ongoing assignment brokered by us needs the data"),
    "still_needed": _l("The data is still needed for the purpose it was collected for"),
    "no_overriding_reason": _l("No overriding reason / our legitimate grounds prevail"),
    "bookkeeping": _l("Bookkeeping material, kept 7 years under Bokföringslagen"),
    "legal_hold": _l("A legal hold (a claim, a dispute or an authority's order)"),
    "unfounded_or_excessive": _l("The request is manifestly unfounded or excessive"),
}
NEAR_DUE_DAYS = 5
MAX_DETAILS = 4000

# Rights that other features carry out (access extract, erasure, restriction) register a function
# here: called when staff start the request, it does the work and returns the text of the answer,
# which staff review and send. Without one, staff answer manually — a complete path today.
Executor = Callable[[Actor, PrivacyRequest], str | None]
EXECUTORS: dict[str, Executor] = {}


def register_executor(kind: str, executor: Executor) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown privacy request kind: {kind}")
    EXECUTORS[kind] = executor


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise DomainError(_l("Choose which right you want to use."), field="kind")


def _clean_details(details: str | None) -> str:
    text = (details or "").strip()
    if len(text) > MAX_DETAILS:
        raise DomainError(_l("Write at most %(max)d characters.", max=MAX_DETAILS), field="details")
    return text


def _move(actor: Actor, request: PrivacyRequest, state: str, **detail) -> None:
    if state not in TRANSITIONS[request.state]:
        raise DomainError(gettext("This request cannot go from “%(old)s” to “%(new)s”.",
                             old=STATES[request.state], new=STATES[state]))
    old, request.state = request.state, state
    if state in ("answered", "refused"):
        request.closed_at = utcnow()
    db.session.flush()
    audit.record(actor, f"privacy_request.{state}", subject=request.user_id, obj=request,
                 detail={"kind": request.kind, "from": old, **detail})


def _new(actor: Actor, *, kind: str, name: str, email: str, details: str | None, user: User | None,
         today: date | None, state: str, purpose: str | None = None, locale: str | None = None,
         now: datetime | None = None) -> PrivacyRequest:
    _check_kind(kind)
    now = now or utcnow()
    received = today or deadlines.stockholm_date(now)
    request = PrivacyRequest(kind=kind, state=state, user_id=user.id if user else None, name=name.strip(),
                             email=email, details=_clean_details(details), purpose=purpose, received_at=now,
                             received_on=received, deadline=deadlines.one_month_deadline(received), locale=locale,
                             verified_at=now if state == "verified" else None)
    db.session.add(request)
    db.session.flush()
    audit.record(actor, "privacy_request.received", subject=request.user_id, obj=request,
                 detail={"kind": kind, "state": state, "purpose": purpose})
    return request


def open_for_user(actor: Actor, user: User, kind: str, details: str | None = None, *,
                  purpose: str | None = None, today: date | None = None, now: datetime | None = None
                  ) -> PrivacyRequest:
    """A signed-in person's request: verified at once, the sign-in proved who they are. Received on
    `today`, or on the Stockholm date of `now` (default: this instant)."""
    return _new(actor, kind=kind, name=user.name, email=user.email, details=details, user=user,
                today=today, state="verified", purpose=purpose, locale=user.locale, now=now)


def submit_from_visitor(actor: Actor, *, name: str, email: str, kind: str, details: str | None,
                        locale: str | None, link_for: Callable[[str], str],
                        today: date | None = None, now: datetime | None = None) -> PrivacyRequest:
    """A visitor's request: received; a one-time link to the address given proves it is theirs.
    Whether the address has an account changes nothing here, so the answer cannot reveal it."""
    from portal.services.accounts.registration import normalise_email

    if not (name or "").strip():
        raise DomainError(_l("Enter your name."), field="name")
    address = normalise_email(email)
    request = _new(actor, kind=kind, name=name, email=address, details=details, user=None,
                   today=today, state="received", locale=locale, now=now)
    token = tokens.issue("privacy_request", {"request": request.id, "email": address})
    mail.queue(address, _l("Confirm your privacy request"), "privacy_request_verify", locale=locale,
               link=link_for(token), request=request, kind_label=KINDS[kind])
    return request


def verify_visitor(actor: Actor, token: str) -> PrivacyRequest:
    """Spend the link and put the request in the queue. A matching account becomes its person."""
    payload = tokens.read("privacy_request", token)
    request = db.session.get(PrivacyRequest, payload.get("request"))
    if request is None or request.email != payload.get("email") or request.state != "received":
        raise tokens.TokenError(_l("This link is not valid. Check that you copied all of it."))
    tokens.spend("privacy_request", token)
    request.verified_at = utcnow()
    account = db.session.scalar(sa.select(User).where(User.email == request.email))
    if account is not None:
        request.user_id = account.id
    _move(actor, request, "verified")
    return request


def _person_address(request: PrivacyRequest) -> User | str:
    return db.session.get(User, request.user_id) if request.user_id else request.email


def _tell(request: PrivacyRequest, subject, template: str, **context) -> None:
    to = _person_address(request)
    mail.queue(to, subject, template, locale=request.locale if isinstance(to, str) else None,
               request=request, kind_label=KINDS[request.kind], **context)


def start(actor: Actor, request: PrivacyRequest) -> PrivacyRequest:
    """Staff begin the work; a registered executor does its part and prepares the answer."""
    _move(actor, request, "in_progress")
    if request.owner_id is None:
        request.owner_id = actor.user_id
    executor = EXECUTORS.get(request.kind)
    if executor is not None:
        request.prepared_answer = executor(actor, request)
        audit.record(actor, "privacy_request.executed", subject=request.user_id, obj=request,
                     detail={"kind": request.kind})
    db.session.flush()
    return request


def _staff_text(text: str | None, field: str = "text") -> str:
    body = (text or "").strip()
    if not body:
        raise DomainError(_l("Write the text the person will receive."), field=field)
    if len(body) > MAX_DETAILS:
        raise DomainError(_l("Write at most %(max)d characters.", max=MAX_DETAILS), field=field)
    return body


def _add_message(actor: Actor, request: PrivacyRequest, body: str, from_staff: bool) -> PrivacyMessage:
    message = PrivacyMessage(request_id=request.id, user_id=request.user_id, from_staff=from_staff,
                             author_id=actor.user_id, body=body)
    db.session.add(message)
    db.session.flush()
    audit.record(actor, "privacy_request.message", subject=request.user_id, obj=request,
                 detail={"from_staff": from_staff})
    return message


def answer(actor: Actor, request: PrivacyRequest, text: str) -> PrivacyRequest:
    """Close the request with an answer; the person gets it by mail."""
    body = _staff_text(text)
    _move(actor, request, "answered")
    _add_message(actor, request, body, from_staff=True)
    _tell(request, _l("The answer to your privacy request"), "privacy_request_answer", text=body)
    return request


def refuse(actor: Actor, request: PrivacyRequest, ground: str, text: str) -> PrivacyRequest:
    """Refuse on one of the policy's grounds, with the reasons written out; the person is told."""
    if ground not in REFUSAL_GROUNDS:
        raise DomainError(_l("Choose the ground for the refusal."), field="ground")
    body = _staff_text(text)
    request.refusal_ground, request.refusal_text = ground, body
    _move(actor, request, "refused", ground=ground)
    _add_message(actor, request, body, from_staff=True)
    _tell(request, _l("Your privacy request is refused"), "privacy_request_refused", text=body,
          ground_label=REFUSAL_GROUNDS[ground])
    return request


def extend(actor: Actor, request: PrivacyRequest, reason: str, today: date | None = None) -> PrivacyRequest:
    """Two further months (Art. 12(3)): only within the first month, with a reason told to the person."""
    today = today or deadlines.today()
    if request.extended_at is not None:
        raise DomainError(_l("This request is already extended."))
    if today > request.deadline:
        raise DomainError(_l("An extension must be sent within the first month, before the deadline."))
    body = _staff_text(reason, field="reason")
    request.extension_reason = body
    request.extended_at = utcnow()
    request.deadline = deadlines.extended_deadline(request.received_on)
    _move(actor, request, "extended")
    _tell(request, _l("We need more time for your privacy request"), "privacy_request_extended", reason=body)
    return request


def assign(actor: Actor, request: PrivacyRequest, owner: User) -> PrivacyRequest:
    if not owner.has_staff_role("privacy_officer"):
        raise DomainError(_l("Only a privacy officer can own a privacy request."))
    request.owner_id = owner.id
    db.session.flush()
    audit.record(actor, "privacy_request.assign", subject=request.user_id, obj=request,
                 detail={"owner": owner.id})
    return request


def write_to_person(actor: Actor, request: PrivacyRequest, text: str) -> PrivacyMessage:
    """Staff ask or tell the person something without closing the request; it is mailed."""
    if request.state not in OPEN_STATES:
        raise DomainError(_l("This request is closed."))
    message = _add_message(actor, request, _staff_text(text), from_staff=True)
    _tell(request, _l("A message about your privacy request"), "privacy_request_message", text=message.body)
    return message


def reply_from_person(actor: Actor, request: PrivacyRequest, text: str | None) -> PrivacyMessage:
    body = (text or "").strip()
    if not body:
        raise DomainError(_l("Write your message."), field="body")
    if len(body) > MAX_DETAILS:
        raise DomainError(_l("Write at most %(max)d characters.", max=MAX_DETAILS), field="body")
    return _add_message(actor, request, body, from_staff=False)


def for_person(user: User) -> list[PrivacyRequest]:
    return list(db.session.scalars(sa.select(PrivacyRequest).where(PrivacyRequest.user_id == user.id)
                                   .order_by(PrivacyRequest.id.desc())))


def get_for_person(user: User, request_id: int) -> PrivacyRequest | None:
    """The person's own request, or None (the view answers 404) for anybody else's."""
    request = db.session.get(PrivacyRequest, request_id)
    return request if request is not None and request.user_id == user.id else None


def queue(state: str | None = None, kind: str | None = None) -> list[PrivacyRequest]:
    """The back office's queue: verified open requests by default, the nearest deadline first."""
    query = sa.select(PrivacyRequest).order_by(PrivacyRequest.deadline, PrivacyRequest.id)
    if state in STATES:
        query = query.where(PrivacyRequest.state == state)
    elif state != "all":
        query = query.where(PrivacyRequest.state.in_(QUEUE_STATES))
    if kind in KINDS:
        query = query.where(PrivacyRequest.kind == kind)
    return list(db.session.scalars(query))


def urgency(request: PrivacyRequest, today: date | None = None) -> str | None:
    """'overdue', 'near_due' (≤ NEAR_DUE_DAYS left) or None; closed requests have none."""
    if request.state not in OPEN_STATES:
        return None
    today = today or deadlines.today()
    if request.deadline < today:
        return "overdue"
    if request.deadline <= today + timedelta(days=NEAR_DUE_DAYS):
        return "near_due"
    return None
