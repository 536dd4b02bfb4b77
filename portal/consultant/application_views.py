"""Consultants apply to published assignments, see "My applications" and withdraw one until staff act
(R-CON-1). The apply page shows how the profile meets each requirement and exactly what staff and the buyer
will see: the anonymous card, nothing identifying until the consultant says yes later (R-CON-9)."""
from __future__ import annotations

from flask import abort, flash, request, url_for
from flask_babel import gettext as _

from portal import actions
from portal.consultant.application_forms import answers_of, application_form
from portal.consultant.views import bp
from portal.extensions import db
from portal.forms import apply_domain_error
from portal.htmx import hx_redirect, render
from portal.models import Assignment
from portal.request_actor import current_actor
from portal.services import DomainError
from portal.services.applications import apply as applying
from portal.services.applications import card_preview, fit
from portal.services.profiles import sensitive_data


def _assignment(assignment_id: int) -> Assignment:
    item = applying.visible(assignment_id)
    if item is None:
        abort(404)
    return item


def _apply_page(assignment: Assignment, form, status: int = 200):
    consultant = current_actor().user
    previous = applying.existing(consultant, assignment)
    return render("consultant/apply.html", status=status, assignment=assignment, form=form,
                  open=applying.is_open(assignment), requirements=applying.answered_requirements(assignment),
                  application=previous if previous and previous.state != applying.S.WITHDRAWN.value else None,
                  withdrawn=previous is not None and previous.state == applying.S.WITHDRAWN.value,
                  fits=fit.fit(consultant, assignment), preview=card_preview.preview(consultant, assignment),
                  answer_max=applying.ANSWER_MAX)


@bp.route("/assignments/<int:assignment_id>/apply", methods=["GET", "POST"])
def apply(assignment_id: int):
    assignment = _assignment(assignment_id)
    form = application_form(assignment, formdata=request.form if request.method == "POST" else None)
    if request.method == "GET":
        return _apply_page(assignment, form)
    if not form.validate():
        return _apply_page(assignment, form, 422)
    actor = current_actor()
    try:
        applying.apply(actor, actor.user, assignment, form.rate.data, answers_of(form, assignment))
    except DomainError as error:
        db.session.rollback()  # nothing of the application is kept
        if isinstance(error, sensitive_data.SensitiveDataError):
            sensitive_data.record_refusal(error.finding, "application_answer")  # counted, without the text
            db.session.commit()
        apply_domain_error(form, error)
        return _apply_page(assignment, form, 422 if error.field else 409)
    db.session.commit()
    flash(_("Your application is sent to our staff. The client sees at most your anonymous card, and nothing "
            "that identifies you until you say yes to a later question."), "success")
    return hx_redirect(url_for("consultant.applications"))


def _applications_page(status: int = 200, error: str | None = None):
    items = applying.of_consultant(current_actor().user)
    return render("consultant/applications.html", status=status, error=error, applications=items,
                  open_ids={a.assignment_id for a in items if applying.is_open(a.assignment)})


@bp.route("/applications")
def applications():
    return _applications_page()


@bp.route("/applications/<int:application_id>/withdraw", methods=["POST"])
def application_withdraw(application_id: int):
    actor = current_actor()
    application = applying.for_consultant(actor.user, application_id)
    if application is None:
        abort(404)
    return actions.run(lambda: applying.withdraw(actor, actor.user, application),
                       done=_("Your application is withdrawn and your answers are deleted."),
                       to=url_for("consultant.applications"), refused=_applications_page)
