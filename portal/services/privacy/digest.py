"""The privacy officers' daily digest of overdue, near-due and new requests (issue 6)."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import PrivacyRequest, Role, User
from portal.services import mail
from portal.services.privacy import privacy_requests


def officers() -> list[User]:
    staff = db.session.scalars(sa.select(User).where(User.role == Role.STAFF.value, User.is_disabled.is_(False)))
    return [u for u in staff if u.has_staff_role("privacy_officer")]


def summary(today: date) -> dict[str, list[PrivacyRequest]]:
    open_requests = privacy_requests.queue()
    since = datetime.combine(today - timedelta(days=1), datetime.min.time())
    return {
        "overdue": [r for r in open_requests if privacy_requests.urgency(r, today) == "overdue"],
        "near_due": [r for r in open_requests if privacy_requests.urgency(r, today) == "near_due"],
        "new": [r for r in open_requests if r.received_at >= since],
    }


def send(today: date | None = None) -> int:
    """Queue one digest mail per privacy officer; returns how many. Nothing to report, no mail."""
    today = today or date.today()
    found = summary(today)
    if not any(found.values()):
        return 0
    recipients = officers()
    for officer in recipients:
        mail.queue(officer, _l("Privacy requests: daily digest"), "privacy_digest", today=today, **found)
    return len(recipients)
