"""What templates may ask: formatting filters and permission questions, nothing that queries."""
from __future__ import annotations

from datetime import date, datetime, timezone
from functools import cache

from flask import Flask, current_app, request
from babel import Locale, dates
from flask_babel import format_date, format_datetime, get_locale, get_timezone, gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

from portal.security import access_for

ROLE_LABELS = {
    "consultant": _l("Consultant"), "buyer": _l("Buyer"), "supplier": _l("Supplier"),
    "partner": _l("Partner"), "staff": _l("Staff"),
}
STAFF_ROLE_LABELS = {
    "recruiter": _l("Recruiter"), "finance": _l("Finance"),
    "privacy_officer": _l("Privacy officer"), "admin": _l("Administrator"),
}
ORGANISATION_KIND_LABELS = {"buyer": _l("Client company"), "supplier": _l("Consultancy firm"),
                            "partner": _l("Business partner")}
STORAGE_KIND_LABELS = {"cookie": _l("Cookie"), "local_storage": _l("Local storage"),
                       "session_storage": _l("Session storage")}
CONSENT_CATEGORY_LABELS = {"necessary": _l("Strictly necessary"), "preferences": _l("Preferences"),
                           "statistics": _l("Statistics"), "marketing": _l("Marketing")}
CONSENT_METHOD_LABELS = {"banner": _l("Cookie banner"), "settings": _l("Cookie settings"),
                         "gpc": _l("Global Privacy Control signal"), "withdrawal": _l("Withdrawal")}
STATUS_LABELS = {"pending": _l("Awaiting approval"), "approved": _l("Approved"), "rejected": _l("Rejected")}
ASSIGNMENT_STATE_LABELS = {
    "draft": _l("Draft"), "submitted": _l("Submitted for review"), "published": _l("Published"),
    "shortlisting": _l("Shortlisting"), "filled": _l("Filled"), "cancelled": _l("Cancelled"),
    "expired": _l("Expired"),
}
ASSIGNMENT_ACTION_LABELS = {
    "submitted": _l("Submit for review"), "draft": _l("Back to draft"), "published": _l("Publish"),
    "shortlisting": _l("Start shortlisting"), "filled": _l("Mark as filled"), "cancelled": _l("Cancel the assignment"),
    "expired": _l("Mark as expired"),
}
OFFER_STATE_LABELS = {"awaiting_consultant": _l("Waiting for the consultant's agreement"),
                      "submitted": _l("Received by our staff"), "reviewing": _l("Under review"),
                      "shortlisted": _l("Shortlisted"), "declined": _l("Declined"), "withdrawn": _l("Withdrawn")}
REMOTE_LABELS = {"onsite": _l("On site"), "hybrid": _l("Partly remote"), "remote": _l("Remote")}
CALL_OFF_LABELS = {"renewed_competition": _l("Renewed competition (förnyad konkurrensutsättning)"),
                   "ranking": _l("Ranking (rangordning)"), "direct": _l("Direct call-off (direktavrop)")}
EVALUATION_LABELS = {"price": _l("Price only"), "cost": _l("Cost"),
                     "best_price_quality": _l("Best price–quality ratio")}
REQUEST_STATE_LABELS = {"open": _l("Open"), "closed": _l("Closed")}
SHORTLIST_STATE_LABELS = {
    "proposed": _l("Proposed: card not yet approved"), "approved_for_buyer": _l("Card approved for the client"),
    "meeting_requested": _l("The client asked to meet"), "consultant_asked": _l("Consultant asked"),
    "consultant_accepted": _l("Consultant said yes"), "consultant_declined": _l("Consultant said no"),
    "timed_out": _l("No answer in time"), "released": _l("Data released to the client")}
CONSENT_KIND_LABELS = {"interest": _l("Interested in the assignment?"),
                       "disclosure": _l("May we send your profile to the client?")}
CONSENT_STATUS_LABELS = {"pending": _l("Waiting for an answer"), "accepted": _l("Yes"), "declined": _l("No"),
                         "timed_out": _l("No answer in time"), "withdrawn": _l("Yes, taken back")}


def can_visit(endpoint: str) -> bool:
    """May the current person open this endpoint? Used to show only links that work."""
    access = access_for(current_app, endpoint)
    return access is not None and access.allows(current_user)


def navigation() -> list[tuple[str, object]]:
    if not current_user.is_authenticated:
        return []
    items = [(f"{current_user.role}.index", _l("My portal"))]
    if current_user.role == "consultant":
        items.append(("consultant.profile", _l("My profile")))
        items.append(("consultant.assignments", _l("Assignments")))
    if current_user.role == "staff":
        items += [(e, label) for e, label in (
            ("staff.organisations", _l("Organisations")),
            ("staff.assignments_queue", _l("Assignments")),
            ("staff.offers_queue", _l("Offers")),
            ("staff.engagements", _l("Engagements")),
            ("staff.requests_queue", _l("Service requests")),
            ("staff.erasure_queue", _l("Erasure queue")),
            ("staff.legal_holds_page", _l("Legal holds")),
            ("staff.consultants", _l("Consultants")),
            ("staff.privacy_queue", _l("Privacy requests")),
            ("staff.skills_page", _l("Skill synonyms")),
            ("staff.campaigns_list", _l("Marketing campaigns")),
            ("staff.outbox", _l("Mail outbox")),
            ("staff.audit_log", _l("Audit log")),
            ("staff.sensitive_data_statistics", _l("Refused sensitive data")),
            ("staff.cookie_registry_list", _l("Cookie registry")),
            ("staff.consent_lookup", _l("Consent lookup")),
            ("staff.retention_schedule", _l("Retention schedule")),
            ("staff.records_page", _l("Record of processing")),
            ("staff.processors_list", _l("Processors")),
            ("staff.adequacy_list", _l("Adequacy decisions")),
        ) if can_visit(e)]
    if current_user.role == "consultant":
        items.append(("consultant.ratings_page", _l("Ratings")))
        items.append(("consultant.requests_page", _l("Requests about you")))
        items.append(("consultant.offers_page", _l("Offers from your employer")))
        items.append(("consultant.engagements", _l("My assignments")))
        items.append(("consultant.applications", _l("My applications")))
    if can_visit("support.index"):
        items.append(("support.index", _l("Service requests")))
    items += [("privacy.index", _l("Privacy centre")), ("auth.account", _l("Account"))]
    return items


