"""“This is wrong” (R-RIGHTS-3): a consultant disputes a referee's statement or a client's rating, the item is
flagged wherever it is shown, staff correct or reject from the privacy request, the person is told."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import (AssignmentRating, DataDispute, OutboxMail, PrivacyRequest, Reference, ReferenceStatement,
                           SupplierConsultant)
from portal.services.privacy import disputes
from portal.services.profiles import sections
from tests import factories
from tests.orgs.helpers import make_assignment

EN = {"Accept-Language": "en"}


def give_statement(user, text="Turned up late to every meeting.") -> ReferenceStatement:
    profile = sections.profile_for(user)
    reference = Reference(profile_id=profile.id, referee_name="Greta Granskare", company="Acme AB")
    reference.statements.append(ReferenceStatement(author="Greta Granskare", text=text))
    db.session.add(reference)
    db.session.flush()
    return reference.statements[0]


def give_rating(user, comment="Weak on testing.") -> AssignmentRating:
    item = make_assignment(factories.make_organisation("buyer"), state="filled", title="Rated job")
    record = SupplierConsultant(organisation_id=factories.make_organisation("supplier").id, name=user.name,
                                email=user.email, claimed_by_user_id=user.id)
    db.session.add(record)
    db.session.flush()
    rating = AssignmentRating(assignment_id=item.id, supplier_consultant_id=record.id, score=2, comment=comment)
    db.session.add(rating)
    db.session.flush()
    return rating


@pytest.fixture
def people(login_as):
    consultant = login_as("consultant", name="Klara Konsult")
    other = login_as("consultant", name="Nils Annan")
    officer = login_as("staff", staff_roles="privacy_officer")
    statement = give_statement(consultant.user)
    rating = give_rating(consultant.user)
    db.session.commit()
    return consultant, other, officer, statement, rating


def _dispute(portal, kind, object_id, reason="I was never late; ask the project manager."):
    return portal.post("/privacy/disputes", data={"kind": kind, "object_id": object_id, "reason": reason},
                       headers=EN)


def test_dispute_flags_the_statement_everywhere_and_opens_a_rectification(people):
    consultant, _other, officer, statement, _rating = people
    profile_page = consultant.get("/consultant/profile", headers=EN).get_data(as_text=True)
    assert f'id="dispute-statement-{statement.id}"' in profile_page
    form = consultant.get(f"/privacy/disputes/new/reference_statement/{statement.id}", headers=EN)
    assert form.status_code == 200 and statement.text in form.get_data(as_text=True)
    response = _dispute(consultant, "reference_statement", statement.id)
    assert response.status_code == 303
    dispute = db.session.scalar(sa.select(DataDispute))
    request = db.session.get(PrivacyRequest, dispute.privacy_request_id)
    assert request.kind == "rectification" and "never late" in request.details and dispute.state == "open"
    assert f'id="disputed-statement-{statement.id}"' in consultant.get("/consultant/profile").get_data(as_text=True)
    staff_view = officer.get(f"/staff/privacy-requests/{request.id}", headers=EN).get_data(as_text=True)
    assert 'id="dispute"' in staff_view and statement.text in staff_view
    assert _dispute(consultant, "reference_statement", statement.id).status_code == 422  # already disputed


def test_recruiter_sees_the_disputed_flag_on_the_profile(people, login_as):
    consultant, _other, _officer, statement, _rating = people
    _dispute(consultant, "reference_statement", statement.id)
    recruiter = login_as("staff", staff_roles="recruiter")
    html = recruiter.get(f"/staff/consultants/{consultant.user.id}", headers=EN).get_data(as_text=True)
    assert f'id="disputed-statement-{statement.id}"' in html


def test_correcting_changes_the_text_closes_and_tells_the_person(people):
    consultant, _other, officer, statement, _rating = people
    _dispute(consultant, "reference_statement", statement.id)
    dispute = db.session.scalar(sa.select(DataDispute))
    done = officer.post(f"/staff/disputes/{dispute.id}/correct",
                        data={"new_text": "Reliable and on time.", "answer": "The referee confirmed the correction."})
    assert done.status_code == 303
    db.session.expire_all()
    assert db.session.get(ReferenceStatement, statement.id).text == "Reliable and on time."
    assert dispute.state == "corrected"
    assert db.session.get(PrivacyRequest, dispute.privacy_request_id).state == "answered"
    mail = db.session.scalars(sa.select(OutboxMail).where(OutboxMail.user_id == consultant.user.id)
                              .order_by(OutboxMail.id.desc())).first()
    assert "The referee confirmed the correction." in mail.body_text
    page = consultant.get("/privacy/rectification", headers=EN).get_data(as_text=True)
    assert "Corrected" in page and "The referee confirmed the correction." in page
    assert not disputes.is_disputed("reference_statement", statement.id)


def test_rejecting_a_rating_dispute_keeps_the_rating_and_says_why(people):
    consultant, _other, officer, _statement, rating = people
    assert f'id="dispute-rating-{rating.id}"' in consultant.get("/consultant/ratings").get_data(as_text=True)
    assert _dispute(consultant, "rating", rating.id, "The comment is about another consultant.").status_code == 303
    assert f'id="disputed-rating-{rating.id}"' in consultant.get("/consultant/ratings").get_data(as_text=True)
    dispute = db.session.scalar(sa.select(DataDispute))
    refused = officer.post(f"/staff/disputes/{dispute.id}/reject", data={"reason": " "}, headers=EN)
    assert refused.status_code == 422 and "Say why the data stays" in refused.get_data(as_text=True)
    assert officer.post(f"/staff/disputes/{dispute.id}/reject",
                        data={"reason": "The client confirmed it is about you."}).status_code == 303
    db.session.expire_all()
    assert db.session.get(AssignmentRating, rating.id).comment == "Weak on testing."
    assert dispute.state == "rejected" and dispute.resolution == "The client confirmed it is about you."
    again = officer.post(f"/staff/disputes/{dispute.id}/reject", data={"reason": "again"}, headers=EN)
    assert again.status_code == 422


def test_removing_the_disputed_statement(people):
    consultant, _other, officer, statement, _rating = people
    _dispute(consultant, "reference_statement", statement.id)
    dispute = db.session.scalar(sa.select(DataDispute))
    assert officer.post(f"/staff/disputes/{dispute.id}/correct",
                        data={"remove": "y", "answer": "We removed it."}).status_code == 303
    db.session.expire_all()
    assert db.session.get(ReferenceStatement, statement.id) is None and dispute.state == "corrected"


def test_another_persons_item_is_404_and_bad_input_is_422(people, login_as):
    consultant, other, _officer, statement, rating = people
    assert _dispute(other, "reference_statement", statement.id).status_code == 404
    assert _dispute(other, "rating", rating.id).status_code == 404
    assert other.get(f"/privacy/disputes/new/rating/{rating.id}").status_code == 404
    assert other.get("/privacy/disputes/new/nonsense/1").status_code == 404
    assert _dispute(consultant, "reference_statement", statement.id, reason="  ").status_code == 422
    assert _dispute(consultant, "reference_statement", statement.id, reason="x" * 4001).status_code == 422
    assert db.session.scalar(sa.select(sa.func.count()).select_from(DataDispute)) == 0
    _dispute(consultant, "reference_statement", statement.id)
    dispute = db.session.scalar(sa.select(DataDispute))
    recruiter = login_as("staff", staff_roles="recruiter")
    assert recruiter.post(f"/staff/disputes/{dispute.id}/reject", data={"reason": "no"}).status_code in (403, 404)
    assert other.post(f"/staff/disputes/{dispute.id}/reject", data={"reason": "no"}).status_code in (403, 404)
    assert dispute.state == "open"


@pytest.mark.parametrize("role", ["consultant", "buyer", "supplier", "partner"])
def test_no_role_can_dispute_or_lift_for_another_person(people, login_as, role):
    from portal.services.privacy import restrictions

    consultant, _other, _officer, statement, rating = people
    consultant.post("/privacy/restriction", data={"categories": ["references"], "reason": "Checking"})
    [row] = restrictions.active(consultant.user.id)
    intruder = login_as(role)
    assert _dispute(intruder, "reference_statement", statement.id).status_code == 404
    assert _dispute(intruder, "rating", rating.id).status_code == 404
    assert intruder.post(f"/privacy/restriction/{row.id}/lift").status_code == 404
    assert "Checking" not in intruder.get("/privacy/restriction").get_data(as_text=True)
    assert restrictions.is_restricted(consultant.user, "references")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(DataDispute)) == 0
