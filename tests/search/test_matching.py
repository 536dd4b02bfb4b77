"""Ranking: musts filter, shoulds weigh, everything is explained, and who is left out is counted (R-MATCH-1..3)."""
from __future__ import annotations

from datetime import date

import pytest

from portal.extensions import db
from portal.services.matching import ranker, search, skills
from portal.services.matching.records import AssignmentQuery
from tests.search.documents import START, doc, skill

CLIENT = 7


@pytest.fixture
def indexed(app, profiles):
    skills.seed_defaults()
    profiles.add(
        doc(1, title="DevOps engineer", summary="Automated cloud infrastructure with Terraform and Kubernetes.",
            skills=[skill("k8s", 4), skill("Terraform", 4), skill("Amazon Web Services", 3)],
            earlier_assignments=[{"client_id": CLIENT, "rating": 5}], hourly_rate=950),
        doc(2, title="Cloud engineer", summary="Kubernetes and Terraform for public sector.",
            skills=[skill("Kubernetes", 3), skill("Terraform", 2)], hourly_rate=1400, region="Skåne",
            remote="onsite"),
        doc(3, title="Platform engineer", summary="Kubernetes operators.", skills=[skill("kubernetes", 2)]),
        doc(4, title="DevOps engineer", summary="Kubernetes clusters.", skills=[skill("Kubernetes", 5)],
            excluded_client_ids=[CLIENT]),
        doc(5, title="DevOps engineer", summary="Kubernetes at scale.", skills=[skill("Kubernetes", 5)],
            available_from=date(2026, 9, 1)),
        doc(6, title="DevOps engineer", summary="Kubernetes everywhere.", skills=[skill("Kubernetes", 5)],
            restricted=True),
        doc(7, title="Utvecklare", summary="Jag har byggt Kubernetes-plattformar och automatiserat driften.",
            skills=[skill("K8S", 3), skill("TF", 3)], languages=[{"name": "Svenska", "level": "C2"}]),
        doc(8, title="Java developer", summary="Spring services; curious about Kubernetes.",
            skills=[skill("Java", 5)]),
    )
    profiles.index_all()
    return profiles


def _query(**fields) -> AssignmentQuery:
    base = dict(client_id=CLIENT, must_skills=[{"name": "Kubernetes", "min_level": 3}],
                should_skills=[{"name": "Terraform", "weight": 5}, {"name": "AWS", "weight": 2}],
                languages=[{"name": "Swedish", "min_level": "B2"}],
                text="DevOps engineer for cloud infrastructure automation", region="Stockholm", remote_ok=True,
                start=START, extent=100, rate_ceiling=1000)
    base.update(fields)
    return AssignmentQuery(**base)


def test_musts_filter_and_shoulds_order(indexed):
    ranking = ranker.rank(_query())
    assert [c.consultant_id for c in ranking.candidates] == [1, 7, 2]
    # 3 is below level 3, 8 has no Kubernetes skill (a mention in the text is not the skill)
    assert ranking.passed_musts == 3


def test_left_out_are_counted_per_reason_without_names(indexed):
    ranking = ranker.rank(_query())
    assert ranking.left_out == {"restricted": 1, "excluded_client": 1, "unavailable": 1}
    assert {4, 5, 6}.isdisjoint(c.consultant_id for c in ranking.candidates)
    other_client = ranker.rank(_query(client_id=99))
    assert 4 in [c.consultant_id for c in other_client.candidates]


def test_synonyms_and_spelling_count_for_musts_and_shoulds(indexed):
    ranking = ranker.rank(_query(must_skills=[{"name": "K8s", "min_level": 3}],
                                   should_skills=[{"name": "terraform", "weight": 5}]))
    swedish = next(c for c in ranking.candidates if c.consultant_id == 7)
    must = swedish.explanation.musts[0]
    assert must.passed and must.found == "K8S (3)"
    assert swedish.explanation.shoulds[0].matched_as == "TF" and swedish.explanation.shoulds[0].points == 8.0


def test_a_synonym_added_by_staff_works_without_rebuilding(indexed):
    from portal.services.actors import SYSTEM

    assert ranker.rank(_query(must_skills=[{"name": "Kubernetes-as-a-service"}], languages=[])).candidates == []
    skills.add(SYSTEM, "Kubernetes-as-a-service", "Kubernetes")
    found = ranker.rank(_query(must_skills=[{"name": "Kubernetes-as-a-service"}], languages=[])).candidates
    assert {c.consultant_id for c in found} >= {1, 2, 7}


def test_explanation_accounts_for_every_point(indexed):
    best = ranker.rank(_query()).candidates[0]
    explanation = best.explanation
    assert [(m.name, m.passed) for m in explanation.musts] == [("Kubernetes", True), ("Swedish", True)]
    terraform, aws = explanation.shoulds
    assert (terraform.matched_as, terraform.level, terraform.points) == ("Terraform", 4, 9.0)
    assert (aws.matched_as, aws.points) == ("Amazon Web Services", 3.2)
    factors = {f.code: f.points for f in explanation.factors}
    assert factors["availability"] == 2.0 and factors["region"] == 2.0 and factors["rate"] == 1.5
    assert factors["rating"] == 1.5 and factors["same_client"] == 1.0 and factors["text"] == 6.0
    assert explanation.terms["text_en"] == ["autom", "cloud", "infrastructur"]  # "engineer" is too common here
    assert explanation.terms["skills"] == ["amazonwebservices", "terraform"]
    assert explanation.terms["skill_levels"] == ["k8s:3"]
    assert best.score == explanation.total


def test_rate_region_and_remote_count(indexed):
    expensive = next(c for c in ranker.rank(_query()).candidates if c.consultant_id == 2).explanation
    factors = {f.code: f.points for f in expensive.factors}
    assert factors["rate"] == -2.0 and factors["region"] == 0.0  # onsite in Skåne, rate above the ceiling


def test_swedish_text_is_stemmed(indexed):
    ranking = ranker.rank(AssignmentQuery(client_id=None, text="automatisera driften av plattformen"))
    assert ranking.candidates[0].consultant_id == 7


def test_plain_words_for_the_consultant(app, indexed):
    best = ranker.rank(_query()).candidates[0]
    with app.test_request_context():
        lines = ranker.explain_in_plain_words(best.explanation, "en")
    text = "\n".join(lines)
    assert "You meet the requirement “Kubernetes” with k8s (4)." in text
    assert "Your skill “Terraform” at level 4 matches the wish “Terraform” (weight 5): 9.0 points." in text
    assert "You have worked for this client before" in text
    assert "A person at Customersonly makes the choice" in lines[-1]
    assert "Words of the assignment found in your profile text (summary, history, industries, interests): " \
           "autom, cloud, infrastructur." in text


def test_no_musts_and_no_text_still_ranks_everyone_available(indexed):
    ranking = ranker.rank(AssignmentQuery(client_id=CLIENT, start=START))
    assert {c.consultant_id for c in ranking.candidates} == {1, 2, 3, 7, 8}
    assert ranking.left_out == {"restricted": 1, "excluded_client": 1, "unavailable": 1}
