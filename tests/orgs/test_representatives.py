"""'No longer represents us': the membership ends at once, the data is queued for deletion (R-BUY-6)."""
from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, ErasureQueueItem, Membership
from tests import factories
from tests.orgs.helpers import make_assignment

EN = {"Accept-Language": "en"}


def test_admin_removes_a_representative_whose_work_stays_as_former_representative(login_as):
    admin = login_as("buyer")
    organisation = admin.user.active_membership().organisation
    leaver = login_as("buyer", organisation=organisation, is_admin=False, name="Lars Lämnar")
    assignment = make_assignment(organisation, created_by_id=leaver.user.id, contact_person_id=leaver.user.id)
    db.session.commit()
    membership = leaver.user.active_membership()
    assert admin.post(f"/buyer/colleagues/{membership.id}/remove").status_code == 303
    db.session.refresh(membership)
    assert membership.ended_at is not None
    item = db.session.scalar(sa.select(ErasureQueueItem))
    assert (item.user_id, item.reason, item.requested_by_id, item.state) == (
        leaver.user.id, "no_longer_represents", admin.user.id, "pending")
    assert item.due_at > item.requested_at
    assert db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "membership.end",
                                                         AuditEvent.subject_id == leaver.user.id))
    # at once: the leaver is out of the organisation's pages
    assert leaver.get(f"/buyer/assignments/{assignment.id}").status_code == 403
    # what they created stays, attributed to a former representative
    html = admin.get(f"/buyer/assignments/{assignment.id}", headers=EN).get_data(as_text=True)
    assert "Former representative" in html and "Lars Lämnar" not in html


def test_nobody_removes_themselves_and_plain_representatives_remove_nobody(login_as):
    admin = login_as("buyer")
    organisation = admin.user.active_membership().organisation
    plain = login_as("buyer", organisation=organisation, is_admin=False)
    own = admin.user.active_membership()
    assert admin.post(f"/buyer/colleagues/{own.id}/remove").status_code == 303
    assert plain.post(f"/buyer/colleagues/{own.id}/remove").status_code == 403
    db.session.refresh(own)
    assert own.ended_at is None
    assert db.session.scalar(sa.select(sa.func.count(ErasureQueueItem.id))) == 0


def test_staff_offboard_a_representative_and_see_the_erasure_queue(login_as):
    staff = login_as("staff", staff_roles="admin")
    representative = factories.make_user(role="partner")
    membership = representative.active_membership()
    db.session.commit()
    url = f"/staff/organisations/{membership.organisation_id}/representatives/{membership.id}/end"
    assert staff.post(url).status_code == 303
    assert db.session.get(Membership, membership.id).ended_at is not None
    assert staff.post(url).status_code == 404  # already ended
    queue = staff.get("/staff/erasure-queue", headers=EN).get_data(as_text=True)
    assert f"#{representative.id}" in queue


def test_the_contact_person_must_be_a_current_representative(login_as):
    admin = login_as("buyer")
    organisation = admin.user.active_membership().organisation
    leaver = factories.make_user(role="buyer", organisation=organisation, is_admin=False)
    leaver.active_membership().ended_at = leaver.created_at
    db.session.commit()
    from tests.orgs.helpers import assignment_form

    response = admin.post("/buyer/assignments/new", data=assignment_form(contact_person_id=str(leaver.id)))
    assert response.status_code == 422
