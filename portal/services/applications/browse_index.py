"""The open assignments as the browser filters them (R-CON-1), kept in the process and checked against the
database on every search, so the browser is always as fresh as the database, on SQLite and PostgreSQL alike,
and never needs rebuilding (a new process simply reads everything once). The check is cheap: an aggregate over
the index ix_assignments_browse (how many are open, the sums of their ids and versions, the latest publication
and creation) says whether anything changed, and only then are the ids listed and the new or changed rows read
again. Every change there is (publishing, revising, closing, reopening, a deadline passing) moves the aggregate,
as a revision always bumps the row's version.

Why not SQL `LIKE` or a Whoosh index: measured in bench/assignment_browser.py over 5,000 published
assignments, `LIKE` per word over titles, descriptions and requirements took 26–28 ms at p50 (33–40 ms at p95)
for one or two words, for the ids alone, against 8–9 ms (11–13 ms) here with the page's assignments loaded; and
SQLite folds only ASCII case, so "örebro" missed "Örebro". A Whoosh index would need every change of an
assignment to reach it (and only matching/ imports whoosh).

Only public facts are held: the title, role, description, place and requirement texts the public page shows
(never the buyer's name, so a hidden buyer cannot be found by searching for it).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa

from portal.extensions import db
from portal.models import Assignment, AssignmentRequirement, AssignmentState
from portal.services.matching import requirements, skill_tokens

_CHUNK = 900  # ids per IN (...): below SQLite's default limit of bound parameters


@dataclass(frozen=True, slots=True)
class Entry:
    id: int
    stamp: tuple  # (version, created_at): a changed or replaced row reads again
    published_at: datetime
    text: str  # title, role, description and requirement texts, case-folded
    place: str  # the location as the buyer wrote it
    location: str  # the same, case-folded
    remote: str
    start_date: date
    extent: int
    rate_ceiling: int | None
    requirement_texts: tuple[str, ...]


class _Index:
    def __init__(self) -> None:
        self.entries: dict[int, Entry] = {}
        self.fingerprint: tuple | None = None
        self.ordered: list[Entry] = []  # the open ones, newest published first
        self.places: list[str] = []  # the places they name, for the filter's suggestions
        self.lock = threading.Lock()
        self.vocabulary = None
        self.skills: dict[int, frozenset[str]] = {}  # id -> canonical skill ids, for self.vocabulary
        self.named: dict[str, frozenset[str]] = {}  # requirement text -> canonical skill ids


_indexes: dict[str, _Index] = {}  # one per database: tests and benches run several apps in one process


def _index() -> _Index:
    url = db.engine.url.render_as_string(hide_password=True)
    if url not in _indexes:
        _indexes[url] = _Index()
    return _indexes[url]


def open_condition(today: date):
    """Published and still taking answers: the expiry job closes those past the deadline once a day."""
    return sa.and_(Assignment.state == AssignmentState.PUBLISHED.value, Assignment.answer_deadline >= today)


def _read(ids: list[int]) -> list[Entry]:
    texts: dict[int, list[str]] = {i: [] for i in ids}
    found = []
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        for assignment_id, text in db.session.execute(
                sa.select(AssignmentRequirement.assignment_id, AssignmentRequirement.text)
                .where(AssignmentRequirement.assignment_id.in_(chunk))
                .order_by(AssignmentRequirement.assignment_id, AssignmentRequirement.position)):
            texts[assignment_id].append(text)
        for row in db.session.execute(sa.select(
                Assignment.id, Assignment.version, Assignment.created_at, Assignment.published_at, Assignment.title,
                Assignment.role, Assignment.description, Assignment.location, Assignment.remote,
                Assignment.start_date, Assignment.extent, Assignment.rate_ceiling).where(Assignment.id.in_(chunk))):
            own = tuple(texts[row.id])
            found.append(Entry(
                id=row.id, stamp=(row.version, row.created_at), published_at=row.published_at or datetime.min,
                text="\n".join((row.title, row.role, row.description, *own)).casefold(),
                place=row.location or "", location=(row.location or "").casefold(), remote=row.remote, start_date=row.start_date,
                extent=row.extent, rate_ceiling=row.rate_ceiling, requirement_texts=own))
    return found


def _fingerprint(today: date) -> tuple:
    """Changes whenever the open set or one of its rows does (new ids are larger, a revision bumps the version,
    and a database emptied and filled again has later creation times)."""
    row = db.session.execute(sa.select(
        sa.func.count(), sa.func.coalesce(sa.func.sum(Assignment.id), 0),
        sa.func.coalesce(sa.func.sum(Assignment.version), 0),
        sa.func.coalesce(sa.func.sum(Assignment.id * Assignment.version), 0),
        sa.func.max(Assignment.published_at), sa.func.max(Assignment.created_at)).where(open_condition(today))).one()
    return (today, *row)


def open_entries(today: date) -> list[Entry]:
    """Every open assignment, newest published first; what changed since the last call is read again."""
    index = _index()
    fingerprint = _fingerprint(today)
    if fingerprint == index.fingerprint:
        return index.ordered
    rows = db.session.execute(
        sa.select(Assignment.id, Assignment.version, Assignment.created_at).where(open_condition(today))
        .order_by(Assignment.published_at.desc(), Assignment.id.desc())).all()
    stale = [r.id for r in rows if (e := index.entries.get(r.id)) is None or e.stamp != (r.version, r.created_at)]
    fresh = _read(stale)
    with index.lock:
        index.entries.update((e.id, e) for e in fresh)
        for e in fresh:
            index.skills.pop(e.id, None)
        wanted = {r.id for r in rows}
        for gone in [i for i in index.entries if i not in wanted]:
            del index.entries[gone]
            index.skills.pop(gone, None)
        index.ordered = [index.entries[r.id] for r in rows]
        index.places = sorted({e.place for e in index.ordered if e.place}, key=str.casefold)[:200]
        index.fingerprint = fingerprint
    return index.ordered


def places() -> list[str]:
    """The places the open assignments name, as of the last open_entries()."""
    return _index().places


def skills_of(entries: list[Entry], vocabulary: skill_tokens.Vocabulary) -> dict[int, frozenset[str]]:
    """The canonical skills each assignment's requirements name, read as the ranking reads requirements; kept
    per vocabulary (staff changing a synonym gives a new one, read afresh)."""
    index = _index()
    with index.lock:
        if vocabulary is not index.vocabulary:
            index.vocabulary, index.skills, index.named = vocabulary, {}, {}
        for entry in entries:
            if entry.id not in index.skills:
                named: set[str] = set()
                for text in entry.requirement_texts:
                    if text not in index.named:
                        read = requirements.parse(text, vocabulary)
                        index.named[text] = frozenset(vocabulary.table.canonical_id(n) for n in read.names)
                    named |= index.named[text]
                if len(index.named) > 200_000:  # requirement texts are short; this bounds the memory anyway
                    index.named = {}
                index.skills[entry.id] = frozenset(named)
        return {entry.id: index.skills[entry.id] for entry in entries}
