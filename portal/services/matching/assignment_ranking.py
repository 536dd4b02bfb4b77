"""The recruiter's ranked list for an assignment (R-MATCH-1..3, R-STAFF-2): the assignment as an AssignmentQuery,
ranked by the matching engine, each candidate with its explanation. The system only sorts; a person picks."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from portal.extensions import db
from portal.models import Assignment, User
from portal.services import audit
from portal.services.matching import ranker, requirements, search, skill_tokens
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
class RequirementReading:
    """How the ranking reads one requirement, for staff reviewing the assignment."""

    requirement: object  # the AssignmentRequirement
    language: bool
    read: requirements.Requirement

    @property
    def unmatched(self) -> bool:
        """Names no skill of the vocabulary: it would match nobody until the wording or a synonym changes."""
        return not self.language and not self.read.known


def readings(assignment: Assignment) -> list[RequirementReading]:
    """Every requirement as the ranking reads it: either-skills, years, and those naming no known skill."""
    vocabulary = skill_tokens.load()
    return [RequirementReading(r, search.is_language(r.text),
                               requirements.parse(r.text, vocabulary)) for r in assignment.requirements]


@dataclass
class RankedRow:
    candidate: Candidate
    consultant: User


def explanation_for(assignment: Assignment, consultant_id: int | None):
    """The ranking's explanation of one consultant, kept with a pick so they can read why (R-MATCH-3)."""
    if consultant_id is None:
        return None
    ranking = ranker.rank(query_for(assignment), limit=LIMIT)
    return next((c.explanation for c in [*ranking.candidates, *ranking.near_misses]
                 if c.consultant_id == consultant_id), None)


def rank(actor: Actor, assignment: Assignment) -> tuple[Ranking, list[RankedRow], list[RankedRow]]:
    """The top candidates and the near misses below them, with their accounts; staff see their names, so each
    view is audited (R-STAFF-1)."""
    ranking = ranker.rank(query_for(assignment), limit=LIMIT)
    shown = [*ranking.candidates, *ranking.near_misses]
    ids = [c.consultant_id for c in shown]
    users = {u.id: u for u in db.session.scalars(sa.select(User).where(User.id.in_(ids)))} if ids else {}
    rows = [RankedRow(c, users[c.consultant_id]) for c in shown if c.consultant_id in users]
    audit.record_many_at_commit(actor, "person.view", [  # every person shown is a view of their data
        (row.consultant, assignment, {"ranking": True, "near_miss": True} if row.candidate.near_miss
         else {"ranking": True}) for row in rows])
    return ranking, [r for r in rows if not r.candidate.near_miss], [r for r in rows if r.candidate.near_miss]
