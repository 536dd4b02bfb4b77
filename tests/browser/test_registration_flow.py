"""End to end in Chromium: register → verification mail (real SMTP) → confirm → sign in."""
from __future__ import annotations

import re

import pytest

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_consultant_registers_confirms_and_signs_in(live_server, page, smtp):
    page.goto(live_server + "/")
    assert page.locator("html").get_attribute("lang") == "sv"
    page.get_by_role("link", name=re.compile("Registrera dig som konsult|Register as a consultant")).first.click()
    page.fill("#name", "Maja Mätare")
    page.fill("#email", "Maja@Example.se")
    page.fill("#password", "ett långt lösenord 42")
    page.fill("#confirm", "ett långt lösenord 42")
    page.check("#accept_terms")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/auth/check-mail$"))

    message = smtp.wait_for(1)[0]
    assert message["To"] == "maja@example.se"
    link = re.search(r"http://\S+/auth/verify/\S+", smtp.body(message)).group(0)

    page.goto(link)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/auth/login$"))
    page.fill("#email", "maja@example.se")
    page.fill("#password", "ett långt lösenord 42")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/consultant/$"))
    assert "Maja Mätare" in page.locator("h1").inner_text()
    assert_accessible(page)


def test_bad_registration_shows_errors_in_place_with_htmx(live_server, page):
    page.goto(live_server + "/auth/register")
    page.fill("#email", "not-an-address")
    page.locator("main form button[type=submit]").click()
    page.locator(".form-errors").wait_for()
    # htmx swapped the form in place: still on the same URL, errors tied to fields
    assert page.url.endswith("/auth/register")
    assert page.locator("#email").get_attribute("aria-invalid") == "true"
    assert page.locator("#name-error").is_visible()
    assert_accessible(page)
