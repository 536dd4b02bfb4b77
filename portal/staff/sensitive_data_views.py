"""The sensitive-data guard for staff (R-CON-8): how often it fired (counts per kind and field, never
the text) and the words staff added to its vocabulary."""
from __future__ import annotations

from flask import abort, flash, url_for
from flask_babel import gettext as _

from portal.extensions import db
from portal.forms import EmptyForm, apply_domain_error
from portal.htmx import hx_redirect, render
from portal.request_actor import current_actor
from portal.security import allow, staff
from portal.services import DomainError
from portal.services.profiles import sensitive_data
from portal.staff.forms import SensitiveTermForm
from portal.staff.views import bp

GUARD = staff("admin", "privacy_officer")


def _form(**kwargs) -> SensitiveTermForm:
    form = SensitiveTermForm(**kwargs)
    form.kind.choices = list(sensitive_data.LABELS.items())
    form.role.choices = list(sensitive_data.ROLES.items())
    form.language.choices = list(sensitive_data.LANGUAGES.items())
    return form


def _page(form: SensitiveTermForm, status: int = 200):
    return render("staff/sensitive_data.html", status=status, by_kind=sensitive_data.refusal_counts(),
                  by_field=sensitive_data.refusal_counts_by_field(), labels=sensitive_data.LABELS,
                  roles=sensitive_data.ROLES, languages=sensitive_data.LANGUAGES, terms=sensitive_data.terms(),
                  form=form, remove_form=EmptyForm())


@bp.route("/sensitive-data")
@allow(GUARD)
def sensitive_data_statistics():
    return _page(_form(formdata=None))


@bp.route("/sensitive-data/terms", methods=["POST"])
@allow(GUARD)
def add_sensitive_term():
    form = _form()
    if form.validate_on_submit():
        try:
            sensitive_data.add_term(current_actor(), form.term.data, form.kind.data, form.role.data,
                                    form.language.data)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("The term is saved; the guard uses it at once."), "success")
            return hx_redirect(url_for("staff.sensitive_data_statistics", _anchor="terms-title"))
    return _page(form, 422)


@bp.route("/sensitive-data/terms/<int:term_id>/delete", methods=["POST"])
@allow(GUARD)
def remove_sensitive_term(term_id: int):
    try:
        sensitive_data.remove_term(current_actor(), term_id)
    except DomainError:
        db.session.rollback()
        abort(404)
    db.session.commit()
    flash(_("The term is removed."), "success")
    return hx_redirect(url_for("staff.sensitive_data_statistics", _anchor="terms-title"))
