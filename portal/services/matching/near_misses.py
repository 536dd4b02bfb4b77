"""Near misses (#17, R-MATCH-1..3, R-STAFF-2): who is shown below the candidates although they start late, and
what they miss, in measurable words for the recruiter and for the consultant's "why was I suggested?".

Availability is the one condition besides the musts that leaves a profile out: available by the start plus
AVAILABILITY_GRACE. Rate and extent only add or take points (ranker._rate, ranker._extent), so nobody on time
is left out for them. A profile available later is a near miss when it is late by at most NEAR_MISS_WEEKS more
weeks, its rate is at most NEAR_MISS_RATE_ABOVE over the tolerated rate (ceiling × RATE_TOLERANCE), its extent
at most EXTENT_STEP under the wanted one, and it misses at most MAX_MISSES of the three. Everything else stays
hard and is never a near miss: a must skill or language, a client the consultant excluded, a restricted
profile, a profile not in the index (no consent, not published).
"""
from __future__ import annotations

import math
from datetime import date, timedelta

from flask_babel import gettext as _
from flask_babel import ngettext

from portal.services.matching.records import AssignmentQuery, Miss

AVAILABILITY_GRACE = timedelta(days=14)  # available this long after the start still passes
NEAR_MISS_WEEKS = 6  # a near miss is available at most this many weeks after the start + the grace
RATE_TOLERANCE = 1.1  # a rate up to ceiling × this is tolerated (a few points less, no miss)
NEAR_MISS_RATE_ABOVE = 0.20  # a near miss asks at most 20 % more than the tolerated rate
EXTENT_STEP = 20  # percentage points: one step of extent (80 % where 100 % is asked)
MAX_MISSES = 2  # late, and at most one of rate or extent: missing all three is too far
NEAR_MISS_LIMIT = 10  # near misses shown below the candidates


def available_by(start: date | None) -> date | None:
    """The latest availability that passes."""
    return start + AVAILABILITY_GRACE if start else None


def near_available_by(start: date | None) -> date | None:
    """The latest availability of a near miss."""
    return start + AVAILABILITY_GRACE + timedelta(weeks=NEAR_MISS_WEEKS) if start else None


def rate_limit(ceiling: int | None) -> int | None:
    """The highest rate that is tolerated; above it a late profile misses on rate."""
    return math.floor(ceiling * RATE_TOLERANCE) if ceiling else None


def near_rate_limit(ceiling: int | None) -> int | None:
    """The highest rate of a near miss."""
    return math.floor(ceiling * RATE_TOLERANCE * (1 + NEAR_MISS_RATE_ABOVE)) if ceiling else None


def near_min_extent(wanted: int | None) -> int | None:
    """The lowest extent of a near miss (one step under the wanted)."""
    return max(wanted - EXTENT_STEP, 0) if wanted else None


def query_fields(assignment: AssignmentQuery, limit: int) -> dict:
    """What the candidate search needs to find up to `limit` near misses (none without a start or a limit)."""
    if not assignment.start or limit <= 0:
        return {}
    ceiling, wanted = assignment.rate_ceiling, assignment.extent
    return {"near_available_by": near_available_by(assignment.start), "near_limit": limit,
            "rate_band": (rate_limit(ceiling), near_rate_limit(ceiling)) if ceiling else None,
            "extent_band": (wanted, near_min_extent(wanted)) if wanted else None,
            "max_band_misses": MAX_MISSES - 1}


def misses(stored: dict, assignment: AssignmentQuery) -> list[Miss]:
    """What a near miss (a profile the index found late) misses, measured from its stored document."""
    found = []
    available = date.fromisoformat(stored["available_from"]) if stored.get("available_from") else None
    if available and assignment.start and available > available_by(assignment.start):
        found.append(Miss("availability", {"days_late": (available - assignment.start).days}))
    rate, ceiling = stored.get("rate") or 0, assignment.rate_ceiling
    if ceiling and rate > rate_limit(ceiling):
        found.append(Miss("rate", {"rate": rate, "ceiling": ceiling,
                                   "percent": math.ceil((rate - ceiling) * 100 / ceiling)}))
    if assignment.extent and stored.get("extent", 100) < assignment.extent:
        found.append(Miss("extent", {"offered": stored["extent"], "wanted": assignment.extent}))
    return found


def _weeks(days: int) -> int:
    return max(1, round(days / 7))


def for_staff(miss: Miss) -> str:
    """The recruiter's marker: what the near miss misses, by how much."""
    d = miss.detail
    if miss.code == "availability":
        return ngettext("Available %(num)d week after the start (%(days)d days)",
                        "Available %(num)d weeks after the start (%(days)d days)", _weeks(d["days_late"]),
                        days=d["days_late"])
    if miss.code == "rate":
        return _("Asks %(percent)d %% above the ceiling (%(rate)d SEK an hour where the ceiling is %(ceiling)d)",
                 percent=d["percent"], rate=d["rate"], ceiling=d["ceiling"])
    return _("Works %(offered)d %% where %(wanted)d %% is asked", offered=d["offered"], wanted=d["wanted"])


def for_consultant(misses_: list[Miss]) -> list[str]:
    """The consultant's sentences: that they were suggested although they miss these, and by how much."""
    if not misses_:
        return []
    lines = [_("You were suggested as a near miss: you meet every requirement, but not every condition "
               "of the assignment, and a recruiter picked you anyway.")]
    for miss in misses_:
        d = miss.detail
        if miss.code == "availability":
            lines.append(ngettext(
                "You are available %(num)d week after the start (%(days)d days); the assignment asks for "
                "someone available within %(grace)d days of the start.",
                "You are available %(num)d weeks after the start (%(days)d days); the assignment asks for "
                "someone available within %(grace)d days of the start.", _weeks(d["days_late"]), days=d["days_late"],
                grace=AVAILABILITY_GRACE.days))
        elif miss.code == "rate":
            lines.append(_("Your hourly rate, %(rate)d SEK, is %(percent)d %% above the client's ceiling of "
                           "%(ceiling)d SEK.", rate=d["rate"], percent=d["percent"], ceiling=d["ceiling"]))
        else:
            lines.append(_("You work %(offered)d %% where the assignment asks for %(wanted)d %%.",
                           offered=d["offered"], wanted=d["wanted"]))
    return lines
