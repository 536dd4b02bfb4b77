"""Marketing mail, and the person's absolute right to object to it (Art. 21(2)-(3), R-BUY-3, R-CON-5)."""
from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.models import MarketingObjection, OutboxMail, User
from portal.services import audit, mail
from portal.services.actors import Actor


def may_send_marketing(user: User) -> bool:
    """False as soon as the person has objected, or cannot receive mail at all."""
    if user.is_disabled or not user.is_verified:
        return False
    return db.session.scalar(sa.select(MarketingObjection.id).where(MarketingObjection.user_id == user.id)) is None


def has_objected(user: User) -> bool:
    return db.session.scalar(sa.select(MarketingObjection.id).where(MarketingObjection.user_id == user.id)) is not None


def object_to_marketing(actor: Actor, user: User) -> MarketingObjection:
    """Record the objection; takes effect immediately and needs no one's decision. Idempotent."""
    objection = db.session.scalar(sa.select(MarketingObjection).where(MarketingObjection.user_id == user.id))
    if objection is None:
        objection = MarketingObjection(user_id=user.id)
        db.session.add(objection)
        db.session.flush()
        audit.record(actor, "marketing.object", subject=user, obj=objection)
    return objection


def send(user: User, subject, template: str, **context) -> OutboxMail | None:
    """The one path for marketing mail: nothing is queued for a person who objected."""
    if not may_send_marketing(user):
        return None
    return mail.queue(user, subject, template, **context)
