"""The retention schedule and the daily runs' reports, for the privacy officer and admins (R-CON-11).
Neither page names a person: the schedule is rules, a report is counts."""
from __future__ import annotations

import sqlalchemy as sa
from flask import abort

from portal.extensions import db
from portal.htmx import render
from portal.models import RetentionRun, RetentionWarning
from portal.security import allow, staff
from portal.services.retention import run as retention_run, schedule
from portal.staff.views import bp

RETENTION = staff("privacy_officer", "admin")
RECENT_RUNS = 30


@bp.route("/retention")
@allow(RETENTION)
def retention_schedule():
    runs = db.session.scalars(sa.select(RetentionRun).order_by(RetentionRun.run_on.desc()).limit(RECENT_RUNS))
    waiting = db.session.scalar(sa.select(sa.func.count()).select_from(RetentionWarning)
                                .where(RetentionWarning.state == "sent"))
    return render("staff/retention.html", rules=[(r, schedule.label(r), schedule.plain_words(r))
                                                for r in schedule.rules()], runs=list(runs), waiting=waiting)


@bp.route("/retention/runs/<int:run_id>")
@allow(RETENTION)
def retention_run_report(run_id: int):
    report = db.session.get(RetentionRun, run_id)
    if report is None:
        abort(404)
    counts = {k: v for k, v in report.counts.items() if k != "expired"}
    return render("staff/retention_run.html", report=report, counts=counts,
                  expired=report.counts.get("expired", {}), labels=retention_run.COUNT_LABELS,
                  categories=schedule.CATEGORIES)
