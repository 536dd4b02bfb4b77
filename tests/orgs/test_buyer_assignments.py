"""Buyers draft, revise, submit and follow assignment requests (R-BUY-1)."""
from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.models import Assignment, AuditEvent
from tests.orgs.helpers import assignment_form, make_assignment

EN = {"Accept-Language": "en"}


def _count():
    return db.session.scalar(sa.select(sa.func.count(Assignment.id)))


def test_buyer_drafts_an_assignment_with_requirements_and_lou(login_as):
    buyer = login_as("buyer")
    response = buyer.post("/buyer/assignments/new", data=assignment_form())
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    assignment = db.session.scalar(sa.select(Assignment))
    assert assignment.state == "draft" and assignment.extent == 80
    assert [(r.kind, r.text, r.weight) for r in assignment.requirements] == [
        ("must", "Python", None), ("must", "PostgreSQL", None), ("should", "Flask", 4)]
    assert assignment.call_off_type == "renewed_competition" and assignment.is_lou
    page = buyer.get(response.headers["Location"], headers=EN)
    assert page.status_code == 200
    assert "DNR 2026-117" in page.get_data(as_text=True)
    assert db.session.scalar(sa.select(AuditEvent.id).where(AuditEvent.action == "assignment.create"))


def test_buyer_submits_and_each_change_is_audited(login_as):
    buyer = login_as("buyer")
    buyer.post("/buyer/assignments/new", data=assignment_form())
    assignment = db.session.scalar(sa.select(Assignment))
    assert buyer.post(f"/buyer/assignments/{assignment.id}/state", data={"to": "submitted"}).status_code == 303
    db.session.refresh(assignment)
    assert assignment.state == "submitted"
    # A buyer cannot publish: that is staff's decision.
    assert buyer.post(f"/buyer/assignments/{assignment.id}/state", data={"to": "published"}).status_code == 409
    db.session.refresh(assignment)
    assert assignment.state == "submitted"
    events = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "assignment.transition")).all()
    assert len(events) == 1 and '"to": "submitted"' in events[0].detail


def test_list_and_pages_render(login_as):
    buyer = login_as("buyer")
    organisation = buyer.user.active_membership().organisation
    assignment = make_assignment(organisation, state="draft")
    assert buyer.get("/buyer/assignments").status_code == 200
    assert buyer.get("/buyer/assignments/new").status_code == 200
    assert buyer.get(f"/buyer/assignments/{assignment.id}/edit").status_code == 200
    assert _count() == 1