_NAMED_FORMATS = ("short", "medium", "long", "full")


@cache
def _named_format(locale: str, fmt: str) -> tuple[str, dates.DateTimePattern, dates.DateTimePattern]:
    """A language's pattern for a named format, looked up once: finding it in Babel's locale data cost
    more than formatting with it, and the privacy centre formats hundreds of times per page."""
    parsed = Locale.parse(locale)
    return (dates.get_datetime_format(fmt, parsed).replace("'", ""), dates.parse_pattern(dates.get_time_format(fmt, parsed)),
            dates.parse_pattern(dates.get_date_format(fmt, parsed)))


def _datetime(value: datetime | None, fmt: str = "medium") -> str:
    """As Flask-Babel's format_datetime: in the reader's time zone (a naive value is UTC) and language."""
    if not value:
        return "–"
    if fmt not in _NAMED_FORMATS:
        return format_datetime(value, fmt)
    locale, zone = get_locale(), get_timezone()
    glue, time_pattern, date_pattern = _named_format(str(locale), fmt)
    local = (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).astimezone(zone)
    if hasattr(zone, "normalize"):  # a pytz zone
        local = zone.normalize(local)
    return (glue.replace("{0}", time_pattern.apply(local.timetz(), locale, reference_date=local.date()))
            .replace("{1}", date_pattern.apply(local.date(), locale)))


def _date(value: date | None, fmt: str = "medium") -> str:
    if not value:
        return "–"
    if isinstance(value, datetime) or fmt not in _NAMED_FORMATS:
        return format_date(value, fmt)  # a datetime is first moved to the reader's time zone
    return _named_format(str(get_locale()), fmt)[2].apply(value, get_locale())


def _month_name(value: str) -> str:
    """ "2027-01" → "January 2027" in the reader's language (cards show months, never days)."""
    year, month = (int(part) for part in value.split("-"))
    return format_date(date(year, month, 1), "LLLL y")


def _quarter_name(value: str) -> str:
    year, quarter = value.split("-Q")
    return gettext("Quarter %(quarter)s %(year)s", quarter=quarter, year=year)


class _CompiledTemplates(BytecodeCache):
    """Compiled templates kept for the process: every app it creates (the suite makes one per test) reads
    them instead of compiling again. A bucket keeps its source's checksum, so an edited template compiles anew."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if (code := self._code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def register_templating(app: Flask) -> None:
    app.jinja_env.bytecode_cache = _COMPILED
    app.add_template_filter(_datetime, "datetime")
    app.add_template_filter(_date, "date")
    app.add_template_filter(_month_name, "month_name")
    app.add_template_filter(_quarter_name, "quarter_name")
    app.add_template_global(can_visit)
    app.add_template_global(navigation)
    app.add_template_global(lambda: str(get_locale()), "current_locale")

    @app.context_processor
    def labels():
        return {
            "ROLE_LABELS": ROLE_LABELS, "STAFF_ROLE_LABELS": STAFF_ROLE_LABELS,
            "ORGANISATION_KIND_LABELS": ORGANISATION_KIND_LABELS, "STATUS_LABELS": STATUS_LABELS,
            "STORAGE_KIND_LABELS": STORAGE_KIND_LABELS, "CONSENT_CATEGORY_LABELS": CONSENT_CATEGORY_LABELS,
            "CONSENT_METHOD_LABELS": CONSENT_METHOD_LABELS,
            "ASSIGNMENT_STATE_LABELS": ASSIGNMENT_STATE_LABELS, "ASSIGNMENT_ACTION_LABELS": ASSIGNMENT_ACTION_LABELS,
            "OFFER_STATE_LABELS": OFFER_STATE_LABELS, "REQUEST_STATE_LABELS": REQUEST_STATE_LABELS,
            "REMOTE_LABELS": REMOTE_LABELS, "CALL_OFF_LABELS": CALL_OFF_LABELS,
            "EVALUATION_LABELS": EVALUATION_LABELS, "SHORTLIST_STATE_LABELS": SHORTLIST_STATE_LABELS,
            "CONSENT_KIND_LABELS": CONSENT_KIND_LABELS, "CONSENT_STATUS_LABELS": CONSENT_STATUS_LABELS,
            "controller": current_app.config["CONTROLLER"],
            "current_path": request.full_path.rstrip("?") if request else "/",
        }
