"""Failures are throttled per account and per address, with back-off, a lockout mail and an unlock
link; Redis shares the counts between workers (issue 12, finding 10; ASVS 2.2.1, 2.2.3)."""
from __future__ import annotations

import re
import uuid

import pytest
import redis
import sqlalchemy as sa

from portal.extensions import db
from portal.models import OutboxMail, User
from portal.services.accounts import throttle
from tests import factories
from tests.conftest import totp_code

EN = {"Accept-Language": "en"}
WRONG = "not the password at all 1"


def _attempt(client, email, password=WRONG, ip="10.1.1.1"):
    return client.post("/auth/login", data={"email": email, "password": password}, headers=EN,
                       environ_base={"REMOTE_ADDR": ip})


def _lockout_mails(user) -> list[OutboxMail]:
    return list(db.session.scalars(sa.select(OutboxMail).where(OutboxMail.user_id == user.id,
                                                               OutboxMail.subject.contains("paused"))))


def test_an_account_locks_after_five_failures_from_any_address_and_the_owner_can_unlock(app, client, csrf_off):
    user = factories.make_user(locale="en")
    db.session.commit()
    statuses = [_attempt(client, user.email, ip=f"10.0.0.{i}").status_code for i in range(5)]
    assert statuses == [422, 422, 422, 422, 429]  # five addresses: the account is what is counted
    locked = _attempt(client, user.email, password=factories.PASSWORD, ip="10.9.9.9")
    assert locked.status_code == 429 and "Wait 1 minute and" in locked.text
    mails = _lockout_mails(user)
    assert len(mails) == 1
    link = re.search(r"http://localhost(/auth/unlock/\S+)", mails[0].body_text).group(1)
    assert "Lift the pause" in client.get(link, headers=EN).text  # a GET spends nothing
    assert client.post(link).status_code == 303
    assert client.post(link).status_code == 400  # once only
    assert _attempt(client, user.email, password=factories.PASSWORD).status_code == 303


def test_an_unknown_address_gets_the_same_answer_and_no_mail(app, client, csrf_off):
    known = factories.make_user()
    db.session.commit()
    answers = []
    for email in (known.email, f"nobody-{uuid.uuid4().hex[:6]}@example.com"):
        for _ in range(4):
            _attempt(client, email)
        answers.append(_attempt(client, email))
    assert [a.status_code for a in answers] == [429, 429]
    assert answers[0].text.count("Too many failed attempts") == answers[1].text.count("Too many failed attempts") == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMail)) == 1  # the known one only


def test_back_off_doubles_after_each_lock(app):
    with app.test_request_context():
        for _ in range(4):
            throttle.failed("login", "x@example.com", None)
        first = throttle.failed("login", "x@example.com", None)
        second = throttle.failed("login", "x@example.com", None)
    assert first.locked_now and 55 <= first.wait_seconds <= 60
    assert second.locked_now and 115 <= second.wait_seconds <= 120


def test_wrong_totp_codes_lock_the_second_step(app, csrf_off):
    staff = factories.make_user(role="staff", staff_roles="recruiter")
    db.session.commit()
    client = app.test_client()
    client.post("/auth/login", data={"email": staff.email, "password": factories.PASSWORD})
    statuses = [client.post("/auth/login/code", data={"code": "000000"}).status_code for _ in range(6)]
    assert statuses[-1] == 429
    assert client.post("/auth/login/code", data={"code": totp_code(staff)}).status_code == 429
    assert client.get("/staff/").status_code == 303


def test_wrong_passwords_at_erasure_are_throttled_and_erase_nothing(login_as):
    portal = login_as("consultant")
    statuses = [portal.post("/privacy/erasure", data={"password": WRONG, "confirm": "y"}).status_code
                for _ in range(6)]
    assert statuses[:5] == [422] * 5 and statuses[5] == 429
    right = portal.post("/privacy/erasure", data={"password": factories.PASSWORD, "confirm": "y"})
    assert right.status_code == 429
    assert not db.session.get(User, portal.user.id).is_disabled


@pytest.fixture
def redis_url():
    url = "redis://127.0.0.1:6379/14"
    yield url
    connection = redis.Redis.from_url(url)
    for key in connection.scan_iter("LIMITS:portal-throttle/*"):
        connection.delete(key)


def test_two_workers_share_the_counts_through_redis(make_app, redis_url):
    email = f"shared-{uuid.uuid4().hex[:8]}@example.com"
    first, second = make_app(RATELIMIT_STORAGE_URI=redis_url), make_app(RATELIMIT_STORAGE_URI=redis_url)
    with first.test_request_context():
        for _ in range(3):
            throttle.failed("login", email, None)
    with second.test_request_context():
        assert throttle.wait("login", email, None) == 0
        throttle.failed("login", email, None)
        verdict = throttle.failed("login", email, None)
    assert verdict.locked_now
    with first.test_request_context():
        assert throttle.wait("login", email, None) > 0


def test_production_refuses_per_worker_counting(monkeypatch, tmp_path):
    from portal import create_app
    from portal.config import ConfigError

    for name, value in {"PORTAL_CONFIG": "production", "SECRET_KEY": "x" * 48, "PUBLIC_URL": "https://p.example",
                        "DATABASE_URL": f"sqlite:///{tmp_path}/p.sqlite3", "FIELD_ENCRYPTION_KEYS": "0" * 43 + "=",
                        "AUDIT_KEYS": "2026:" + "k" * 40}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("RATELIMIT_STORAGE_URI", raising=False)
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    with pytest.raises(ConfigError, match="RATELIMIT_STORAGE_URI"):
        create_app()
    monkeypatch.setenv("WEB_CONCURRENCY", "1")
    assert create_app().config["RATELIMIT_STORAGE_URI"] == "memory://"
