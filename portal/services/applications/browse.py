"""The assignment browser for signed-in consultants (R-CON-1): published assignments that still take answers,
filtered by full text, skills, place, remote work, start, extent and rate, a page at a time.

Only public facts are searched and shown: the same an anonymous visitor reads on the public assignment page.
The buyer's name is never searched (a hidden buyer cannot be found by typing its name), drafts and closed
assignments are never listed, and the consultant's own data is not processed here (the fit is fit.py's).

Every word of the full-text query must occur, in any case, in the title, role, description or a requirement;
the filtering runs over browse_index.py's view of the open assignments (measured in bench/assignment_browser.py
at 5,000 published assignments). A skill filter reads the requirements as the ranking reads them (requirements.parse and
the synonym table staff edit), so "Postgres" finds "PostgreSQL" and "Java" does not find "JavaScript".
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from portal.extensions import db
from portal.models import Assignment
from portal.services.applications import browse_index
from portal.services.applications.browse_filters import (  # noqa: F401  (the browser's API)
    REMOTE_CHOICES, Filters, InvalidFilter, parse,
)
from portal.services.matching import skill_tokens, skills

PAGE_SIZE = 20


@dataclass
class Results:
    assignments: list[Assignment]
    total: int
    page: int
    page_size: int = PAGE_SIZE
    places: list[str] = field(default_factory=list)  # every place the open assignments name, for suggestions

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.page_size))

    @property
    def first(self) -> int:
        return (self.page - 1) * self.page_size + 1 if self.assignments else 0

    @property
    def last(self) -> int:
        return self.first + len(self.assignments) - 1 if self.assignments else 0


def open_assignment(assignment_id: int, today: date | None = None) -> Assignment | None:
    """One assignment a consultant may read and answer; None when it is not (or no longer) open."""
    return db.session.scalar(
        sa.select(Assignment).where(Assignment.id == assignment_id, browse_index.open_condition(today or date.today()))
        .options(selectinload(Assignment.requirements), joinedload(Assignment.organisation)))


def _matching(entries: list[browse_index.Entry], filters: Filters, published_after: datetime | None = None,
              published_until: datetime | None = None) -> list[int]:
    """The ids of the entries every given filter keeps, in their order: one tight pass per filter."""
    found, f = entries, filters
    for word in f.tokens:
        found = [e for e in found if word in e.text]
    if f.region:
        region = f.region.casefold()
        found = [e for e in found if region in e.location]
    if f.remote:
        found = [e for e in found if e.remote in f.remote]
    if f.start_from:
        found = [e for e in found if e.start_date >= f.start_from]
    if f.start_until:
        found = [e for e in found if e.start_date <= f.start_until]
    if f.extent_min:
        found = [e for e in found if e.extent >= f.extent_min]
    if f.extent_max:
        found = [e for e in found if e.extent <= f.extent_max]
    if f.rate:  # a ceiling the buyer states is public (the public page shows it); without one the assignment stays
        found = [e for e in found if e.rate_ceiling is None or e.rate_ceiling >= f.rate]
    if published_after is not None:
        found = [e for e in found if e.published_at > published_after]
    if published_until is not None:
        found = [e for e in found if e.published_at <= published_until]
    if f.skills and found:
        table = skills.load_table()
        wanted = {table.canonical_id(name) for name in f.skills}
        named = browse_index.skills_of(found, skill_tokens.load(table))
        found = [e for e in found if wanted <= named[e.id]]
    return [e.id for e in found]


def matching_ids(filters: Filters, today: date | None = None, *, published_after: datetime | None = None,
                 published_until: datetime | None = None) -> list[int]:
    """Every open assignment the filters find, newest first (saved searches pass the publication window)."""
    return _matching(browse_index.open_entries(today or date.today()), filters, published_after, published_until)


def load(ids: list[int]) -> list[Assignment]:
    """The assignments with their requirements and buyer, in the order of `ids`."""
    if not ids:
        return []
    found = {a.id: a for a in db.session.scalars(
        sa.select(Assignment).where(Assignment.id.in_(ids))
        .options(selectinload(Assignment.requirements), joinedload(Assignment.organisation)))}
    return [found[i] for i in ids if i in found]


def search(filters: Filters, today: date | None = None) -> Results:
    """One page of the open assignments the filters find (a page past the last is empty, not an error)."""
    entries = browse_index.open_entries(today or date.today())
    ids = _matching(entries, filters)
    start = (filters.page - 1) * PAGE_SIZE
    return Results(load(ids[start:start + PAGE_SIZE]), len(ids), filters.page, places=browse_index.places())
