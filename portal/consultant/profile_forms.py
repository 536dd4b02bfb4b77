"""The profile page's forms, one per section or entry kind (shape only; services decide)."""
from __future__ import annotations

from functools import cache

from babel import Locale
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms.fields.choices import SelectChoice
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from portal.forms import DecimalField, Form, IntegerField, email_field
from portal.services.profiles.attachments import KINDS as ATTACHMENT_KINDS
from portal.services.profiles.entries import CEFR


def country_choices() -> list[SelectChoice]:
    """ISO 3166 two-letter codes with names in the reader's language (from Babel's CLDR data)."""
    return _options(("", _l("– choose –")), *_country_names(str(get_locale())))


@cache
def _country_names(locale: str) -> tuple[tuple[str, str], ...]:
    # Sorted once per language: the profile page offers the list in three forms.
    territories = Locale.parse(locale).territories
    return tuple(sorted(((code, name) for code, name in territories.items() if len(code) == 2 and code.isalpha()
                         and code not in {"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB", "XK"}), key=lambda item: item[1]))


def _options(*pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def _text(label, max_length=200, required=False, **kw):
    validators = [DataRequired()] if required else [Optional()]
    return StringField(label, validators=[*validators, Length(max=max_length)], **kw)


class ContactForm(Form):
    name = _text(_l("Name"), 120, required=True, render_kw={"autocomplete": "name"})
    email = email_field()
    phone = _text(_l("Phone"), 40, render_kw={"autocomplete": "tel"})
    street = _text(_l("Street address"), render_kw={"autocomplete": "address-line1"})
    postal_code = _text(_l("Postal code"), 20, render_kw={"autocomplete": "postal-code"})
    city = _text(_l("City"), 100, render_kw={"autocomplete": "address-level2"})
    country = SelectField(_l("Country"), validators=[Optional()])


class IdentityForm(Form):
    personnummer = _text(_l("Personnummer"), 20, description=_l("YYYYMMDD-NNNN. Coordination numbers work too."))
    national_id = _text(_l("Other national ID"), 40, description=_l("If you have no Swedish personnummer."))
    national_id_country = SelectField(_l("Country that issued the ID"), validators=[Optional()])
    date_of_birth = DateField(_l("Date of birth"), validators=[Optional()])
    gender = SelectField(_l("Gender (optional)"), validators=[Optional()], choices=_options(
        ("", _l("– not given –")), ("female", _l("Female")), ("male", _l("Male")), ("other", _l("Other")),
        ("undisclosed", _l("Prefer not to say"))))
    citizenship = SelectField(_l("Citizenship"), validators=[Optional()])
    work_permit = SelectField(_l("Work permit in Sweden"), validators=[Optional()], choices=_options(
        ("", _l("– choose –")), ("not_needed", _l("Not needed (EU/EEA citizen)")), ("valid", _l("Valid permit")),
        ("applied", _l("Applied for")), ("none", _l("No permit"))))
    work_permit_expires = DateField(_l("Work permit expires"), validators=[Optional()])


class PaymentForm(Form):
    bankgiro = _text(_l("Bankgiro number"), 12, description=_l("For example 5050-1055."))
    f_tax = SelectField(_l("F-skatt"), validators=[Optional()], choices=_options(
        ("", _l("– choose –")), ("F", _l("Approved for F-skatt")), ("FA", _l("Approved for FA-skatt")),
        ("none", _l("Not approved"))))
    company_name = _text(_l("Company you invoice through"))
    company_org_number = _text(_l("The company's organisation number"), 12)


class CompetenceForm(Form):
    title = _text(_l("Title"), description=_l("For example: Backend developer"))
    summary = TextAreaField(_l("Summary"), validators=[Optional(), Length(max=4000)],
                            description=_l("Your experience in a few sentences. Do not write about health, "
                                           "religion, union membership or similar."))


class CardPitchForm(Form):
    card_pitch = TextAreaField(_l("Anonymous pitch"), validators=[Optional(), Length(max=500)],
                               description=_l("At most 500 characters, for example: “Calm backend developer who "
                                              "likes payments, pairing and clean migrations.”"))


class AvailabilityForm(Form):
    available_from = DateField(_l("Available from"), validators=[Optional()])
    extent = IntegerField(_l("Extent (%)"), validators=[Optional(), NumberRange(0, 100)])
    remote = SelectField(_l("Where you work"), validators=[Optional()], choices=_options(
        ("", _l("– choose –")), ("remote", _l("Remote")), ("onsite", _l("On site")), ("hybrid", _l("Hybrid"))))
    region = _text(_l("Region"), 100)
    hourly_rate = DecimalField(_l("Hourly rate (SEK)"), places=2, validators=[Optional(), NumberRange(0, 100000)])


class SkillForm(Form):
    name = _text(_l("Skill"), 100, required=True, render_kw={"list": "skill-suggestions", "autocomplete": "off"})
    level = SelectField(_l("Level"), default="3", choices=_options(
        ("1", _l("1 – basic")), ("2", "2"), ("3", _l("3 – independent")), ("4", "4"), ("5", _l("5 – expert"))))
    years = IntegerField(_l("Years"), default=0, validators=[Optional(), NumberRange(0, 60)])


class LanguageForm(Form):
    name = _text(_l("Language"), 60, required=True)
    level = SelectField(_l("Level (CEFR)"), choices=_options(*((c, c) for c in CEFR)), default="B2")


class InterestForm(Form):
    text = _text(_l("Professional interest"), required=True)


class IndustryForm(Form):
    name = _text(_l("Industry"), 100, required=True)


class EmploymentForm(Form):
    employer = _text(_l("Employer"), required=True)
    title = _text(_l("Title"), required=True)
    start = DateField(_l("From"), validators=[Optional()])
    end = DateField(_l("To"), validators=[Optional()], description=_l("Empty while it continues."))
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=4000)])


