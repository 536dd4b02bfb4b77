"""When throttling locks an account, its owner is told by mail, with a link that unlocks it: the
person who forgot their password is not stuck, and the one under attack knows (ASVS 2.2.3)."""
from __future__ import annotations

from typing import Callable

from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import User
from portal.services import audit
from portal.services import mail
from portal.services.accounts import registration, throttle, tokens
from portal.services.actors import Actor

PURPOSE = "unlock_account"


def notify(actor: Actor, email: str, minutes: int, link_for: Callable[[str], str]) -> None:
    """Mail the owner of `email`, if there is one; nothing happens (and nothing shows) otherwise."""
    user = registration.find_by_email(email)
    if user is None or user.is_disabled:
        return
    token = tokens.issue(PURPOSE, {"user": user.id, "epoch": user.session_epoch})
    mail.queue(user, _l("Sign-in to your account is paused after failed attempts"), "account_locked",
               link=link_for(token), minutes=minutes)
    audit.record(actor, "auth.locked", subject=user, obj=user, detail={"minutes": minutes})


def unlock(actor: Actor, token: str) -> User:
    payload = tokens.read(PURPOSE, token)
    user = db.session.get(User, payload.get("user"))
    if user is None or user.session_epoch != payload.get("epoch"):
        raise tokens.TokenError(_l("This link has already been used."))
    tokens.spend(PURPOSE, token)
    throttle.unlock(user.email, ("login",))
    throttle.succeeded("totp", str(user.id))
    audit.record(actor, "auth.unlocked", subject=user, obj=user)
    return user
