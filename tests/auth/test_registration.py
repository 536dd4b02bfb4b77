"""Registration of consultants and organisations, e-mail verification (R-SEC-2, R-WEB-2)."""
from __future__ import annotations

import re

import sqlalchemy as sa

from portal.extensions import db
from portal.models import Membership, Organisation, OutboxMail, User
from tests import factories

EN = {"Accept-Language": "en"}
GOOD = {"name": "Maja Mätare", "email": "Maja@Example.se", "password": "a long enough password",
        "confirm": "a long enough password", "accept_terms": "y"}


def _link(mail: OutboxMail) -> str:
    return re.search(r"http://localhost(/auth/\S+)", mail.body_text).group(1)


def test_consultant_registration_verification_and_login(client, csrf_off):
    response = client.post("/auth/register", data=GOOD, headers=EN)
    assert response.status_code == 303 and response.headers["Location"].endswith("/auth/check-mail")
    user = db.session.scalar(sa.select(User))
    assert user.email == "maja@example.se" and user.role == "consultant" and not user.is_verified
    assert user.password_hash.startswith("$argon2id$")

    # not yet verified: sign-in says so and lets nothing in
    refused = client.post("/auth/login", data={"email": "maja@example.se", "password": GOOD["password"]}, headers=EN)
    assert refused.status_code == 422 and "Confirm your e-mail" in refused.get_data(as_text=True)

    mail = db.session.scalar(sa.select(OutboxMail))
    assert mail.to_address == "maja@example.se" and mail.user_id == user.id
    link = _link(mail)
    assert client.get(link).status_code == 200  # a GET only shows the button (mail scanners)
    db.session.refresh(user)
    assert not user.is_verified
    assert client.post(link).status_code == 303
    db.session.refresh(user)
    assert user.is_verified

    reused = client.post(link, headers=EN)
    assert reused.status_code == 400 and "already been used" in reused.get_data(as_text=True)

    ok = client.post("/auth/login", data={"email": "MAJA@example.se", "password": GOOD["password"]})
    assert ok.status_code == 303 and ok.headers["Location"].endswith("/consultant/")


def test_registration_bad_inputs_get_422_and_store_nothing(client, csrf_off):
    cases = [
        ({}, "Enter your name."),
        ({**GOOD, "email": "not-an-address"}, "Enter a valid e-mail address."),
        ({**GOOD, "name": "x" * 121}, "Field cannot be longer than 120 characters."),
        ({**GOOD, "password": "short", "confirm": "short"}, "must be 12–128 characters"),
        ({**GOOD, "confirm": "something else entirely"}, "The passwords are not the same."),
        ({**GOOD, "accept_terms": ""}, "tick the box"),
    ]
    for data, message in cases:
        response = client.post("/auth/register", data=data, headers=EN)
        assert response.status_code == 422, data
        assert message in response.get_data(as_text=True), message
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMail)) == 0


def test_a_known_address_gets_the_same_answer_and_its_owner_a_mail(client, csrf_off):
    """Issue 12, finding 7: registering must not tell who has an account."""
    owner = factories.make_user(email="maja@example.se", locale="en")
    db.session.commit()
    unknown = client.post("/auth/register", data={**GOOD, "email": "new-person@example.se"}, headers=EN)
    known = client.post("/auth/register", data={**GOOD, "email": "MAJA@EXAMPLE.SE"}, headers=EN)
    assert (known.status_code, known.headers["Location"]) == (unknown.status_code, unknown.headers["Location"])
    assert "already exists" not in known.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 2  # the owner and the new one
    mail = db.session.scalars(sa.select(OutboxMail).where(OutboxMail.user_id == owner.id)).all()
    assert len(mail) == 1 and "tried to create a new Customersonly account" in mail[0].body_text
    assert "/auth/password/forgot" in mail[0].body_text


ORG = {"kind": "buyer", "organisation_name": "Testbolaget AB", "org_number": "556706-5981", "name": "Karl Köpare",
       "job_title": "Inköpare", "phone": "+46 70 123 45 67", "email": "karl@testbolaget.se",
       "password": "a long enough password", "confirm": "a long enough password", "accept_terms": "y"}


def test_organisation_registration_awaits_approval(client, csrf_off):
    response = client.post("/auth/register/organisation", data=ORG)
    assert response.status_code == 303
    organisation = db.session.scalar(sa.select(Organisation))
    assert organisation.org_number == "5567065981" and organisation.status == "pending"
    membership = db.session.scalar(sa.select(Membership))
    assert membership.is_admin and membership.user.role == "buyer" and membership.user.job_title == "Inköpare"


def test_organisation_number_with_wrong_checksum_is_refused(client, csrf_off):
    response = client.post("/auth/register/organisation", data={**ORG, "org_number": "556706-5982"}, headers=EN)
    assert response.status_code == 422
    assert "not a valid Swedish organisation number" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Organisation)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def test_a_known_address_registers_no_organisation_and_answers_the_same(client, csrf_off):
    factories.make_user(email="karl@testbolaget.se")
    db.session.commit()
    response = client.post("/auth/register/organisation", data=ORG, headers=EN)
    assert response.status_code == 303 and response.headers["Location"].endswith("/auth/check-mail")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Organisation)) == 0  # nothing half-written
    bad_number = client.post("/auth/register/organisation", data={**ORG, "org_number": "123"}, headers=EN)
    assert bad_number.status_code == 422  # the organisation's own errors still show, whoever asks


def test_registration_is_throttled_per_address(client, csrf_off):
    statuses = [client.post("/auth/register", data={**GOOD, "email": "target@example.se"},
                            environ_base={"REMOTE_ADDR": f"10.2.0.{i}"}).status_code for i in range(6)]
    assert statuses[:5] == [303] * 5 and statuses[5] == 429


def test_unknown_kind_is_refused(client, csrf_off):
    response = client.post("/auth/register/organisation", data={**ORG, "kind": "pirate"}, headers=EN)
    assert response.status_code == 422


def test_tampered_verification_token_is_a_clear_400(client, csrf_off):
    client.post("/auth/register", data=GOOD)
    link = _link(db.session.scalar(sa.select(OutboxMail)))
    response = client.post(link[:-3] + "abc", headers=EN)
    assert response.status_code == 400
    assert "not valid" in response.get_data(as_text=True)


def test_expired_verification_token_is_a_clear_400(app, client, csrf_off):
    client.post("/auth/register", data=GOOD)
    link = _link(db.session.scalar(sa.select(OutboxMail)))
    app.config["TOKEN_MAX_AGE"] = {**app.config["TOKEN_MAX_AGE"], "verify_email": -1}
    response = client.post(link, headers=EN)
    assert response.status_code == 400 and "expired" in response.get_data(as_text=True)


def test_resend_answers_the_same_for_known_and_unknown(client, csrf_off):
    client.post("/auth/register", data=GOOD)
    known = client.post("/auth/verify/resend", data={"email": "maja@example.se"}, headers=EN)
    unknown = client.post("/auth/verify/resend", data={"email": "nobody@example.se"}, headers=EN)
    assert known.status_code == unknown.status_code == 303
    assert known.headers["Location"] == unknown.headers["Location"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMail)) == 2
