"""R-CON-1 in a real Chromium: the assignment filters work with htmx (only the results change, the URL follows)
and without JavaScript (a plain GET form), the pages pass axe (WCAG 2.1 AA) and reflow at 320 px."""
from __future__ import annotations

import re

import pytest

from portal.extensions import db
from tests.applications.test_browse import market  # noqa: F401  (the fixture)
from tests.browser.conftest import assert_accessible, assert_fits, sign_in
from tests.search.test_ranking_page import make_profile

pytestmark = pytest.mark.browser


def test_filters_with_htmx_and_the_pages_pass_axe(market, live_server, context_factory):
    consultant, _hidden, _shown = market
    make_profile(consultant.user, skills=[("Python", 4)])
    db.session.commit()
    page = context_factory(locale="en-GB").new_page()
    sign_in(page, live_server, consultant.user)
    page.goto(live_server + "/consultant/assignments")
    assert_accessible(page)
    assert_fits(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.evaluate("document.querySelector('h1').dataset.marker = 'kept'")  # survives only a partial swap
    page.fill("#browse-region", "örebro")
    page.check("#browse-remote-hybrid")
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_url(re.compile(r"region=%C3%B6rebro"))
    results = page.locator("#browse-results")
    results.get_by_text("1 assignment found").wait_for()
    assert "Pipeline engineer" in results.inner_text() and "Frontend developer" not in results.inner_text()
    assert page.evaluate("document.querySelector('h1').dataset.marker") == "kept"
    page.goto(live_server + "/consultant/assignments?extent_min=abc")
    assert page.locator("#browse-error").is_visible() and page.locator("#browse-extent-min").get_attribute(
        "aria-invalid") == "true"
    assert_accessible(page)
    page.goto(live_server + "/consultant/assignments")
    page.locator("#browse-results h3 a", has_text="Pipeline engineer").click()
    page.wait_for_url(re.compile(r"/consultant/assignments/\d+$"))
    assert page.locator(".fit-status").first.inner_text() in ("Met", "Partly met", "Missing")
    assert_accessible(page)
    assert_fits(page)
    page.goto(live_server + "/consultant/saved-searches")
    assert_accessible(page)


def test_the_filters_work_without_javascript(market, live_server, context_factory):
    consultant, _hidden, _shown = market
    page = context_factory(locale="en-GB", java_script_enabled=False).new_page()
    sign_in(page, live_server, consultant.user)
    page.goto(live_server + "/consultant/assignments")
    page.fill("#browse-q", "ferry")
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_url(re.compile(r"q=ferry"))
    assert "1 assignment found" in page.inner_text("#browse-results")
    assert "Frontend developer" in page.inner_text("#browse-results")
