"""In Chromium: the buyer's assignment request as an overview in parts (issue #18, R-BUY-1). With JavaScript a
part's form opens in place and its save brings the summary back, focus on the part's heading; without JavaScript
the form is a page of its own and the save goes back to the assignment page at the part. In English and Swedish,
axe clean, 320 px."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from portal.extensions import db
from tests import factories
from tests.browser.conftest import assert_accessible, assert_fits, sign_in
from tests.orgs.helpers import make_assignment

pytestmark = pytest.mark.browser
LANGUAGES = [("en-GB", "en", "Requirements"), ("sv-SE", "sv", "Krav")]


def _draft():
    buyer = factories.make_user(role="buyer")
    assignment = make_assignment(buyer.active_membership().organisation, state="draft", title="Data platform lead")
    db.session.commit()
    return buyer, assignment


@pytest.mark.parametrize("locale, lang, requirements", LANGUAGES)
def test_with_javascript_a_part_changes_in_place(live_server, context_factory, locale, lang, requirements):
    buyer, assignment = _draft()
    url = f"{live_server}/buyer/assignments/{assignment.id}"
    page = context_factory(locale=locale).new_page()
    sign_in(page, live_server, buyer)
    page.goto(url)
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("#part-requirements-heading").inner_text() == requirements
    assert_accessible(page)
    assert_fits(page)

    page.locator("#change-requirements").click()
    page.locator("#part-requirements form").wait_for()
    expect(page.locator("#part-requirements-heading")).to_be_focused()
    assert page.url == url  # in place, no page load
    assert_accessible(page)
    assert_fits(page)
    page.fill("#requirements-2-text", "Kafka Streams")
    page.select_option("#requirements-2-kind", "should")
    page.fill("#requirements-2-weight", "2")
    page.locator("#part-requirements form button[type=submit]").click()
    page.locator("#part-requirements [role=status]").wait_for()
    expect(page.locator("#part-requirements-heading")).to_be_focused()
    assert page.locator("#part-requirements form").count() == 0  # the summary again
    assert "Kafka Streams" in page.locator("#value-should").inner_text()
    assert "Kafka Streams" in page.locator("#evaluate-card").inner_text()  # the evaluation came along
    assert_accessible(page)

    # the first part: a new title reaches the page's heading and title; a refusal focuses the field in error
    page.locator("#change-details").click()
    page.locator("#part-details form").wait_for()
    expect(page.locator("#part-details-heading")).to_be_focused()  # htmx has settled the form in
    page.fill("#title", "")
    page.locator("#part-details form button[type=submit]").click()
    page.locator("#title-error").wait_for()
    expect(page.locator("#title")).to_be_focused()
    assert_accessible(page)
    page.fill("#title", "Data platform architect")
    page.locator("#part-details form button[type=submit]").click()
    page.locator("#part-details [role=status]").wait_for()
    expect(page.locator("#part-details-heading")).to_be_focused()
    assert page.locator("h1").inner_text() == "Data platform architect"
    assert page.title().startswith("Data platform architect")
    assert page.locator("#value-title").inner_text() == "Data platform architect"

    # Cancel gives the summary back, nothing saved
    page.locator("#change-procurement").click()
    expect(page.locator("#part-procurement-heading")).to_be_focused()
    page.fill("#procurement_reference", "DNR 9")
    page.locator("#part-procurement .cancel-link").click()
    page.locator("#part-procurement form").wait_for(state="detached")
    expect(page.locator("#part-procurement-heading")).to_be_focused()
    assert "DNR 9" not in page.locator("#part-procurement").inner_text()
    db.session.refresh(assignment)
    assert assignment.title == "Data platform architect" and assignment.procurement_reference is None

    page.goto(f"{url}/edit/procurement")  # a part's own page
    assert page.locator("h1").inner_text() == page.locator("#part-procurement-heading").inner_text()
    assert_accessible(page)
    assert_fits(page)


@pytest.mark.parametrize("locale, lang, requirements", LANGUAGES)
def test_without_javascript_a_part_is_a_page_of_its_own(live_server, context_factory, locale, lang, requirements):
    buyer, assignment = _draft()
    url = f"{live_server}/buyer/assignments/{assignment.id}"
    page = context_factory(locale=locale, java_script_enabled=False).new_page()
    sign_in(page, live_server, buyer)
    page.goto(url)
    page.locator("#change-requirements").click()
    page.wait_for_url(re.compile(rf"/buyer/assignments/{assignment.id}/edit/requirements$"))
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h1").inner_text() == requirements
    assert_fits(page)
    page.fill("#requirements-0-text", "Python 3.13")
    page.locator("#part-requirements form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/buyer/assignments/{assignment.id}\?saved=requirements#part-requirements$"))
    expect(page.locator("#part-requirements")).to_be_focused()  # the URL's #part-requirements moved the focus there
    assert page.locator("#messages .flash-success").is_visible()
    assert "Python 3.13" in page.locator("#value-must").inner_text()
    assert "Kafka" in page.locator("#value-should").inner_text()  # the other rows as they were
    assert_fits(page)

    # axe needs JavaScript: check the same pages in a context that runs scripts, signed in as the same person
    checker = context_factory(locale=locale, storage_state=page.context.storage_state()).new_page()
    checker.goto(page.url)
    assert_accessible(checker)

    page.locator("#change-details").click()
    page.wait_for_url(re.compile(rf"/buyer/assignments/{assignment.id}/edit/details$"))
    page.fill("#end_date", "2020-01-01")
    page.locator("#part-details form button[type=submit]").click()
    page.locator("#end_date-error").wait_for()  # the part's page again, with the refusal
    expect(page.locator("#end_date")).to_be_focused()
    checker.goto(f"{url}/edit/details")
    checker.set_content(page.content())  # the refused page, as this browser got it
    assert_accessible(checker)
    assert_fits(page)
    page.locator("#part-details .cancel-link").click()
    page.wait_for_url(re.compile(rf"/buyer/assignments/{assignment.id}#part-details$"))
    db.session.refresh(assignment)
    assert assignment.end_date.year != 2020
