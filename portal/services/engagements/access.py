"""Each audience's engagements, scoped in the query (R-CON-3, R-BUY-1, R-SUP-1, R-STAFF-2): the consultant
their own, a buyer its own organisation's, a supplier only those of its own consultants, staff all. An id
that is not the caller's gives None, which the views answer with 404, never 403: nobody learns it exists."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from portal.extensions import db
from portal.models import Engagement, Organisation, User
from portal.services.accounts import memberships

PAGE_SIZE = 50


def _newest(query):
    return query.order_by(Engagement.start_date.desc(), Engagement.id.desc())


def of_consultant(user: User) -> list[Engagement]:
    return list(db.session.scalars(_newest(sa.select(Engagement).where(Engagement.consultant_id == user.id))))


def for_consultant(user: User, engagement_id: int) -> Engagement | None:
    return db.session.scalar(sa.select(Engagement).where(Engagement.id == engagement_id,
                                                         Engagement.consultant_id == user.id))


def _scope(organisation: Organisation):
    """The organisation's side of an engagement: the buyer's, or the supplier's for its own consultants."""
    if organisation.kind == "buyer":
        return Engagement.buyer_organisation_id == organisation.id
    if organisation.kind == "supplier":
        return Engagement.supplier_organisation_id == organisation.id
    return sa.false()


def of_organisation(organisation: Organisation) -> list[Engagement]:
    return list(db.session.scalars(_newest(sa.select(Engagement).where(_scope(organisation)))))


def for_organisation(organisation: Organisation, engagement_id: int) -> Engagement | None:
    return db.session.scalar(sa.select(Engagement).where(Engagement.id == engagement_id, _scope(organisation)))


def _represented(user: User, kind: str) -> Organisation | None:
    membership = memberships.current(user)
    if membership is None or membership.organisation.kind != kind or not membership.organisation.is_approved:
        return None
    return membership.organisation


def for_buyer(user: User, engagement_id: int) -> Engagement | None:
    """The engagement if `user` now represents its buyer."""
    organisation = _represented(user, "buyer")
    return for_organisation(organisation, engagement_id) if organisation is not None else None


def for_supplier(user: User, engagement_id: int) -> Engagement | None:
    """The engagement if `user` now represents the supplier whose consultant it is."""
    organisation = _represented(user, "supplier")
    return for_organisation(organisation, engagement_id) if organisation is not None else None


def for_staff(engagement_id: int) -> Engagement | None:
    return db.session.get(Engagement, engagement_id)


def listing(phase: str | None = None, page: int = 1, today: date | None = None) -> tuple[list[Engagement], bool]:
    """Staff's list, newest first, a page at a time; `phase` "upcoming"/"active"/"ended" filters by dates.
    Returns the page and whether there is a next one."""
    today = today or date.today()
    query = sa.select(Engagement)
    if phase == "ended":
        query = query.where(Engagement.end_date < today)
    elif phase == "active":
        query = query.where(Engagement.start_date <= today, Engagement.end_date >= today)
    elif phase == "upcoming":
        query = query.where(Engagement.start_date > today)
    rows = list(db.session.scalars(_newest(query).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)))
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE
