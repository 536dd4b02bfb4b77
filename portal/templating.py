"""What templates may ask: formatting filters and permission questions, nothing that queries."""
from __future__ import annotations

from datetime import date, datetime

from flask import Flask, current_app, request, url_for
from flask_babel import format_date, format_datetime, get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

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
STATUS_LABELS = {"pending": _l("Awaiting approval"), "approved": _l("Approved"), "rejected": _l("Rejected")}


def can_visit(endpoint: str) -> bool:
    """May the current person open this endpoint? Used to show only links that work."""
    access = access_for(current_app, endpoint)
    return access is not None and access.allows(current_user)


def navigation() -> list[tuple[str, object]]:
    if not current_user.is_authenticated:
        return []
    items = [(f"{current_user.role}.index", _l("My portal"))]
    if current_user.role == "staff":
        items += [(e, label) for e, label in (
            ("staff.organisations", _l("Organisations")),
            ("staff.skills_page", _l("Skill synonyms")),
            ("staff.outbox", _l("Mail outbox")),
            ("staff.audit_log", _l("Audit log")),
        ) if can_visit(e)]
    items += [("privacy.index", _l("Privacy centre")), ("auth.account", _l("Account"))]
    return items


def _datetime(value: datetime | None, fmt: str = "medium") -> str:
    return format_datetime(value, fmt) if value else "–"


def _date(value: date | None, fmt: str = "medium") -> str:
    return format_date(value, fmt) if value else "–"


def register_templating(app: Flask) -> None:
    app.add_template_filter(_datetime, "datetime")
    app.add_template_filter(_date, "date")
    app.add_template_global(can_visit)
    app.add_template_global(navigation)
    app.add_template_global(lambda: str(get_locale()), "current_locale")

    @app.context_processor
    def labels():
        return {
            "ROLE_LABELS": ROLE_LABELS, "STAFF_ROLE_LABELS": STAFF_ROLE_LABELS,
            "ORGANISATION_KIND_LABELS": ORGANISATION_KIND_LABELS, "STATUS_LABELS": STATUS_LABELS,
            "controller": current_app.config["CONTROLLER"],
            "current_path": request.full_path.rstrip("?") if request else "/",
        }
