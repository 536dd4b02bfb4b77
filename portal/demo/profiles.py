"""Demo consultant profiles: the demo consultant's full profile and 200 generated ones (R-MATCH)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Iterable, Iterator

import sqlalchemy as sa

from portal.extensions import db
from portal.models import (
    Certificate, ConsultantProfile, EducationEntry, EmploymentEntry, ProfileIndustry, ProfileInterest, ProfileLanguage,
    ProfileSkill, Reference, ReferenceStatement, User, utcnow,
)
from portal.services import audit, encryption
from portal.services.matching import skills
from portal.services.actors import SYSTEM
from portal.services.profiles.linkedin_merge import loose_date
from portal.services.profiles.sections import profile_for

GENERATED = 200
SEED = 2026

DEMO_CONSULTANT = {
    "name": "Klara Konsult", "phone": "+46 70 123 45 67", "city": "Stockholm", "region": "Stockholm",
    "title": "Senior backend developer",
    "summary": "Backendutvecklare med tio års erfarenhet av betalsystem, API:er och PostgreSQL i bank och energi.",
    "skills": [{"name": "Python", "level": 5, "years": 10}, {"name": "Postgres", "level": 4, "years": 8},
               {"name": "k8s", "level": 3, "years": 4}, {"name": "Django", "level": 4, "years": 6}],
    "languages": [{"name": "Svenska", "level": "C2"}, {"name": "English", "level": "C1"}],
    "industries": ["Bank och finans", "Energy"], "interests": ["Open source", "Hållbar IT"],
    "employment": [
        {"employer": "Nordbank AB", "title": "Backend developer", "start": "2019-01-01", "end": None,
         "description": "Betal-API:er och batchflöden i Python och PostgreSQL."},
        {"employer": "Kodkraft Konsult AB", "title": "Utvecklare", "start": "2015-03-01", "end": "2018-12-31",
         "description": "Web shops and integrations for retail clients."}],
    "education": [{"school": "KTH", "degree": "Civilingenjör, datateknik", "start": "2010-08-20", "end": "2015-06-05"}],
    "certificates": [{"name": "Certified Kubernetes Administrator", "issuer": "CNCF", "year": 2022}],
    "available_from": "2027-01-01", "extent": 100, "remote": "hybrid", "hourly_rate": 1150,
}


def fill_profile(profile: ConsultantProfile, record: dict) -> None:
    """Write a generator-shaped record (generator.py's dict) into an empty profile."""
    profile.city, profile.region, profile.country = record.get("city"), record.get("region"), "SE"
    profile.street = record.get("street") or "Demogatan 1"
    profile.title, profile.summary = record.get("title"), record.get("summary")
    profile.available_from, profile.extent = loose_date(record.get("available_from")), record.get("extent")
    profile.remote = record.get("remote")
    rate = record.get("hourly_rate")
    profile.hourly_rate = Decimal(str(rate)) if rate is not None else None
    profile.citizenship, profile.f_tax, profile.updated_at = "SE", "F", utcnow()
    seen: set[int] = set()
    for item in record.get("skills", []):
        skill = skills.resolve(item["name"])
        if skill.id not in seen:
            seen.add(skill.id)
            profile.skills.append(ProfileSkill(skill_id=skill.id, level=int(item["level"]), years=int(item["years"])))
    profile.languages += [ProfileLanguage(name=i["name"], level=i["level"]) for i in record.get("languages", [])]
    profile.industries += [ProfileIndustry(name=name) for name in record.get("industries", [])]
    profile.interests += [ProfileInterest(text=text) for text in record.get("interests", [])]
    profile.employment += [EmploymentEntry(employer=e["employer"], title=e["title"], start=loose_date(e.get("start")),
                                           end=loose_date(e.get("end")), description=e.get("description"))
                           for e in record.get("employment", [])]
    profile.education += [EducationEntry(school=e["school"], degree=e.get("degree"), start=loose_date(e.get("start")),
                                         end=loose_date(e.get("end"))) for e in record.get("education", [])]
    profile.certificates += [Certificate(name=c["name"], issuer=c.get("issuer"), year=c.get("year"))
                             for c in record.get("certificates", [])]
    db.session.flush()


def create_consultant(record: dict, password_hash: str) -> User | None:
    """A verified consultant account with a filled profile; None when the e-mail is taken already."""
    email = record["email"].strip().lower()
    if db.session.scalar(sa.select(User.id).where(User.email == email)) is not None:
        return None
    user = User(email=email, password_hash=password_hash, role="consultant", name=record["name"],
                phone=record.get("phone"), locale="sv", email_verified_at=utcnow())
    db.session.add(user)
    db.session.flush()
    fill_profile(profile_for(user), record)
    audit.record(SYSTEM, "account.register", subject=user, obj=user, detail={"role": "consultant", "demo": True})
    return user


def complete_demo_consultant(user: User) -> bool:
    """Klara Konsult gets a complete profile, identity and payment included (once)."""
    profile = profile_for(user)
    if profile.title:
        return False
    user.phone = DEMO_CONSULTANT["phone"]
    fill_profile(profile, DEMO_CONSULTANT)
    profile.postal_code = "116 45"
    profile.personnummer_encrypted = encryption.encrypt("19811218-9876")  # a public test number
    profile.date_of_birth = date(1981, 12, 18)
    profile.bankgiro_encrypted = encryption.encrypt("5050-1055")
    profile.work_permit = "not_needed"
    reference = Reference(referee_name="Rut Referent", role="CTO", company="Nordbank AB",
                          contact="rut.referent@example.se", relation="Chef 2019–2023")
    reference.statements.append(ReferenceStatement(author="Rut Referent",
                                                   text="Klara levererar i tid och lyfter hela teamet."))
    profile.references.append(reference)
    db.session.flush()
    return True


def load(demo_consultant: User | None, password_hash: str, records: Iterable[dict] | None = None) -> Iterator[str]:
    skills.seed_defaults()
    if demo_consultant is not None and complete_demo_consultant(demo_consultant):
        yield f"completed the profile of {demo_consultant.email}"
    if records is None:
        from portal.demo import generator

        records = generator.generate(GENERATED, seed=SEED)
    created = sum(1 for record in records if create_consultant(record, password_hash) is not None)
    if created:
        yield f"created {created} generated consultant profiles"
