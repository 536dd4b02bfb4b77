"""One skill vocabulary: profile input and search read the same synonyms through the same key (R-MATCH-1)."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import ProfileSkill, Skill, SkillSynonym
from portal.services.matching import ranker, search, skills
from portal.services.matching.records import AssignmentQuery
from tests.search.documents import START, doc, skill

EN = {"Accept-Language": "en"}


def _ranked(must: str) -> set[int]:
    query = AssignmentQuery(client_id=None, must_skills=[{"name": must, "min_level": 3}], should_skills=[],
                            text="platform", start=START)
    return {c.consultant_id for c in ranker.rank(query).candidates}


def test_a_synonym_staff_add_is_honoured_by_profile_input_and_by_ranking(login_as, profiles):
    profiles.add(doc(1, skills=[skill("EKS", 4)]), doc(2, skills=[skill("Kubernetes", 4)]))
    profiles.index_all()
    assert _ranked("Kubernetes") == {2} and _ranked("EKS") == {1}

    staff = login_as("staff", staff_roles="recruiter")
    added = staff.post("/staff/skills", data={"alias": "EKS", "canonical": "Kubernetes"}, headers=EN)
    assert added.status_code in (302, 303)

    # ranking: both spellings find both profiles, without rebuilding the index
    assert _ranked("Kubernetes") == {1, 2} and _ranked("eks") == {1, 2}
    # profile input: the spelling resolves to the skill it means
    consultant = login_as("consultant")
    assert consultant.post("/consultant/profile/skills/add", data={
        "skills-name": "eks", "skills-level": "4", "skills-years": "3"}).status_code == 303
    assert [row.skill.name for row in db.session.scalars(sa.select(ProfileSkill))] == ["Kubernetes"]
    assert skills.resolve("EKS") is skills.find("Kubernetes")


def test_profile_skills_and_synonyms_share_one_key(app):
    skills.seed_defaults()
    node = skills.resolve("Node.js")
    assert node.key == skills.key("Node.js") == "nodejs"
    assert skills.resolve("NodeJS") is node and skills.resolve("node") is node  # "Node" is a seeded synonym
    assert skills.resolve("Postgres").name == "PostgreSQL"
    assert len({skills.resolve(n).id for n in ("C", "C#", "C++")}) == 3
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Skill)) == 5


@pytest.mark.parametrize("a, b", [("Русский", "Python"), ("Ørsted", "rsted"), ("C++", "C")])
def test_key_keeps_letters_of_every_script(a, b):
    assert skills.key(a) and skills.key(a) != skills.key(b)


def test_suggestions_and_the_list_come_from_skills_and_synonyms(app):
    skills.seed_defaults()
    skills.resolve("Kotlin")
    assert skills.suggest("k8s") == ["Kubernetes"]
    assert skills.suggest("kot") == ["Kotlin"]
    assert skills.suggest("   ") == []
    names = skills.all_names()
    assert "PostgreSQL" in names and "Kotlin" in names and "Postgres" not in names


def test_a_name_without_letters_or_digits_is_refused_in_the_profile(login_as):
    consultant = login_as("consultant")
    response = consultant.post("/consultant/profile/skills/add", data={
        "skills-name": "!!!", "skills-level": "3"}, headers=EN)
    assert response.status_code == 422
    assert "at least one letter or digit" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Skill)) == 0


def test_staff_cannot_make_a_canonical_skill_a_synonym(login_as):
    skills.seed_defaults()
    db.session.commit()
    before = db.session.scalar(sa.select(sa.func.count()).select_from(SkillSynonym))
    recruiter = login_as("staff", staff_roles="recruiter")
    response = recruiter.post("/staff/skills", data={"alias": "Kubernetes", "canonical": "Container platform"},
                              headers=EN)
    assert response.status_code == 422
    assert "Other spellings already mean this skill" in response.get_data(as_text=True)
    too_long = recruiter.post("/staff/skills", data={"alias": "C" + "#" * 40, "canonical": "C"}, headers=EN)
    assert too_long.status_code == 422 and "at most 80 characters" in too_long.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SkillSynonym)) == before
