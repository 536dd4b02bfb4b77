"""Staff's look-up of consultants; each profile view is audited (R-STAFF-1)."""
from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.models import ConsultantProfile, Role, User
from portal.services import audit
from portal.services.actors import Actor
from portal.services.profiles.sections import profile_for


def search(text: str | None, limit: int = 50) -> list[User]:
    query = sa.select(User).where(User.role == Role.CONSULTANT.value).order_by(User.name).limit(limit)
    text = (text or "").strip()
    if text:
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").lower() + "%"
        query = query.where(sa.func.lower(User.name).like(pattern, escape="\\"))
    return list(db.session.scalars(query))


def view(actor: Actor, user_id: int) -> ConsultantProfile | None:
    """The consultant's profile for a staff member, written to the audit log; None when no such consultant."""
    user = db.session.get(User, user_id)
    if user is None or user.role != Role.CONSULTANT.value:
        return None
    profile = profile_for(user)
    audit.record(actor, "person.view", subject=user, obj=profile)
    return profile
