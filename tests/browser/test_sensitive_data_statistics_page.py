"""R-CON-8 in Chromium: a privacy officer opens the refusal statistics; the page is accessible."""
from __future__ import annotations

import re

from tests.conftest import totp_code
import pytest

from portal.extensions import db
from portal.services.profiles.sensitive_data import find, record_refusal
from tests import factories
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_privacy_officer_reads_the_statistics(live_server, page):
    officer = factories.make_user(role="staff", staff_roles="privacy_officer")
    record_refusal(find("Jag är diabetiker."), "summary")
    db.session.commit()
    page.goto(live_server + "/auth/login")
    page.fill("#email", officer.email)
    page.fill("#password", factories.PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/auth/login/code$"))
    page.fill("#code", totp_code(officer))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/staff/$"))
    page.locator("main a[href$='/staff/sensitive-data']").click()
    page.wait_for_url(re.compile(r"/staff/sensitive-data$"))
    assert page.locator("main table").count() == 3  # per kind, per field, the words staff added
    assert page.locator("main table code").first.inner_text() == "summary"
    assert_accessible(page)
