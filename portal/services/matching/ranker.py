"""Ranking consultants for an assignment, with an explanation for every candidate (R-MATCH-1..3).

The system only sorts (R-STAFF-2): must requirements filter, everything else adds points, and
each point is accounted for in the candidate's Explanation. The index (search.py) finds the
candidates and their matched terms; the points are computed here, in plain Python, so they can be
read and explained.
"""
from __future__ import annotations

from datetime import date

from flask_babel import force_locale, gettext as _

from portal.services.matching import near_misses, requirements, search, skill_tokens, skills
from portal.services.matching.near_misses import AVAILABILITY_GRACE, RATE_TOLERANCE
from portal.services.matching.records import (
    AssignmentQuery, Candidate, Explanation, Factor, MustCheck, Ranking, ShouldMatch,
)

POOL = 60  # candidates fetched from the index before the points re-rank them
TEXT_POINTS = 6.0


def rank(assignment: AssignmentQuery, limit: int = 20, *, index: search.ProfileIndex | None = None,
         synonyms: skills.SynonymTable | None = None, near_limit: int = near_misses.NEAR_MISS_LIMIT) -> Ranking:
    """The best `limit` consultants for `assignment`, each with its Explanation; below them the best
    `near_limit` near misses, each with what it misses (near_misses.py)."""
    table = synonyms or skills.load_table()
    # Explicit synonyms (the bench) come without a database: the vocabulary is then the table's and the defaults.
    vocabulary = skill_tokens.build(table) if synonyms is not None else skill_tokens.load(table)
    index = index or search.current_index()
    musts = [_read(m, vocabulary) for m in assignment.must_skills]
    shoulds = [requirements.parse(s["name"], vocabulary) for s in assignment.should_skills]
    named, words = skill_tokens.split(assignment.text, vocabulary)
    mentioned = {table.canonical_id(t.text): table.variants(t.text) for t in named}
    query = search.CandidateQuery(
        must_skills=[[(table.variants(name), level, read.min_years) for name in group]
                     for read, level in musts for group in read.groups],
        must_languages=[(search.language_key(m["name"]), m.get("min_level")) for m in assignment.languages],
        should_skills=[(set().union(*(table.variants(n) for n in read.names)), float(s["weight"]))
                       for read, s in zip(shoulds, assignment.should_skills)],
        text=words, text_skills=list(mentioned.values()), client_id=assignment.client_id,
        available_by=near_misses.available_by(assignment.start),
        **near_misses.query_fields(assignment, max(POOL, near_limit) if near_limit > 0 else 0),
        limit=max(POOL, limit))
    found = search.candidates(index, query)
    # The near misses' text points are measured against the best candidate's, so the candidates' stay as they were.
    top = max((hit.text_score for hit in found.hits or found.near_hits), default=0.0) or 1.0
    ranked = [_candidate(hit, assignment, table, top, musts, shoulds, vocabulary) for hit in found.hits]
    ranked.sort(key=lambda c: (-c.score, c.consultant_id))
    near = [_candidate(hit, assignment, table, top, musts, shoulds, vocabulary) for hit in found.near_hits]
    for candidate, hit in zip(near, found.near_hits):
        candidate.explanation.misses = near_misses.misses(hit.stored, assignment)
    near.sort(key=lambda c: (-c.score, c.consultant_id))
    return Ranking(candidates=ranked[:limit], passed_musts=found.passed, left_out=found.left_out,
                   near_misses=near[:near_limit], near_missed=found.near_missed, near_total=found.near_passed)


def _read(must: dict, vocabulary: skill_tokens.Vocabulary) -> tuple[requirements.Requirement, int]:
    """A must requirement read as buyers write it, its years at least those the query states; and its level."""
    read = requirements.parse(must["name"], vocabulary)
    read.min_years = max(read.min_years, int(must.get("min_years") or 0))
    return read, int(must.get("min_level") or 1)


