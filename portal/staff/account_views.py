"""Staff admins pause or restore a person's sign-in (R-STAFF-1); pausing ends every session."""
from __future__ import annotations

from flask import abort, flash, request
from flask_babel import gettext as _

from portal.extensions import db
from portal.forms import EmptyForm
from portal.htmx import hx_redirect
from portal.models import User
from portal.request_actor import current_actor
from portal.security import allow, safe_next, staff
from portal.services import DomainError
from portal.services.accounts import deactivation
from portal.staff.views import bp


def _change(user_id: int, change) -> object:
    user = db.session.get(User, user_id)
    if user is None or not EmptyForm().validate_on_submit():
        abort(404 if user is None else 400)
    if not deactivation.may_change(current_actor().user, user):
        abort(403)
    try:
        change(current_actor(), user)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "info")
    else:
        db.session.commit()
        flash(_("Access is paused and every session has ended.") if user.is_disabled else _("Access is restored."),
              "success")
    return hx_redirect(safe_next(request.form.get("next"), "/staff/"))


@bp.route("/accounts/<int:user_id>/deactivate", methods=["POST"])
@allow(staff("admin"))
def account_deactivate(user_id: int):
    return _change(user_id, deactivation.deactivate)


@bp.route("/accounts/<int:user_id>/reactivate", methods=["POST"])
@allow(staff("admin"))
def account_reactivate(user_id: int):
    return _change(user_id, deactivation.reactivate)
