"""Every page, for every kind of login, has no axe-core WCAG 2.1 A/AA violation (in Chromium)."""
from __future__ import annotations

import re

import pytest

from portal.demo import seed
from tests.conftest import totp_code
from tests import site_map
from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser
PUBLIC_ONLY = ("/auth/login", "/auth/register", "/auth/check-mail", "/auth/password", "/auth/verify",
               "/auth/invitation", "/privacy-policy", "/cookies")


def _sign_in(page, base: str, email: str) -> None:
    page.goto(base + "/auth/login")
    page.fill("#email", email)
    page.fill("#password", seed.DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/auth/login/code$|/(consultant|buyer|supplier|partner|staff)/$"))
    if page.url.endswith("/auth/login/code"):
        from portal.services.accounts import registration

        page.fill("#code", totp_code(registration.find_by_email(email)))
        page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/(consultant|buyer|supplier|partner|staff)/$"))


def test_every_page_for_every_login_passes_axe(app, live_server, context_factory):
    site_map.load_demo()
    with app.test_request_context():
        urls = site_map.urls(app)
    problems = []
    for who in site_map.LOGINS:
        page = context_factory().new_page()
        email = site_map.demo_email(who)
        if email:
            _sign_in(page, live_server, email)
        for url in urls:
            if email and url.startswith(PUBLIC_ONLY):
                continue  # the same page the anonymous visitor had checked, but for the header
            response = page.goto(live_server + url)
            if response.status == 403 or (email is None and "/auth/login?" in page.url and "login" not in url):
                continue  # not this person's page
            for violation in axe_violations(page):
                problems.append(f"{who} {url}: {violation}")
        page.context.close()
    assert problems == [], "\n".join(problems[:30])
