"""collect() returns everything held about a person, and covers every table with personal data
(R-RIGHTS-2, R-RIGHTS-6). A new table that points at users or consultant_profiles, or declares
__subject_column__ / __personal_data__, fails this test until collect() includes it."""
from __future__ import annotations

import json

from portal.extensions import db
from portal.models import Base
from portal.services.privacy import personal_data
from portal.services.profiles import sections
from portal.services.actors import Actor
from tests.profiles.helpers import VALID_PNR, profile_of

PERSON_TABLES = {"users", "consultant_profiles"}


def personal_tables() -> set[str]:
    tables = set()
    for mapper in Base.registry.mappers:
        cls, table = mapper.class_, mapper.local_table
        declared = hasattr(cls, "__subject_column__") or hasattr(cls, "__personal_data__")
        points = any(fk.column.table.name in PERSON_TABLES for fk in table.foreign_keys)
        if declared or points:
            tables.add(table.name)
    return tables


def test_every_personal_data_table_is_collected(app, make_user):
    collected = personal_data.collect(make_user())
    missing = personal_tables() - collected.keys()
    assert missing == set(), f"extend portal/services/privacy/personal_data.collect() with: {sorted(missing)}"


def test_declared_subject_columns_exist():
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        column = getattr(cls, "__subject_column__", None) or getattr(cls, "__personal_data__", None)
        if column:
            assert column in mapper.local_table.columns, f"{cls.__name__} names a missing column {column}"


def test_collect_holds_the_profile_and_is_json(app, make_user):
    user = make_user(name="Maja Mätare")
    profile = profile_of(user)
    actor = Actor(user=user)
    sections.update_identity(actor, profile, personnummer=VALID_PNR, national_id=None, national_id_country=None,
                             date_of_birth=None, gender=None, citizenship="SE", work_permit=None,
                             work_permit_expires=None)
    from portal.services.profiles import entries

    entries.add(actor, profile, "skills", {"name": "Python", "level": "4", "years": 5})
    entries.add(actor, profile, "references", {"referee_name": "Rut", "statement": "Great."})
    db.session.commit()
    data = json.loads(json.dumps(personal_data.collect(user)))
    assert data["users"][0]["name"] == "Maja Mätare" and "password_hash" not in data["users"][0]
    assert data["consultant_profiles"][0]["personnummer"] == VALID_PNR
    assert data["profile_skills"][0]["skill"] == "Python"
    assert data["reference_statements"][0]["text"] == "Great."
    assert {e["action"] for e in data["audit_events"]} >= {"profile.update"}


def test_collect_does_not_leak_other_people(app, make_user):
    first, second = make_user(), make_user()
    profile_entries_for = profile_of(second)
    from portal.services.profiles import entries

    entries.add(Actor(user=second), profile_entries_for, "interests", {"text": "Open source"})
    db.session.commit()
    assert personal_data.collect(first)["profile_interests"] == []
