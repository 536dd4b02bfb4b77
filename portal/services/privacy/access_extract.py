"""The right of access (Art. 15, R-RIGHTS-2): a copy of everything we hold about a person, as JSON.

`build(user)` wraps `personal_data.collect(user)` with, per category (table), why we hold it, on which
legal basis, for how long and who receives it (CATEGORIES below; tables not listed fall back to
DEFAULT). `prepare` is the executor for access requests: when staff press Start it stores the extract
on the request (`PrivacyRequest.extract_json`) and returns the answer text with the download link;
the person downloads it from their privacy centre, staff from the request page (audited)."""
from __future__ import annotations

import json
from datetime import datetime, timezone


from portal.extensions import db
from portal.models import PrivacyRequest, User
from portal.services import audit
from portal.services.privacy import personal_data, privacy_requests
from portal.services.actors import Actor
from portal.links import external_url

CONTROLLER = "Customersonly AB"
DEFAULT = {"purpose": "Running the portal and the services you use in it",
           "legal_basis": "Contract (Art. 6(1)(b)) or legitimate interest (Art. 6(1)(f))",
           "retention": "As long as your account is active, then erased or anonymized",
           "recipients": "Customersonly AB staff with a need to know; our hosting provider (processor)",
           "source": "You, when you registered and used the portal"}
_PROFILE = {"purpose": "Matching you with assignments and presenting you to clients",
            "legal_basis": "Contract (Art. 6(1)(b)); your consent before any disclosure to a client",
            "retention": "While your account is active; erased two years after your last activity",
            "recipients": "Recruiters at Customersonly AB; clients only what you agreed to release",
            "source": "You (typed in or imported from your CV or LinkedIn file at your request)"}
CATEGORIES: dict[str, dict[str, str]] = {
    "users": {**DEFAULT, "purpose": "Your account: signing in, contacting you"},
    "consultant_profiles": _PROFILE, "profile_skills": _PROFILE, "profile_languages": _PROFILE,
    "profile_interests": _PROFILE, "profile_industries": _PROFILE, "employment_entries": _PROFILE,
    "education_entries": _PROFILE, "certificates": _PROFILE, "attachments": _PROFILE,
    "audit_events": {"purpose": "Security and accountability: who did what with your data",
                     "legal_basis": "Legal obligation (Art. 6(1)(c)) and legitimate interest (Art. 6(1)(f))",
                     "retention": "Two years", "recipients": "Customersonly AB privacy officer and administrators",
                     "source": "Recorded by the portal when you or our staff act on your data"},
    "outbox_mails": {**DEFAULT, "purpose": "Mail we sent you", "retention": "90 days",
                     "source": "Written by the portal"},
    "privacy_requests": {"purpose": "Handling your data protection requests",
                         "legal_basis": "Legal obligation (Art. 6(1)(c), Art. 12–22)",
                         "retention": "Three years after the request is closed",
                         "recipients": "Customersonly AB privacy officer",
                         "source": "You, and our privacy officer's answers"},
    "disclosures": {"purpose": "The log of what we sent to clients about you",
                    "legal_basis": "Your consent (Art. 6(1)(a)) and accountability (Art. 5(2))",
                    "retention": "As long as the client relationship lasts, at least two years",
                    "recipients": "The client named in each row",
                    "source": "Recorded by the portal when a recruiter sent your profile"},
    "user_sessions": {**DEFAULT, "purpose": "Keeping you signed in; showing you where you are signed in",
                      "legal_basis": "Contract (Art. 6(1)(b)) and security of processing (Art. 32)",
                      "retention": "Until you sign out, or eight hours after you signed in",
                      "source": "Recorded by the portal when you signed in (browser and system only)"},
    "recovery_codes": {**DEFAULT, "purpose": "Signing in when you lose your authenticator app",
                       "legal_basis": "Contract (Art. 6(1)(b)) and security of processing (Art. 32)",
                       "retention": "Until you make new codes or turn two-factor sign-in off",
                       "source": "Made by the portal when you turned on two-factor sign-in"},
    "data_transfers": {"purpose": "Sending your data to another controller when you ask (Art. 20(2))",
                       "legal_basis": "Legal obligation (Art. 6(1)(c), Art. 20)",
                       "retention": "Three years, like your privacy requests",
                       "recipients": "The receiver you named",
                       "source": "You, when you asked for the transfer"},
}
# Where data came from, for categories whose source is not the person themselves (Art. 15(1)(g)).
SOURCES = {
    "assignment_ratings": "The client or recruiter who rated the assignment",
    "shortlist_entries": "Our recruiters, helped by the portal's matching",
    "card_showings": "Recorded by the portal when a client was shown your anonymous card",
    "disclosure_ends": "You, when you stopped a client's further use of what was released",
    "selections": "The recruiter who made the final selection",
    "consent_requests": "Our recruiters' questions and your answers",
    "invitations": "The person who invited you",
    "reference_statements": "Your referees, as recorded by our recruiters",
    "profile_references": "You",
    "memberships": "Your organisation's administrator or you",
    "supplier_consultants": "The supplier that offered you, or you",
    "offers": "The supplier that submitted the offer",
    "erasure_queue": "Recorded by the portal",
    "policy_notices": "Recorded by the portal",
}


def _about(table: str) -> dict:
    about = dict(CATEGORIES.get(table, DEFAULT))
    if table in SOURCES:
        about["source"] = SOURCES[table]
    return about


def build(user: User, *, now: datetime | None = None) -> dict:
    """The extract: the person, then one category per table with its rows and why we hold them."""
    data = personal_data.collect(user)
    for request in data.get("privacy_requests", []):  # an earlier extract is not repeated inside this one
        if "extract_json" in request:
            request["extract_json"] = bool(request["extract_json"])
    categories = [{"category": table, **_about(table), "rows": rows}
                  for table, rows in sorted(data.items()) if rows]
    return {"controller": CONTROLLER, "generated_at": (now or datetime.now(timezone.utc)).isoformat(),
            "person": {"id": user.id, "name": user.name, "email": user.email}, "categories": categories}


def dumps(extract: dict) -> str:
    return json.dumps(extract, ensure_ascii=False, indent=2, sort_keys=True, default=str)


def filename(user: User, when: datetime | None = None) -> str:
    return f"my-data-{user.id}-{(when or datetime.now(timezone.utc)).date().isoformat()}.json"


def prepare(actor: Actor, request: PrivacyRequest) -> str | None:
    """Executor for "access": store the extract on the request; the answer text links to it.
    A visitor without an account gets no automatic extract (staff answer by hand)."""
    if request.user_id is None:
        return None
    user = db.session.get(User, request.user_id)
    request.extract_json = dumps(build(user))
    db.session.flush()
    audit.record(actor, "privacy_request.extract_prepared", subject=user, obj=request)
    link = external_url("privacy.request_extract", request_id=request.id)
    return (f"Here is a copy of the personal data we hold about you, with why we hold it, on which legal basis, "
            f"for how long and who receives it. Download it (JSON) when signed in: {link}")


def self_service(actor: Actor, user: User) -> dict:
    """The "Download my data" button: the extract directly, audited (R-RIGHTS-2)."""
    audit.record(actor, "personal_data.download", subject=user, obj=user)
    return build(user)


def register() -> None:
    privacy_requests.register_executor("access", prepare)
