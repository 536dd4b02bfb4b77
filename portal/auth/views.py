"""Sign-in, registration, e-mail verification, password reset, invitations."""
from __future__ import annotations

import time

from flask import Blueprint, current_app, flash, request, session, url_for
from markupsafe import Markup
from flask_babel import format_date, gettext as _, ngettext
from flask_login import current_user

from portal import sessions
from portal.auth import forms
from portal.consent import state as consent_state
from portal.extensions import db, limiter
from portal.forms import EmptyForm, apply_domain_error
from portal.htmx import hx_redirect, render
from portal.languages import LANG_COOKIE, select_locale
from portal.models import User
from portal.request_actor import current_actor
from portal.security import SIGNED_IN, allow, home_for, safe_next
from portal.services import DomainError
from portal.services.accounts import lockout, registration, throttle, two_factor
from portal.services.consent import ledger
from portal.services.organisations import onboarding
from portal.services.privacy import acceptances
from portal.links import external_url

bp = Blueprint("auth", __name__)
AUTH_LIMIT = "10 per minute"
PENDING_TTL = 300


def _link(endpoint: str):
    return lambda token: external_url(endpoint, token=token)


def _invalid(template: str, form, error: DomainError | None = None, status: int = 422, **context):
    db.session.rollback()
    if error is not None:
        apply_domain_error(form, error)
    return render(template, form=form, status=status, **context)


def _start_session(user: User, next_url: str | None):
    sessions.begin(user)
    registration.record_login(current_actor_for(user), user)
    _tell_of_new_documents(user)
    db.session.commit()
    target = safe_next(next_url, home_for(user))
    if acceptances.terms_to_accept(user) is not None:
        target = url_for("auth.consultant_terms", next=target)
    return hx_redirect(target)


def _tell_of_new_documents(user: User) -> None:
    """A policy version the person has not been shown: a notice with a link, once (R-POLICY-2)."""
    version = acceptances.on_sign_in(current_actor_for(user), user)
    if version is not None:
        text = _("We have published version %(number)d of our privacy policy, in effect from %(date)s.",
                 number=version.number, date=format_date(version.effective_from))
        flash(Markup("{} <a href=\"{}\">{}</a>").format(text, url_for("public.privacy_policy"),
                                                        _("Read what has changed")), "info")


