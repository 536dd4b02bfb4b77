"""Suppliers offer consultants to published assignments; offers go to staff only, once the consultant
agrees (R-SUP-1, R-CON-9; tests/orgs/test_offer_consent.py has the consultant's side)."""
from __future__ import annotations

import re

import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, Offer, OutboxMail, SupplierConsultant, User
from portal.services.privacy import acceptances
from tests import factories
from tests.orgs.helpers import make_assignment

EN = {"Accept-Language": "en"}


def _offer_data(assignment, **overrides) -> dict:
    must, should = assignment.requirements
    data = {"consultant_id": "0", "new_name": "Nils Nilsson", "new_email": "nils@firm.se", "rate": "1050",
            f"meets_{must.id}": "yes", f"evidence_{must.id}": "Ten years of Python",
            f"level_{should.id}": "3", f"evidence_{should.id}": "Some Kafka"}
    data.update(overrides)
    return data


def _claim_link() -> str:
    mail = db.session.scalars(sa.select(OutboxMail).order_by(OutboxMail.id.desc())).first()
    return re.search(r"http://\S+/auth/consultant-invitation/\S+", mail.body_text).group(0).replace("http://localhost", "")


def test_supplier_offers_a_new_consultant_who_is_invited_and_asked_to_agree(login_as):
    supplier = login_as("supplier")
    buyer_org = factories.make_organisation("buyer")
    assignment = make_assignment(buyer_org)
    db.session.commit()
    assert supplier.get(f"/supplier/assignments/{assignment.id}/offer").status_code == 200
    response = supplier.post(f"/supplier/assignments/{assignment.id}/offer", data=_offer_data(assignment))
    assert response.status_code == 303, response.get_data(as_text=True)[:3000]
    offer = db.session.scalar(sa.select(Offer))
    assert offer.state == "awaiting_consultant" and offer.rate == 1050
    assert [(a.meets, a.level) for a in offer.answers] == [(True, None), (None, 3)]
    consultant = offer.consultant
    assert (consultant.name, consultant.email, consultant.claimed_by_user_id) == ("Nils Nilsson", "nils@firm.se", None)
    mail = db.session.scalar(sa.select(OutboxMail).where(OutboxMail.to_address == "nils@firm.se")
                             .order_by(OutboxMail.id))
    assert supplier.user.name in mail.body_text and buyer_org.name not in mail.body_text
    # the supplier sees the state; a second offer of the same consultant is refused
    assert "Waiting for the consultant's agreement" in supplier.get("/supplier/offers", headers=EN).text
    again = supplier.post(f"/supplier/assignments/{assignment.id}/offer",
                          data=_offer_data(assignment, consultant_id=str(consultant.id)), headers=EN)
    assert again.status_code == 422 and "already offered" in again.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Offer.id))) == 1


def test_every_must_requirement_needs_an_answer(login_as):
    supplier = login_as("supplier")
    assignment = make_assignment(factories.make_organisation("buyer"))
    db.session.commit()
    data = _offer_data(assignment)
    del data[f"meets_{assignment.requirements[0].id}"]
    response = supplier.post(f"/supplier/assignments/{assignment.id}/offer", data=data, headers=EN)
    assert response.status_code == 422 and "Answer yes or no" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(SupplierConsultant.id))) == 0


def test_no_offers_to_an_assignment_that_is_not_published(login_as):
    supplier = login_as("supplier")
    assignment = make_assignment(factories.make_organisation("buyer"), state="shortlisting")
    db.session.commit()
    assert supplier.post(f"/supplier/assignments/{assignment.id}/offer",
                         data=_offer_data(assignment)).status_code == 404


