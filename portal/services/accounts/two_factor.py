"""TOTP two-factor sign-in (pyotp): mandatory for staff, optional for everyone else."""
from __future__ import annotations

import pyotp
from flask_babel import lazy_gettext as _l

from portal.models import Role, User
from portal.services import DomainError, audit
from portal.services.actors import Actor

ISSUER = "Customersonly portal"


def required(user: User) -> bool:
    return user.role == Role.STAFF.value or user.totp_enabled


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def code_matches(secret: str | None, code: str) -> bool:
    code = (code or "").replace(" ", "")
    # One step either side forgives a phone clock that is 30 seconds off.
    return bool(secret) and code.isdigit() and pyotp.TOTP(secret).verify(code, valid_window=1)


def verify(user: User, code: str) -> bool:
    return user.totp_enabled and code_matches(user.totp_secret, code)


def enable(actor: Actor, user: User, secret: str, code: str) -> None:
    if not code_matches(secret, code):
        raise DomainError(_l("The code does not match. Check the time on your phone and try again."),
                          field="code")
    user.totp_secret, user.totp_enabled = secret, True
    audit.record(actor, "auth.totp_enabled", subject=user, obj=user)


def disable(actor: Actor, user: User, code: str) -> None:
    if user.role == Role.STAFF.value:
        raise DomainError(_l("Staff accounts must keep two-factor sign-in."))
    if not verify(user, code):
        raise DomainError(_l("The code does not match. Check the time on your phone and try again."),
                          field="code")
    user.totp_secret, user.totp_enabled = None, False
    audit.record(actor, "auth.totp_disabled", subject=user, obj=user)
