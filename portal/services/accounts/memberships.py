"""A representative's organisation and colleagues."""
from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.models import Invitation, Membership, Organisation, User


def current(user: User) -> Membership | None:
    return db.session.scalar(
        sa.select(Membership).where(Membership.user_id == user.id, Membership.ended_at.is_(None))
        .order_by(Membership.started_at.desc()).limit(1)
    )


def colleagues(organisation: Organisation) -> list[Membership]:
    return list(db.session.scalars(
        sa.select(Membership).join(Membership.user)
        .where(Membership.organisation_id == organisation.id, Membership.ended_at.is_(None))
        .order_by(User.name)
    ))


def open_invitations(organisation: Organisation) -> list[Invitation]:
    return list(db.session.scalars(
        sa.select(Invitation).where(Invitation.organisation_id == organisation.id,
                                    Invitation.accepted_at.is_(None), Invitation.revoked_at.is_(None))
        .order_by(Invitation.created_at.desc())
    ))
