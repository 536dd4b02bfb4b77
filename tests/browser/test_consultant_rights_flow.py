"""A consultant uses their rights end to end in Chromium (R-RIGHTS-2, 6, R-LI, R-RIGHTS-1, R-MATCH-3):
the register extract as a page and as JSON, portability as a ZIP and by direct transfer to another
controller's endpoint (a local receiver that downloads the ZIP once), objection to marketing, withdrawal
of a cookie consent, "why was I suggested" with a human review in the privacy officer's queue, and the
complaint contacts. The JSON files are validated against the published schemas; axe on every page."""
from __future__ import annotations

import io
import json
import re
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import jsonschema
import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import DataTransfer, PrivacyRequest, User
from portal.demo import seed
from portal.services.privacy import marketing, portability
from tests import factories
from tests.browser.conftest import assert_accessible, sign_in
from tests.privacy.test_portability_transfer import Receiver

pytestmark = pytest.mark.browser


def _validate(name: str, document: dict) -> None:
    jsonschema.validate(document, json.loads(portability.schema_text(name)), cls=jsonschema.Draft202012Validator)


@pytest.fixture
def klara(app):
    """The demo consultant: a full profile and a shortlist question waiting (flask demo load)."""
    list(seed.load())
    db.session.commit()
    return db.session.scalar(sa.select(User).where(User.email == seed.demo_email("konsult")))


def _download(page, button: str) -> bytes:
    with page.expect_download() as info:
        page.locator(button).click()
    return Path(info.value.path()).read_bytes()


def _privacy(page, base: str) -> None:
    page.goto(base + "/privacy/")
    assert_accessible(page)


def test_access_and_portability_with_direct_transfer(app, live_server, context_factory, klara):
    app.config["TRANSFER_ALLOWED_INSECURE_HOSTS"] = ("127.0.0.1",)
    receiver = Receiver()
    try:
        page = context_factory(locale="en-GB", accept_downloads=True).new_page()
        sign_in(page, live_server, klara, password=seed.DEMO_PASSWORD)
        _privacy(page, live_server)

        # Access (Art. 15): the readable extract, then the same as JSON, valid against its schema.
        page.locator("#extract-page").click()
        page.wait_for_url(re.compile(r"/privacy/extract$"))
        assert_accessible(page)
        profile = page.locator("#category-consultant_profiles").locator("xpath=..")
        text = profile.inner_text()  # Klara reads Swedish: the headings and the texts about her data (#14)
        assert "Källa" in text and "Du (inskrivet" in text and "You (typed in" not in text
        extract = json.loads(_download(page, "#extract-download-json"))
        _validate("access_extract", extract)
        assert extract["person"]["email"] == klara.email

        # Portability (Art. 20): the ZIP, its JSON valid against the schema in the ZIP and on the site.
        _privacy(page, live_server)
        archive = zipfile.ZipFile(io.BytesIO(_download(page, "#download-zip")))
        document = json.loads(archive.read("portability.json"))
        _validate("portability", document)
        assert document["tables"]["skills"] and "csv/employment.csv" in archive.namelist()

        # Direct transfer: the receiver's endpoint gets the link; it downloads the ZIP once.
        page.fill("#destination", receiver.url)
        page.locator("#send-transfer").click()
        page.wait_for_url(re.compile(r"/privacy/transfers/\d+$"))
        assert_accessible(page)
        assert page.locator("#transfer-state").inner_text().startswith("Länken skickad")
        [call] = receiver.received
        with urllib.request.urlopen(call["json"]["download_url"], timeout=10) as response:
            received = zipfile.ZipFile(io.BytesIO(response.read()))
        _validate("portability", json.loads(received.read("portability.json")))
        with pytest.raises(urllib.error.HTTPError) as second:
            urllib.request.urlopen(call["json"]["download_url"], timeout=10)
        assert second.value.code == 400
        page.reload()
        assert page.locator("#transfer-state").inner_text().startswith("Nedladdad")
        assert_accessible(page)

        # A bad receiver is refused on the page, with the reason next to the field.
        _privacy(page, live_server)
        before = db.session.scalar(sa.select(sa.func.count(DataTransfer.id)))
        page.fill("#destination", "http://receiver.example.org/import")
        page.locator("#send-transfer").click()
        page.locator("#destination-error").wait_for()
        assert "https://" in page.locator("#destination-error").inner_text()
        assert_accessible(page)
        assert db.session.scalar(sa.select(sa.func.count(DataTransfer.id))) == before
    finally:
        receiver.close()


def test_objection_consent_human_review_and_complaint_contacts(app, live_server, context_factory, klara):
    officer = factories.make_user(role="staff", staff_roles="privacy_officer", locale="en")
    db.session.commit()
    page = context_factory(locale="en-GB").new_page()
    page.goto(live_server + "/")
    page.get_by_role("button", name="Accept all").click()  # cookie consent given before signing in
    page.locator("#consent-banner").wait_for(state="detached")
    sign_in(page, live_server, klara, password=seed.DEMO_PASSWORD)
    _privacy(page, live_server)

    # Objection to marketing: it stops at once, without anyone deciding.
    page.locator("#object-marketing").click()
    page.locator("#marketing-objected").wait_for()
    assert_accessible(page)
    db.session.expire_all()
    assert marketing.send(db.session.get(User, klara.id), "News", "marketing_news") is None

    # Consent withdrawal: one click for a cookie category this account allowed.
    withdraw = page.locator("[id^=withdraw-]").first
    category = withdraw.get_attribute("id").removeprefix("withdraw-")
    withdraw.click()
    page.locator(f"#withdraw-{category}").wait_for(state="detached")
    assert_accessible(page)

    # Complaint contacts: the controller's privacy team and the supervisory authority (IMY).
    complaints = page.locator("section[aria-labelledby=complain-title]").inner_text()
    assert "dataprotection@customersonly.com" in complaints and "Integritetsskyddsmyndigheten (IMY)" in complaints
    assert "imy@imy.se" in complaints

    # Why was I suggested, and a human review that lands in the privacy officer's queue.
    page.goto(live_server + "/consultant/requests")
    assert_accessible(page)
    why = page.locator("details.why-suggested").first
    why.locator("summary").click()
    reasons = why.locator("ul")
    assert reasons.locator("li").count() >= 1
    assert_accessible(page)
    why.locator("button[type=submit]").click()
    page.locator(".flash-success").wait_for()
    assert_accessible(page)
    review = db.session.scalars(sa.select(PrivacyRequest).where(PrivacyRequest.kind == "human_review")).one()
    assert review.user_id == klara.id and review.state == "verified"

    staff = context_factory(locale="en-GB").new_page()
    sign_in(staff, live_server, officer)
    staff.goto(live_server + "/staff/privacy-requests")
    assert_accessible(staff)
    row = staff.locator("tbody tr", has_text="Human review")
    assert row.count() == 1 and klara.name in row.inner_text()
