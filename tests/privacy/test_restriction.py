"""Restriction of processing (R-RIGHTS-5): at once out of the index, rankings and shortlists, read-only to staff
with a banner, lifted by the person (their own) or a privacy officer; per category; other people get 404."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, OutboxMail, PrivacyRequest, ProcessingRestriction
from portal.services import DomainError
from portal.services.matching import ranker, search, documents
from portal.services.privacy import restrictions
from portal.services.actors import Actor
from portal.services.matching.assignment_ranking import query_for
from tests.search.test_ranking_page import make_profile
from tests.shortlists.conftest import approve, pick, scene  # noqa: F401  (fixture)

EN = {"Accept-Language": "en"}


def _restrict(portal, *categories, reason="My history is wrong; check it first."):
    return portal.post("/privacy/restriction", data={"categories": list(categories), "reason": reason}, headers=EN)


@pytest.fixture
def ranked(login_as):
    from portal.models import Organisation
    from tests.orgs.helpers import make_assignment

    staff = login_as("staff", staff_roles="recruiter")
    buyer = login_as("buyer")
    organisation: Organisation = buyer.user.memberships[0].organisation
    alva = login_as("consultant", name="Alva Bäst")
    bertil = login_as("consultant", name="Bertil Bra")
    for person in (alva, bertil):
        make_profile(person.user, skills=[("Python", 5)], languages=[("Svenska", "C2")])
    assignment = make_assignment(organisation, state="shortlisting", title="Pipeline engineer")
    db.session.commit()
    search.drain()
    return staff, alva, bertil, assignment


def _ranked_ids(assignment) -> tuple[list[int], dict]:
    ranking = ranker.rank(query_for(assignment), limit=20)
    return [c.consultant_id for c in ranking.candidates], ranking.left_out


def test_whole_profile_restriction_leaves_the_ranking_at_once_and_is_counted(ranked):
    staff, alva, bertil, assignment = ranked
    assert alva.user.id in _ranked_ids(assignment)[0]
    response = _restrict(alva, "profile")
    assert response.status_code == 303
    assert search.pending() == 0  # applied within the request, not left for a later drain
    ids, left_out = _ranked_ids(assignment)
    assert alva.user.id not in ids and bertil.user.id in ids and left_out["restricted"] == 1
    html = staff.get(f"/staff/assignments/{assignment.id}/ranking", headers=EN).get_data(as_text=True)
    assert "Alva Bäst" not in html and "processing restricted: 1" in html
    request = db.session.scalar(sa.select(PrivacyRequest).where(PrivacyRequest.user_id == alva.user.id))
    assert request.kind == "restriction" and request.state == "verified"  # staff see it in the queue
    assert documents.load_document(alva.user.id)["restricted"] is True


def test_lifting_brings_the_person_back(ranked):
    _staff, alva, _bertil, assignment = ranked
    _restrict(alva, "profile")
    row = restrictions.active(alva.user.id)[0]
    page = alva.get("/privacy/restriction", headers=EN).get_data(as_text=True)
    assert f'id="restriction-{row.id}"' in page and "until it is lifted" in page
    assert alva.post(f"/privacy/restriction/{row.id}/lift").status_code == 303
    assert alva.user.id in _ranked_ids(assignment)[0]
    assert not restrictions.is_restricted(alva.user)
    actions = set(db.session.scalars(sa.select(AuditEvent.action).where(AuditEvent.subject_id == alva.user.id)))
    assert {"restriction.add", "restriction.lift"} <= actions


def test_history_category_leaves_matching_text_and_cards_but_not_the_ranking(ranked, login_as):
    _staff, alva, _bertil, assignment = ranked
    from portal.services.profiles import entries, sections
    entries.add(Actor(alva.user), sections.profile_for(alva.user), "employment",
                        {"employer": "Kafkaesk AB", "title": "Streaming architect", "description": "Kafka"})
    db.session.commit()
    search.drain()
    assert "Streaming architect" in documents.load_document(alva.user.id)["history_text"]
    assert _restrict(alva, "history").status_code == 303
    doc = documents.load_document(alva.user.id)
    assert doc["restricted"] is False and doc["history_text"] == ""
    assert alva.user.id in _ranked_ids(assignment)[0]  # the rest of the profile is still matched
    from portal.services.shortlists import candidate_profiles
    released = restrictions.without_restricted(candidate_profiles.profile_dict(alva.user), alva.user.id)
    assert released["employment"] == [] and released["skills"]  # what a release of the CV would hold
    assert restrictions.is_restricted(alva.user, "history") and not restrictions.is_restricted(alva.user)


def test_staff_cannot_shortlist_or_process_a_restricted_consultant(scene):  # noqa: F811
    entry = pick(scene, scene.consultant.user)
    _restrict(scene.consultant, "profile")
    refused = scene.staff.post(f"/staff/shortlist/{entry.id}/approve", headers=EN)
    assert refused.status_code == 422 and "read-only until the restriction is lifted" in refused.get_data(as_text=True)
    adding = scene.staff.post(f"/staff/assignments/{scene.assignment.id}/shortlist",
                              data={"consultant_id": scene.other.id, "reason": "x"}, headers=EN)
    assert adding.status_code == 303  # another, unrestricted person is fine
    again = scene.staff.post(f"/staff/assignments/{scene.assignment.id}/ranking",
                             data={"consultant_id": scene.consultant.user.id, "reason": "Good"}, headers=EN)
    assert again.status_code == 422
    html = scene.staff.get(f"/staff/consultants/{scene.consultant.user.id}", headers=EN).get_data(as_text=True)
    assert "Processing restricted: read-only." in html and "My history is wrong; check it first." in html
    listed = scene.staff.get("/staff/consultants", headers=EN).get_data(as_text=True)
    assert f'id="restricted-{scene.consultant.user.id}"' in listed and f'id="restricted-{scene.other.id}"' not in listed
    page = scene.staff.get(f"/staff/assignments/{scene.assignment.id}/shortlist", headers=EN).get_data(as_text=True)
    assert f'id="restriction-banner-{scene.consultant.user.id}"' in page
    assert f'id="restriction-banner-{scene.other.id}"' not in page


def test_an_approved_entry_is_hidden_from_the_buyer_while_restricted(scene):  # noqa: F811
    entry = pick(scene, scene.consultant.user)
    approve(scene, entry)
    url = f"/buyer/assignments/{scene.assignment.id}"
    assert entry.pseudonym in scene.buyer.get(url).get_data(as_text=True)
    _restrict(scene.consultant, "profile")
    assert entry.pseudonym not in scene.buyer.get(url).get_data(as_text=True)
    assert scene.buyer.post(f"{url}/shortlist/{entry.id}/meet").status_code == 404
    row = restrictions.active(scene.consultant.user.id)[0]
    scene.consultant.post(f"/privacy/restriction/{row.id}/lift")
    assert entry.pseudonym in scene.buyer.get(url).get_data(as_text=True)  # resumes where it stopped


def test_another_persons_restriction_is_404_and_bad_input_is_422(login_as):
    owner, other = login_as("consultant"), login_as("consultant")
    _restrict(owner, "profile")
    row = restrictions.active(owner.user.id)[0]
    assert other.post(f"/privacy/restriction/{row.id}/lift").status_code == 404
    assert restrictions.is_restricted(owner.user)
    assert _restrict(other).status_code == 422  # nothing chosen
    assert _restrict(other, "profile", reason=" ").status_code == 422
    assert _restrict(other, "everything").status_code == 422
    assert _restrict(other, "profile", reason="x" * 2001).status_code == 422
    assert _restrict(owner, "profile").status_code == 422  # already restricted
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ProcessingRestriction)) == 1


def test_a_staff_restriction_is_lifted_only_by_the_privacy_officer_who_tells_the_person(app, login_as):
    person = login_as("consultant", locale="en")
    officer = login_as("staff", staff_roles="privacy_officer")
    recruiter = login_as("staff", staff_roles="recruiter")
    with app.test_request_context(), pytest.raises(DomainError):
        restrictions.restrict(Actor(recruiter.user), person.user, ["profile"], "Checking")
    with app.test_request_context():
        [row] = restrictions.restrict(Actor(officer.user), person.user, ["references"], "A referee disputes it")
    db.session.commit()
    assert row.source == "staff"
    assert person.post(f"/privacy/restriction/{row.id}/lift", headers=EN).status_code == 422
    case = db.session.scalar(sa.select(PrivacyRequest).where(PrivacyRequest.user_id == person.user.id))
    assert case is None  # nothing to go back to: the officer lifts it from a request page of the person
    _restrict(person, "ratings")
    case = db.session.scalar(sa.select(PrivacyRequest).where(PrivacyRequest.user_id == person.user.id))
    page = officer.get(f"/staff/privacy-requests/{case.id}", headers=EN).get_data(as_text=True)
    assert f'id="staff-lift-{row.id}"' in page
    assert officer.post(f"/staff/restrictions/{row.id}/lift", data={"request_id": case.id}).status_code == 303
    assert not restrictions.is_restricted(person.user, "references")
    mail = db.session.scalars(sa.select(OutboxMail).where(OutboxMail.user_id == person.user.id)
                              .order_by(OutboxMail.id.desc())).first()
    assert "lifted" in mail.subject
    assert recruiter.post(f"/staff/restrictions/{row.id}/lift", data={"request_id": case.id}).status_code in (403, 404)


def test_starting_the_restriction_request_prepares_an_answer(login_as):
    person = login_as("consultant", locale="en")
    officer = login_as("staff", staff_roles="privacy_officer")
    _restrict(person, "profile")
    case = db.session.scalar(sa.select(PrivacyRequest).where(PrivacyRequest.user_id == person.user.id))
    assert officer.post(f"/staff/privacy-requests/{case.id}/start").status_code == 303
    db.session.refresh(case)
    assert "Your whole profile" in case.prepared_answer


def test_the_privacy_centre_says_what_is_restricted(login_as):
    person = login_as("consultant")
    assert 'id="restricted-now"' not in person.get("/privacy/", headers=EN).get_data(as_text=True)
    _restrict(person, "history")
    html = person.get("/privacy/", headers=EN).get_data(as_text=True)
    assert 'id="restricted-now"' in html and "Employment and education history" in html
