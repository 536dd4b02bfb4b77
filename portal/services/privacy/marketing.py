"""Marketing choices and the absolute right to object to marketing (Art. 21(2)-(3), R-BUY-3, R-CON-5).

One source of truth: CommunicationPreference holds the choice per topic (e-mail channel), MarketingObjection
the objection, and every reader goes through choices() below, which lets an objection win over any tick and
the suppression list win over the default. Objecting unticks every topic and suppresses the address; after an
objection only an explicit opt-in (set_choices(..., explicit=True)) turns a topic on again, which also takes
the address off the suppression list for that topic.
"""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import CommunicationPreference, MarketingObjection, OutboxMail, User, utcnow
from portal.services import DomainError, audit, mail
from portal.services.actors import Actor
from portal.services.marketing import suppression

TOPICS = {
    "newsletter": _l("Newsletters"),
    "events": _l("Invitations to events"),
    "offers": _l("Offers and programmes"),
    "surveys": _l("Surveys, competitions and market research"),
}
CHANNELS = {"email": _l("E-mail")}  # the columns of CommunicationPreference are the e-mail channel's
_COLUMN = {"newsletter": "newsletters", "events": "events", "offers": "offers", "surveys": "surveys"}
ROLES = ("consultant", "buyer", "supplier", "partner")  # staff are never marketed to


def has_objected(user: User) -> bool:
    return db.session.scalar(sa.select(MarketingObjection.id).where(MarketingObjection.user_id == user.id)) is not None


def choices(user: User) -> dict[str, bool]:
    """Per topic: may we send this person marketing on it by e-mail? Objection and suppression always win."""
    if user.role not in ROLES or has_objected(user):
        return dict.fromkeys(TOPICS, False)
    suppressed = suppression.topics_of(user.email)
    if suppression.ALL in suppressed:
        return dict.fromkeys(TOPICS, False)
    row = db.session.get(CommunicationPreference, user.id)
    return {t: (getattr(row, _COLUMN[t]) if row else True) and t not in suppressed for t in TOPICS}


def may_send_marketing(user: User, topic: str | None = None) -> bool:
    """False as soon as the person has objected, cannot receive mail, or (for a topic) has said no to it."""
    if user.is_disabled or not user.is_verified:
        return False
    wanted = choices(user)
    return wanted[topic] if topic else not has_objected(user)


def _row(user: User) -> CommunicationPreference:
    row = db.session.get(CommunicationPreference, user.id)
    if row is None:
        row = CommunicationPreference(user_id=user.id, **{c: True for c in _COLUMN.values()})
        db.session.add(row)
    return row


def object_to_marketing(actor: Actor, user: User) -> MarketingObjection:
    """Record the objection: every topic off, the address suppressed, at once, needing no one's decision.
    Idempotent."""
    row = _row(user)
    for column in _COLUMN.values():
        setattr(row, column, False)
    row.updated_at = utcnow()
    suppression.suppress(user.email, [suppression.ALL], "objection")
    objection = db.session.scalar(sa.select(MarketingObjection).where(MarketingObjection.user_id == user.id))
    if objection is None:
        objection = MarketingObjection(user_id=user.id)
        db.session.add(objection)
        db.session.flush()
        audit.record(actor, "marketing.object", subject=user, obj=objection)
    db.session.flush()
    return objection


def set_choices(actor: Actor, user: User, wanted: dict[str, bool], *, explicit: bool = False) -> None:
    """Save the person's ticks (a tick is their own act, and clears the suppression of that topic). After an
    objection a topic turns on only with `explicit` (the person confirmed they want marketing again, which
    withdraws the objection); without it, DomainError."""
    if set(wanted) - set(TOPICS):
        raise DomainError(_l("Choose only from the list."), field="topics")
    current = choices(user)
    turned_on = [t for t, on in wanted.items() if on and not current[t]]
    turned_off = [t for t, on in wanted.items() if not on and current[t]]
    objection = db.session.scalar(sa.select(MarketingObjection).where(MarketingObjection.user_id == user.id))
    if turned_on and objection is not None and not explicit:
        raise DomainError(_l("You have objected to marketing. To receive it again, confirm it on the page "
                             "“Marketing choices”."), field="confirm")
    row = _row(user)
    for topic, on in wanted.items():
        setattr(row, _COLUMN[topic], bool(on))
    row.updated_at = utcnow()
    if turned_on:
        if objection is not None:
            db.session.delete(objection)
            audit.record(actor, "marketing.objection_withdrawn", subject=user)
        if suppression.ALL in suppression.topics_of(user.email):
            # Leaving "all": the topics the person did not turn on stay suppressed one by one.
            suppression.clear(user.email, [suppression.ALL])
            suppression.suppress(user.email, [t for t in TOPICS if t not in turned_on], "preferences")
        suppression.clear(user.email, turned_on)
    if turned_off:
        suppression.suppress(user.email, turned_off, "preferences")
    db.session.flush()
    if turned_on or turned_off:
        audit.record(actor, "person.communication_preferences", subject=user, obj=user,
                     detail={t: bool(getattr(row, _COLUMN[t])) for t in TOPICS})


def unsubscribe(actor: Actor, user: User, topic: str) -> bool:
    """One topic off and suppressed; False when it already was (the link was used before)."""
    was_on = choices(user)[topic]
    row = _row(user)
    setattr(row, _COLUMN[topic], False)
    row.updated_at = utcnow()
    suppression.suppress(user.email, [topic], "unsubscribe")
    db.session.flush()
    if was_on:
        audit.record(actor, "marketing.unsubscribe", subject=user, detail={"topic": topic})
    return was_on


def remember_before_erasure(user: User) -> None:
    """Erasure deletes the choices; the no they held stays, as address hashes only (kept on purpose)."""
    wanted = choices(user)
    if has_objected(user):
        suppression.suppress(user.email, [suppression.ALL], "objection")
    elif not all(wanted.values()):
        suppression.suppress(user.email, [t for t, on in wanted.items() if not on], "preferences")


def send(user: User, subject, template: str, topic: str | None = None, **context) -> OutboxMail | None:
    """The one path for marketing mail: nothing is queued for a person who objected or said no to the topic."""
    if not may_send_marketing(user, topic):
        return None
    return mail.queue(user, subject, template, **context)
