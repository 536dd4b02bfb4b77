"""Approving weekly time reports (R-CON-3, R-BUY-1, R-SUP-1): the buyer's approver, or the supplier for its
own consultants (as `Engagement.approved_by_kind` says), approves or rejects a submitted week.

Who may decide is asked of the database every time, never remembered: the person is one of the
engagement's approvers AND still an active member of the organisation that approves. A former
representative, a colleague who is not an approver, or anyone of another organisation gets None
(the view's 404). Drafts stay the consultant's own: an approver sees a week only once submitted.

A decision is a conditional UPDATE on the state, so two approvers deciding at once cannot both win;
approving a correction supersedes the report it corrects in the same transaction."""
from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext, lazy_gettext as _l

from portal.extensions import db
from portal.links import external_url
from portal.models import (Engagement, EngagementApprover, Membership, TimeReport, TimeReportState, User,
                           utcnow)
from portal.services import DomainError, audit, mail
from portal.services.actors import Actor
from portal.services.engagements import approvers, shown
from portal.services.profiles import sensitive_data

SUBMITTED, APPROVED, REJECTED = (TimeReportState.SUBMITTED.value, TimeReportState.APPROVED.value,
                                 TimeReportState.REJECTED.value)
SUPERSEDED, DRAFT = TimeReportState.SUPERSEDED.value, TimeReportState.DRAFT.value
MAX_COMMENT = 2000
RECENT_DAYS = 60
RECENT_LIMIT = 50


class NotApprover(DomainError):
    """The actor may not decide this week: the view answers 404, as for an id that does not exist."""


class SensitiveComment(DomainError):
    """The decision comment disclosed special-category data, e.g. health (R-CON-8): refused, never stored."""

    def __init__(self, finding: sensitive_data.Finding):
        super().__init__(gettext("The comment seems to contain information about %(kind)s. Write only what should "
                                 "change in the reported hours, never anything about the consultant's health or "
                                 "other private matters.", kind=finding.label), field="comment")
        self.finding = finding


def approving_organisation():
    """SQL for the organisation that approves an engagement's weeks: its supplier when the engagement says
    so (and has one), else its buyer; as engagements.approvers.approving_organisation decides in Python."""
    by_supplier = sa.and_(Engagement.approved_by_kind == "supplier", Engagement.supplier_organisation_id.is_not(None))
    return sa.case((by_supplier, Engagement.supplier_organisation_id), else_=Engagement.buyer_organisation_id)


def approver_condition(user_id):
    """True for an engagement whose weeks `user_id` may decide now (approver and active member)."""
    return sa.and_(
        sa.exists().where(EngagementApprover.engagement_id == Engagement.id, EngagementApprover.user_id == user_id),
        sa.exists().where(Membership.user_id == user_id, Membership.ended_at.is_(None),
                          Membership.organisation_id == approving_organisation()))


def _visible(user: User, organisation_id: int | None):
    query = (sa.select(TimeReport).join(Engagement, TimeReport.engagement_id == Engagement.id)
             .where(approver_condition(user.id), TimeReport.state != DRAFT))
    if organisation_id is not None:
        query = query.where(approving_organisation() == organisation_id)
    return query


def pending_for(user: User, organisation_id: int | None = None) -> list[TimeReport]:
    """Submitted weeks this person may approve, oldest submission first."""
    return list(db.session.scalars(_visible(user, organisation_id).where(TimeReport.state == SUBMITTED)
                                   .order_by(TimeReport.submitted_at, TimeReport.id)))


def recently_decided(user: User, organisation_id: int | None = None, now: datetime | None = None) -> list[TimeReport]:
    """Weeks of this person's engagements decided in the last RECENT_DAYS days, newest first."""
    since = (now or utcnow()) - timedelta(days=RECENT_DAYS)
    return list(db.session.scalars(
        _visible(user, organisation_id).where(TimeReport.state != SUBMITTED, TimeReport.decided_at >= since)
        .order_by(TimeReport.decided_at.desc(), TimeReport.id.desc()).limit(RECENT_LIMIT)))


def for_approver(user: User, report_id: int, organisation_id: int | None = None) -> TimeReport | None:
    """The week, when this person may see it as its approver; None otherwise (not theirs, a draft, no such id)."""
    return db.session.scalar(_visible(user, organisation_id).where(TimeReport.id == report_id))


def may_decide(user: User | None, report: TimeReport) -> bool:
    if user is None or user.id == report.consultant_id:
        return False
    return db.session.scalar(sa.select(sa.exists().where(
        Engagement.id == report.engagement_id, approver_condition(user.id)))) is True


