"""The ranking reads postings into per-segment caches: a save, a deletion and a rebuild must all show at once."""
from __future__ import annotations

from portal.extensions import db
from portal.services.matching import ranker, search, skills
from portal.services.matching.records import AssignmentQuery
from tests.search.documents import START, doc, skill


def _save(profiles, *docs) -> None:
    profiles.add(*docs)
    for d in docs:
        search.enqueue(d["consultant_id"])
    db.session.commit()
    search.drain()


def _query(**fields) -> AssignmentQuery:
    base = dict(client_id=None, must_skills=[{"name": "Kubernetes", "min_level": 3}],
                should_skills=[{"name": "Terraform", "weight": 3}], text="platform automation", start=START)
    base.update(fields)
    return AssignmentQuery(**base)


def _ids(ranking) -> list[int]:
    return [c.consultant_id for c in ranking.candidates]


def test_saves_deletions_and_rebuilds_reach_a_cached_ranking(app, profiles):
    skills.seed_defaults()
    _save(profiles, *(doc(n, title="Platform engineer", summary="Platform automation.",
                          skills=[skill("Kubernetes", 3 + n % 3)]) for n in range(1, 7)))
    first = ranker.rank(_query())
    assert sorted(_ids(first)) == [1, 2, 3, 4, 5, 6] and first.passed_musts == 6

    # a save moves a profile below the must level; another gains the should skill: both show at once
    _save(profiles, doc(2, skills=[skill("Kubernetes", 2)]),
          doc(5, title="Platform engineer", summary="Platform automation.",
              skills=[skill("k8s", 4), skill("Terraform", 5)]))
    second = ranker.rank(_query())
    assert 2 not in _ids(second) and second.passed_musts == 5
    assert _ids(second)[0] == 5 and second.candidates[0].explanation.terms["skills"] == ["terraform"]

    # a deletion in the cached (older) segment, and a level asked for from the minimum up
    search.remove_now(1)
    assert 1 not in _ids(ranker.rank(_query()))
    assert sorted(_ids(ranker.rank(_query(must_skills=[{"name": "Kubernetes", "min_level": 4}])))) == [4, 5]

    # a rebuild replaces every segment: the caches start over and give the same answer
    before = [(c.consultant_id, c.score) for c in ranker.rank(_query()).candidates]
    profiles.pop(1)
    search.rebuild()
    assert [(c.consultant_id, c.score) for c in ranker.rank(_query()).candidates] == before


def test_language_levels_are_asked_from_the_minimum_up(app, profiles):
    _save(profiles, doc(1, languages=[{"name": "German", "level": "C1"}]),
          doc(2, languages=[{"name": "Tyska", "level": "A2"}]), doc(3))
    wanted = lambda level: sorted(_ids(ranker.rank(  # noqa: E731
        AssignmentQuery(client_id=None, languages=[{"name": "German", "min_level": level}]))))
    assert wanted("B2") == [1]
    assert wanted("A1") == [1, 2]
    assert sorted(_ids(ranker.rank(AssignmentQuery(client_id=None, languages=[{"name": "tyska"}])))) == [1, 2]
