"""/unsubscribe/<token> (RFC 8058 one-click, no sign-in) and /marketing/choices (signed in)."""
from __future__ import annotations

from flask import Blueprint, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.extensions import csrf, db
from portal.forms import apply_domain_error, refuse_unless_one_click_or_csrf
from portal.htmx import hx_redirect, render
from portal.marketing.forms import ChoicesForm
from portal.request_actor import current_actor
from portal.security import PUBLIC, allow, roles
from portal.services import DomainError
from portal.services.accounts.tokens import TokenError
from portal.services.marketing import unsubscribe as unsubscribing
from portal.services.privacy import marketing

bp = Blueprint("marketing", __name__)
PEOPLE = roles(*marketing.ROLES)


def _page(status: int = 200, **context):
    return render("marketing/unsubscribe.html", status=status, topics=marketing.TOPICS, **context)


# CSRF exemption, this route only: RFC 8058 one-click unsubscribe is a POST from the mail provider with the
# body `List-Unsubscribe=One-Click` and no cookie or form token. The signed token in the URL is the authority
# (it can only unsubscribe its own person from its own topic, and a replay does nothing more). Any other POST
# here, such as the page's own button, must still carry a valid CSRF token (checked below).
@csrf.exempt
@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@allow(PUBLIC)
def unsubscribe(token: str):
    try:
        link = unsubscribing.read(token)
    except TokenError as error:
        return _page(400, error=str(error.message))
    if request.method == "GET":
        already = link.user is None or not marketing.choices(link.user)[link.topic]
        return _page(link=link, token=token, already=already)
    refuse_unless_one_click_or_csrf()
    link, changed = unsubscribing.apply(current_actor(), token)
    db.session.commit()
    return _page(link=link, done=True, already=not changed)


def _choices_page(form: ChoicesForm, status: int = 200):
    return render("marketing/choices.html", status=status, form=form, objected=marketing.has_objected(current_user))


@bp.route("/marketing/choices")
@allow(PEOPLE)
def choices():
    return _choices_page(ChoicesForm(formdata=None, data=marketing.choices(current_user)))


@bp.route("/marketing/choices", methods=["POST"])
@allow(PEOPLE)
def save_choices():
    form = ChoicesForm()
    if form.validate_on_submit():
        try:
            marketing.set_choices(current_actor(), current_user, {t: getattr(form, t).data for t in form.TOPICS},
                                  explicit=form.confirm.data)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Your marketing choices are saved."), "success")
            return hx_redirect(url_for("marketing.choices"))
    return _choices_page(form, 422)