def _meeting(read: requirements.Requirement, level: int, own: dict, table: skills.SynonymTable) -> list[tuple]:
    """Per group of a requirement, the first alternative the profile meets: (alternative, (name, level, years))."""
    met = []
    for group in read.groups:
        for name in group:
            mine = own.get(table.canonical_id(name))
            if mine and mine[1] >= level and mine[2] >= read.min_years:
                met.append((name, mine))
                break
    return met


def _candidate(hit: search.Hit, assignment: AssignmentQuery, table: skills.SynonymTable, top: float,
               musts: list, shoulds: list, vocabulary: skill_tokens.Vocabulary) -> Candidate:
    stored = hit.stored
    own = {}
    for name, level, years in stored["skills"]:
        own.setdefault(table.canonical_id(name), (name, level, years))
    explanation = Explanation(terms={
        f: sorted({vocabulary.shown(t) for t in terms} if f.endswith("_skills") else set(terms))
        for f, terms in hit.matched.items()})
    for must, (read, level) in zip(assignment.must_skills, musts):
        met = _meeting(read, level, own, table)
        explanation.musts.append(MustCheck(
            "skill", must["name"], str(must.get("min_level") or ""), True,
            ", ".join(f"{mine[0]} ({mine[1]})" for _, mine in met) or None,
            alternative=", ".join(name for name, _ in met) if read.either else None,
            min_years=read.min_years or None,
            years=min(mine[2] for _, mine in met) if read.min_years and met else None))
    languages = {search.language_key(n): lvl for n, lvl in stored["languages"]}
    for must in assignment.languages:
        found = languages.get(search.language_key(must["name"]))
        explanation.musts.append(MustCheck("language", must["name"], must.get("min_level"), True, found))
    for should, read in zip(assignment.should_skills, shoulds):
        candidates = [own[c] for c in (table.canonical_id(n) for n in read.names) if c in own]
        mine = max(candidates, key=lambda m: m[1], default=None)  # the best of "React eller Vue"
        points = round(should["weight"] * (1 + mine[1] / 5), 2) if mine else 0.0
        explanation.shoulds.append(ShouldMatch(should["name"], should["weight"], mine[0] if mine else None,
                                               mine[1] if mine else 0, points))
    explanation.factors = [
        Factor("text", round(TEXT_POINTS * min(hit.text_score / top, 1.0), 2), {"fields": sorted(hit.matched)}),
        *_availability(stored, assignment.start), *_extent(stored, assignment.extent),
        *_place(stored, assignment), *_rate(stored, assignment.rate_ceiling),
        *_history(stored, assignment.client_id),
    ]
    return Candidate(hit.consultant_id, explanation.total, explanation)


def _availability(stored: dict, start: date | None) -> list[Factor]:
    if start is None:
        return []
    available = date.fromisoformat(stored["available_from"]) if stored["available_from"] else None
    late = max((available - start).days, 0) if available else 0
    points = 2.0 if late == 0 else round(1.0 - late / AVAILABILITY_GRACE.days, 2)
    return [Factor("availability", points, {"days_late": late})]


def _extent(stored: dict, wanted: int | None) -> list[Factor]:
    if not wanted:
        return []
    offered = stored["extent"]
    return [Factor("extent", 1.5 if offered >= wanted else round(1.5 * offered / wanted, 2),
                   {"offered": offered, "wanted": wanted})]


def _place(stored: dict, assignment: AssignmentQuery) -> list[Factor]:
    same_region = bool(assignment.region) and skills.key(stored["region"]) == skills.key(assignment.region)
    if same_region:
        return [Factor("region", 2.0, {"region": stored["region"]})]
    if assignment.remote_ok and stored["remote"] in ("remote", "hybrid"):
        return [Factor("remote", 1.5, {"remote": stored["remote"]})]
    return [Factor("region", 0.0, {"region": stored["region"]})] if assignment.region else []


def _rate(stored: dict, ceiling: int | None) -> list[Factor]:
    if not ceiling or not stored["rate"]:
        return []
    rate = stored["rate"]
    points = 1.5 if rate <= ceiling else (0.5 if rate <= ceiling * RATE_TOLERANCE else -2.0)
    return [Factor("rate", points, {"rate": rate, "ceiling": ceiling})]


