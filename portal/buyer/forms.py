"""Forms of the buyers' portal: shapes only; the assignments service decides the rules."""
from flask_babel import lazy_gettext as _l
from wtforms import (BooleanField, DateField, FieldList, FormField, HiddenField, SelectField, StringField,
                     TextAreaField)
from wtforms.validators import InputRequired, Length, Optional

from portal.forms import Form, IntegerField, choices
from portal.templating import CALL_OFF_LABELS, EVALUATION_LABELS, REMOTE_LABELS

KIND_LABELS = {"must": _l("Must (pass / fail)"), "should": _l("Should (weighted)")}


class RequirementRow(Form):
    kind = SelectField(_l("Kind"), choices=choices(KIND_LABELS.items()), default="must")
    text = StringField(_l("Requirement"), validators=[Optional(), Length(max=200)])
    weight = IntegerField(_l("Weight (1–5, should only)"), validators=[Optional()])


class AssignmentForm(Form):
    requirements_message = None  # the service's refusal about the requirements, shown beside them
    title = StringField(_l("Title"), validators=[InputRequired(_l("Give the assignment a title.")), Length(max=200)])
    role = StringField(_l("Role"), validators=[InputRequired(_l("Name the role.")), Length(max=120)],
                       description=_l("For example: back-end developer, project manager."))
    description = TextAreaField(_l("Description"), validators=[InputRequired(_l("Describe the assignment.")),
                                                               Length(max=10000)])
    languages = StringField(_l("Languages"), validators=[Length(max=200)],
                            description=_l("Separate with commas, for example: Swedish, English."))
    location = StringField(_l("Location"), validators=[Length(max=120)])
    remote = SelectField(_l("Where the work is done"), choices=choices(REMOTE_LABELS.items()), default="onsite")
    start_date = DateField(_l("Start"), validators=[InputRequired(_l("Give a start date."))])
    end_date = DateField(_l("End"), validators=[Optional()])
    extent = IntegerField(_l("Extent (percent of full time)"), default=100,
                          validators=[InputRequired(_l("Give the extent as a whole number from 1 to 100."))])
    rate_ceiling = IntegerField(_l("Rate ceiling (SEK per hour)"), validators=[Optional()])
    consultants_wanted = IntegerField(_l("Number of consultants"), default=1,
                                      validators=[InputRequired(_l("How many consultants do you need?"))])
    answer_deadline = DateField(_l("Deadline for answers"), validators=[InputRequired(_l("Give a deadline."))])
    contact_person_id = SelectField(_l("Contact person"), coerce=int, validators=[Optional()])
    show_buyer = BooleanField(_l("Show our organisation's name on the public assignment list"))
    requirements = FieldList(FormField(RequirementRow), min_entries=6, max_entries=30)
    procurement_reference = StringField(_l("Procurement reference"), validators=[Length(max=80)])
    framework_agreement = StringField(_l("Framework agreement"), validators=[Length(max=200)])
    call_off_type = SelectField(_l("Call-off type (avrop)"),
                                choices=choices([("", _l("Not a call-off")), *CALL_OFF_LABELS.items()]))
    evaluation_model = SelectField(_l("Evaluation model"),
                                   choices=choices([("", _l("None given")), *EVALUATION_LABELS.items()]))
    evaluation_criteria = TextAreaField(
        _l("Award criteria"),
        validators=[Length(max=4000, message=_l("The award criteria may be at most 4,000 characters long."))],
        description=_l("Only for a public procurement: the award criteria as the procurement documents state "
                       "them. Consultants who apply read them as you write them."))
    version = HiddenField()


class RatingForm(Form):
    score = SelectField(_l("Score"), coerce=int, choices=choices((i, str(i)) for i in range(1, 6)), default=4)
    consultant_id = SelectField(_l("Rate"), coerce=int, default=0)
    comment = TextAreaField(_l("Comment"), validators=[Length(max=4000)])


def assignment_data(form: AssignmentForm):
    """The form's values as the service's AssignmentData; blank requirement rows are left out."""
    from portal.services.assignments.lifecycle import AssignmentData, Requirement

    requirements = [Requirement(kind=row.kind.data, text=row.text.data.strip(), weight=row.weight.data)
                    for row in form.requirements if (row.text.data or "").strip()]
    return AssignmentData(
        title=form.title.data, description=form.description.data, role=form.role.data,
        start_date=form.start_date.data, end_date=form.end_date.data, answer_deadline=form.answer_deadline.data,
        languages=form.languages.data or "", location=form.location.data or "", remote=form.remote.data,
        extent=form.extent.data, rate_ceiling=form.rate_ceiling.data, consultants_wanted=form.consultants_wanted.data,
        contact_person_id=form.contact_person_id.data or None, show_buyer=form.show_buyer.data,
        procurement_reference=form.procurement_reference.data or None,
        framework_agreement=form.framework_agreement.data or None, call_off_type=form.call_off_type.data or None,
        evaluation_model=form.evaluation_model.data or None,
        evaluation_criteria=(form.evaluation_criteria.data or "").strip() or None, requirements=requirements)


def assignment_form(data=None, version: int | None = None, contacts=(), formdata=None) -> AssignmentForm:
    """An empty form, or one showing `data` (AssignmentData) at `version`; `formdata` (the post) wins.
    Without `formdata` the form never reads the request, so a POST may build the stored form too."""
    values = {}
    if data is not None:
        values = {k: v for k, v in vars(data).items() if k != "requirements"}
        values["requirements"] = [{"kind": r.kind, "text": r.text, "weight": r.weight} for r in data.requirements]
        values["contact_person_id"] = data.contact_person_id or 0
        values["call_off_type"] = data.call_off_type or ""
        values["evaluation_model"] = data.evaluation_model or ""
        values["version"] = version
    form = AssignmentForm(formdata=formdata, data=values)
    form.contact_person_id.choices = choices([(0, _l("Choose…")), *contacts])
    while len(form.requirements) < 6 or not any(not (r.text.data or "") for r in form.requirements[-2:]):
        form.requirements.append_entry()
        if len(form.requirements) >= 30:
            break
    return form
