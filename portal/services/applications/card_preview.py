"""What the buyer would see of an applicant (R-CON-9, R-BUY-7): the anonymous card drafted now from the
consultant's own profile, exactly as shortlists.cards drafts it when staff shortlist the application, under
this assignment's pseudonym. Nothing identifying is in it; the profile's name and contact details leave only
after the consultant says yes to a later question."""
from __future__ import annotations

from dataclasses import dataclass

from portal.models import Assignment, User
from portal.services import DomainError
from portal.services.shortlists import cards


@dataclass(frozen=True)
class Preview:
    card: dict | None  # None: no card could be drafted (the pool is too small), `problem` says why
    k: int = 0
    problem: str | None = None


def preview(consultant: User, assignment: Assignment) -> Preview:
    """The card as it would be drafted today; it may still change with the profile and the pool."""
    try:
        card, k = cards.draft(consultant, assignment)
    except DomainError as error:
        return Preview(None, 0, error.message)
    return Preview(card, k)
