"""Skill names are normalised: case, spacing, punctuation and synonyms staff edit (R-MATCH-1)."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, SkillSynonym
from portal.services import DomainError
from portal.services.matching import skills
from portal.services.actors import SYSTEM

EN = {"Accept-Language": "en"}


@pytest.mark.parametrize("a, b", [("Node.js", "nodejs"), ("NODE JS", "node-js"), ("C#", "c #"),
                                  ("PostgreSQL", "postgresql"), (" React.JS ", "reactjs")])
def test_key_ignores_case_spacing_and_punctuation(a, b):
    assert skills.key(a) == skills.key(b)


def test_key_keeps_languages_with_symbols_apart():
    assert len({skills.key("C"), skills.key("C#"), skills.key("C++")}) == 3


@pytest.mark.parametrize("alias, canonical", [("k8s", "Kubernetes"), ("JS", "JavaScript"), ("TS", "TypeScript"),
                                              ("Postgres", "PostgreSQL"), ("dotnet", ".NET"),
                                              ("ReactJS", "React"), ("React.js", "React"), ("Node", "Node.js"),
                                              ("GCP", "Google Cloud"), ("Amazon Web Services", "AWS"),
                                              ("ML", "Machine learning"), ("csharp", "C#")])
def test_seeded_synonyms(app, alias, canonical):
    skills.seed_defaults()
    table = skills.load_table()
    assert table.canonical_id(alias) == table.canonical_id(canonical)
    assert skills.key(alias) in table.variants(canonical)


def test_add_and_delete_are_audited(app):
    synonym = skills.add(SYSTEM, "Elixir lang", "Elixir")
    assert skills.load_table().canonical_id("elixirlang") == "elixir"
    skills.delete(SYSTEM, synonym.id)
    actions = db.session.scalars(sa.select(AuditEvent.action)).all()
    assert actions == ["skill_synonym.add", "skill_synonym.delete"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SkillSynonym)) == 0


@pytest.mark.parametrize("alias, canonical, field", [
    ("   ", "Kubernetes", "alias"), ("k8s", "!!!", "canonical"), ("Kubernetes", "kubernetes", "alias"),
    ("k8s", "Kubernetes", "alias"),  # exists after seeding
    ("kubernetes2", "k8s", "canonical"),  # k8s is itself a synonym
])
def test_bad_synonyms_are_refused(app, alias, canonical, field):
    skills.seed_defaults()
    db.session.commit()
    before = db.session.scalar(sa.select(sa.func.count()).select_from(SkillSynonym))
    with app.test_request_context(headers=EN), pytest.raises(DomainError) as refused:
        skills.add(SYSTEM, alias, canonical)
    assert refused.value.field == field
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SkillSynonym)) == before


def test_staff_page_lists_adds_and_removes(login_as):
    skills.seed_defaults()
    db.session.commit()
    recruiter = login_as("staff", staff_roles="recruiter")
    page = recruiter.get("/staff/skills", headers=EN)
    assert page.status_code == 200 and "k8s" in page.get_data(as_text=True)
    added = recruiter.post("/staff/skills", data={"alias": "Svelte.js", "canonical": "Svelte"}, headers=EN)
    assert added.status_code in (302, 303)
    synonym = db.session.scalar(sa.select(SkillSynonym).where(SkillSynonym.alias_key == "sveltejs"))
    assert synonym.canonical == "Svelte"
    removed = recruiter.post(f"/staff/skills/{synonym.id}/delete", headers=EN)
    assert removed.status_code in (302, 303)
    assert db.session.get(SkillSynonym, synonym.id) is None


def test_staff_page_bad_input_is_422_and_changes_nothing(login_as):
    recruiter = login_as("staff", staff_roles="admin")
    response = recruiter.post("/staff/skills", data={"alias": "Go", "canonical": "go"}, headers=EN)
    assert response.status_code == 422
    assert "cannot be a synonym of itself" in response.get_data(as_text=True)
    empty = recruiter.post("/staff/skills", data={"alias": "", "canonical": ""}, headers=EN)
    assert empty.status_code == 422
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SkillSynonym)) == 0


def test_deleting_an_unknown_synonym_is_404(login_as):
    recruiter = login_as("staff", staff_roles="recruiter")
    assert recruiter.post("/staff/skills/424242/delete").status_code == 404
