"""Two-factor recovery codes: ten single-use codes for the day the phone is lost (ASVS 2.5.6, 2.8).

Shown once when made; stored as keyed hashes (HMAC with the app's secret), so a database copy
does not give them away. Using one is a conditional UPDATE: the same code cannot work twice."""
from __future__ import annotations

import hashlib
import hmac
import secrets

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import RecoveryCode, User, utcnow
from portal.services import audit, mail
from portal.services.actors import Actor

COUNT = 10
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read off paper without doubt
LENGTH = 10  # about 49 bits each


def _normalise(code: str) -> str:
    return "".join(ch for ch in (code or "").lower() if ch.isalnum())


def _hash(code: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, b"recovery-code:" + _normalise(code).encode(), hashlib.sha256).hexdigest()


def _new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def discard(user: User) -> None:
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))


def issue(actor: Actor, user: User) -> list[str]:
    """A new set, replacing any old one; the plain codes are returned once and never stored."""
    discard(user)
    codes = [_new_code() for _ in range(COUNT)]
    db.session.add_all(RecoveryCode(user_id=user.id, code_hash=_hash(code)) for code in codes)
    db.session.flush()
    audit.record(actor, "auth.recovery_codes_issued", subject=user, obj=user, detail={"count": COUNT})
    return codes


def remaining(user: User) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(RecoveryCode).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))) or 0


def use(actor: Actor, user: User, code: str) -> bool:
    """Spend one code; True when it was unused. The owner is told by mail (someone may have their paper)."""
    normalised = _normalise(code)
    if len(normalised) != LENGTH:
        return False
    spent = db.session.execute(
        sa.update(RecoveryCode).where(RecoveryCode.user_id == user.id, RecoveryCode.code_hash == _hash(normalised),
                                      RecoveryCode.used_at.is_(None))
        .values(used_at=utcnow()).execution_options(synchronize_session=False)
    ).rowcount
    if not spent:
        return False
    left = remaining(user)
    audit.record(actor, "auth.recovery_code_used", subject=user, obj=user, detail={"remaining": left})
    mail.queue(user, _l("A recovery code was used to sign in"), "recovery_code_used", remaining=left)
    return True
