from flask_babel import lazy_gettext as _l
from wtforms.fields.choices import SelectChoice
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from portal.forms import Form, email_field
from portal.services.privacy.privacy_requests import KINDS, MAX_DETAILS, REFUSAL_GROUNDS

DETAILS = [Optional(), Length(max=MAX_DETAILS, message=_l("Write at most %(max)d characters.", max=MAX_DETAILS))]
TEXT = [DataRequired(_l("Write the text the person will receive.")),
        Length(max=MAX_DETAILS, message=_l("Write at most %(max)d characters.", max=MAX_DETAILS))]


def _choices(empty, labels: dict) -> list[SelectChoice]:
    return [SelectChoice("", empty)] + [SelectChoice(code, label) for code, label in labels.items()]


class VisitorRequestForm(Form):
    name = StringField(_l("Your full name"), validators=[DataRequired(_l("Enter your name.")), Length(max=120)],
                       render_kw={"autocomplete": "name"})
    email = email_field()
    kind = SelectField(_l("Which right do you want to use?"), choices=_choices(_l("Choose a right"), KINDS),
                       validators=[DataRequired(_l("Choose which right you want to use."))])
    details = TextAreaField(_l("What do you ask? (optional)"), validators=DETAILS,
                            description=_l("For example which data, or what is wrong. Do not send ID documents."))


class OpenRequestForm(Form):
    kind = HiddenField(validators=[DataRequired()])
    details = TextAreaField(_l("Anything we should know? (optional)"), validators=DETAILS)


class ObjectionForm(Form):
    purpose = HiddenField(validators=[DataRequired()])
    details = TextAreaField(_l("Why do you object? (optional)"), validators=DETAILS)


class MessageForm(Form):
    body = TextAreaField(_l("Your message"), validators=[
        DataRequired(_l("Write your message.")),
        Length(max=MAX_DETAILS, message=_l("Write at most %(max)d characters.", max=MAX_DETAILS))])


class AnswerForm(Form):
    text = TextAreaField(_l("Answer to the person"), validators=TEXT)


class StaffMessageForm(Form):
    text = TextAreaField(_l("Message to the person"), validators=TEXT)


class RefuseForm(Form):
    ground = SelectField(_l("Ground for the refusal"), choices=_choices(_l("Choose a ground"), REFUSAL_GROUNDS),
                         validators=[DataRequired(_l("Choose the ground for the refusal."))])
    text = TextAreaField(_l("Reasons, in words the person understands"), validators=TEXT)


class ExtendForm(Form):
    reason = TextAreaField(_l("Why more time is needed (sent to the person)"), validators=[
        DataRequired(_l("Write the reason for the extension.")),
        Length(max=MAX_DETAILS, message=_l("Write at most %(max)d characters.", max=MAX_DETAILS))])