def _history(stored: dict, client_id: int | None) -> list[Factor]:
    factors = []
    ratings = [r for _, r in stored["earlier"] if r]
    if ratings:
        average = sum(ratings) / len(ratings)
        factors.append(Factor("rating", round((average - 3) * 0.75, 2), {"average": round(average, 1),
                                                                         "count": len(ratings)}))
    same = [r for c, r in stored["earlier"] if client_id is not None and c == client_id]
    if same:
        factors.append(Factor("same_client", 1.0 if all((r or 3) >= 3 for r in same) else -1.0,
                              {"count": len(same)}))
    return factors




def _field_label(fieldname: str) -> str:
    part = fieldname.rsplit("_", 1)[0] if fieldname.endswith(("_sv", "_en", "_skills")) else fieldname
    return {
        "title": _("title"), "text": _("profile text (summary, history, industries, interests)"),
        "certificates": _("certificates"),
    }.get(part, part)


def explain_in_plain_words(explanation: Explanation, locale: str) -> list[str]:
    """The explanation as sentences for the consultant's "why was I suggested?" (R-MATCH-3)."""
    with force_locale(locale):
        lines = near_misses.for_consultant(explanation.misses)
        for must in explanation.musts:
            if must.alternative:
                lines.append(_("You meet the requirement “%(name)s” through “%(alternative)s” with %(found)s.",
                               name=must.name, alternative=must.alternative, found=must.found or _("your profile")))
            else:
                lines.append(_("You meet the requirement “%(name)s” with %(found)s.", name=must.name,
                               found=must.found or _("your profile")))
            if must.min_years and must.years is not None:
                lines.append(_("The requirement asks for at least %(min)d years; your profile shows %(years)d.",
                               min=must.min_years, years=must.years))
        for should in explanation.shoulds:
            if should.matched_as:
                lines.append(_("Your skill “%(skill)s” at level %(level)d matches the wish “%(name)s” "
                               "(weight %(weight)d): %(points)s points.", skill=should.matched_as,
                               level=should.level, name=should.name, weight=should.weight, points=should.points))
            else:
                lines.append(_("The assignment wishes for “%(name)s”, which your profile does not show.",
                               name=should.name))
        by_label: dict[str, set[str]] = {}
        for fieldname, terms in explanation.terms.items():
            if fieldname in ("skills", "skill_levels", "languages"):
                continue  # the must and should sentences say these in words
            by_label.setdefault(_field_label(fieldname), set()).update(terms)
        for label, terms in sorted(by_label.items()):
            lines.append(_("Words of the assignment found in your %(field)s: %(terms)s.", field=label,
                           terms=", ".join(sorted(terms))))
        lines += [_factor_sentence(f) for f in explanation.factors]
        lines.append(_("In total: %(points)s points. A person at Customersonly makes the choice, "
                       "not the system.", points=explanation.total))
        return lines


def _factor_sentence(factor: Factor) -> str:
    d, p = factor.detail, factor.points
    if factor.code == "text":
        return _("How well your profile's text fits the assignment: %(points)s points.", points=p)
    if factor.code == "availability":
        if d["days_late"]:
            return _("You are available %(days)d days after the start: %(points)s points.", days=d["days_late"],
                     points=p)
        return _("You are available from the start: %(points)s points.", points=p)
    if factor.code == "extent":
        return _("You offer %(offered)d %% of the wanted %(wanted)d %%: %(points)s points.", offered=d["offered"],
                 wanted=d["wanted"], points=p)
    if factor.code == "region":
        return _("Your region: %(points)s points.", points=p)
    if factor.code == "remote":
        return _("You can work remotely and the assignment allows it: %(points)s points.", points=p)
    if factor.code == "rate":
        return _("Your hourly rate compared with the client's ceiling: %(points)s points.", points=p)
    if factor.code == "rating":
        return _("The average rating of your earlier assignments (%(average)s of 5, %(count)d rated): "
                 "%(points)s points.", average=d["average"], count=d["count"], points=p)
    if factor.code == "same_client":
        return _("You have worked for this client before: %(points)s points.", points=p)
    return _("Other factor: %(points)s points.", points=p)
