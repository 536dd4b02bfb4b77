"""The recruiter's ranked list for an assignment (R-MATCH-1..3, R-STAFF-2): the assignment as an AssignmentQuery,
ranked by the matching engine, each candidate with its explanation. The system only sorts; a person picks."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from portal.extensions import db
from portal.models import Assignment, User
from portal.services import audit
from portal.services.matching import ranker, search
from portal.services.actors import Actor
from portal.services.matching.records import AssignmentQuery, Candidate, Ranking

LIMIT = 20


def query_for(assignment: Assignment) -> AssignmentQuery:
    """Must requirements that name a language become language musts, the rest skill musts; shoulds keep weights."""
    must_skills, languages, seen = [], [], set()
    for requirement in assignment.must_requirements:
        if search.is_language(requirement.text):
            languages.append({"name": requirement.text})
            seen.add(search.language_key(requirement.text))
        else:
            must_skills.append({"name": requirement.text})
    for name in (part.strip() for part in (assignment.languages or "").split(",")):
        if name and search.language_key(name) not in seen:
            languages.append({"name": name})
            seen.add(search.language_key(name))
    return AssignmentQuery(
        client_id=assignment.organisation_id, must_skills=must_skills,
        should_skills=[{"name": r.text, "weight": r.weight or 1} for r in assignment.should_requirements],
        languages=languages, text=" ".join(p for p in (assignment.title, assignment.role, assignment.description) if p),
        region=assignment.location or None, remote_ok=assignment.remote in ("remote", "hybrid"),
        start=assignment.start_date, extent=assignment.extent, rate_ceiling=assignment.rate_ceiling)


@dataclass
class RankedRow:
    candidate: Candidate
    consultant: User


def explanation_for(assignment: Assignment, consultant_id: int | None):
    """The ranking's explanation of one consultant, kept with a pick so they can read why (R-MATCH-3)."""
    if consultant_id is None:
        return None
    ranking = ranker.rank(query_for(assignment), limit=LIMIT)
    return next((c.explanation for c in ranking.candidates if c.consultant_id == consultant_id), None)


def rank(actor: Actor, assignment: Assignment) -> tuple[Ranking, list[RankedRow]]:
    """The top candidates with their accounts; staff see their names, so each view is audited (R-STAFF-1)."""
    ranking = ranker.rank(query_for(assignment), limit=LIMIT)
    ids = [c.consultant_id for c in ranking.candidates]
    users = {u.id: u for u in db.session.scalars(sa.select(User).where(User.id.in_(ids)))} if ids else {}
    rows = [RankedRow(c, users[c.consultant_id]) for c in ranking.candidates if c.consultant_id in users]
    for row in rows:
        audit.record(actor, "person.view", subject=row.consultant, obj=assignment, detail={"ranking": True})
    return ranking, rows
