"""The seam from the profile models to the search index (R-MATCH-1): a consultant's profile as the plain
ProfileDocument the matching engine reads, and the list of consultants that belong in the index.

Registered with `search.set_document_loader` / `search.set_id_source` in the app factory, so the outbox
drain, `flask search rebuild` and `flask search verify` all read the real profile tables.
"""
from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from portal.extensions import db
from portal.models import (
    Assignment, AssignmentRating, Certificate, ConsultantProfile, DataDispute, EducationEntry, EmploymentEntry,
    ExcludedOrganisation,
    ProfileIndustry, ProfileInterest, ProfileLanguage, ProfileSkill, ShortlistEntry, ShortlistState, Skill,
    SupplierConsultant, User,
)
from portal.services.privacy import restrictions
from portal.services.matching.records import ProfileDocument

# A shortlist entry in one of these states means the consultant was put forward to that client.
EARLIER_STATES = (ShortlistState.RELEASED.value,)


def _history_text(profile: ConsultantProfile) -> str:
    parts = []
    for job in profile.employment:
        parts.extend(p for p in (job.title, job.description) if p)
    for school in profile.education:
        parts.extend(p for p in (school.degree,) if p)
    return "\n".join(parts)


def _earlier_assignments(user_ids: list[int]) -> dict[int, list[dict]]:
    """Per consultant: the clients they were put forward to, each with the buyer's rating of them for that
    assignment when there is one (R-MATCH-1: earlier assignments and their ratings count), and rated
    assignments they came to through a supplier (a rating of a supplier consultant record they claimed)."""
    earlier: dict[int, dict[int, dict]] = {user_id: {} for user_id in user_ids}
    # A rating the consultant disputes does not count until the dispute is resolved (R-RIGHTS-3, 5).
    disputed = sa.select(DataDispute.object_id).where(DataDispute.object_kind == "rating", DataDispute.state == "open")
    for chunk in _chunks(user_ids):
        for row in db.session.execute(
                sa.select(ShortlistEntry.consultant_id, Assignment.id, Assignment.organisation_id)
                .join(Assignment, ShortlistEntry.assignment_id == Assignment.id)
                .where(ShortlistEntry.consultant_id.in_(chunk), ShortlistEntry.state.in_(EARLIER_STATES))):
            earlier[row.consultant_id][row.id] = {"client_id": row.organisation_id, "rating": None}
        for row in db.session.execute(
                sa.select(SupplierConsultant.claimed_by_user_id, Assignment.id, Assignment.organisation_id,
                          AssignmentRating.score)
                .join(AssignmentRating, AssignmentRating.supplier_consultant_id == SupplierConsultant.id)
                .join(Assignment, AssignmentRating.assignment_id == Assignment.id)
                .where(SupplierConsultant.claimed_by_user_id.in_(chunk), AssignmentRating.id.not_in(disputed))
                .order_by(AssignmentRating.id)):
            earlier[row.claimed_by_user_id][row.id] = {"client_id": row.organisation_id, "rating": row.score}
    return {user_id: list(by_assignment.values()) for user_id, by_assignment in earlier.items()}


def _chunks(ids: list[int], size: int = 500) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def load_document(consultant_id: int) -> ProfileDocument | None:
    """The consultant's profile as the index stores it; None when the person is gone, disabled or has no profile."""
    return load_documents([consultant_id]).get(consultant_id)


