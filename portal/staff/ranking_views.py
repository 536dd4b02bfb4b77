"""Back office: the recruiter's ranking of consultants for an assignment, each with its explanation, and a pick
into the shortlist with a reason (R-MATCH-1..3, R-STAFF-2). Nothing here reaches the buyer."""
from __future__ import annotations

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.forms import parse_id
from portal.htmx import hx_redirect, render_then_commit
from portal.models import Assignment
from portal.request_actor import current_actor
from portal.security import allow
from portal.services import DomainError
from portal.services.matching import assignment_ranking, near_misses
from portal.services.shortlists import picks
from portal.staff.assignment_views import RECRUITING
from portal.staff.views import bp

LEFT_OUT_LABELS = {"restricted": _l("processing restricted"), "unavailable": _l("not available in time"),
                   "excluded_client": _l("excluded this client")}
NEAR_MISS_LABELS = {"availability": _l("available later than the start allows"),
                    "rate": _l("asking above the tolerated rate"), "extent": _l("working less than the extent")}
FACTOR_LABELS = {"text": _l("Text fit"), "availability": _l("Availability"), "extent": _l("Extent"),
                 "region": _l("Region"), "remote": _l("Remote work"), "rate": _l("Hourly rate"),
                 "rating": _l("Earlier ratings"), "same_client": _l("Earlier work for this client"),
                 "certificates": _l("Certificates"), "languages": _l("Languages")}
FIELD_LABELS = {"title": _l("title"), "text": _l("profile text"), "certificates": _l("certificates"),
                "skills": _l("skills"), "skill_levels": _l("skill levels"), "languages": _l("languages")}


def _assignment(assignment_id: int) -> Assignment:
    item = db.session.get(Assignment, assignment_id)
    if item is None:
        abort(404)
    return item


def _field(name: str) -> str:
    part = name.rsplit("_", 1)[0] if name.endswith(("_sv", "_en")) else name
    return str(FIELD_LABELS.get(part, part))


def _page(item: Assignment, status: int = 200, error: str | None = None, error_field: str | None = None):
    ranking, rows, near_rows = assignment_ranking.rank(current_actor(), item)
    picked = {e.consultant_id for e in picks.entries(item, include_removed=False)}
    return render_then_commit("staff/ranking.html", status=status, assignment=item, ranking=ranking, rows=rows,
                  near_rows=near_rows, picked=picked, left_out_labels=LEFT_OUT_LABELS,
                  near_miss_labels=NEAR_MISS_LABELS, miss_label=near_misses.for_staff, factor_labels=FACTOR_LABELS,
                  field_label=_field, error=error,
                  error_field=error_field, chosen=request.form.get("consultant_id", ""),
                  reason=request.form.get("reason", ""))


@bp.route("/assignments/<int:assignment_id>/ranking")
@allow(RECRUITING)
def ranking(assignment_id: int):
    return _page(_assignment(assignment_id))


@bp.route("/assignments/<int:assignment_id>/ranking", methods=["POST"])
@allow(RECRUITING)
def ranking_pick(assignment_id: int):
    """Add a ranked consultant or near miss to the shortlist, with the ranking's explanation (a near miss's
    names what it misses); the reason is required, a refusal re-renders the ranking (422)."""
    item = _assignment(assignment_id)
    consultant_id = request.form.get("consultant_id", "")
    chosen = parse_id(consultant_id)
    try:
        picks.add(current_actor(), item, chosen, request.form.get("reason", ""),
                       explanation=assignment_ranking.explanation_for(item, chosen))
    except DomainError as error:
        db.session.rollback()
        return _page(item, 422, str(error.message), error.field)
    db.session.commit()
    flash(_("The consultant is on the shortlist. Review the anonymized card before the client sees it."), "success")
    return hx_redirect(url_for("staff.ranking", assignment_id=item.id))
