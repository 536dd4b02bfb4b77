"""TOTP two-factor sign-in (pyotp): mandatory for staff, optional for everyone else.

A code is good for one sign-in only: the last accepted 30-second step is stored and a code from that
step or an earlier one is refused (RFC 6238 §5.2; ASVS 2.8.4)."""
from __future__ import annotations

import hmac
from datetime import datetime, timezone

import pyotp
import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import Role, User
from portal.services import DomainError, audit
from portal.services.actors import Actor

ISSUER = "Customersonly portal"
CODE_MISMATCH = _l("The code does not match. Check the time on your phone and try again.")


def required(user: User) -> bool:
    return user.role == Role.STAFF.value or user.totp_enabled


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def matching_step(secret: str | None, code: str) -> int | None:
    """The time step whose code this is; one step either side forgives a clock 30 seconds off."""
    code = (code or "").replace(" ", "")
    if not secret or not code.isdigit() or len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    now = totp.timecode(datetime.now(timezone.utc))  # aware: pyotp reads naive times as local
    return next((step for step in (now - 1, now, now + 1)
                 if hmac.compare_digest(totp.generate_otp(step), code)), None)


def code_matches(secret: str | None, code: str) -> bool:
    return matching_step(secret, code) is not None


def _spend(user: User, step: int) -> bool:
    """Record `step` as used, only if it is later than the last one: one UPDATE, so two sessions
    sending the same code at the same moment cannot both win (the row lock decides)."""
    updated = db.session.execute(
        sa.update(User).where(User.id == user.id, sa.or_(User.totp_last_step.is_(None), User.totp_last_step < step))
        .values(totp_last_step=step).execution_options(synchronize_session=False)
    ).rowcount
    if updated:
        user.totp_last_step = step
    return bool(updated)


def verify(user: User, code: str) -> bool:
    """True once per code: the same code (or an older one) a second time is refused."""
    if not user.totp_enabled:
        return False
    step = matching_step(user.totp_secret, code)
    return step is not None and _spend(user, step)


def enable(actor: Actor, user: User, secret: str, code: str) -> None:
    step = matching_step(secret, code)
    if step is None:
        raise DomainError(CODE_MISMATCH, field="code")
    user.totp_secret, user.totp_enabled = secret, True
    user.totp_last_step = None
    db.session.flush()
    _spend(user, step)  # the code that switched it on does not sign anyone in afterwards
    audit.record(actor, "auth.totp_enabled", subject=user, obj=user)


def disable(actor: Actor, user: User, code: str) -> None:
    if user.role == Role.STAFF.value:
        raise DomainError(_l("Staff accounts must keep two-factor sign-in."))
    if not verify(user, code):
        raise DomainError(CODE_MISMATCH, field="code")
    user.totp_secret, user.totp_enabled, user.totp_last_step = None, False, None
    from portal.services.accounts import recovery_codes

    recovery_codes.discard(user)
    audit.record(actor, "auth.totp_disabled", subject=user, obj=user)
