"""A visitor's request: the public form, the one-time link, and what the answers never reveal."""
import re

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, OutboxMail, PrivacyRequest
from tests import factories

EN = {"Accept-Language": "en"}
GOOD = {"name": "Vera Visitor", "email": "Vera@Example.se", "kind": "access", "details": "What do you hold?"}


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count(model.id)))


def _link(mail: OutboxMail) -> str:
    return re.search(r"http://\S+/privacy/ask/confirm/(\S+)", mail.body_text).group(0)


def _submit(client, **changes):
    return client.post("/privacy/ask", data={**GOOD, **changes}, headers=EN)


def test_the_form_mails_a_link_and_the_link_puts_the_request_in_the_queue(client, csrf_off):
    assert client.get("/privacy/ask", headers=EN).status_code == 200
    response = _submit(client)
    assert response.status_code == 303 and response.headers["Location"].endswith("/privacy/ask/sent")
    request = db.session.scalars(sa.select(PrivacyRequest)).one()
    assert (request.state, request.email, request.user_id) == ("received", "vera@example.se", None)
    mail = db.session.scalars(sa.select(OutboxMail)).one()
    assert mail.to_address == "vera@example.se"
    link = _link(mail)
    # A GET (a mail scanner) only shows the button and spends nothing.
    page = client.get(link, headers=EN)
    assert page.status_code == 200 and "Confirm my request" in page.get_data(as_text=True)
    db.session.refresh(request)
    assert request.state == "received"
    confirmed = client.post(link, headers=EN)
    assert confirmed.status_code == 200 and "is confirmed" in confirmed.get_data(as_text=True)
    db.session.refresh(request)
    assert request.state == "verified" and request.verified_at is not None
    assert "privacy_request.verified" in db.session.scalars(sa.select(AuditEvent.action)).all()


def test_a_reused_link_is_a_clear_400(client, csrf_off):
    _submit(client)
    link = _link(db.session.scalars(sa.select(OutboxMail)).one())
    assert client.post(link, headers=EN).status_code == 200
    again = client.post(link, headers=EN)
    assert again.status_code == 400 and "already been used" in again.get_data(as_text=True)


def test_a_tampered_link_is_a_clear_400(client, csrf_off):
    _submit(client)
    link = _link(db.session.scalars(sa.select(OutboxMail)).one())
    forged = link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB")
    response = client.post(forged, headers=EN)
    assert response.status_code == 400 and "not valid" in response.get_data(as_text=True)
    assert db.session.scalars(sa.select(PrivacyRequest.state)).one() == "received"


def test_an_expired_link_is_a_clear_400(app, client, csrf_off):
    _submit(client)
    link = _link(db.session.scalars(sa.select(OutboxMail)).one())
    app.config["TOKEN_MAX_AGE"] = {**app.config["TOKEN_MAX_AGE"], "privacy_request": -1}
    response = client.post(link, headers=EN)
    assert response.status_code == 400 and "expired" in response.get_data(as_text=True)
    assert db.session.scalars(sa.select(PrivacyRequest.state)).one() == "received"


def test_a_link_from_another_purpose_does_not_verify(client, csrf_off):
    from portal.services.accounts import tokens

    _submit(client)
    request_id = db.session.scalars(sa.select(PrivacyRequest.id)).one()
    with client.application.test_request_context():
        token = tokens.issue("verify_email", {"request": request_id, "email": "vera@example.se"})
    assert client.post(f"/privacy/ask/confirm/{token}", headers=EN).status_code == 400


def test_the_answer_never_reveals_whether_the_address_has_an_account(client, csrf_off):
    factories.make_user(role="consultant", email="known@example.se")
    db.session.commit()
    known = _submit(client, email="known@example.se")
    unknown = _submit(client, email="unknown@example.se")
    assert known.status_code == unknown.status_code == 303
    assert known.headers["Location"] == unknown.headers["Location"]
    assert client.get("/privacy/ask/sent", headers=EN).status_code == 200
    # Both addresses get the same kind of mail, and neither request is tied to an account yet.
    subjects = db.session.scalars(sa.select(OutboxMail.subject).order_by(OutboxMail.id)).all()
    assert subjects[0] == subjects[1]
    assert db.session.scalars(sa.select(PrivacyRequest.user_id)).all() == [None, None]


def test_verifying_a_registered_address_links_the_request_to_that_account(client, csrf_off):
    person = factories.make_user(role="buyer", email="known@example.se")
    db.session.commit()
    _submit(client, email="known@example.se")
    client.post(_link(db.session.scalars(sa.select(OutboxMail)).one()), headers=EN)
    assert db.session.scalars(sa.select(PrivacyRequest.user_id)).one() == person.id


@pytest.mark.parametrize("changes, field", [
    ({"name": "", "email": "", "kind": ""}, "name"),
    ({"name": "x" * 121}, "name"),
    ({"email": "not-an-address"}, "email"),
    ({"email": "a@b"}, "email"),
    ({"kind": "telepathy"}, "kind"),
    ({"kind": ""}, "kind"),
    ({"details": "x" * 4001}, "details"),
])
def test_bad_input_is_a_422_with_a_message_and_nothing_stored(client, csrf_off, changes, field):
    response = _submit(client, **changes)
    assert response.status_code == 422
    assert f'id="{field}-error"' in response.get_data(as_text=True)
    assert _count(PrivacyRequest) == 0 and _count(OutboxMail) == 0


def test_a_forged_csrf_token_is_refused_and_nothing_stored(client):
    response = client.post("/privacy/ask", data={**GOOD, "csrf_token": "forged"}, headers=EN)
    assert response.status_code == 400
    assert client.post("/privacy/ask", data=GOOD, headers=EN).status_code == 400
    assert _count(PrivacyRequest) == 0 and _count(OutboxMail) == 0


def test_the_form_is_rate_limited(make_app):
    limited = make_app(RATELIMIT_ENABLED=True, WTF_CSRF_ENABLED=False)
    client = limited.test_client()
    statuses = [client.post("/privacy/ask", data={"name": ""}, headers=EN).status_code for _ in range(6)]
    assert statuses[:5] == [422] * 5 and statuses[5] == 429


def test_an_unconfirmed_request_stays_out_of_the_queue_and_is_deleted_when_its_link_expires(app, client, csrf_off):
    from datetime import timedelta

    from portal.services.privacy import privacy_requests

    _submit(client)
    _submit(client, email="other@example.se")
    assert privacy_requests.queue() == []
    old, recent = db.session.scalars(sa.select(PrivacyRequest).order_by(PrivacyRequest.id)).all()
    old.received_at -= timedelta(seconds=app.config["TOKEN_MAX_AGE"]["privacy_request"] + 60)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["privacy", "purge-unverified"])
    assert "deleted 1 unconfirmed" in result.output
    assert db.session.scalars(sa.select(PrivacyRequest.id)).all() == [recent.id]
