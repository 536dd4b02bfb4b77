"""A person selects (R-STAFF-2, R-MATCH-2): recruiters pick consultants into an assignment's shortlist with
a reason, review each anonymous card and approve it for the buyer. Nothing goes to a buyer by itself, and
no card reaches a buyer unless k consultants of the pool share everything it shows (k_anonymity.py)."""
from __future__ import annotations

import json

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import (Assignment, Organisation, ProcessingRestriction, ShortlistEntry, ShortlistState, User,
                           utcnow)
from portal.services import DomainError, audit
from portal.services.matching import explanations
from portal.services.privacy import restrictions
from portal.services.shortlists import cards, k_anonymity
from portal.services.actors import Actor
from portal.services.matching.records import Explanation

S = ShortlistState
SEARCH_LIMIT = 20
# What the buyer may know of each state: asked (waiting), not available, or released.
BUYER_STATUS = {S.APPROVED_FOR_BUYER.value: "can_ask", S.MEETING_REQUESTED.value: "asked",
                S.CONSULTANT_ASKED.value: "asked", S.CONSULTANT_ACCEPTED.value: "asked",
                S.CONSULTANT_DECLINED.value: "not_available", S.TIMED_OUT.value: "not_available",
                S.RELEASED.value: "released"}


def search_consultants(query: str) -> list[User]:
    """Consultant accounts whose name or e-mail contains the text (for the recruiter's picker)."""
    text = query.strip().lower()
    if len(text) < 2:
        return []
    pattern = f"%{text}%"
    return list(db.session.scalars(
        sa.select(User).where(User.role == "consultant", User.is_disabled.is_(False),
                              sa.or_(sa.func.lower(User.name).like(pattern), User.email.like(pattern)))
        .order_by(User.name, User.id).limit(SEARCH_LIMIT)))


def entries(assignment: Assignment, *, include_removed: bool = True) -> list[ShortlistEntry]:
    query = sa.select(ShortlistEntry).where(ShortlistEntry.assignment_id == assignment.id)
    if not include_removed:
        query = query.where(ShortlistEntry.removed_at.is_(None))
    return list(db.session.scalars(query.order_by(ShortlistEntry.picked_at, ShortlistEntry.id)))


def of_consultant(consultant: User) -> list[ShortlistEntry]:
    """Every shortlist the consultant was picked for, still on or not: each can be explained (R-MATCH-3)."""
    return list(db.session.scalars(sa.select(ShortlistEntry).where(ShortlistEntry.consultant_id == consultant.id)
                                   .order_by(ShortlistEntry.picked_at.desc(), ShortlistEntry.id.desc())))


def of_consultant_by_id(consultant: User, entry_id: int) -> ShortlistEntry | None:
    return db.session.scalar(sa.select(ShortlistEntry).where(ShortlistEntry.id == entry_id,
                                                             ShortlistEntry.consultant_id == consultant.id))


def card(entry: ShortlistEntry) -> dict:
    return json.loads(entry.anonymized_card_json)


def _active_entry(assignment_id: int, consultant_id: int) -> ShortlistEntry | None:
    return db.session.scalar(sa.select(ShortlistEntry).where(
        ShortlistEntry.assignment_id == assignment_id, ShortlistEntry.consultant_id == consultant_id,
        ShortlistEntry.removed_at.is_(None)))


