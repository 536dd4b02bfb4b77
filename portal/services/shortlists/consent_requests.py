"""The consultant is asked first (R-CON-9, R-CON-1): a question by mail and in the portal, answered yes or
no before a deadline; silence past the deadline counts as no (timed out)."""
from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Callable

import sqlalchemy as sa

from flask import current_app
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import (RELEASABLE_FIELDS, ConsentRequest, ConsentRequestKind, ConsentRequestStatus,
                           Organisation, ShortlistEntry, ShortlistState, User, utcnow)
from portal.services import DomainError, audit, mail
from portal.services.accounts import tokens
from portal.services.privacy import legitimate_interests, restrictions
from portal.services.actors import Actor

K, R, S = ConsentRequestKind, ConsentRequestStatus, ShortlistState
TOKEN_PURPOSE = "consent_answer"  # nosec B105  # a salt's name, not a secret
SUBJECTS = {K.INTEREST.value: _l("Are you interested in an assignment?"),
            K.DISCLOSURE.value: _l("A client wants to meet you: may we tell them who you are?")}


LinkFor = Callable[[str], str]


def _ask(actor: Actor, entry: ShortlistEntry, kind: str, link_for: LinkFor) -> ConsentRequest:
    restrictions.refuse_if_restricted(entry.consultant_id)
    request = ConsentRequest(kind=kind, consultant_id=entry.consultant_id, assignment_id=entry.assignment_id,
                             shortlist_entry_id=entry.id, asked_by_id=actor.user_id,
                             answer_by=utcnow() + timedelta(days=current_app.config["DISCLOSURE_ANSWER_DAYS"]))
    db.session.add(request)
    db.session.flush()
    token = tokens.issue(TOKEN_PURPOSE, {"request": request.id})
    mail.queue(entry.consultant, SUBJECTS[kind], "consent_request", request=request,
               assignment=entry.assignment, client=entry.assignment.organisation,
               link=link_for(token))
    audit.record(actor, f"consent_request.ask_{kind}", subject=entry.consultant_id, obj=request,
                 detail={"assignment": entry.assignment_id, "entry": entry.id})
    return request


def _pending(entry: ShortlistEntry, kind: str) -> ConsentRequest | None:
    return db.session.scalar(sa.select(ConsentRequest).where(
        ConsentRequest.shortlist_entry_id == entry.id, ConsentRequest.kind == kind,
        ConsentRequest.status == R.PENDING.value))


def ask_interest(actor: Actor, entry: ShortlistEntry, link_for: LinkFor) -> ConsentRequest:
    """Staff ask "are you interested in this assignment?" (R-CON-1); the answer is for staff only."""
    if not entry.is_active:
        raise DomainError(_l("This consultant is no longer on the shortlist."))
    if _pending(entry, K.INTEREST.value) is not None:
        raise DomainError(_l("The consultant has not answered the last question yet."))
    if not legitimate_interests.may_contact_about_assignments(entry.consultant_id):  # R-LI: the objection acts
        raise DomainError(_l("The consultant has objected to being contacted about assignments: they cannot be "
                             "asked."))
    return _ask(actor, entry, K.INTEREST.value, link_for)


def ask_to_meet(actor: Actor, organisation: Organisation, entry: ShortlistEntry,
                link_for: LinkFor) -> ConsentRequest:
    """The buyer wants to meet a candidate: the consultant is asked, nothing is sent to the buyer."""
    if entry.assignment.organisation_id != organisation.id:
        raise DomainError(_l("This candidate is not on your shortlist."))
    if entry.state != S.APPROVED_FOR_BUYER.value:
        raise DomainError(_l("You have already asked to meet this candidate."))
    entry.state = S.MEETING_REQUESTED.value
    request = _ask(actor, entry, K.DISCLOSURE.value, link_for)
    entry.state = S.CONSULTANT_ASKED.value
    db.session.flush()
    return request


def for_consultant(consultant: User, request_id: int) -> ConsentRequest | None:
    return db.session.scalar(sa.select(ConsentRequest).where(ConsentRequest.id == request_id,
                                                             ConsentRequest.consultant_id == consultant.id))


def of_consultant(consultant: User) -> list[ConsentRequest]:
    return list(db.session.scalars(sa.select(ConsentRequest).where(ConsentRequest.consultant_id == consultant.id)
                                   .order_by(ConsentRequest.asked_at.desc(), ConsentRequest.id.desc())))