def too_many_attempts(template: str, form, seconds: int, **context):
    """429, the same for every address: how long to wait, and that the owner was mailed a way in."""
    minutes = max(1, -(-seconds // 60))
    form.form_errors.append(ngettext("Too many failed attempts. Wait %(num)d minute and try again, or use the "
                                     "link we mailed to the account's owner.",
                                     "Too many failed attempts. Wait %(num)d minutes and try again, or use the "
                                     "link we mailed to the account's owner.", minutes))
    return _invalid(template, form, status=429, **context)


def current_actor_for(user: User):
    from portal.services.actors import Actor

    return Actor(user=user, ip=request.remote_addr)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(AUTH_LIMIT, methods=["POST"])
def login():
    if current_user.is_authenticated:
        return hx_redirect(home_for(current_user))
    form = forms.LoginForm()
    if not form.validate_on_submit():
        return render("auth/login.html", form=form, status=422 if form.is_submitted() else 200)
    email, ip = form.email.data, request.remote_addr
    waiting = throttle.wait("login", email, ip)
    if waiting:
        return too_many_attempts("auth/login.html", form, waiting)
    user = registration.authenticate(email, form.password.data)
    if user is None:
        verdict = throttle.failed("login", email, ip)
        if verdict.locked_now:
            lockout.notify(current_actor(), email, verdict.wait_minutes, _link("auth.unlock"))
            db.session.commit()
            return too_many_attempts("auth/login.html", form, verdict.wait_seconds)
        form.form_errors.append(_("The e-mail or the password is not correct."))
        return _invalid("auth/login.html", form)
    throttle.succeeded("login", email)
    if not user.is_verified:
        form.form_errors.append(_("Confirm your e-mail address first: follow the link we sent you. "
                                  "You can ask for a new link below."))
        return _invalid("auth/login.html", form, unverified=True)
    if two_factor.required(user):
        session["pending_login"] = {"id": user.id, "epoch": user.session_epoch, "at": time.time(),
                                    "next": request.args.get("next")}
        db.session.commit()
        return hx_redirect(url_for("auth.login_code"))
    return _start_session(user, request.args.get("next"))


@bp.route("/logout", methods=["POST"])
@allow(SIGNED_IN)
def logout():
    if EmptyForm().validate_on_submit():
        sessions.end(current_actor())
        db.session.commit()
        flash(_("You are signed out."), "info")
    return hx_redirect(url_for("public.index"))


def _registration_throttled(template: str, form):
    """Every registration counts against its address: nobody mails one person again and again."""
    waiting = throttle.wait("register", form.email.data, request.remote_addr)
    if waiting:
        return too_many_attempts(template, form, waiting)
    throttle.failed("register", form.email.data, request.remote_addr)
    return None


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(AUTH_LIMIT, methods=["POST"])
def register():
    form = forms.RegisterConsultantForm()
    if not form.validate_on_submit():
        return render("auth/register.html", form=form, status=422 if form.is_submitted() else 200)
    if (refused := _registration_throttled("auth/register.html", form)) is not None:
        return refused
    try:
        user = registration.register_consultant(current_actor(), name=form.name.data, email=form.email.data,
                                     password=form.password.data, locale=select_locale(),
                                     link_for=_link("auth.verify_email"))
    except DomainError as error:
        return _invalid("auth/register.html", form, error)
    if user is not None:  # None: the address had an account, whose owner is mailed; the answer is the same
        ledger.link_to_user(consent_state.cookie_consent_id(), user)  # R-WEB-2
        acceptances.at_registration(current_actor(), user, "registration")
    db.session.commit()
    return hx_redirect(url_for("auth.check_mail"))


@bp.route("/register/organisation", methods=["GET", "POST"])
@limiter.limit(AUTH_LIMIT, methods=["POST"])
def register_organisation():
    form = forms.RegisterOrganisationForm()
    if not form.validate_on_submit():
        return render("auth/register_organisation.html", form=form, status=422 if form.is_submitted() else 200)
    if (refused := _registration_throttled("auth/register_organisation.html", form)) is not None:
        return refused
    try:
        user = registration.register_representative(
            current_actor(), kind=form.kind.data, organisation_name=form.organisation_name.data,
            org_number=form.org_number.data, name=form.name.data, job_title=form.job_title.data,
            phone=form.phone.data, email=form.email.data, password=form.password.data,
            locale=select_locale(), link_for=_link("auth.verify_email"))
    except DomainError as error:
        return _invalid("auth/register_organisation.html", form, error)
    if user is not None:
        ledger.link_to_user(consent_state.cookie_consent_id(), user)  # R-WEB-2
        acceptances.at_registration(current_actor(), user, "organisation_registration")
    db.session.commit()
    return hx_redirect(url_for("auth.check_mail"))


@bp.route("/check-mail")
def check_mail():
    return render("auth/check_mail.html", form=forms.ResendVerificationForm())


@bp.route("/verify/resend", methods=["POST"])
@limiter.limit(AUTH_LIMIT)
def resend_verification():
    form = forms.ResendVerificationForm()
    if not form.validate_on_submit():
        return render("auth/check_mail.html", form=form, status=422)
    user = registration.find_by_email(form.email.data)
    if user is not None and not user.is_verified:
        registration.send_verification(user, _link("auth.verify_email"))
        db.session.commit()
    flash(_("If an unconfirmed account uses that address, a new link is on its way."), "info")
    return hx_redirect(url_for("auth.check_mail"))


@bp.route("/verify/<token>", methods=["GET", "POST"])
def verify_email(token: str):
    form = EmptyForm()
    if not form.validate_on_submit():
        # Mail scanners follow links: a GET only shows the button, so they cannot spend it.
        return render("auth/verify_email.html", form=form, token=token)
    try:
        registration.verify_email(current_actor(), token)
    except DomainError as error:
        db.session.rollback()
        return render("auth/token_error.html", message=error.message, status=400)
    db.session.commit()
    flash(_("Your e-mail address is confirmed. You can sign in now."), "success")
    return hx_redirect(url_for("auth.login"))


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(AUTH_LIMIT, methods=["POST"])
def forgot_password():
    form = forms.ForgotPasswordForm()
    if not form.validate_on_submit():
        return render("auth/forgot_password.html", form=form, status=422 if form.is_submitted() else 200)
    # Every request counts against the address, whether or not it has an account: no mail bombing.
    waiting = throttle.wait("reset", form.email.data, request.remote_addr)
    if waiting:
        return too_many_attempts("auth/forgot_password.html", form, waiting)
    throttle.failed("reset", form.email.data, request.remote_addr)
    registration.request_password_reset(current_actor(), form.email.data, _link("auth.reset_password"))
    db.session.commit()
    flash(_("If an account uses that address, we have sent it a link to choose a new password. "
            "The link works for one hour."), "info")
    return hx_redirect(url_for("auth.login"))


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@limiter.limit(AUTH_LIMIT, methods=["POST"])
def reset_password(token: str):
    try:
        registration.user_for_reset(token)
    except DomainError as error:
        return render("auth/token_error.html", message=error.message, status=400)
    form = forms.ResetPasswordForm()
    if not form.validate_on_submit():
        return render("auth/reset_password.html", form=form, token=token,
                      status=422 if form.is_submitted() else 200)
    registration.reset_password(current_actor(), token, form.password.data)
    db.session.commit()
    flash(_("Your password is changed. Sign in with the new one."), "success")
    return hx_redirect(url_for("auth.login"))


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    try:
        invitation = onboarding.open_invitation(token)
    except DomainError as error:
        return render("auth/token_error.html", message=error.message, status=400)
    form = forms.InvitationForm()
    context = {"invitation": invitation, "token": token}
    if not form.validate_on_submit():
        return render("auth/invitation.html", form=form, status=422 if form.is_submitted() else 200, **context)
    try:
        user = registration.accept_invitation(current_actor(), token, name=form.name.data, job_title=form.job_title.data,
                                   phone=form.phone.data, password=form.password.data, locale=select_locale())
    except DomainError as error:
        return _invalid("auth/invitation.html", form, error, **context)
    ledger.link_to_user(consent_state.cookie_consent_id(), user)  # R-WEB-2
    acceptances.at_registration(current_actor(), user, "invitation")
    db.session.commit()
    flash(_("Your account is ready. Sign in to continue."), "success")
    return hx_redirect(url_for("auth.login"))


@bp.route("/unlock/<token>", methods=["GET", "POST"])
def unlock(token: str):
    form = EmptyForm()
    if not form.validate_on_submit():
        # As for e-mail verification: a GET only shows the button, so mail scanners cannot spend it.
        return render("auth/unlock.html", form=form, token=token)
    try:
        lockout.unlock(current_actor(), token)
    except DomainError as error:
        db.session.rollback()
        return render("auth/token_error.html", message=error.message, status=400)
    db.session.commit()
    flash(_("Signing in works again. Sign in with your password."), "success")
    return hx_redirect(url_for("auth.login"))


@bp.route("/language", methods=["POST"])
def set_language():
    form = forms.LanguageForm()
    if form.validate_on_submit():
        # Set only on this explicit request: a user-interface choice, strictly necessary.
        session["lang"] = form.language.data
        if current_user.is_authenticated:
            registration.set_locale(current_user, form.language.data)
            db.session.commit()
    response = hx_redirect(safe_next(request.form.get("next"), url_for("public.index")))
    if form.validate_on_submit() and consent_state.current().granted("preferences"):
        # Beyond this visit only with consent to preferences (R-WEB-1); expired on withdrawal.
        response.set_cookie(LANG_COOKIE, form.language.data, max_age=365 * 86400, httponly=True, samesite="Lax",
                            secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response


from portal.auth import account  # noqa: E402,F401  (registers the account routes on bp)
from portal.auth import consultant_claim  # noqa: E402,F401  (registers the claim route on bp)
from portal.auth import account_sessions, terms_views, two_factor_views  # noqa: E402,F401  (their routes, on bp)
from portal.auth import keep_account  # noqa: E402,F401  (the retention warning's keep link, on bp)
