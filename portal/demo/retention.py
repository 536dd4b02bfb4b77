"""Demo data for retention: one consultant inactive for almost three years and already warned (the keep
link in the outbox works), and yesterday's run report, so the staff pages show something."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Callable, Iterator

import sqlalchemy as sa

from portal.extensions import db
from portal.links import external_url
from portal.models import RetentionRun, RetentionWarning, User, utcnow
from portal.services.actors import SYSTEM
from portal.services.retention import inactivity, run, schedule

INACTIVE = "konsult3"
WARNED_DAYS_AGO = 20


def load(demo_email: Callable[[str], str], today: date | None = None) -> Iterator[str]:
    now = utcnow() if today is None else datetime.combine(today, utcnow().time())
    user = db.session.scalar(sa.select(User).where(User.email == demo_email(INACTIVE)))
    if user is not None and db.session.scalar(sa.select(RetentionWarning.id).where(
            RetentionWarning.user_id == user.id)) is None:
        rule = schedule.rule("consultant_account", "consultant")
        warned_at = now - timedelta(days=WARNED_DAYS_AGO)
        user.last_active_at = warned_at - timedelta(days=rule.period_days - (rule.warn_days or 0))
        inactivity.warn(SYSTEM, user, warned_at, lambda token: external_url("auth.keep_account", token=token))
        yield f"warned {user.email}: inactive since {user.last_active_at.date()}, deleted unless kept"
    yesterday = now.date() - timedelta(days=1)
    if run.report_for(yesterday) is None:
        counts = dict.fromkeys(run.COUNT_KEYS, 0)
        counts.update(warned=1 if user is not None else 0, active_again=1)
        counts["expired"] = {"privacy_request": 0, "audit_event": 0, "outbox_mail": 2, "security_log": 0,
                             "bookkeeping": 0, "application": 0}
        started = datetime.combine(yesterday, datetime.min.time()) + timedelta(hours=3, minutes=15)
        db.session.add(RetentionRun(run_on=yesterday, started_at=started, finished_at=started + timedelta(seconds=4),
                                    counts=counts))
        db.session.flush()
        yield f"retention run report for {yesterday.isoformat()}"
