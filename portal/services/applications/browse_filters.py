"""The assignment browser's filters (R-CON-1) as values: read from a query string or a saved search, checked,
and written back as a query string or JSON. A value that cannot be a filter is refused with a message naming
the field (a 400 on the page), never guessed at."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l

from portal.forms import PAGE_MAX, SEARCH_MAX, parse_date, parse_id
from portal.services import DomainError

REMOTE_CHOICES = ("onsite", "hybrid", "remote")  # as assignments.remote stores them
TOKENS_MAX = 8  # words of the full-text query that count
SKILLS_MAX = 10
SKILL_MAX = 80  # characters of one skill name (skills.SYNONYM_LENGTH)
REGION_MAX = 120  # assignments.location
RATE_MAX = 100_000  # SEK per hour: anything above is a typing error, not a filter
FIELDS = ("q", "skills", "region", "remote", "start_from", "start_until", "extent_min", "extent_max", "rate")


class InvalidFilter(DomainError):
    """A filter value that cannot be one (a 400 on the page). Messages are lazy: parsing runs in CLI commands too."""


@dataclass(frozen=True)
class Filters:
    q: str = ""
    skills: tuple[str, ...] = ()
    region: str = ""
    remote: tuple[str, ...] = ()
    start_from: date | None = None
    start_until: date | None = None
    extent_min: int | None = None
    extent_max: int | None = None
    rate: int | None = None  # the consultant's rate: hides assignments whose stated ceiling is lower
    page: int = field(default=1, compare=False)

    @property
    def empty(self) -> bool:
        return all(not getattr(self, name) for name in FIELDS)

    @property
    def tokens(self) -> list[str]:
        """The words of the full-text query, case-folded, each once, at most TOKENS_MAX."""
        return list(dict.fromkeys(word.casefold() for word in self.q.split()))[:TOKENS_MAX]

    def args(self, page: int | None = None) -> dict:
        """The filters as query-string arguments for url_for (empty ones left out)."""
        values = {"q": self.q, "skills": ", ".join(self.skills), "region": self.region, "remote": list(self.remote),
                  "start_from": self.start_from.isoformat() if self.start_from else "",
                  "start_until": self.start_until.isoformat() if self.start_until else "",
                  "extent_min": self.extent_min, "extent_max": self.extent_max, "rate": self.rate}
        if page and page > 1:
            values["page"] = page
        return {name: value for name, value in values.items() if value not in ("", None, [])}

    def to_json(self) -> str:
        """For a saved search (saved_searches.filters_json); the page is not part of it."""
        return json.dumps({name: value for name, value in self.args().items() if name != "page"},
                          ensure_ascii=False, sort_keys=True)


def from_json(text: str) -> Filters:
    """A saved search's filters; InvalidFilter when the stored JSON is not what to_json() writes."""
    try:
        data = json.loads(text)
    except (TypeError, ValueError):
        raise InvalidFilter(_l("The saved search cannot be read.")) from None
    if not isinstance(data, dict):
        raise InvalidFilter(_l("The saved search cannot be read."))
    return parse({name: value if isinstance(value, list) else [value] for name, value in data.items()})


def _one(args, name: str) -> str:
    values = args.getlist(name) if hasattr(args, "getlist") else args.get(name, [])
    values = values if isinstance(values, list) else [values]
    if len(values) > 1:
        raise InvalidFilter(_l("Give each filter once."), field=name)
    value = values[0] if values else ""
    return value.strip() if isinstance(value, str) else str(value)


def _whole(args, name: str, low: int, high: int, message: str) -> int | None:
    text = _one(args, name)
    if not text:
        return None
    number = parse_id(text)
    if number is None or not low <= number <= high:
        raise InvalidFilter(message, field=name)
    return number


def _day(args, name: str) -> date | None:
    text = _one(args, name)
    if not text:
        return None
    day = parse_date(text)
    if day is None:
        raise InvalidFilter(_l("Write the date as YYYY-MM-DD, for example 2027-01-31."), field=name)
    return day


def parse(args) -> Filters:
    """Filters from a query string (a MultiDict) or a dict of lists; InvalidFilter names what is wrong."""
    q = _one(args, "q")
    if len(q) > SEARCH_MAX:
        raise InvalidFilter(_l("Search with at most %(max)d characters.", max=SEARCH_MAX), field="q")
    skills = tuple(dict.fromkeys(s.strip() for s in _one(args, "skills").split(",") if s.strip()))
    if len(skills) > SKILLS_MAX:
        raise InvalidFilter(_l("Filter on at most %(max)d skills.", max=SKILLS_MAX), field="skills")
    if any(len(s) > SKILL_MAX for s in skills):
        raise InvalidFilter(_l("A skill name is at most %(max)d characters.", max=SKILL_MAX), field="skills")
    region = _one(args, "region")
    if len(region) > REGION_MAX:
        raise InvalidFilter(_l("Write the place with at most %(max)d characters.", max=REGION_MAX), field="region")
    remote_given = args.getlist("remote") if hasattr(args, "getlist") else args.get("remote", [])
    remote = tuple(dict.fromkeys(v.strip() for v in remote_given if isinstance(v, str) and v.strip()))
    if any(v not in REMOTE_CHOICES for v in remote):
        raise InvalidFilter(_l("Choose on site, partly remote or remote."), field="remote")
    start_from, start_until = _day(args, "start_from"), _day(args, "start_until")
    if start_from and start_until and start_from > start_until:
        raise InvalidFilter(_l("The first start date must not be after the last."), field="start_until")
    extent_message = _l("Write the extent as a whole percentage from 1 to 100.")
    extent_min = _whole(args, "extent_min", 1, 100, extent_message)
    extent_max = _whole(args, "extent_max", 1, 100, extent_message)
    if extent_min and extent_max and extent_min > extent_max:
        raise InvalidFilter(_l("The lowest extent must not be above the highest."), field="extent_max")
    rate = _whole(args, "rate", 1, RATE_MAX,
                  _l("Write your hourly rate in whole kronor, from 1 to %(max)d.", max=RATE_MAX))
    page = _whole(args, "page", 1, PAGE_MAX, _l("There is no such page of results."))
    return Filters(q=q, skills=skills, region=region, remote=tuple(v for v in REMOTE_CHOICES if v in remote),
                   start_from=start_from, start_until=start_until, extent_min=extent_min, extent_max=extent_max,
                   rate=rate, page=page or 1)
