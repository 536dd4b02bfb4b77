"""The privacy officer's form for the register of processors; the service decides what may be stored."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from portal.forms import Form, choices
from portal.services.records import integrations, transfers


class ProcessorForm(Form):
    name = StringField(_l("Processor"), validators=[DataRequired(_l("Name the processor.")), Length(max=200)],
                       description=_l("The company as named in the agreement."))
    service = StringField(_l("Service"), validators=[DataRequired(_l("Describe the service.")), Length(max=300)],
                          description=_l("What it does for us, e.g. hosting, mail delivery."))
    integration = SelectField(_l("Integration in the portal"), choices=[],
                              description=_l("The setting that cannot be turned on without this agreement."))
    data_categories = TextAreaField(_l("Categories of personal data"), validators=[
        DataRequired(_l("Name the categories of personal data it processes.")), Length(max=500)])
    country_code = SelectField(_l("Where the data is stored and processed"), choices=[])
    dpf_certified = BooleanField(_l("Certified under the EU-US Data Privacy Framework"))
    dpa_signed_on = DateField(_l("Agreement signed on"), validators=[Optional()])
    review_on = DateField(_l("Review the agreement by"), validators=[Optional()])
    dpa_file = FileField(_l("Signed data-processing agreement (PDF, at most 5 MB)"),
                         description=_l("Leave empty to keep the file on record."))


def processor_form(**kwargs) -> ProcessorForm:
    """The form with its choices in the reader's language."""
    form = ProcessorForm(**kwargs)
    form.integration.choices = choices([("", _l("None")), *integrations.INTEGRATIONS.items()])
    form.country_code.choices = choices([("", _l("Choose a country")), *transfers.places()])
    return form
