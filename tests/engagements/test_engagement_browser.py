"""In Chromium, in English and in Swedish: each audience's engagement pages pass axe and fit 320 px, and a
recruiter extends an engagement through the form, a bad date first refused in place (R-CON-3, R-STAFF-2)."""
from __future__ import annotations

from datetime import timedelta

import pytest

from portal.extensions import db
from tests.browser.conftest import assert_accessible, assert_fits, sign_in
from tests.engagements.conftest import via_supplier

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("locale", ["en-GB", "sv-SE"])
def test_engagement_pages_are_accessible_and_extending_works(scene, login_as, live_server,
                                                              context_factory, locale):
    supplier = login_as("supplier", name="Sam Supplier")
    via_supplier(scene.assignment, scene.consultant.user, supplier.user, rate=1000)
    db.session.commit()
    assert scene.fill(rate="1300").status_code == 303
    engagement = scene.engagement()
    for portal, prefix in ((scene.consultant, "consultant"), (scene.buyer, "buyer"), (supplier, "supplier"),
                           (scene.staff, "staff")):
        page = context_factory(locale=locale).new_page()
        sign_in(page, live_server, portal.user)
        for url in (f"/{prefix}/engagements", f"/{prefix}/engagements/{engagement.id}"):
            page.goto(live_server + url)
            assert_accessible(page)
            assert_fits(page)
            page.set_viewport_size({"width": 1280, "height": 900})
    # the recruiter's page is the last one open: extend, first with the reason missing
    new_end = engagement.end_date + timedelta(days=30)
    form = page.locator("form[action$='/extend']")
    form.locator("input[name=new_end]").fill(new_end.isoformat())
    form.locator("button[type=submit]").click()
    page.locator("#engagement-error").wait_for()
    assert_accessible(page)
    form = page.locator("form[action$='/extend']")
    assert form.locator("textarea[aria-invalid=true]").count() == 1
    form.locator("input[name=new_end]").fill(new_end.isoformat())
    form.locator("textarea[name=reason]").fill("The client extends for the spring.")
    form.locator("button[type=submit]").click()
    page.locator(".flash-success").wait_for()
    db.session.expire_all()
    assert scene.engagement().end_date == new_end
    assert "The client extends for the spring." in page.content()