def of_entry(entry: ShortlistEntry) -> list[ConsentRequest]:
    return list(db.session.scalars(sa.select(ConsentRequest).where(ConsentRequest.shortlist_entry_id == entry.id)
                                   .order_by(ConsentRequest.id)))


def chosen_fields(values) -> list[str]:
    """The releasable fields among `values`, in their fixed order; DomainError for anything else."""
    given = set(values or ())
    if not given <= set(RELEASABLE_FIELDS):
        raise DomainError(_l("Choose only from the list what we may release."), field="fields")
    return [f for f in RELEASABLE_FIELDS if f in given]


def answer(actor: Actor, request: ConsentRequest, yes: bool, *, via: str, fields=None,
           now: datetime | None = None) -> None:
    """Record the consultant's yes or no, once, before the deadline. A yes to meet names, field by field,
    what may be released (R-CON-9): nothing else ever is."""
    now = now or utcnow()
    if request.status == R.PENDING.value and request.answer_by < now:
        _time_out(request)
    if request.status != R.PENDING.value:
        raise DomainError(_l("This question is already answered or no longer open."))
    if yes and request.kind == K.DISCLOSURE.value:
        chosen = chosen_fields(fields)
        if not chosen:
            raise DomainError(_l("Choose what we may tell the client: your name, contact details, CV or "
                                 "references."), field="fields")
        request.fields_json = json.dumps(chosen)
    request.status = R.ACCEPTED.value if yes else R.DECLINED.value
    request.answer, request.answered_at, request.answered_via = yes, now, via
    entry = request.shortlist_entry
    if request.kind == K.DISCLOSURE.value and entry.state == S.CONSULTANT_ASKED.value:
        entry.state = S.CONSULTANT_ACCEPTED.value if yes else S.CONSULTANT_DECLINED.value
    db.session.flush()
    audit.record(actor, f"consent_request.{request.status}", subject=request.consultant_id, obj=request,
                 detail={"kind": request.kind, "via": via, "fields": request.fields})


def withdraw(actor: Actor, request: ConsentRequest) -> None:
    """The consultant takes back a yes to meet before anything was released; the buyer then reads
    "not available", as after a no."""
    entry = request.shortlist_entry
    if request.kind != K.DISCLOSURE.value or request.status != R.ACCEPTED.value:
        raise DomainError(_l("Only a yes to meet a client can be taken back."))
    if entry.state != S.CONSULTANT_ACCEPTED.value:
        raise DomainError(_l("Your data has already been released: stop its further use under "
                             "“Who has seen my data” instead."))
    request.status, request.withdrawn_at = R.WITHDRAWN.value, utcnow()
    entry.state = S.CONSULTANT_DECLINED.value
    db.session.flush()
    audit.record(actor, "consent_request.withdrawn", subject=request.consultant_id, obj=request,
                 detail={"kind": request.kind})


def request_from_token(token: str) -> ConsentRequest:
    """The question a mail link points to; TokenError when tampered, expired or used."""
    payload = tokens.read(TOKEN_PURPOSE, token)
    request = db.session.get(ConsentRequest, payload.get("request"))
    if request is None:
        raise tokens.TokenError(_l("This link is not valid. Check that you copied all of it."))
    return request


def answer_by_token(token: str, yes: bool, ip: str | None, fields=None) -> ConsentRequest:
    """Answer from the mail link: the link is spent in the same transaction as the answer."""
    request = request_from_token(token)
    tokens.spend(TOKEN_PURPOSE, token)
    answer(Actor(user=request.consultant, ip=ip), request, yes, via="mail", fields=fields)
    return request


def _time_out(request: ConsentRequest) -> None:
    request.status = R.TIMED_OUT.value
    entry = request.shortlist_entry
    if request.kind == K.DISCLOSURE.value and entry.state == S.CONSULTANT_ASKED.value:
        entry.state = S.TIMED_OUT.value
    db.session.flush()


def expire_overdue(actor: Actor, now: datetime | None = None) -> int:
    """Unanswered questions past their deadline become timed out (the buyer then sees "not available")."""
    overdue = db.session.scalars(sa.select(ConsentRequest).where(
        ConsentRequest.status == R.PENDING.value, ConsentRequest.answer_by < (now or utcnow()))).all()
    for request in overdue:
        _time_out(request)
        audit.record(actor, "consent_request.timed_out", subject=request.consultant_id, obj=request,
                     detail={"kind": request.kind})
    return len(overdue)
