"""Signed, expiring, single-use tokens for links sent by mail (itsdangerous)."""
from __future__ import annotations

import secrets

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from portal.extensions import db
from portal.models import UsedToken
from portal.services import DomainError


class TokenError(DomainError):
    """The link is tampered with, expired or already used."""


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"portal.{purpose}")


def issue(purpose: str, payload: dict) -> str:
    return _serializer(purpose).dumps({**payload, "jti": secrets.token_hex(16)})


def read(purpose: str, token: str, max_age: int | None = None) -> dict:
    """Check signature, age and that it is unspent, without spending it."""
    max_age = max_age or current_app.config["TOKEN_MAX_AGE"][purpose]
    try:
        payload = _serializer(purpose).loads(token, max_age=max_age)
    except SignatureExpired:
        raise TokenError(_l("This link has expired. Ask for a new one.")) from None
    except BadSignature:
        raise TokenError(_l("This link is not valid. Check that you copied all of it.")) from None
    if not isinstance(payload, dict) or "jti" not in payload:
        raise TokenError(_l("This link is not valid. Check that you copied all of it."))
    if db.session.get(UsedToken, payload["jti"]) is not None:
        raise TokenError(_l("This link has already been used."))
    return payload


def spend(purpose: str, token: str, max_age: int | None = None) -> dict:
    """Read the token and mark it used in the same transaction."""
    payload = read(purpose, token, max_age)
    try:
        with db.session.begin_nested():
            db.session.add(UsedToken(jti=payload["jti"], purpose=purpose))
    except sa.exc.IntegrityError:
        raise TokenError(_l("This link has already been used.")) from None
    return payload
