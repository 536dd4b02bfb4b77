"""Releasing a consultant's data to a buyer after their yes (R-CON-9), and the log of every release
that the consultant sees as "who has seen my data"."""
from __future__ import annotations

import json
from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import (RELEASABLE_FIELDS, ConsentRequest, ConsentRequestKind, ConsentRequestStatus,
                           ConsultantProfile, Disclosure, DisclosureEnd, ShortlistEntry, ShortlistState, User)
from portal.services import DomainError, audit, mail
from portal.services.accounts import memberships
from portal.services.privacy import restrictions
from portal.services.shortlists import candidate_profiles
from portal.services.actors import Actor

# Older releases named e-mail and phone apart; today a consultant chooses "contact" for both.
FIELD_LABELS = {"name": _l("Name"), "contact": _l("Contact details (e-mail and phone)"), "email": _l("E-mail"),
                "phone": _l("Phone"), "profile": _l("CV (the full profile)"),
                "references": _l("References and what referees said")}
PROFILE_KEYS = ("title", "summary", "city", "region", "skills", "languages", "certificates", "employment",
                "education", "available_from", "extent", "hourly_rate", "remote")
MAX_RELEASE_DAYS = 365


def _accepted_request(entry: ShortlistEntry) -> ConsentRequest | None:
    return db.session.scalar(sa.select(ConsentRequest).where(
        ConsentRequest.shortlist_entry_id == entry.id, ConsentRequest.kind == ConsentRequestKind.DISCLOSURE.value,
        ConsentRequest.status == ConsentRequestStatus.ACCEPTED.value).order_by(ConsentRequest.id.desc()))


def _references(consultant: User) -> list[dict]:
    profile = db.session.scalar(sa.select(ConsultantProfile).where(ConsultantProfile.user_id == consultant.id))
    if profile is None:
        return []
    return [{"referee_name": r.referee_name, "role": r.role, "company": r.company, "contact": r.contact,
             "relation": r.relation, "statements": [st.text for st in r.statements]} for r in profile.references]


def _content(entry: ShortlistEntry, fields: list[str]) -> dict:
    consultant = entry.consultant
    if "references" in fields and restrictions.is_restricted(consultant, "references"):
        raise DomainError(_l("The consultant's references are restricted: they cannot be released now."))
    profile = restrictions.without_restricted(candidate_profiles.profile_dict(consultant), consultant.id)
    released: dict = {}
    if "name" in fields:
        released["name"] = profile["name"]
    if "contact" in fields:
        released["email"], released["phone"] = profile["email"], profile["phone"] or ""
    if "profile" in fields:
        released["profile"] = {key: profile.get(key) for key in PROFILE_KEYS}
    if "references" in fields:
        released["references"] = _references(consultant)
    return released


def release(actor: Actor, entry: ShortlistEntry, *, reason: str, ends_on: date | None,
            today: date | None = None) -> Disclosure:
    """Send the buyer exactly what the consultant chose in their yes, with staff's reason and an end date;
    logged for good (R-CON-9)."""
    today = today or date.today()
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_l("Say why you release the profile: the reason is kept with the release."),
                          field="reason")
    if ends_on is None or not today < ends_on <= today + timedelta(days=MAX_RELEASE_DAYS):
        raise DomainError(_l("Give the last day the client may use what is released: after today and within a "
                             "year."), field="ends_on")
    request = _accepted_request(entry)
    if entry.state != ShortlistState.CONSULTANT_ACCEPTED.value or request is None or not entry.is_active:
        raise DomainError(_l("The consultant has not said yes to this client: nothing can be released."))
    restrictions.refuse_if_restricted(entry.consultant_id)
    chosen = [f for f in RELEASABLE_FIELDS if f in request.fields]
    if not chosen:
        raise DomainError(_l("The consultant's yes names nothing to release."))
    disclosure = Disclosure(consultant_id=entry.consultant_id, organisation_id=entry.assignment.organisation_id,
                            assignment_id=entry.assignment_id, shortlist_entry_id=entry.id,
                            consent_request_id=request.id, fields_json=json.dumps(chosen),
                            released_json=json.dumps(_content(entry, chosen), ensure_ascii=False, sort_keys=True,
                                                     default=str),
                            released_by_id=actor.user_id, reason=reason, ends_on=ends_on)
    db.session.add(disclosure)
    entry.state = ShortlistState.RELEASED.value
    db.session.flush()
    audit.record(actor, "disclosure.release", subject=entry.consultant_id, obj=disclosure,
                 detail={"fields": chosen, "organisation": disclosure.organisation_id, "consent": request.id,
                         "ends_on": ends_on.isoformat()})
    return disclosure


