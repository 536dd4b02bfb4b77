"""Representatives join their organisation by an invitation link (staff or the org's admin)."""
from __future__ import annotations

import re

import sqlalchemy as sa

from portal.extensions import db
from portal.models import Invitation, Membership, OutboxMail, User
from tests import factories

EN = {"Accept-Language": "en"}
ACCEPT = {"name": "Nina Ny", "job_title": "Projektledare", "phone": "", "password": "a long enough password",
          "confirm": "a long enough password"}


def _invitation_link() -> str:
    mail = db.session.scalar(sa.select(OutboxMail).order_by(OutboxMail.id.desc()))
    return re.search(r"http://localhost(/auth/invitation/\S+)", mail.body_text).group(1)


def test_staff_invites_and_the_person_joins(login_as, client):
    organisation = factories.make_organisation(kind="supplier")
    staff = login_as("staff", staff_roles="recruiter")
    response = staff.post(f"/staff/organisations/{organisation.id}/invite", data={"email": "Nina@Firma.se"})
    assert response.status_code == 303
    link = _invitation_link()
    page = client.get(link, headers=EN)
    assert page.status_code == 200 and organisation.name in page.get_data(as_text=True)
    assert client.post(link, data=ACCEPT).status_code == 303
    user = db.session.scalar(sa.select(User).where(User.email == "nina@firma.se"))
    assert user.role == "supplier" and user.is_verified and user.job_title == "Projektledare"
    membership = db.session.scalar(sa.select(Membership).where(Membership.user_id == user.id))
    assert membership.organisation_id == organisation.id and not membership.is_admin
    again = client.get(link, headers=EN)
    assert again.status_code == 400


def test_org_admin_invites_a_colleague(login_as):
    buyer = login_as("buyer")
    response = buyer.post("/buyer/colleagues/invite", data={"email": "kollega@example.se", "is_admin": "y"})
    assert response.status_code == 303
    invitation = db.session.scalar(sa.select(Invitation))
    assert invitation.email == "kollega@example.se" and invitation.is_admin


def test_non_admin_representative_cannot_invite(login_as):
    buyer = login_as("buyer", is_admin=False)
    assert buyer.post("/buyer/colleagues/invite", data={"email": "kollega@example.se"}).status_code == 403
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Invitation)) == 0


def test_invitation_to_an_existing_account_is_refused(login_as):
    factories.make_user(email="taken@example.se")
    buyer = login_as("buyer")
    response = buyer.post("/buyer/colleagues/invite", data={"email": "taken@example.se"}, headers=EN)
    assert response.status_code == 422 and "already has an account" in response.get_data(as_text=True)


def test_invitation_form_bad_input(login_as, client):
    organisation = factories.make_organisation(kind="partner")
    staff = login_as("staff", staff_roles="admin")
    staff.post(f"/staff/organisations/{organisation.id}/invite", data={"email": "p@example.se"})
    link = _invitation_link()
    response = client.post(link, data={**ACCEPT, "name": "", "phone": "call me maybe"}, headers=EN)
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "Enter your name." in body and "digits only" in body
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User).where(User.email == "p@example.se")) == 0
