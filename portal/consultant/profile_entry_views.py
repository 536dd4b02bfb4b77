"""The profile's list sections: add, edit and remove entries of each kind (R-CON-6, R-RIGHTS-3)."""
from __future__ import annotations

from flask import abort, url_for

from portal.consultant import profile_forms as forms
from portal.consultant.profile_page import current_profile, invalid, refused, section_of, section_saved
from portal.consultant.views import bp
from portal.extensions import db
from portal.forms import EmptyForm, apply_domain_error
from portal.htmx import hx_redirect, render
from portal.request_actor import current_actor
from portal.services import DomainError
from portal.services.matching import skills
from portal.services.profiles import entries, sensitive_data


def _form_class(kind: str):
    if kind not in forms.ENTRY_FORMS:
        abort(404)
    return forms.ENTRY_FORMS[kind]


def _entry(profile, kind: str, entry_id: int):
    row = entries.entry(profile, kind, entry_id)
    if row is None:
        abort(404)
    return row


@bp.route("/profile/<kind>/add", methods=["POST"])
def add_entry(kind: str):
    profile, form = current_profile(), _form_class(kind)(prefix=kind)
    section = section_of(kind)
    if not form.validate_on_submit():
        return invalid(profile, section, f"add_{kind}", form)
    try:
        entries.add(current_actor(), profile, kind, form.data)
    except DomainError as error:
        return refused(profile, section, f"add_{kind}", form, error)
    db.session.commit()
    return section_saved(profile, section)


def _edit_page(kind, row, form, status=200):
    return render("consultant/profile_entry.html", kind=kind, entry=row, form=form, status=status,
                  skill_names=skills.all_names() if kind == "skills" else [])


@bp.route("/profile/<kind>/<int:entry_id>/edit")
def edit_entry(kind: str, entry_id: int):
    profile = current_profile()
    row = _entry(profile, kind, entry_id)
    form = _form_class(kind)(formdata=None, obj=row, prefix=kind)
    if kind == "skills":
        form.name.data = row.skill.name
    return _edit_page(kind, row, form)


@bp.route("/profile/<kind>/<int:entry_id>", methods=["POST"])
def update_entry(kind: str, entry_id: int):
    profile = current_profile()
    row = _entry(profile, kind, entry_id)
    form = _form_class(kind)(prefix=kind)
    if not form.validate_on_submit():
        return _edit_page(kind, row, form, 422)
    try:
        entries.update(current_actor(), profile, kind, row, form.data)
    except DomainError as error:
        db.session.rollback()
        if isinstance(error, sensitive_data.SensitiveDataError):
            sensitive_data.record_refusal(error.finding, error.field)
            db.session.commit()
        apply_domain_error(form, error)
        return _edit_page(kind, _entry(profile, kind, entry_id), form, 422)
    db.session.commit()
    section = section_of(kind)
    return hx_redirect(url_for("consultant.profile", saved=section, _anchor=f"section-{section}"))


@bp.route("/profile/<kind>/<int:entry_id>/delete", methods=["POST"])
def remove_entry(kind: str, entry_id: int):
    profile = current_profile()
    row = _entry(profile, kind, entry_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    entries.remove(current_actor(), profile, kind, row)
    db.session.commit()
    return section_saved(profile, section_of(kind))
