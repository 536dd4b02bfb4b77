"""How many consultants match a requirement: numbers only, never who (R-BUY-1 "evaluate and improve").

One small interface, so the source can change without touching the callers. Consultant profiles
(issue 3) are built elsewhere; until their skill tables exist, a "match" is a consultant whom a
supplier has offered (and who agreed to the offer) with a yes to a must requirement, or a level of 3 or more to a should
requirement, of the same wording (case-insensitive) in any assignment.
"""
from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.models import AssignmentRequirement, Offer, OfferAnswer, OfferState

FEW = 3  # a must requirement matched by fewer consultants than this gets a hint


def count_matching(skill_name: str) -> int:
    """Distinct consultants whose answered requirements match `skill_name`."""
    name = skill_name.strip().lower()
    if not name:
        return 0
    query = (sa.select(sa.func.count(sa.distinct(Offer.supplier_consultant_id)))
             .select_from(OfferAnswer)
             .join(Offer, Offer.id == OfferAnswer.offer_id)
             .join(AssignmentRequirement, AssignmentRequirement.id == OfferAnswer.requirement_id)
             .where(sa.func.lower(AssignmentRequirement.text) == name,
                    Offer.state != OfferState.AWAITING_CONSULTANT.value,  # not counted before the consultant's yes
                    sa.or_(OfferAnswer.meets.is_(True), OfferAnswer.level >= 3)))
    return db.session.scalar(query) or 0


def for_assignment(assignment) -> list[dict]:
    """Per requirement: its count and whether to hint that a must requirement narrows too much."""
    rows = []
    for requirement in assignment.requirements:
        count = count_matching(requirement.text)
        rows.append({"requirement": requirement, "count": count,
                     "hint": requirement.kind == "must" and count < FEW})
    return rows