def _buyer_recipients(disclosure: Disclosure) -> list[User]:
    contact = disclosure.assignment.contact_person
    if contact is not None and not contact.is_disabled:
        return [contact]
    return [m.user for m in memberships.colleagues(disclosure.organisation) if not m.user.is_disabled]


def of_consultant_by_id(consultant: User, disclosure_id: int) -> Disclosure | None:
    return db.session.scalar(sa.select(Disclosure).where(Disclosure.id == disclosure_id,
                                                         Disclosure.consultant_id == consultant.id))


def end(actor: Actor, disclosure: Disclosure) -> Disclosure:
    """The consultant stops further use of a release: the buyer no longer sees it and is told by mail to
    delete what they kept of it (R-CON-9, R-RIGHTS-1)."""
    consultant = disclosure.consultant_id
    if disclosure.ending is not None:
        raise DomainError(_l("You have already stopped the use of this release."))
    db.session.add(DisclosureEnd(disclosure_id=disclosure.id, consultant_id=consultant, ended_by_id=actor.user_id))
    db.session.flush()
    db.session.refresh(disclosure)
    for user in _buyer_recipients(disclosure):
        mail.queue(user, _l("A consultant has stopped your use of their data"), "disclosure_ended",
                   disclosure=disclosure, assignment=disclosure.assignment)
    audit.record(actor, "disclosure.end", subject=consultant, obj=disclosure,
                 detail={"organisation": disclosure.organisation_id})
    return disclosure


def released_to_buyer(entry: ShortlistEntry, today: date | None = None) -> tuple[dict, dict | None]:
    """What the buyer may still use of this entry's releases, merged, and how the others ended:
    {"on": date, "stopped": True} when the consultant stopped them, {"on": ends_on} when they ran out."""
    today = today or date.today()
    merged: dict = {}
    ended = None
    for disclosure in of_entry(entry):
        if disclosure.in_force(today):
            merged.update(json.loads(disclosure.released_json))
        elif disclosure.ending is not None:
            ended = {"on": disclosure.ending.ended_at.date(), "stopped": True}
        else:
            ended = {"on": disclosure.ends_on, "stopped": False}
    return merged, (None if merged else ended)


def of_entry(entry: ShortlistEntry) -> list[Disclosure]:
    return list(db.session.scalars(sa.select(Disclosure).where(Disclosure.shortlist_entry_id == entry.id)
                                   .order_by(Disclosure.id)))


def of_consultant(consultant: User) -> list[Disclosure]:
    return list(db.session.scalars(sa.select(Disclosure).where(Disclosure.consultant_id == consultant.id)
                                   .order_by(Disclosure.released_at.desc(), Disclosure.id.desc())))


def for_person(user: User) -> list[dict]:
    """The person's shortlist picks, questions, disclosures, card showings and selections, for the
    register extract (R-RIGHTS-2)."""
    from portal.services.shortlists import consent_requests, selections, showings

    picks = db.session.scalars(sa.select(ShortlistEntry).where(ShortlistEntry.consultant_id == user.id)
                               .order_by(ShortlistEntry.id))
    result = [{"type": "shortlist_entry", "id": e.id, "assignment_id": e.assignment_id, "state": e.state,
               "picked_at": e.picked_at.isoformat(), "reason": e.reason, "pseudonym": e.pseudonym,
               "anonymized_card": json.loads(e.anonymized_card_json), "card_k": e.card_k,
               "removed_at": e.removed_at.isoformat() if e.removed_at else None} for e in picks]
    result += [{"type": "consent_request", "id": r.id, "kind": r.kind, "assignment_id": r.assignment_id,
                "asked_at": r.asked_at.isoformat(), "answer_by": r.answer_by.isoformat(), "status": r.status,
                "answered_at": r.answered_at.isoformat() if r.answered_at else None, "answered_via": r.answered_via,
                "fields": r.fields, "withdrawn_at": r.withdrawn_at.isoformat() if r.withdrawn_at else None}
               for r in reversed(consent_requests.of_consultant(user))]
    result += [{"type": "disclosure", "id": d.id, "organisation": d.organisation.name,
                "assignment_id": d.assignment_id, "fields": json.loads(d.fields_json),
                "released_at": d.released_at.isoformat(), "consent_request_id": d.consent_request_id,
                "reason": d.reason, "ends_on": d.ends_on.isoformat() if d.ends_on else None,
                "stopped_at": d.ending.ended_at.isoformat() if d.ending else None}
               for d in reversed(of_consultant(user))]
    result += [{"type": "card_showing", "assignment_id": c.assignment_id, "organisation": c.organisation.name,
                "shown_on": c.shown_on.isoformat()} for c in reversed(showings.of_consultant(user))]
    result += [{"type": "selection", "assignment_id": x.assignment_id, "decided_at": x.decided_at.isoformat(),
                "reason": x.reason} for x in selections.of_consultant(user)]
    return result
