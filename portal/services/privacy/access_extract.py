"""The right of access (Art. 15, R-RIGHTS-2): a copy of everything we hold about a person, as JSON.

`build(user)` wraps `personal_data.collect(user)` with, per category (table), why we hold it, on which
legal basis, for how long, who receives it and where it came from: the texts of the inventory
(portal/services/privacy/inventory.py), in the person's language. `prepare` is the executor for
access requests: when staff press Start it stores the extract on the request
(`PrivacyRequest.extract_json`) and returns the answer text with the download link, both in the
person's language; the person downloads it from their privacy centre, staff from the request page
(audited)."""
from __future__ import annotations

import json
from datetime import datetime, timezone

from flask import current_app, has_request_context
from flask_babel import force_locale, gettext

from portal.extensions import db
from portal.models import PrivacyRequest, User
from portal.services import audit
from portal.services.privacy import inventory, personal_data, privacy_requests, table_titles
from portal.services.actors import Actor
from portal.links import external_url

CONTROLLER = "Customersonly AB"


def person_locale(user: User, request: PrivacyRequest | None = None) -> str:
    """The language the person reads: their setting, else the request's, else Swedish."""
    supported = current_app.config["LANGUAGES"]
    for locale in (user.locale, request.locale if request is not None else None):
        if locale in supported:
            return locale
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def build(user: User, *, now: datetime | None = None, locale: str | None = None) -> dict:
    """The extract: the person, then one category per table with its rows and why we hold them.
    The texts are in `locale`, or in the page's language when it is None (the person's outside a request)."""
    if locale is None and not has_request_context():
        locale = person_locale(user)
    if locale is None:
        return _build(user, now)
    with force_locale(locale):
        return _build(user, now)


def _build(user: User, now: datetime | None) -> dict:
    data = personal_data.collect(user)
    for request in data.get("privacy_requests", []):  # an earlier extract is not repeated inside this one
        if "extract_json" in request:
            request["extract_json"] = bool(request["extract_json"])
    categories = [{"category": table, "title": table_titles.title(table), **inventory.about(table), "rows": rows}
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
    locale = person_locale(user, request)
    request.extract_json = dumps(build(user, locale=locale))
    db.session.flush()
    audit.record(actor, "privacy_request.extract_prepared", subject=user, obj=request)
    link = external_url("privacy.request_extract", request_id=request.id)
    with force_locale(locale):
        return gettext("Here is a copy of the personal data we hold about you, with why we hold it, on which legal "
                       "basis, for how long and who receives it. Download it (JSON) when signed in: %(link)s",
                       link=link)


def self_service(actor: Actor, user: User) -> dict:
    """The "Download my data" button: the extract directly, audited (R-RIGHTS-2)."""
    audit.record(actor, "personal_data.download", subject=user, obj=user)
    return build(user)


def register() -> None:
    privacy_requests.register_executor("access", prepare)
