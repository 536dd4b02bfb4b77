"""Telling people about a material change of the privacy policy, once each (R-POLICY-2)."""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import PolicyNotice, User, utcnow
from portal.services import audit, mail
from portal.services.privacy import policy
from portal.services.actors import Actor


def notify(actor: Actor, version: policy.PolicyVersion | None = None) -> int:
    """Queue a notice mail to every active account not yet told of this version. Idempotent."""
    version = version or policy.current()
    if not version.material:
        return 0
    told = sa.select(PolicyNotice.user_id).where(PolicyNotice.version == version.published)
    people = db.session.scalars(sa.select(User).where(User.is_disabled.is_(False), User.id.not_in(told),
                                                      User.email_verified_at.is_not(None)).order_by(User.id))
    count = 0
    for user in people:
        db.session.add(PolicyNotice(user_id=user.id, version=version.published))
        mail.queue(user, _l("Our privacy policy has changed"), "policy_changed", version=version)
        count += 1
    db.session.flush()
    if count:
        audit.record(actor, "policy.notify", detail={"version": version.published.isoformat(), "count": count})
    return count


def unseen(user: User) -> PolicyNotice | None:
    """The newest notice the person has not yet acknowledged in the privacy centre."""
    return db.session.scalar(sa.select(PolicyNotice).where(PolicyNotice.user_id == user.id,
                                                           PolicyNotice.seen_at.is_(None))
                             .order_by(PolicyNotice.version.desc()).limit(1))


def mark_seen(actor: Actor, user: User) -> int:
    """The person has read the notice: every unseen one is marked."""
    notices = list(db.session.scalars(sa.select(PolicyNotice).where(PolicyNotice.user_id == user.id,
                                                                    PolicyNotice.seen_at.is_(None))))
    for notice in notices:
        notice.seen_at = utcnow()
    db.session.flush()
    if notices:
        audit.record(actor, "policy.notice_seen", subject=user)
    return len(notices)
