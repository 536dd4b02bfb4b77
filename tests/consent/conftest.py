"""Consent fixtures: the registry as the demo seeds it, and an analytics script URL that is local."""
from __future__ import annotations

import re

import pytest

from portal.extensions import db
from portal.services.consent import cookie_registry

ANALYTICS_URL = "http://127.0.0.1:9/gtag/js?id=G-TEST123"
EN = {"Accept-Language": "en"}


@pytest.fixture
def registry(app):
    """The demo registry (necessary, preferences, statistics) and analytics configured."""
    config = app.config
    cookie_registry.seed(config["CONSENT_COOKIE_NAME"], config["SESSION_COOKIE_NAME"], config["CONSENT_MAX_AGE_DAYS"])
    app.config["ANALYTICS_SCRIPT_URL"] = ANALYTICS_URL
    db.session.commit()
    return cookie_registry.entries()


def form_values(html: str) -> dict:
    """The hidden fields of the consent form in a page (token, next, version, origin)."""
    values = {}
    html = html[html.index('action="/cookies"'):]
    for name in ("csrf_token", "next", "version", "origin"):
        found = re.search(rf'name="{name}" value="([^"]*)"', html)
        if found:
            values[name] = found.group(1)
    return values
