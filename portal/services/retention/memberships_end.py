"""Representatives and partner contacts whose membership ended, or whose organisation's agreement ended,
are deleted after the agreement's grace period (R-BUY-6, R-SUP-6, R-PAR-2).

A person is due when none of their memberships still holds: each one ended (`Membership.ended_at`) or
belongs to an organisation whose agreement ended (`Organisation.agreement_end`, the day after which
`agreement_in_force()` is false), and the organisation's grace (`retention_grace_days`, else the
schedule's 30 days) has passed since. Someone who represents another organisation in force is kept.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from portal.extensions import db
from portal.models import Membership, Organisation, OrganisationKind, Role, User
from portal.services.privacy.erasure_log import ERASED_DOMAIN
from portal.services.retention import schedule
from portal.services.retention.inactivity import Due

REPRESENTATIVE_ROLES = (Role.BUYER.value, Role.SUPPLIER.value, Role.PARTNER.value)


def rule_for(organisation: Organisation):
    category = "partner_contact" if organisation.kind == OrganisationKind.PARTNER.value else "representative"
    return schedule.rule(category, "partner" if category == "partner_contact" else "representative")


def grace_days(organisation: Organisation) -> int:
    """The agreement's own grace period, or the schedule's default."""
    if organisation.retention_grace_days is not None:
        return organisation.retention_grace_days
    return rule_for(organisation).period_days


def _ended(membership: Membership) -> tuple[date, str] | None:
    """When and why the membership stopped holding, or None while it holds."""
    organisation = membership.organisation
    ends = []
    if membership.ended_at is not None:
        ends.append((membership.ended_at.date(), "membership_ended"))
    if organisation.agreement_end is not None:
        # The agreement holds through its last day (agreement_in_force); it ends the day after.
        ends.append((organisation.agreement_end + timedelta(days=1), "agreement_ended"))
    return min(ends) if ends else None


def to_delete(now: datetime) -> list[Due]:
    """Representatives and partner contacts past their grace period, with the reason per person."""
    today = now.date()
    candidates = sa.select(Membership.user_id).join(Organisation).where(
        sa.or_(Membership.ended_at.is_not(None), Organisation.agreement_end < today))
    people = db.session.scalars(
        sa.select(User).where(User.id.in_(candidates), User.role.in_(REPRESENTATIVE_ROLES),
                              sa.not_(User.email.endswith(ERASED_DOMAIN)))
        .options(selectinload(User.memberships).selectinload(Membership.organisation)).order_by(User.id))
    due = []
    for user in people:
        reasons = []
        for membership in user.memberships:
            ended = _ended(membership)
            if ended is None or ended[0] + timedelta(days=grace_days(membership.organisation)) > today:
                break  # this membership still holds, or its grace has not passed
            reasons.append(f"{ended[1]}_{ended[0].isoformat()}")
        else:
            if reasons:
                kind = "partner" if user.role == Role.PARTNER.value else "representative"
                due.append(Due(user.id, f"delete_{kind}", "+".join(sorted(set(reasons)))))
    return due
