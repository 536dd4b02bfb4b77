"""The account page's list of signed-in browsers: end one, or every one but this."""
from __future__ import annotations

from flask import flash, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import sessions
from portal.auth.views import bp
from portal.extensions import db
from portal.forms import EmptyForm
from portal.htmx import hx_redirect
from portal.request_actor import current_actor
from portal.security import SIGNED_IN, allow
from portal.services import DomainError
from portal.services.accounts import sign_in_sessions


@bp.route("/account/sessions/<int:session_id>/end", methods=["POST"])
@allow(SIGNED_IN)
def end_session(session_id: int):
    if EmptyForm().validate_on_submit():
        try:
            sign_in_sessions.end(current_actor(), current_user, session_id)
        except DomainError as error:
            db.session.rollback()
            flash(str(error.message), "info")
        else:
            db.session.commit()
            flash(_("That session is signed out."), "success")
    return hx_redirect(url_for("auth.account") + "#sessions")


@bp.route("/account/sessions/end-others", methods=["POST"])
@allow(SIGNED_IN)
def end_other_sessions():
    if EmptyForm().validate_on_submit():
        count = sign_in_sessions.end_all(current_actor(), current_user, keep_token=sessions.current_token())
        db.session.commit()
        flash(_("Every other session is signed out (%(count)d).", count=count), "success")
    return hx_redirect(url_for("auth.account") + "#sessions")
