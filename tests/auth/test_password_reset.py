"""Password reset by a signed, expiring, single-use link; the same answer for unknown e-mails."""
from __future__ import annotations

import re

import sqlalchemy as sa

from portal.extensions import db
from portal.models import OutboxMail
from tests import factories
from tests.conftest import sign_in

EN = {"Accept-Language": "en"}
NEW = {"password": "a brand new password", "confirm": "a brand new password"}


def _reset_link() -> str:
    mail = db.session.scalar(sa.select(OutboxMail).order_by(OutboxMail.id.desc()))
    return re.search(r"http://localhost(/auth/password/reset/\S+)", mail.body_text).group(1)


def test_same_answer_for_known_and_unknown_email(client, csrf_off):
    factories.make_user(email="known@example.se")
    known = client.post("/auth/password/forgot", data={"email": "known@example.se"})
    unknown = client.post("/auth/password/forgot", data={"email": "unknown@example.se"})
    assert known.status_code == unknown.status_code == 303
    assert known.headers["Location"] == unknown.headers["Location"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMail)) == 1


def test_reset_flow_and_single_use(app, client, csrf_off):
    user = factories.make_user(email="known@example.se")
    client.post("/auth/password/forgot", data={"email": "known@example.se"})
    link = _reset_link()
    assert client.get(link).status_code == 200
    mismatch = client.post(link, data={"password": "a brand new password", "confirm": "different"}, headers=EN)
    assert mismatch.status_code == 422
    assert client.post(link, data=NEW).status_code == 303
    used = client.post(link, data=NEW, headers=EN)
    assert used.status_code == 400 and "already been used" in used.get_data(as_text=True)
    fresh = app.test_client()
    sign_in(fresh, user, password=NEW["password"])


def test_tampered_and_expired_reset_links(app, client, csrf_off):
    factories.make_user(email="known@example.se")
    client.post("/auth/password/forgot", data={"email": "known@example.se"})
    link = _reset_link()
    assert client.get(link + "x", headers=EN).status_code == 400
    app.config["TOKEN_MAX_AGE"] = {**app.config["TOKEN_MAX_AGE"], "reset_password": -1}
    expired = client.get(link, headers=EN)
    assert expired.status_code == 400 and "expired" in expired.get_data(as_text=True)


def test_a_newer_password_change_voids_older_links(client, csrf_off):
    user = factories.make_user(email="known@example.se")
    client.post("/auth/password/forgot", data={"email": "known@example.se"})
    first = _reset_link()
    client.post("/auth/password/forgot", data={"email": "known@example.se"})
    second = _reset_link()
    assert client.post(second, data=NEW).status_code == 303
    assert client.get(first).status_code == 400
    assert user.session_epoch >= 1
