"""Back office: review and publish assignment requests, work the offer queue (R-STAFF-2)."""
from __future__ import annotations

from flask import abort, flash, request, url_for
from flask_babel import gettext as _

from portal.extensions import db
from portal.forms import EmptyForm
from portal.htmx import hx_redirect, render
from portal.models import Assignment, AssignmentState, Offer
from portal.request_actor import current_actor
from portal.security import allow, staff
from portal.services import DomainError, audit
from portal.services.assignments import lifecycle, offers
from portal.services.matching import assignment_ranking
from portal.staff.views import bp

RECRUITING = staff("admin", "recruiter")
QUEUES = {"review": (AssignmentState.SUBMITTED.value,),
          "open": (AssignmentState.PUBLISHED.value, AssignmentState.SHORTLISTING.value),
          "closed": (AssignmentState.FILLED.value, AssignmentState.CANCELLED.value, AssignmentState.EXPIRED.value)}


@bp.route("/assignments")
@allow(RECRUITING)
def assignments_queue():
    queue = request.args.get("queue", "review")
    states = QUEUES.get(queue, QUEUES["review"])
    items = lifecycle.in_state(states)
    return render("staff/assignments.html", assignments=items, queue=queue,
                  offer_counts=lifecycle.offer_counts([a.id for a in items]))


def _assignment(assignment_id: int) -> Assignment:
    item = db.session.get(Assignment, assignment_id)
    if item is None:
        abort(404)
    return item


def _assignment_page(item: Assignment, status: int = 200, refusal=None):
    from portal.staff.application_views import listing  # the applications part (it imports this module)

    return render("staff/assignment.html", assignment=item, form=EmptyForm(), status=status,
                  transitions=lifecycle.allowed_transitions(item, "staff"),
                  offers=offers.on_assignment(item),
                  comments=offers.comments_on(item), readings=assignment_ranking.readings(item),
                  **listing(item, refusal))


@bp.route("/assignments/<int:assignment_id>")
@allow(RECRUITING)
def assignment(assignment_id: int):
    return _assignment_page(_assignment(assignment_id))


@bp.route("/assignments/<int:assignment_id>/state", methods=["POST"])
@allow(RECRUITING)
def assignment_state(assignment_id: int):
    item = _assignment(assignment_id)
    try:
        lifecycle.transition(current_actor(), item, request.form.get("to", ""))
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return _assignment_page(item, 409)
    db.session.commit()
    flash(_("The assignment's state is changed."), "success")
    return hx_redirect(url_for("staff.assignment", assignment_id=item.id))


@bp.route("/offers")
@allow(RECRUITING)
def offers_queue():
    return render("staff/offers.html", offers=offers.queue())


def _offer(offer_id: int) -> Offer:
    item = offers.for_staff(offer_id)  # an offer waiting for the consultant's yes is not staff's yet
    if item is None:
        abort(404)
    return item


@bp.route("/offers/<int:offer_id>")
@allow(RECRUITING)
def offer(offer_id: int):
    item = _offer(offer_id)
    # The consultant's name and e-mail are personal data: the view is logged (R-STAFF-1).
    audit.record(current_actor(), "person.view", subject=item.consultant.claimed_by_user_id, obj=item.consultant)
    db.session.commit()
    return render("staff/offer.html", offer=item, form=EmptyForm())


@bp.route("/offers/<int:offer_id>/state", methods=["POST"])
@allow(RECRUITING)
def offer_state(offer_id: int):
    item = _offer(offer_id)
    try:
        offers.decide(current_actor(), item, request.form.get("to", ""))
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return hx_redirect(url_for("staff.offer", offer_id=item.id))
    db.session.commit()
    flash(_("The offer's state is changed."), "success")
    return hx_redirect(url_for("staff.offer", offer_id=item.id))
