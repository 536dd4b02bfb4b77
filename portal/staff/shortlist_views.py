"""Back office: a recruiter builds an assignment's shortlist by hand, with a reason per pick, approves each
anonymized card, asks the consultant, and releases data only after their yes (R-STAFF-2, R-CON-9)."""
from __future__ import annotations

from flask import abort, flash, request, url_for
from flask_babel import gettext as _

from portal.extensions import db
from portal.forms import parse_date, parse_id, search_too_long
from portal.htmx import hx_redirect, render_then_commit
from portal.models import Assignment, ShortlistEntry
from portal.request_actor import current_actor
from portal.security import allow
from portal.consultant.request_views import answer_link
from portal.services import DomainError, audit
from portal.services.applications import tender_cv
from portal.services.shortlists import consent_requests, disclosures, k_anonymity, picks, selections
from portal.staff.assignment_views import RECRUITING
from portal.staff.engagement_views import fill_rows, fill_terms
from portal.staff.views import bp


def _assignment(assignment_id: int) -> Assignment:
    item = db.session.get(Assignment, assignment_id)
    if item is None:
        abort(404)
    return item


def _entry(entry_id: int) -> ShortlistEntry:
    entry = db.session.get(ShortlistEntry, entry_id)
    if entry is None:
        abort(404)
    return entry


def _page(item: Assignment, status: int = 200, error: str | None = None, reason: str = "",
          error_field: str | None = None):
    query = request.values.get("q", "")  # the add form carries the search, so a refusal keeps the results
    if too_long := search_too_long(query):
        status, error, error_field, query = 422, too_long, "q", ""
    found = picks.search_consultants(query)
    entries = picks.entries(item)
    actor = current_actor()
    # Staff saw these consultants' names and e-mail addresses (R-STAFF-1).
    audit.record_many_at_commit(actor, "person.view", [
        (person_id, item, None) for person_id in sorted({e.consultant_id for e in entries} | {c.id for c in found})])
    return render_then_commit("staff/shortlist.html", status=status, assignment=item, entries=entries, found=found, query=query,
                  cards={e.id: picks.card(e) for e in entries},
                  questions={e.id: consent_requests.of_entry(e) for e in entries},
                  released={e.id: disclosures.of_entry(e) for e in entries},
                  field_labels=disclosures.FIELD_LABELS, required_k=k_anonymity.required_k(),
                  selected={s.shortlist_entry_id: s for s in selections.of_assignment(item)}, fill=fill_rows(item, entries), error=error, error_field=error_field, reason=reason,
                  chosen=request.form.get("consultant_id", ""),
                  tender=tender_cv.candidates(item, entries) if item.is_lou else [])


@bp.route("/assignments/<int:assignment_id>/shortlist")
@allow(RECRUITING)
def shortlist(assignment_id: int):
    return _page(_assignment(assignment_id))


@bp.route("/assignments/<int:assignment_id>/shortlist", methods=["POST"])
@allow(RECRUITING)
def shortlist_add(assignment_id: int):
    item = _assignment(assignment_id)
    consultant_id = request.form.get("consultant_id", "")
    try:
        picks.add(current_actor(), item, parse_id(consultant_id),
                       request.form.get("reason", ""))
    except DomainError as error:
        db.session.rollback()
        return _page(item, 422, str(error.message), request.form.get("reason", ""), error.field)
    db.session.commit()
    flash(_("The consultant is on the shortlist. Review the anonymized card before the client sees it."), "success")
    return hx_redirect(url_for("staff.shortlist", assignment_id=item.id))


def _act(entry: ShortlistEntry, action, done: str):
    """Run one action on an entry; a refusal comes back on the shortlist page with 422."""
    try:
        action()
    except DomainError as error:
        db.session.rollback()
        return _page(entry.assignment, 422, str(error.message), error_field=f"{error.field}-{entry.id}")
    db.session.commit()
    flash(done, "success")
    return hx_redirect(url_for("staff.shortlist", assignment_id=entry.assignment_id))


@bp.route("/shortlist/<int:entry_id>/remove", methods=["POST"])
@allow(RECRUITING)
def shortlist_remove(entry_id: int):
    entry = _entry(entry_id)
    return _act(entry, lambda: picks.remove(current_actor(), entry, request.form.get("reason", "")),
                _("The consultant is removed from the shortlist."))


@bp.route("/shortlist/<int:entry_id>/approve", methods=["POST"])
@allow(RECRUITING)
def shortlist_approve(entry_id: int):
    entry = _entry(entry_id)
    try:
        approved = picks.approve_card(current_actor(), entry)
    except DomainError as error:
        db.session.rollback()
        return _page(entry.assignment, 422, str(error.message), error_field=f"{error.field}-{entry.id}")
    db.session.commit()
    if approved:
        flash(_("The anonymous card is approved: the client now sees it under its pseudonym."), "success")
    else:
        flash(_("The profile or the pool changed since this card was drafted, so it was drafted again: read the "
                "new card and approve it."), "warning")
    return hx_redirect(url_for("staff.shortlist", assignment_id=entry.assignment_id))


@bp.route("/shortlist/<int:entry_id>/redraft", methods=["POST"])
@allow(RECRUITING)
def shortlist_redraft(entry_id: int):
    entry = _entry(entry_id)
    return _act(entry, lambda: picks.redraft(current_actor(), entry),
                _("The card is drafted again from the profile and the pool as they are now."))


@bp.route("/shortlist/<int:entry_id>/ask-interest", methods=["POST"])
@allow(RECRUITING)
def shortlist_ask_interest(entry_id: int):
    entry = _entry(entry_id)
    return _act(entry, lambda: consent_requests.ask_interest(current_actor(), entry, answer_link),
                _("The consultant is asked by mail and in their portal whether they are interested."))


@bp.route("/shortlist/<int:entry_id>/release", methods=["POST"])
@allow(RECRUITING)
def shortlist_release(entry_id: int):
    entry = _entry(entry_id)
    ends_on = parse_date(request.form.get("ends_on", ""))
    return _act(entry, lambda: disclosures.release(current_actor(), entry, reason=request.form.get("reason", ""),
                                                   ends_on=ends_on),
                _("What the consultant chose is released to the client, with your reason and end date, and logged."))


@bp.route("/assignments/<int:assignment_id>/selection", methods=["POST"])
@allow(RECRUITING)
def shortlist_select(assignment_id: int):
    """The final, human selection (R-STAFF-2): who, by whom, why; it fills the assignment."""
    item = _assignment(assignment_id)
    ids = [parse_id(value) for value in request.form.getlist("entries")]
    try:
        selections.record(current_actor(), item, [-1 if i is None else i for i in ids],
                          request.form.get("selection_reason", ""), terms=fill_terms(request.form, ids))
    except DomainError as error:
        db.session.rollback()
        return _page(item, 422, str(error.message), error_field=f"selection-{error.field}")
    db.session.commit()
    flash(_("The selection is recorded and the assignment is filled."), "success")
    return hx_redirect(url_for("staff.shortlist", assignment_id=item.id))
