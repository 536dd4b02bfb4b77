"""Approving weekly time reports, shared by the buyers' and the suppliers' portals (R-BUY-1, R-SUP-1, R-CON-3).

`register(bp, kind)` adds the same two pages to each blueprint, as organisation_portal.py does for
the pages every representative shares. Which weeks a person sees is the service's question
(approval.for_approver): another organisation's week, a draft, or a week of an engagement the person
does not approve is "not found"."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import Blueprint, abort, flash, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import TextAreaField
from wtforms.validators import Length

from portal.extensions import db
from portal.forms import Form, apply_domain_error
from portal.htmx import hx_redirect, render
from portal.models import TimeReport
from portal.representation import current_organisation
from portal.request_actor import current_actor
from portal.services import DomainError
from portal.services.profiles import sensitive_data
from portal.services.timesheets import approval, reporting, weeks
from portal.services.timesheets.reporting_rules import hours_text

DECISIONS = ("approve", "reject")


class DecisionForm(Form):
    comment = TextAreaField(_l("Comment to the consultant"), validators=[Length(max=approval.MAX_COMMENT)],
                            description=_l("Required when you send the week back: say what should change."))


@dataclass(frozen=True)
class DayRow:
    day: date
    hours: str | None  # None: nothing reported for the day
    not_working: bool
    comment: str


def day_rows(report: TimeReport) -> list[DayRow]:
    """Monday to Sunday of the week, each with what the consultant reported (or nothing)."""
    entries = {entry.day: entry for entry in report.entries}
    rows = []
    for day in weeks.days_of(report.week_start):
        entry = entries.get(day)
        rows.append(DayRow(day, hours_text(entry.minutes) if entry and not entry.not_working else None,
                           bool(entry and entry.not_working), entry.comment if entry else ""))
    return rows


def register(bp: Blueprint, kind: str) -> None:
    def _report(report_id: int) -> TimeReport:
        organisation = current_organisation(kind)
        report = approval.for_approver(current_user, report_id, organisation.id)
        if report is None:
            abort(404)
        return report

    def _page(report: TimeReport, form: DecisionForm, status: int = 200):
        year, number = weeks.iso_label(report.week_start)
        return render("organisation/time_approval.html", status=status, kind=kind, report=report, form=form,
                      days=day_rows(report), total=hours_text(reporting.total_minutes(report)),
                      label=approval.consultant_label(report.engagement),
                      week_year=year, week_number=number, week_end=weeks.days_of(report.week_start)[-1])

    @bp.route("/time-approvals", endpoint="time_approvals")
    def time_approvals():
        organisation = current_organisation(kind)
        pending = approval.pending_for(current_user, organisation.id)
        decided = approval.recently_decided(current_user, organisation.id)
        labels = {r.engagement_id: approval.consultant_label(r.engagement) for r in pending + decided}
        return render("organisation/time_approvals.html", kind=kind, pending=pending, decided=decided, labels=labels,
                      total_of=lambda r: hours_text(reporting.total_minutes(r)), week_label=weeks.iso_label)

    @bp.route("/time-approvals/<int:report_id>", methods=["GET", "POST"], endpoint="time_approval")
    def time_approval(report_id: int):
        report = _report(report_id)
        if request.method == "GET":
            return _page(report, DecisionForm(formdata=None))
        form = DecisionForm()
        decision = request.form.get("decision")
        if decision not in DECISIONS:
            abort(400)
        if not form.validate():
            return _page(report, form, 422)
        decide = approval.approve if decision == "approve" else approval.reject
        try:
            decide(current_actor(), report, form.comment.data or "")
        except approval.NotApprover:
            db.session.rollback()
            abort(404)
        except DomainError as error:
            db.session.rollback()
            if isinstance(error, approval.SensitiveComment):
                sensitive_data.record_refusal(error.finding, "time_approval.comment")
                db.session.commit()
            if error.field:
                apply_domain_error(form, error)
                return _page(report, form, 422)
            flash(error.message, "error")  # the page no longer shows the form: the week was decided meanwhile
            return _page(report, form, 409)
        db.session.commit()
        flash(_("The week is approved.") if decision == "approve"
              else _("The week is sent back to the consultant with your comment."), "success")
        return hx_redirect(url_for(f"{kind}.time_approvals"))
