"""Builds the profile overview and a section's own form page, each whole or as the one section htmx swaps."""
from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.consultant import profile_forms as forms
from portal.extensions import db
from portal.forms import apply_domain_error
from portal.htmx import hx_redirect, is_htmx, render
from portal.models import ConsultantProfile
from portal.services.matching import skills
from portal.services.profiles import completeness, identity_numbers, sections, sensitive_data

OVERVIEW = "consultant/profile.html"
SECTION_PAGE = "consultant/profile_section.html"


@dataclass(frozen=True)
class Section:
    title: object  # its heading
    change: object  # what its "Change" link changes, for screen readers: "Change contact details"
    level: int = 2  # 3: a list inside the competence card


SECTIONS: dict[str, Section] = {
    "contact": Section(_l("Contact"), _l("contact details")),
    "identity": Section(_l("Identity for assignments"), _l("identity for assignments")),
    "payment": Section(_l("Payment and tax"), _l("payment and tax")),
    "competence": Section(_l("Title and summary"), _l("title and summary"), 3),
    "skills": Section(_l("Skills"), _l("skills"), 3),
    "languages": Section(_l("Languages"), _l("languages"), 3),
    "interests": Section(_l("Professional interests"), _l("professional interests"), 3),
    "industries": Section(_l("Industries"), _l("industries"), 3),
    "employment": Section(_l("Employment history"), _l("employment history"), 3),
    "education": Section(_l("Education"), _l("education"), 3),
    "certificates": Section(_l("Certificates"), _l("certificates"), 3),
    "availability": Section(_l("Availability and terms"), _l("availability and terms")),
    "card": Section(_l("Your anonymous card"), _l("the pitch on your anonymous card")),
    "references": Section(_l("References"), _l("references")),
    "exclusions": Section(_l("Clients you must not be proposed to"), _l("clients you must not be proposed to")),
    "attachments": Section(_l("Attachments"), _l("attachments")),
    "linkedin": Section(_l("Import from LinkedIn"), _l("from LinkedIn")),
}


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


def _context(profile: ConsultantProfile, override: dict) -> dict:
    context = default_forms(profile)
    context.update(override)
    # The overview shows the numbers masked, as on a screen others may see; the form shows them whole.
    masked = {"personnummer": identity_numbers.mask_personnummer(sections.personnummer(profile)),
              "bankgiro": identity_numbers.mask_bankgiro(sections.bankgiro(profile))}
    return dict(profile=profile, person=profile.user, meter=completeness.measure(profile, profile.user),
                sections=SECTIONS, masked=masked, fragment=is_htmx(), **context)


def page(profile: ConsultantProfile, *, section: str | None = None, saved: str | None = None,
         focus: str | None = None):
    """The overview, or for htmx one section of it in its summary state."""
    return render(OVERVIEW, block=f"section_{section}" if section else None, saved=saved, focus=focus or saved,
                  **_context(profile, {}))


def section_page(profile: ConsultantProfile, section: str, *, status: int = 200, **override):
    """One section's form: a page of its own, or for htmx the section in place, opened for change.
    A refused save (422) focuses its first field in error."""
    context = _context(profile, override)
    invalid = [f.id for form in override.values() for f in form if f.errors]
    return render(SECTION_PAGE, block="section_form", status=status, section=section, refused=status == 422,
                  focus_field=invalid[0] if invalid else None,
                  skill_names=skills.all_names() if section == "skills" else [], **context)


def section_saved(profile: ConsultantProfile, section: str):
    """After a commit: htmx gets the section's fresh summary, a browser goes back to it (post/redirect/get)."""
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
    return section_page(profile, section, status=422, **{key: form})


def invalid(profile: ConsultantProfile, section: str, key: str, form):
    return section_page(profile, section, status=422, **{key: form})


def current_profile() -> ConsultantProfile:
    """The signed-in consultant's profile; a new, empty one is committed at once, so that a refused
    save's rollback never takes the profile itself away."""
    profile = sections.profile_for(current_user)
    if profile.created_at is None or db.session.info.pop("profile_created", False):
        db.session.commit()
    return profile


def section_of(kind: str) -> str:
    """Each kind of entry is a section of its own: skills, languages, …, references, exclusions."""
    return kind
