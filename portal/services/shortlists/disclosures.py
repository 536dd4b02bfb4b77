"""Releasing a consultant's data to a buyer after their yes (R-CON-9), and the log of every release
that the consultant sees as "who has seen my data"."""
from __future__ import annotations

import json

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import (ConsentRequest, ConsentRequestKind, ConsentRequestStatus, Disclosure, ShortlistEntry,
                           ShortlistState, User)
from portal.services import DomainError, audit
from portal.services.privacy import restrictions
from portal.services.shortlists import candidate_profiles
from portal.services.actors import Actor

RELEASABLE = ("name", "email", "phone", "profile")
FIELD_LABELS = {"name": _l("Name"), "email": _l("E-mail"), "phone": _l("Phone"), "profile": _l("Full profile")}
PROFILE_KEYS = ("title", "summary", "city", "region", "skills", "languages", "certificates", "employment",
                "education", "available_from", "extent", "hourly_rate", "remote")


def _accepted_request(entry: ShortlistEntry) -> ConsentRequest | None:
    return db.session.scalar(sa.select(ConsentRequest).where(
        ConsentRequest.shortlist_entry_id == entry.id, ConsentRequest.kind == ConsentRequestKind.DISCLOSURE.value,
        ConsentRequest.status == ConsentRequestStatus.ACCEPTED.value).order_by(ConsentRequest.id.desc()))


def release(actor: Actor, entry: ShortlistEntry, fields: list[str]) -> Disclosure:
    """Send the chosen fields to the buyer: only after the consultant's yes, and logged for good."""
    chosen = [f for f in RELEASABLE if f in set(fields)]
    if not chosen or len(chosen) != len(set(fields)):
        raise DomainError(_l("Choose what to release: name, e-mail, phone or the full profile."), field="fields")
    request = _accepted_request(entry)
    if entry.state != ShortlistState.CONSULTANT_ACCEPTED.value or request is None or not entry.is_active:
        raise DomainError(_l("The consultant has not said yes to this client: nothing can be released."))
    restrictions.refuse_if_restricted(entry.consultant_id)
    profile = restrictions.without_restricted(candidate_profiles.profile_dict(entry.consultant), entry.consultant_id)
    released = {}
    for name in chosen:
        if name == "profile":
            released["profile"] = {key: profile.get(key) for key in PROFILE_KEYS}
        else:
            released[name] = profile.get(name) or ""
    disclosure = Disclosure(consultant_id=entry.consultant_id, organisation_id=entry.assignment.organisation_id,
                            assignment_id=entry.assignment_id, shortlist_entry_id=entry.id,
                            consent_request_id=request.id, fields_json=json.dumps(chosen),
                            released_json=json.dumps(released, ensure_ascii=False, sort_keys=True, default=str),
                            released_by_id=actor.user_id)
    db.session.add(disclosure)
    entry.state = ShortlistState.RELEASED.value
    db.session.flush()
    audit.record(actor, "disclosure.release", subject=entry.consultant_id, obj=disclosure,
                 detail={"fields": chosen, "organisation": disclosure.organisation_id, "consent": request.id})
    return disclosure


def released_to_buyer(entry: ShortlistEntry) -> dict:
    """Exactly what was released for this shortlist entry, merged over its disclosures."""
    merged: dict = {}
    for disclosure in db.session.scalars(sa.select(Disclosure).where(Disclosure.shortlist_entry_id == entry.id)
                                         .order_by(Disclosure.id)):
        merged.update(json.loads(disclosure.released_json))
    return merged


def of_entry(entry: ShortlistEntry) -> list[Disclosure]:
    return list(db.session.scalars(sa.select(Disclosure).where(Disclosure.shortlist_entry_id == entry.id)
                                   .order_by(Disclosure.id)))


def of_consultant(consultant: User) -> list[Disclosure]:
    return list(db.session.scalars(sa.select(Disclosure).where(Disclosure.consultant_id == consultant.id)
                                   .order_by(Disclosure.released_at.desc(), Disclosure.id.desc())))


def for_person(user: User) -> list[dict]:
    """The person's shortlist picks, questions and disclosures, for the register extract (R-RIGHTS-2)."""
    from portal.services.shortlists import consent_requests

    picks = db.session.scalars(sa.select(ShortlistEntry).where(ShortlistEntry.consultant_id == user.id)
                               .order_by(ShortlistEntry.id))
    result = [{"type": "shortlist_entry", "id": e.id, "assignment_id": e.assignment_id, "state": e.state,
               "picked_at": e.picked_at.isoformat(), "reason": e.reason, "pseudonym": e.pseudonym,
               "anonymized_card": json.loads(e.anonymized_card_json),
               "removed_at": e.removed_at.isoformat() if e.removed_at else None} for e in picks]
    result += [{"type": "consent_request", "id": r.id, "kind": r.kind, "assignment_id": r.assignment_id,
                "asked_at": r.asked_at.isoformat(), "answer_by": r.answer_by.isoformat(), "status": r.status,
                "answered_at": r.answered_at.isoformat() if r.answered_at else None, "answered_via": r.answered_via}
               for r in reversed(consent_requests.of_consultant(user))]
    result += [{"type": "disclosure", "id": d.id, "organisation": d.organisation.name,
                "assignment_id": d.assignment_id, "fields": json.loads(d.fields_json),
                "released_at": d.released_at.isoformat(), "consent_request_id": d.consent_request_id}
               for d in reversed(of_consultant(user))]
    return result
