"""The consent ID follows the visitor into an account (R-WEB-2) and the privacy centre shows and
withdraws it (R-RIGHTS-1)."""
from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.models import ConsentLink, ConsentRecord, User
from portal.services.consent import ledger
from portal.services.organisations import onboarding
from portal.services.actors import SYSTEM
from tests import factories
from tests.conftest import sign_in
from tests.consent.conftest import EN, form_values

PASSWORD = "a long enough password 42"


def _accept(client, choice="accept_all"):
    html = client.get("/", headers=EN).get_data(as_text=True)
    client.post("/cookies", data={**form_values(html), "choice": choice}, headers=EN)
    return db.session.scalar(sa.select(ConsentRecord).order_by(ConsentRecord.id.desc())).consent_id


def test_registration_links_the_consent_id_to_the_new_account(client, registry, csrf_off):
    consent_id = _accept(client)
    response = client.post("/auth/register", data={"name": "Maja Mätare", "email": "maja@example.se",
                                                   "password": PASSWORD, "confirm": PASSWORD, "accept_terms": "y"})
    assert response.status_code == 303
    user = db.session.scalar(sa.select(User).where(User.email == "maja@example.se"))
    assert [link.consent_id for link in db.session.scalars(sa.select(ConsentLink))] == [consent_id]
    assert [r.consent_id for r in ledger.history_for(user)] == [consent_id]


def test_organisation_registration_links_too(client, registry, csrf_off):
    consent_id = _accept(client, "reject_all")
    response = client.post("/auth/register/organisation", data={
        "kind": "buyer", "organisation_name": "Länk AB", "org_number": factories.org_number(), "name": "Lars Länk",
        "job_title": "Chef", "email": "lars@lank.se", "password": PASSWORD, "confirm": PASSWORD, "accept_terms": "y"})
    assert response.status_code == 303, response.get_data(as_text=True)[:300]
    user = db.session.scalar(sa.select(User).where(User.email == "lars@lank.se"))
    assert [r.consent_id for r in ledger.history_for(user)] == [consent_id]


def test_accepting_an_invitation_links_too(client, registry, csrf_off):
    organisation = factories.make_organisation()
    tokens = []
    onboarding.invite(SYSTEM, organisation, "ny@example.se", is_admin=False,
                         link_for=lambda token: tokens.append(token) or f"http://x/{token}")
    db.session.commit()
    consent_id = _accept(client)
    response = client.post(f"/auth/invitation/{tokens[0]}", data={"name": "Nina Ny", "job_title": "Inköpare",
                                                                   "password": PASSWORD, "confirm": PASSWORD})
    assert response.status_code == 303
    user = db.session.scalar(sa.select(User).where(User.email == "ny@example.se"))
    assert [r.consent_id for r in ledger.history_for(user)] == [consent_id]


def test_registration_without_a_choice_or_with_a_tampered_cookie_links_nothing(client, registry, csrf_off):
    client.set_cookie("consent", "tampered.value")
    response = client.post("/auth/register", data={"name": "Utan Val", "email": "utan@example.se",
                                                   "password": PASSWORD, "confirm": PASSWORD, "accept_terms": "y"})
    assert response.status_code == 303
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ConsentLink)) == 0


def test_privacy_centre_lists_the_history_and_withdraws_in_one_click(app, registry, csrf_off):
    user = factories.make_user()
    db.session.commit()
    client = app.test_client()
    consent_id = _accept(client)
    sign_in(client, user)
    ledger.link_to_user(consent_id, user)
    db.session.commit()
    html = client.get("/privacy/", headers=EN).get_data(as_text=True)
    assert "Your cookie consents" in html and "Every cookie choice linked to your account" in html
    assert 'id="withdraw-statistics"' in html and 'id="withdraw-preferences"' in html
    client.set_cookie("_ga", "GA1.1.1.1")
    response = client.post("/privacy/consent/withdraw", data={"category": "statistics"}, headers=EN)
    assert response.status_code == 303 and response.headers["Location"] == "/privacy/"
    assert any(h.startswith("_ga=;") for h in response.headers.getlist("Set-Cookie"))
    latest = ledger.latest(consent_id)
    assert (latest.method, latest.statistics, latest.preferences, latest.user_id) == ("withdrawal", False, True, user.id)
    html = client.get("/privacy/", headers=EN).get_data(as_text=True)
    assert 'id="withdraw-statistics"' not in html and "Withdrawal" in html
    assert "analytics" not in client.get("/", headers=EN).get_data(as_text=True)


def test_privacy_centre_withdraw_bad_category_is_400_and_writes_nothing(login_as, registry):
    portal = login_as("consultant")
    before = db.session.scalar(sa.select(sa.func.count()).select_from(ConsentRecord))
    assert portal.post("/privacy/consent/withdraw", data={"category": "necessary"}).status_code == 400
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ConsentRecord)) == before


def test_one_persons_history_is_not_anothers(app, registry, csrf_off):
    alice, bob = factories.make_user(), factories.make_user()
    db.session.commit()
    client = app.test_client()
    ledger.link_to_user(_accept(client), alice)
    db.session.commit()
    other = app.test_client()
    sign_in(other, bob)
    html = other.get("/privacy/", headers=EN).get_data(as_text=True)
    assert "No cookie choice is linked to your account." in html
    assert other.post("/privacy/consent/withdraw", data={"category": "statistics"}).status_code == 303
    assert ledger.latest(ledger.history_for(alice)[0].consent_id).method == "banner"  # untouched


def test_withdrawal_in_the_privacy_centre_covers_this_browser_even_if_chosen_before_sign_in(app, registry,
                                                                                             csrf_off):
    user = factories.make_user()
    db.session.commit()
    client = app.test_client()
    consent_id = _accept(client)  # chosen anonymously, never linked
    sign_in(client, user)
    assert 'id="withdraw-statistics"' in client.get("/privacy/", headers=EN).get_data(as_text=True)
    client.post("/privacy/consent/withdraw", data={"category": "statistics"})
    assert ledger.latest(consent_id).statistics is False
    assert "analytics" not in client.get("/", headers=EN).get_data(as_text=True)


def test_an_objection_to_usage_analysis_keeps_the_analytics_away_whatever_the_banner_says(app, registry, csrf_off):
    """R-LI, Art. 21: the objection outranks the device's cookie yes until the privacy officer refuses it."""
    from portal.models import PrivacyRequest
    from portal.services.actors import Actor
    from portal.services.privacy import privacy_requests

    user = factories.make_user()
    db.session.commit()
    client = app.test_client()
    _accept(client)
    sign_in(client, user)
    assert "G-TEST123" in client.get("/", headers=EN).get_data(as_text=True)
    assert client.post("/privacy/object", data={"purpose": "usage_analysis"}, headers=EN).status_code == 303
    assert "G-TEST123" not in client.get("/", headers=EN).get_data(as_text=True)
    case = db.session.scalars(sa.select(PrivacyRequest)).one()
    privacy_requests.refuse(Actor(user=factories.make_user("staff")), case, "no_overriding_reason",
                            "The analysis is anonymous.")
    db.session.commit()
    assert "G-TEST123" in client.get("/", headers=EN).get_data(as_text=True)
