from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, StringField
from wtforms.validators import DataRequired, Length, Optional

from portal.forms import Form, email_field


class AgreementForm(Form):
    agreement_start = DateField(_l("Agreement starts"), validators=[Optional()])
    agreement_end = DateField(_l("Agreement ends"), validators=[Optional()])


class InviteRepresentativeForm(Form):
    email = email_field(_l("Representative's work e-mail"))
    is_admin = BooleanField(_l("Administers the organisation's representatives"))


class SkillSynonymForm(Form):
    alias = StringField(_l("Spelling to recognise"), validators=[
        DataRequired(_l("Write the spelling to recognise.")), Length(max=80)])
    canonical = StringField(_l("Skill it means"), validators=[
        DataRequired(_l("Write the skill it means.")), Length(max=80)])
