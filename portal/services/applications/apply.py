"""A consultant applies to a published assignment (R-CON-1): a short answer per must and should requirement
and the rate. Staff read the application; the buyer meets it only as the anonymous card, and nothing
identifying leaves until the consultant says yes to a later question (R-CON-9). The answers pass the
sensitive-data guard like every other text a consultant writes (R-CON-8). An application can be withdrawn
until staff act; withdrawing deletes the answers (nothing is kept for no purpose), and the consultant may
apply again while the assignment is open."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask_babel import gettext, lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from portal.extensions import db
from portal.models import (Application, ApplicationAnswer, ApplicationState, Assignment, AssignmentState, User,
                           utcnow)
from portal.services import DomainError, audit
from portal.services.actors import Actor
from portal.services.privacy import restrictions
from portal.services.profiles import sensitive_data

S = ApplicationState
ANSWER_MAX = 1000
RATE_MAX = 10_000  # SEK per hour: well above any consultant rate we broker, far below a typing slip
ANSWERED_KINDS = ("must", "should")


def visible(assignment_id: int) -> Assignment | None:
    """An assignment a consultant may open: one that is or was published; drafts and requests under review
    are "not found"."""
    return db.session.scalar(sa.select(Assignment).where(
        Assignment.id == assignment_id,
        sa.or_(Assignment.state == AssignmentState.PUBLISHED.value, Assignment.published_at.is_not(None))))


def is_open(assignment: Assignment, today: date | None = None) -> bool:
    """Published and the answer deadline not passed (the deadline day itself counts)."""
    today = today or date.today()
    return assignment.state == AssignmentState.PUBLISHED.value and today <= assignment.answer_deadline


def answered_requirements(assignment: Assignment) -> list:
    """The requirements an application answers, in the assignment's order."""
    return [r for r in assignment.requirements if r.kind in ANSWERED_KINDS]


def answer_field(requirement) -> str:
    """The form field of one requirement's answer (the guard and the form use the same name)."""
    return f"answer_{requirement.id}"


def of_consultant(user: User) -> list[Application]:
    """The consultant's own applications, newest first."""
    return list(db.session.scalars(sa.select(Application).where(Application.consultant_id == user.id)
                                   .order_by(Application.created_at.desc(), Application.id.desc())))


def for_consultant(user: User, application_id: int) -> Application | None:
    """The application only when it is this consultant's own: anything else is "not found"."""
    return db.session.scalar(sa.select(Application).where(Application.id == application_id,
                                                          Application.consultant_id == user.id))


def existing(consultant: User, assignment: Assignment) -> Application | None:
    return db.session.scalar(sa.select(Application).where(Application.assignment_id == assignment.id,
                                                          Application.consultant_id == consultant.id))


def _already() -> DomainError:
    return DomainError(_l("You have already applied to this assignment: see “My applications”."))


def _checked_answers(assignment: Assignment, answers: dict[int, str]) -> dict[int, str]:
    """The answers by requirement id, stripped; every must requirement answered, none too long, no
    special-category data. Answers to requirements the assignment does not have are ignored."""
    texts = {}
    for requirement in answered_requirements(assignment):
        text = (answers.get(requirement.id) or "").strip()
        if len(text) > ANSWER_MAX:
            raise DomainError(_l("An answer is at most %(max)d characters.", max=ANSWER_MAX),
                              field=answer_field(requirement))
        if requirement.kind == "must" and not text:
            raise DomainError(_l("Answer every must requirement: say briefly how you meet it."),
                              field=answer_field(requirement))
        texts[requirement.id] = text
    sensitive_data.check_fields({
        answer_field(r): (gettext("Your answer to “%(requirement)s”", requirement=r.text), texts[r.id])
        for r in answered_requirements(assignment)})
    return texts


def apply(actor: Actor, consultant: User, assignment: Assignment, rate: int | None,
          answers: dict[int, str]) -> Application:
    """Submit the consultant's application, or refuse with the reason and store nothing."""
    if consultant.role != "consultant":
        raise DomainError(_l("Only a consultant can apply to an assignment."))
    if not is_open(assignment):
        raise DomainError(_l("This assignment no longer takes applications: it is not published or its "
                             "deadline for answers has passed."))
    if restrictions.is_restricted(consultant):
        raise DomainError(_l("You have restricted the processing of your profile, so we cannot handle an "
                             "application from you. Lift the restriction in your privacy centre to apply."))
    if not isinstance(rate, int) or isinstance(rate, bool) or not 1 <= rate <= RATE_MAX:
        raise DomainError(_l("Give your rate as a whole number of SEK per hour, from 1 to %(max)d.", max=RATE_MAX),
                          field="rate")
    texts = _checked_answers(assignment, answers)
    application = existing(consultant, assignment)
    again = application is not None
    if again and application.state != S.WITHDRAWN.value:
        raise _already()
    now = utcnow()
    try:
        with db.session.begin_nested():  # two submissions at once: the unique constraint lets one through
            if application is None:
                application = Application(assignment_id=assignment.id, consultant_id=consultant.id, rate=rate,
                                          created_at=now)
                db.session.add(application)
            application.state, application.rate, application.updated_at = S.SUBMITTED.value, rate, now
            application.withdrawn_at = None
            application.answers.clear()
            db.session.flush()
            application.answers.extend(ApplicationAnswer(requirement_id=requirement_id, text=text)
                                       for requirement_id, text in texts.items() if text)
            db.session.flush()
    except IntegrityError:
        raise _already() from None
    audit.record(actor, "application.submit", subject=consultant, obj=application,
                 detail={"assignment": assignment.id, "again": again})
    return application


def move(application: Application, to_state: str, **values) -> bool:
    """SUBMITTED → `to_state` in one conditional UPDATE, so that a consultant withdrawing and staff acting at
    the same moment cannot both win; False (and the application re-read) when it was no longer SUBMITTED."""
    db.session.flush()
    moved = db.session.execute(
        sa.update(Application).where(Application.id == application.id, Application.state == S.SUBMITTED.value)
        .values(state=to_state, updated_at=utcnow(), **values).execution_options(synchronize_session=False)
    ).rowcount == 1
    db.session.refresh(application)
    return moved


def withdraw(actor: Actor, consultant: User, application: Application) -> None:
    """Take the application back while staff have not acted; the answers are deleted with it."""
    if application.consultant_id != consultant.id:
        raise DomainError(_l("This is not your application."))
    if not move(application, S.WITHDRAWN.value, withdrawn_at=utcnow()):
        if application.state == S.WITHDRAWN.value:
            raise DomainError(_l("This application is already withdrawn."))
        raise DomainError(_l("Our staff have already acted on this application, so it can no longer be "
                             "withdrawn."))
    application.answers.clear()
    db.session.flush()
    audit.record(actor, "application.withdraw", subject=consultant, obj=application,
                 detail={"assignment": application.assignment_id})
