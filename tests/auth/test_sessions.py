"""Server-side sessions: sign-out ends the session on the server, a copied cookie opens nothing,
the account page lists and ends sessions (issue 12, finding 3; R-SEC-2, ASVS 3.3)."""
from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa

from portal.extensions import db
from portal.models import User, UserSession, utcnow
from portal.services.accounts.sign_in_sessions import device_label
from tests import factories
from tests.conftest import sign_in

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def _copy_cookie(source, target) -> None:
    target.set_cookie("session", source.get_cookie("session").value)


def test_a_cookie_copied_before_sign_out_opens_nothing_after_it(app, login_as):
    portal = login_as("consultant")
    thief = app.test_client()
    _copy_cookie(portal, thief)
    assert thief.get("/consultant/profile").status_code == 200  # the copy works while signed in
    portal.post("/auth/logout")
    for page in ("/consultant/profile", "/privacy/", "/auth/account"):
        response = thief.get(page)
        assert response.status_code == 303 and "/auth/login" in response.headers["Location"], page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(UserSession)
                             .where(UserSession.user_id == portal.user.id)) == 0


def test_the_account_page_lists_each_browser_and_ends_another(app, login_as):
    portal = login_as("consultant", locale="en")
    phone = app.test_client()
    sign_in(phone, portal.user)
    page = portal.get("/auth/account").text
    assert page.count('class="session-list"') == 1 and "This browser" in page
    other = db.session.scalars(sa.select(UserSession).where(UserSession.user_id == portal.user.id)
                               .order_by(UserSession.id)).all()[-1]
    assert portal.post(f"/auth/account/sessions/{other.id}/end").status_code == 303
    assert phone.get("/auth/account").status_code == 303  # the phone is signed out
    assert portal.get("/auth/account").status_code == 200  # this browser is not


def test_sign_out_everywhere_else_keeps_only_this_browser(app, login_as):
    portal = login_as("buyer")
    others = [app.test_client() for _ in range(2)]
    for other in others:
        sign_in(other, portal.user)
    portal.post("/auth/account/sessions/end-others")
    assert [o.get("/auth/account").status_code for o in others] == [303, 303]
    assert portal.get("/auth/account").status_code == 200


def test_nobody_ends_another_persons_session(app, login_as):
    mallory = login_as("consultant")
    victim = factories.make_user(role="consultant")
    victims_browser = app.test_client()
    sign_in(victims_browser, victim)
    victims_session = db.session.scalar(sa.select(UserSession.id).where(UserSession.user_id == victim.id))
    response = mallory.post(f"/auth/account/sessions/{victims_session}/end")
    assert response.status_code == 303
    assert victims_browser.get("/consultant/").status_code == 200
    assert mallory.post(f"/auth/account/sessions/{2**63}/end").status_code in (303, 404)


def test_a_session_ends_after_its_lifetime_whatever_the_activity(app, login_as):
    portal = login_as("consultant")
    db.session.execute(sa.update(UserSession).where(UserSession.user_id == portal.user.id)
                       .values(created_at=utcnow() - timedelta(hours=9)))
    db.session.commit()
    assert portal.get("/consultant/").status_code == 303


def test_password_reset_ends_every_session(app, login_as):
    from portal.services.accounts import registration, tokens

    portal = login_as("consultant")
    user = db.session.get(User, portal.user.id)
    token = tokens.issue("reset_password", {"user": user.id, "epoch": user.session_epoch})
    registration.reset_password(factories.system_actor() if hasattr(factories, "system_actor") else _actor(),
                                token, "a new and rather long passphrase 42")
    db.session.commit()
    assert portal.get("/consultant/").status_code == 303


def _actor():
    from portal.services.actors import Actor

    return Actor(user=None, ip=None)


def test_the_session_row_keeps_a_coarse_device_and_no_address(app, client, csrf_off):
    user = factories.make_user()
    db.session.commit()
    client.post("/auth/login", data={"email": user.email, "password": factories.PASSWORD},
                headers={"User-Agent": FIREFOX})
    record = db.session.scalar(sa.select(UserSession).where(UserSession.user_id == user.id))
    assert record.device == "Firefox / Linux"
    assert not re.search(r"\d+\.\d+\.\d+\.\d+|rv:|Gecko", record.device)
    assert {c.key for c in sa.inspect(UserSession).columns} == {
        "id", "user_id", "token_hash", "device", "created_at", "last_seen_at"}
    assert client.get_cookie("session").value.find(record.token_hash) == -1  # only the hash is stored


def test_device_labels_for_common_browsers():
    assert device_label("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
                        "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1") == "Safari / iOS"
    assert device_label("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                        "Chrome/120.0 Safari/537.36 Edg/120.0") == "Edge / Windows"
    assert device_label("<script>alert(1)</script>/1.0") == "scriptalert1"
    assert device_label(None) == ""


def test_erasure_and_export_cover_sessions_and_recovery_codes(app, login_as):
    from portal.services.privacy import erasure, personal_data

    from portal.services.accounts import recovery_codes

    portal = login_as("consultant")
    user = db.session.get(User, portal.user.id)
    recovery_codes.issue(_actor(), user)
    db.session.commit()
    extract = personal_data.collect(user)
    assert len(extract["user_sessions"]) == 1 and "token_hash" not in extract["user_sessions"][0]
    assert len(extract["recovery_codes"]) == 10 and "code_hash" not in extract["recovery_codes"][0]
    erasure.execute(_actor(), user)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(UserSession)) == 0
    assert portal.get("/consultant/").status_code == 303
