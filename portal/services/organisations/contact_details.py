"""A representative keeps their contact details and communication preferences current (R-BUY-3, R-BUY-4)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import CommunicationPreference, User, utcnow
from portal.services import DomainError, audit
from portal.services.actors import Actor


def preferences(user: User) -> CommunicationPreference:
    """The stored choice, or the default (marketing unless the person objects) without saving it."""
    return db.session.get(CommunicationPreference, user.id) or CommunicationPreference(
        user_id=user.id, newsletters=True, events=True)


def update(actor: Actor, user: User, *, name: str, job_title: str, phone: str | None,
           newsletters: bool, events: bool) -> None:
    if not name.strip():
        raise DomainError(_l("Enter your name."), field="name")
    user.name, user.job_title, user.phone = name.strip(), job_title.strip() or None, (phone or "").strip() or None
    choice = preferences(user)
    changed_preferences = (choice.newsletters, choice.events) != (newsletters, events)
    choice.newsletters, choice.events, choice.updated_at = newsletters, events, utcnow()
    db.session.add(choice)
    db.session.flush()
    audit.record(actor, "person.update_contact", subject=user, obj=user)
    if changed_preferences:
        audit.record(actor, "person.communication_preferences", subject=user, obj=user,
                     detail={"newsletters": newsletters, "events": events})
