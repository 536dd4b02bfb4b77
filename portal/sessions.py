"""Sessions: loading the signed-in person from their server-side session, their last activity, and
mail after the commit."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app, g, request, session
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user, login_user, logout_user

from portal.extensions import db
from portal.models import User, utcnow
from portal.services import mail
from portal.services.accounts import sign_in_sessions
from portal.services.actors import Actor

ACTIVITY_RESOLUTION = timedelta(minutes=5)
# The cookie's pointer to its user_sessions row (the name of a key, not a secret).
TOKEN_KEY = "portal_session"  # nosec B105
KEPT_ACROSS_SIGN_IN = ("lang", "consent_id")


def configure(login_manager: LoginManager) -> None:
    login_manager.session_protection = "strong"
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Sign in to see this page.")
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_user(session_id: str) -> User | None:
        user_id, _, epoch = session_id.partition(":")
        if not user_id.isdigit() or not epoch.isdigit() or len(user_id) > 18:
            return None
        found = sign_in_sessions.find(int(user_id), session.get(TOKEN_KEY), _lifetime())
        if found is None:  # signed out elsewhere, ended from the account page, or expired
            return None
        user, record = found
        if user.session_epoch != int(epoch) or user.is_disabled:
            return None
        g.sign_in_session = record
        return user


def _lifetime() -> timedelta:
    return timedelta(seconds=current_app.config["PERMANENT_SESSION_LIFETIME"])


def begin(user: User) -> None:
    """A fresh session after a successful sign-in: nothing from before survives but the language
    and the cookie-consent id; a new server-side row, whose token only this cookie holds."""
    keep = {k: session[k] for k in KEPT_ACROSS_SIGN_IN if k in session}
    session.clear()
    session.update(keep)
    session[TOKEN_KEY] = sign_in_sessions.start(user, request.user_agent.string, _lifetime())
    login_user(user)


def end(actor: Actor) -> None:
    """Sign-out: the server-side row goes first, then the cookie's contents."""
    sign_in_sessions.end_by_token(actor, current_user, session.get(TOKEN_KEY))
    logout_user()
    session.clear()


def current_token() -> str | None:
    return session.get(TOKEN_KEY)


def current_session_id() -> int | None:
    record = g.get("sign_in_session")
    return record.id if record is not None else None


def touch_activity():
    """Keep last_active_at (the 3-year rule reads it) and the session's last-seen time fresh, at most
    once per five minutes."""
    if current_user.is_authenticated:
        now = utcnow()
        changed = sign_in_sessions.touch(g.sign_in_session, now) if "sign_in_session" in g else False
        if now - current_user.last_active_at > ACTIVITY_RESOLUTION:
            current_user.last_active_at = now
            changed = True
        if changed:
            db.session.commit()


def deliver_queued_mail(response):
    if db.session.info.pop("mail_queued", False) and current_app.config.get("MAIL_URL"):
        try:
            mail.deliver_pending()
        except Exception:  # the mail stays in the outbox; `flask mail send` retries
            current_app.logger.exception("mail.delivery_failed")
            db.session.rollback()
    return response
