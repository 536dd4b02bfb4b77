"""The privacy officer resolves “this is wrong” disputes and lifts restrictions (R-RIGHTS-3, R-RIGHTS-5)."""
from __future__ import annotations

from flask import abort, flash, request as http_request, url_for
from flask_babel import gettext as _

from portal.extensions import db
from portal.forms import EmptyForm, parse_id
from portal.htmx import hx_redirect
from portal.models import DataDispute, PrivacyRequest, ProcessingRestriction
from portal.request_actor import current_actor
from portal.security import allow
from portal.services import DomainError
from portal.services.privacy import disputes, restrictions
from portal.staff import privacy_requests as request_views
from portal.staff.privacy_requests import PRIVACY_OFFICER
from portal.staff.views import bp


def _dispute(dispute_id: int) -> DataDispute:
    found = db.session.get(DataDispute, dispute_id)
    if found is None or found.privacy_request_id is None:
        abort(404)
    return found


def _run(request_id: int, action, done: str):
    """Run a resolution; a refusal re-renders the request page with 422 and the reason."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        action()
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        found = db.session.get(PrivacyRequest, request_id)
        if found is None:
            abort(404)
        return request_views._page(found, 422)
    db.session.commit()
    flash(done, "success")
    return hx_redirect(url_for("staff.privacy_request", request_id=request_id))


@bp.route("/disputes/<int:dispute_id>/correct", methods=["POST"])
@allow(PRIVACY_OFFICER)
def dispute_correct(dispute_id: int):
    found = _dispute(dispute_id)
    form = http_request.form
    return _run(found.privacy_request_id, lambda: disputes.correct(
        current_actor(), found, new_text=form.get("new_text"), remove=form.get("remove") == "y",
        answer=form.get("answer")), _("Corrected; the person is told and the flag is lifted."))


@bp.route("/disputes/<int:dispute_id>/reject", methods=["POST"])
@allow(PRIVACY_OFFICER)
def dispute_reject(dispute_id: int):
    found = _dispute(dispute_id)
    reason = http_request.form.get("reason")
    return _run(found.privacy_request_id, lambda: disputes.reject(current_actor(), found, reason),
                _("Rejected with your reason; the person is told and the flag is lifted."))


@bp.route("/restrictions/<int:restriction_id>/lift", methods=["POST"])
@allow(PRIVACY_OFFICER)
def restriction_lift(restriction_id: int):
    found = db.session.get(ProcessingRestriction, restriction_id)
    back = parse_id(http_request.form.get("request_id"))
    request = db.session.get(PrivacyRequest, back) if back is not None else None
    if found is None or request is None or request.user_id != found.user_id:
        abort(404)
    return _run(request.id, lambda: restrictions.lift(current_actor(), found),
                _("The restriction is lifted; the person is told."))
