from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField
from wtforms.validators import InputRequired, Length

from portal.forms import Form


class MessageForm(Form):
    body = TextAreaField(_l("Message"), validators=[InputRequired(_l("Write a message.")), Length(max=8000)])


class NewRequestForm(MessageForm):
    subject = StringField(_l("Subject"), validators=[InputRequired(_l("Write a subject.")), Length(max=200)])
