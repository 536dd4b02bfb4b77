"""R-SEC-2: strict CSP without inline script, framing refused, CSRF on every POST (htmx included)."""
from __future__ import annotations

import re

from tests import factories

EN = {"Accept-Language": "en"}


def test_security_headers_on_every_page(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Strict-Transport-Security" not in response.headers  # plain HTTP here


def test_hsts_behind_https(client):
    response = client.get("/", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_no_inline_script_or_handlers_in_pages(client):
    for url in ("/", "/auth/login", "/auth/register", "/auth/register/organisation", "/privacy-policy"):
        html = client.get(url).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert not re.search(r"\son[a-z]+\s*=", html), url
        assert "style=" not in html, url


def test_post_without_csrf_token_is_a_clear_400(client):
    response = client.post("/auth/login", data={"email": "a@example.se", "password": "x"}, headers=EN)
    assert response.status_code == 400
    assert "not sent from this site" in response.get_data(as_text=True)


def test_forged_csrf_token_is_refused(client):
    response = client.post("/auth/login", data={"email": "a@example.se", "password": "x", "csrf_token": "forged"})
    assert response.status_code == 400


def _token(client) -> str:
    html = client.get("/auth/login").get_data(as_text=True)
    return re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)


def test_htmx_sends_the_token_as_a_header(client):
    user = factories.make_user()
    token = _token(client)
    response = client.post("/auth/login", data={"email": user.email, "password": factories.PASSWORD},
                           headers={"HX-Request": "true", "X-CSRFToken": token})
    assert response.status_code == 204 and response.headers["HX-Redirect"].endswith("/consultant/")


def test_the_form_field_token_works_without_javascript(client):
    user = factories.make_user()
    token = _token(client)
    response = client.post("/auth/login", data={"email": user.email, "password": factories.PASSWORD,
                                                "csrf_token": token})
    assert response.status_code == 303


def test_signed_in_pages_are_not_cached(login_as):
    portal = login_as("consultant")
    assert portal.get("/consultant/").headers["Cache-Control"] == "no-store"


def test_session_cookie_is_httponly_and_samesite(client):
    user = factories.make_user()
    token = _token(client)
    response = client.post("/auth/login", data={"email": user.email, "password": factories.PASSWORD,
                                                "csrf_token": token})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
