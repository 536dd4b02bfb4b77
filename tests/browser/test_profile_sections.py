"""In Chromium: the profile overview's Change links (issue #18, R-CON-6, R-RIGHTS-3). With JavaScript a section's
form opens in place and its save brings the summary back, focus on the section; without JavaScript the form is a
page of its own and the save goes back to the overview at the section. In English and Swedish, axe clean, 320 px."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from portal.extensions import db
from tests import factories
from tests.browser.conftest import assert_accessible, assert_fits, sign_in

pytestmark = pytest.mark.browser
LANGUAGES = [("en-GB", "en", "Contact"), ("sv-SE", "sv", "Kontakt")]


def _consultant():
    user = factories.make_user(phone=None)
    db.session.commit()
    return user


@pytest.mark.parametrize("locale, lang, contact", LANGUAGES)
def test_with_javascript_a_section_changes_in_place(live_server, context_factory, locale, lang, contact):
    page = context_factory(locale=locale).new_page()
    sign_in(page, live_server, _consultant())
    page.goto(live_server + "/consultant/profile")
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("#contact-heading").inner_text() == contact
    assert page.locator("#completeness-percent").inner_text() == "0 %"
    assert_accessible(page)
    assert_fits(page)

    page.locator("#change-contact").click()
    page.locator("#section-contact form").wait_for()
    expect(page.locator("#contact-heading")).to_be_focused()
    assert page.url == live_server + "/consultant/profile"  # in place, no page load
    assert_accessible(page)
    page.fill("#phone", "+46 70 123 45 67")
    page.locator("#section-contact form button[type=submit]").click()
    page.locator("#section-contact [role=status]").wait_for()
    expect(page.locator("#contact-heading")).to_be_focused()
    assert page.locator("#section-contact form").count() == 0  # the summary again
    assert page.locator("#value-phone").inner_text() == "+46 70 123 45 67"
    assert page.locator("#completeness-percent").inner_text() != "0 %"  # the meter came along

    # a refused save: the form again, in place, with the focus on the field in error; Cancel goes back
    page.locator("#change-identity").click()
    page.fill("#personnummer", "19811218-9875")
    page.locator("#section-identity form button[type=submit]").click()
    page.locator("#personnummer-error").wait_for()
    expect(page.locator("#personnummer")).to_be_focused()
    page.locator("#section-identity .cancel-link").click()
    page.locator("#section-identity form").wait_for(state="detached")
    expect(page.locator("#identity-heading")).to_be_focused()
    assert "19811218" not in page.locator("#section-identity").inner_text()  # nothing of it was kept

    # a list inside the competence card
    page.locator("#change-skills").click()
    page.fill("#skills-name", "Kotlin")
    page.locator("#add-skills button[type=submit]").click()
    page.locator("#section-skills [role=status]").wait_for()
    expect(page.locator("#skills-heading")).to_be_focused()
    assert "Kotlin" in page.locator("#section-skills dl").inner_text()
    assert_accessible(page)

    page.goto(live_server + "/consultant/profile/skills")  # a section's own page
    assert page.locator("h1").inner_text() == page.locator("#skills-heading").inner_text()
    assert_accessible(page)
    assert_fits(page)


@pytest.mark.parametrize("locale, lang, contact", LANGUAGES)
def test_without_javascript_a_section_is_a_page_of_its_own(live_server, context_factory, locale, lang, contact):
    page = context_factory(locale=locale, java_script_enabled=False).new_page()
    sign_in(page, live_server, _consultant())
    page.goto(live_server + "/consultant/profile")
    page.locator("#change-contact").click()
    page.wait_for_url(re.compile(r"/consultant/profile/contact$"))
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h1").inner_text() == contact
    assert_fits(page)
    page.fill("#phone", "+46 70 123 45 67")
    page.locator("#section-contact form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/consultant/profile\?saved=contact#section-contact$"))
    expect(page.locator("#section-contact")).to_be_focused()  # the URL's #section-contact moved the focus there
    assert page.locator("#section-contact [role=status]").is_visible()
    assert page.locator("#value-phone").inner_text() == "+46 70 123 45 67"

    # axe needs JavaScript: check the same pages in a context that runs scripts, signed in as the same person
    checker = context_factory(locale=locale, storage_state=page.context.storage_state()).new_page()
    checker.goto(page.url)
    assert_accessible(checker)

    page.locator("#change-identity").click()
    page.wait_for_url(re.compile(r"/consultant/profile/identity$"))
    page.fill("#personnummer", "19811218-9875")
    page.locator("#section-identity form button[type=submit]").click()
    page.locator("#personnummer-error").wait_for()  # the section's page again, with the refusal
    expect(page.locator("#personnummer")).to_be_focused()
    checker.goto(live_server + "/consultant/profile/identity")
    checker.set_content(page.content())  # the refused page, as this browser got it
    assert_accessible(checker)
    assert_fits(page)
    page.locator("#section-identity .cancel-link").click()
    page.wait_for_url(re.compile(r"/consultant/profile#section-identity$"))
    assert page.locator("#value-personnummer").inner_text() != "19811218-9875"
