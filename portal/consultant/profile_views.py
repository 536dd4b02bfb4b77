"""The consultant's profile overview and the saves of its single-form sections (R-CON-1, R-CON-6, R-RIGHTS-3)."""
from __future__ import annotations

from flask import flash, request, url_for
from flask_babel import gettext as _

from portal.consultant import profile_forms as forms
from portal.consultant.profile_page import (
    SECTIONS, current_profile, invalid, page, refused, section_saved, with_choices,
)
from portal.consultant.views import bp
from portal.extensions import db
from portal.forms import EmptyForm
from portal.htmx import is_htmx, hx_redirect, render
from portal.request_actor import current_actor
from portal.security import PUBLIC, allow
from portal.services import DomainError
from portal.services.matching import skills
from portal.services.profiles import card_pitch, sections
from portal.links import external_url


def _section_arg(name: str) -> str | None:
    value = request.args.get(name)
    return value if value in SECTIONS else None


@bp.route("/profile")
def profile():
    """The overview. `?saved=` says which section was just saved; `?section=` gives htmx one section's
    summary again (its form's Cancel)."""
    section = _section_arg("section")
    result = page(current_profile(), section=section, saved=_section_arg("saved"), focus=section)
    db.session.commit()
    return result


def _fields(form, *names) -> dict:
    return {name: getattr(form, name).data for name in names}


@bp.route("/profile/contact", methods=["POST"])
def save_contact():
    profile, form = current_profile(), with_choices(forms.ContactForm())
    if not form.validate_on_submit():
        return invalid(profile, "contact", "contact", form)
    try:
        sections.update_contact(current_actor(), profile, **_fields(form, "name", "email", "phone", "street",
                                                                    "postal_code", "city", "country"),
                                link_for=lambda token: external_url("consultant.confirm_email", token=token))
    except DomainError as error:
        return refused(profile, "contact", "contact", form, error)
    db.session.commit()
    return section_saved(profile, "contact")


@bp.route("/profile/identity", methods=["POST"])
def save_identity():
    profile, form = current_profile(), with_choices(forms.IdentityForm())
    if not form.validate_on_submit():
        return invalid(profile, "identity", "identity", form)
    try:
        sections.update_identity(current_actor(), profile, **_fields(
            form, "personnummer", "national_id", "national_id_country", "date_of_birth", "gender", "citizenship",
            "work_permit", "work_permit_expires"))
    except DomainError as error:
        return refused(profile, "identity", "identity", form, error)
    db.session.commit()
    return section_saved(profile, "identity")


@bp.route("/profile/payment", methods=["POST"])
def save_payment():
    profile, form = current_profile(), forms.PaymentForm()
    if not form.validate_on_submit():
        return invalid(profile, "payment", "payment", form)
    try:
        sections.update_payment(current_actor(), profile,
                                **_fields(form, "bankgiro", "f_tax", "company_name", "company_org_number"))
    except DomainError as error:
        return refused(profile, "payment", "payment", form, error)
    db.session.commit()
    return section_saved(profile, "payment")


@bp.route("/profile/competence", methods=["POST"])
def save_competence():
    profile, form = current_profile(), forms.CompetenceForm()
    if not form.validate_on_submit():
        return invalid(profile, "competence", "competence", form)
    try:
        sections.update_competence(current_actor(), profile, **_fields(form, "title", "summary"))
    except DomainError as error:
        return refused(profile, "competence", "competence", form, error)
    db.session.commit()
    return section_saved(profile, "competence")


@bp.route("/profile/card", methods=["POST"])
def save_card_pitch():
    """The anonymous pitch (R-CON-9): refused with the reasons when it could identify the consultant."""
    profile, form = current_profile(), forms.CardPitchForm()
    if not form.validate_on_submit():
        return invalid(profile, "card", "card_form", form)
    try:
        card_pitch.update(current_actor(), profile, pitch=form.card_pitch.data)
    except DomainError as error:
        return refused(profile, "card", "card_form", form, error)
    db.session.commit()
    return section_saved(profile, "card")


@bp.route("/profile/availability", methods=["POST"])
def save_availability():
    profile, form = current_profile(), forms.AvailabilityForm()
    if not form.validate_on_submit():
        return invalid(profile, "availability", "availability", form)
    try:
        sections.update_availability(current_actor(), profile, **_fields(
            form, "available_from", "extent", "remote", "region", "hourly_rate"))
    except DomainError as error:
        return refused(profile, "availability", "availability", form, error)
    db.session.commit()
    return section_saved(profile, "availability")


@bp.route("/profile/skills/suggest")
def suggest_skills():
    typed = (request.args.get("skills-name") or request.args.get("q") or "")[:80]
    if is_htmx():  # the datalist's options, for the competence section
        return render("consultant/_skill_options.html", names=skills.suggest(typed))
    return render("consultant/skill_suggestions.html", names=skills.suggest(typed), typed=typed)


@bp.route("/profile/email/<token>", methods=["GET", "POST"])
@allow(PUBLIC)
def confirm_email(token: str):
    form = EmptyForm()
    if not form.validate_on_submit():  # a GET only shows the button: mail scanners cannot spend it
        return render("consultant/confirm_email.html", form=form, token=token)
    try:
        sections.confirm_email_change(current_actor(), token)
    except DomainError as error:
        db.session.rollback()
        return render("auth/token_error.html", message=error.message, status=400)
    db.session.commit()
    flash(_("Your new e-mail address is confirmed."), "success")
    return hx_redirect(url_for("consultant.profile"))
