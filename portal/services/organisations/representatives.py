"""Representatives leaving their organisation: "no longer represents us" (R-BUY-6, R-SUP-6, R-PAR-2)."""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import ErasureQueueItem, Membership, Organisation, utcnow
from portal.services import DomainError, audit
from portal.services.actors import Actor

REASON_LEFT = "no_longer_represents"


def membership_in(organisation: Organisation, membership_id: int) -> Membership | None:
    """An active membership of this organisation, or None (a foreign id is "not found")."""
    return db.session.scalar(sa.select(Membership).where(
        Membership.id == membership_id, Membership.organisation_id == organisation.id,
        Membership.ended_at.is_(None)))


def end(actor: Actor, membership: Membership) -> ErasureQueueItem:
    """End the membership now and queue the person's data for the privacy back office.
    What they created (assignments, offers) stays with the organisation."""
    if actor.user_id == membership.user_id:
        raise DomainError(_l("You cannot remove yourself. Ask another administrator, or our staff."))
    now = utcnow()
    membership.ended_at = now
    item = ErasureQueueItem(user_id=membership.user_id, organisation_id=membership.organisation_id,
                            reason=REASON_LEFT, requested_by_id=actor.user_id, requested_at=now,
                            due_at=now + timedelta(days=current_app.config["ERASURE_DUE_DAYS"]))
    db.session.add(item)
    db.session.flush()
    audit.record(actor, "membership.end", subject=membership.user_id, obj=membership,
                 detail={"organisation": membership.organisation_id})
    audit.record(actor, "erasure.queue", subject=membership.user_id, obj=item, detail={"reason": REASON_LEFT})
    return item


def pending_erasures() -> list[ErasureQueueItem]:
    return list(db.session.scalars(sa.select(ErasureQueueItem).where(ErasureQueueItem.state == "pending")
                                   .order_by(ErasureQueueItem.due_at)))


def is_current(user, organisation_id: int) -> bool:
    """Does this person still represent the organisation? Else they show as a former representative."""
    return user is not None and any(m.organisation_id == organisation_id and m.ended_at is None
                                    for m in user.memberships)
