"""Server-side sessions: a row per signed-in browser, which sign-out deletes (R-SEC-2, ASVS 3.3).

The cookie carries a random token; the table keeps only its SHA-256, so a copy of the database
opens no session, and deleting the row ends the session on the next request, whatever the cookie."""
from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import User, UserSession, utcnow
from portal.services import DomainError, audit
from portal.services.actors import Actor

SEEN_RESOLUTION = timedelta(minutes=5)
# Most specific first: Edge and Opera also say "Chrome", Chrome also says "Safari".
BROWSERS = (("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"),
            ("Chromium/", "Chromium"), ("Safari/", "Safari"))
SYSTEMS = (("Android", "Android"), ("iPhone", "iOS"), ("iPad", "iPadOS"), ("Windows", "Windows"),
           ("Mac OS X", "macOS"), ("CrOS", "ChromeOS"), ("Linux", "Linux"))


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def device_label(user_agent: str | None) -> str:
    """"Firefox on Linux": enough to recognise one's own devices, too little to fingerprint anyone."""
    agent = user_agent or ""
    browser = next((name for marker, name in BROWSERS if marker in agent), None)
    system = next((name for marker, name in SYSTEMS if marker in agent), None)
    if browser and system:
        return f"{browser} / {system}"
    return browser or system or re.sub(r"[^\w .-]", "", agent.split("/")[0])[:40]


def start(user: User, user_agent: str | None, max_age: timedelta) -> str:
    """A new session for `user`; returns the token for the cookie (shown nowhere else). Sessions of
    anyone past `max_age` are deleted on the way: expired rows are not kept."""
    db.session.execute(sa.delete(UserSession).where(UserSession.created_at < utcnow() - max_age))
    token = secrets.token_urlsafe(32)
    db.session.add(UserSession(user_id=user.id, token_hash=_hash(token), device=device_label(user_agent)))
    db.session.flush()  # the sign-in itself is audited as auth.login
    return token


def find(user_id: int, token: str | None, max_age: timedelta) -> tuple[User, UserSession] | None:
    """The person and the live session behind a cookie's token, in one query (every signed-in request
    asks): the session exists, belongs to that user and is younger than `max_age` (an absolute limit:
    activity does not stretch it)."""
    if not token or not isinstance(token, str) or len(token) > 100:
        return None
    found = db.session.execute(sa.select(User, UserSession).join(UserSession, UserSession.user_id == User.id)
                               .where(UserSession.token_hash == _hash(token), User.id == user_id)).first()
    if found is None or utcnow() - found[1].created_at > max_age:
        return None
    return found[0], found[1]


def touch(record: UserSession, now: datetime | None = None) -> bool:
    """Keep last_seen_at fresh, at most one write per five minutes; True when it changed."""
    now = now or utcnow()
    if now - record.last_seen_at <= SEEN_RESOLUTION:
        return False
    record.last_seen_at = now
    return True


def is_current(record: UserSession, token: str | None) -> bool:
    return bool(token) and record.token_hash == _hash(token)


def list_for(user: User) -> list[UserSession]:
    return list(db.session.scalars(sa.select(UserSession).where(UserSession.user_id == user.id)
                                   .order_by(UserSession.last_seen_at.desc(), UserSession.id.desc())))


def end(actor: Actor, user: User, session_id: int) -> None:
    """End one of the person's own sessions; another person's id is simply not found."""
    removed = db.session.execute(sa.delete(UserSession).where(
        UserSession.id == session_id, UserSession.user_id == user.id)).rowcount
    if not removed:
        raise DomainError(_l("That session has already ended."))
    audit.record(actor, "auth.session_end", subject=user, obj=user, detail={"session": session_id})


def end_by_token(actor: Actor, user: User, token: str | None) -> None:
    """Sign-out: this browser's session row goes, so a copied cookie opens nothing."""
    if token:
        db.session.execute(sa.delete(UserSession).where(UserSession.token_hash == _hash(token)))
    audit.record(actor, "auth.logout", subject=user, obj=user)


def end_all(actor: Actor | None, user: User, keep_token: str | None = None) -> int:
    """Every session of `user` ends (except the one holding `keep_token`): password change, "sign out
    everywhere", deactivation, erasure. The epoch moves too, for cookies from before this table."""
    query = sa.delete(UserSession).where(UserSession.user_id == user.id)
    if keep_token:
        query = query.where(UserSession.token_hash != _hash(keep_token))
    removed = db.session.execute(query).rowcount or 0
    if actor is not None:
        audit.record(actor, "auth.sessions_ended", subject=user, obj=user, detail={"count": removed})
    return removed
