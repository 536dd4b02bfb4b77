"""R-MATCH-1: a consultant's earlier assignments *and their ratings* count in the ranking, explained in words."""
from __future__ import annotations

from portal.extensions import db
from portal.models import Offer, Organisation, SupplierConsultant
from portal.services.assignments import ratings
from portal.services.matching import ranker, search, documents
from portal.services.actors import Actor
from portal.services.matching.assignment_ranking import query_for
from tests import factories
from tests.orgs.helpers import make_assignment
from tests.search.test_ranking_page import make_profile


def test_ratings_of_earlier_assignments_reach_the_document_the_score_and_the_words(app, login_as):
    buyer = login_as("buyer", name="Bo Buyer")
    organisation: Organisation = buyer.user.memberships[0].organisation
    rated = login_as("consultant", name="Rut Rated").user
    unrated = login_as("consultant", name="Ulf Unrated").user
    for person in (rated, unrated):
        make_profile(person, skills=[("Python", 4)], languages=[("Svenska", "C2")])
    supplier = factories.make_organisation("supplier")
    record = SupplierConsultant(organisation_id=supplier.id, name="Rut Rated", email="rut@x.se",
                                claimed_by_user_id=rated.id)
    db.session.add(record)
    db.session.flush()
    for score in (5, 4):  # two filled assignments the supplier offered Rut to, each rated by the buyer
        earlier = make_assignment(organisation, state="filled")
        db.session.add(Offer(assignment_id=earlier.id, organisation_id=supplier.id, supplier_consultant_id=record.id,
                             rate=900, state="shortlisted"))
        db.session.flush()
        factories.selected_with_name(earlier, rated)  # only someone selected and named may be rated
        ratings.rate(Actor(buyer.user), earlier, score=score, comment="", supplier_consultant_id=record.id)
    assignment = make_assignment(organisation, state="shortlisting", title="Pipeline engineer")
    db.session.commit()
    assert search.pending() > 0  # the ratings queued the rated consultant for the index
    search.drain()

    doc = documents.load_document(rated.id)
    assert sorted(e["rating"] for e in doc["earlier_assignments"]) == [4, 5]
    assert all(e["client_id"] == organisation.id for e in doc["earlier_assignments"])
    assert documents.load_document(unrated.id)["earlier_assignments"] == []

    ranking = ranker.rank(query_for(assignment))
    by_id = {c.consultant_id: c for c in ranking.candidates}
    factor = next(f for f in by_id[rated.id].explanation.factors if f.code == "rating")
    assert factor.detail == {"average": 4.5, "count": 2} and factor.points == 1.12
    assert "rating" not in {f.code for f in by_id[unrated.id].explanation.factors}
    assert by_id[rated.id].score > by_id[unrated.id].score
    staff = login_as("staff", staff_roles="recruiter")
    page = staff.get(f"/staff/assignments/{assignment.id}/ranking", headers={"Accept-Language": "en"})
    html = page.get_data(as_text=True)
    rut = html[html.index(f'id="candidate-{rated.id}"'):]
    assert page.status_code == 200 and "Earlier ratings: 1.12 points (rated 4.5 of 5 on average, 2 ratings)" in rut
    with app.test_request_context():
        words = "\n".join(ranker.explain_in_plain_words(by_id[rated.id].explanation, "en"))
    assert "The average rating of your earlier assignments (4.5 of 5, 2 rated): 1.12 points." in words


def test_a_rating_the_consultant_disputes_stops_counting_until_resolved(app, login_as):
    """R-RIGHTS-3/5: "this is wrong" on a rating keeps it out of matching while staff check it."""
    from portal.models import AssignmentRating
    from portal.services.privacy import disputes

    buyer = login_as("buyer", name="Bo Buyer")
    organisation: Organisation = buyer.user.memberships[0].organisation
    rated = login_as("consultant", name="Rut Rated").user
    make_profile(rated, skills=[("Python", 4)], languages=[("Svenska", "C2")])
    supplier = factories.make_organisation("supplier")
    record = SupplierConsultant(organisation_id=supplier.id, name="Rut Rated", email="rut@x.se",
                                claimed_by_user_id=rated.id)
    db.session.add(record)
    db.session.flush()
    earlier = make_assignment(organisation, state="filled")
    db.session.add(Offer(assignment_id=earlier.id, organisation_id=supplier.id, supplier_consultant_id=record.id,
                         rate=900, state="shortlisted"))
    db.session.flush()
    factories.selected_with_name(earlier, rated)
    ratings.rate(Actor(buyer.user), earlier, score=1, comment="", supplier_consultant_id=record.id)
    db.session.commit()
    search.drain()
    assert [e["rating"] for e in documents.load_document(rated.id)["earlier_assignments"]] == [1]

    rating = db.session.scalar(db.select(AssignmentRating).where(AssignmentRating.supplier_consultant_id == record.id))
    dispute = disputes.open_dispute(Actor(rated), rated, "rating", rating.id, "I never worked there.")
    db.session.commit()
    assert search.pending() > 0  # the dispute queued the consultant for the index
    search.drain()
    # she was still put forward to that client; only the disputed rating stops counting
    assert [e["rating"] for e in documents.load_document(rated.id)["earlier_assignments"]] == [None]

    officer = factories.make_user(role="staff", staff_roles="privacy_officer")
    disputes.reject(Actor(officer), dispute, "The client confirms the assignment.")
    db.session.commit()
    search.drain()
    assert [e["rating"] for e in documents.load_document(rated.id)["earlier_assignments"]] == [1]
