"""Sessions: loading the signed-in person, their last activity, and mail after the commit."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user

from portal.extensions import db
from portal.models import User, utcnow
from portal.services import mail

ACTIVITY_RESOLUTION = timedelta(minutes=5)


def configure(login_manager: LoginManager) -> None:
    login_manager.session_protection = "strong"
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Sign in to see this page.")
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_user(session_id: str) -> User | None:
        user_id, _, epoch = session_id.partition(":")
        if not user_id.isdigit() or not epoch.isdigit():
            return None
        user = db.session.get(User, int(user_id))
        if user is None or user.session_epoch != int(epoch) or user.is_disabled:
            return None
        return user


def touch_activity():
    """Keep last_active_at fresh (the 3-year rule reads it) at most once per five minutes."""
    if current_user.is_authenticated:
        now = utcnow()
        if now - current_user.last_active_at > ACTIVITY_RESOLUTION:
            current_user.last_active_at = now
            db.session.commit()


def deliver_queued_mail(response):
    if db.session.info.pop("mail_queued", False) and current_app.config.get("MAIL_URL"):
        try:
            mail.deliver_pending()
        except Exception:  # the mail stays in the outbox; `flask mail send` retries
            current_app.logger.exception("mail.delivery_failed")
            db.session.rollback()
    return response
