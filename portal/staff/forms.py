from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from portal.forms import Form, IntegerField, email_field


class AgreementForm(Form):
    agreement_start = DateField(_l("Agreement starts"), validators=[Optional()])
    agreement_end = DateField(_l("Agreement ends"), validators=[Optional()])


class InviteRepresentativeForm(Form):
    email = email_field(_l("Representative's work e-mail"))
    is_admin = BooleanField(_l("Administers the organisation's representatives"))


class CookieEntryForm(Form):
    category = SelectField(_l("Category"), choices=[
        SelectChoice("necessary", _l("Strictly necessary")), SelectChoice("preferences", _l("Preferences")),
        SelectChoice("statistics", _l("Statistics")), SelectChoice("marketing", _l("Marketing"))])
    kind = SelectField(_l("Type"), choices=[SelectChoice("cookie", _l("Cookie")),
                                             SelectChoice("local_storage", _l("Local storage")),
                                             SelectChoice("session_storage", _l("Session storage"))])
    name = StringField(_l("Name"), validators=[DataRequired(_l("Enter the name.")), Length(max=120)],
                       description=_l("As the browser shows it; end with * for a family, e.g. _ga_*."))
    provider = StringField(_l("Provider"), validators=[DataRequired(_l("Name the provider.")), Length(max=120)],
                           description=_l("Who sets it or receives its data."))
    purpose_en = TextAreaField(_l("Purpose in English"), validators=[DataRequired(_l("Describe the purpose.")),
                                                                      Length(max=1000)])
    purpose_sv = TextAreaField(_l("Purpose in Swedish"), validators=[DataRequired(_l("Describe the purpose.")),
                                                                      Length(max=1000)])
    lifetime_days = IntegerField(_l("Lifetime in days"), validators=[Optional()],
                                 description=_l("Empty: until the browser closes (cookie) or until cleared (storage)."))
    leaves_eea = BooleanField(_l("Data leaves the EEA"))


class ConsentLookupForm(Form):
    consent_id = StringField(_l("Consent ID"), validators=[DataRequired(_l("Enter a consent ID.")), Length(max=64)])
class PartnerContactForm(Form):
    staff_user_id = SelectField(_l("Employee"), coerce=int)
    responsibility = StringField(_l("Responsible for"), validators=[Length(max=120)])


class PartnerDocumentForm(Form):
    title = StringField(_l("Title"), validators=[InputRequired(_l("Give the document a title.")), Length(max=200)])
    file = FileField(_l("File"), validators=[InputRequired(_l("Choose a file."))])
class SkillSynonymForm(Form):
    alias = StringField(_l("Spelling to recognise"), validators=[
        DataRequired(_l("Write the spelling to recognise.")), Length(max=80)])
    canonical = StringField(_l("Skill it means"), validators=[
        DataRequired(_l("Write the skill it means.")), Length(max=80)])


class SensitiveTermForm(Form):
    """A word or phrase for the sensitive-data guard (R-CON-8); the service checks the choices."""

    term = StringField(_l("Word or phrase"), validators=[DataRequired(_l("Write the word or phrase.")), Length(max=80)])
    kind = SelectField(_l("Special category"), choices=[])
    role = SelectField(_l("How the guard reads it"), choices=[])
    language = SelectField(_l("Language"), choices=[])
