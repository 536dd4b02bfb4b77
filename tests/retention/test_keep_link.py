"""The one link in the warning mail (R-CON-11): a GET shows a confirm page, a POST with CSRF keeps the
account without signing in; a tampered, replayed or expired link gets a clear 400 page, never a 500."""
from __future__ import annotations

import re
from datetime import date, timedelta

import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, OutboxMail, RetentionWarning, User
from tests.retention.test_inactivity import PERIOD, WARN, inactive, is_erased, run_on

TOKEN = re.compile(r"/auth/keep-account/(\S+)")
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def warned(today: date | None = None) -> tuple[User, str]:
    today = today or date.today()
    user = inactive(PERIOD - WARN, today, locale="en")
    run_on(today)
    body = db.session.scalar(sa.select(OutboxMail.body_text).where(OutboxMail.user_id == user.id))
    return user, TOKEN.search(body).group(1)


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    return found.group(1) or found.group(2)


def test_the_link_shows_a_confirm_page_and_the_post_keeps_the_account(app, client):
    user, token = warned()
    page = client.get(f"/auth/keep-account/{token}", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Keep my account" in html and "3 years" in html
    db.session.expire_all()
    assert db.session.get(RetentionWarning, 1).state == "sent"  # a GET changes nothing (mail scanners open links)
    kept = client.post(f"/auth/keep-account/{token}", data={"csrf_token": csrf_of(html)},
                       headers={"Accept-Language": "en"})
    assert kept.status_code == 200 and "Your account is kept" in kept.get_data(as_text=True)
    db.session.expire_all()
    warning = db.session.scalar(sa.select(RetentionWarning).where(RetentionWarning.user_id == user.id))
    assert warning.state == "kept" and warning.kept_at is not None
    assert db.session.scalar(sa.select(AuditEvent.action).where(AuditEvent.subject_id == user.id)
                             .order_by(AuditEvent.seq.desc()).limit(1)) == "retention.keep"
    # The period starts again: thirty days later nothing is deleted, and no new warning is due.
    later = run_on(date.today() + timedelta(days=WARN))
    assert later.counts["deleted_inactive"] == 0 and later.counts["warned"] == 0 and not is_erased(user)


def test_a_post_without_the_csrf_token_is_refused(app, client):
    user, token = warned()
    assert client.post(f"/auth/keep-account/{token}").status_code == 400
    db.session.expire_all()
    assert db.session.scalar(sa.select(RetentionWarning.state).where(RetentionWarning.user_id == user.id)) == "sent"


def test_the_link_works_once(app, client, csrf_off):
    _user, token = warned()
    assert client.post(f"/auth/keep-account/{token}").status_code == 200
    again = client.post(f"/auth/keep-account/{token}", headers={"Accept-Language": "en"})
    assert again.status_code == 400 and "already been used" in again.get_data(as_text=True)
    opened = client.get(f"/auth/keep-account/{token}", headers={"Accept-Language": "en"})
    assert opened.status_code == 400 and "already been used" in opened.get_data(as_text=True)


def test_a_tampered_link_is_refused(app, client, csrf_off):
    _user, token = warned()
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    for response in (client.get(f"/auth/keep-account/{tampered}", headers={"Accept-Language": "en"}),
                     client.post(f"/auth/keep-account/{tampered}", headers={"Accept-Language": "en"}),
                     client.get("/auth/keep-account/not-a-token", headers={"Accept-Language": "en"})):
        assert response.status_code == 400
        assert "not valid" in response.get_data(as_text=True)


def test_an_expired_link_is_refused(app, client, csrf_off):
    user, token = warned(date.today() - timedelta(days=WARN + 2))  # its deletion day has passed
    response = client.post(f"/auth/keep-account/{token}", headers={"Accept-Language": "en"})
    assert response.status_code == 400 and "expired" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(sa.select(RetentionWarning.state).where(RetentionWarning.user_id == user.id)) == "sent"


def test_the_link_of_a_deleted_account_is_refused(app, client, csrf_off):
    user, token = warned(date.today() - timedelta(days=WARN))
    run_on(date.today())
    assert is_erased(user)
    response = client.get(f"/auth/keep-account/{token}", headers={"Accept-Language": "en"})
    assert response.status_code == 400


def test_the_confirm_page_is_in_swedish(app, client):
    _user, token = warned()
    html = client.get(f"/auth/keep-account/{token}", headers={"Accept-Language": "sv"}).get_data(as_text=True)
    assert "Behåll mitt konto" in html and "3 år" in html