class EducationForm(Form):
    school = _text(_l("School"), required=True)
    degree = _text(_l("Degree or programme"))
    start = DateField(_l("From"), validators=[Optional()])
    end = DateField(_l("To"), validators=[Optional()])


class CertificateForm(Form):
    name = _text(_l("Certificate"), required=True)
    issuer = _text(_l("Issued by"))
    year = IntegerField(_l("Year"), validators=[Optional(), NumberRange(1950, 2100)])


class ReferenceForm(Form):
    referee_name = _text(_l("Referee's name"), 120, required=True)
    role = _text(_l("Referee's role"), 120)
    company = _text(_l("Company"))
    contact = _text(_l("How to reach the referee"))
    relation = _text(_l("Relationship"), description=_l("For example: my manager at Nordbank 2019–2022"))
    statement = TextAreaField(_l("What the referee says"), validators=[Optional(), Length(max=4000)],
                              description=_l("Stored with the referee as author and today's date."))


class ExclusionForm(Form):
    name = _text(_l("Client"), required=True, description=_l("A company you must not be proposed to."))


class AttachmentForm(Form):
    kind = SelectField(_l("Kind of document"), choices=_options(*zip(
        ATTACHMENT_KINDS, (_l("CV"), _l("Certificate"), _l("Reference letter"), _l("Other")))))
    file = FileField(_l("File (PDF, DOCX, PNG or JPEG)"))


class ImportForm(Form):
    archive = FileField(_l("LinkedIn archive (ZIP)"),
                        description=_l("In LinkedIn: Settings → Data privacy → Get a copy of your data."))


ENTRY_FORMS = {
    "skills": SkillForm, "languages": LanguageForm, "interests": InterestForm, "industries": IndustryForm,
    "employment": EmploymentForm, "education": EducationForm, "certificates": CertificateForm,
    "references": ReferenceForm, "exclusions": ExclusionForm,
}
