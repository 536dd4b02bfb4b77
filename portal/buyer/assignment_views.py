"""Buyers' assignment requests: draft, revise, submit, follow, evaluate and rate (R-BUY-1)."""
from __future__ import annotations

from flask import abort, flash, request, url_for
from flask_babel import gettext as _

from portal.buyer.forms import RatingForm, assignment_data, assignment_form
from portal.buyer.views import bp
from portal.extensions import db
from portal.forms import EmptyForm, apply_domain_error, choices, parse_id
from portal.htmx import hx_redirect, render
from portal.models import Assignment
from portal.representation import current_organisation
from portal.request_actor import current_actor
from portal.services import DomainError
from portal.services.assignments import lifecycle, ratings, requirement_stats
from portal.services.shortlists import disclosures, picks, showings
from portal.services.assignments.lifecycle import StaleError


def _refuse(form, error: DomainError) -> None:
    """Show a refusal; one about the requirements goes above the form and beside the requirement rows."""
    if error.field == "requirements":
        form.form_errors.append(error.message)
        form.requirements_message = error.message
    else:
        apply_domain_error(form, error)


def _assignment(assignment_id: int) -> Assignment:
    assignment = lifecycle.for_organisation(current_organisation("buyer"), assignment_id)
    if assignment is None:
        abort(404)
    return assignment


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
            _refuse(form, error)
        else:
            db.session.commit()
            flash(_("The draft is saved. Submit it when it is ready for our review."), "success")
            return hx_redirect(url_for("buyer.assignment", assignment_id=assignment.id))
    return render("buyer/assignment_form.html", form=form, assignment=None, status=422)


@bp.route("/assignments/<int:assignment_id>")
def assignment(assignment_id: int):
    context = _detail_context(_assignment(assignment_id))
    # The consultant sees where their anonymous card went (R-CON-9).
    if showings.record(current_organisation("buyer"), assignment_id, context["shortlist"]):
        db.session.commit()
    return render("buyer/assignment.html", **context)


@bp.route("/assignments/<int:assignment_id>/edit", methods=["GET", "POST"])
def assignment_edit(assignment_id: int):
    item = _assignment(assignment_id)
    contacts = lifecycle.contact_choices(item.organisation)
    if request.method == "GET":
        form = assignment_form(lifecycle.data_of(item), item.version, contacts)
        return render("buyer/assignment_form.html", form=form, assignment=item)
    form = assignment_form(contacts=contacts, formdata=request.form)
    status = 422
    if form.validate():
        try:
            version = parse_id(form.version.data)
            was_published = item.state == "published"
            lifecycle.revise(current_actor(), item, assignment_data(form), version=-1 if version is None else version)
        except StaleError as error:
            db.session.rollback()
            _refuse(form, error)
            status = 409
        except DomainError as error:
            db.session.rollback()
            _refuse(form, error)
        else:
            db.session.commit()
            if was_published and item.state == "submitted":
                flash(_("Your changes are saved and the assignment is back with us for review; it is listed again "
                        "once we publish it. Suppliers who already offered are told what changed."), "success")
            else:
                flash(_("Your changes are saved."), "success")
            return hx_redirect(url_for("buyer.assignment", assignment_id=item.id))
    return render("buyer/assignment_form.html", form=form, assignment=item, status=status)


@bp.route("/assignments/<int:assignment_id>/state", methods=["POST"])
def assignment_state(assignment_id: int):
    item = _assignment(assignment_id)
    try:
        lifecycle.transition(current_actor(), item, request.form.get("to", ""))
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return render("buyer/assignment.html", status=409, **_detail_context(item))
    db.session.commit()
    flash(_("The assignment's state is changed."), "success")
    return hx_redirect(url_for("buyer.assignment", assignment_id=item.id))


def _detail_context(item: Assignment, rating_form: RatingForm | None = None) -> dict:
    if rating_form is None:
        rating_form = RatingForm(formdata=None)
    rateable = ratings.rateable(item)
    rating_form.consultant_id.choices = choices([(0, _("The assignment as a whole")), *rateable])
    return {"assignment": item, "form": EmptyForm(), "rating_form": rating_form,
            "stats": requirement_stats.for_assignment(item), "few": requirement_stats.FEW,
            "offer_count": lifecycle.offer_counts([item.id]).get(item.id, 0),
            "transitions": lifecycle.allowed_transitions(item, "buyer"), "ratings": ratings.ratings_of(item),
            "rated_names": dict(rateable),
            "shortlist": picks.buyer_rows(item), "release_labels": disclosures.FIELD_LABELS}


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
    return render("buyer/assignment.html", status=422, **_detail_context(item, form))

