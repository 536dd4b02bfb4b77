"""The person's own restriction of processing and their “this is wrong” disputes (R-RIGHTS-5, R-RIGHTS-3)."""
from __future__ import annotations

from flask import abort, flash, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import HiddenField, SelectMultipleField, TextAreaField
from wtforms.validators import Length
from wtforms.widgets import CheckboxInput, ListWidget

from portal.extensions import db
from portal.forms import EmptyForm, Form, apply_domain_error, choices, parse_id
from portal.htmx import hx_redirect, render
from portal.privacy.views import bp
from portal.request_actor import current_actor
from portal.services import DomainError
from portal.services.assignments import ratings
from portal.services.privacy import disputes, privacy_requests, restrictions
from portal.services.profiles.sections import profile_for


class RestrictForm(Form):
    categories = SelectMultipleField(_l("What to restrict"), widget=ListWidget(prefix_label=False),
                                     option_widget=CheckboxInput(), validate_choice=False)
    reason = TextAreaField(_l("Why (for example: my employment history is wrong and I want it checked)"),
                           validators=[Length(max=restrictions.MAX_REASON)])


class DisputeForm(Form):
    kind = HiddenField()
    object_id = HiddenField()
    reason = TextAreaField(_l("What is wrong, and what is right if you know"),
                           validators=[Length(max=disputes.MAX_TEXT)])


def _restrict_form(**kwargs) -> RestrictForm:
    form = RestrictForm(**kwargs)
    form.categories.choices = choices(restrictions.categories_for(current_user).items())
    return form


def _restriction_page(form: RestrictForm, status: int = 200):
    return render("privacy/restriction.html", status=status, form=form,
                  active=restrictions.active(current_user.id), past=restrictions.history(current_user.id),
                  categories=restrictions.CATEGORIES, sources=restrictions.SOURCES)


@bp.route("/restriction")
def restriction():
    return _restriction_page(_restrict_form(formdata=None))


@bp.route("/restriction", methods=["POST"])
def restrict():
    form = _restrict_form()
    if form.validate_on_submit():
        actor = current_actor()
        try:
            labels = ", ".join(str(restrictions.CATEGORIES.get(c, c)) for c in form.categories.data or [])
            case = privacy_requests.open_for_user(actor, current_user, "restriction",
                                                  f"{labels}: {(form.reason.data or '').strip()}")
            restrictions.restrict(actor, current_user, form.categories.data, form.reason.data, privacy_request=case)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Done: processing is restricted from now on and stays so until you lift it. "
                    "Our privacy officer sees your request."), "success")
            return hx_redirect(url_for("privacy.restriction"))
    return _restriction_page(form, 422)


@bp.route("/restriction/<int:restriction_id>/lift", methods=["POST"])
def lift_restriction(restriction_id: int):
    row = restrictions.get_for_person(current_user, restriction_id)
    if row is None:
        abort(404)
    if EmptyForm().validate_on_submit():
        try:
            restrictions.lift(current_actor(), row)
        except DomainError as error:
            db.session.rollback()
            flash(str(error.message), "error")
            return _restriction_page(_restrict_form(formdata=None), 422)
        db.session.commit()
        flash(_("The restriction is lifted: we may process this data again."), "success")
    return hx_redirect(url_for("privacy.restriction"))


def _disputable() -> dict:
    """What the person sees but cannot edit: referees' statements and clients' ratings."""
    statements = []
    if current_user.role == "consultant":
        statements = [s for r in profile_for(current_user).references for s in r.statements]
    return {"statements": statements, "ratings": ratings.concerning(current_user)}


@bp.route("/rectification")
def rectification():
    items = _disputable()
    return render("privacy/rectification.html", disputes=disputes.for_person(current_user),
                  kinds=disputes.KINDS, states=disputes.STATES, **items,
                  disputed_statements=disputes.open_for("reference_statement", [s.id for s in items["statements"]]),
                  disputed_ratings=disputes.open_for("rating", [r.id for r in items["ratings"]]))


def _dispute_page(form: DisputeForm, status: int = 200):
    kind, object_id = form.kind.data or "", parse_id(form.object_id.data)
    if object_id is None or not disputes.belongs_to(current_user, kind, object_id):
        abort(404)
    item = disputes.target_of(kind, object_id)
    return render("privacy/dispute.html", status=status, form=form, item=item, kind=kind, kinds=disputes.KINDS)


@bp.route("/disputes/new/<kind>/<int:object_id>")
def new_dispute(kind: str, object_id: int):
    form = DisputeForm(formdata=None, kind=kind, object_id=str(object_id))
    return _dispute_page(form)


@bp.route("/disputes", methods=["POST"])
def open_dispute():
    form = DisputeForm()
    object_id = parse_id(form.object_id.data)
    if object_id is None or not disputes.belongs_to(current_user, form.kind.data or "", object_id):
        abort(404)
    if form.validate_on_submit():
        try:
            dispute = disputes.open_dispute(current_actor(), current_user, form.kind.data, object_id,
                                            form.reason.data)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Thank you. The item is marked as disputed and is not used while our privacy officer checks it; "
                    "you get the outcome by e-mail."), "success")
            return hx_redirect(url_for("privacy.request_detail", request_id=dispute.privacy_request_id))
    return _dispute_page(form, 422)
