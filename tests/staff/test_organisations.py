"""Back office: approving organisations, agreement dates, and audited views of representatives."""
from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, Organisation, OutboxMail
from tests import factories

EN = {"Accept-Language": "en"}


def test_approve_a_pending_organisation_and_tell_its_representatives(login_as):
    organisation = factories.make_organisation(kind="buyer", status="pending")
    factories.make_user(role="buyer", organisation=organisation)
    staff = login_as("staff", staff_roles="recruiter")
    response = staff.post(f"/staff/organisations/{organisation.id}/decide", data={"decision": "approve"})
    assert response.status_code == 303
    organisation = db.session.get(Organisation, organisation.id)
    assert organisation.status == "approved" and organisation.agreement_start is not None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMail)) == 1
    again = staff.post(f"/staff/organisations/{organisation.id}/decide", data={"decision": "reject"})
    assert again.status_code == 303
    assert db.session.get(Organisation, organisation.id).status == "approved"


def test_unknown_decision_is_a_400(login_as):
    organisation = factories.make_organisation(status="pending")
    staff = login_as("staff", staff_roles="admin")
    assert staff.post(f"/staff/organisations/{organisation.id}/decide", data={"decision": "maybe"}).status_code == 400


def test_agreement_cannot_end_before_it_starts(login_as):
    organisation = factories.make_organisation()
    staff = login_as("staff", staff_roles="admin")
    response = staff.post(f"/staff/organisations/{organisation.id}/agreement",
                          data={"agreement_start": "2026-05-01", "agreement_end": "2026-04-01"}, headers=EN)
    assert response.status_code == 422 and "cannot end before it starts" in response.get_data(as_text=True)
    assert db.session.get(Organisation, organisation.id).agreement_end is None
    bad_date = staff.post(f"/staff/organisations/{organisation.id}/agreement", data={"agreement_start": "31/31/2026"})
    assert bad_date.status_code == 422
    ok = staff.post(f"/staff/organisations/{organisation.id}/agreement",
                    data={"agreement_start": "2026-01-01", "agreement_end": "2027-12-31"})
    assert ok.status_code == 303


def test_viewing_representatives_is_audited_per_person(login_as):
    organisation = factories.make_organisation()
    people = [factories.make_user(role="buyer", organisation=organisation) for _ in range(2)]
    staff = login_as("staff", staff_roles="recruiter")
    assert staff.get(f"/staff/organisations/{organisation.id}").status_code == 200
    viewed = set(db.session.scalars(sa.select(AuditEvent.subject_id).where(AuditEvent.action == "person.view")))
    assert viewed == {p.id for p in people}


def test_unknown_organisation_is_404(login_as):
    staff = login_as("staff", staff_roles="admin")
    assert staff.get("/staff/organisations/424242").status_code == 404


def test_outbox_is_for_admins_and_opening_a_mail_is_audited(login_as):
    consultant = factories.make_user()
    from portal.services import mail

    queued = mail.queue(consultant, "Hej", "verify_email", link="http://localhost/x")
    db.session.commit()
    assert login_as("staff", staff_roles="recruiter").get("/staff/outbox").status_code == 403
    admin = login_as("staff", staff_roles="admin")
    listing = admin.get("/staff/outbox")
    assert listing.status_code == 200 and consultant.email in listing.get_data(as_text=True)
    assert admin.get(f"/staff/outbox/{queued.id}").status_code == 200
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "mail.view"))
    assert event.subject_id == consultant.id
