"""Sign-in: argon2id, the same answer for unknown e-mails, TOTP for staff, sessions, rate limits."""
from __future__ import annotations

import re

import pyotp
import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, User
from tests import factories
from tests.conftest import sign_in

EN = {"Accept-Language": "en"}


def test_wrong_password_and_unknown_email_get_the_same_answer(client, csrf_off):
    factories.make_user(email="known@example.se")
    wrong = client.post("/auth/login", data={"email": "known@example.se", "password": "wrong"}, headers=EN)
    unknown = client.post("/auth/login", data={"email": "nobody@example.se", "password": "wrong"}, headers=EN)
    assert wrong.status_code == unknown.status_code == 422
    def without_echo(response, email):
        # the typed e-mail is echoed back and every page carries its own signed CSRF token
        return re.sub(r'(content|value)="[\w-]+\.[\w.-]+"', "TOKEN", response.get_data(as_text=True).replace(email, "EMAIL"))

    assert without_echo(wrong, "known@example.se") == without_echo(unknown, "nobody@example.se")


def test_login_records_time_and_audit_with_ip(client, csrf_off):
    user = factories.make_user()
    sign_in(client, user)
    db.session.refresh(user)
    assert user.last_login_at is not None
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "auth.login"))
    assert event.subject_id == user.id and event.ip == "127.0.0.1"


def test_staff_must_enter_a_totp_code(client, csrf_off):
    staff = factories.make_user(role="staff")
    first = client.post("/auth/login", data={"email": staff.email, "password": factories.PASSWORD})
    assert first.headers["Location"].endswith("/auth/login/code")
    assert client.get("/staff/").status_code == 303  # not signed in yet
    bad = client.post("/auth/login/code", data={"code": "000000"}, headers=EN)
    assert bad.status_code == 422 and "does not match" in bad.get_data(as_text=True)
    ok = client.post("/auth/login/code", data={"code": pyotp.TOTP(staff.totp_secret).now()})
    assert ok.status_code == 303 and ok.headers["Location"].endswith("/staff/")
    assert client.get("/staff/").status_code == 200


def test_staff_without_totp_must_enrol_before_entering(client, csrf_off):
    staff = factories.make_user(role="staff", totp_secret=None, totp_enabled=False)
    client.post("/auth/login", data={"email": staff.email, "password": factories.PASSWORD})
    page = client.get("/auth/login/code", headers=EN)
    assert "needs two-factor sign-in" in page.get_data(as_text=True)
    with client.session_transaction() as session:
        secret = session["pending_secret"]
    shown = client.post("/auth/login/code", data={"code": pyotp.TOTP(secret).now()})
    # Signed in, and the recovery codes are shown once, on this page only (issue 12, finding 4).
    assert shown.status_code == 200 and len(re.findall(r"<code>[a-z2-9]{5}-[a-z2-9]{5}</code>", shown.text)) == 10
    assert client.get("/staff/").status_code == 200
    db.session.refresh(staff)
    assert staff.totp_enabled and staff.totp_secret == secret


def test_code_page_without_password_step_goes_back_to_login(client):
    response = client.get("/auth/login/code")
    assert response.status_code == 303 and response.headers["Location"].endswith("/auth/login")


def test_optional_two_factor_for_a_consultant(login_as):
    portal = login_as("consultant")
    portal.post("/auth/account/two-factor")
    with portal.session_transaction() as session:
        secret = session["enrol_secret"]
    bad = portal.post("/auth/account/two-factor/confirm", data={"totp-code": "123456"})
    assert bad.status_code == 422
    shown = portal.post("/auth/account/two-factor/confirm", data={"totp-code": pyotp.TOTP(secret).now()})
    assert shown.status_code == 200 and len(re.findall(r"<code>[a-z2-9]{5}-[a-z2-9]{5}</code>", shown.text)) == 10
    user = db.session.get(User, portal.user.id)
    assert user.totp_enabled
    fresh = portal.application.test_client()
    first = fresh.post("/auth/login", data={"email": user.email, "password": factories.PASSWORD})
    assert first.headers["Location"].endswith("/auth/login/code")


def test_next_parameter_cannot_leave_the_site(client, csrf_off):
    user = factories.make_user()
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = client.post("/auth/login?next=" + target, data={"email": user.email, "password": factories.PASSWORD})
        assert response.headers["Location"].endswith("/consultant/"), target
        client.post("/auth/logout")
    response = client.post("/auth/login?next=/privacy/", data={"email": user.email, "password": factories.PASSWORD})
    assert response.headers["Location"].endswith("/privacy/")


def test_password_change_signs_out_other_sessions(app, login_as):
    portal = login_as("consultant")
    other = app.test_client()
    sign_in(other, portal.user)
    assert other.get("/auth/account").status_code == 200
    response = portal.post("/auth/account/password", data={
        "pw-current_password": factories.PASSWORD, "pw-password": "another long password", "pw-confirm": "another long password"})
    assert response.status_code == 303
    assert portal.get("/auth/account").status_code == 200
    assert other.get("/auth/account").status_code == 303


def test_password_change_with_wrong_current_password(login_as):
    portal = login_as("buyer")
    response = portal.post("/auth/account/password", data={
        "pw-current_password": "wrong", "pw-password": "another long password", "pw-confirm": "another long password"},
        headers=EN)
    assert response.status_code == 422 and "current password is not correct" in response.get_data(as_text=True)


def test_login_is_rate_limited(make_app):
    limited = make_app(RATELIMIT_ENABLED=True, WTF_CSRF_ENABLED=False, THROTTLE_ENABLED=False)  # the per-IP cap alone
    client = limited.test_client()
    statuses = [client.post("/auth/login", data={"email": "x@example.se", "password": "wrong"},
                            headers=EN).status_code for _ in range(11)]
    assert statuses[:10] == [422] * 10
    assert statuses[10] == 429
    assert "Too many attempts" in client.post("/auth/login", data={}, headers=EN).get_data(as_text=True)


def test_disabled_account_cannot_sign_in(client, csrf_off):
    user = factories.make_user(is_disabled=True)
    response = client.post("/auth/login", data={"email": user.email, "password": factories.PASSWORD})
    assert response.status_code == 422


def test_passwords_get_rfc_9106_parameters_and_only_the_suite_may_ask_for_cheaper(app, make_app):
    from portal.services.accounts.passwords import hash_password, verify_password

    cheap = hash_password("correct horse")
    assert cheap.startswith("$argon2id$") and "m=8,t=1,p=1" in cheap
    served = make_app(TESTING=False, ARGON2_PROFILE="CHEAPEST")
    with served.app_context():
        strong = hash_password("correct horse")
        assert strong.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
        assert verify_password(strong, "correct horse") and not verify_password(strong, "wrong horse")
