"""The approver's pages in a real Chromium (R-BUY-1, R-CON-3): axe clean and reflowing at 320 px in both
languages, the htmx refusal of a rejection without a comment shown and focused, then the decisions."""
from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import TimeReport
from tests.browser.conftest import assert_accessible, assert_fits, sign_in
from tests.timesheets.approval_factories import report, setting

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_approver_sends_one_week_back_and_approves_another(app, live_server, context_factory, language):
    s = setting(approver_locale=language)
    first = report(s.engagement, date(2026, 6, 8))
    second = report(s.engagement, date(2026, 6, 15))
    db.session.commit()
    page = context_factory(locale="sv-SE" if language == "sv" else "en-GB").new_page()
    sign_in(page, live_server, s.approver)
    page.locator("main a[href='/buyer/time-approvals']").click()
    page.wait_for_url("**/buyer/time-approvals")
    assert_accessible(page)
    assert_fits(page)
    page.locator(f"a[href='/buyer/time-approvals/{first.id}']").click()
    page.wait_for_url(f"**/buyer/time-approvals/{first.id}")
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)
    assert_fits(page)

    page.locator("button[value=reject]").click()  # no comment: refused in place (htmx 422), focus on the page
    page.locator("#comment-error").wait_for()
    assert page.evaluate("document.activeElement.tagName") == "H1"  # app.js: the swapped page's first heading
    assert page.locator("#comment").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    page.fill("#comment", "Tuesday should be 8 hours")
    page.locator("button[value=reject]").click()
    page.wait_for_url("**/buyer/time-approvals")
    page.locator(f"a[href='/buyer/time-approvals/{second.id}']").first.click()
    page.wait_for_url(f"**/buyer/time-approvals/{second.id}")
    page.locator("button[value=approve]").click()
    page.wait_for_url("**/buyer/time-approvals")
    assert_accessible(page)
    db.session.expire_all()
    states = dict(db.session.execute(sa.select(TimeReport.id, TimeReport.state)).all())
    assert states == {first.id: "rejected", second.id: "approved"}
