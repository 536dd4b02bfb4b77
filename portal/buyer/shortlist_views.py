"""Buyers browse the anonymized shortlist and ask to meet a candidate; the consultant is asked first
(R-BUY-7, R-CON-9). A candidate of another organisation's assignment is "not found"."""
from __future__ import annotations

from flask import abort, flash, url_for
from flask_babel import gettext as _

from portal.buyer.assignment_views import _assignment, _detail_context
from portal.buyer.views import bp
from portal.consultant.request_views import answer_link
from portal.extensions import db
from portal.htmx import hx_redirect, render
from portal.representation import current_organisation
from portal.request_actor import current_actor
from portal.services import DomainError
from portal.services.shortlists import consent_requests, picks


@bp.route("/assignments/<int:assignment_id>/shortlist/<int:entry_id>/meet", methods=["POST"])
def shortlist_meet(assignment_id: int, entry_id: int):
    organisation = current_organisation("buyer")
    entry = picks.for_buyer(organisation, assignment_id, entry_id)
    if entry is None:
        abort(404)
    try:
        consent_requests.ask_to_meet(current_actor(), organisation, entry, answer_link)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return render("buyer/assignment.html", status=409, **_detail_context(_assignment(assignment_id)))
    db.session.commit()
    flash(_("We have asked the consultant. You will see their data here only if they say yes."), "success")
    return hx_redirect(url_for("buyer.assignment", assignment_id=assignment_id))
