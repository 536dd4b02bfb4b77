"""A signed-in person's own account: password, language, two-factor sign-in and recovery codes."""
from __future__ import annotations

from flask import flash, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import sessions
from portal.auth import forms
from portal.auth.views import bp
from portal.extensions import db
from portal.forms import EmptyForm, apply_domain_error
from portal.htmx import hx_redirect, render
from portal.request_actor import current_actor
from portal.security import SIGNED_IN, allow
from portal.services import DomainError
from portal.services.accounts import recovery_codes, registration, sign_in_sessions, two_factor
from portal.services.privacy import acceptances


def _page(status: int = 200, **forms_in_error):
    context = {
        "password_form": forms.ChangePasswordForm(formdata=None, prefix="pw"),
        "language_form": forms.LanguageForm(formdata=None, prefix="lang", language=current_user.locale or "sv"),
        "totp_form": forms.TotpForm(formdata=None, prefix="totp"),
        "totp_secret": session.get("enrol_secret"),
        "codes_form": forms.TotpForm(formdata=None, prefix="codes"),
        "recovery_left": recovery_codes.remaining(current_user),
        "sign_in_sessions": sign_in_sessions.list_for(current_user),
        "this_session_id": sessions.current_session_id(),
        "end_form": EmptyForm(formdata=None),
        "acceptances": acceptances.of(current_user),
    }
    context.update(forms_in_error)
    if context["totp_secret"]:
        context["totp_uri"] = two_factor.provisioning_uri(current_user, context["totp_secret"])
    return render("auth/account.html", status=status, **context)


@bp.route("/account")
@allow(SIGNED_IN)
def account():
    return _page()


@bp.route("/account/password", methods=["POST"])
@allow(SIGNED_IN)
def change_password():
    form = forms.ChangePasswordForm(prefix="pw")
    if form.validate_on_submit():
        try:
            registration.change_password(current_actor(), current_user, form.current_password.data, form.password.data)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            # Every session ended with the old password; this browser gets a fresh one.
            sessions.begin(current_user._get_current_object())
            db.session.commit()
            flash(_("Your password is changed. Other sessions are signed out."), "success")
            return hx_redirect(url_for("auth.account"))
    return _page(422, password_form=form)


@bp.route("/account/language", methods=["POST"])
@allow(SIGNED_IN)
def change_language():
    form = forms.LanguageForm(prefix="lang")
    if not form.validate_on_submit():
        return _page(422, language_form=form)
    registration.set_locale(current_user, form.language.data)
    db.session.commit()
    return hx_redirect(url_for("auth.account"))


@bp.route("/account/two-factor", methods=["POST"])
@allow(SIGNED_IN)
def two_factor_start():
    session["enrol_secret"] = two_factor.new_secret()
    return hx_redirect(url_for("auth.account") + "#two-factor")


@bp.route("/account/two-factor/confirm", methods=["POST"])
@allow(SIGNED_IN)
def two_factor_confirm():
    form = forms.TotpForm(prefix="totp")
    secret = session.get("enrol_secret")
    if secret and form.validate_on_submit():
        try:
            two_factor.enable(current_actor(), current_user, secret, form.code.data)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            codes = recovery_codes.issue(current_actor(), current_user)
            db.session.commit()
            session.pop("enrol_secret", None)
            flash(_("Two-factor sign-in is on."), "success")
            return _show_codes(codes, url_for("auth.account"))
    elif not secret:
        form.form_errors.append(_("Start the set-up again: the code was not requested."))
    return _page(422, totp_form=form)


@bp.route("/account/two-factor/disable", methods=["POST"])
@allow(SIGNED_IN)
def two_factor_disable():
    form = forms.TotpForm(prefix="totp")
    if form.validate_on_submit():
        try:
            two_factor.disable(current_actor(), current_user, form.code.data)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Two-factor sign-in is off."), "info")
            return hx_redirect(url_for("auth.account"))
    return _page(422, totp_form=form)


def _show_codes(codes: list[str], next_url: str):
    """Rendered straight from the POST, never stored or redirected: the codes exist only on this page."""
    return render("auth/recovery_codes.html", codes=codes, next_url=next_url)


@bp.route("/account/recovery-codes", methods=["POST"])
@allow(SIGNED_IN)
def recovery_codes_renew():
    form = forms.TotpForm(prefix="codes")
    if not current_user.totp_enabled:
        form.form_errors.append(_("Turn on two-factor sign-in first."))
    elif form.validate_on_submit():
        if two_factor.verify(current_user, form.code.data):
            codes = recovery_codes.issue(current_actor(), current_user)
            db.session.commit()
            return _show_codes(codes, url_for("auth.account"))
        db.session.rollback()
        form.code.errors.append(_("The code does not match. Check the time on your phone and try again."))
    return _page(422, codes_form=form)
