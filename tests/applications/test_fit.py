"""R-CON-1: the consultant sees how their own profile meets each must and should requirement — met, partly
or missing, with reasons — read the way the matching engine reads requirements (R-MATCH-3)."""
from __future__ import annotations

from flask_babel import force_locale

from portal.extensions import db
from portal.models import AssignmentRequirement
from portal.services.applications import fit
from portal.services.matching import skills
from tests.orgs.helpers import make_assignment
from tests.search.test_ranking_page import make_profile


def _assignment(buyer, *requirements):
    organisation = buyer.memberships[0].organisation
    assignment = make_assignment(organisation)
    assignment.requirements = [AssignmentRequirement(kind=kind, text=text, weight=None if kind == "must" else 3,
                                                     position=i) for i, (kind, text) in enumerate(requirements)]
    db.session.flush()
    return assignment


def test_met_partly_and_missing_on_a_real_profile(login_as):
    buyer = login_as("buyer").user
    consultant = login_as("consultant").user
    skills.seed_defaults()
    make_profile(consultant, skills=[("Python", 5), ("Postgres", 3), ("Java", 4)], languages=[("Svenska", "C2")])
    assignment = _assignment(
        buyer, ("must", "Python"), ("must", "minst sex års erfarenhet av Java"), ("must", "Svenska"),
        ("must", "Java, Spring och SQL"), ("should", "PostgreSQL"), ("should", "React eller Vue"),
        ("should", "Engelska"), ("should", "React eller Python"))
    db.session.commit()
    with force_locale("en"):  # the reasons are lazy texts, read here in English
        fits = [fit.RequirementFit(f.requirement, f.status, [str(r) for r in f.reasons])
                for f in fit.fit(consultant, assignment)]
    by_text = {f.requirement.text: f for f in fits}
    assert [f.requirement.text for f in fits] == [r.text for r in assignment.requirements]
    assert by_text["Python"].status == "met"
    assert "level 5" in by_text["Python"].reasons[0]
    years = by_text["minst sex års erfarenhet av Java"]  # the profile has 4 years (make_profile)
    assert years.status == "partly" and any("at least 6" in r for r in years.reasons)
    assert by_text["Svenska"].status == "met" and "C2" in by_text["Svenska"].reasons[0]
    several = by_text["Java, Spring och SQL"]
    assert several.status == "partly" and any("Spring" in r for r in several.reasons)
    assert by_text["PostgreSQL"].status == "met"  # the synonym Postgres counts, as in the ranking
    assert by_text["React eller Vue"].status == "missing"
    assert by_text["React eller Python"].status == "met"  # either skill meets an "eller" requirement
    assert fit.summary(fits) == {"met": 4, "partly": 2, "missing": 2}
    assert by_text["Engelska"].status == "missing" and "Engelska" in by_text["Engelska"].reasons[0]


def test_a_consultant_without_a_profile_misses_everything(login_as):
    buyer = login_as("buyer").user
    consultant = login_as("consultant").user
    assignment = _assignment(buyer, ("must", "Python"), ("should", "Kafka"))
    db.session.commit()
    assert [f.status for f in fit.fit(consultant, assignment)] == ["missing", "missing"]
