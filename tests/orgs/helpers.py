"""Shared set-up for the organisation-portal tests."""
from __future__ import annotations

from datetime import date, timedelta

from portal.extensions import db
from portal.models import Assignment, AssignmentRequirement

TODAY = date.today()


def assignment_form(**overrides) -> dict:
    """A valid buyer form post: two must and one should requirement, an LOU section."""
    data = {
        "title": "Senior Python developer", "role": "Back-end developer",
        "description": "Build the new claims system.", "languages": "Swedish, English",
        "location": "Stockholm", "remote": "hybrid",
        "start_date": (TODAY + timedelta(days=30)).isoformat(), "end_date": (TODAY + timedelta(days=200)).isoformat(),
        "extent": "80", "rate_ceiling": "1100", "consultants_wanted": "1",
        "answer_deadline": (TODAY + timedelta(days=14)).isoformat(), "contact_person_id": "0",
        "requirements-0-kind": "must", "requirements-0-text": "Python", "requirements-0-weight": "",
        "requirements-1-kind": "must", "requirements-1-text": "PostgreSQL", "requirements-1-weight": "",
        "requirements-2-kind": "should", "requirements-2-text": "Flask", "requirements-2-weight": "4",
        "procurement_reference": "DNR 2026-117", "framework_agreement": "IT-konsulttjänster 2024",
        "call_off_type": "renewed_competition", "evaluation_model": "best_price_quality",
    }
    data.update(overrides)
    return data


def make_assignment(organisation, state: str = "published", **fields) -> Assignment:
    assignment = Assignment(
        organisation_id=organisation.id, title=fields.pop("title", "Data engineer"), description="Pipelines.",
        role="Data engineer", start_date=TODAY + timedelta(days=20), end_date=TODAY + timedelta(days=120),
        answer_deadline=fields.pop("answer_deadline", TODAY + timedelta(days=10)), state=state, **fields)
    assignment.requirements = [AssignmentRequirement(kind="must", text="Python", position=0),
                               AssignmentRequirement(kind="should", text="Kafka", weight=3, position=1)]
    db.session.add(assignment)
    db.session.flush()
    return assignment
