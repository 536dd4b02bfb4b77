"""Cookie consent in a real Chromium, each test in a fresh context (R-WEB-1..4, R-RIGHTS-1).

The analytics "vendor" is a second local server on another port (another origin): the network is
closed, and it lets us see exactly when a request to a third party happens."""
from __future__ import annotations

import re
import threading

import pytest
import sqlalchemy as sa
from werkzeug.serving import make_server

from portal.extensions import db
from portal.models import ConsentRecord
from portal.services.consent import cookie_registry
from tests.browser.conftest import assert_accessible
from tests.consent.conftest import registry  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

FAKE_TAG = (b'document.cookie = "_ga=GA1.1.42.42; path=/; max-age=63072000; SameSite=Lax";'
            b'window.__analyticsRan = true;')


@pytest.fixture
def analytics(app, registry):  # noqa: F811
    """A stand-in analytics vendor on another origin; yields the list of paths it was asked for."""
    hits: list[str] = []

    def vendor(environ, start_response):
        hits.append(environ["PATH_INFO"])
        start_response("200 OK", [("Content-Type", "text/javascript"), ("Content-Length", str(len(FAKE_TAG)))])
        return [FAKE_TAG]

    server = make_server("127.0.0.1", 0, vendor, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    app.config["ANALYTICS_SCRIPT_URL"] = f"http://127.0.0.1:{server.server_port}/gtag/js?id=G-TEST123"
    yield hits
    server.shutdown()
    thread.join(timeout=5)


class Watch:
    """Every request a page makes, to tell our origin from any other."""

    def __init__(self, page, origin: str):
        self.origin, self.urls = origin, []
        page.on("request", lambda request: self.urls.append(request.url))

    def foreign(self) -> list[str]:
        return [u for u in self.urls if not (u.startswith(self.origin + "/") or u.startswith("data:"))]


def assert_allowlisted(context, page, granted=("necessary",), storage=True):
    """No cookie or storage key outside the registry, and none of a category not granted."""
    entries = cookie_registry.entries()
    for cookie in context.cookies():
        entry = cookie_registry.matching(cookie["name"], among=entries)
        assert entry is not None, f"cookie {cookie['name']} is not in the registry"
        assert entry.category in granted, f"cookie {cookie['name']} ({entry.category}) without consent"
    if storage:
        for kind, area in (("local_storage", "localStorage"), ("session_storage", "sessionStorage")):
            for key in page.evaluate(f"Object.keys({area})"):
                entry = cookie_registry.matching(key, kind=kind, among=entries)
                assert entry is not None, f"{area} key {key} is not in the registry"
                assert entry.category in granted, f"{area} key {key} ({entry.category}) without consent"


def _luminance(rgb: str) -> float:
    channels = [int(v) / 255 for v in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    high, low = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def assert_buttons_equal_and_readable(page):
    buttons = page.locator("#consent-banner button")
    assert buttons.count() == 3
    styles = [buttons.nth(i).evaluate(
        "b => { const s = getComputedStyle(b); const r = b.getBoundingClientRect();"
        " return [b.className, s.fontSize, s.fontWeight, s.backgroundColor, s.color, s.borderWidth,"
        " Math.round(r.height), Math.round(r.width)] }") for i in range(3)]
    assert len({tuple(s[:7]) for s in styles}) == 1, styles  # same kind, size, weight and colours
    assert max(s[7] for s in styles) - min(s[7] for s in styles) <= 40, styles  # widths differ only by text
    assert contrast(styles[0][4], styles[0][3]) >= 4.5, styles[0]


def wait_until(page, predicate, timeout_ms: int = 5000) -> None:
    """Poll from Python: the page's strict CSP forbids the eval behind wait_for_function."""
    for _ in range(timeout_ms // 50):
        if predicate():
            return
        page.wait_for_timeout(50)
    assert predicate()


def _records() -> list[ConsentRecord]:
    db.session.commit()
    return list(db.session.scalars(sa.select(ConsentRecord).order_by(ConsentRecord.id)))


def test_nothing_before_a_choice_and_reject_all_keeps_it_that_way(live_server, context_factory, analytics):
    context = context_factory(locale="en-GB")
    page = context.new_page()
    watch = Watch(page, live_server)
    page.goto(live_server + "/")
    banner = page.get_by_role("region", name="Cookies and your choice")
    assert banner.is_visible()
    assert watch.foreign() == [] and analytics == []
    assert_allowlisted(context, page)
    assert_buttons_equal_and_readable(page)
    assert_accessible(page)
    # Escape, scrolling and clicking elsewhere are not consent; the site stays usable (no wall).
    page.keyboard.press("Escape")
    page.mouse.wheel(0, 600)
    page.locator("footer").click()
    assert banner.is_visible() and _records() == []
    page.evaluate("window.__samePage = true")
    banner.get_by_role("button", name="Reject all").click()
    banner.wait_for(state="detached")
    assert page.evaluate("window.__samePage") is True  # htmx: gone in place, no reload
    assert [r.method for r in _records()] == ["banner"]
    for path in ("/privacy-policy", "/auth/login", "/auth/register"):
        page.goto(live_server + path)
        assert page.locator("#consent-banner").count() == 0
    assert watch.foreign() == [] and analytics == []
    assert_allowlisted(context, page)
    assert {c["name"] for c in context.cookies()} == {"session", "consent"}


def test_accept_all_loads_analytics_and_withdrawing_from_the_footer_stops_it(live_server, context_factory,
                                                                            analytics):
    context = context_factory(locale="en-GB")
    page = context.new_page()
    watch = Watch(page, live_server)
    page.goto(live_server + "/")
    page.get_by_role("button", name="Accept all").click()
    page.locator("#consent-banner").wait_for(state="detached")
    page.goto(live_server + "/privacy-policy")
    wait_until(page, lambda: page.evaluate("window.__analyticsRan === true"))
    assert analytics == ["/gtag/js"] and len(watch.foreign()) == 1
    assert_allowlisted(context, page, granted=("necessary", "preferences", "statistics"))
    assert "_ga" in {c["name"] for c in context.cookies()}
    # Withdraw: the footer link, then one action.
    page.get_by_role("link", name="Cookie settings").click()
    page.wait_for_url(re.compile(r"/cookies$"))
    assert page.locator("#category-statistics").is_checked()
    assert_accessible(page)
    requested = len(analytics)  # the settings page itself still ran the tag: consent was still given
    page.get_by_role("button", name="Reject all").click()
    page.locator(".flash-success").wait_for()  # back on the settings page, reloaded
    assert "_ga" not in {c["name"] for c in context.cookies()}  # expired in the same response
    assert _records()[-1].method == "withdrawal"
    page.goto(live_server + "/auth/login")
    assert page.locator("script[src*='gtag']").count() == 0
    assert len(analytics) == requested
    assert_allowlisted(context, page)


def test_the_same_without_javascript(live_server, context_factory, analytics):
    context = context_factory(locale="en-GB", java_script_enabled=False)
    page = context.new_page()
    watch = Watch(page, live_server)
    page.goto(live_server + "/privacy-policy")
    assert page.locator("#consent-banner").is_visible() and watch.foreign() == []
    assert_allowlisted(context, page, storage=False)
    page.get_by_role("button", name="Accept all").click()
    page.wait_for_url(re.compile(r"/privacy-policy$"))  # a plain POST, redirected back
    assert page.locator("#consent-banner").count() == 0
    assert page.locator("script[src*='/gtag/js']").count() == 1  # rendered; no JS, so not fetched
    assert _records()[-1].statistics is True
    page.get_by_role("link", name="Cookie settings").click()
    page.get_by_role("button", name="Reject all").click()
    page.wait_for_url(re.compile(r"/cookies$"))
    assert page.locator("script[src*='/gtag/js']").count() == 0
    page.goto(live_server + "/")
    assert page.locator("script[src*='/gtag/js']").count() == 0 and page.locator("#consent-banner").count() == 0
    assert [r.method for r in _records()] == ["banner", "withdrawal"]
    assert watch.foreign() == []


def test_choose_without_javascript_saves_one_category(live_server, context_factory, analytics):
    context = context_factory(locale="en-GB", java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/auth/login")
    page.get_by_role("button", name="Choose").click()
    page.wait_for_url(re.compile(r"/cookies\?next="))
    assert not page.locator("#category-preferences").is_checked()
    assert not page.locator("#category-statistics").is_checked()
    page.locator("#category-preferences").check()
    page.get_by_role("button", name="Save my choices").click()
    page.wait_for_url(re.compile(r"/auth/login$"))
    record = _records()[-1]
    assert (record.method, record.preferences, record.statistics) == ("settings", True, False)
    assert page.locator("script[src*='/gtag/js']").count() == 0


def _tab_to(page, value: str, limit: int = 30) -> int:
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.value") == value:
            return presses
    raise AssertionError(f"{value} not reachable by Tab")


def test_keyboard_only(live_server, context_factory, analytics):
    page = context_factory(locale="en-GB").new_page()
    page.goto(live_server + "/")
    to_reject = _tab_to(page, "reject_all")
    page.goto(live_server + "/")
    to_accept = _tab_to(page, "accept_all")
    assert to_reject <= to_accept
    page.goto(live_server + "/")
    _tab_to(page, "choose")
    page.keyboard.press("Tab")  # no focus trap: focus moves on into the page
    assert page.evaluate("document.activeElement.closest('#consent-banner') === null")
    page.goto(live_server + "/")
    _tab_to(page, "reject_all")
    page.keyboard.press("Enter")
    page.locator("#consent-banner").wait_for(state="detached")
    assert [r.method for r in _records()] == ["banner"] and _records()[0].statistics is False
    assert analytics == []


def test_global_privacy_control_is_a_refusal(live_server, context_factory, analytics):
    context = context_factory(locale="en-GB", extra_http_headers={"Sec-GPC": "1"})
    page = context.new_page()
    watch = Watch(page, live_server)
    page.goto(live_server + "/")
    assert page.locator("#consent-banner").count() == 0
    page.goto(live_server + "/privacy-policy")
    [record] = _records()
    assert (record.method, record.statistics, record.marketing) == ("gpc", False, False)
    assert watch.foreign() == [] and analytics == []
    assert_allowlisted(context, page)
    page.get_by_role("link", name="Cookie settings").click()
    assert_accessible(page)
    page.get_by_role("button", name="Accept all").click()  # an explicit yes overrides the signal
    page.wait_for_url(re.compile(r"/cookies$"))
    wait_until(page, lambda: analytics == ["/gtag/js"]) and _records()[-1].method == "settings"
