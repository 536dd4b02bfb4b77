from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, SelectField, StringField
from wtforms.validators import InputRequired, Length, Optional

from portal.forms import Form, email_field


class AgreementForm(Form):
    agreement_start = DateField(_l("Agreement starts"), validators=[Optional()])
    agreement_end = DateField(_l("Agreement ends"), validators=[Optional()])


class InviteRepresentativeForm(Form):
    email = email_field(_l("Representative's work e-mail"))
    is_admin = BooleanField(_l("Administers the organisation's representatives"))


class PartnerContactForm(Form):
    staff_user_id = SelectField(_l("Employee"), coerce=int)
    responsibility = StringField(_l("Responsible for"), validators=[Length(max=120)])


class PartnerDocumentForm(Form):
    title = StringField(_l("Title"), validators=[InputRequired(_l("Give the document a title.")), Length(max=200)])
    file = FileField(_l("File"), validators=[InputRequired(_l("Choose a file."))])
