"""Proving a card anonymous (R-BUY-7): at least k consultants of the pool share everything it shows.

A card is k-anonymous when at least `k` consultants in the pool (consultant accounts with a profile,
not disabled, not restricted) have the same shown facts at the card's level of detail: the same
county, a rate in the same band, availability in the same period, every shown skill with years in
the same band, every shown language and certificate. A buyer who learns everything on the card can
then narrow it down to no fewer than k people. `generalise` starts from the finest detail the bands
allow and coarsens, one step at a time (wider bands first, then the rarest facts go), until the card
reaches k; when even an empty card cannot reach k the pool is too small and no card is made.

Each count is one SQL query (an EXISTS per shown skill, language and certificate), so the proof costs
the same on 200 demo profiles and on 100,000.
"""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import (Certificate, ConsultantProfile, ProcessingRestriction, ProfileLanguage, ProfileSkill,
                           Skill, User)
from portal.services import DomainError
from portal.services.matching.skills import key as skill_key
from portal.services.privacy import restrictions
from portal.services.shortlists import card_bands
from portal.services.shortlists.card_bands import Detail, Facts
from portal.services.shortlists.regions import county_of

P = ConsultantProfile


def required_k() -> int:
    return int(current_app.config.get("CARD_K", 5))


def facts_of(profile: dict) -> Facts:
    """The comparable facts of a profile dict (candidate_profiles.profile_dict, restrictions applied)."""
    return Facts(
        consultant_id=profile["consultant_id"],
        region=county_of(profile.get("region")) or county_of(profile.get("city")),
        rate=profile.get("hourly_rate"), available_from=profile.get("available_from"),
        extent=profile.get("extent"), remote=profile.get("remote"),
        skills={skill_key(s["name"]): (s["name"], s.get("years") or 0) for s in profile.get("skills") or ()},
        languages={lang["name"].casefold(): (lang["name"], lang.get("level") or "")
                   for lang in profile.get("languages") or ()},
        certificates={(c["name"].casefold(), (c.get("issuer") or "").casefold()): (c["name"], c.get("issuer") or "")
                      for c in profile.get("certificates") or ()})


def _pool():
    restricted = sa.select(ProcessingRestriction.user_id).where(
        ProcessingRestriction.category == restrictions.WHOLE, ProcessingRestriction.lifted_at.is_(None))
    return (sa.select(sa.func.count(P.id)).join(User, User.id == P.user_id)
            .where(User.role == "consultant", User.is_disabled.is_(False), User.id.not_in(restricted)))


def pool_size() -> int:
    return db.session.scalar(_pool()) or 0


def _raw_values(column, county: str | None) -> tuple[list[str], list[str]]:
    """The stored spellings of `column` that mean `county`, and all that mean some county."""
    values = [v for v in db.session.scalars(sa.select(column).distinct()) if v]
    known = [v for v in values if county_of(v)]
    return [v for v in known if county_of(v) == county], known


def _region_clause(county: str | None):
    regions_here, regions_known = _raw_values(P.region, county)
    cities_here, cities_known = _raw_values(P.city, county)
    no_county_region = sa.or_(P.region.is_(None), P.region.not_in(regions_known)) if regions_known else sa.true()
    if county is None:
        return sa.and_(no_county_region, sa.or_(P.city.is_(None), P.city.not_in(cities_known))
                       if cities_known else sa.true())
    return sa.or_(P.region.in_(regions_here), sa.and_(no_county_region, P.city.in_(cities_here)))


def _skill_clause(key: str, years: int | None):
    query = sa.select(ProfileSkill.id).join(Skill, Skill.id == ProfileSkill.skill_id).where(
        ProfileSkill.profile_id == P.id, Skill.key == key)
    if years is not None:
        low, high, _label = card_bands.years_band(years)
        query = query.where(ProfileSkill.years >= low)
        if high is not None:
            query = query.where(ProfileSkill.years <= high)
    return query.exists()


def _same_text(column, text: str):
    # SQLite's lower() folds ASCII only: compare the spelling as given too.
    return sa.or_(column == text, sa.func.lower(column) == text.lower())


def _language_clause(name: str, level: str | None):
    query = sa.select(ProfileLanguage.id).where(ProfileLanguage.profile_id == P.id,
                                                _same_text(ProfileLanguage.name, name))
    if level is not None:
        query = query.where(ProfileLanguage.level == level)
    return query.exists()


def _certificate_clause(name: str, issuer: str):
    return sa.select(Certificate.id).where(Certificate.profile_id == P.id, _same_text(Certificate.name, name),
                                           _same_text(sa.func.coalesce(Certificate.issuer, ""), issuer)).exists()


def _equal_or_null(column, value):
    return column.is_(None) if value is None else column == value


