"""The visitor's consent in this request: read from the signed consent cookie, recorded for GPC,
and enforced in every response (cookies expired on withdrawal, analytics only after a yes)."""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import sqlalchemy as sa
from flask import Flask, current_app, g, request
from flask_babel import get_locale
from itsdangerous import BadData, URLSafeSerializer

from portal.extensions import db
from portal.models import ConsentRecord, CookieCategory
from portal.security import allow_source
from portal.services.consent import ledger, banner_text, cookie_registry

SALT = "consent-id"
SKIP_ENDPOINTS = {None, "static", "public.healthz"}


@dataclass
class State:
    consent_id: str | None
    record: ConsentRecord | None  # the current choice, or None when the visitor has none that counts
    offered: list[str]

    def granted(self, category: str) -> bool:
        if category == CookieCategory.NECESSARY.value:
            return True
        return self.record is not None and category in self.offered and self.record.granted(category)

    @property
    def banner_needed(self) -> bool:
        return self.record is None and len(self.offered) > 1


def _signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def cookie_name() -> str:
    return current_app.config["CONSENT_COOKIE_NAME"]


def cookie_consent_id() -> str | None:
    """The consent ID in the visitor's cookie; a forged or malformed value counts as none."""
    raw = request.cookies.get(cookie_name())
    if not raw or len(raw) > 200:
        return None
    try:
        value = _signer().loads(raw)
    except (BadData, UnicodeError, ValueError):
        return None
    return value if isinstance(value, str) and ledger.is_consent_id(value) else None


def content() -> dict:
    if "consent_content" not in g:
        g.consent_content = banner_text.build()
    return g.consent_content


def current() -> State:
    if "consent_state" not in g:
        consent_id = g.get("consent_set_cookie") or cookie_consent_id()
        page = content()
        last = ledger.latest(consent_id)
        valid = ledger.is_current(last, banner_text.material_digest(page),
                                   current_app.config["CONSENT_MAX_AGE_DAYS"])
        g.consent_state = State(consent_id, last if valid else None, page["offered"])
    return g.consent_state


def remember(consent_id: str, refused: list[str]) -> None:
    """After a choice: set the consent cookie and expire what the visitor no longer allows."""
    g.consent_set_cookie = consent_id
    expire(refused)


def expire(refused: list[str]) -> None:
    """Expire, in this response, our cookies and storage of the categories no longer allowed."""
    g.consent_refused = refused
    g.pop("consent_state", None)


def language() -> str:
    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])


def apply_gpc():
    """before_request: Sec-GPC: 1 and no current choice → refuse statistics and marketing, once."""
    if request.method != "GET" or request.endpoint in SKIP_ENDPOINTS or request.headers.get("Sec-GPC") != "1":
        return None
    state = current()
    if not state.banner_needed:
        return None
    consent_id = state.consent_id or ledger.new_consent_id()
    ledger.record_gpc(consent_id, language=language(), content=content(), previous=ledger.latest(state.consent_id))
    db.session.commit()
    remember(consent_id, [c for c in state.offered if c != CookieCategory.NECESSARY.value])
    return None


def _domains() -> list[str | None]:
    host = request.host.rsplit(":", 1)[0] if not request.host.startswith("[") else request.host
    try:
        ipaddress.ip_address(host.strip("[]"))
        return [None]
    except ValueError:
        labels = host.split(".")
        return [None, host] + (["." + ".".join(labels[1:])] if len(labels) > 2 else [])


def deliver(response):
    """after_request: set the consent cookie; on a refusal expire our non-necessary cookies at once."""
    consent_id = g.get("consent_set_cookie")
    if consent_id:
        config = current_app.config
        response.set_cookie(cookie_name(), _signer().dumps(consent_id),
                            max_age=config["CONSENT_MAX_AGE_DAYS"] * 86400, path="/", httponly=True,
                            secure=config["SESSION_COOKIE_SECURE"], samesite="Lax")
    refused = set(g.get("consent_refused") or ())
    if refused:
        registry = cookie_registry.entries()
        for name in request.cookies:
            entry = cookie_registry.matching(name, among=registry)
            if entry is not None and entry.category in refused:
                for domain in _domains():
                    response.delete_cookie(name, path="/", domain=domain)
        if any(e.kind != "cookie" and e.category in refused for e in registry):
            response.headers["Clear-Site-Data"] = '"storage"'
    return response


def banner() -> dict | None:
    """The banner's text in the page's language, when this visitor has no current choice."""
    if request.endpoint in ("consent.settings", "consent.decide"):
        return None
    try:
        state = current()
    except sa.exc.SQLAlchemyError:  # an error page must still render when the database is down
        db.session.rollback()
        current_app.logger.exception("consent.state_unavailable")
        return None
    if not state.banner_needed:
        return None
    return content().get(language()) or content()[banner_text.MASTER_LANGUAGE]


def version_digest() -> str:
    return banner_text.digest(content())


def banner_next() -> str:
    return request.full_path.rstrip("?") if request.method == "GET" else "/"


def _objects_to_usage_analysis() -> bool:
    """A signed-in person who objected to usage analysis (R-LI, Art. 21) is left out of it whatever the
    banner on this device says, until the privacy officer refuses the objection."""
    from flask_login import current_user

    from portal.services.privacy import legitimate_interests

    return bool(current_user.is_authenticated and legitimate_interests.objects_to(current_user.id, "usage_analysis"))


def analytics() -> dict | None:
    """The analytics script, only when configured and statistics is granted; its origin is then
    allowed in this response's Content-Security-Policy, and nowhere else."""
    url = current_app.config.get("ANALYTICS_SCRIPT_URL")
    if not url:
        return None
    try:
        if not current().granted(CookieCategory.STATISTICS.value) or _objects_to_usage_analysis():
            return None
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        return None
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    allow_source("script-src", origin)
    for source in (origin, *current_app.config.get("ANALYTICS_CONNECT_SRC", ())):
        allow_source("connect-src", source)
    measurement_id = (parse_qs(parts.query).get("id") or [""])[0]
    return {"url": url, "id": measurement_id,
            "marketing": current().granted(CookieCategory.MARKETING.value)}


def register(app: Flask) -> None:
    app.before_request(apply_gpc)
    app.after_request(deliver)
    app.add_template_global(banner, "consent_banner")
    app.add_template_global(version_digest, "consent_version_digest")
    app.add_template_global(banner_next, "consent_banner_next")
    app.add_template_global(analytics, "consent_analytics")
