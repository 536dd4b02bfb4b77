"""A consultant registered by a supplier claims the record: with a new account, or their own."""
from __future__ import annotations

from flask import flash, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.auth import forms
from portal.auth.views import _invalid, bp
from portal.extensions import db
from portal.forms import EmptyForm
from portal.htmx import hx_redirect, render
from portal.languages import select_locale
from portal.request_actor import current_actor
from portal.services import DomainError
from portal.services.assignments import offers
from portal.services.privacy import acceptances


@bp.route("/consultant-invitation/<token>", methods=["GET", "POST"])
def claim_consultant(token: str):
    try:
        consultant = offers.open_claim(token)
    except DomainError as error:
        return render("auth/token_error.html", message=error.message, status=400)
    signed_in_consultant = current_user.is_authenticated and current_user.role == "consultant"
    form = EmptyForm() if signed_in_consultant else forms.ClaimConsultantForm()
    if not signed_in_consultant and not form.is_submitted():
        form.name.data = consultant.name
    context = {"consultant": consultant, "token": token, "signed_in_consultant": signed_in_consultant}
    if not form.validate_on_submit():
        return render("auth/claim_consultant.html", form=form, status=422 if form.is_submitted() else 200, **context)
    try:
        if signed_in_consultant:
            offers.claim(current_actor(), token, current_user)
        else:
            user = offers.claim_with_new_account(current_actor(), token, name=form.name.data,
                                                 password=form.password.data, locale=select_locale())
            acceptances.at_registration(current_actor(), user, "claim")  # which versions, and when (R-CON-10)
    except DomainError as error:
        return _invalid("auth/claim_consultant.html", form, error, **context)
    db.session.commit()
    if signed_in_consultant:
        flash(_("The profile is now linked to your account."), "success")
        return hx_redirect(url_for("consultant.index"))
    flash(_("Your account is ready. Sign in to continue."), "success")
    return hx_redirect(url_for("auth.login"))