def test_the_consultant_claims_the_record_with_a_new_account(login_as, client):
    supplier = login_as("supplier")
    supplier.post("/supplier/consultants", data={"name": "Karin Kod", "email": "karin@firm.se"})
    link = _claim_link()
    page = client.get(link, headers=EN)
    assert page.status_code == 200 and "Karin Kod" in page.get_data(as_text=True)
    unticked = client.post(link, data={"name": "Karin Kod", "password": "a long password 123",
                                        "confirm": "a long password 123"}, headers=EN)
    assert unticked.status_code == 422 and "tick the box" in unticked.get_data(as_text=True)
    assert db.session.scalar(sa.select(User).where(User.email == "karin@firm.se")) is None
    response = client.post(link, data={"name": "Karin Kod", "password": "a long password 123",
                                       "confirm": "a long password 123", "accept_terms": "y"})
    assert response.status_code == 303
    user = db.session.scalar(sa.select(User).where(User.email == "karin@firm.se"))
    assert user.role == "consultant" and user.is_verified
    # R-CON-10: which versions she accepted, and when, as for any other registration
    accepted = {(row.document, row.version, row.way) for row in acceptances.of(user)}
    assert accepted == {("privacy_policy", acceptances.current("privacy_policy").number, "claim"),
                        ("consultant_terms", acceptances.current("consultant_terms").number, "claim")}
    consultant = db.session.scalar(sa.select(SupplierConsultant))
    assert consultant.claimed_by_user_id == user.id
    assert client.post(link, data={"name": "x", "password": "a long password 123",
                                   "confirm": "a long password 123", "accept_terms": "y"}).status_code == 400


def test_a_signed_in_consultant_links_the_record(login_as, app):
    supplier = login_as("supplier")
    supplier.post("/supplier/consultants", data={"name": "Per Prog", "email": "per@firm.se"})
    link = _claim_link()
    consultant_user = login_as("consultant")
    assert consultant_user.post(link).status_code == 303
    assert db.session.scalar(sa.select(SupplierConsultant)).claimed_by_user_id == consultant_user.user.id


def test_comments_reach_staff_but_not_the_buyer(login_as):
    supplier = login_as("supplier")
    buyer = login_as("buyer")
    assignment = make_assignment(buyer.user.active_membership().organisation)
    db.session.commit()
    assert supplier.post(f"/supplier/assignments/{assignment.id}/comment",
                         data={"body": "The rate ceiling is low for this seniority."}).status_code == 303
    assert supplier.post(f"/supplier/assignments/{assignment.id}/comment", data={"body": " "}).status_code == 422
    staff = login_as("staff")
    assert "rate ceiling is low" in staff.get(f"/staff/assignments/{assignment.id}").get_data(as_text=True)
    assert "rate ceiling is low" not in buyer.get(f"/buyer/assignments/{assignment.id}").get_data(as_text=True)


def test_staff_work_the_offer_queue_and_the_view_is_audited(login_as):
    supplier = login_as("supplier")
    assignment = make_assignment(factories.make_organisation("buyer"))
    db.session.commit()
    supplier.post(f"/supplier/assignments/{assignment.id}/offer", data=_offer_data(assignment))
    offer = factories.accept_offer(db.session.scalar(sa.select(Offer)))
    staff = login_as("staff")
    assert f"/staff/offers/{offer.id}" in staff.get("/staff/offers").get_data(as_text=True)
    assert staff.get(f"/staff/offers/{offer.id}").status_code == 200
    assert db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "person.view",
                                                         AuditEvent.object_type == "SupplierConsultant"))
    assert staff.post(f"/staff/offers/{offer.id}/state", data={"to": "shortlisted"}).status_code == 303
    db.session.refresh(offer)
    assert offer.state == "submitted"  # not allowed straight from submitted
    staff.post(f"/staff/offers/{offer.id}/state", data={"to": "reviewing"})
    db.session.refresh(offer)
    assert offer.state == "reviewing"
    assert supplier.post(f"/supplier/offers/{offer.id}/withdraw").status_code == 303
    db.session.refresh(offer)
    assert offer.state == "withdrawn"
    assert supplier.post(f"/supplier/offers/{offer.id}/withdraw").status_code == 409


def test_staff_publish_a_submitted_assignment(login_as):
    staff = login_as("staff")
    assignment = make_assignment(factories.make_organisation("buyer"), state="submitted")
    db.session.commit()
    assert assignment.title in staff.get("/staff/assignments").get_data(as_text=True)
    assert staff.post(f"/staff/assignments/{assignment.id}/state", data={"to": "published"}).status_code == 303
    db.session.refresh(assignment)
    assert assignment.state == "published"
    assert staff.post(f"/staff/assignments/{assignment.id}/state", data={"to": "draft"}).status_code == 409
