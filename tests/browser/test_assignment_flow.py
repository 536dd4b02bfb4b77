"""In Chromium: a buyer drafts an assignment (must/should requirements, LOU), staff publish it, a supplier
offers a consultant, and the buyer sees the offer count change (R-BUY-1, R-SUP-1, R-CON-4)."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import Offer
from tests import factories
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser




def test_buyer_drafts_staff_publish_supplier_offers_buyer_sees_the_count(app, live_server, context_factory):
    buyer = factories.make_user(role="buyer")
    supplier = factories.make_user(role="supplier")
    staff = factories.make_user(role="staff", staff_roles="recruiter")
    db.session.commit()
    start = date.today() + timedelta(days=30)

    buyer_page = context_factory(locale="en-GB").new_page()
    sign_in(buyer_page, live_server, buyer)
    buyer_page.get_by_role("link", name="Assignment requests").click()
    buyer_page.get_by_role("link", name="New assignment request").click()
    assert_accessible(buyer_page)
    buyer_page.fill("#title", "Integration architect")
    buyer_page.fill("#role", "Architect")
    buyer_page.fill("#description", "Design the integration platform.")
    buyer_page.fill("#start_date", start.isoformat())
    buyer_page.fill("#end_date", (start + timedelta(days=180)).isoformat())
    buyer_page.fill("#extent", "120")  # too much: refused in place
    buyer_page.fill("#answer_deadline", (date.today() + timedelta(days=10)).isoformat())
    buyer_page.select_option("#requirements-0-kind", "must")
    buyer_page.fill("#requirements-0-text", "Java")
    buyer_page.select_option("#requirements-1-kind", "should")
    buyer_page.fill("#requirements-1-text", "Kafka")
    buyer_page.fill("#requirements-1-weight", "4")
    buyer_page.fill("#procurement_reference", "DNR 2026-42")
    buyer_page.fill("#framework_agreement", "IT-konsulter 2025")
    buyer_page.select_option("#call_off_type", "renewed_competition")
    buyer_page.select_option("#evaluation_model", "best_price_quality")
    buyer_page.get_by_role("button", name="Save").click()
    buyer_page.locator("#extent-error").wait_for()
    assert buyer_page.locator("#extent").get_attribute("aria-invalid") == "true"
    buyer_page.fill("#extent", "100")
    buyer_page.get_by_role("button", name="Save").click()
    buyer_page.wait_for_url(re.compile(r"/buyer/assignments/\d+$"))
    assert "DNR 2026-42" in buyer_page.content()
    assert_accessible(buyer_page)
    buyer_page.get_by_role("button", name="Submit for review").click()
    buyer_page.get_by_text("Submitted for review").first.wait_for()
    assignment_url = buyer_page.url

    staff_page = context_factory(locale="en-GB").new_page()
    sign_in(staff_page, live_server, staff)
    staff_page.goto(live_server + "/staff/assignments")
    assert_accessible(staff_page)
    staff_page.get_by_role("link", name="Integration architect").click()
    assert_accessible(staff_page)
    staff_page.get_by_role("button", name="Publish").click()
    staff_page.get_by_text("State: Published").wait_for()

    buyer_page.goto(live_server + "/buyer/assignments")
    count = buyer_page.locator("td.offer-count")
    assert count.inner_text() == "0"

    supplier_page = context_factory(locale="en-GB").new_page()
    sign_in(supplier_page, live_server, supplier)
    supplier_page.get_by_role("link", name="Published assignments").click()
    assert_accessible(supplier_page)
    supplier_page.get_by_role("link", name="Integration architect").click()
    assert_accessible(supplier_page)
    supplier_page.get_by_role("link", name="Offer a consultant").click()
    assert_accessible(supplier_page)
    supplier_page.fill("#new_name", "Ingrid Integration")
    supplier_page.fill("#new_email", "ingrid@firm.example")
    supplier_page.locator("input[type=radio][value=yes]").check()
    supplier_page.locator("main select[id^=level_]").select_option("4")
    supplier_page.fill("#rate", "1150")
    supplier_page.get_by_role("button", name="Send the offer to the consultant").click()
    supplier_page.wait_for_url(re.compile(r"/supplier/offers/\d+$"))
    assert "Waiting for the consultant's agreement" in supplier_page.content()
    assert_accessible(supplier_page)

    buyer_page.reload()
    assert count.inner_text() == "0"  # nothing counts before the consultant agrees (R-CON-9)
    factories.accept_offer(db.session.scalar(sa.select(Offer)))
    db.session.commit()
    buyer_page.reload()
    assert count.inner_text() == "1"
    buyer_page.goto(assignment_url)
    assert buyer_page.locator("#offer-count").inner_text() == "1"
    assert "Ingrid" not in buyer_page.content()
