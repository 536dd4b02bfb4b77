"""A visitor without an account asks to use a right; a one-time link to their e-mail proves it."""
from flask import url_for
from flask_babel import gettext as _

from portal.extensions import db, limiter
from portal.forms import EmptyForm, apply_domain_error
from portal.htmx import hx_redirect, render
from portal.languages import select_locale
from portal.privacy import forms
from portal.privacy.views import bp
from portal.request_actor import current_actor
from portal.security import PUBLIC, allow
from portal.services import DomainError
from portal.services.privacy import privacy_requests
from portal.links import external_url

VISITOR_LIMIT = "5 per minute; 20 per day"


@bp.route("/ask", methods=["GET", "POST"])
@allow(PUBLIC)
@limiter.limit(VISITOR_LIMIT, methods=["POST"])
def ask():
    form = forms.VisitorRequestForm()
    if not form.validate_on_submit():
        return render("privacy/ask.html", form=form, status=422 if form.is_submitted() else 200)
    try:
        privacy_requests.submit_from_visitor(
            current_actor(), name=form.name.data, email=form.email.data, kind=form.kind.data,
            details=form.details.data, locale=select_locale(),
            link_for=lambda token: external_url("privacy.confirm", token=token))
    except DomainError as error:
        db.session.rollback()
        apply_domain_error(form, error)
        return render("privacy/ask.html", form=form, status=422)
    db.session.commit()
    return hx_redirect(url_for("privacy.ask_sent"))


@bp.route("/ask/sent")
@allow(PUBLIC)
def ask_sent():
    # The same words whatever the address: nothing here says whether it has an account.
    return render("privacy/ask_sent.html")


@bp.route("/ask/confirm/<token>", methods=["GET", "POST"])
@allow(PUBLIC)
def confirm(token: str):
    form = EmptyForm()
    if not form.validate_on_submit():
        # Mail scanners follow links: a GET only shows the button, so they cannot spend it.
        return render("privacy/confirm.html", token=token)
    try:
        request = privacy_requests.verify_visitor(current_actor(), token)
    except DomainError as error:
        db.session.rollback()
        return render("privacy/link_error.html", message=error.message, status=400)
    db.session.commit()
    return render("privacy/confirmed.html", request=request, kinds=privacy_requests.KINDS)
