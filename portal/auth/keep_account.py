"""The link in the retention warning: keep an inactive account without signing in (R-CON-11)."""
from __future__ import annotations

from flask import abort

from portal.auth.views import bp
from portal.extensions import db
from portal.forms import EmptyForm
from portal.htmx import render
from portal.request_actor import current_actor
from portal.services import DomainError
from portal.services.retention import keep_link


def _refused(error: DomainError):
    db.session.rollback()
    return render("retention/keep_error.html", message=error.message, status=400)


@bp.route("/keep-account/<token>")
def keep_account(token: str):
    try:
        warning, _user = keep_link.open_warning(token)
    except DomainError as error:
        return _refused(error)
    return render("retention/keep.html", token=token, warning=warning, form=EmptyForm())


@bp.route("/keep-account/<token>", methods=["POST"])
def keep_account_confirm(token: str):
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        keep_link.keep(current_actor(), token)
    except DomainError as error:
        return _refused(error)
    db.session.commit()
    return render("retention/kept.html")
