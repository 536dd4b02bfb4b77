"""A buyer's edit of a published assignment goes back to staff review, and the suppliers who
offered are told what changed (issue 12, finding 2; R-BUY-1, R-SUP-1)."""
from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.models import Assignment, AuditEvent, OutboxMail
from tests.orgs.helpers import assignment_form

EN = {"Accept-Language": "en"}


def _published(buyer) -> Assignment:
    assert buyer.post("/buyer/assignments/new", data=assignment_form()).status_code == 303
    item = db.session.scalar(sa.select(Assignment))
    item.state = "published"
    db.session.commit()
    return item


def _offer(supplier, item) -> None:
    must_python, must_pg, should = item.requirements
    data = {"consultant_id": "0", "new_name": "Nils Nilsson", "new_email": f"nils{supplier.user.id}@firm.se",
            "rate": "1050", f"meets_{must_python.id}": "yes", f"evidence_{must_python.id}": "Ten years",
            f"meets_{must_pg.id}": "yes", f"evidence_{must_pg.id}": "Five years",
            f"level_{should.id}": "3", f"evidence_{should.id}": "Some"}
    assert supplier.post(f"/supplier/assignments/{item.id}/offer", data=data).status_code == 303


def _mails_to(user) -> list[OutboxMail]:
    return list(db.session.scalars(sa.select(OutboxMail).where(OutboxMail.user_id == user.id,
                                                               OutboxMail.subject.contains("changed"))))


def test_editing_a_published_assignment_sends_it_back_and_tells_who_offered(login_as, client):
    buyer = login_as("buyer", locale="en")
    item = _published(buyer)
    offered, silent = login_as("supplier", locale="en"), login_as("supplier", locale="en")
    _offer(offered, item)
    assert "Senior Python developer" in client.get("/assignments").text
    page = buyer.get(f"/buyer/assignments/{item.id}/edit", headers=EN).text
    assert "goes back to us for review" in page
    response = buyer.post(f"/buyer/assignments/{item.id}/edit", headers=EN, data=assignment_form(
        version=str(item.version), **{"requirements-1-text": "Rust", "rate_ceiling": "900"}))
    assert response.status_code == 303
    db.session.refresh(item)
    assert item.state == "submitted"
    assert "Senior Python developer" not in client.get("/assignments").text
    assert silent.get(f"/supplier/assignments/{item.id}/offer").status_code == 404
    body = _mails_to(offered.user)[0].body_text
    assert "Must: Rust" in body and "Must: PostgreSQL" in body and "1100 → 900" in body
    assert _mails_to(silent.user) == []
    assert db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "assignment.sent_back_for_review"))
    staff = login_as("staff", staff_roles="recruiter")
    assert f"/staff/assignments/{item.id}" in staff.get("/staff/assignments").text


def test_a_save_that_changes_nothing_keeps_it_published(login_as):
    buyer = login_as("buyer")
    item = _published(buyer)
    response = buyer.post(f"/buyer/assignments/{item.id}/edit", data=assignment_form(version=str(item.version)))
    assert response.status_code == 303
    db.session.refresh(item)
    assert item.state == "published"
    assert db.session.scalar(sa.select(OutboxMail).where(OutboxMail.subject.contains("changed"))) is None


def test_another_buyer_cannot_edit_it_and_a_stale_form_changes_nothing(login_as):
    buyer = login_as("buyer")
    item = _published(buyer)
    other = login_as("buyer")
    refused = other.post(f"/buyer/assignments/{item.id}/edit",
                         data=assignment_form(version=str(item.version), title="Hijacked"))
    assert refused.status_code in (403, 404)
    stale = buyer.post(f"/buyer/assignments/{item.id}/edit", data=assignment_form(version="0", title="Late"))
    assert stale.status_code == 409
    db.session.refresh(item)
    assert item.title == "Senior Python developer" and item.state == "published"
