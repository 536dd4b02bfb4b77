"""The application form: a short answer per must and should requirement and the rate (R-CON-1). The form
checks shape; portal/services/applications/apply.py decides (must answers, rate range, the guard)."""
from __future__ import annotations

from flask_babel import gettext, lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange

from portal.forms import Form, IntegerField
from portal.services.applications.apply import ANSWER_MAX, RATE_MAX, answer_field, answered_requirements


class ApplicationBase(Form):
    rate = IntegerField(_l("Your rate (SEK per hour)"), validators=[
        InputRequired(_l("Give your rate.")),
        NumberRange(1, RATE_MAX, message=_l("Give a rate from %(min)d to %(max)d SEK per hour."))],
        description=_l("A whole number, without VAT. Our staff see it; the client sees only your anonymous "
                       "card, shown below."))


def application_form(assignment, formdata=None) -> ApplicationBase:
    """A form class with one answer field per must and should requirement of this assignment."""

    class ApplicationForm(ApplicationBase):
        pass

    for requirement in answered_requirements(assignment):
        # gettext, not _l: the buyer's text is interpolated now, as plain text that Jinja escapes.
        label = (gettext("How you meet “%(requirement)s” (required)", requirement=requirement.text)
                 if requirement.kind == "must" else
                 gettext("How you meet “%(requirement)s” (optional)", requirement=requirement.text))
        setattr(ApplicationForm, answer_field(requirement), TextAreaField(label, validators=[
            Length(max=ANSWER_MAX, message=_l("An answer is at most %(max)d characters."))]))
    return ApplicationForm(formdata=formdata)


def answers_of(form: ApplicationBase, assignment) -> dict[int, str]:
    return {r.id: getattr(form, answer_field(r)).data or "" for r in answered_requirements(assignment)}
