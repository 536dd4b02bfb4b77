"""The seam from the profile models to the search index (R-MATCH-1): a consultant's profile as the plain
ProfileDocument the matching engine reads, and the list of consultants that belong in the index.

Registered with `search.set_document_loader` / `search.set_id_source` in the app factory, so the outbox
drain, `flask search rebuild` and `flask search verify` all read the real profile tables.
"""
from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from portal.extensions import db
from portal.models import Assignment, ConsultantProfile, ShortlistEntry, ShortlistState, User
from portal.services import restrictions
from portal.services.matching_types import ProfileDocument

# A shortlist entry in one of these states means the consultant was put forward to that client.
EARLIER_STATES = (ShortlistState.RELEASED.value,)


def _history_text(profile: ConsultantProfile) -> str:
    parts = []
    for job in profile.employment:
        parts.extend(p for p in (job.title, job.description) if p)
    for school in profile.education:
        parts.extend(p for p in (school.degree,) if p)
    return "\n".join(parts)


def _earlier_assignments(user_id: int) -> list[dict]:
    rows = db.session.execute(
        sa.select(Assignment.organisation_id).join(ShortlistEntry, ShortlistEntry.assignment_id == Assignment.id)
        .where(ShortlistEntry.consultant_id == user_id, ShortlistEntry.state.in_(EARLIER_STATES))).all()
    return [{"client_id": row.organisation_id, "rating": None} for row in rows]


def load_document(consultant_id: int) -> ProfileDocument | None:
    """The consultant's profile as the index stores it; None when the person is gone, disabled or has no profile."""
    user = db.session.get(User, consultant_id)
    if user is None or user.role != "consultant" or user.is_disabled:
        return None
    profile = db.session.scalar(
        sa.select(ConsultantProfile).where(ConsultantProfile.user_id == consultant_id).options(
            selectinload(ConsultantProfile.skills), selectinload(ConsultantProfile.languages),
            selectinload(ConsultantProfile.certificates), selectinload(ConsultantProfile.industries),
            selectinload(ConsultantProfile.interests), selectinload(ConsultantProfile.employment),
            selectinload(ConsultantProfile.education), selectinload(ConsultantProfile.exclusions)))
    if profile is None:
        return None
    restricted = restrictions.active_categories(consultant_id)  # R-RIGHTS-5: restricted data is not processed
    return ProfileDocument(
        consultant_id=consultant_id, title=profile.title or user.job_title or "", summary=profile.summary or "",
        skills=[{"name": s.skill.name, "level": s.level, "years": s.years} for s in profile.skills],
        languages=[{"name": lang.name, "level": lang.level} for lang in profile.languages],
        certificates=[{"name": c.name, "issuer": c.issuer or ""} for c in profile.certificates],
        industries=[i.name for i in profile.industries], interests=[i.text for i in profile.interests],
        history_text="" if "history" in restricted else _history_text(profile), region=profile.region or "", remote=profile.remote or "onsite",
        available_from=profile.available_from, extent=profile.extent if profile.extent is not None else 100,
        hourly_rate=int(profile.hourly_rate) if profile.hourly_rate is not None else 0,
        excluded_client_ids=sorted({e.organisation_id for e in profile.exclusions if e.organisation_id}),
        restricted=restrictions.WHOLE in restricted, earlier_assignments=_earlier_assignments(consultant_id), updated_at=profile.updated_at)


def consultant_ids() -> Iterable[int]:
    """Every consultant with a profile whose account is active: what belongs in the index."""
    return list(db.session.scalars(
        sa.select(ConsultantProfile.user_id).join(User, User.id == ConsultantProfile.user_id)
        .where(User.role == "consultant", User.is_disabled.is_(False)).order_by(ConsultantProfile.user_id)))
