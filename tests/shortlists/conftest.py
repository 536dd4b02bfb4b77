"""A buyer's assignment, two consultants with identifying data, a recruiter: the shortlist scene."""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import (
    Certificate, ConsultantProfile, EducationEntry, EmploymentEntry, OutboxMail, ProfileLanguage, ProfileSkill,
    ShortlistEntry, Skill, User,
)
from portal.services import encryption
from portal.services.profiles.identity_numbers import normalise_personnummer
from tests.conftest import Portal
from tests.orgs.helpers import make_assignment

EN = {"Accept-Language": "en"}
# Klara's real profile holds this personnummer (encrypted); no buyer page may ever show it.
PERSONNUMMER = "19811218-9876"


def give_profile(user: User) -> ConsultantProfile:
    """A filled-in profile: personnummer, street, city, free text naming the person and an employer."""
    profile = ConsultantProfile(
        user_id=user.id, personnummer_encrypted=encryption.encrypt(normalise_personnummer(PERSONNUMMER)),
        street="Storgatan 1", postal_code="11122", city="Uppsala", region="Uppsala", title="Test lead",
        summary=f"{user.name} leads test teams at Acme Testing AB in Uppsala; call {user.phone}.",
        available_from=date(2027, 1, 1), extent=80, hourly_rate=Decimal("950"), remote="hybrid")
    skill = db.session.scalar(sa.select(Skill).where(Skill.key == "testleadership")) or Skill(
        name="Test leadership", key="testleadership")
    profile.skills.append(ProfileSkill(skill=skill, level=4, years=10))
    profile.languages.append(ProfileLanguage(name="Swedish", level="C2"))
    profile.certificates.append(Certificate(name="ISTQB Advanced", issuer="ISTQB", year=2019))
    profile.employment.append(EmploymentEntry(employer="Acme Testing AB", title="Test lead", start=date(2015, 3, 1),
                                              description=f"Led the test team; reference {user.email}."))
    profile.education.append(EducationEntry(school="Uppsala universitet", degree="MSc", start=date(2005, 8, 1),
                                            end=date(2010, 6, 1)))
    db.session.add(profile)
    db.session.flush()
    return profile


_POOL_SERIAL = itertools.count(1)


def pool(count: int) -> list[User]:
    """`count` more consultants with the same kind of profile: no anonymous card is shown unless at least
    five consultants of the pool share it (CARD_K), so every scene needs a pool."""
    people = []
    for number in range(count):
        serial = next(_POOL_SERIAL)
        person = User(email=f"pool{serial}@example.se", name=f"Pool Person {number}", role="consultant",
                      password_hash="-", phone=f"070-000 00 {number:02d}")
        db.session.add(person)
        db.session.flush()
        give_profile(person)
        people.append(person)
    return people


@dataclass
class Scene:
    staff: Portal
    buyer: Portal
    consultant: Portal
    other: User
    assignment: object

    def identifying(self, *people: User) -> list[str]:
        values = [PERSONNUMMER]
        for person in people or (self.consultant.user, self.other):
            values += [person.name, person.email, person.phone]
        return values


@pytest.fixture
def scene(login_as) -> Scene:
    staff = login_as("staff", staff_roles="recruiter", name="Rita Recruiter")
    buyer = login_as("buyer", name="Bo Buyer")
    consultant = login_as("consultant", name="Klara Konsultsson", email="klara.k@example.se", phone="070-111 22 33")
    other = login_as("consultant", name="Nils Nybergsson", email="nils.n@example.se", phone="073-999 88 77").user
    give_profile(consultant.user)
    give_profile(other)
    pool(5)
    organisation = buyer.user.memberships[0].organisation
    assignment = make_assignment(organisation, state="shortlisting", title="Test lead for release")
    db.session.commit()
    return Scene(staff, buyer, consultant, other, assignment)


def pick(scene: Scene, consultant: User, reason: str = "Ten years of test leadership.") -> ShortlistEntry:
    response = scene.staff.post(f"/staff/assignments/{scene.assignment.id}/shortlist",
                                data={"consultant_id": consultant.id, "reason": reason})
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return db.session.scalars(sa.select(ShortlistEntry).where(ShortlistEntry.consultant_id == consultant.id)
                              .order_by(ShortlistEntry.id.desc())).first()


def approve(scene: Scene, entry: ShortlistEntry) -> None:
    assert scene.staff.post(f"/staff/shortlist/{entry.id}/approve").status_code == 303


def ask_to_meet(scene: Scene, entry: ShortlistEntry):
    return scene.buyer.post(f"/buyer/assignments/{scene.assignment.id}/shortlist/{entry.id}/meet")


def say_yes(scene: Scene, question, fields=("name", "contact")):
    return scene.consultant.post(f"/consultant/requests/{question.id}/answer",
                                 data={"answer": "yes", "fields": list(fields)})


def release(scene: Scene, entry: ShortlistEntry, reason: str = "The client wants an interview.",
            ends_on: date | None = None):
    ends_on = ends_on or date.today() + timedelta(days=90)
    return scene.staff.post(f"/staff/shortlist/{entry.id}/release",
                            data={"reason": reason, "ends_on": ends_on.isoformat()}, headers=EN)


def last_mail_to(user: User) -> OutboxMail:
    return db.session.scalars(sa.select(OutboxMail).where(OutboxMail.to_address == user.email)
                              .order_by(OutboxMail.id.desc())).first()


def answer_link_token(mail: OutboxMail) -> str:
    return re.search(r"/consultant/answer/(\S+)", mail.body_text).group(1)
