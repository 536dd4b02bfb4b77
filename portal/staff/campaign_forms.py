"""Composing a campaign, and confirming that it goes out."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from portal.forms import Form, choices
from portal.services.marketing.campaigns import LOCALES, MAX_BODY, MAX_SUBJECT, SEGMENTS
from portal.services.privacy.marketing import TOPICS

class CampaignForm(Form):
    topic = SelectField(_l("Topic"), choices=choices(TOPICS.items()))
    segment_role = SelectField(_l("To"), choices=choices(SEGMENTS.items()))
    segment_locale = SelectField(_l("Language"), choices=choices([("", _l("Every language")), *LOCALES.items()]))
    subject_sv = StringField(_l("Subject in Swedish"), validators=[
        DataRequired(_l("Fill this in, in both languages.")), Length(max=MAX_SUBJECT)])
    body_sv = TextAreaField(_l("Text in Swedish"), validators=[
        DataRequired(_l("Fill this in, in both languages.")), Length(max=MAX_BODY)])
    subject_en = StringField(_l("Subject in English"), validators=[
        DataRequired(_l("Fill this in, in both languages.")), Length(max=MAX_SUBJECT)])
    body_en = TextAreaField(_l("Text in English"), validators=[
        DataRequired(_l("Fill this in, in both languages.")), Length(max=MAX_BODY)])

class SendForm(Form):
    confirm = BooleanField(_l("Yes, send it now to the people counted above"), validators=[
        DataRequired(_l("Tick the box to confirm."))])
