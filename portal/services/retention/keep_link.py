"""The one link in the warning mail that keeps an inactive account without signing in (R-CON-11).

A signed itsdangerous token (accounts/tokens.py) naming the warning's random nonce, valid for the
warning period, spent once. Opening it only shows a confirm page; the POST keeps the account and
moves `last_active_at`, which restarts the three years.
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import RetentionWarning, User, utcnow
from portal.services import audit
from portal.services.accounts import tokens
from portal.services.accounts.tokens import TokenError
from portal.services.actors import Actor
from portal.services.privacy.erasure_log import ERASED_DOMAIN
from portal.services.retention import schedule

PURPOSE = "retention_keep"
DAY = 24 * 60 * 60


def _max_age() -> int:
    """The warning period and one day more: the link outlives a run that is a day late."""
    return ((schedule.rule("consultant_account", "consultant").warn_days or 30) + 1) * DAY


def issue(warning: RetentionWarning) -> str:
    return tokens.issue(PURPOSE, {"warning": warning.nonce, "until": warning.delete_on.isoformat()})


def open_warning(token: str, now: datetime | None = None) -> tuple[RetentionWarning, User]:
    """The warning and account a link is for, checked but not spent; TokenError when it cannot be used."""
    payload = tokens.read(PURPOSE, token, _max_age())
    if (now or utcnow()).date().isoformat() > str(payload.get("until", "")):
        raise TokenError(_l("This link has expired. Sign in to keep your account."))
    warning = db.session.scalar(sa.select(RetentionWarning).where(RetentionWarning.nonce == payload.get("warning")))
    user = db.session.get(User, warning.user_id) if warning is not None else None
    if user is None or user.email.endswith(ERASED_DOMAIN):
        raise TokenError(_l("This account no longer exists."))
    if warning.state == "kept":
        raise TokenError(_l("This link has already been used."))
    return warning, user


def keep(actor: Actor, token: str, now: datetime | None = None) -> User:
    """Keep the account: the warning is answered and the period starts again from now."""
    now = now or utcnow()
    warning, user = open_warning(token, now)
    tokens.spend(PURPOSE, token, _max_age())
    warning.state, warning.kept_at = "kept", now
    user.last_active_at = now
    db.session.flush()
    audit.record(actor, "retention.keep", subject=user.id, obj=warning)
    return user
