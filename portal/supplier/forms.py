"""Forms of the suppliers' portal; the offer form is built per assignment, one answer per requirement."""
from flask_babel import gettext, lazy_gettext as _l
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from portal.forms import Form, IntegerField, choices, email_field

LEVELS = [(0, _l("0 – none")), (1, "1"), (2, "2"), (3, "3"), (4, "4"), (5, _l("5 – expert"))]


class ConsultantForm(Form):
    name = StringField(_l("Consultant's name"), validators=[InputRequired(_l("Enter the consultant's name.")),
                                                            Length(max=120)])
    email = email_field(_l("Consultant's e-mail"))


class CommentForm(Form):
    body = TextAreaField(_l("Your comment to our staff"), validators=[InputRequired(_l("Write a comment.")),
                                                                     Length(max=4000)])


class OfferBase(Form):
    consultant_id = SelectField(_l("Consultant"), coerce=int, validators=[Optional()])
    new_name = StringField(_l("…or register a new consultant: name"), validators=[Optional(), Length(max=120)])
    new_email = StringField(_l("New consultant's e-mail"), validators=[Optional(), Length(max=254)],
                            description=_l("They get an e-mail saying who registered them and why, and can "
                                           "claim and control their own profile."))
    rate = IntegerField(_l("Proposed rate (SEK per hour)"), validators=[InputRequired(_l("Propose a rate."))])


def offer_form(assignment, consultants, formdata=None) -> OfferBase:
    """A form class with a must (yes/no + evidence) or should (level + text) answer per requirement."""

    class OfferForm(OfferBase):
        pass

    for requirement in assignment.requirements:
        if requirement.kind == "must":
            setattr(OfferForm, f"meets_{requirement.id}", RadioField(
                requirement.text, choices=choices([("yes", _l("Meets it")), ("no", _l("Does not meet it"))]),
                validators=[InputRequired(_l("Answer yes or no."))]))
        else:
            setattr(OfferForm, f"level_{requirement.id}", SelectField(
                requirement.text, coerce=int, choices=choices(LEVELS), default=0))
        setattr(OfferForm, f"evidence_{requirement.id}", TextAreaField(
            gettext("Evidence: %(text)s", text=requirement.text), validators=[Length(max=2000)]))
    kwargs = {"formdata": formdata} if formdata is not None else {"formdata": None}
    form = OfferForm(**kwargs)
    form.consultant_id.choices = choices([(0, _l("Register a new consultant below")),
                                          *((c.id, c.name) for c in consultants)])
    return form


def answers_of(form, assignment) -> list:
    from portal.services.assignments.offers import Answer

    result = []
    for requirement in assignment.requirements:
        evidence = getattr(form, f"evidence_{requirement.id}").data or ""
        if requirement.kind == "must":
            value = getattr(form, f"meets_{requirement.id}").data
            result.append(Answer(requirement.id, meets=None if value is None else value == "yes", evidence=evidence))
        else:
            result.append(Answer(requirement.id, level=getattr(form, f"level_{requirement.id}").data,
                                 evidence=evidence))
    return result
