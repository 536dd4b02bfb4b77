"""Profile documents for the search tests, and a loader backed by a dict (the profile model's stand-in)."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from portal import register_search
from portal.extensions import db
from portal.services.matching import search
from portal.services.matching.records import ProfileDocument

START = date(2026, 3, 1)


def doc(consultant_id: int, **fields) -> ProfileDocument:
    base: ProfileDocument = {
        "consultant_id": consultant_id, "title": "Consultant", "summary": "", "skills": [], "languages": [
            {"name": "Swedish", "level": "C2"}, {"name": "English", "level": "C1"}],
        "certificates": [], "industries": [], "interests": [], "history_text": "", "region": "Stockholm",
        "remote": "hybrid", "available_from": date(2026, 2, 1), "extent": 100, "hourly_rate": 900,
        "excluded_client_ids": [], "restricted": False, "earlier_assignments": [],
        "updated_at": datetime(2026, 1, 1, 12, consultant_id % 60),
    }
    base.update(fields)
    return base


def skill(name: str, level: int = 3, years: int = 5) -> dict:
    return {"name": name, "level": level, "years": years}


class Profiles(dict):
    """consultant id -> document; registered as the search loader and id source."""

    def load(self, consultant_id: int):
        return self.get(consultant_id)

    def connect(self) -> None:
        """Make this store the index's profile model (again: every new app connects the real tables)."""
        search.set_document_loader(self.load)
        search.set_id_source(lambda: sorted(self))

    def add(self, *docs: ProfileDocument) -> None:
        for d in docs:
            self[d["consultant_id"]] = d

    def index_all(self) -> None:
        """Queue every document, commit (the queue is a table) and let the worker write them."""
        for consultant_id in self:
            search.enqueue(consultant_id)
        db.session.commit()
        search.drain()


@pytest.fixture
def profiles(app):
    store = Profiles()
    store.connect()
    yield store
    register_search(app)  # back to the real profile tables
