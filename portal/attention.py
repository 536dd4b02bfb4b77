"""What needs the person's attention, for each role's start page (issue #18): counts with a link each,
only for what the person may open (`can_visit`). Counts only: no names or titles, so nothing here
discloses more than the page it links to."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from flask import url_for
from flask_babel import ngettext

from portal.extensions import db
from portal.models import (Assignment, AssignmentState, ConsentRequest, ErasureQueueItem, Offer, OfferState,
                           Organisation, ShortlistEntry, ShortlistState, User, utcnow)
from portal.services.privacy import legal_holds, privacy_requests
from portal.templating import can_visit

SOON_DAYS = 7


@dataclass(frozen=True)
class Item:
    count: int
    text: str
    url: str


def _count(query) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0


def _items(candidates) -> list[Item]:
    """(endpoint, count, text) → the items with a count above zero the person may open."""
    return [Item(count, text, url_for(endpoint)) for endpoint, count, text in candidates
            if count and can_visit(endpoint)]


def for_consultant(user: User) -> list[Item]:
    from portal.services.assignments import offers

    pending = _count(sa.select(ConsentRequest.id).where(ConsentRequest.consultant_id == user.id,
                                                         ConsentRequest.status == "pending"))
    waiting = offers.waiting_count(user)
    return _items([
        ("consultant.requests_page", pending, ngettext(
            "One question about you waits for your answer.", "%(num)d questions about you wait for your answer.",
            pending)),
        ("consultant.offers_page", waiting, ngettext(
            "One offer from your employer waits for your answer.",
            "%(num)d offers from your employer wait for your answer.", waiting)),
    ])


def _buyer(organisation: Organisation) -> list[Item]:
    mine = sa.select(Assignment.id).where(Assignment.organisation_id == organisation.id)
    drafts = _count(mine.where(Assignment.state == AssignmentState.DRAFT.value))
    to_meet = _count(sa.select(ShortlistEntry.id).where(
        ShortlistEntry.assignment_id.in_(mine), ShortlistEntry.removed_at.is_(None),
        ShortlistEntry.state == ShortlistState.APPROVED_FOR_BUYER.value))
    return _items([
        ("buyer.assignments_list", to_meet, ngettext(
            "One anonymous candidate waits for you to ask to meet them.",
            "%(num)d anonymous candidates wait for you to ask to meet them.", to_meet)),
        ("buyer.assignments_list", drafts, ngettext(
            "One assignment request is a draft you have not sent.",
            "%(num)d assignment requests are drafts you have not sent.", drafts)),
    ])


def _supplier(organisation: Organisation, today: date) -> list[Item]:
    closing = _count(sa.select(Assignment.id).where(
        Assignment.state == AssignmentState.PUBLISHED.value,
        Assignment.answer_deadline.between(today, today + timedelta(days=SOON_DAYS))))
    waiting = _count(sa.select(Offer.id).where(Offer.organisation_id == organisation.id,
                                               Offer.state == OfferState.AWAITING_CONSULTANT.value))
    return _items([
        ("supplier.assignments_open", closing, ngettext(
            "One published assignment closes for offers within a week.",
            "%(num)d published assignments close for offers within a week.", closing)),
        ("supplier.offers_list", waiting, ngettext(
            "One of your offers waits for the consultant's agreement.",
            "%(num)d of your offers wait for the consultant's agreement.", waiting)),
    ])


def for_organisation(organisation: Organisation | None, kind: str, today: date | None = None) -> list[Item]:
    if organisation is None or not organisation.is_approved:
        return []
    if kind == "buyer":
        return _buyer(organisation)
    if kind == "supplier":
        return _supplier(organisation, today or date.today())
    return []


def for_staff(today: date | None = None) -> list[Item]:
    today = today or date.today()
    near = sum(1 for r in privacy_requests.queue() if privacy_requests.urgency(r, today) in ("overdue", "near_due"))
    review = _count(sa.select(Assignment.id).where(Assignment.state == AssignmentState.SUBMITTED.value))
    offers = _count(sa.select(Offer.id).where(Offer.state.in_((OfferState.SUBMITTED.value,
                                                               OfferState.REVIEWING.value))))
    picks = _count(sa.select(ShortlistEntry.id).where(ShortlistEntry.removed_at.is_(None), ShortlistEntry.state.in_((
        ShortlistState.PROPOSED.value, ShortlistState.CONSULTANT_ACCEPTED.value))))
    erasures = _count(sa.select(ErasureQueueItem.id).where(ErasureQueueItem.state == "pending",
                                                           ErasureQueueItem.due_at <= utcnow()))
    holds = len(legal_holds.overdue(today))
    return _items([
        ("staff.privacy_queue", near, ngettext(
            "One privacy request is overdue or due within days.",
            "%(num)d privacy requests are overdue or due within days.", near)),
        ("staff.assignments_queue", review, ngettext(
            "One assignment request waits for review.", "%(num)d assignment requests wait for review.", review)),
        ("staff.offers_queue", offers, ngettext(
            "One supplier offer waits for a decision.", "%(num)d supplier offers wait for a decision.", offers)),
        ("staff.assignments_queue", picks, ngettext(
            "One shortlist pick waits for you: a card to approve or a yes to release.",
            "%(num)d shortlist picks wait for you: cards to approve or yeses to release.", picks)),
        ("staff.erasure_queue", erasures, ngettext(
            "One erasure is due in the queue.", "%(num)d erasures are due in the queue.", erasures)),
        ("staff.legal_holds_page", holds, ngettext(
            "One legal hold is past its review date: renew or lift it.",
            "%(num)d legal holds are past their review date: renew or lift them.", holds)),
    ])
