"""List sections: add, edit, remove; one skill whatever it is called; foreign ids are 404 (R-CON-6)."""
from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.models import EmploymentEntry, ProfileSkill, ReferenceStatement, Skill
from portal.services.matching import skills
from tests.conftest import hx
from tests.profiles.helpers import profile_of

EN = {"Accept-Language": "en"}


def test_postgres_spellings_become_one_skill(login_as):
    skills.seed_defaults()
    first, second = login_as("consultant"), login_as("consultant")
    assert first.post("/consultant/profile/skills/add", data={
        "skills-name": "Postgres", "skills-level": "4", "skills-years": "6"}).status_code == 303
    assert second.post("/consultant/profile/skills/add", data={
        "skills-name": "postgresql", "skills-level": "2", "skills-years": "1"}).status_code == 303
    assert first.post("/consultant/profile/skills/add", data={
        "skills-name": "PostgreSQL ", "skills-level": "3"}, headers=EN).status_code == 422  # already there
    assert db.session.scalars(sa.select(Skill.name).where(Skill.key.like("postgres%"))).all() == ["PostgreSQL"]
    rows = db.session.scalars(sa.select(ProfileSkill)).all()
    assert len(rows) == 2 and {r.skill.name for r in rows} == {"PostgreSQL"}


def test_skill_suggestions_come_from_the_vocabulary(login_as):
    skills.seed_defaults()
    consultant = login_as("consultant")
    response = consultant.get("/consultant/profile/skills/suggest?skills-name=kube", headers=hx())
    assert '<option value="Kubernetes">' in response.get_data(as_text=True)


def test_employment_add_edit_remove(login_as):
    consultant = login_as("consultant")
    data = {"employment-employer": "Nordbank AB", "employment-title": "Developer",
            "employment-start": "2019-01-01", "employment-description": "Payment APIs."}
    assert consultant.post("/consultant/profile/employment/add", data=data).status_code == 303
    entry = db.session.scalar(sa.select(EmploymentEntry))
    assert consultant.get(f"/consultant/profile/employment/{entry.id}/edit").status_code == 200
    data["employment-title"] = "Senior developer"
    assert consultant.post(f"/consultant/profile/employment/{entry.id}", data=data).status_code == 303
    db.session.expire_all()
    assert db.session.get(EmploymentEntry, entry.id).title == "Senior developer"
    response = consultant.post(f"/consultant/profile/employment/{entry.id}/delete", headers=hx())
    assert response.status_code == 200 and 'id="section-employment"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(EmploymentEntry.id))) == 0


def test_end_before_start_is_refused(login_as):
    consultant = login_as("consultant")
    response = consultant.post("/consultant/profile/education/add", data={
        "education-school": "KTH", "education-start": "2015-01-01", "education-end": "2010-01-01"}, headers=EN)
    assert response.status_code == 422
    assert "end date is before the start date" in response.get_data(as_text=True)


def test_sensitive_history_description_stores_nothing(login_as):
    consultant = login_as("consultant")
    response = consultant.post("/consultant/profile/employment/add", data={
        "employment-employer": "Facket AB", "employment-title": "Developer",
        "employment-description": "Jag är medlem i facket och var sjukskriven 2021."}, headers=EN)
    assert response.status_code == 422
    assert db.session.scalar(sa.select(sa.func.count(EmploymentEntry.id))) == 0


def test_reference_statement_keeps_author_and_time(login_as):
    consultant = login_as("consultant")
    assert consultant.post("/consultant/profile/references/add", data={
        "references-referee_name": "Rut Referent", "references-role": "CTO", "references-company": "Nordbank",
        "references-contact": "rut@example.se", "references-relation": "My manager 2019–2022",
        "references-statement": "Maja delivered on time, every time."}).status_code == 303
    statement = db.session.scalar(sa.select(ReferenceStatement))
    assert statement.author == "Rut Referent" and statement.created_at is not None
    assert statement.recorded_by_id == consultant.user.id
    page = consultant.get("/consultant/profile", headers=EN).get_data(as_text=True)
    assert "every time." in page and "Written by Rut Referent" in page


def test_languages_need_a_cefr_level(login_as):
    consultant = login_as("consultant")
    assert consultant.post("/consultant/profile/languages/add", data={
        "languages-name": "Swedish", "languages-level": "Z9"}).status_code == 422
    assert consultant.post("/consultant/profile/languages/add", data={
        "languages-name": "Swedish", "languages-level": "C2"}).status_code == 303


def test_another_consultants_entry_is_404(login_as):
    owner, intruder = login_as("consultant"), login_as("consultant")
    owner.post("/consultant/profile/employment/add", data={"employment-employer": "A", "employment-title": "B"})
    entry = db.session.scalar(sa.select(EmploymentEntry))
    assert intruder.get(f"/consultant/profile/employment/{entry.id}/edit").status_code == 404
    assert intruder.post(f"/consultant/profile/employment/{entry.id}", data={
        "employment-employer": "X", "employment-title": "Y"}).status_code == 404
    assert intruder.post(f"/consultant/profile/employment/{entry.id}/delete").status_code == 404
    assert intruder.get("/consultant/profile/nonsense/1/edit").status_code == 404
    db.session.expire_all()
    assert db.session.get(EmploymentEntry, entry.id).employer == "A"


def test_excluded_client_links_a_known_organisation(login_as):
    from tests import factories

    organisation = factories.make_organisation(name="Nordvik Energi AB")
    consultant = login_as("consultant")
    consultant.post("/consultant/profile/exclusions/add", data={"exclusions-name": "nordvik energi ab"})
    profile = profile_of(consultant.user)
    db.session.refresh(profile)
    assert profile.exclusions[0].organisation_id == organisation.id
