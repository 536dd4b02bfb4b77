"""A staff admin pauses a person's access: every session ends at once, sign-in is refused, and
the person is told; only admins may, never for themselves (issue 12, finding 3; R-STAFF-1)."""
from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, OutboxMail, User, UserSession
from tests import factories
from tests.conftest import sign_in


def test_pausing_access_ends_the_persons_sessions_and_blocks_sign_in(app, login_as):
    admin = login_as("staff", staff_roles="admin recruiter")
    consultant = factories.make_user(role="consultant")
    browser = app.test_client()
    sign_in(browser, consultant)
    assert browser.get("/consultant/").status_code == 200
    response = admin.post(f"/staff/accounts/{consultant.id}/deactivate", data={"next": "/staff/"})
    assert response.status_code == 303
    assert browser.get("/consultant/").status_code == 303
    assert db.session.scalar(sa.select(sa.func.count()).select_from(UserSession)
                             .where(UserSession.user_id == consultant.id)) == 0
    again = app.test_client().post("/auth/login", data={"email": consultant.email, "password": factories.PASSWORD})
    assert again.status_code == 422
    assert db.session.scalar(sa.select(OutboxMail).where(OutboxMail.user_id == consultant.id)) is not None
    assert db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "account.deactivate",
                                                         AuditEvent.subject_id == consultant.id)) is not None
    admin.post(f"/staff/accounts/{consultant.id}/reactivate", data={"next": "/staff/"})
    assert not db.session.get(User, consultant.id).is_disabled
    sign_in(app.test_client(), consultant)


def test_only_admins_pause_access_and_never_their_own(app, login_as):
    recruiter = login_as("staff", staff_roles="recruiter")
    consultant = factories.make_user(role="consultant")
    assert recruiter.post(f"/staff/accounts/{consultant.id}/deactivate").status_code == 403
    admin = login_as("staff", staff_roles="admin")
    assert admin.post(f"/staff/accounts/{admin.user.id}/deactivate").status_code == 403
    assert admin.post("/staff/accounts/999999/deactivate").status_code == 404
    assert admin.post(f"/staff/accounts/{consultant.id}/deactivate", data={"next": "https://evil.example/"}
                      ).headers["Location"].endswith("/staff/")
    buyer = login_as("buyer")
    assert buyer.post(f"/staff/accounts/{consultant.id}/deactivate").status_code == 403
    assert not db.session.get(User, admin.user.id).is_disabled
