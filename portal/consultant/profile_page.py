"""Builds the profile page (or one of its sections for htmx) from the profile and its forms."""
from __future__ import annotations

from flask import url_for
from flask_login import current_user

from portal.consultant import profile_forms as forms
from portal.extensions import db
from portal.forms import apply_domain_error
from portal.htmx import hx_redirect, is_htmx, render
from portal.models import ConsultantProfile
from portal.services.matching import skills
from portal.services.profiles import completeness, sections, sensitive_data
from portal.services.profiles.entries import KINDS

TEMPLATE = "consultant/profile.html"


def with_choices(form):
    """Country lists are built per request, in the reader's language."""
    for name in ("country", "national_id_country", "citizenship"):
        if hasattr(form, name):
            getattr(form, name).choices = forms.country_choices()
    return form


def default_forms(profile: ConsultantProfile) -> dict:
    user = profile.user
    numbers = sections.visible_numbers(user, profile)
    contact = with_choices(forms.ContactForm(formdata=None, obj=profile, name=user.name, email=user.email,
                                             phone=user.phone))
    result = {
        "contact": contact,
        "identity": with_choices(forms.IdentityForm(formdata=None, obj=profile,
                                                    personnummer=numbers["personnummer"])),
        "payment": forms.PaymentForm(formdata=None, obj=profile, bankgiro=numbers["bankgiro"]),
        "competence": forms.CompetenceForm(formdata=None, obj=profile),
        "availability": forms.AvailabilityForm(formdata=None, obj=profile),
        "card_form": forms.CardPitchForm(formdata=None, obj=profile),
        "attachment": forms.AttachmentForm(formdata=None, prefix="attachment"),
        "archive": forms.ImportForm(formdata=None, prefix="linkedin"),
    }
    result.update({f"add_{kind}": form(formdata=None, prefix=kind) for kind, form in forms.ENTRY_FORMS.items()})
    return result


def page(profile: ConsultantProfile, *, status: int = 200, section: str | None = None, saved: str | None = None,
         **override):
    context = default_forms(profile)
    context.update(override)
    return render(TEMPLATE, block=f"section_{section}" if section else None, status=status, profile=profile,
                  person=profile.user, meter=completeness.measure(profile, profile.user), saved=saved,
                  fragment=is_htmx(), skill_names=skills.all_names(), **context)


def section_saved(profile: ConsultantProfile, section: str):
    """After a commit: htmx gets the fresh section, a browser goes back to it (post/redirect/get)."""
    if is_htmx():
        db.session.refresh(profile)
        return page(profile, section=section, saved=section)
    return hx_redirect(url_for("consultant.profile", saved=section, _anchor=f"section-{section}"))


def refused(profile: ConsultantProfile, section: str, key: str, form, error):
    """Nothing of the save is kept; a sensitive-data refusal is counted without its text."""
    db.session.rollback()
    if isinstance(error, sensitive_data.SensitiveDataError):
        sensitive_data.record_refusal(error.finding, error.field)
        db.session.commit()
    apply_domain_error(form, error)
    return page(profile, status=422, section=section, **{key: form})


def invalid(profile: ConsultantProfile, section: str, key: str, form):
    return page(profile, status=422, section=section, **{key: form})


def current_profile() -> ConsultantProfile:
    """The signed-in consultant's profile; a new, empty one is committed at once, so that a refused
    save's rollback never takes the profile itself away."""
    profile = sections.profile_for(current_user)
    if profile.created_at is None or db.session.info.pop("profile_created", False):
        db.session.commit()
    return profile


def section_of(kind: str) -> str:
    return KINDS[kind].section
