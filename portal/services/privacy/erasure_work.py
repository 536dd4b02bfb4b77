"""Erasure of applications, engagements and time reports (issue 16; Art. 17, R-RIGHTS-4, R-CON-3, R-BUY-6).

Decisions:
- An ACTIVE engagement whose end date has not passed (ongoing, or agreed and not started) blocks the
  erasure ("ongoing_assignment"): the hours of the running contract are still reported, approved, invoiced
  and paid. One whose end date has passed has ended, whether or not the nightly close_ended ran.
- Applications with their answers, saved searches, tender namings and reminders are deleted.
- Ended engagements and the weeks approved in them (APPROVED, and SUPERSEDED by an approved correction)
  are bookkeeping material: kept the schedule's bookkeeping period after the financial year, minimised
  to what billing and payment need — the days and the minutes. Day comments, "not working" marks (an
  absence pattern says nothing billing needs), the approvers' decision comments and the reasons of the
  engagement's changes are blanked, since they may name or describe the person. The engagement row keeps
  pointing at the account's tombstone, which then keeps the name (like a kept placement).
- Weeks never approved (draft, submitted, rejected) are not bookkeeping: deleted with their days.
- An approver (a buyer's or supplier's representative) or an employee: their approver rows are deleted, and
  their id is taken off the weeks they decided and the engagements and changes they recorded; their name
  is scrubbed from the decision comments they wrote.
`plan` contributes to erasure_plan.plan; `erase` to erasure.execute (which passes its scrubber).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable

import sqlalchemy as sa

from portal.extensions import db
from portal.models import (Application, ApplicationAnswer, Engagement, EngagementApprover, EngagementChange,
                           EngagementState, SavedSearch, TenderNaming, TimeEntry, TimeReminder, TimeReport,
                           TimeReportState, User)
from portal.services.privacy import erasure_plan

# The tables erasure_plan.plan leaves to this module (their rows are counted here, not table by table).
TABLES = ("applications", "application_answers", "saved_searches", "tender_namings", "engagements",
          "engagement_approvers", "engagement_changes", "time_reports", "time_entries", "time_reminders")
KEPT_STATES = (TimeReportState.APPROVED.value, TimeReportState.SUPERSEDED.value)


@dataclass
class WorkPlan:
    blocks: list[erasure_plan.Block] = field(default_factory=list)
    deleted: dict[str, int] = field(default_factory=dict)
    kept: list[erasure_plan.Item] = field(default_factory=list)


def active_engagements(user: User, today: date) -> list[Engagement]:
    return list(db.session.scalars(sa.select(Engagement).where(
        Engagement.consultant_id == user.id, Engagement.state == EngagementState.ACTIVE.value,
        Engagement.end_date >= today).order_by(Engagement.id)))


def plan(user: User, data: dict, today: date) -> WorkPlan:
    """Blocks, counts of what goes and the kept bookkeeping, from `personal_data.collect(user)`'s rows."""
    result = WorkPlan()
    for engagement in active_engagements(user, today):
        result.blocks.append(erasure_plan.Block("ongoing_assignment", engagement.assignment.title,
                                                engagement.end_date))
    uid = user.id
    own_reports = [r for r in data["time_reports"] if r["consultant_id"] == uid]
    kept_ids = {r["id"] for r in own_reports if r["state"] in KEPT_STATES}
    own = [e for e in data["engagements"] if e["consultant_id"] == uid]
    result.deleted = {
        "applications": sum(len(data[t]) for t in ("applications", "application_answers", "saved_searches",
                                                   "tender_namings")),
        "time_reports": len(own_reports) - len(kept_ids) + len(data["time_reminders"])
        + sum(1 for e in data["time_entries"] if e["report_id"] not in kept_ids),
        "approvals": len(data["engagement_approvers"]) + len(data["engagements"]) - len(own)
        + sum(1 for r in data["time_reports"] if r["consultant_id"] != uid)
        + sum(1 for c in data["engagement_changes"] if c["engagement_id"] not in {e["id"] for e in own}),
    }
    if own:
        ended = max(date.fromisoformat(e["end_date"]) for e in own)
        result.kept.append(erasure_plan.Item("engagements", len(own) + len(kept_ids), "bookkeeping",
                                             erasure_plan.year_end(ended, erasure_plan.bookkeeping_years())))
    return result


def erase(user: User, scrub: Callable[[str | None], str | None]) -> bool:
    """Delete and minimise as the module docstring says; True when bookkeeping material about the person is
    kept (the tombstone then keeps the name)."""
    uid = user.id
    own_applications = sa.select(Application.id).where(Application.consultant_id == uid)
    db.session.execute(sa.delete(ApplicationAnswer).where(ApplicationAnswer.application_id.in_(own_applications)))
    db.session.execute(sa.delete(Application).where(Application.consultant_id == uid))
    db.session.execute(sa.delete(SavedSearch).where(SavedSearch.user_id == uid))
    db.session.execute(sa.delete(TenderNaming).where(TenderNaming.consultant_id == uid))
    db.session.execute(sa.delete(TimeReminder).where(TimeReminder.recipient_id == uid))
    never_approved = list(db.session.scalars(sa.select(TimeReport.id).where(
        TimeReport.consultant_id == uid, TimeReport.state.not_in(KEPT_STATES))))
    if never_approved:  # a waiting correction points at its kept original; nothing kept points at these
        db.session.execute(sa.delete(TimeEntry).where(TimeEntry.report_id.in_(never_approved)))
        db.session.execute(sa.delete(TimeReport).where(TimeReport.id.in_(never_approved)))
    own_reports = sa.select(TimeReport.id).where(TimeReport.consultant_id == uid)
    db.session.execute(sa.update(TimeEntry).where(TimeEntry.report_id.in_(own_reports))
                       .values(comment="", not_working=False))
    db.session.execute(sa.update(TimeReport).where(TimeReport.consultant_id == uid).values(decision_comment=None))
    own_engagements = sa.select(Engagement.id).where(Engagement.consultant_id == uid)
    db.session.execute(sa.update(EngagementChange).where(EngagementChange.engagement_id.in_(own_engagements))
                       .values(reason=""))
    _as_approver_or_staff(uid, scrub)
    db.session.flush()
    return db.session.scalar(sa.select(Engagement.id).where(Engagement.consultant_id == uid).limit(1)) is not None


def _as_approver_or_staff(uid: int, scrub: Callable[[str | None], str | None]) -> None:
    db.session.execute(sa.delete(EngagementApprover).where(EngagementApprover.user_id == uid))
    for report in db.session.scalars(sa.select(TimeReport).where(TimeReport.decided_by_id == uid,
                                                                 TimeReport.decision_comment.is_not(None))):
        report.decision_comment = scrub(report.decision_comment)
    db.session.flush()
    for column in (TimeReport.decided_by_id, Engagement.created_by_id, EngagementChange.recorded_by_id,
                   Application.decided_by_id):
        db.session.execute(sa.update(column.class_).where(column == uid).values({column.key: None}))
