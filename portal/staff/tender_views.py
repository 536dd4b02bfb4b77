"""LOU (R-CON-4): staff who handle shortlists export a consultant's tender-response CV as a PDF, only with the
consultant's yes to being named and a release in force; each export is audited."""
from __future__ import annotations

import io

from flask import abort, send_file

from portal.extensions import db
from portal.htmx import render
from portal.models import Assignment, User
from portal.request_actor import current_actor
from portal.security import allow
from portal.services import DomainError
from portal.services.applications import tender_cv as cv
from portal.staff.assignment_views import RECRUITING
from portal.staff.views import bp


@bp.route("/assignments/<int:assignment_id>/tender-cv/<int:consultant_id>.pdf")
@allow(RECRUITING)
def tender_cv(assignment_id: int, consultant_id: int):
    assignment = db.session.get(Assignment, assignment_id)
    consultant = db.session.get(User, consultant_id)
    if assignment is None or not assignment.is_lou or consultant is None or consultant.role != "consultant":
        abort(404)
    try:
        data = cv.export(current_actor(), assignment, consultant)
    except DomainError as error:
        db.session.rollback()
        return render("staff/tender_refused.html", status=409, assignment=assignment, message=error.message)
    db.session.commit()
    response = send_file(io.BytesIO(data), mimetype="application/pdf", as_attachment=True, max_age=0,
                         download_name=f"tender-cv-{assignment.id}-{consultant.id}.pdf")
    response.headers["Cache-Control"] = "no-store"
    return response
