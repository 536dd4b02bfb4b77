from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField
from wtforms.validators import Optional

from portal.forms import Form, email_field


class AgreementForm(Form):
    agreement_start = DateField(_l("Agreement starts"), validators=[Optional()])
    agreement_end = DateField(_l("Agreement ends"), validators=[Optional()])


class InviteRepresentativeForm(Form):
    email = email_field(_l("Representative's work e-mail"))
    is_admin = BooleanField(_l("Administers the organisation's representatives"))
