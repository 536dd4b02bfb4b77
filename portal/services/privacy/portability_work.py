"""The portability tables of issue 16 (Art. 20, R-RIGHTS-6): what the consultant gave us when applying for and
working on assignments — applications with their answers and rate, saved searches, the yes to being named in
tender responses, and the hours per day. Not staff's decisions and reasons, nor the approvers' comments:
those are not the person's own data to port. portability.TABLES takes these in."""
from __future__ import annotations

from portal.models import User


def _own_entries(user: User, data: dict):
    """Days of the person's own weeks (an approver's decisions are in time_reports, never exported)."""
    reports = {r["id"] for r in data.get("time_reports", []) if r.get("consultant_id") == user.id}
    return lambda row: row.get("report_id") in reports


TABLES: dict[str, tuple[str, dict[str, tuple[str, bool, str]], object]] = {
    "applications": ("Your applications to assignments.", {
        "id": ("integer", False, "The application's number; application_answers.application_id refers to it."),
        "assignment_id": ("integer", False, "The assignment's number."),
        "assignment": ("string", False, "The assignment's title."),
        "rate": ("integer", False, "The hourly rate you asked for, in SEK."),
        "created_at": ("datetime", False, "When you applied (UTC)."),
        "withdrawn_at": ("datetime", True, "When you withdrew the application, if you did (UTC)."),
    }, None),
    "application_answers": ("Your answer to each requirement in your applications.", {
        "application_id": ("integer", False, "The application the answer belongs to."),
        "requirement": ("string", False, "The requirement of the assignment."),
        "text": ("text", False, "Your answer."),
    }, None),
    "saved_searches": ("The assignment searches you saved.", {
        "name": ("string", False, "The name you gave the search."),
        "filters_json": ("text", False, "The search's filters, as JSON (text, skills, region, remote, start, "
                                        "extent, rate)."),
        "notify": ("boolean", False, "Whether you asked for mail about new matches."),
        "created_at": ("datetime", False, "When you saved it (UTC)."),
    }, None),
    "tender_namings": ("Your yes to being named in a public buyer's tender response (LOU).", {
        "assignment_id": ("integer", False, "The assignment's number."),
        "given_at": ("datetime", False, "When you said yes (UTC)."),
        "withdrawn_at": ("datetime", True, "When you withdrew it, if you did (UTC)."),
    }, None),
    "time_entries": ("The hours you reported, per day.", {
        "report_id": ("integer", False, "The week's report the day belongs to."),
        "day": ("date", False, "The day."),
        "minutes": ("integer", False, "Minutes worked."),
        "not_working": ("boolean", False, "Whether you marked the day as not working (never why)."),
        "comment": ("string", False, "Your comment on the day."),
    }, _own_entries),
}
