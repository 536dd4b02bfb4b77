"""Staff act on applications (R-STAFF-2, R-CON-1): a recruiter shortlists one with a reason, which puts the
consultant on the shortlist through the existing anonymous-card flow (shortlists.picks.add: the card is
drafted for review and approved for the buyer as any other pick), or declines it with a reason the
consultant reads (and is mailed). Both only while the application waits (SUBMITTED); a restricted profile is read-only
(R-RIGHTS-5)."""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.links import external_url
from portal.models import Application, ApplicationState, Assignment, ShortlistEntry, utcnow
from portal.services import DomainError, audit, mail
from portal.services.actors import Actor
from portal.services.applications.apply import move
from portal.services.privacy import restrictions
from portal.services.shortlists import picks

S = ApplicationState
REASON_MAX = 2000


def of_assignment(assignment: Assignment) -> list[Application]:
    """The assignment's applications in the order they came; withdrawn ones are the consultant's, not ours."""
    return list(db.session.scalars(sa.select(Application).where(
        Application.assignment_id == assignment.id, Application.state != S.WITHDRAWN.value)
        .order_by(Application.created_at, Application.id)))


def for_staff(application_id: int) -> Application | None:
    return db.session.get(Application, application_id)


def _reason(reason: str | None, missing) -> str:
    text = (reason or "").strip()
    if not text:
        raise DomainError(missing, field="reason")
    if len(text) > REASON_MAX:
        raise DomainError(_l("A reason is at most %(max)d characters.", max=REASON_MAX), field="reason")
    return text


def _not_waiting(application: Application) -> DomainError:
    if application.state == S.WITHDRAWN.value:
        return DomainError(_l("The consultant has withdrawn this application."))
    return DomainError(_l("This application is already decided."))


def _active_entry(application: Application) -> ShortlistEntry | None:
    return db.session.scalar(sa.select(ShortlistEntry).where(
        ShortlistEntry.assignment_id == application.assignment_id,
        ShortlistEntry.consultant_id == application.consultant_id, ShortlistEntry.removed_at.is_(None)))


def shortlist(actor: Actor, application: Application, reason: str) -> ShortlistEntry:
    """Pick the applicant into the shortlist with the recruiter's reason and link the entry; a consultant
    already picked by hand keeps that entry."""
    text = _reason(reason, _l("Say why you shortlist this application: the reason is kept with the choice."))
    restrictions.refuse_if_restricted(application.consultant_id)
    if not move(application, S.SHORTLISTED.value, decided_at=utcnow(), decided_by_id=actor.user_id):
        raise _not_waiting(application)
    entry = _active_entry(application) or picks.add(actor, application.assignment, application.consultant_id, text)
    application.shortlist_entry_id = entry.id
    db.session.flush()
    audit.record(actor, "application.shortlist", subject=application.consultant_id, obj=application,
                 detail={"assignment": application.assignment_id, "shortlist_entry": entry.id})
    return entry


def decline(actor: Actor, application: Application, reason: str) -> None:
    """Say no, with a reason the consultant reads in "My applications" and in a mail that tells them."""
    text = _reason(reason, _l("Say why you decline: the consultant reads the reason."))
    restrictions.refuse_if_restricted(application.consultant_id)
    if not move(application, S.DECLINED.value, decided_at=utcnow(), decided_by_id=actor.user_id,
                decision_reason=text):
        raise _not_waiting(application)
    audit.record(actor, "application.decline", subject=application.consultant_id, obj=application,
                 detail={"assignment": application.assignment_id})
    title = application.assignment.title
    mail.queue(application.consultant, lambda: gettext("Your application for “%(title)s”", title=title),
               "application_declined", title=title, reason=text, link=external_url("consultant.applications"))
