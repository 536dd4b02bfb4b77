"""The second step of signing in: a code from the authenticator app, or a single-use recovery code."""
from __future__ import annotations

import time

from flask import flash, request, session, url_for
from flask_babel import gettext as _

from portal import sessions
from portal.auth import forms
from portal.auth.views import (AUTH_LIMIT, PENDING_TTL, _invalid, _start_session, bp, current_actor_for,
                               too_many_attempts)
from portal.extensions import db, limiter
from portal.htmx import hx_redirect, render
from portal.models import User
from portal.services import DomainError
from portal.services.accounts import recovery_codes, registration, throttle, two_factor


def _pending_user() -> User | None:
    pending = session.get("pending_login")
    if not pending or time.time() - pending.get("at", 0) > PENDING_TTL:
        return None
    user = db.session.get(User, pending["id"])
    return user if user is not None and user.session_epoch == pending["epoch"] else None


def _context(user: User) -> dict:
    enrolling = not user.totp_enabled
    if enrolling:
        session.setdefault("pending_secret", two_factor.new_secret())
    secret = session.get("pending_secret") if enrolling else None
    return {"enrolling": enrolling, "secret": secret,
            "uri": two_factor.provisioning_uri(user, secret) if enrolling else None,
            "recovery_form": forms.RecoveryCodeForm(formdata=None, prefix="recovery")}


def _start_after_enrolment(user: User, next_url: str | None):
    """First sign-in of a staff member: the session starts and the recovery codes are shown once."""
    sessions.begin(user)
    registration.record_login(current_actor_for(user), user)
    codes = recovery_codes.issue(current_actor_for(user), user)
    db.session.commit()
    from portal.security import home_for, safe_next

    return render("auth/recovery_codes.html", codes=codes, next_url=safe_next(next_url, home_for(user)))


@bp.route("/login/code", methods=["GET", "POST"])
@limiter.limit(AUTH_LIMIT, methods=["POST"])
def login_code():
    user = _pending_user()
    if user is None:
        flash(_("Sign in with your e-mail and password first."), "info")
        return hx_redirect(url_for("auth.login"))
    form = forms.TotpForm()
    context = _context(user)
    if not form.validate_on_submit():
        return render("auth/login_code.html", form=form, status=422 if form.is_submitted() else 200, **context)
    next_url = session["pending_login"].get("next")
    waiting = throttle.wait("totp", str(user.id), request.remote_addr)
    if waiting:
        return too_many_attempts("auth/login_code.html", form, waiting, **context)
    if context["enrolling"]:
        try:
            two_factor.enable(current_actor_for(user), user, context["secret"], form.code.data)
        except DomainError as error:
            return _invalid("auth/login_code.html", form, error, **context)
        return _start_after_enrolment(user, next_url)
    if not two_factor.verify(user, form.code.data):
        throttle.failed("totp", str(user.id), request.remote_addr)
        form.code.errors.append(_("The code does not match, or it was used already. Wait for the next code "
                                  "and try again."))
        return _invalid("auth/login_code.html", form, **context)
    throttle.succeeded("totp", str(user.id))
    return _start_session(user, next_url)


@bp.route("/login/recovery", methods=["POST"])
@limiter.limit(AUTH_LIMIT)
def login_recovery():
    user = _pending_user()
    if user is None or not user.totp_enabled:
        flash(_("Sign in with your e-mail and password first."), "info")
        return hx_redirect(url_for("auth.login"))
    context = _context(user)
    recovery_form = forms.RecoveryCodeForm(prefix="recovery")
    context["recovery_form"] = recovery_form
    code_form = forms.TotpForm(formdata=None)
    if not recovery_form.validate_on_submit():
        return render("auth/login_code.html", form=code_form, status=422, **context)
    waiting = throttle.wait("totp", str(user.id), request.remote_addr)
    if waiting:
        return too_many_attempts("auth/login_code.html", code_form, waiting, **context)
    if not recovery_codes.use(current_actor_for(user), user, recovery_form.recovery_code.data):
        throttle.failed("totp", str(user.id), request.remote_addr)
        recovery_form.recovery_code.errors.append(_("This recovery code is not one of yours, or it was used already."))
        return _invalid("auth/login_code.html", code_form, **context)
    throttle.succeeded("totp", str(user.id))
    return _start_session(user, session["pending_login"].get("next"))
