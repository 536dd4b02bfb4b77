"""The person's data in the tables of issue 16 (R-CON-1, R-CON-3, R-CON-4, R-BUY-1, R-SUP-1): their own
applications with the answers, saved searches, yes to being named in tender responses; the engagements
they work on with their changes, weekly reports, hours and reminders; and, for a buyer's or supplier's
representative, the engagements they approve and the weeks they decided. personal_data.collect() merges
this in; the extract, portability, erasure and restriction read it from there."""
from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.models import (Application, ApplicationAnswer, Engagement, EngagementApprover, EngagementChange,
                           SavedSearch, TenderNaming, TimeEntry, TimeReminder, TimeReport, User)


def collect(user: User, rows) -> dict:
    """`rows(model, *where)` lists matching rows as JSON-ready dicts (see personal_data)."""
    from portal.services.privacy.personal_data import row

    uid = user.id
    applications = db.session.scalars(sa.select(Application).where(Application.consultant_id == uid)
                                      .order_by(Application.id)).all()
    answers = db.session.scalars(sa.select(ApplicationAnswer).join(Application).where(
        Application.consultant_id == uid).order_by(ApplicationAnswer.id))
    own_engagements = sa.select(Engagement.id).where(Engagement.consultant_id == uid)
    entries = db.session.scalars(sa.select(TimeEntry).join(TimeReport).where(TimeReport.consultant_id == uid)
                                 .order_by(TimeEntry.report_id, TimeEntry.day))
    return {
        # what the person applied for is said in words beside the number, as the offer answers do
        "applications": [{**row(a), "assignment": a.assignment.title} for a in applications],
        "application_answers": [{**row(a), "requirement": a.requirement.text} for a in answers],
        "saved_searches": rows(SavedSearch, SavedSearch.user_id == uid),
        "tender_namings": rows(TenderNaming, TenderNaming.consultant_id == uid),
        "engagements": rows(Engagement, sa.or_(Engagement.consultant_id == uid, Engagement.created_by_id == uid)),
        "engagement_approvers": rows(EngagementApprover, EngagementApprover.user_id == uid),
        "engagement_changes": rows(EngagementChange, sa.or_(EngagementChange.engagement_id.in_(own_engagements),
                                                            EngagementChange.recorded_by_id == uid)),
        # the consultant's weeks, and an approver's decisions (R-BUY-5: the approver is their subject too)
        "time_reports": rows(TimeReport, sa.or_(TimeReport.consultant_id == uid, TimeReport.decided_by_id == uid)),
        "time_entries": [row(e) for e in entries],
        "time_reminders": rows(TimeReminder, TimeReminder.recipient_id == uid),
    }
