"""Functional tests of the banner, the settings page and the consent cookie (R-WEB-1..4, R-RIGHTS-1)."""
from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.models import ConsentRecord
from portal.services.consent import ledger, cookie_registry
from tests.conftest import hx
from tests.consent.conftest import ANALYTICS_URL, EN, form_values

PAGES = ["/", "/privacy-policy", "/auth/login", "/auth/register", "/no-such-page"]


def _set_cookies(response) -> dict[str, str]:
    """Cookies a response sets (deletions left out), name → header."""
    result = {}
    for header in response.headers.getlist("Set-Cookie"):
        name = header.split("=", 1)[0]
        if "Max-Age=0" not in header:
            result[name] = header
    return result


def _decide(client, choice, page="/", **extra):
    html = client.get(page, headers=EN).get_data(as_text=True)
    data = {**form_values(html), "choice": choice, **extra}
    return client.post("/cookies", data=data, headers=extra.pop("headers", EN))


def _records() -> list[ConsentRecord]:
    return list(db.session.scalars(sa.select(ConsentRecord).order_by(ConsentRecord.id)))


def test_first_visit_shows_the_banner_on_every_page_error_pages_too(client, registry):
    for page in PAGES:
        response = client.get(page, headers=EN)
        html = response.get_data(as_text=True)
        assert response.status_code in (200, 404)
        assert 'id="consent-banner"' in html and 'aria-labelledby="consent-banner-title"' in html, page
        assert "Customersonly AB" in html and "Statistics".lower() in html and "Google Ireland Ltd" in html
        assert "182 days" in html and "withdraw" in html and 'href="/cookies?next=' in html
        for value in ("reject_all", "accept_all", "choose"):
            assert f'class="consent-button" name="choice" value="{value}"' in html
        assert 'hx-target="#consent-banner"' in html and 'hx-swap="outerHTML"' in html
        assert 'name="csrf_token"' in html
        assert ANALYTICS_URL not in html and "analytics.js" not in html  # nothing before a yes


def test_the_banner_is_in_swedish_for_a_swedish_browser(client, registry):
    html = client.get("/", headers={"Accept-Language": "sv"}).get_data(as_text=True)
    assert 'lang="sv"' in html and "Skiljer besök åt" not in html  # purposes are on the settings page
    settings = client.get("/cookies", headers={"Accept-Language": "sv"}).get_data(as_text=True)
    assert "Skiljer besök åt" in settings


def test_before_any_choice_only_necessary_cookies_are_set(client, registry):
    for page in PAGES + ["/cookies"]:
        response = client.get(page, headers=EN)
        for name in _set_cookies(response):
            entry = cookie_registry.matching(name, among=registry)
            assert entry is not None, f"{name} is not in the registry"
            assert entry.category == "necessary", f"{name} set before consent"
    assert client.get_cookie("consent") is None


