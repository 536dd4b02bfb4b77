"""Inactive consultant accounts (R-CON-11): warned `warn_days` before the period ends, deleted at its end
only when the warning is at least `warn_days` old and the person did nothing since.

"Did nothing" is read from `users.last_active_at`: a warning records the activity it was about, so a
sign-in, a profile save or the keep link (which all move `last_active_at`) makes it stale. Candidates
are found with two set queries over the inactive minority; active accounts are never loaded.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Callable

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import RetentionWarning, Role, User
from portal.services import audit, mail
from portal.services.actors import Actor
from portal.services.privacy.erasure_log import ERASED_DOMAIN
from portal.services.retention import keep_link, schedule

CATEGORY = "consultant_account"


@dataclass(frozen=True)
class Due:
    """One account the run acts on: `action` warn or delete, `reason` a code with dates, no name."""
    user_id: int
    action: str
    reason: str


def periods() -> tuple[int, int]:
    """The schedule's period and warning time for consultant accounts, in days."""
    rule = schedule.rule(CATEGORY, "consultant")
    return rule.period_days, rule.warn_days or 0


def _periods(now: datetime) -> tuple[int, int, datetime, datetime]:
    period, warn_days = periods()
    return period, warn_days, now - timedelta(days=period - warn_days), now - timedelta(days=period)


def _consultants():
    return sa.and_(User.role == Role.CONSULTANT.value, sa.not_(User.email.endswith(ERASED_DOMAIN)))


def _open_warning():
    """A warning still about the account's current inactivity (nothing happened since it was sent)."""
    return sa.and_(RetentionWarning.user_id == User.id, RetentionWarning.state == "sent",
                   RetentionWarning.last_active_at == User.last_active_at)


def to_warn(now: datetime) -> list[Due]:
    """Consultants inactive for the period minus the warning time, not yet warned about this inactivity."""
    _period, _warn, warn_before, _ = _periods(now)
    rows = db.session.execute(sa.select(User.id, User.last_active_at).where(
        _consultants(), User.last_active_at <= warn_before,
        ~sa.exists().where(_open_warning())).order_by(User.id))
    return [Due(uid, "warn", f"inactive_since_{last.date().isoformat()}") for uid, last in rows]


def to_delete(now: datetime) -> list[Due]:
    """Consultants inactive for the whole period and warned at least `warn_days` ago, with nothing since."""
    _period, warn_days, _, delete_before = _periods(now)
    rows = db.session.execute(sa.select(User.id, User.last_active_at, RetentionWarning.warned_at)
                              .join(RetentionWarning, _open_warning())
                              .where(_consultants(), User.last_active_at <= delete_before,
                                     RetentionWarning.warned_at <= now - timedelta(days=warn_days))
                              .order_by(User.id))
    return [Due(uid, "delete", f"inactive_since_{last.date().isoformat()}_warned_{warned.date().isoformat()}")
            for uid, last, warned in rows]


def stale_warnings() -> int:
    """Mark warnings the person answered by being active again; returns how many."""
    answered = (sa.select(User.id).where(User.id == RetentionWarning.user_id,
                                         User.last_active_at != RetentionWarning.last_active_at).exists())
    result = db.session.execute(sa.update(RetentionWarning).where(RetentionWarning.state == "sent", answered)
                                .values(state="active_again").execution_options(synchronize_session=False))
    return result.rowcount or 0


def warn(actor: Actor, user: User, now: datetime, link_for: Callable[[str], str],
         schedule_periods: tuple[int, int] | None = None) -> RetentionWarning:
    """Record the warning and queue the mail, in the person's language, with one link to keep the account.
    `schedule_periods` (period, warning days) saves a batch from reading the rule once per person."""
    period, warn_days = schedule_periods or periods()
    delete_on = max(user.last_active_at.date() + timedelta(days=period), (now + timedelta(days=warn_days)).date())
    warning = RetentionWarning(user_id=user.id, last_active_at=user.last_active_at, warned_at=now,
                               delete_on=delete_on, nonce=secrets.token_hex(16), state="sent")
    db.session.add(warning)
    db.session.flush()
    mail.queue(user, _l("Your Customersonly account will be deleted unless you keep it"), "retention_warning",
               link=link_for(keep_link.issue(warning)), delete_on=delete_on,
               period_days=period)
    audit.record(actor, "retention.warn", subject=user.id, obj=warning, detail={"delete_on": delete_on.isoformat()})
    return warning


def last_day(today: date) -> datetime:
    """The run's clock: the end of `today`, so everything due that day is due."""
    return datetime.combine(today, datetime.max.time()).replace(microsecond=0)