def load_documents(consultant_ids: list[int]) -> dict[int, ProfileDocument]:
    """load_document() for many consultants in a few plain queries (a rebuild reads profiles in batches);
    rows, not ORM objects, so a rebuild of every profile neither fills the session nor waits on it."""
    users = {row.id: row for chunk in _chunks(consultant_ids) for row in db.session.execute(
        sa.select(User.id, User.job_title).where(User.id.in_(chunk), User.role == "consultant",
                                                 User.is_disabled.is_(False)))}
    ids = sorted(users)
    profiles = {row.id: _Row(row._asdict()) for chunk in _chunks(ids) for row in db.session.execute(
        sa.select(ConsultantProfile.id, ConsultantProfile.user_id, ConsultantProfile.title, ConsultantProfile.summary,
                  ConsultantProfile.region, ConsultantProfile.remote, ConsultantProfile.available_from,
                  ConsultantProfile.extent, ConsultantProfile.hourly_rate, ConsultantProfile.updated_at)
        .where(ConsultantProfile.user_id.in_(chunk)))}
    parts = {  # collection -> (model, columns, order within a profile), as the ORM relationships order them
        "skills": (ProfileSkill, (ProfileSkill.level, ProfileSkill.years, Skill.name), (ProfileSkill.id,)),
        "languages": (ProfileLanguage, (ProfileLanguage.name, ProfileLanguage.level), (ProfileLanguage.id,)),
        "certificates": (Certificate, (Certificate.name, Certificate.issuer), (Certificate.id,)),
        "industries": (ProfileIndustry, (ProfileIndustry.name,), (ProfileIndustry.id,)),
        "interests": (ProfileInterest, (ProfileInterest.text,), (ProfileInterest.id,)),
        "employment": (EmploymentEntry, (EmploymentEntry.title, EmploymentEntry.description),
                       (EmploymentEntry.start.desc(), EmploymentEntry.id)),
        "education": (EducationEntry, (EducationEntry.degree,), (EducationEntry.start.desc(), EducationEntry.id)),
        "exclusions": (ExcludedOrganisation, (ExcludedOrganisation.organisation_id,), (ExcludedOrganisation.id,)),
    }
    for profile in profiles.values():
        for name in parts:
            setattr(profile, name, [])
    for name, (model, columns, order) in parts.items():
        for chunk in _chunks(sorted(profiles)):
            query = sa.select(model.profile_id, *columns)
            if model is ProfileSkill:
                query = query.join(Skill, Skill.id == ProfileSkill.skill_id)
            for row in db.session.execute(query.where(model.profile_id.in_(chunk)).order_by(model.profile_id, *order)):
                entry = _Row(row._asdict())
                if model is ProfileSkill:
                    entry.skill = _Row({"name": row.name})
                getattr(profiles[row.profile_id], name).append(entry)
    earlier = _earlier_assignments(ids)
    restricted = restrictions.active_categories_of(ids)  # R-RIGHTS-5: restricted data is not processed
    return {profile.user_id: _document(users[profile.user_id], profile, earlier[profile.user_id],
                                       restricted.get(profile.user_id, set()))
            for profile in profiles.values()}


class _Row:
    """A row with attribute access, shaped like the ORM objects `_document` reads."""

    def __init__(self, values: dict) -> None:
        self.__dict__.update(values)


def _document(user, profile, earlier: list[dict], restricted: set[str]) -> ProfileDocument:
    consultant_id = user.id
    return ProfileDocument(
        consultant_id=consultant_id, title=profile.title or user.job_title or "", summary=profile.summary or "",
        skills=[{"name": s.skill.name, "level": s.level, "years": s.years} for s in profile.skills],
        languages=[{"name": lang.name, "level": lang.level} for lang in profile.languages],
        certificates=[{"name": c.name, "issuer": c.issuer or ""} for c in profile.certificates],
        industries=[i.name for i in profile.industries], interests=[i.text for i in profile.interests],
        history_text="" if "history" in restricted else _history_text(profile),
        region=profile.region or "", remote=profile.remote or "onsite",
        available_from=profile.available_from, extent=profile.extent if profile.extent is not None else 100,
        hourly_rate=int(profile.hourly_rate) if profile.hourly_rate is not None else 0,
        excluded_client_ids=sorted({e.organisation_id for e in profile.exclusions if e.organisation_id}),
        restricted=restrictions.WHOLE in restricted, updated_at=profile.updated_at,
        earlier_assignments=[{**e, "rating": None} for e in earlier] if "ratings" in restricted else earlier)


def consultant_ids() -> Iterable[int]:
    """Every consultant with a profile whose account is active: what belongs in the index."""
    return list(db.session.scalars(
        sa.select(ConsultantProfile.user_id).join(User, User.id == ConsultantProfile.user_id)
        .where(User.role == "consultant", User.is_disabled.is_(False)).order_by(ConsultantProfile.user_id)))
