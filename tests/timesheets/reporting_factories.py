"""Engagements built directly with the models for the reporting tests (R-CON-3): they do not depend on
the engagement services. The period starts on a Wednesday four weeks ago, so the first week has two
days outside it, and ends on a Tuesday two weeks ahead."""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, Engagement, TimeEntry, TimeReport, User
from portal.services.actors import Actor
from portal.services.timesheets import weeks
from tests import factories
from tests.orgs.helpers import make_assignment


def engagement(consultant: User | None = None) -> Engagement:
    buyer = factories.make_organisation("buyer")
    consultant = consultant or factories.make_user(role="consultant")
    start = weeks.this_week() - timedelta(weeks=4) + timedelta(days=2)
    item = Engagement(assignment_id=make_assignment(buyer, state="filled").id, consultant_id=consultant.id,
                      buyer_organisation_id=buyer.id, start_date=start, end_date=weeks.this_week() + timedelta(
                          weeks=2, days=1), rate=900, extent=100)
    db.session.add(item)
    db.session.flush()
    return item


def actor_of(item: Engagement) -> Actor:
    return Actor(user=db.session.get(User, item.consultant_id), ip="127.0.0.1")


def last_week() -> object:
    return weeks.this_week() - timedelta(weeks=1)


def counts() -> tuple[int, int, int]:
    """(reports, entries, audit events): what a refused or read-only request must leave as it was."""
    return tuple(db.session.scalar(sa.select(sa.func.count()).select_from(model))
                 for model in (TimeReport, TimeEntry, AuditEvent))


def week_form(monday, values: dict[int, tuple[str, bool, str]], action: str = "save") -> dict:
    """The grid as a browser posts it: {day offset: (hours, not working, comment)}, other days empty."""
    data = {"action": action}
    for offset, day in enumerate(weeks.days_of(monday)):
        hours, off, comment = values.get(offset, ("", False, ""))
        data[f"hours-{day}"] = hours
        data[f"comment-{day}"] = comment
        if off:
            data[f"not_working-{day}"] = "y"
    return data
