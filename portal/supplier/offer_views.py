"""Suppliers offer their consultants to published assignments and follow their offers (R-SUP-1)."""
from __future__ import annotations

from flask import abort, flash, request, url_for
from flask_babel import gettext as _

from portal.extensions import db
from portal.forms import EmptyForm, apply_domain_error
from portal.htmx import hx_redirect, render
from portal.models import Assignment
from portal.representation import current_organisation
from portal.request_actor import current_actor
from portal.services import DomainError
from portal.services.assignments import lifecycle, offers
from portal.supplier.forms import CommentForm, ConsultantForm, answers_of, offer_form
from portal.supplier.views import bp
from portal.links import external_url


def _claim_link(token: str) -> str:
    return external_url("auth.claim_consultant", token=token)


def _published(assignment_id: int) -> Assignment:
    assignment = lifecycle.published(assignment_id)
    if assignment is None:
        abort(404)
    return assignment


@bp.route("/assignments")
def assignments_open():
    current_organisation("supplier")
    return render("supplier/assignments.html", assignments=lifecycle.published())


def _assignment_page(assignment: Assignment, comment_form=None, status: int = 200):
    organisation = current_organisation("supplier")
    return render("supplier/assignment.html", assignment=assignment, status=status,
                  comment_form=comment_form or CommentForm(formdata=None),
                  comments=offers.comments_on(assignment, organisation))


@bp.route("/assignments/<int:assignment_id>")
def assignment(assignment_id: int):
    return _assignment_page(_published(assignment_id))


@bp.route("/assignments/<int:assignment_id>/comment", methods=["POST"])
def assignment_comment(assignment_id: int):
    item = _published(assignment_id)
    form = CommentForm()
    if form.validate():
        try:
            offers.comment(current_actor(), current_organisation("supplier"), item, form.body.data)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Thank you: our staff will read your comment."), "success")
            return hx_redirect(url_for("supplier.assignment", assignment_id=item.id))
    return _assignment_page(item, form, 422)


@bp.route("/assignments/<int:assignment_id>/offer", methods=["GET", "POST"])
def offer_new(assignment_id: int):
    item = _published(assignment_id)
    organisation = current_organisation("supplier")
    form = offer_form(item, offers.consultants_of(organisation),
                      formdata=request.form if request.method == "POST" else None)
    if request.method == "GET":
        return render("supplier/offer_form.html", assignment=item, form=form)
    if form.validate():
        try:
            offer = offers.offer(current_actor(), organisation, item, consultant_id=form.consultant_id.data,
                                 new_name=form.new_name.data or "", new_email=form.new_email.data or "",
                                 rate=form.rate.data, answers=answers_of(form, item), link_for=_claim_link)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("We have asked the consultant to agree; the offer goes to our staff when they accept."), "success")
            return hx_redirect(url_for("supplier.offer", offer_id=offer.id))
    return render("supplier/offer_form.html", assignment=item, form=form, status=422)


@bp.route("/offers")
def offers_list():
    return render("supplier/offers.html", offers=offers.offers_of(current_organisation("supplier")))


def _offer(offer_id: int):
    offer = offers.offer_for(current_organisation("supplier"), offer_id)
    if offer is None:
        abort(404)
    return offer


@bp.route("/offers/<int:offer_id>")
def offer(offer_id: int):
    return render("supplier/offer.html", offer=_offer(offer_id), form=EmptyForm())


@bp.route("/offers/<int:offer_id>/withdraw", methods=["POST"])
def offer_withdraw(offer_id: int):
    item = _offer(offer_id)
    try:
        offers.withdraw(current_actor(), item)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return render("supplier/offer.html", offer=item, form=EmptyForm(), status=409)
    db.session.commit()
    flash(_("The offer is withdrawn."), "success")
    return hx_redirect(url_for("supplier.offer", offer_id=item.id))


@bp.route("/consultants", methods=["GET", "POST"])
def consultants():
    organisation = current_organisation("supplier")
    form = ConsultantForm(formdata=request.form if request.method == "POST" else None)
    if request.method == "POST":
        if form.validate():
            try:
                offers.register_consultant(current_actor(), organisation, name=form.name.data,
                                           email=form.email.data, link_for=_claim_link)
            except DomainError as error:
                db.session.rollback()
                apply_domain_error(form, error)
            else:
                db.session.commit()
                flash(_("The consultant is registered and invited to claim their profile."), "success")
                return hx_redirect(url_for("supplier.consultants"))
        return render("supplier/consultants.html", form=form, consultants=offers.consultants_of(organisation),
                      status=422)
    return render("supplier/consultants.html", form=form, consultants=offers.consultants_of(organisation))
