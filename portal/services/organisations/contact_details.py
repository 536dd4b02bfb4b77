"""A representative keeps their contact details and communication preferences current (R-BUY-3, R-BUY-4)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import CommunicationPreference, User
from portal.services import DomainError, audit
from portal.services.actors import Actor
from portal.services.privacy import marketing


def preferences(user: User) -> CommunicationPreference:
    """What the form shows: the person's effective choices (objection and suppression win), not saved."""
    wanted = marketing.choices(user)
    return CommunicationPreference(user_id=user.id, newsletters=wanted["newsletter"] and wanted["offers"],
                                   events=wanted["events"] and wanted["surveys"])


def update(actor: Actor, user: User, *, name: str, job_title: str, phone: str | None,
           newsletters: bool, events: bool) -> None:
    if not name.strip():
        raise DomainError(_l("Enter your name."), field="name")
    user.name, user.job_title, user.phone = name.strip(), job_title.strip() or None, (phone or "").strip() or None
    shown = preferences(user)
    db.session.flush()
    audit.record(actor, "person.update_contact", subject=user, obj=user)
    # Each box covers two topics; only a box the person changed changes them (an unsubscribe from one topic by
    # mail is not undone by saving this form). The one source of truth is marketing.choices().
    wanted = {}
    if newsletters != shown.newsletters:
        wanted |= {"newsletter": newsletters, "offers": newsletters}
    if events != shown.events:
        wanted |= {"events": events, "surveys": events}
    marketing.set_choices(actor, user, wanted)
