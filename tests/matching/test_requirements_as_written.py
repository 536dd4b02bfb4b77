"""Skills in assignment text and requirements as buyers write them, end to end through the index (R-MATCH-1..3,
R-BUY-1): "C#" finds C# profiles only, ".NET" never "net revenue", "C/C++" is met by either, years count,
the buyer's per-requirement count comes from the index, and staff see a requirement that names no skill."""
from __future__ import annotations

import os

import pytest
from whoosh import index as whoosh_index

from portal.extensions import db
from portal.models import AssignmentRequirement
from portal.services.assignments import requirement_stats
from portal.services.matching import ranker, requirements, search, skill_tokens, skills
from portal.services.matching.records import AssignmentQuery
from tests import factories
from tests.orgs.helpers import make_assignment
from tests.search.documents import START, doc, profiles, skill  # noqa: F401  (profiles is a fixture)

EN = {"Accept-Language": "en"}
CLIENT = 7


@pytest.fixture
def indexed(app, profiles):  # noqa: F811
    skills.seed_defaults()
    profiles.add(
        doc(1, title="C# developer", skills=[skill("C#", 4, 6)]),
        doc(2, title="Systems developer", skills=[skill("C", 4, 8)], summary="Firmware in C for cars."),
        doc(3, title="Systems developer", skills=[skill("C++", 3, 3)]),
        doc(4, title="Controller", summary="Responsible for net revenue and object storage costs."),
        doc(5, title="Backend developer", summary="Built .NET-miljö and APIs in ASP.NET Core."),
        doc(6, title="Java developer", skills=[skill("Java", 4, 7)], summary="Ready to go live in March."),
        doc(7, title="Java developer", skills=[skill("Java", 5, 2)]),
        doc(8, title="Frontend", skills=[skill("Vue", 4, 4)]),
        doc(9, title="Frontend", skills=[skill("React", 3, 5)]),
        doc(10, title="C# developer", skills=[skill("Visual C#", 5, 9)], restricted=True),
        doc(11, title="C# developer", skills=[skill("C#", 5, 9)], excluded_client_ids=[CLIENT]),
        doc(12, title="Go developer", skills=[skill("Golang", 4, 5)]),
    )
    profiles.index_all()
    return profiles


def _ids(**fields) -> list[int]:
    query = AssignmentQuery(client_id=fields.pop("client_id", None), start=START, **fields)
    return sorted(c.consultant_id for c in ranker.rank(query).candidates)


def test_a_query_naming_csharp_returns_csharp_profiles_only(indexed):
    assert _ids(text="C#") == [1, 11]
    assert _ids(text="C#", client_id=CLIENT) == [1]  # and never a profile that excluded the client
    assert _ids(text="Objective-C") == []  # a skill nobody has leaves nobody, not everyone


def test_dotnet_is_not_net_revenue(indexed):
    found = _ids(text=".NET")
    assert found == [5] and 4 not in found
    assert _ids(text="ASP.NET Core") == [5]
    assert _ids(text="Objective-C och .NET") == [5]  # never 4: "object" and "net" are its words, not skills


def test_go_the_language_is_not_go_live(indexed):
    assert _ids(text="Go developer wanted") != [6]
    assert 6 not in _ids(text="Erfarenhet av Go")
    assert _ids(must_skills=[{"name": "Go"}]) == [12]


def test_either_requirement_and_the_explanation_says_which(app, indexed):
    ranking = ranker.rank(AssignmentQuery(client_id=None, must_skills=[{"name": "C/C++"}], start=START))
    by_id = {c.consultant_id: c for c in ranking.candidates}
    assert sorted(by_id) == [2, 3]
    must = by_id[3].explanation.musts[0]
    assert (must.name, must.alternative, must.found) == ("C/C++", "C++", "C++ (3)")
    with app.test_request_context():
        lines = ranker.explain_in_plain_words(by_id[2].explanation, "en")
    assert "You meet the requirement “C/C++” through “C” with C (4)." in lines
    assert _ids(must_skills=[{"name": "Java/Kotlin"}]) == [6, 7]


def test_years_as_buyers_write_them(app, indexed):
    for text in ("minst fem års erfarenhet av Java", "at least 5 years of Java", "Java 5+ år"):
        assert _ids(must_skills=[{"name": text}]) == [6], text
    best = ranker.rank(AssignmentQuery(client_id=None, must_skills=[{"name": "Java, minst 5 år"}])).candidates[0]
    must = best.explanation.musts[0]
    assert (must.min_years, must.years) == (5, 7)
    with app.test_request_context():
        lines = ranker.explain_in_plain_words(best.explanation, "en")
    assert "The requirement asks for at least 5 years; your profile shows 7." in lines