def test_reject_all_without_javascript_redirects_back_and_remembers(client, registry):
    response = _decide(client, "reject_all", page="/privacy-policy")
    assert response.status_code == 303 and response.headers["Location"] == "/privacy-policy"
    cookie = _set_cookies(response)["consent"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Max-Age=15724800" in cookie
    [record] = _records()
    assert (record.method, record.language, record.statistics, record.preferences) == ("banner", "en", False, False)
    for page in ("/", "/privacy-policy", "/auth/login"):
        html = client.get(page, headers=EN).get_data(as_text=True)
        assert 'id="consent-banner"' not in html and ANALYTICS_URL not in html
    assert len(_records()) == 1


def test_accept_all_renders_the_analytics_and_widens_csp_for_that_response_only(client, registry):
    before = client.get("/", headers=EN)
    assert "127.0.0.1:9" not in before.headers["Content-Security-Policy"]
    _decide(client, "accept_all")
    response = client.get("/", headers=EN)
    html = response.get_data(as_text=True)
    assert f'<script src="{ANALYTICS_URL.replace("&", "&amp;")}" defer></script>' in html
    assert 'src="/static/js/analytics.js" data-analytics-id="G-TEST123"' in html
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self' http://127.0.0.1:9;" in csp and "connect-src 'self' http://127.0.0.1:9;" in csp
    assert "<script>" not in html  # no inline script


def test_htmx_answer_swaps_the_banner_away(client, registry):
    html = client.get("/", headers=EN).get_data(as_text=True)
    response = client.post("/cookies", data={**form_values(html), "choice": "reject_all"}, headers=hx(**EN))
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert 'role="status"' in body and "consent-banner" not in body
    assert "consent" in _set_cookies(response)


def test_choose_opens_the_settings_with_every_category_off(client, registry):
    response = _decide(client, "choose", page="/auth/login")
    assert response.status_code == 303 and response.headers["Location"].startswith("/cookies?next=/auth/login")
    html = client.get(response.headers["Location"], headers=EN).get_data(as_text=True)
    assert 'id="consent-banner"' not in html
    for category in ("preferences", "statistics"):
        assert f'id="category-{category}" name="category" value="{category}">' in html  # not checked
    assert 'id="category-marketing"' not in html  # nothing registered under marketing: not offered
    assert "Always on" in html and "<code>_ga_*</code>" in html and "Google Ireland Ltd" in html
    assert _records() == []


def test_settings_save_a_chosen_category_and_go_back(client, registry):
    html = client.get("/cookies?next=/auth/login", headers=EN).get_data(as_text=True)
    data = {**form_values(html), "choice": "save", "category": ["preferences"]}
    response = client.post("/cookies", data=data, headers=EN)
    assert response.status_code == 303 and response.headers["Location"] == "/auth/login"
    [record] = _records()
    assert (record.method, record.preferences, record.statistics) == ("settings", True, False)
    html = client.get("/cookies", headers=EN).get_data(as_text=True)
    assert 'value="preferences" checked' in html and record.consent_id in html


def test_withdrawal_in_settings_expires_our_cookies_in_the_same_response(client, registry):
    _decide(client, "accept_all")
    client.set_cookie("_ga", "GA1.1.123.456")
    client.set_cookie("_ga_TEST123", "GS1.1.1")
    client.set_cookie("lang", "en")
    html = client.get("/cookies", headers=EN).get_data(as_text=True)
    response = client.post("/cookies", data={**form_values(html), "choice": "reject_all"}, headers=EN)
    deleted = {h.split("=", 1)[0] for h in response.headers.getlist("Set-Cookie") if "Max-Age=0" in h}
    assert {"_ga", "_ga_TEST123", "lang"} <= deleted
    assert _records()[-1].method == "withdrawal"
    assert client.get_cookie("_ga") is None
    html = client.get("/", headers=EN).get_data(as_text=True)
    assert ANALYTICS_URL not in html and "analytics.js" not in html


def test_tampered_or_malformed_consent_cookie_counts_as_no_choice(client, registry):
    _decide(client, "reject_all")
    real = client.get_cookie("consent").value
    for value in (real[:-3] + "abc", "garbage", "", "x" * 4000, "%00%ff", real.split(".")[0] + ".",
                  '"unterminated', "e30.AAAA"):
        client.set_cookie("consent", value)
        response = client.get("/", headers=EN)
        assert response.status_code == 200, value
        assert 'id="consent-banner"' in response.get_data(as_text=True), value
    client.set_cookie("consent", real)
    assert 'id="consent-banner"' not in client.get("/", headers=EN).get_data(as_text=True)


def test_a_forged_cookie_cannot_claim_another_visitors_id(client, registry, app):
    from itsdangerous import URLSafeSerializer

    forged = URLSafeSerializer("not-our-secret", salt="consent-id").dumps(ledger.new_consent_id())
    client.set_cookie("consent", forged)
    assert 'id="consent-banner"' in client.get("/", headers=EN).get_data(as_text=True)


def test_post_without_csrf_is_refused_with_a_clear_message(client, registry):
    response = client.post("/cookies", data={"choice": "accept_all"}, headers=EN)
    assert response.status_code == 400
    assert "The form had expired or was not sent from this site" in response.get_data(as_text=True)
    assert _records() == []


def test_bad_input_is_refused_and_nothing_is_written(client, registry):
    html = client.get("/", headers=EN).get_data(as_text=True)
    response = client.post("/cookies", data={**form_values(html), "choice": "everything"}, headers=EN)
    assert response.status_code == 400 and "Unknown choice" in response.get_data(as_text=True)
    stale = client.post("/cookies", data={**form_values(html), "version": "0" * 64, "choice": "accept_all"},
                        headers=EN)
    assert stale.status_code == 303 and stale.headers["Location"].startswith("/cookies")
    evil = client.post("/cookies", data={**form_values(html), "next": "https://evil.example/", "choice": "reject_all"},
                       headers=EN)
    assert evil.headers["Location"] == "/"
    assert [r.method for r in _records()] == ["banner"]


def test_gpc_is_a_refusal_recorded_once_and_an_explicit_yes_overrides(client, registry):
    gpc = {**EN, "Sec-GPC": "1"}
    response = client.get("/", headers=gpc)
    assert 'id="consent-banner"' not in response.get_data(as_text=True)
    assert "consent" in _set_cookies(response)
    client.get("/auth/login", headers=gpc)
    [record] = _records()
    assert (record.method, record.statistics, record.marketing) == ("gpc", False, False)
    html = client.get("/cookies", headers=gpc).get_data(as_text=True)
    client.post("/cookies", data={**form_values(html), "choice": "accept_all"}, headers=gpc)
    assert _records()[-1].statistics is True and _records()[-1].consent_id == record.consent_id
    assert ANALYTICS_URL.replace("&", "&amp;") in client.get("/", headers=gpc).get_data(as_text=True)
    assert len(_records()) == 2


def test_a_material_change_asks_again(client, registry):
    _decide(client, "reject_all")
    assert 'id="consent-banner"' not in client.get("/", headers=EN).get_data(as_text=True)
    from portal.services.actors import SYSTEM

    cookie_registry.create(SYSTEM, cookie_registry.EntryData("marketing", "cookie", "_fbp", "Meta Platforms Ireland",
                                                             "Ads", "Annonser", 90, True))
    db.session.commit()
    html = client.get("/", headers=EN).get_data(as_text=True)
    assert 'id="consent-banner"' in html and "Meta Platforms Ireland" in html


def test_after_the_lifetime_the_banner_asks_again(client, registry, app):
    _decide(client, "reject_all")
    app.config["CONSENT_MAX_AGE_DAYS"] = 0
    assert 'id="consent-banner"' in client.get("/", headers=EN).get_data(as_text=True)


def test_empty_registry_no_banner_and_a_working_settings_page(client, app):
    html = client.get("/", headers=EN).get_data(as_text=True)
    assert 'id="consent-banner"' not in html
    settings = client.get("/cookies", headers=EN)
    assert settings.status_code == 200 and "there is nothing to consent to" in settings.get_data(as_text=True)


def test_without_analytics_configured_statistics_is_not_offered(client, registry, app):
    app.config["ANALYTICS_SCRIPT_URL"] = None
    html = client.get("/cookies", headers=EN).get_data(as_text=True)
    assert 'id="category-statistics"' not in html and "_ga" not in html
    _decide(client, "accept_all")
    assert "analytics" not in client.get("/", headers=EN).get_data(as_text=True)


def test_preference_language_cookie_only_with_consent(client, registry, csrf_off):
    response = client.post("/auth/language", data={"language": "en", "next": "/"})
    assert "lang" not in _set_cookies(response)
    html = client.get("/cookies").get_data(as_text=True)
    client.post("/cookies", data={**form_values(html), "choice": "save", "category": "preferences"})
    response = client.post("/auth/language", data={"language": "en", "next": "/"})
    assert "Max-Age=31536000" in _set_cookies(response)["lang"]
