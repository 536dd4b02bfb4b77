"""Assignments for the browser's tests (R-CON-1): published ones with requirements, and the other states."""
from __future__ import annotations

from datetime import date, timedelta

from portal.extensions import db
from portal.models import Assignment, AssignmentRequirement, utcnow
from tests import factories

TODAY = date.today()


def buyer_organisation(name: str = "Hemlig Kund AB"):
    return factories.make_organisation(kind="buyer", name=name)


def assignment(organisation, title: str = "Data engineer", *, state: str = "published", musts=("Python",),
               shoulds=(), published_days_ago: int = 1, **fields) -> Assignment:
    """An assignment as the buyer's form would make it, published `published_days_ago` days ago."""
    fields.setdefault("description", "Pipelines for the claims system.")
    fields.setdefault("role", "Data engineer")
    fields.setdefault("start_date", TODAY + timedelta(days=30))
    fields.setdefault("answer_deadline", TODAY + timedelta(days=14))
    item = Assignment(organisation_id=organisation.id, title=title, state=state,
                      published_at=utcnow() - timedelta(days=published_days_ago) if state != "draft" else None,
                      **fields)
    item.requirements = [
        *(AssignmentRequirement(kind="must", text=t, position=i) for i, t in enumerate(musts)),
        *(AssignmentRequirement(kind="should", text=t, weight=3, position=len(musts) + i)
          for i, t in enumerate(shoulds))]
    db.session.add(item)
    db.session.flush()
    return item
