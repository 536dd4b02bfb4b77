"""An engagement per selection, made when staff fill an assignment (R-STAFF-2, R-BUY-1, R-SUP-1, R-CON-3).

The terms come from what was agreed on the way: the period from the assignment (staff give the end when
the assignment has none: an engagement always has an end, extended later if need be), the rate from the
consultant's own application, else from the supplier's offer, else staff enter it when filling. A
consultant who came through a supplier's offer works for that supplier, which then approves the hours;
otherwise the buyer's representative does (by default the assignment's contact person)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import format_date, gettext, lazy_gettext as _l

from portal.extensions import db
from portal.models import (Application, ApplicationState, Assignment, ConsultantProfile, Engagement,
                           EngagementChange, Offer, OfferState, Selection, ShortlistEntry, SupplierConsultant, User)
from portal.services import DomainError, audit
from portal.services.actors import Actor
from portal.services.engagements import approvers

RATE_MAX = 100_000  # SEK per hour: anything above is a typing error, not a price
LONGEST_YEARS = 10
# An offer staff saw and did not turn down: the consultant came to this assignment through it.
LIVE_OFFER_STATES = (OfferState.SHORTLISTED.value, OfferState.REVIEWING.value, OfferState.SUBMITTED.value)
LIVE_APPLICATION_STATES = (ApplicationState.SHORTLISTED.value, ApplicationState.SUBMITTED.value)


@dataclass(frozen=True)
class Terms:
    """What staff entered when filling, per shortlist entry; None: take it from the assignment or offer."""

    rate: int | None = None
    end_date: date | None = None


@dataclass(frozen=True)
class Suggestion:
    """What the fill form starts from for one entry: staff may change it before they fill."""

    rate: int | None
    rate_source: str  # "application" | "offer" | "profile" | "none"
    end_date: date | None
    supplier: str | None  # the supplier's name when the consultant came through its offer


def supplier_offer(assignment: Assignment, consultant_id: int) -> Offer | None:
    """The supplier's offer this consultant came through, if any (the most advanced one)."""
    order = sa.case({state: n for n, state in enumerate(LIVE_OFFER_STATES)}, value=Offer.state)
    return db.session.scalar(
        sa.select(Offer).join(SupplierConsultant, SupplierConsultant.id == Offer.supplier_consultant_id)
        .where(Offer.assignment_id == assignment.id, SupplierConsultant.claimed_by_user_id == consultant_id,
               Offer.state.in_(LIVE_OFFER_STATES))
        .order_by(order, Offer.id).limit(1))


def application_of(assignment: Assignment, consultant_id: int) -> Application | None:
    return db.session.scalar(sa.select(Application).where(
        Application.assignment_id == assignment.id, Application.consultant_id == consultant_id,
        Application.state.in_(LIVE_APPLICATION_STATES)))


def suggest(entry: ShortlistEntry) -> Suggestion:
    """The fill form's starting values: the agreed rate if there is one, else the consultant's own asking
    rate from their profile as a hint; the assignment's end date."""
    assignment = entry.assignment
    offer = supplier_offer(assignment, entry.consultant_id)
    application = application_of(assignment, entry.consultant_id)
    if application is not None:
        rate, source = application.rate, "application"
    elif offer is not None:
        rate, source = offer.rate, "offer"
    else:
        asked = db.session.scalar(sa.select(ConsultantProfile.hourly_rate).where(
            ConsultantProfile.user_id == entry.consultant_id))
        rate, source = (int(asked), "profile") if asked else (None, "none")
    return Suggestion(rate=rate, rate_source=source, end_date=assignment.end_date,
                      supplier=offer.organisation.name if offer is not None else None)


def _rate(given: int | None, application: Application | None, offer: Offer | None, field: str) -> int:
    rate = given if given is not None else (
        application.rate if application is not None else offer.rate if offer is not None else None)
    if rate is None:
        raise DomainError(_l("Enter the agreed rate per hour: neither an application nor an offer gives one."),
                          field=field)
    if not 1 <= rate <= RATE_MAX:
        raise DomainError(gettext("Enter the rate as a whole number of SEK per hour, from 1 to %(max)s.",
                                  max=RATE_MAX), field=field)
    return rate


def _end(assignment: Assignment, given: date | None, field: str) -> date:
    end = given or assignment.end_date
    if end is None:
        raise DomainError(_l("The assignment has no end date: enter when the engagement ends (it can be "
                             "extended later)."), field=field)
    if end < assignment.start_date:
        raise DomainError(gettext("The engagement cannot end before it starts on %(day)s.",
                                  day=format_date(assignment.start_date)), field=field)
    if end.year > assignment.start_date.year + LONGEST_YEARS:
        raise DomainError(gettext("An engagement is agreed for at most %(years)s years at a time; extend it later.",
                                  years=LONGEST_YEARS), field=field)
    return end


def from_selection(actor: Actor, selection: Selection, *, rate: int | None = None,
                   end_date: date | None = None) -> Engagement:
    """The engagement for one selection, its default approvers and its "start" change; flushed and audited.
    A refusal (no rate, no end, dates out of order) raises DomainError naming `rate-<entry>`/`end_date-<entry>`."""
    assignment = db.session.get(Assignment, selection.assignment_id)
    entry_id = selection.shortlist_entry_id
    offer = supplier_offer(assignment, selection.consultant_id)
    application = application_of(assignment, selection.consultant_id)
    agreed = _rate(rate, application, offer, f"rate-{entry_id}")
    end = _end(assignment, end_date, f"end_date-{entry_id}")
    engagement = Engagement(
        assignment_id=assignment.id, selection_id=selection.id, consultant_id=selection.consultant_id,
        buyer_organisation_id=assignment.organisation_id,
        supplier_organisation_id=offer.organisation_id if offer is not None else None,
        start_date=assignment.start_date, end_date=end, rate=agreed, extent=assignment.extent,
        approved_by_kind="supplier" if offer is not None else "buyer", created_by_id=actor.user_id)
    db.session.add(engagement)
    db.session.flush()
    engagement.changes.append(EngagementChange(kind="start", old_end_date=None, new_end_date=engagement.end_date,
                                               recorded_by_id=actor.user_id))
    db.session.flush()
    audit.record(actor, "engagement.create", subject=engagement.consultant_id, obj=engagement,
                 detail={"assignment": assignment.id, "selection": selection.id,
                         "approved_by": engagement.approved_by_kind,
                         "rate_from": "staff" if rate is not None else "application" if application else "offer"})
    default = _default_approver(engagement, assignment, offer)
    if default is not None:
        approvers.add(actor, engagement, default)
    return engagement


def _default_approver(engagement: Engagement, assignment: Assignment, offer: Offer | None) -> User | None:
    """The buyer's contact person (else the assignment's creator), or for a supplier the representative
    who made the offer; only while they still represent that organisation. Staff can change it."""
    people = [offer.submitted_by_id] if offer is not None else [assignment.contact_person_id,
                                                                assignment.created_by_id]
    allowed = {user.id: user for user in approvers.candidates(engagement)}
    return next((allowed[i] for i in people if i in allowed), None)
