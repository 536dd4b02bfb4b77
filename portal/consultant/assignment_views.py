"""Consultants browse the open assignments with filters and read one, with how their own profile meets each
requirement (R-CON-1). Only public facts: the buyer is named only when the buyer chose so."""
from __future__ import annotations

from flask import abort, request
from flask_login import current_user

from portal.consultant.views import bp
from portal.htmx import is_htmx, render
from portal.forms import parse_date
from portal.services.applications import browse, browse_filters, fit

PAGE = "consultant/assignments.html"


def _typed() -> dict:
    """What the form shows: what was typed, so a refused value can be corrected; a date field holds only a date."""
    typed = {name: request.args.get(name, "") for name in browse_filters.FIELDS if name != "remote"}
    for name in ("start_from", "start_until"):
        typed[name] = typed[name] if parse_date(typed[name]) else ""
    return {**typed, "remote": request.args.getlist("remote")}


def _page(filters: browse.Filters, results: browse.Results | None, status: int = 200, error=None):
    return render(PAGE, block="results", status=status, filters=filters, results=results, error=error,
                  typed=_typed(), regions=results.places if results and not is_htmx() else [],
                  remote_choices=browse.REMOTE_CHOICES)


@bp.route("/assignments")
def assignments():
    try:
        filters = browse.parse(request.args)
    except browse.InvalidFilter as error:
        # htmx swaps 422 (the results with the message); a page of its own is a 400.
        return _page(browse.Filters(), None, 422 if is_htmx() else 400, error)
    return _page(filters, browse.search(filters))


@bp.route("/assignments/<int:assignment_id>")
def assignment(assignment_id: int):
    item = browse.open_assignment(assignment_id)
    if item is None:
        abort(404)
    fits = fit.fit(current_user, item)
    return render("consultant/assignment.html", assignment=item, fits=fits, fit_summary=fit.summary(fits))
