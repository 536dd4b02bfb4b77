"""What each audience may read of an engagement beyond its own rows (R-CON-9, R-BUY-1, R-SUP-1).

The buyer sees the consultant only by the name the consultant released to it, while that release is in
force; otherwise by the pseudonym of their anonymous card, never more. The supplier sees its consultant as
it registered them and its own offer's rate, not the rate the buyer pays."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import Engagement, Offer, SupplierConsultant

LABELS = {
    "ENGAGEMENT_PHASE_LABELS": {"upcoming": _l("Not started yet"), "active": _l("Ongoing"), "ended": _l("Ended")},
    "ENGAGEMENT_CHANGE_LABELS": {"start": _l("Start"), "extension": _l("Extension"), "early_end": _l("Early end")},
}


@dataclass(frozen=True)
class BuyerLabel:
    name: str | None  # released and in force, else None
    pseudonym: str | None  # the anonymous card's code, when there is no name to show


@dataclass(frozen=True)
class SupplierSide:
    consultant_name: str
    offer: Offer | None


def page_context() -> dict:
    """What every engagement page's template reads besides the engagement: labels and the phase question."""
    from portal.services.engagements.changes import phase

    return {**LABELS, "engagement_phase": phase}


def buyer_label(engagement: Engagement, today: date | None = None) -> BuyerLabel:
    from portal.services.shortlists import disclosures

    selection = engagement.selection
    if selection is None:
        return BuyerLabel(name=None, pseudonym=None)
    released, _ended = disclosures.released_to_buyer(selection.entry, today or date.today())
    name = released.get("name")
    return BuyerLabel(name=name, pseudonym=None if name else selection.entry.pseudonym)


def buyer_labels(engagements: list[Engagement], today: date | None = None) -> dict[int, BuyerLabel]:
    return {engagement.id: buyer_label(engagement, today) for engagement in engagements}


def supplier_side(engagement: Engagement) -> SupplierSide:
    """The supplier's own record of its consultant and its offer on this assignment."""
    record = db.session.scalar(sa.select(SupplierConsultant).where(
        SupplierConsultant.organisation_id == engagement.supplier_organisation_id,
        SupplierConsultant.claimed_by_user_id == engagement.consultant_id).order_by(SupplierConsultant.id).limit(1))
    offer = None
    if record is not None:
        offer = db.session.scalar(sa.select(Offer).where(Offer.assignment_id == engagement.assignment_id,
                                                         Offer.supplier_consultant_id == record.id))
    return SupplierSide(consultant_name=record.name if record is not None else "", offer=offer)


def supplier_sides(engagements: list[Engagement]) -> dict[int, SupplierSide]:
    return {engagement.id: supplier_side(engagement) for engagement in engagements}
