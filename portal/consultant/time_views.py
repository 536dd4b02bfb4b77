"""The consultant reports hours per week on an engagement (R-CON-3): a grid that works as one plain
form POST, and with htmx saves one day on change. Only the engagement's own consultant reaches it."""
from __future__ import annotations

from datetime import date

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import actions
from portal.consultant.views import bp
from portal.extensions import db
from portal.htmx import hx_redirect, is_htmx, render
from portal.models import Engagement
from portal.request_actor import current_actor
from portal.services import DomainError
from portal.services.profiles import sensitive_data
from portal.services.timesheets import reporting, weeks
from portal.services.timesheets.reporting_grid import cell_from, cells_from, grid
from portal.services.timesheets.reporting_rules import CellErrors, SensitiveCommentError

PAGE = "consultant/time_week.html"
CELL = "consultant/_time_cell.html"


def _week(engagement_id: int, week: str) -> tuple[Engagement, date]:
    """The consultant's own engagement and a week inside its period; 404 for anything else."""
    engagement = reporting.engagement_of(current_user, engagement_id)
    monday = weeks.parse(week)
    if engagement is None or monday is None or not weeks.period_of(engagement).holds_week(monday):
        abort(404)
    return engagement, monday


def _week_url(engagement: Engagement, monday: date, **values) -> str:
    return url_for("consultant.time_week", engagement_id=engagement.id, week=monday.isoformat(), **values)


def _refused(error: DomainError) -> dict[str, str]:
    """After a rollback: count sensitive-data refusals (kind and field only), and return field → message."""
    db.session.rollback()
    findings = error.findings if isinstance(error, CellErrors) else (
        [(error.finding, error.field)] if isinstance(error, SensitiveCommentError) else [])
    for finding, field in findings:
        sensitive_data.record_refusal(finding, field.split("-", 1)[0])
    if findings:
        db.session.commit()
    if isinstance(error, CellErrors):
        return error.errors
    return {error.field: error.message} if error.field else {}


def _status(error: DomainError) -> int:
    """422 for a value that is wrong, 409 for a week whose state does not allow the change."""
    return 422 if error.field else 409


def _page(engagement: Engagement, monday: date, status: int = 200, cells=None, errors=None, summary=None):
    return render(PAGE, status=status, grid=grid(engagement, monday, cells, errors), errors=errors or {},
                  summary=summary)


@bp.route("/engagements/<int:engagement_id>/weeks/<week>", methods=["GET", "POST"])
def time_week(engagement_id: int, week: str):
    engagement, monday = _week(engagement_id, week)
    if request.method == "GET":
        return _page(engagement, monday)
    cells, submitting = cells_from(request.form, monday), request.form.get("action") == "submit"
    actor = current_actor()
    try:
        report = reporting.save_week(actor, engagement, monday, cells)
        if submitting:
            reporting.submit(actor, report)
    except DomainError as error:
        errors = _refused(error)  # a value refused: the page shows what was sent; a state refusal: what is stored
        return _page(engagement, monday, _status(error), cells if error.field else None, errors, error.message)
    db.session.commit()
    flash(_("The week is submitted for approval.") if submitting else _("The draft is saved."), "success")
    return hx_redirect(_week_url(engagement, monday))


@bp.route("/engagements/<int:engagement_id>/weeks/<week>/days/<day>", methods=["POST"])
def time_day(engagement_id: int, week: str, day: str):
    engagement, monday = _week(engagement_id, week)
    the_day = weeks.parse_day(day)
    if the_day is None or weeks.monday(the_day) != monday:
        abort(404)
    cell = cell_from(request.form, the_day)
    try:
        reporting.save_day(current_actor(), engagement, the_day, cell.hours, cell.not_working, cell.comment)
    except DomainError as error:
        errors, sent = _refused(error), cell if error.field else None
        if not is_htmx():
            return _page(engagement, monday, _status(error), [sent] if sent else None, errors, error.message)
        return _cell(engagement, monday, the_day, _status(error), sent, errors, message=error.message)
    db.session.commit()
    if not is_htmx():
        flash(_("The draft is saved."), "success")
        return hx_redirect(_week_url(engagement, monday))
    return _cell(engagement, monday, the_day, 200, saved=True)


def _cell(engagement: Engagement, monday: date, day: date, status: int, cell=None, errors=None, saved=False,
          message=None):
    """One day's row, and the week's total out of band, for htmx."""
    week_grid = grid(engagement, monday, [cell] if cell else None, errors)
    row = next(r for r in week_grid.rows if r.day == day)
    return render(CELL, status=status, grid=week_grid, row=row, saved=saved, with_total=True, message=message)


@bp.route("/engagements/<int:engagement_id>/weeks/<week>/correct", methods=["POST"])
def time_correct(engagement_id: int, week: str):
    engagement, monday = _week(engagement_id, week)

    def correct():
        report = reporting.week_for(engagement, monday)
        if report is None:
            raise DomainError(_("Only an approved week can be corrected."))
        reporting.correct(current_actor(), report)

    return actions.run(correct, done=_("A correction of the week is open as a draft. Change it and submit it: "
                                       "the approved week stays in force until the correction is approved."),
                       to=_week_url(engagement, monday),
                       refused=lambda status, message: _page(engagement, monday, status, summary=message))
