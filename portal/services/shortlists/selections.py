"""The final selection (R-STAFF-2, R-MATCH-2): an employee names who was selected for an assignment and
why, and only then is it filled. The buyer may rate, and later work with, only people selected whose
name the consultant let us release."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import Assignment, AssignmentState, Selection, ShortlistEntry, ShortlistState, User
from portal.services import DomainError, audit
from portal.services.actors import Actor


def of_assignment(assignment: Assignment) -> list[Selection]:
    return list(db.session.scalars(sa.select(Selection).where(Selection.assignment_id == assignment.id)
                                   .order_by(Selection.id)))


def of_consultant(consultant: User) -> list[Selection]:
    return list(db.session.scalars(sa.select(Selection).where(Selection.consultant_id == consultant.id)
                                   .order_by(Selection.id)))


def record(actor: Actor, assignment: Assignment, entry_ids: list[int], reason: str,
           terms: dict | None = None) -> list[Selection]:
    """Select consultants whose data was released with their yes, with the employee's reason, and fill the
    assignment; each selection becomes an engagement (`terms`: entry id → engagements.create.Terms).
    Nothing is saved unless every named entry can be selected and engaged."""
    from portal.services.assignments import lifecycle
    from portal.services.engagements import create as engagements

    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_l("Say why you select them: the reason is kept with the decision."), field="reason")
    if assignment.state != AssignmentState.SHORTLISTING.value:
        raise DomainError(_l("Only an assignment in shortlisting can be filled."))
    wanted = set(entry_ids)
    if not wanted:
        raise DomainError(_l("Choose at least one consultant to select."), field="entries")
    chosen = list(db.session.scalars(sa.select(ShortlistEntry).where(
        ShortlistEntry.id.in_(wanted), ShortlistEntry.assignment_id == assignment.id,
        ShortlistEntry.removed_at.is_(None), ShortlistEntry.state == ShortlistState.RELEASED.value)))
    if len(chosen) != len(wanted):
        raise DomainError(_l("Only consultants on this shortlist who said yes and whose data was released can "
                             "be selected."), field="entries")
    made = [Selection(assignment_id=assignment.id, shortlist_entry_id=e.id, consultant_id=e.consultant_id,
                      decided_by_id=actor.user_id, reason=reason) for e in chosen]
    db.session.add_all(made)
    db.session.flush()
    for selection in made:
        audit.record(actor, "assignment.select", subject=selection.consultant_id, obj=selection,
                     detail={"assignment": assignment.id})
        given = (terms or {}).get(selection.shortlist_entry_id) or engagements.Terms()
        engagements.from_selection(actor, selection, rate=given.rate, end_date=given.end_date)
    lifecycle.transition(actor, assignment, AssignmentState.FILLED.value)
    return made


def known_to_buyer(assignment: Assignment, today: date | None = None) -> dict[int, str]:
    """Selected consultants whose name was released to this buyer and is still in force: user id → the
    released name. Nobody else may be named or rated on the buyer's pages."""
    from portal.services.shortlists import disclosures

    today = today or date.today()
    known: dict[int, str] = {}
    for selection in of_assignment(assignment):
        released, _ended = disclosures.released_to_buyer(selection.entry, today)
        if released.get("name"):
            known[selection.consultant_id] = released["name"]
    return known

