"""Set-up for the LOU tender tests (R-CON-4): a public buyer's assignment, a consultant whose profile holds
identifying and sensitive data, and a release made through the real release service."""
from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import sqlalchemy as sa

from portal.extensions import db
from portal.models import (Assignment, AssignmentRequirement, ConsentRequest, ConsultantProfile, ProfileSkill,
                           ShortlistEntry, Skill, User, utcnow)
from portal.services import encryption
from portal.services.actors import Actor
from portal.services.profiles.identity_numbers import normalise_personnummer
from portal.services.shortlists import disclosures
from tests import factories

TODAY = date.today()
PERSONNUMMER = "19811218-9876"
BANKGIRO = "5402-9681"
PHONE = "070-123 45 67"
CRITERIA = "Pris 40 %, kvalitet 60 %: kompetens och erfarenhet viktas enligt bilaga 3."


def lou_assignment(organisation=None, state: str = "published", lou: bool = True, **fields) -> Assignment:
    """A public buyer's call-off with must and should requirements and award criteria (or a plain one)."""
    organisation = organisation or factories.make_organisation(kind="buyer")
    criteria = fields.pop("evaluation_criteria", CRITERIA)
    assignment = Assignment(
        organisation_id=organisation.id, title=fields.pop("title", "Säkerhetsarkitekt, avrop"),
        description="Arkitektur för e-tjänster.", role="Security architect", start_date=TODAY + timedelta(days=20),
        end_date=TODAY + timedelta(days=200), answer_deadline=TODAY + timedelta(days=10), state=state, **fields)
    if lou:
        assignment.procurement_reference, assignment.framework_agreement = "DNR 2026-0117", "IT-konsulttjänster 2024"
        assignment.call_off_type, assignment.evaluation_model = "renewed_competition", "best_price_quality"
        assignment.evaluation_criteria = criteria
    assignment.requirements = [AssignmentRequirement(kind="must", text="Säkerhetsskyddsklassad", position=0),
                               AssignmentRequirement(kind="should", text="CISSP", weight=4, position=1)]
    db.session.add(assignment)
    db.session.flush()
    return assignment


def consultant_with_profile(name: str = "Klara Kvist", **fields) -> User:
    """A consultant whose profile holds what a tender CV must never show: personnummer, bank, gender, birth."""
    user = factories.make_user(role="consultant", name=name, phone=fields.pop("phone", PHONE))
    profile = ConsultantProfile(
        user_id=user.id, personnummer_encrypted=encryption.encrypt(normalise_personnummer(PERSONNUMMER)),
        bankgiro_encrypted=encryption.encrypt(BANKGIRO), gender="female", date_of_birth=date(1981, 12, 18),
        street="Hemliga gatan 7", postal_code="11122", city="Uppsala", region="Uppsala",
        title=fields.pop("title", "Security architect"),
        summary=fields.pop("summary", "Designs secure public e-services."), available_from=date(2027, 1, 1),
        extent=80, hourly_rate=Decimal("1234"), remote="hybrid")
    skill = db.session.scalar(sa.select(Skill).where(Skill.key == "threatmodelling")) or Skill(
        name="Threat modelling", key="threatmodelling")
    profile.skills.append(ProfileSkill(skill=skill, level=5, years=12))
    db.session.add(profile)
    db.session.flush()
    return user


def release(assignment: Assignment, consultant: User, fields: list[str], staff: User | None = None):
    """The consultant said yes to meet with `fields`; staff release them through the real service (R-CON-9)."""
    staff = staff or factories.make_user(role="staff")
    entry = ShortlistEntry(assignment_id=assignment.id, consultant_id=consultant.id, reason="Fits the call-off",
                           pseudonym="K-7", anonymized_card_json="{}", card_k=5, state="consultant_accepted")
    db.session.add(entry)
    db.session.flush()
    yes = ConsentRequest(kind="disclosure", consultant_id=consultant.id, assignment_id=assignment.id,
                         shortlist_entry_id=entry.id, answer_by=utcnow() + timedelta(days=3), status="accepted",
                         answer=True, answered_at=utcnow(), answered_via="portal",
                         fields_json=json.dumps(fields))
    db.session.add(yes)
    db.session.flush()
    disclosure = disclosures.release(Actor(user=staff), entry, reason="Tender response",
                                     ends_on=TODAY + timedelta(days=30))
    db.session.flush()
    return entry, disclosure
