"""Expiry of issue 16's kept data (R-CON-1, R-CON-3, R-RIGHTS-4), called by expiry.expire_kept:

- application: applications (with their answers) and tender namings of a closed assignment, the schedule's
  "application" period after it closed — after the later of its answer deadline, the last change of the
  application and the final selection on it; while the consultant works on an engagement from that
  assignment, the period runs from the engagement's end instead.
- bookkeeping (with the placements in expiry._bookkeeping): engagements, with their changes, approvers,
  reminders and every weekly report and day, the bookkeeping period in whole years after the end of the
  financial year the engagement ended in (the calendar year, as erasure_plan.year_end counts it).
Data about a person under a legal hold is kept. Saved searches have no period of their own: they go with
the account (erasure). Dry runs count only; the caller audits, tracks storage hygiene and commits.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

import sqlalchemy as sa

from portal.extensions import db
from portal.models import (Application, Assignment, CLOSED_STATES, Engagement, Selection, TenderNaming, TimeReport)
from portal.services.retention import schedule


def _not_held(column, held: set[int]):
    return column.not_in(held) if held else sa.true()


def _expired_pairs(model, consultant, now: datetime, today: date, held: set[int]):
    """Rows of `model` (one consultant, one assignment) whose closed assignment is past the period."""
    period = timedelta(days=schedule.period_days("application", "consultant"))
    cutoff, cutoff_day = now - period, today - period
    engaged = sa.select(Engagement.id).where(Engagement.assignment_id == model.assignment_id,
                                             Engagement.consultant_id == consultant,
                                             Engagement.end_date >= cutoff_day)
    selected = sa.select(Selection.id).where(Selection.assignment_id == model.assignment_id,
                                             Selection.decided_at >= cutoff)
    return sa.select(model.id).join(Assignment, Assignment.id == model.assignment_id).where(
        Assignment.state.in_(CLOSED_STATES), Assignment.answer_deadline < cutoff_day,
        ~sa.exists(engaged), ~sa.exists(selected), _not_held(consultant, held))


def applications(now: datetime, today: date, held: set[int], dry_run: bool) -> int:
    """Delete (or count) the applications and tender namings past the "application" period; how many."""
    apps = _expired_pairs(Application, Application.consultant_id, now, today, held).where(
        Application.updated_at < now - timedelta(days=schedule.period_days("application", "consultant")))
    namings = _expired_pairs(TenderNaming, TenderNaming.consultant_id, now, today, held)
    app_ids, naming_ids = list(db.session.scalars(apps)), list(db.session.scalars(namings))
    if not dry_run and app_ids:  # the answers go with them (ON DELETE CASCADE)
        db.session.execute(sa.delete(Application).where(Application.id.in_(app_ids)))
    if not dry_run and naming_ids:
        db.session.execute(sa.delete(TenderNaming).where(TenderNaming.id.in_(naming_ids)))
    return len(app_ids) + len(naming_ids)


def engagements(kept_after: date, held: set[int], dry_run: bool) -> int:
    """Delete (or count) engagements that ended before `kept_after`, with their weeks; engagements + weeks."""
    ids = list(db.session.scalars(sa.select(Engagement.id).where(
        Engagement.end_date < kept_after, _not_held(Engagement.consultant_id, held))))
    if not ids:
        return 0
    reports = sa.select(TimeReport.id).where(TimeReport.engagement_id.in_(ids))
    count = len(ids) + (db.session.scalar(sa.select(sa.func.count()).select_from(reports.subquery())) or 0)
    if dry_run:
        return count
    # corrections point at the weeks they corrected: unlink first; days, changes, approvers and reminders
    # go with their report or engagement (ON DELETE CASCADE)
    db.session.execute(sa.update(TimeReport).where(TimeReport.engagement_id.in_(ids)).values(corrects_id=None))
    db.session.execute(sa.delete(TimeReport).where(TimeReport.engagement_id.in_(ids)))
    db.session.execute(sa.delete(Engagement).where(Engagement.id.in_(ids)))
    return count
