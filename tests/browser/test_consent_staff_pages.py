"""The staff consent pages and the privacy centre's withdrawal in Chromium, checked by axe-core."""
from __future__ import annotations

import re

import pytest

from portal.extensions import db
from portal.services.consent import ledger
from tests import factories
from tests.browser.conftest import assert_accessible, sign_in
from tests.consent.conftest import registry  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser




def _accept_banner(page) -> None:
    page.get_by_role("button", name="Accept all").click()
    page.locator("#consent-banner").wait_for(state="detached")


def test_admin_edits_the_registry(live_server, context_factory, registry):  # noqa: F811
    admin = factories.make_user(role="staff", staff_roles="admin")
    db.session.commit()
    page = context_factory(locale="en-GB").new_page()
    page.goto(live_server + "/")
    _accept_banner(page)
    sign_in(page, live_server, admin)
    page.get_by_role("link", name="Cookie registry").first.click()
    page.wait_for_url(re.compile(r"/staff/cookies$"))
    assert_accessible(page)
    page.get_by_role("link", name="Add an entry").click()
    page.wait_for_url(re.compile(r"/staff/cookies/new$"))
    assert_accessible(page)
    page.select_option("#category", "marketing")
    page.fill("#name", "bad name")
    page.fill("#provider", "Meta Platforms Ireland")
    page.fill("#purpose_en", "Measures our ads.")
    page.fill("#purpose_sv", "Mäter våra annonser.")
    page.locator("main form button[type=submit]").first.click()
    page.locator("#name-error").wait_for()  # swapped in place with htmx, the error tied to the field
    assert_accessible(page)
    page.fill("#name", "_fbp")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/staff/cookies$"))
    page.get_by_role("link", name="_fbp").click()
    assert_accessible(page)
    # A material change: the visitor is asked again, and the new third party is named.
    page.goto(live_server + "/")
    assert "Meta Platforms Ireland" in page.locator("#consent-banner").inner_text()


def test_privacy_officer_looks_up_a_consent_id(live_server, context_factory, registry):  # noqa: F811
    officer = factories.make_user(role="staff", staff_roles="privacy_officer")
    db.session.commit()
    visitor = context_factory(locale="en-GB").new_page()
    visitor.goto(live_server + "/")
    _accept_banner(visitor)
    visitor.goto(live_server + "/cookies")
    consent_id = visitor.locator("#consent-current + p code").inner_text()
    assert ledger.is_consent_id(consent_id)
    page = context_factory(locale="en-GB").new_page()
    page.goto(live_server + "/")
    _accept_banner(page)
    sign_in(page, live_server, officer)
    page.get_by_role("link", name="Consent lookup").first.click()
    assert_accessible(page)
    page.fill("#consent_id", consent_id)
    page.get_by_role("button", name="Look up").click()
    page.wait_for_url(re.compile(r"consent_id="))
    assert "Cookie banner" in page.locator("table").inner_text()
    assert "Accept all" in page.locator("main").inner_text()
    assert_accessible(page)


def test_privacy_centre_withdraws_in_one_click(live_server, context_factory, registry):  # noqa: F811
    person = factories.make_user(role="consultant")
    db.session.commit()
    page = context_factory(locale="en-GB").new_page()
    page.goto(live_server + "/")
    _accept_banner(page)
    sign_in(page, live_server, person)
    page.goto(live_server + "/privacy/")
    assert_accessible(page)
    page.locator("#withdraw-statistics").click()
    page.locator(".flash-success").wait_for()
    assert page.locator("#withdraw-statistics").count() == 0
    assert page.locator("#withdraw-preferences").count() == 1
    assert_accessible(page)
