"""Buyers' assignment requests: draft, revise (whole or a part at a time), submit, follow, evaluate and rate
(R-BUY-1). The page and its parts are built in assignment_page."""
from __future__ import annotations

from flask import abort, flash, request, url_for
from flask_babel import gettext as _

from portal.buyer import assignment_page
from portal.buyer.forms import RatingForm, assignment_data, assignment_form
from portal.buyer.views import bp
from portal.extensions import db
from portal.forms import apply_domain_error, choices
from portal.htmx import hx_redirect, render
from portal.models import Assignment
from portal.representation import current_organisation
from portal.request_actor import current_actor
from portal.services import DomainError
from portal.services.assignments import lifecycle, ratings
from portal.services.shortlists import showings


def _assignment(assignment_id: int) -> Assignment:
    assignment = lifecycle.for_organisation(current_organisation("buyer"), assignment_id)
    if assignment is None:
        abort(404)
    return assignment


def _detail_context(item: Assignment, rating_form: RatingForm | None = None) -> dict:
    """The assignment page's context (shortlist_views renders the page with it too)."""
    return assignment_page.context(item, rating_form)


@bp.route("/assignments")
def assignments_list():
    organisation = current_organisation("buyer")
    items = lifecycle.list_for(organisation)
    return render("buyer/assignments.html", assignments=items,
                  offer_counts=lifecycle.offer_counts([a.id for a in items]))


@bp.route("/assignments/new", methods=["GET", "POST"])
def assignment_new():
    organisation = current_organisation("buyer")
    contacts = lifecycle.contact_choices(organisation)
    form = assignment_form(contacts=contacts, formdata=request.form if request.method == "POST" else None)
    if request.method == "GET":
        return render("buyer/assignment_form.html", form=form, assignment=None)
    if form.validate():
        try:
            assignment = lifecycle.create(current_actor(), organisation, assignment_data(form))
        except DomainError as error:
            db.session.rollback()
            assignment_page.refuse(form, error)
        else:
            db.session.commit()
            flash(_("The draft is saved. Submit it when it is ready for our review."), "success")
            return hx_redirect(url_for("buyer.assignment", assignment_id=assignment.id))
    return render("buyer/assignment_form.html", form=form, assignment=None, status=422)


@bp.route("/assignments/<int:assignment_id>")
def assignment(assignment_id: int):
    """`?saved=` says which part was just saved; `?part=` gives htmx one part's summary again (its form's Cancel)."""
    context = _detail_context(_assignment(assignment_id))
    # The consultant sees where their anonymous card went (R-CON-9).
    if showings.record(current_organisation("buyer"), assignment_id, context["shortlist"]):
        db.session.commit()
    part = assignment_page.part_arg("part")
    return assignment_page.page(context, part=part, saved=assignment_page.part_arg("saved"), focus=part)


@bp.route("/assignments/<int:assignment_id>/edit", methods=["GET", "POST"])
@bp.route("/assignments/<int:assignment_id>/edit/<part>", methods=["GET", "POST"])
def assignment_edit(assignment_id: int, part: str | None = None):
    """The whole form, or one part of it (`/edit/requirements`): a part's save keeps the other parts."""
    item = _assignment(assignment_id)
    if part is not None:
        return _edit_part(item, part)
    contacts = lifecycle.contact_choices(item.organisation)
    if request.method == "GET":
        form = assignment_form(lifecycle.data_of(item), item.version, contacts)
        return render("buyer/assignment_form.html", form=form, assignment=item)
    form = assignment_form(contacts=contacts, formdata=request.form)
    status, sent_back = assignment_page.revise(item, form)
    if status == 200:
        assignment_page.flash_saved(sent_back)
        return hx_redirect(url_for("buyer.assignment", assignment_id=item.id))
    return render("buyer/assignment_form.html", form=form, assignment=item, status=status)


def _edit_part(item: Assignment, part: str):
    if part not in assignment_page.PARTS:
        abort(404)
    if request.method == "GET":
        return assignment_page.part_page(item, part)
    form = assignment_page.posted_form(item, part)
    status, sent_back = assignment_page.revise(item, form)
    if status == 200:
        return assignment_page.part_saved(item, part, sent_back)
    return assignment_page.part_page(item, part, form, status)


@bp.route("/assignments/<int:assignment_id>/state", methods=["POST"])
def assignment_state(assignment_id: int):
    item = _assignment(assignment_id)
    try:
        lifecycle.transition(current_actor(), item, request.form.get("to", ""))
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return assignment_page.page(_detail_context(item), status=409)
    db.session.commit()
    flash(_("The assignment's state is changed."), "success")
    return hx_redirect(url_for("buyer.assignment", assignment_id=item.id))


@bp.route("/assignments/<int:assignment_id>/rate", methods=["POST"])
def assignment_rate(assignment_id: int):
    item = _assignment(assignment_id)
    form = RatingForm()
    form.consultant_id.choices = choices([(0, ""), *ratings.rateable(item)])
    if form.validate():
        try:
            ratings.rate(current_actor(), item, score=form.score.data, comment=form.comment.data or "",
                         supplier_consultant_id=form.consultant_id.data or None)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Thank you: the rating is saved."), "success")
            return hx_redirect(url_for("buyer.assignment", assignment_id=item.id))
    return assignment_page.page(_detail_context(item, form), status=422)

