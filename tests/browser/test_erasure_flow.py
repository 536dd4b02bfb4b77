"""End to end in Chromium (R-RIGHTS-2, R-RIGHTS-4): access (the JSON download) and erasure for a buyer, a
supplier and a partner by themselves; a consultant with a profile and an attachment; a visitor through the
form, the mail link and the privacy officer; the erasure queue and legal holds. axe on every new page."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import Attachment, LegalHold, OutboxMail, User
from portal.services.matching import search
from portal.services.organisations import representatives
from portal.services.profiles import attachments
from portal.services.actors import Actor
from tests import factories
from tests.browser.conftest import assert_accessible, sign_in
from tests.profiles.helpers import PDF, profile_of

pytestmark = pytest.mark.browser


def _access_and_erase(page, base, user, smtp) -> None:
    sign_in(page, base, user)
    page.goto(base + "/privacy/")
    with page.expect_download() as download:
        page.locator("#download-my-data").click()
    extract = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert extract["person"]["email"] == user.email

    page.locator("#right-erasure").click()
    page.wait_for_url(re.compile(r"/privacy/erasure$"))
    assert_accessible(page)
    assert page.locator("#erasure-kept").is_visible()
    page.fill("#password", "wrong password entirely")
    page.check("#confirm")
    page.locator("#erase-now").click()
    page.locator(".error", has_text="The password is not right.").wait_for()
    assert_accessible(page)
    page.fill("#password", factories.PASSWORD)
    page.check("#confirm")
    page.locator("#erase-now").click()
    page.wait_for_url(re.compile(r"/privacy/erasure/done$"))
    assert_accessible(page)
    assert "Security log" in page.locator("#receipt-kept").inner_text()
    with page.expect_download() as receipt:
        page.locator("#receipt-json").click()
    assert json.loads(Path(receipt.value.path()).read_text(encoding="utf-8"))["deleted"]
    message = smtp.wait_for(1)[-1]
    assert message["To"] == user.email and "Deleted:" in smtp.body(message)
    db.session.expire_all()
    assert db.session.get(User, user.id).is_disabled
    assert not db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMail)
                                 .where(OutboxMail.to_address == user.email))
    page.goto(base + "/privacy/")
    page.wait_for_url(re.compile(r"/auth/login"))  # signed out, and the account cannot sign in again


@pytest.mark.parametrize("role", ["buyer", "supplier", "partner"])
def test_a_representative_downloads_and_erases_their_data(live_server, context_factory, smtp, role):
    user = factories.make_user(role=role, locale="en", name=f"Bo {role.title()}", email=f"bo.{role}@example.se")
    db.session.commit()
    _access_and_erase(context_factory(locale="en-GB").new_page(), live_server, user, smtp)


def test_a_consultant_with_a_profile_and_a_file_is_erased_everywhere(app, live_server, context_factory, smtp):
    user = factories.make_user(role="consultant", locale="en", name="Cilla Consult", email="cilla@example.se")
    profile = profile_of(user)
    profile.title, profile.summary = "Tester", "Zorblaxian test automation."
    with app.test_request_context():
        attachments.upload(Actor(user=user), profile, kind="cv", filename="cilla.pdf", data=PDF)
    db.session.commit()
    search.drain()
    stored = Path(app.config["UPLOAD_DIR"]) / "attachments"
    assert len(list(stored.iterdir())) == 1 and user.id in search.current_index().stored()

    _access_and_erase(context_factory(locale="en-GB").new_page(), live_server, user, smtp)

    assert list(stored.iterdir()) == []
    assert user.id not in search.current_index().stored()
    assert db.session.scalars(sa.select(Attachment)).all() == []
    index_bytes = b"".join(p.read_bytes() for p in Path(app.config["SEARCH_INDEX_DIR"]).rglob("*") if p.is_file())
    assert b"zorblaxian" not in index_bytes.lower()


def test_a_visitors_erasure_from_form_to_receipt(live_server, context_factory, smtp):
    person = factories.make_user(role="consultant", name="Vera Visitor", email="vera.v@example.se")
    officer = factories.make_user(role="staff", staff_roles="privacy_officer", locale="en")
    db.session.commit()
    visitor = context_factory(locale="en-GB").new_page()
    visitor.goto(live_server + "/privacy/ask")
    visitor.fill("#name", "Vera Visitor")
    visitor.fill("#email", "vera.v@example.se")
    visitor.select_option("#kind", "erasure")
    visitor.locator("main form button[type=submit]").click()
    visitor.wait_for_url(re.compile(r"/privacy/ask/sent$"))
    link = re.search(r"http://\S+/privacy/ask/confirm/\S+", smtp.body(smtp.wait_for(1)[0])).group(0)
    visitor.goto(link)
    visitor.locator("main form button[type=submit]").click()
    visitor.get_by_role("heading", name=re.compile("confirmed")).wait_for()

    staff = context_factory(locale="en-GB").new_page()
    sign_in(staff, live_server, officer)
    staff.goto(live_server + "/staff/privacy-requests")
    staff.locator("table.queue tbody tr", has_text="Vera Visitor").get_by_role("link").click()
    staff.wait_for_url(re.compile(r"/staff/privacy-requests/\d+$"))
    staff.get_by_role("button", name="Start work").click()
    staff.locator("#erasure-section", has_text="Deleted now").wait_for()
    assert_accessible(staff)
    staff.get_by_role("button", name="Erase now and send the receipt").click()
    staff.locator("#request-state", has_text="Answered").wait_for()
    assert_accessible(staff)
    answer = smtp.wait_for(2)[-1]
    assert answer["To"] == "vera.v@example.se" and "Kept, and why" in smtp.body(answer)
    db.session.expire_all()
    assert db.session.get(User, person.id).is_disabled
    assert "Vera Visitor" not in staff.content()


def test_staff_erase_a_queued_representative_and_manage_legal_holds(live_server, context_factory):
    admin = factories.make_user(role="partner")
    leaver = factories.make_user(role="partner", organisation=admin.memberships[0].organisation, is_admin=False,
                                 name="Pia Partner", email="pia@example.se")
    factories.make_user(role="buyer", email="held.buyer@example.se")
    officer = factories.make_user(role="staff", staff_roles="privacy_officer", locale="en")
    db.session.flush()
    item = representatives.end(Actor(user=admin), leaver.memberships[0])
    db.session.commit()
    staff = context_factory(locale="en-GB").new_page()
    sign_in(staff, live_server, officer)
    staff.goto(live_server + "/staff/erasure-queue")
    assert_accessible(staff)
    staff.locator(f"a[href='/staff/erasure-queue/{item.id}']").click()
    staff.locator("#erasure-kept").wait_for()
    assert_accessible(staff)
    staff.get_by_role("button", name="Erase now").click()
    staff.locator("#item-state", has_text="Done").wait_for()
    assert_accessible(staff)

    staff.goto(live_server + "/staff/legal-holds")
    assert_accessible(staff)
    staff.fill("#email", "held.buyer@example.se")
    staff.fill("#reason", "A client's claim about an invoice")
    staff.locator("#place-hold").click()
    staff.locator("#legal-holds", has_text="A client's claim").wait_for()
    assert_accessible(staff)
    staff.get_by_role("button", name="Lift the hold").click()
    staff.locator("#legal-holds", has_text="None.").wait_for()
    assert db.session.scalars(sa.select(LegalHold)).one().lifted_at is not None
