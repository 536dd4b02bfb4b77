"""The buyer's evaluation of a finished assignment (R-BUY-1); consultants see what concerns them."""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import Assignment, AssignmentRating, AssignmentState, Offer, SupplierConsultant, User
from portal.services import DomainError, audit
from portal.services.matching import search
from portal.services.actors import Actor


def rate(actor: Actor, assignment: Assignment, *, score: int, comment: str,
         supplier_consultant_id: int | None = None) -> AssignmentRating:
    if assignment.state != AssignmentState.FILLED.value:
        raise DomainError(_l("You can rate an assignment once it is filled."))
    if not 1 <= score <= 5:
        raise DomainError(_l("Give a score from 1 to 5."), field="score")
    if supplier_consultant_id is not None and supplier_consultant_id not in dict(rateable(assignment)):
        raise DomainError(_l("Choose a consultant who was selected for this assignment."), field="consultant_id")
    existing = db.session.scalar(sa.select(AssignmentRating).where(
        AssignmentRating.assignment_id == assignment.id,
        AssignmentRating.supplier_consultant_id.is_(None) if supplier_consultant_id is None
        else AssignmentRating.supplier_consultant_id == supplier_consultant_id))
    rating = existing or AssignmentRating(assignment_id=assignment.id, supplier_consultant_id=supplier_consultant_id)
    rating.score, rating.comment, rating.rated_by_id = score, comment.strip(), actor.user_id
    db.session.add(rating)
    db.session.flush()
    audit.record(actor, "assignment.rate", obj=rating, detail={"assignment": assignment.id, "score": score})
    if supplier_consultant_id is not None:  # the rated person's ranking counts it (R-MATCH-1)
        person = db.session.scalar(sa.select(SupplierConsultant.claimed_by_user_id)
                                   .where(SupplierConsultant.id == supplier_consultant_id))
        if person is not None:
            search.enqueue(person)
    return rating


def ratings_of(assignment: Assignment) -> list[AssignmentRating]:
    return list(db.session.scalars(sa.select(AssignmentRating).where(AssignmentRating.assignment_id == assignment.id)
                                   .order_by(AssignmentRating.id)))


def concerning(user: User) -> list[AssignmentRating]:
    """Ratings of the consultant records this person has claimed."""
    return list(db.session.scalars(sa.select(AssignmentRating).join(
        SupplierConsultant, SupplierConsultant.id == AssignmentRating.supplier_consultant_id)
        .where(SupplierConsultant.claimed_by_user_id == user.id).order_by(AssignmentRating.rated_at.desc())))


def rateable(assignment: Assignment) -> list[tuple[int, str]]:
    """(supplier consultant id, name) of the people a buyer may rate: selected for this assignment, and
    named to the buyer with the consultant's own yes (R-STAFF-2, R-CON-9). Never an unconsented name."""
    from portal.services.shortlists import selections

    known = selections.known_to_buyer(assignment)
    if not known:
        return []
    records = db.session.scalars(sa.select(SupplierConsultant).where(
        SupplierConsultant.claimed_by_user_id.in_(list(known)),
        SupplierConsultant.id.in_(sa.select(Offer.supplier_consultant_id).where(Offer.assignment_id == assignment.id)))
        .order_by(SupplierConsultant.id))
    return [(record.id, known[record.claimed_by_user_id]) for record in records]
