"""The profile's list sections: skills, languages, interests, industries, history, certificates,
references and excluded clients. One registry says what each kind stores and which text is free."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext, lazy_gettext as _l

from portal.extensions import db
from portal.models import (
    Certificate, ConsultantProfile, EducationEntry, EmploymentEntry, ExcludedOrganisation, Organisation,
    ProfileIndustry, ProfileInterest, ProfileLanguage, ProfileSkill, Reference, ReferenceStatement,
)
from portal.services import DomainError
from portal.services.matching import skills
from portal.services.profiles import sensitive_data
from portal.services.actors import Actor
from portal.services.profiles.sections import saved

CEFR = ("A1", "A2", "B1", "B2", "C1", "C2")


@dataclass(frozen=True)
class EntryKind:
    model: type
    section: str
    fields: tuple[str, ...]
    free_text: dict  # field → label, checked by the sensitive-data guard


KINDS: dict[str, EntryKind] = {
    "skills": EntryKind(ProfileSkill, "competence", ("level", "years"), {"name": _l("Skill")}),
    "languages": EntryKind(ProfileLanguage, "competence", ("name", "level"), {"name": _l("Language")}),
    "interests": EntryKind(ProfileInterest, "competence", ("text",), {"text": _l("Professional interest")}),
    "industries": EntryKind(ProfileIndustry, "competence", ("name",), {"name": _l("Industry")}),
    "employment": EntryKind(EmploymentEntry, "competence", ("employer", "title", "start", "end", "description"),
                            {"title": _l("Title"), "description": _l("Description")}),
    "education": EntryKind(EducationEntry, "competence", ("school", "degree", "start", "end"),
                           {"degree": _l("Degree or programme")}),
    "certificates": EntryKind(Certificate, "competence", ("name", "issuer", "year"), {"name": _l("Certificate")}),
    "references": EntryKind(Reference, "references", ("referee_name", "role", "company", "contact", "relation"),
                            {"relation": _l("Relationship"), "statement": _l("What the referee says")}),
    "exclusions": EntryKind(ExcludedOrganisation, "exclusions", ("name",), {}),
}


def entry(profile: ConsultantProfile, kind: str, entry_id: int):
    """The entry when it belongs to this profile; None otherwise (the view answers 404)."""
    spec = KINDS.get(kind)
    if spec is None:
        return None
    row = db.session.get(spec.model, entry_id)
    return row if row is not None and row.profile_id == profile.id else None


def _check(kind: str, data: dict) -> None:
    spec = KINDS[kind]
    sensitive_data.check_fields({f: (label, data.get(f)) for f, label in spec.free_text.items()})
    if data.get("start") and data.get("end") and data["end"] < data["start"]:
        raise DomainError(_l("The end date is before the start date."), field="end")
    if kind == "languages" and data.get("level") not in CEFR:
        raise DomainError(_l("Choose a level from A1 to C2."), field="level")
    if kind == "skills" and not 1 <= int(data.get("level") or 0) <= 5:
        raise DomainError(_l("Choose a level from 1 to 5."), field="level")


def _apply(profile: ConsultantProfile, kind: str, row, data: dict, actor: Actor) -> None:
    spec = KINDS[kind]
    for field in spec.fields:
        value = data.get(field)
        setattr(row, field, value.strip() if isinstance(value, str) else value)
    if kind == "skills":
        with db.session.no_autoflush:
            skill = skills.resolve(data["name"])
        duplicate = db.session.scalar(sa.select(ProfileSkill).where(
            ProfileSkill.profile_id == profile.id, ProfileSkill.skill_id == skill.id))
        if duplicate is not None and duplicate is not row:
            raise DomainError(gettext("%(skill)s is already in your skills; change it there.", skill=skill.name),
                              field="name")
        row.skill_id, row.level, row.years = skill.id, int(data["level"]), int(data.get("years") or 0)
    if kind == "exclusions":
        row.organisation_id = db.session.scalar(
            sa.select(Organisation.id).where(sa.func.lower(Organisation.name) == row.name.lower()))
    if kind == "references" and (data.get("statement") or "").strip():
        row.statements.append(ReferenceStatement(author=row.referee_name, recorded_by_id=actor.user_id,
                                                 text=data["statement"].strip()))


def add(actor: Actor, profile: ConsultantProfile, kind: str, data: dict):
    """Add one entry; free text is checked before anything is stored."""
    _check(kind, data)
    row = KINDS[kind].model(profile_id=profile.id)
    _apply(profile, kind, row, data, actor)
    db.session.add(row)
    db.session.flush()
    saved(actor, profile, KINDS[kind].section, kind=kind, action="add")
    return row


def update(actor: Actor, profile: ConsultantProfile, kind: str, row, data: dict):
    _check(kind, data)
    _apply(profile, kind, row, data, actor)
    db.session.flush()
    saved(actor, profile, KINDS[kind].section, kind=kind, action="edit")
    return row


def remove(actor: Actor, profile: ConsultantProfile, kind: str, row) -> None:
    db.session.delete(row)
    db.session.flush()
    saved(actor, profile, KINDS[kind].section, kind=kind, action="remove")
