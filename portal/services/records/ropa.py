"""The record of processing activities (GDPR Art. 30(1)), built from the data the portal already runs on:
the inventory of personal data (purposes, legal bases, recipients, retention), the retention schedule,
the register of processors with their transfers, and the security measures the code applies.

`build()` renders every text in the current locale; the staff page, the CSV and the PDF read the same dict.
"""
from __future__ import annotations

from datetime import date

from flask import current_app
from flask_babel import format_date, gettext as _, lazy_gettext as _l

from portal.models import Base
from portal.services.privacy import inventory, table_titles
from portal.services.records import integrations, processors
from portal.services.retention import schedule

# Categories of data subjects (Art. 30(1)(c)) per inventory erasure category.
_EVERYONE = _l("Everyone with an account")
SUBJECTS = {
    "account": _EVERYONE,
    "profile": _l("Consultants"),
    "files": _l("Consultants"),
    "memberships": _l("Representatives of buyers, suppliers and partners"),
    "mail": _EVERYONE,
    "authored": _l("Representatives and staff who wrote the records"),
    "supplier_records": _l("Consultants offered by suppliers"),
    "shortlists": _l("Consultants"),
    "service_requests": _EVERYONE,
    "preferences": _EVERYONE,
    "suppression": _l("People who objected to marketing"),
    "consent": _l("Visitors of the website"),
    "privacy_requests": _l("Everyone who makes a data protection request, visitors included"),
    "privacy_messages": _l("Everyone who makes a data protection request, visitors included"),
    "rights": _l("Everyone who exercises a data protection right"),
    "legal_holds": _l("People whose data is held for a legal claim"),
    "security_log": _l("Everyone with an account, and visitors who act on the portal"),
    "applications": _l("Consultants"),
    "engagements": _l("Consultants"),
    "time_reports": _l("Consultants"),
    "approvals": _l("Representatives of buyers and suppliers who approve hours"),
}


def _measures() -> list[dict]:
    """Art. 32 measures as the code applies them (Art. 30(1)(g))."""
    encrypted = sorted(c.name.removesuffix("_encrypted") for t in Base.metadata.tables.values()
                       for c in t.columns if c.name.endswith("_encrypted"))
    return [
        {"measure": _l("Passwords"), "detail": _l("Hashed with argon2id (RFC 9106); never stored in clear.")},
        {"measure": _l("Two-factor sign-in"),
         "detail": _l("TOTP codes, mandatory for staff, each code accepted once; recovery codes hashed.")},
        {"measure": _l("Encryption at rest"),
         "detail": _("Fernet (AES-128-CBC with HMAC-SHA256), keys outside the database and rotatable, for these "
                      "fields: %(fields)s.", fields=", ".join(encrypted))},
        {"measure": _l("Audit log"),
         "detail": _l("Every staff view of a person's data and every disclosure is logged in a keyed hash chain "
                      "whose head is anchored outside the database; people see who viewed their data.")},
        {"measure": _l("Access control"),
         "detail": _l("Roles with need-to-know: staff see personal data only as their role requires, checked "
                      "on the server for every page and object.")},
        {"measure": _l("Web security"),
         "detail": _l("Content Security Policy without inline scripts, CSRF tokens on every form, HSTS, "
                      "secure session cookies, server-side sessions that can be revoked.")},
        {"measure": _l("Sign-in protection"),
         "detail": _l("Rate limits and exponential back-off per account and address; lockout with a mail to the "
                      "owner.")},
        {"measure": _l("Uploads"),
         "detail": _l("File types decided from the content, size limits, stored outside the web root.")},
        {"measure": _l("Erasure and retention"),
         "detail": _l("Erasure reaches logs and database free pages; a daily run deletes what the retention "
                      "schedule says has expired.")},
    ]


def _activities() -> list[dict]:
    """One activity per purpose, with every table that serves it."""
    grouped: dict[str, dict] = {}
    for entry in inventory.ENTRIES:
        about = entry.about
        key = str(about.purpose)
        activity = grouped.setdefault(key, {"purpose": key, "legal_bases": [], "data_subjects": [],
                                            "data_categories": [], "recipients": [], "retention": [],
                                            "sources": []})
        for field, value in (("legal_bases", about.legal_basis), ("recipients", about.recipients),
                             ("retention", about.retention), ("sources", about.source),
                             ("data_subjects", SUBJECTS.get(entry.erasure_category, _EVERYONE)),
                             ("data_categories", f"{table_titles.title(entry.table)} ({entry.table})")):
            text = str(value)
            if text not in activity[field]:
                activity[field].append(text)
    return list(grouped.values())


def _processors(today: date) -> list[dict]:
    found = []
    for p in processors.processors():
        where = processors.location(p, today)
        found.append({"id": p.id, "name": p.name, "service": p.service,
                      "integration": str(integrations.INTEGRATIONS.get(p.integration, "")) if p.integration else "",
                      "data_categories": p.data_categories, "country": where["country"], "eea": where["eea"],
                      "allowed": where["allowed"], "basis": where["basis"],
                      "dpa_signed_on": format_date(p.dpa_signed_on) if p.dpa_signed_on else "",
                      "review_on": format_date(p.review_on) if p.review_on else "",
                      "has_agreement": p.has_agreement})
    return found


def _retention() -> list[dict]:
    found = []
    for rule in schedule.rules():
        labels = schedule.label(rule)
        found.append({"category": str(labels["category"]), "person_kind": str(labels["person_kind"]),
                      "trigger": str(labels["trigger"]), "legal_basis": str(labels["legal_basis"]),
                      "period": str(labels["period"]), "period_days": rule.period_days,
                      "plain_words": str(schedule.plain_words(rule))})
    return found


def build(today: date) -> dict:
    """The whole record, in the current locale."""
    procs = _processors(today)
    outside = [p for p in procs if not p.get("eea")]
    return {
        "controller": dict(current_app.config["CONTROLLER"]),
        "authority": dict(current_app.config["SUPERVISORY_AUTHORITY"]),
        "generated_on": today.isoformat(),
        "generated_on_text": format_date(today, "long"),
        "activities": _activities(),
        "processors": procs,
        "transfers": outside,
        "retention": _retention(),
        "security": [{"measure": str(m["measure"]), "detail": str(m["detail"])} for m in _measures()],
    }