def _clauses(facts: Facts, detail: Detail, today: date) -> list:
    clauses = [_skill_clause(k, facts.skills[k][1] if detail.years else None)
               for k in detail.skills if k in facts.skills]
    clauses += [_language_clause(facts.languages[k][0], facts.languages[k][1] if detail.language_levels else None)
                for k in detail.languages if k in facts.languages]
    clauses += [_certificate_clause(*facts.certificates[k]) for k in detail.certificates if k in facts.certificates]
    if detail.rate_width:
        if facts.rate is None:
            clauses.append(P.hourly_rate.is_(None))
        else:
            low, high = card_bands.rate_band(facts.rate, detail.rate_width)
            clauses += [P.hourly_rate >= low, P.hourly_rate < high + 1]
    if detail.availability:
        shown = card_bands.availability(facts.available_from, today, detail.availability)
        if shown is None:
            clauses.append(P.available_from.is_(None))
        else:
            after, until = card_bands.period_of(shown, today)
            clauses.append(P.available_from <= until)
            if after is not None:
                clauses.append(P.available_from > after)
    if detail.extent:
        clauses.append(_equal_or_null(P.extent, facts.extent))
    if detail.remote:
        clauses.append(_equal_or_null(P.remote, facts.remote))
    if detail.region:
        clauses.append(_region_clause(facts.region))
    return clauses


def k_of(facts: Facts, detail: Detail, today: date) -> int:
    """How many consultants of the pool share every fact the card shows at `detail`."""
    return db.session.scalar(_pool().where(*_clauses(facts, detail, today))) or 0


def _skill_counts(keys) -> dict[str, int]:
    rows = db.session.execute(sa.select(Skill.key, sa.func.count(sa.distinct(ProfileSkill.profile_id)))
                              .join(ProfileSkill, ProfileSkill.skill_id == Skill.id)
                              .where(Skill.key.in_(list(keys))).group_by(Skill.key)).all()
    return {**{k: 0 for k in keys}, **dict(rows)}


def _rarest_first(items, count) -> list:
    return sorted(items, key=lambda item: (count(item), str(item)))


def _steps(start: Detail):
    """Coarser and coarser details, each matching a superset of the people of the one before; the facts
    that matter least for fit go first, the skills the assignment asks for last."""
    detail = start
    for change in ({"rate_width": 200}, {"availability": "quarter"}, {"rate_width": 500}, {"certificates": ()},
                   {"years": False}, {"language_levels": False}, {"extent": False}, {"remote": False},
                   {"region": False}):
        detail = detail.but(**change)
        yield detail
    for language in list(detail.languages):
        detail = detail.but(languages=tuple(x for x in detail.languages if x != language))
        yield detail
    for change in ({"availability": None}, {"rate_width": None}):
        detail = detail.but(**change)
        yield detail
    counts = _skill_counts(detail.skills)
    for skill in _rarest_first(detail.skills, counts.get):
        detail = detail.but(skills=tuple(s for s in detail.skills if s != skill))
        yield detail


def _finer(start: Detail, reached: Detail):
    """Single steps back towards `start`, most useful to a buyer first: the ladder may have coarsened more
    than it had to, and each fact that can come back without losing k does."""
    for skill in start.skills:
        if skill not in reached.skills:
            yield {"skills": tuple(s for s in start.skills if s in reached.skills or s == skill)}
    yield {"years": start.years}
    yield {"region": start.region}
    for language in start.languages:
        if language not in reached.languages:
            yield {"languages": tuple(x for x in start.languages if x in reached.languages or x == language)}
    yield {"language_levels": start.language_levels}
    yield {"availability": "quarter" if start.availability else None}
    yield {"availability": start.availability}
    for width in (500, 200, start.rate_width):
        if start.rate_width and width and width >= start.rate_width:
            yield {"rate_width": width}
    yield {"extent": start.extent}
    yield {"remote": start.remote}
    yield {"certificates": start.certificates}


def _restore(facts: Facts, start: Detail, detail: Detail, today: date, k: int) -> tuple[Detail, int]:
    reached = k_of(facts, detail, today)
    for change in _finer(start, detail):
        candidate = detail.but(**change)
        if candidate == detail:
            continue
        shared = k_of(facts, candidate, today)
        if shared >= k:
            detail, reached = candidate, shared
    return detail, reached


def generalise(facts: Facts, start: Detail, today: date, k: int | None = None) -> tuple[Detail, int]:
    """The finest detail from `start` whose card `k` consultants share, and the k it reaches.
    DomainError when the pool is smaller than k: then no card can be anonymous."""
    k = k or required_k()
    reached = k_of(facts, start, today)
    if reached >= k:
        return start, reached
    for detail in _steps(start):
        if k_of(facts, detail, today) >= k:
            return _restore(facts, start, detail, today, k)
    raise DomainError(_l("Too few consultants share even the broadest card: no anonymous card can be shown "
                         "until the pool is larger."))
