"""The engine wired to the real profiles (R-MATCH-1..3, R-STAFF-2): profile services queue index changes, the
recruiter's ranking page ranks and explains, leaves out who excluded the client, and picks with a reason."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, Organisation, ShortlistEntry
from portal.services.matching import search, documents
from portal.services.profiles import entries, sections
from portal.services.actors import Actor
from tests.orgs.helpers import make_assignment
from tests.shortlists.conftest import pool

EN = {"Accept-Language": "en"}


def make_profile(user, *, skills=(), languages=(), exclude: str | None = None, title="Developer"):
    """A consultant's profile, built the way the consultant builds it: through the profile services."""
    actor = Actor(user)
    profile = sections.profile_for(user)
    sections.update_competence(actor, profile, title=title, summary="Backend systems and data pipelines.")
    for name, level in skills:
        entries.add(actor, profile, "skills", {"name": name, "level": level, "years": 4})
    for name, level in languages:
        entries.add(actor, profile, "languages", {"name": name, "level": level})
    if exclude:
        entries.add(actor, profile, "exclusions", {"name": exclude})
    return profile


@pytest.fixture
def scene(login_as):
    staff = login_as("staff", staff_roles="recruiter", name="Rita Recruiter")
    buyer = login_as("buyer", name="Bo Buyer")
    organisation: Organisation = buyer.user.memberships[0].organisation
    people = {key: login_as("consultant", name=name).user for key, name in (
        ("best", "Alva Bäst"), ("good", "Bertil Bra"), ("excluder", "Cilla Undantag"), ("none", "David Ingen"))}
    make_profile(people["best"], skills=[("Python", 5), ("Kafka", 5)], languages=[("Svenska", "C2")])
    make_profile(people["good"], skills=[("Python", 3)], languages=[("Svenska", "C2")])
    make_profile(people["excluder"], skills=[("Python", 5), ("Kafka", 5)], languages=[("Svenska", "C2")],
                 exclude=organisation.name)
    make_profile(people["none"], skills=[("Java", 5)], languages=[("Svenska", "C2")])
    assert search.pending() > 0  # queued in the same transaction as the profile rows
    assignment = make_assignment(organisation, state="shortlisting", title="Pipeline engineer")
    db.session.commit()
    search.drain()
    pool(5)  # a card needs five consultants who share it; these are not indexed, so the ranking is as above
    db.session.commit()
    return staff, people, assignment


def test_document_is_built_from_the_profile_tables(scene):
    _staff, people, assignment = scene
    doc = documents.load_document(people["excluder"].id)
    assert {s["name"] for s in doc["skills"]} == {"Python", "Kafka"}
    assert doc["languages"] == [{"name": "Svenska", "level": "C2"}]
    assert doc["excluded_client_ids"] == [assignment.organisation_id]
    assert doc["restricted"] is False and doc["updated_at"] is not None
    assert set(documents.consultant_ids()) >= {p.id for p in people.values()}


def test_ranking_lists_best_first_explains_and_leaves_out_the_excluder(scene):
    staff, people, assignment = scene
    response = staff.get(f"/staff/assignments/{assignment.id}/ranking", headers=EN)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    best, good = html.index(f'id="candidate-{people["best"].id}"'), html.index(f'id="candidate-{people["good"].id}"')
    assert best < good
    assert f'id="candidate-{people["excluder"].id}"' not in html and people["excluder"].name not in html
    assert f'id="candidate-{people["none"].id}"' not in html  # fails the must requirement Python
    assert 'id="left-out-excluded_client"' in html and "excluded this client: 1" in html
    section = html[best:good]
    assert "Passed: Python" in section and "Kafka (weight 3): matched as Kafka, level 5" in section
    viewed = set(db.session.scalars(sa.select(AuditEvent.subject_id).where(AuditEvent.action == "person.view")))
    assert {people["best"].id, people["good"].id} <= viewed and people["excluder"].id not in viewed


def test_pick_from_the_ranking_needs_a_reason(scene):
    staff, people, assignment = scene
    url = f"/staff/assignments/{assignment.id}/ranking"
    refused = staff.post(url, data={"consultant_id": people["best"].id, "reason": "  "}, headers=EN)
    assert refused.status_code == 422 and "Say why you pick" in refused.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ShortlistEntry)) == 0
    done = staff.post(url, data={"consultant_id": people["best"].id, "reason": "Kafka at level 5."})
    assert done.status_code == 303
    entry = db.session.scalar(sa.select(ShortlistEntry))
    assert (entry.consultant_id, entry.reason) == (people["best"].id, "Kafka at level 5.")
    assert "On the shortlist." in staff.get(url, headers=EN).get_data(as_text=True)


def test_ranking_of_unknown_assignment_is_404(scene):
    staff, _people, _assignment = scene
    assert staff.get("/staff/assignments/999999/ranking").status_code == 404


def test_buyer_cannot_open_the_ranking(scene, login_as):
    _staff, _people, assignment = scene
    buyer = login_as("buyer")
    assert buyer.get(f"/staff/assignments/{assignment.id}/ranking").status_code in (403, 404)


def test_search_cli_against_real_profiles(scene, app):
    _staff, people, _assignment = scene
    sections.update_competence(Actor(people["good"]), sections.profile_for(people["good"]), title="Data lead",
                               summary="Changed without a drain.")
    db.session.commit()  # the outbox row waits: the index is stale until synced or rebuilt
    runner = app.test_cli_runner()
    assert runner.invoke(args=["search", "verify"]).exit_code != 0
    rebuilt = runner.invoke(args=["search", "rebuild"])
    assert rebuilt.exit_code == 0, rebuilt.output
    verified = runner.invoke(args=["search", "verify"])
    assert verified.exit_code == 0, verified.output



def test_a_pick_from_the_ranking_keeps_its_explanation_for_the_consultant(scene):
    """R-MATCH-3: what the ranking said is kept with the pick, so the consultant can read why."""
    staff, people, assignment = scene
    staff.post(f"/staff/assignments/{assignment.id}/ranking",
               data={"consultant_id": people["best"].id, "reason": "Kafka at level 5."})
    entry = db.session.scalar(sa.select(ShortlistEntry))
    assert entry.explanation_json and "Kafka" in entry.explanation_json
