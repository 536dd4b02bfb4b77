"""Approvers are active representatives of the organisation that approves the hours: the buyer's, or the
supplier's for its own consultants (R-BUY-1, R-SUP-1); every change is audited with the person as subject."""
from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, EngagementApprover, Membership, utcnow
from tests import factories
from tests.engagements.conftest import EN, via_supplier


def _approvers(scene) -> list[int]:
    return [a.user_id for a in scene.engagement().approvers]


def _set(scene, *user_ids):
    return scene.staff.post(f"/staff/engagements/{scene.engagement().id}/approvers",
                            data={"approvers": [str(i) for i in user_ids]}, headers=EN)


def test_staff_replace_the_buyer_approver_with_a_colleague(filled):
    organisation = filled.buyer.user.memberships[0].organisation
    colleague = factories.make_user(role="buyer", organisation=organisation, name="Cilla Colleague")
    db.session.commit()
    page = filled.staff.get(f"/staff/engagements/{filled.engagement().id}", headers=EN).get_data(as_text=True)
    assert "Cilla Colleague" in page  # offered as a candidate
    assert _set(filled, colleague.id).status_code == 303
    assert _approvers(filled) == [colleague.id]
    events = {(e.action, e.subject_id) for e in db.session.scalars(sa.select(AuditEvent).where(
        AuditEvent.action.like("engagement.approver_%")))}
    assert {("engagement.approver_remove", filled.buyer.user.id), ("engagement.approver_add", colleague.id)} <= events


def test_approvers_outside_the_approving_organisation_are_refused(filled, login_as):
    organisation = filled.buyer.user.memberships[0].organisation
    outsider = factories.make_user(role="buyer", name="Other Buyer")  # another organisation
    supplier = login_as("supplier").user
    former = factories.make_user(role="buyer", organisation=organisation)
    db.session.execute(sa.update(Membership).where(Membership.user_id == former.id).values(ended_at=utcnow()))
    db.session.commit()
    for ids in ((outsider.id,), (supplier.id,), (former.id,), (filled.consultant.user.id,), (),
                (filled.buyer.user.id, 99999), ("abc",)):
        response = _set(filled, *ids)
        assert response.status_code == 422, ids
        html = response.get_data(as_text=True)
        assert ("active representatives" in html or "at least one person" in html), ids
        assert _approvers(filled) == [filled.buyer.user.id], ids
    assert db.session.scalar(sa.select(sa.func.count(EngagementApprover.id))) == 1


def test_for_a_supplier_engagement_only_the_supplier_approves(scene, login_as):
    supplier = login_as("supplier", name="Sam Supplier")
    colleague = factories.make_user(role="supplier", organisation=supplier.user.memberships[0].organisation,
                                    name="Sara Supplierson")
    via_supplier(scene.assignment, scene.consultant.user, supplier.user)
    db.session.commit()
    assert scene.fill().status_code == 303
    assert _set(scene, scene.buyer.user.id).status_code == 422  # the buyer does not approve this one
    assert _set(scene, supplier.user.id, colleague.id).status_code == 303
    assert sorted(_approvers(scene)) == sorted([supplier.user.id, colleague.id])
