"""Service requests: open, talk with staff, close; a staff queue with owners and ages (R-BUY-2)."""
from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, ServiceMessage, ServiceRequest

EN = {"Accept-Language": "en"}


def test_a_request_from_opening_to_closing(login_as):
    consultant = login_as("consultant")
    response = consultant.post("/support/", data={"subject": "Invoice", "body": "Where is my invoice?"})
    assert response.status_code == 303
    request = db.session.scalar(sa.select(ServiceRequest))
    staff = login_as("staff", name="Stina Support")
    queue = staff.get("/staff/requests", headers=EN).get_data(as_text=True)
    assert "Invoice" in queue and "Nobody yet" in queue
    assert staff.get(f"/staff/requests/{request.id}").status_code == 200
    assert db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "person.view",
                                                         AuditEvent.subject_id == consultant.user.id))
    assert staff.post(f"/staff/requests/{request.id}/take").status_code == 303
    assert staff.post(f"/staff/requests/{request.id}/reply", data={"body": "It is on its way."}).status_code == 303
    db.session.refresh(request)
    assert request.owner_id == staff.user.id
    from portal.models import OutboxMail

    notice = db.session.scalar(sa.select(OutboxMail).where(OutboxMail.user_id == consultant.user.id))
    assert f"/support/{request.id}" in notice.body_text and "on its way" not in notice.body_text
    thread = consultant.get(f"/support/{request.id}", headers=EN).get_data(as_text=True)
    assert "It is on its way." in thread and "Stina Support" not in thread  # staff answer as the company
    assert consultant.post(f"/support/{request.id}/messages", data={"body": "Thanks!"}).status_code == 303
    assert consultant.post(f"/support/{request.id}/close").status_code == 303
    assert consultant.post(f"/support/{request.id}/messages", data={"body": "One more"}).status_code == 422
    assert consultant.post(f"/support/{request.id}/close").status_code == 409
    messages = db.session.scalars(sa.select(ServiceMessage).order_by(ServiceMessage.id)).all()
    assert [(m.from_staff, m.requester_id) for m in messages] == [
        (False, consultant.user.id), (True, consultant.user.id), (False, consultant.user.id)]
    assert "Invoice" in staff.get("/staff/requests?state=closed").get_data(as_text=True)


def test_empty_requests_are_refused(login_as):
    buyer = login_as("buyer")
    assert buyer.post("/support/", data={"subject": "", "body": ""}).status_code == 422
    assert db.session.scalar(sa.select(sa.func.count(ServiceRequest.id))) == 0


def test_staff_do_not_use_the_requester_pages(login_as):
    assert login_as("staff").get("/support/").status_code == 403
