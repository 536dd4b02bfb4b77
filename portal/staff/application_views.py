"""Back office: the applications to an assignment, on its staff page (R-STAFF-2, R-CON-1). A recruiter reads
the answers, the rate and how the profile meets each requirement, then shortlists the application (the
anonymous-card flow of the shortlist page) or declines it with a reason the consultant reads. Reading an
application is reading a person's data: each view is audited (R-STAFF-1)."""
from __future__ import annotations

from dataclasses import dataclass

from flask import abort, request, url_for
from flask_babel import gettext as _

from portal import actions
from portal.extensions import db
from portal.models import Application
from portal.request_actor import current_actor
from portal.security import allow
from portal.services import audit
from portal.services.applications import fit, review
from portal.staff.assignment_views import RECRUITING, _assignment_page
from portal.staff.views import bp


@dataclass(frozen=True)
class Refusal:
    """A refused action on one application, shown beside its form."""
    application_id: int
    action: str  # "shortlist" | "decline"
    message: str
    field: str | None = None
    reason: str = ""


def listing(assignment, refusal: Refusal | None = None) -> dict:
    """The applications part of the staff assignment page; every applicant's data shown is audited."""
    applications = review.of_assignment(assignment)
    audit.record_many(current_actor(), "person.view", [
        (a.consultant_id, a, {"assignment": assignment.id}) for a in applications])
    db.session.commit()
    return {"applications": applications, "application_refusal": refusal,
            "application_fits": {a.id: fit.fit(a.consultant, assignment) for a in applications}}


def _application(application_id: int) -> Application:
    item = review.for_staff(application_id)
    if item is None:
        abort(404)
    return item


def _act(item: Application, action: str, run, done: str):
    reason = request.form.get("reason", "")

    def refused(status: int, message: str):
        field = "reason" if status == 422 else None
        return _assignment_page(item.assignment, status,
                                refusal=Refusal(item.id, action, message, field, reason))

    return actions.run(lambda: run(current_actor(), item, reason), done=done, refused=refused,
                       to=url_for("staff.assignment", assignment_id=item.assignment_id,
                                  _anchor=f"application-{item.id}"),
                       status=lambda error: 422 if error.field == "reason" else 409)


@bp.route("/applications/<int:application_id>/shortlist", methods=["POST"])
@allow(RECRUITING)
def application_shortlist(application_id: int):
    return _act(_application(application_id), "shortlist", review.shortlist,
                _("The consultant is on the shortlist. Review the anonymized card before the client sees it."))


@bp.route("/applications/<int:application_id>/decline", methods=["POST"])
@allow(RECRUITING)
def application_decline(application_id: int):
    return _act(_application(application_id), "decline", review.decline,
                _("The application is declined; the consultant can read your reason."))
