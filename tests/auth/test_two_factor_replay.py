"""A TOTP code signs in once; recovery codes are single use (issue 12, finding 4; ASVS 2.8.4, 2.5.6)."""
from __future__ import annotations

import re

import pyotp
import sqlalchemy as sa

from portal.extensions import db
from portal.models import OutboxMail, RecoveryCode, User
from portal.services.accounts import recovery_codes
from portal.services.actors import Actor
from tests import factories
from tests.conftest import totp_code

SYSTEM = Actor(user=None, ip=None)


def _password_step(client, user):
    response = client.post("/auth/login", data={"email": user.email, "password": factories.PASSWORD})
    assert response.headers["Location"].endswith("/auth/login/code")


def test_the_same_code_cannot_open_two_sessions(app, csrf_off):
    staff = factories.make_user(role="staff", staff_roles="recruiter")
    code = totp_code(staff)
    first, second = app.test_client(), app.test_client()
    _password_step(first, staff)
    _password_step(second, staff)
    assert first.post("/auth/login/code", data={"code": code}).status_code == 303
    replay = second.post("/auth/login/code", data={"code": code}, headers={"Accept-Language": "en"})
    assert replay.status_code == 422 and "used already" in replay.text
    assert second.get("/staff/").status_code == 303


def test_a_code_older_than_the_last_accepted_one_is_refused(app, csrf_off):
    staff = factories.make_user(role="staff", staff_roles="recruiter")
    totp = pyotp.TOTP(staff.totp_secret)
    now_step = totp.timecode(__import__("datetime").datetime.now(__import__("datetime").timezone.utc))
    db.session.execute(sa.update(User).where(User.id == staff.id).values(totp_last_step=now_step))
    db.session.commit()
    client = app.test_client()
    _password_step(client, staff)
    previous = totp.generate_otp(now_step - 1)
    assert client.post("/auth/login/code", data={"code": previous}).status_code == 422
    assert client.post("/auth/login/code", data={"code": totp.generate_otp(now_step + 1)}).status_code == 303


def test_a_recovery_code_signs_in_once_and_tells_the_owner(app, csrf_off):
    staff = factories.make_user(role="staff", staff_roles="recruiter", locale="en")
    codes = recovery_codes.issue(SYSTEM, staff)
    db.session.commit()
    client = app.test_client()
    _password_step(client, staff)
    assert client.post("/auth/login/recovery", data={"recovery-recovery_code": codes[0].upper()}).status_code == 303
    assert client.get("/staff/").status_code == 200
    mail = db.session.scalars(sa.select(OutboxMail).where(OutboxMail.user_id == staff.id)).all()[-1]
    assert "recovery code" in mail.subject and "9 unused recovery codes" in mail.body_text
    again = app.test_client()
    _password_step(again, staff)
    replay = again.post("/auth/login/recovery", data={"recovery-recovery_code": codes[0]},
                        headers={"Accept-Language": "en"})
    assert replay.status_code == 422 and "used already" in replay.text
    assert again.get("/staff/").status_code == 303


def test_wrong_or_hostile_recovery_codes_are_refused_cleanly(app, csrf_off):
    user = factories.make_user(role="staff", staff_roles="recruiter")
    recovery_codes.issue(SYSTEM, user)
    db.session.commit()
    client = app.test_client()
    _password_step(client, user)
    for value in ("", "abcde-fghjk", "<i hx-get=/x hx-trigger=load>", "9" * 5000, "' OR 1=1 --"):
        response = client.post("/auth/login/recovery", data={"recovery-recovery_code": value})
        assert response.status_code == 422, value
        assert "<i hx-get" not in response.text
    assert client.get("/staff/").status_code == 303


def test_recovery_codes_are_stored_hashed_and_renewal_replaces_them(app, login_as):
    portal = login_as("staff", staff_roles="recruiter")
    user = db.session.get(User, portal.user.id)
    old = recovery_codes.issue(SYSTEM, user)
    db.session.commit()
    stored = db.session.scalars(sa.select(RecoveryCode.code_hash).where(RecoveryCode.user_id == user.id)).all()
    assert not set(old) & set(stored) and all(len(h) == 64 for h in stored)
    shown = portal.post("/auth/account/recovery-codes", data={"codes-code": totp_code(user)})
    assert shown.status_code == 200
    new = re.findall(r"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>", shown.text)
    assert len(new) == 10 and not set(new) & set(old)
    assert not recovery_codes.use(SYSTEM, user, old[0]) and recovery_codes.use(SYSTEM, user, new[0])


def test_renewing_recovery_codes_needs_a_fresh_code(login_as):
    portal = login_as("staff", staff_roles="recruiter")
    assert portal.post("/auth/account/recovery-codes", data={"codes-code": "000000"}).status_code == 422
    assert recovery_codes.remaining(portal.user) == 0
