"""Back office: engagements (R-STAFF-2, R-CON-3): the list, one engagement with its history, and the only
ways its period and approvers change: extend, end early, set approvers. Every view of one is a view of
the consultant's (and the approvers') personal data, and is audited. Also the fill form's terms."""
from __future__ import annotations

from dataclasses import dataclass

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.forms import page_number, parse_date, parse_id
from portal.htmx import hx_redirect, render, render_then_commit
from portal.models import Assignment, Engagement, ShortlistEntry
from portal.request_actor import current_actor
from portal.security import allow, staff
from portal.services import DomainError, audit
from portal.services.engagements import access, approvers, changes, create, shown
from portal.staff.assignment_views import RECRUITING
from portal.staff.views import bp

# Finance reads engagements (they are what will be invoiced); recruiters and admins also change them.
READING = staff("admin", "recruiter", "finance")
PHASES = ("upcoming", "active", "ended")


@bp.route("/engagements")
@allow(READING)
def engagements():
    phase = request.args.get("phase")
    phase = phase if phase in PHASES else None
    page = request.args.get("page", 1, type=page_number)
    items, more = access.listing(phase, page)
    # The list names consultants: a view of each one's data (R-STAFF-1).
    audit.record_many(current_actor(), "person.view", [(e.consultant_id, e, None) for e in items])
    db.session.commit()
    return render("staff/engagements.html", engagements=items, phase=phase, page=page, more=more,
                  phases=PHASES, **shown.page_context())


def _engagement(engagement_id: int) -> Engagement:
    item = access.for_staff(engagement_id)
    if item is None:
        abort(404)
    return item


def _page(item: Engagement, status: int = 200, error: str | None = None, error_field: str | None = None,
          form: str | None = None):
    people = approvers.candidates(item)
    shown_ids = {item.consultant_id} | {u.id for u in people} | {a.user_id for a in item.approvers}
    audit.record_many_at_commit(current_actor(), "person.view", [(person, item, None) for person in sorted(shown_ids)])
    return render_then_commit("staff/engagement.html", status=status, engagement=item, candidates=people,
                  approver_ids={a.user_id for a in item.approvers}, side=shown.supplier_side(item)
                  if item.supplier_organisation_id else None, reported=changes.last_reported_day(item),
                  error=error, error_field=error_field, form=form, values=request.form,
                  **shown.page_context())


@bp.route("/engagements/<int:engagement_id>")
@allow(READING)
def engagement(engagement_id: int):
    return _page(_engagement(engagement_id))


def _change(engagement_id: int, form: str, action, done: str):
    """Run one change; a refusal comes back on the page with 422, the form's field marked, nothing saved."""
    item = _engagement(engagement_id)
    try:
        action(item)
    except DomainError as error:
        db.session.rollback()
        return _page(item, 422, error.message, error.field, form)
    db.session.commit()
    flash(done, "success")
    return hx_redirect(url_for("staff.engagement", engagement_id=item.id))


@bp.route("/engagements/<int:engagement_id>/extend", methods=["POST"])
@allow(RECRUITING)
def engagement_extend(engagement_id: int):
    new_end = parse_date(request.form.get("new_end", ""))
    return _change(engagement_id, "extend", lambda item: changes.extend(
        current_actor(), item, new_end, request.form.get("reason", "")),
        _("The engagement is extended and the change is recorded."))


@bp.route("/engagements/<int:engagement_id>/end-early", methods=["POST"])
@allow(RECRUITING)
def engagement_end_early(engagement_id: int):
    new_end = parse_date(request.form.get("new_end", ""))
    return _change(engagement_id, "end_early", lambda item: changes.end_early(
        current_actor(), item, new_end, request.form.get("reason", "")),
        _("The engagement's new, earlier end is recorded."))


@bp.route("/engagements/<int:engagement_id>/approvers", methods=["POST"])
@allow(RECRUITING)
def engagement_approvers(engagement_id: int):
    ids = [parse_id(value) for value in request.form.getlist("approvers")]
    return _change(engagement_id, "approvers", lambda item: approvers.set_approvers(
        current_actor(), item, [-1 if i is None else i for i in ids]),
        _("The approvers are saved."))


# The fill form on the shortlist page (staff/shortlist.html): the terms staff confirm per selected entry.

@dataclass(frozen=True)
class FillRow:
    rate: str
    end_date: str
    hint: str
    supplier: str | None


RATE_HINTS = {
    "application": _l("From the consultant's application."),
    "offer": _l("From the supplier's offer: the supplier approves the hours."),
    "profile": _l("The consultant's asking rate in their profile: enter the rate you agreed."),
    "none": _l("Enter the rate you agreed."),
}


def fill_rows(assignment: Assignment, entries: list[ShortlistEntry]) -> dict[int, FillRow]:
    """Per selectable entry, the fill form's rate and end date: as typed after a refusal, else suggested."""
    if assignment.state != "shortlisting":
        return {}
    rows = {}
    for entry in entries:
        if entry.removed_at is not None or entry.state != "released":
            continue
        suggestion = create.suggest(entry)
        end = suggestion.end_date.isoformat() if suggestion.end_date else ""
        rows[entry.id] = FillRow(
            rate=request.form.get(f"rate-{entry.id}", str(suggestion.rate or "")),
            end_date=request.form.get(f"end_date-{entry.id}", end), hint=str(RATE_HINTS[suggestion.rate_source]),
            supplier=suggestion.supplier)
    return rows


def fill_terms(form, entry_ids: list[int | None]) -> dict[int, create.Terms]:
    """The terms typed in the fill form, checked for shape; a refusal names the entry's field."""
    terms = {}
    for entry_id in (i for i in entry_ids if i is not None):
        raw_rate = form.get(f"rate-{entry_id}", "").replace(" ", "").replace("\u00a0", "")
        raw_end = form.get(f"end_date-{entry_id}", "").strip()
        rate, end = (parse_id(raw_rate) if raw_rate else None), (parse_date(raw_end) if raw_end else None)
        if raw_rate and rate is None:
            raise DomainError(_l("Enter the rate as a whole number of SEK per hour."), field=f"rate-{entry_id}")
        if raw_end and end is None:
            raise DomainError(_l("Enter the end date as a date, for example 2027-06-30."),
                              field=f"end_date-{entry_id}")
        terms[entry_id] = create.Terms(rate=rate, end_date=end)
    return terms
