"""LOU (R-CON-4): the consultant's explicit yes to being named in a public buyer's tender response.

A tender response to a public buyer becomes a public document (allmän handling) under the principle of public
access (offentlighetsprincipen), subject to the Public Access to Information and Secrecy Act. So the yes is
asked per assignment, only of the consultant themself, and is always withdrawable: a withdrawal stops every
later export of the tender CV at once; a tender response already submitted stays with the buyer.
"""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import Assignment, AssignmentState, TenderNaming, User, utcnow
from portal.services import DomainError, audit
from portal.services.actors import Actor

# An assignment a consultant may still be named for; a yes already given stays readable (and withdrawable).
OPEN_STATES = (AssignmentState.PUBLISHED.value, AssignmentState.SHORTLISTING.value)


class NotTheirs(DomainError):
    """Somebody other than the consultant tried to answer for them."""


def naming_of(consultant_id: int, assignment_id: int) -> TenderNaming | None:
    return db.session.scalar(sa.select(TenderNaming).where(TenderNaming.consultant_id == consultant_id,
                                                           TenderNaming.assignment_id == assignment_id))


def in_force(consultant_id: int, assignment_id: int) -> bool:
    """Whether the consultant's yes to being named in this assignment's tender response stands now."""
    naming = naming_of(consultant_id, assignment_id)
    return naming is not None and naming.withdrawn_at is None


def for_consultant(consultant: User, assignment_id: int) -> Assignment | None:
    """The LOU assignment as the consultant may see it here: open, or one they answered about; else None (404)."""
    assignment = db.session.get(Assignment, assignment_id)
    if assignment is None or not assignment.is_lou:
        return None
    if assignment.state in OPEN_STATES or naming_of(consultant.id, assignment.id) is not None:
        return assignment
    return None


def _check(actor: Actor, consultant: User, assignment: Assignment) -> None:
    if actor.user is None or actor.user_id != consultant.id or consultant.role != "consultant":
        raise NotTheirs(_l("Only the consultant themself can answer whether they may be named in a tender "
                           "response."))
    if not assignment.is_lou:
        raise DomainError(_l("This assignment is not a public procurement: no tender response names you."))


def give(actor: Actor, consultant: User, assignment: Assignment) -> TenderNaming:
    """The consultant's explicit yes (R-CON-4); given again after a withdrawal, it starts anew."""
    _check(actor, consultant, assignment)
    if assignment.state not in OPEN_STATES:
        raise DomainError(_l("This assignment is closed: no new tender response will name anybody."))
    naming = naming_of(consultant.id, assignment.id)
    if naming is not None and naming.withdrawn_at is None:
        raise DomainError(_l("You have already said yes to being named in this tender response."))
    if naming is None:
        naming = TenderNaming(consultant_id=consultant.id, assignment_id=assignment.id)
        db.session.add(naming)
    naming.given_at, naming.withdrawn_at = utcnow(), None
    db.session.flush()
    audit.record(actor, "tender_naming.give", subject=consultant.id, obj=naming,
                 detail={"assignment": assignment.id})
    return naming


def withdraw(actor: Actor, consultant: User, assignment: Assignment) -> TenderNaming:
    """Take the yes back, at any time: no tender CV is exported after this (R-CON-4)."""
    _check(actor, consultant, assignment)
    naming = naming_of(consultant.id, assignment.id)
    if naming is None or naming.withdrawn_at is not None:
        raise DomainError(_l("There is no yes to withdraw: you are not named in this tender response."))
    naming.withdrawn_at = utcnow()
    db.session.flush()
    audit.record(actor, "tender_naming.withdraw", subject=consultant.id, obj=naming,
                 detail={"assignment": assignment.id})
    return naming


def of_assignment(assignment: Assignment) -> dict[int, TenderNaming]:
    """Every answer given about this assignment's tender response, by consultant id (for staff)."""
    return {n.consultant_id: n for n in db.session.scalars(
        sa.select(TenderNaming).where(TenderNaming.assignment_id == assignment.id))}
