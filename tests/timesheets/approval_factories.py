"""Engagements and weekly reports built directly with the models, for the approval and reminder tests."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import sqlalchemy as sa

from portal.extensions import db
from portal.models import (Engagement, EngagementApprover, Membership, Organisation, TimeEntry, TimeReport, User,
                           utcnow)
from portal.services.privacy.deadlines import STOCKHOLM
from tests import factories
from tests.orgs.helpers import make_assignment


@dataclass
class Setting:
    engagement: Engagement
    consultant: User
    approver: User
    buyer: Organisation
    supplier: Organisation | None


def setting(approved_by: str = "buyer", start: date = date(2026, 6, 1), end: date = date(2026, 12, 31),
            consultant_locale: str = "en", approver_locale: str = "en") -> Setting:
    """An active engagement with one approver, a member of the organisation that approves."""
    buyer = factories.make_organisation("buyer")
    supplier = factories.make_organisation("supplier") if approved_by == "supplier" else None
    approving = supplier if approved_by == "supplier" else buyer
    approver = factories.make_user(role=approving.kind, organisation=approving, is_admin=False, locale=approver_locale)
    consultant = factories.make_user(role="consultant", locale=consultant_locale)
    engagement = Engagement(assignment_id=make_assignment(buyer).id, consultant_id=consultant.id,
                            buyer_organisation_id=buyer.id, supplier_organisation_id=supplier.id if supplier else None,
                            start_date=start, end_date=end, rate=950, extent=100, approved_by_kind=approved_by)
    db.session.add(engagement)
    db.session.flush()
    add_approver(engagement, approver)
    return Setting(engagement, consultant, approver, buyer, supplier)


def add_approver(engagement: Engagement, user: User) -> None:
    db.session.add(EngagementApprover(engagement_id=engagement.id, user_id=user.id))
    db.session.flush()


def stockholm(text: str) -> datetime:
    """A Stockholm wall-clock time as the naive UTC the database stores."""
    return datetime.fromisoformat(text).replace(tzinfo=STOCKHOLM).astimezone(timezone.utc).replace(tzinfo=None)


def report(engagement: Engagement, week_start: date, state: str = "submitted", submitted_at: datetime | None = None,
           days: tuple = ((0, 480, False, "Sprint planning"), (1, 450, False, ""), (2, 0, True, "")),
           corrects: TimeReport | None = None) -> TimeReport:
    """A week with entries: (day offset, minutes, not working, comment)."""
    item = TimeReport(engagement_id=engagement.id, consultant_id=engagement.consultant_id, week_start=week_start,
                      state=state, corrects_id=corrects.id if corrects else None,
                      submitted_at=submitted_at or (utcnow() if state != "draft" else None))
    item.entries = [TimeEntry(day=week_start + timedelta(days=offset), minutes=minutes, not_working=off,
                              comment=comment) for offset, minutes, off, comment in days]
    if state in ("approved", "rejected", "superseded"):
        item.decided_at = utcnow()
    db.session.add(item)
    db.session.flush()
    return item


def end_membership(user: User) -> None:
    for membership in db.session.scalars(sa.select(Membership).where(Membership.user_id == user.id,
                                                                     Membership.ended_at.is_(None))):
        membership.ended_at = utcnow()
    db.session.flush()
