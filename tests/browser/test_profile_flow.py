"""In Chromium: a consultant fills the profile from nothing to complete, LinkedIn import included, opening
one section at a time from the overview with htmx, and one section saved without JavaScript (R-CON-6, R-CON-7,
issue #18)."""
from __future__ import annotations

import re

import pytest

from portal.extensions import db
from portal.services.matching import skills
from tests import factories
from tests.browser.conftest import assert_accessible
from tests.profiles.helpers import linkedin_zip

pytestmark = pytest.mark.browser


def _sign_in(page, live_server, user):
    page.goto(live_server + "/auth/login")
    page.fill("#email", user.email)
    page.fill("#password", factories.PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/consultant/$"))


def _open(page, section: str):
    """Follow the section's Change link on the overview; htmx opens its form in place."""
    page.locator(f"#change-{section}").click()
    page.locator(f"#section-{section} form").first.wait_for()


def _save(page, section: str):
    """Submit a section's own form and wait until htmx has swapped in the saved section."""
    page.locator(f"#section-{section} form button[type=submit]").first.click()
    page.locator(f"#section-{section} [role=status]").wait_for()


def test_consultant_completes_profile_with_htmx_and_linkedin_import(live_server, context_factory):
    skills.seed_defaults()
    user = factories.make_user(name="Maja Mätare", phone=None)
    db.session.commit()
    page = context_factory(locale="en-GB").new_page()
    _sign_in(page, live_server, user)
    page.goto(live_server + "/consultant/profile")
    assert page.locator("#completeness-percent").inner_text() == "0 %"
    assert_accessible(page)

    _open(page, "contact")
    page.fill("#phone", "+46 70 123 45 67")
    page.fill("#street", "Katarinavägen 15")
    page.fill("#postal_code", "116 45")
    page.fill("#city", "Stockholm")
    page.select_option("#country", "SE")
    _save(page, "contact")
    assert page.url.endswith("/consultant/profile")  # saved in place, no reload

    _open(page, "identity")
    page.fill("#personnummer", "19811218-9875")  # wrong check digit first
    page.locator("#section-identity form button[type=submit]").click()
    page.locator("#personnummer-error").wait_for()
    assert page.locator("#personnummer").get_attribute("aria-invalid") == "true"
    page.fill("#personnummer", "19811218-9876")
    page.select_option("#citizenship", "SE")
    page.select_option("#gender", "undisclosed")
    _save(page, "identity")

    _open(page, "payment")
    page.fill("#bankgiro", "5050-1055")
    page.select_option("#f_tax", "F")
    _save(page, "payment")

    # LinkedIn: upload → preview (nothing stored yet) → confirm
    _open(page, "linkedin")
    page.set_input_files("#linkedin-archive", files=[{"name": "linkedin.zip", "mimeType": "application/zip",
                                                       "buffer": linkedin_zip()}])
    page.locator("#section-linkedin form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/consultant/profile/import/\d+$"))
    assert "Nordbank AB" in page.locator("main").inner_text()
    assert_accessible(page)
    page.locator("#confirm-import").click()
    page.wait_for_url(re.compile(r"/consultant/profile\?saved=competence"))
    assert "PostgreSQL" in page.locator("#section-skills").inner_text()

    _open(page, "industries")
    page.fill("#industries-name", "Bank och finans")
    page.locator("#section-industries form[action$='/industries/add'] button[type=submit]").click()
    page.locator("#section-industries [role=status]").wait_for()
    assert "Bank och finans" in page.locator("#section-industries").inner_text()

    _open(page, "availability")
    page.fill("#available_from", "2027-01-01")
    page.fill("#extent", "100")
    page.select_option("#remote", "hybrid")
    page.fill("#region", "Stockholm")
    page.fill("#hourly_rate", "1100")
    _save(page, "availability")

    _open(page, "references")
    page.fill("#references-referee_name", "Rut Referent")
    page.fill("#references-relation", "My manager 2019–2022")
    page.fill("#references-statement", "Maja delivers on time.")
    page.locator("#section-references form button[type=submit]").click()
    page.locator("#section-references [role=status]").wait_for()
    assert "Rut Referent" in page.locator("#section-references").inner_text()

    # the meter came along out of band with the last save
    assert page.locator("#completeness-percent").inner_text() == "100 %"
    page.locator("#completeness-done").wait_for()
    assert_accessible(page)


def test_a_section_saves_without_javascript(live_server, context_factory):
    user = factories.make_user()
    db.session.commit()
    page = context_factory(locale="en-GB", java_script_enabled=False).new_page()
    _sign_in(page, live_server, user)
    page.goto(live_server + "/consultant/profile")
    page.locator("#change-competence").click()  # a plain link: the section's own page
    page.wait_for_url(re.compile(r"/consultant/profile/competence$"))
    page.fill("#title", "Backend developer")
    page.fill("#summary", "I was diagnosed with burnout.")
    page.locator("form[action$='/profile/competence'] button[type=submit]").click()
    page.locator("#summary-error").wait_for()  # a full page with the refusal next to the field
    assert "health or illness" in page.locator("#summary-error").inner_text()
    page.fill("#summary", "Builds payment systems.")
    page.locator("form[action$='/profile/competence'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"saved=competence"))  # back on the overview, at the section
    assert page.locator("#value-title").inner_text() == "Backend developer"
    assert page.locator("#section-competence [role=status]").is_visible()
    # axe needs JavaScript: check the very page this browser got, in a context that runs scripts
    checker = context_factory(locale="en-GB").new_page()
    checker.set_content(page.content())
    assert_accessible(checker)
