"""Demo data: a complete demo consultant and generated profiles, idempotent."""
from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.models import ConsultantProfile, ProfileSkill, User
from portal.demo import seed, profiles
from portal.services.profiles import completeness, sections

RECORD = {
    "name": "Test Testsson", "email": "test.testsson@example.se", "phone": "+46 70 000 00 00", "city": "Umeå",
    "region": "Västerbotten", "title": "Data engineer", "summary": "Bygger dataplattformar.",
    "skills": [{"name": "Postgres", "level": 4, "years": 5}, {"name": "PostgreSQL", "level": 3, "years": 2},
               {"name": "Python", "level": 5, "years": 9}],
    "languages": [{"name": "Svenska", "level": "C2"}], "industries": ["Energy"], "interests": ["Open data"],
    "employment": [{"employer": "Vattenkraft AB", "title": "Data engineer", "start": "2018-01-01", "end": None,
                    "description": "Pipelines."}],
    "education": [{"school": "Umeå universitet", "degree": "MSc", "start": "2012-08-20", "end": "2017-06-05"}],
    "certificates": [{"name": "Azure Data Engineer", "issuer": "Microsoft", "year": 2021}],
    "available_from": "2027-02-01", "extent": 80, "remote": "remote", "hourly_rate": 990, "archetype": "data",
}


def test_generated_record_becomes_a_consultant_once(app):
    assert list(profiles.load(None, "hash", [RECORD])) == ["created 1 generated consultant profiles"]
    assert list(profiles.load(None, "hash", [RECORD])) == []
    user = db.session.scalar(sa.select(User).where(User.email == RECORD["email"]))
    profile = sections.profile_for(user)
    assert profile.title == "Data engineer" and profile.extent == 80
    assert {s.skill.name for s in profile.skills} == {"PostgreSQL", "Python"}  # aliases merged


def test_demo_load_completes_the_demo_consultant_and_generates_200(app):
    list(seed.load())
    db.session.commit()
    konsult = db.session.scalar(sa.select(User).where(User.email == seed.demo_email("konsult")))
    profile = sections.profile_for(konsult)
    assert completeness.measure(profile, konsult).complete
    assert db.session.scalar(sa.select(sa.func.count(ConsultantProfile.id))) >= 201
    skills_before = db.session.scalar(sa.select(sa.func.count(ProfileSkill.id)))
    list(seed.load())
    assert db.session.scalar(sa.select(sa.func.count(ProfileSkill.id))) == skills_before
