"""End to end in Chromium: a visitor's request → mail → confirm → the privacy officer's queue →
answered → the visitor receives the answer by mail (real SMTP). axe on every page on the way."""
from __future__ import annotations

import re

import pytest

from portal.extensions import db
from tests import factories
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_a_visitors_request_from_form_to_answer(live_server, context_factory, smtp):
    officer = factories.make_user(role="staff", staff_roles="privacy_officer", locale="en")
    db.session.commit()

    visitor = context_factory(locale="en-GB").new_page()
    visitor.goto(live_server + "/privacy/ask")
    assert_accessible(visitor)
    visitor.fill("#name", "Vilma Visitor")
    visitor.fill("#email", "vilma@example.se")
    visitor.select_option("#kind", "access")
    visitor.fill("#details", "What do you hold about me?")
    visitor.locator("main form button[type=submit]").click()
    visitor.wait_for_url(re.compile(r"/privacy/ask/sent$"))
    assert_accessible(visitor)

    link = re.search(r"http://\S+/privacy/ask/confirm/\S+", smtp.body(smtp.wait_for(1)[0])).group(0)
    visitor.goto(link)
    assert_accessible(visitor)
    visitor.locator("main form button[type=submit]").click()
    visitor.get_by_role("heading", name=re.compile("confirmed")).wait_for()
    assert_accessible(visitor)

    staff = context_factory(locale="en-GB").new_page()
    sign_in(staff, live_server, officer)
    staff.goto(live_server + "/staff/privacy-requests")
    assert_accessible(staff)
    row = staff.locator("table.queue tbody tr", has_text="Vilma Visitor")
    assert "Verified" in row.inner_text()
    row.get_by_role("link").click()
    staff.wait_for_url(re.compile(r"/staff/privacy-requests/\d+$"))
    assert_accessible(staff)
    staff.fill("#answer-text", "We hold nothing about you: you have no account.")
    staff.get_by_role("button", name="Send the answer").click()
    staff.locator("#request-state", has_text="Answered").wait_for()

    answer = smtp.wait_for(2)[1]
    assert answer["To"] == "vilma@example.se"
    assert "We hold nothing about you" in smtp.body(answer)


def test_a_signed_in_person_opens_a_request_and_sees_it(live_server, context_factory):
    person = factories.make_user(role="consultant", locale="en")
    db.session.commit()
    page = context_factory(locale="en-GB").new_page()
    page.goto(live_server + "/auth/login")
    page.fill("#email", person.email)
    page.fill("#password", factories.PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/consultant/$"))
    page.goto(live_server + "/privacy/")
    assert_accessible(page)
    page.locator("#right-complaint").click()
    page.wait_for_url(re.compile(r"/privacy/requests/\d+$"))
    assert_accessible(page)
    page.fill("#body", "Please also remove my CV.")
    page.get_by_role("button", name="Send", exact=True).click()
    page.locator(".thread", has_text="Please also remove my CV.").wait_for()
    page.goto(live_server + "/privacy-policy/versions")
    assert_accessible(page)