def test_should_either_gives_points_to_both(indexed):
    ranking = ranker.rank(AssignmentQuery(client_id=None, should_skills=[{"name": "React eller Vue", "weight": 3}]))
    matched = {c.consultant_id: c.explanation.shoulds[0].matched_as for c in ranking.candidates}
    assert matched == {8: "Vue", 9: "React"}


@pytest.mark.parametrize("text, groups, years, known", [
    ("C/C++", [["C", "C++"]], 0, True),
    ("Java/Kotlin", [["Java", "Kotlin"]], 0, True),
    ("React eller Vue", [["React", "Vue"]], 0, True),
    ("React or Vue", [["React", "Vue"]], 0, True),
    ("Java, Kotlin eller Scala", [["Java", "Kotlin", "Scala"]], 0, True),
    ("Java och Spring Boot", [["Java"], ["Spring Boot"]], 0, True),
    ("CI/CD", [["CI/CD"]], 0, True),
    ("minst fem års erfarenhet av Python", [["Python"]], 5, True),
    ("at least 5 years with Python", [["Python"]], 5, True),
    ("5+ år C#", [["C#"]], 5, True),
    ("Tre års erfarenhet av Go", [["Go"]], 3, True),
    ("Erfarenhet av offentlig upphandling", [["Erfarenhet av offentlig upphandling"]], 0, False),
])
def test_requirements_are_read_as_written(app, text, groups, years, known):
    read = requirements.parse(text, skill_tokens.build())
    assert (read.groups, read.min_years, read.known) == (groups, years, known)


def test_the_buyers_count_comes_from_the_index(app, indexed):
    count = requirement_stats.count_matching
    assert count("C#") == 2  # 1 and 11; 10 is restricted, so not processed (R-RIGHTS-5)
    assert count("C#", CLIENT) == 1  # 11 excluded this client
    assert count("C/C++") == 2 and count("Java") == 2 and count("Java, minst fem års erfarenhet") == 1
    assert count("Swedish") == 11 and count("Cobol") == 0 and count("   ") == 0
    organisation = factories.make_organisation("buyer")
    assignment = make_assignment(organisation)
    assignment.requirements = [AssignmentRequirement(kind="must", text="C/C++", position=0),
                               AssignmentRequirement(kind="should", text="React eller Vue", weight=3, position=1),
                               AssignmentRequirement(kind="must", text="Kubernetes-as-a-service", position=2)]
    db.session.flush()
    rows = [(r["requirement"].text, r["count"], r["hint"]) for r in requirement_stats.for_assignment(assignment)]
    assert rows == [("C/C++", 2, True), ("React eller Vue", 2, False), ("Kubernetes-as-a-service", 0, True)]


def test_staff_review_warns_of_a_requirement_naming_no_skill(login_as):
    skills.seed_defaults()
    organisation = factories.make_organisation("buyer")
    assignment = make_assignment(organisation, state="submitted")
    assignment.requirements = [AssignmentRequirement(kind="must", text="C/C++", position=0),
                               AssignmentRequirement(kind="must", text="Erfarenhet av ostbågar", position=1),
                               AssignmentRequirement(kind="must", text="minst 5 år Java", position=2)]
    db.session.commit()
    staff = login_as("staff", staff_roles="recruiter")
    page = staff.get(f"/staff/assignments/{assignment.id}", headers=EN)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert html.count("requirement-unmatched") == 1
    assert "No skill in the vocabulary matches this requirement" in html
    assert "any of:" in html and "at least 5 years" in html


def test_an_index_of_the_older_schema_is_reported_and_rebuilt(app, profiles):  # noqa: F811
    profiles.add(doc(1, summary="C# services."))
    path = app.config["SEARCH_INDEX_DIR"]
    older = search.SCHEMA.copy()
    for name in ("title_skills", "text_skills", "skill_years"):
        older.remove(name)
    os.makedirs(path, exist_ok=True)
    whoosh_index.create_in(path, older)
    search._indexes.pop(path, None)
    runner = app.test_cli_runner()
    assert runner.invoke(args=["search", "sync"]).exit_code == 0  # an older index keeps taking changes
    verified = runner.invoke(args=["search", "verify"])
    assert verified.exit_code == 1 and "older schema" in verified.output
    assert runner.invoke(args=["search", "rebuild"]).exit_code == 0
    verified = runner.invoke(args=["search", "verify"])
    assert verified.exit_code == 0 and "index and database agree" in verified.output
    assert _ids(text="C#") == [1]
