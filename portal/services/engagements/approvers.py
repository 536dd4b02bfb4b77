"""Who approves an engagement's weekly hours (R-BUY-1, R-SUP-1): representatives of the organisation that
approves it, the buyer, or the supplier for its own consultants. Only active members can be chosen;
every addition and removal is audited with the person as subject."""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import Engagement, EngagementApprover, Membership, Organisation, User
from portal.services import DomainError, audit
from portal.services.actors import Actor

MOST = 10


def approving_organisation(engagement: Engagement) -> Organisation:
    if engagement.approved_by_kind == "supplier" and engagement.supplier_organisation is not None:
        return engagement.supplier_organisation
    return engagement.buyer_organisation


def candidates(engagement: Engagement) -> list[User]:
    """The people who may be chosen: active, enabled members of the approving organisation, by name."""
    organisation = approving_organisation(engagement)
    return list(db.session.scalars(
        sa.select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.organisation_id == organisation.id, Membership.ended_at.is_(None),
               User.is_disabled.is_(False))
        .order_by(User.name, User.id).distinct()))


def current(engagement: Engagement) -> list[User]:
    return [approver.user for approver in engagement.approvers]


def add(actor: Actor, engagement: Engagement, user: User) -> EngagementApprover:
    """One approver, who must be a candidate (the caller checked)."""
    approver = EngagementApprover(engagement_id=engagement.id, user_id=user.id)
    engagement.approvers.append(approver)
    db.session.flush()
    audit.record(actor, "engagement.approver_add", subject=user.id, obj=engagement,
                 detail={"consultant": engagement.consultant_id})
    return approver


def set_approvers(actor: Actor, engagement: Engagement, user_ids: list[int | None]) -> list[User]:
    """Replace the approvers with these people: at least one, each an active member of the approving
    organisation; nothing changes unless every one of them may approve."""
    wanted = list(dict.fromkeys(user_ids))
    if not wanted:
        raise DomainError(_l("Choose at least one person to approve the hours."), field="approvers")
    if len(wanted) > MOST:
        raise DomainError(_l("Choose at most ten approvers."), field="approvers")
    allowed = {user.id: user for user in candidates(engagement)}
    if any(user_id not in allowed for user_id in wanted):
        raise DomainError(_l("Approvers must be active representatives of the organisation that approves the "
                             "hours."), field="approvers")
    before = {approver.user_id: approver for approver in engagement.approvers}
    for user_id, approver in before.items():
        if user_id not in wanted:
            engagement.approvers.remove(approver)
            db.session.flush()
            audit.record(actor, "engagement.approver_remove", subject=user_id, obj=engagement,
                         detail={"consultant": engagement.consultant_id})
    for user_id in wanted:
        if user_id not in before:
            add(actor, engagement, allowed[user_id])
    return current(engagement)
