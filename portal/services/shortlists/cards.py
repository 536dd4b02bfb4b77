"""Drafting the anonymous card a buyer sees (R-BUY-7, R-CON-9, R-MATCH-3).

A card holds the consultant's structured facts generalised into bands (card_bands) until k
consultants of the pool share them (k_anonymity), the pseudonym of this assignment, and the
consultant's own anonymous pitch when it passes the identifier check (profiles.card_pitch). No
summary, title, employer, school or history: free text reaches a buyer only as the pitch.

Skills shown are those the assignment asks for and the consultant has; a hand pick with none of
them shows up to three of the consultant's most common skills, so a card is never without substance.
"""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from portal.extensions import db
from portal.models import Assignment, ConsultantProfile, User
from portal.services.matching import skills
from portal.services.privacy import restrictions
from portal.services.profiles import card_pitch
from portal.services.shortlists import anonymize, candidate_profiles, card_bands, k_anonymity
from portal.services.shortlists.card_bands import Detail, Facts

CARD_VERSION = 2
FALLBACK_SKILLS = 3


def _requirement_keys(assignment: Assignment) -> list[str]:
    keys = []
    for requirement in assignment.requirements:
        found = skills.find(requirement.text)
        keys.append(found.key if found is not None else skills.key(requirement.text))
    return keys


def start_detail(facts: Facts, assignment: Assignment) -> Detail:
    """The finest detail a card may start from, before the k check."""
    wanted = [k for k in dict.fromkeys(_requirement_keys(assignment)) if k in facts.skills]
    if not wanted:
        counts = k_anonymity._skill_counts(facts.skills)
        wanted = sorted(facts.skills, key=lambda k: (-counts.get(k, 0), k))[:FALLBACK_SKILLS]
    return Detail(skills=tuple(wanted), languages=tuple(facts.languages), certificates=tuple(facts.certificates))


def draft(consultant: User, assignment: Assignment, *, today: date | None = None) -> tuple[dict, int]:
    """The card and the k it reaches. DomainError when the pool is too small for any card."""
    today = today or date.today()
    profile = restrictions.without_restricted(candidate_profiles.profile_dict(consultant), consultant.id)
    facts = k_anonymity.facts_of(profile)
    detail, k = k_anonymity.generalise(facts, start_detail(facts, assignment), today)
    card = card_bands.shown(facts, detail, today)
    model = db.session.scalar(sa.select(ConsultantProfile).where(ConsultantProfile.user_id == consultant.id))
    card.update(version=CARD_VERSION, pitch=card_pitch.usable(model),
                pseudonym=anonymize.code(consultant.id, assignment.id))
    return card, k
