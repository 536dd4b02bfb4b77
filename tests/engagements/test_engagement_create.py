"""Filling an assignment makes its engagements (R-STAFF-2, R-BUY-1, R-SUP-1, R-CON-3): consultant, buyer,
supplier if the consultant came through a supplier's offer, period, rate, extent, approvers and a recorded
start; a fill that cannot make every engagement saves nothing."""
from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from portal.extensions import db
from portal.models import (Application, Assignment, AuditEvent, Engagement, EngagementChange, Membership,
                           Selection, utcnow)
from tests import factories
from tests.engagements.conftest import EN, via_supplier


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count(model.id)))


def test_filling_creates_an_engagement_with_the_terms_and_a_start_change(scene):
    db.session.add(Application(assignment_id=scene.assignment.id, consultant_id=scene.consultant.user.id, rate=990,
                               state="shortlisted", shortlist_entry_id=scene.entry.id))
    db.session.commit()
    response = scene.fill()  # no rate typed: the consultant's application gives it
    assert response.status_code == 303, response.get_data(as_text=True)[:800]
    engagement = scene.engagement()
    assignment = db.session.get(Assignment, scene.assignment.id)
    assert (engagement.consultant_id, engagement.buyer_organisation_id, engagement.supplier_organisation_id) == (
        scene.consultant.user.id, assignment.organisation_id, None)
    assert (engagement.start_date, engagement.end_date, engagement.rate, engagement.extent) == (
        assignment.start_date, assignment.end_date, 990, 80)
    assert engagement.approved_by_kind == "buyer" and engagement.state == "active"
    assert [a.user_id for a in engagement.approvers] == [scene.buyer.user.id]  # the contact person
    assert engagement.selection_id == db.session.scalar(sa.select(Selection.id))
    assert engagement.created_by_id == scene.staff.user.id
    [change] = engagement.changes
    assert (change.kind, change.old_end_date, change.new_end_date, change.recorded_by_id) == (
        "start", None, assignment.end_date, scene.staff.user.id)
    actions = set(db.session.scalars(sa.select(AuditEvent.action).where(
        AuditEvent.object_type == "Engagement", AuditEvent.object_id == str(engagement.id))))
    assert {"engagement.create", "engagement.approver_add"} <= actions
    assert assignment.state == "filled"


def test_via_a_supplier_offer_the_supplier_approves_at_the_offer_rate(scene, login_as):
    supplier = login_as("supplier", name="Sam Supplier")
    offer = via_supplier(scene.assignment, scene.consultant.user, supplier.user, rate=1040)
    db.session.commit()
    assert scene.fill().status_code == 303
    engagement = scene.engagement()
    assert engagement.supplier_organisation_id == offer.organisation_id
    assert (engagement.approved_by_kind, engagement.rate) == ("supplier", 1040)
    assert [a.user_id for a in engagement.approvers] == [supplier.user.id]  # who made the offer, not the buyer


def test_the_rate_staff_type_wins(scene):
    db.session.add(Application(assignment_id=scene.assignment.id, consultant_id=scene.consultant.user.id, rate=990,
                               state="shortlisted"))
    db.session.commit()
    assert scene.fill(rate="1 200", end_date=(date.today() + timedelta(days=400)).isoformat()).status_code == 303
    engagement = scene.engagement()
    assert (engagement.rate, engagement.end_date) == (1200, date.today() + timedelta(days=400))


def test_without_a_rate_or_an_end_nothing_is_saved(scene):
    """No application, no offer and no rate typed; an assignment without an end and none typed: refused,
    and neither the selection nor the filling is kept."""
    scene.assignment.end_date = None
    db.session.commit()
    cases = [({}, "Enter the agreed rate per hour"), ({"rate": "abc"}, "whole number of SEK"),
             ({"rate": "0"}, "from 1 to"), ({"rate": "1100"}, "has no end date"),
             ({"rate": "1100", "end_date": "2027-02-30"}, "Enter the end date as a date"),
             ({"rate": "1100", "end_date": (scene.assignment.start_date - timedelta(days=1)).isoformat()},
              "cannot end before it starts"),
             ({"rate": "1100", "end_date": "2999-01-01"}, "at most 10 years")]
    for terms, message in cases:
        response = scene.fill(**terms)
        assert response.status_code == 422, terms
        assert message in response.get_data(as_text=True), terms
        assert 'aria-invalid="true"' in response.get_data(as_text=True)
        assert (_count(Engagement), _count(Selection), _count(EngagementChange)) == (0, 0, 0)
        db.session.expire_all()
        assert db.session.get(Assignment, scene.assignment.id).state == "shortlisting"
    assert scene.fill(rate="1100", end_date=(scene.assignment.start_date + timedelta(days=90)).isoformat()
                      ).status_code == 303
    assert scene.engagement().rate == 1100


def test_the_fill_form_suggests_the_terms_and_keeps_what_was_typed(scene):
    from tests.shortlists.conftest import give_profile

    give_profile(scene.consultant.user)  # asks 950 an hour
    db.session.commit()
    page = scene.staff.get(f"/staff/assignments/{scene.assignment.id}/shortlist", headers=EN).get_data(as_text=True)
    assert f'name="rate-{scene.entry.id}" value="950"' in page
    assert f'name="end_date-{scene.entry.id}" value="{scene.assignment.end_date.isoformat()}"' in page
    assert "asking rate in their profile" in page
    refused = scene.fill(rate="12x").get_data(as_text=True)
    assert f'name="rate-{scene.entry.id}" value="12x"' in refused


def test_a_contact_person_who_left_is_not_made_approver(scene):
    membership = db.session.scalar(sa.select(Membership).where(Membership.user_id == scene.buyer.user.id))
    membership.ended_at = utcnow()
    colleague = factories.make_user(role="buyer", organisation=membership.organisation)
    scene.assignment.created_by_id = colleague.id
    db.session.commit()
    assert scene.fill(rate="1000").status_code == 303
    assert [a.user_id for a in scene.engagement().approvers] == [colleague.id]  # the creator instead


def test_a_demo_style_fill_without_terms_uses_the_offer(scene, login_as):
    """The service alone (as the demo fills): an offer gives the rate and the assignment the end."""
    from portal.services.actors import Actor
    from portal.services.shortlists import selections

    supplier = login_as("supplier")
    via_supplier(scene.assignment, scene.consultant.user, supplier.user, rate=1100)
    selections.record(Actor(user=scene.staff.user), scene.assignment, [scene.entry.id], "Chosen.")
    engagement = scene.engagement()
    assert (engagement.rate, engagement.approved_by_kind) == (1100, "supplier")
