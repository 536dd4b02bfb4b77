"""Legal holds (R-RIGHTS-4): the privacy officer keeps a person's data from erasure while a claim, a
dispute or an authority's order needs it. Placing and lifting are audited; the reason is shown to
staff only, the person sees that a hold exists and until when (the erasure preview)."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import LegalHold, User, utcnow
from portal.services import DomainError, audit
from portal.services.actors import Actor

MAX_REASON = 1000


def place(actor: Actor, user: User, reason: str | None, until: date | None, today: date | None = None) -> LegalHold:
    text = (reason or "").strip()
    if not text:
        raise DomainError(_l("Write why the data must be kept."), field="reason")
    if len(text) > MAX_REASON:
        raise DomainError(_l("Write at most %(max)d characters.", max=MAX_REASON), field="reason")
    if until is not None and until < (today or date.today()):
        raise DomainError(_l("The end date cannot be in the past."), field="until")
    if user.role == "staff" and user.id == actor.user_id:
        raise DomainError(_l("You cannot place a hold on yourself."))
    hold = LegalHold(user_id=user.id, reason=text, until=until, placed_by_id=actor.user_id)
    db.session.add(hold)
    db.session.flush()
    audit.record(actor, "legal_hold.place", subject=user, obj=hold, detail={"until": until})
    return hold


def lift(actor: Actor, hold: LegalHold) -> LegalHold:
    if hold.lifted_at is not None:
        raise DomainError(_l("This hold is already lifted."))
    hold.lifted_at, hold.lifted_by_id = utcnow(), actor.user_id
    db.session.flush()
    audit.record(actor, "legal_hold.lift", subject=hold.user_id, obj=hold)
    return hold


def listing(include_lifted: bool = False) -> list[LegalHold]:
    query = sa.select(LegalHold).order_by(LegalHold.placed_at.desc())
    if not include_lifted:
        query = query.where(LegalHold.lifted_at.is_(None))
    return list(db.session.scalars(query))


def find_person(email: str | None) -> User | None:
    from portal.services.accounts.registration import normalise_email

    try:
        address = normalise_email(email or "")
    except DomainError:
        return None
    return db.session.scalar(sa.select(User).where(User.email == address, User.is_disabled.is_(False)))
