"""axe-core on the other pages of issue 4, filled with data: partner, support, staff queues, public list."""
from __future__ import annotations

import re

import pytest

from portal.extensions import db
from portal.services.organisations import partnerships, service_requests
from portal.services.actors import SYSTEM, Actor
from tests import factories
from tests.browser.conftest import assert_accessible, sign_in
from tests.orgs.helpers import make_assignment

pytestmark = pytest.mark.browser


def test_pages_are_accessible(app, live_server, context_factory):
    partner = factories.make_user(role="partner")
    staff = factories.make_user(role="staff", staff_roles="admin recruiter")
    organisation = partner.active_membership().organisation
    partnerships.add_contact(SYSTEM, organisation, staff.id, "Events")
    partnerships.share_document(SYSTEM, organisation, title="Plan", filename="plan.txt", content_type="text/plain",
                                data=b"plan")
    request = service_requests.open_request(Actor(user=partner), partner, subject="A question", body="Hello?")
    make_assignment(factories.make_organisation("buyer"), title="Open job", show_buyer=True)
    db.session.commit()

    page = context_factory(locale="en-GB").new_page()
    page.goto(live_server + "/assignments")
    assert_accessible(page)
    page.get_by_role("link", name="Open job").click()
    assert_accessible(page)

    sign_in(page, live_server, partner)
    assert_accessible(page)
    for path in ("/partner/partnership", "/partner/contact-details", "/support/", f"/support/{request.id}"):
        page.goto(live_server + path)
        assert_accessible(page)
    page.goto(live_server + "/partner/contact-details")
    page.fill("#phone", "call me")
    page.get_by_role("button", name="Save").click()
    page.locator("#phone-error").wait_for()
    assert_accessible(page)

    staff_page = context_factory(locale="en-GB").new_page()
    sign_in(staff_page, live_server, staff)
    for path in ("/staff/requests", f"/staff/requests/{request.id}", f"/staff/partners/{organisation.id}",
                 f"/staff/organisations/{organisation.id}", "/staff/erasure-queue", "/staff/offers"):
        staff_page.goto(live_server + path)
        assert_accessible(staff_page)
    staff_page.goto(live_server + f"/staff/requests/{request.id}")
    staff_page.fill("#body", "Here is the answer.")
    staff_page.get_by_role("button", name="Send the reply").click()
    staff_page.wait_for_url(re.compile(rf"/staff/requests/{request.id}$"))
    staff_page.get_by_text("Here is the answer.").wait_for()


def test_a_stale_revision_shows_its_message_in_place(app, live_server, context_factory):
    buyer = factories.make_user(role="buyer")
    assignment = make_assignment(buyer.active_membership().organisation, state="draft", title="Original")
    db.session.commit()
    page = context_factory(locale="en-GB").new_page()
    sign_in(page, live_server, buyer)
    page.goto(live_server + f"/buyer/assignments/{assignment.id}/edit")
    assignment.title = "Changed elsewhere"  # a colleague saves first: the version moves on
    db.session.commit()
    page.fill("#title", "Mine")
    page.get_by_role("button", name="Save").click()
    page.locator(".form-errors").wait_for()
    assert "reload the page" in page.locator(".form-errors").inner_text()
    assert page.url.endswith(f"/buyer/assignments/{assignment.id}/edit")
    assert_accessible(page)
    db.session.refresh(assignment)
    assert assignment.title == "Changed elsewhere"