def add(actor: Actor, assignment: Assignment, consultant_id: int | None, reason: str, *,
        explanation: Explanation | None = None) -> ShortlistEntry:
    """Pick one consultant, with the recruiter's reason; the anonymized card is drafted for review.
    `explanation` is the ranking's, when picked from the ranking; it is kept for the consultant (R-MATCH-3)."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_l("Say why you pick this consultant: the reason is kept with the choice."),
                          field="reason")
    if assignment.is_closed:
        raise DomainError(_l("This assignment is closed; its shortlist can no longer change."))
    consultant = db.session.get(User, consultant_id) if consultant_id else None
    if consultant is None or consultant.role != "consultant":
        raise DomainError(_l("Choose a consultant from the search results."), field="consultant_id")
    restrictions.refuse_if_restricted(consultant.id)
    if _active_entry(assignment.id, consultant.id) is not None:
        raise DomainError(_l("This consultant is already on the shortlist."), field="consultant_id")
    draft, k = cards.draft(consultant, assignment)
    entry = ShortlistEntry(assignment_id=assignment.id, consultant_id=consultant.id, picked_by_id=actor.user_id,
                           reason=reason, pseudonym=draft["pseudonym"], card_k=k,
                           anonymized_card_json=_dumps(draft),
                           explanation_json=explanations.dumps(explanation) if explanation else None)
    db.session.add(entry)
    db.session.flush()
    audit.record(actor, "shortlist.add", subject=consultant, obj=entry,
                 detail={"assignment": assignment.id, "card_k": k})
    return entry


def _dumps(card_data: dict) -> str:
    return json.dumps(card_data, ensure_ascii=False, sort_keys=True)


def redraft(actor: Actor, entry: ShortlistEntry) -> bool:
    """Draft the card again from the profile and pool as they are now; True when it changed. A changed
    card goes back to "proposed": staff approve exactly the text a buyer will see."""
    if not entry.is_active:
        raise DomainError(_l("This consultant is no longer on the shortlist."))
    draft, k = cards.draft(entry.consultant, entry.assignment)
    draft["pseudonym"] = entry.pseudonym  # the buyer may already know the candidate by it
    changed = _dumps(draft) != entry.anonymized_card_json
    entry.card_k = k
    if changed:
        entry.anonymized_card_json = _dumps(draft)
        if entry.state == S.APPROVED_FOR_BUYER.value:
            entry.state, entry.approved_by_id, entry.approved_at = S.PROPOSED.value, None, None
    db.session.flush()
    audit.record(actor, "shortlist.redraft_card", subject=entry.consultant_id, obj=entry,
                 detail={"assignment": entry.assignment_id, "card_k": k, "changed": changed})
    return changed


def remove(actor: Actor, entry: ShortlistEntry, reason: str) -> None:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_l("Say why you remove this consultant from the shortlist."), field="reason")
    if not entry.is_active:
        raise DomainError(_l("This consultant was already removed from the shortlist."))
    entry.removed_at, entry.removed_by_id, entry.removal_reason = utcnow(), actor.user_id, reason
    db.session.flush()
    audit.record(actor, "shortlist.remove", subject=entry.consultant_id, obj=entry,
                 detail={"assignment": entry.assignment_id})


def approve_card(actor: Actor, entry: ShortlistEntry) -> bool:
    """A recruiter has read the anonymous card: from now on the buyer sees it, under the pseudonym. The card
    is drafted again first; when the profile or the pool changed it, nothing is approved (False) and the
    recruiter reads the new card."""
    if not entry.is_active or entry.state != S.PROPOSED.value:
        raise DomainError(_l("Only a proposed candidate's card can be approved for the buyer."))
    restrictions.refuse_if_restricted(entry.consultant_id)
    if redraft(actor, entry):
        return False
    entry.state, entry.approved_by_id, entry.approved_at = S.APPROVED_FOR_BUYER.value, actor.user_id, utcnow()
    db.session.flush()
    audit.record(actor, "shortlist.approve_card", subject=entry.consultant_id, obj=entry,
                 detail={"assignment": entry.assignment_id, "card_k": entry.card_k})
    return True


def _restricted_people():
    return sa.select(ProcessingRestriction.user_id).where(ProcessingRestriction.category == restrictions.WHOLE,
                                                          ProcessingRestriction.lifted_at.is_(None))


def for_buyer(organisation: Organisation, assignment_id: int, entry_id: int) -> ShortlistEntry | None:
    """An approved entry of this organisation's assignment; None (not found) for anything else."""
    return db.session.scalar(
        sa.select(ShortlistEntry).join(Assignment, Assignment.id == ShortlistEntry.assignment_id).where(
            ShortlistEntry.id == entry_id, ShortlistEntry.assignment_id == assignment_id,
            Assignment.organisation_id == organisation.id, ShortlistEntry.removed_at.is_(None),
            ShortlistEntry.state.in_(tuple(BUYER_STATUS)), ShortlistEntry.card_k >= k_anonymity.required_k(),
            ShortlistEntry.consultant_id.not_in(_restricted_people())))


def buyer_rows(assignment: Assignment) -> list[dict]:
    """The anonymized shortlist as the buyer sees it: pseudonym, approved card, status, released data."""
    from portal.services.shortlists import disclosures

    rows = []
    listed = entries(assignment, include_removed=False)
    frozen = restrictions.restricted_ids(e.consultant_id for e in listed)  # R-RIGHTS-5: hidden while restricted
    k = k_anonymity.required_k()
    for entry in listed:
        status = BUYER_STATUS.get(entry.state)
        if status is None or entry.consultant_id in frozen or (entry.card_k or 0) < k:
            continue
        row = {"id": entry.id, "pseudonym": entry.pseudonym, "status": status, "card": None, "released": None,
               "ended": None, "consultant_id": entry.consultant_id}
        if status != "not_available":
            row["card"] = card(entry)
        if status == "released":
            row["released"], row["ended"] = disclosures.released_to_buyer(entry)
        rows.append(row)
    return rows