def approvers_of(engagement: Engagement) -> list[User]:
    """The people who may decide this engagement's weeks now (for reminders)."""
    organisation_id = approvers.approving_organisation(engagement).id
    return list(db.session.scalars(
        sa.select(User).join(EngagementApprover, EngagementApprover.user_id == User.id)
        .where(EngagementApprover.engagement_id == engagement.id,
               sa.exists().where(Membership.user_id == User.id, Membership.ended_at.is_(None),
                                 Membership.organisation_id == organisation_id))
        .order_by(User.id)))


def consultant_label(engagement: Engagement) -> shown.BuyerLabel:
    """The consultant as the approving organisation may see them (engagements.shown): for the buyer the name
    released to it while the release is in force, else the card's pseudonym; for the supplier its own record.
    Templates word it: the name, "Candidate K-…", or "The consultant"."""
    if approvers.approving_organisation(engagement).kind == "supplier":
        return shown.BuyerLabel(name=shown.supplier_side(engagement).consultant_name or None, pseudonym=None)
    return shown.buyer_label(engagement)


def _decide(actor: Actor, report: TimeReport, state: str, comment: str) -> None:
    if not may_decide(actor.user, report):
        raise NotApprover(_l("That time report was not found."))
    now = utcnow()
    decided = db.session.execute(
        sa.update(TimeReport).where(TimeReport.id == report.id, TimeReport.state == SUBMITTED)
        .values(state=state, decided_at=now, decided_by_id=actor.user_id, decision_comment=comment or None,
                updated_at=now).execution_options(synchronize_session=False)).rowcount
    if decided != 1:
        db.session.refresh(report)
        raise DomainError(_already_decided(report.state))
    db.session.refresh(report)


def _already_decided(state: str) -> str:
    if state == DRAFT:
        return gettext("The week is not submitted yet: there is nothing to approve or reject.")
    if state == REJECTED:
        return gettext("The week is already rejected; it comes back here when the consultant submits it again.")
    return gettext("The week is already approved; a change is made as a correction by the consultant.")


def _comment(comment: str | None, required: bool) -> str:
    text = (comment or "").strip()
    if required and not text:
        raise DomainError(_l("Write a comment that tells the consultant what to change."), field="comment")
    if len(text) > MAX_COMMENT:
        raise DomainError(_l("The comment may be at most %(max)d characters.", max=MAX_COMMENT), field="comment")
    if (finding := sensitive_data.find(text, sensitive_data.vocabulary_now())) is not None:
        raise SensitiveComment(finding)
    return text


def approve(actor: Actor, report: TimeReport, comment: str = "") -> TimeReport:
    """Approve a submitted week; a correction's approval supersedes the week it corrects."""
    text = _comment(comment, required=False)
    _decide(actor, report, APPROVED, text)
    detail = {"engagement": report.engagement_id, "week": report.week_start.isoformat()}
    if report.corrects_id is not None:
        superseded = db.session.execute(
            sa.update(TimeReport).where(TimeReport.id == report.corrects_id, TimeReport.state == APPROVED)
            .values(state=SUPERSEDED, updated_at=utcnow()).execution_options(synchronize_session=False)).rowcount
        if superseded != 1:
            raise DomainError(_l("The week this correction replaces is no longer the approved one; "
                                 "ask the consultant to correct the current week."))
        db.session.refresh(report.corrects)
        detail["supersedes"] = report.corrects_id
    audit.record(actor, "time_report.approve", subject=report.consultant_id, obj=report, detail=detail)
    return report


def reject(actor: Actor, report: TimeReport, comment: str) -> TimeReport:
    """Send a submitted week back to the consultant with a comment (required), and mail them."""
    text = _comment(comment, required=True)
    _decide(actor, report, REJECTED, text)
    audit.record(actor, "time_report.reject", subject=report.consultant_id, obj=report,
                 detail={"engagement": report.engagement_id, "week": report.week_start.isoformat()})
    engagement = report.engagement
    year, number, _ = report.week_start.isocalendar()
    mail.queue(engagement.consultant, lambda: gettext("Week %(number)s, %(year)s: your time report was sent back",
                                                      number=number, year=year),
               "time_report_rejected", report=report, engagement=engagement, week_number=number, week_year=year,
               comment=text, organisation=approvers.approving_organisation(engagement).name,
               link=external_url("consultant.time_week", engagement_id=engagement.id,
                                 week=report.week_start.isoformat()))
    return report
