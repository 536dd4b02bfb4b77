"""LOU (R-CON-4): the consultant reads what being named in a public buyer's tender response means, and says
yes explicitly (a box they tick), or withdraws their yes at any time."""
from __future__ import annotations

from flask import abort, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user
from wtforms import BooleanField
from wtforms.validators import DataRequired

from portal import actions
from portal.consultant.views import bp
from portal.forms import Form
from portal.htmx import render
from portal.request_actor import current_actor
from portal.services.applications import tender


class TenderNamingForm(Form):
    understood = BooleanField(
        _l("Yes: you may name me in the tender response to this public buyer, with the parts of my profile I "
           "release. I understand that the tender response becomes a public document that anyone may ask the "
           "buyer for, unless a secrecy rule applies."),
        validators=[DataRequired(_l("Tick the box to say yes, or leave the page: without your yes you are not "
                                    "named."))])


def _page(assignment, status: int = 200, error: str | None = None, form: TenderNamingForm | None = None):
    return render("consultant/tender_naming.html", status=status, error=error, assignment=assignment,
                  naming=tender.naming_of(current_user.id, assignment.id),
                  form=form or TenderNamingForm(formdata=None))


@bp.route("/assignments/<int:assignment_id>/tender-naming", methods=["GET", "POST"])
def tender_naming(assignment_id: int):
    assignment = tender.for_consultant(current_user, assignment_id)
    if assignment is None:
        abort(404)
    if request.method == "GET":
        return _page(assignment)
    decision = request.form.get("decision")
    if decision == "withdraw":
        return actions.run(lambda: tender.withdraw(current_actor(), current_user, assignment),
                           done=_("Your yes is withdrawn: we export no tender CV naming you for this assignment."),
                           to=url_for("consultant.tender_naming", assignment_id=assignment.id),
                           refused=lambda status, message: _page(assignment, status, message))
    if decision != "give":
        abort(400)
    form = TenderNamingForm()
    if not form.validate():
        return _page(assignment, 422, form=form)
    return actions.run(lambda: tender.give(current_actor(), current_user, assignment),
                       done=_("Thank you: you may be named in the tender response. You can withdraw this at any "
                              "time on this page."),
                       to=url_for("consultant.tender_naming", assignment_id=assignment.id),
                       refused=lambda status, message: _page(assignment, status, message))
