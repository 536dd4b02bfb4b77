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


def _my_org(portal):
    return portal.user.active_membership().organisation


def test_bad_input_gets_a_clear_message_and_changes_nothing(login_as):
    buyer = login_as("buyer")
    cases = [
        ({"end_date": "2020-01-01"}, "cannot end before it starts"),
        ({"extent": "120"}, "1–100"),
        ({"requirements-0-weight": "3"}, "must requirement is pass or fail"),
        ({"requirements-2-weight": ""}, "weight from 1 to 5"),
        ({"extent": "a lot"}, "Not a valid integer"),
    ]
    for overrides, message in cases:
        response = buyer.post("/buyer/assignments/new", data=assignment_form(**overrides), headers=EN)
        assert response.status_code == 422, overrides
        assert message in response.get_data(as_text=True), overrides
    assert _count() == 0


def test_revising_with_a_stale_form_is_refused_with_409(login_as):
    buyer = login_as("buyer")
    item = make_assignment(_my_org(buyer), state="draft")
    db.session.commit()
    version = item.version
    first = buyer.post(f"/buyer/assignments/{item.id}/edit",
                       data=assignment_form(title="First edit", version=str(version)))
    assert first.status_code == 303
    stale = buyer.post(f"/buyer/assignments/{item.id}/edit",
                       data=assignment_form(title="Second edit", version=str(version)), headers=EN)
    assert stale.status_code == 409
    assert "reload the page" in stale.get_data(as_text=True)
    db.session.refresh(item)
    assert item.title == "First edit" and item.version == version + 1


def test_a_closed_assignment_edited_through_a_stale_form_changes_nothing(login_as):
    buyer = login_as("buyer")
    item = make_assignment(_my_org(buyer), state="published")
    db.session.commit()
    form_version = item.version  # the buyer opens the edit form …
    assert buyer.post(f"/buyer/assignments/{item.id}/state", data={"to": "cancelled"}).status_code == 303
    response = buyer.post(f"/buyer/assignments/{item.id}/edit",  # … and saves it after cancelling
                          data=assignment_form(title="Too late", version=str(form_version)), headers=EN)
    assert response.status_code == 409
    db.session.refresh(item)
    assert item.title == "Data engineer" and item.state == "cancelled"
    assert len(item.requirements) == 2


def test_evaluate_shows_counts_and_a_hint_for_a_narrow_must_requirement(login_as):
    buyer = login_as("buyer")
    item = make_assignment(_my_org(buyer), state="draft")
    db.session.commit()
    html = buyer.get(f"/buyer/assignments/{item.id}", headers=EN).get_data(as_text=True)
    assert "Evaluate and improve" in html and "hint-few" in html


def test_buyer_rates_a_filled_assignment_once_overall(login_as):
    buyer = login_as("buyer")
    item = make_assignment(_my_org(buyer), state="published")
    db.session.commit()
    assert buyer.post(f"/buyer/assignments/{item.id}/rate", data={"score": "4", "consultant_id": "0"}).status_code == 422
    item.state = "filled"
    db.session.commit()
    assert buyer.post(f"/buyer/assignments/{item.id}/rate",
                      data={"score": "4", "consultant_id": "0", "comment": "Good"}).status_code == 303
    assert buyer.post(f"/buyer/assignments/{item.id}/rate",
                      data={"score": "5", "consultant_id": "0"}).status_code == 303
    from portal.models import AssignmentRating

    ratings = db.session.scalars(sa.select(AssignmentRating)).all()
    assert [(r.score, r.supplier_consultant_id) for r in ratings] == [(5, None)]
    assert buyer.post(f"/buyer/assignments/{item.id}/rate", data={"score": "9", "consultant_id": "0"}).status_code == 422


def test_offer_count_is_a_number_and_never_the_offers(login_as):
    from portal.models import Offer, SupplierConsultant
    from tests import factories

    buyer = login_as("buyer")
    item = make_assignment(_my_org(buyer))
    supplier = factories.make_organisation("supplier")
    consultant = SupplierConsultant(organisation_id=supplier.id, name="Hidden Person", email="hidden@x.se")
    db.session.add(consultant)
    db.session.flush()
    db.session.add(Offer(assignment_id=item.id, organisation_id=supplier.id, supplier_consultant_id=consultant.id,
                         rate=1234, state="submitted"))
    db.session.commit()
    listing = buyer.get("/buyer/assignments").get_data(as_text=True)
    assert f'id="offer-count-{item.id}">1<' in listing
    detail = buyer.get(f"/buyer/assignments/{item.id}").get_data(as_text=True)
    assert "Hidden Person" not in detail and "1234" not in detail and supplier.name not in detail


def test_public_list_hides_the_buyer_unless_it_chose_to_show(client, app):
    from tests import factories

    organisation = factories.make_organisation("buyer", name="Secret Buyer AB")
    hidden = make_assignment(organisation, title="Hidden client job")
    shown_org = factories.make_organisation("buyer", name="Open Buyer AB")
    shown = make_assignment(shown_org, title="Open client job", show_buyer=True)
    draft = make_assignment(organisation, state="draft", title="Not yet public")
    db.session.commit()
    listing = client.get("/assignments", headers=EN).get_data(as_text=True)
    assert "Hidden client job" in listing and "Open client job" in listing and "Not yet public" not in listing
    assert "Secret Buyer AB" not in listing and "Open Buyer AB" in listing
    assert "Secret Buyer AB" not in client.get(f"/assignments/{hidden.id}").get_data(as_text=True)
    assert "Open Buyer AB" in client.get(f"/assignments/{shown.id}").get_data(as_text=True)
    assert client.get(f"/assignments/{draft.id}").status_code == 404


def test_a_representative_of_a_pending_organisation_cannot_draft(login_as):
    from tests import factories

    organisation = factories.make_organisation("buyer", status="pending")
    buyer = login_as("buyer", organisation=organisation)
    assert buyer.post("/buyer/assignments/new", data=assignment_form()).status_code == 403
    assert _count() == 0


def test_the_consultant_sees_the_rating_that_concerns_them(login_as):
    from portal.models import AssignmentRating, SupplierConsultant
    from tests import factories

    consultant = login_as("consultant")
    item = make_assignment(factories.make_organisation("buyer"), state="filled", title="Rated job")
    record = SupplierConsultant(organisation_id=factories.make_organisation("supplier").id, name="C",
                                email="c@x.se", claimed_by_user_id=consultant.user.id)
    db.session.add(record)
    db.session.flush()
    db.session.add(AssignmentRating(assignment_id=item.id, supplier_consultant_id=record.id, score=4,
                                    comment="Solid work"))
    other = login_as("consultant")
    db.session.commit()
    assert "Solid work" in consultant.get("/consultant/ratings").get_data(as_text=True)
    assert "Solid work" not in other.get("/consultant/ratings").get_data(as_text=True)


def test_cli_expires_overdue_assignments(app):
    from datetime import timedelta

    from tests import factories
    from tests.orgs.helpers import TODAY

    item = make_assignment(factories.make_organisation("buyer"), answer_deadline=TODAY - timedelta(days=1))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["assignments", "expire"])
    assert "expired 1 assignments" in result.output
    db.session.refresh(item)
    assert item.state == "expired"
