"""Demo applications (issue 16, R-CON-1, R-CON-4): Klara Konsult has applied in every state — waiting on the
LOU assignment (with her yes to be named in the tender response), shortlisted (linked to her entry on the
shortlist), declined with a reason, withdrawn — each with an answer per requirement; Nils Nyberg waits on
the published data-engineer assignment, which Klara can still apply to. Klara saves a search with mail on.
Klara's application to the Nordvik assignment she works on is made with its engagement (demo/engagements.py).
Called by seed.load() after the engagements; idempotent (one application per consultant and assignment)."""
from __future__ import annotations

import json
from datetime import timedelta
from typing import Iterator

import sqlalchemy as sa

from portal.extensions import db
from portal.models import (Application, ApplicationAnswer, Assignment, SavedSearch, ShortlistEntry, TenderNaming,
                           User, utcnow)

EVALUATION_CRITERIA = ("Pris 40 %, kvalitet 60 %. Kvalitet bedöms på erfarenhet av säkerhetsarkitektur i "
                       "finanssektorn (30 %), svar på skall- och börkrav (20 %) och intervju (10 %).")
APPLICATIONS = [  # consultant, assignment title, state, rate, staff's reason
    ("konsult", "Säkerhetsarkitekt, avrop", "submitted", 1150, None),
    ("konsult", "Testledare inför release", "shortlisted", 1050, "Svaren visar lång erfarenhet av testledning."),
    ("konsult", "UX-designer för app", "declined", 1000,
     "Kunden söker en designer med flera års erfarenhet av mobilappar; din profil visar mest webb."),
    ("konsult", "Molnmigrering", "withdrawn", 1200, None),
    ("konsult2", "Dataingenjör för mätdata", "submitted", 980, None),
]
ANSWERS = {"must": "Ja: flera års erfarenhet från liknande uppdrag, senast inom energi och bank.",
           "should": "Delvis: har använt det i två projekt men inte som huvudansvarig."}
SEARCH = ("Python i Stockholm", {"q": "python", "region": "Stockholm", "remote": ["hybrid"]})  # as Filters.to_json


def load(people: dict[str, User]) -> Iterator[str]:
    recruiter = people.get("rekryterare")
    made = 0
    for local, title, state, rate, reason in APPLICATIONS:
        consultant = people.get(local)
        assignment = db.session.scalar(sa.select(Assignment).where(Assignment.title == title).order_by(Assignment.id))
        if consultant is None or assignment is None or db.session.scalar(sa.select(Application.id).where(
                Application.assignment_id == assignment.id, Application.consultant_id == consultant.id)):
            continue
        application(consultant, assignment, state, rate, reason, recruiter)
        made += 1
    if made:
        yield f"applications: {made} demo applications (waiting, shortlisted, declined, withdrawn)"
    yield from _lou(people.get("konsult"))
    yield from _saved_search(people.get("konsult"))


def application(consultant: User, assignment: Assignment, state: str, rate: int, reason: str | None,
                recruiter: User | None) -> Application:
    """One application with an answer per requirement; a shortlisted one linked to the consultant's entry."""
    applied = utcnow() - timedelta(days=21)
    application = Application(assignment_id=assignment.id, consultant_id=consultant.id, rate=rate, state=state,
                              created_at=applied, updated_at=applied)
    application.answers = [ApplicationAnswer(requirement_id=r.id, text=ANSWERS.get(r.kind, ANSWERS["should"]))
                           for r in assignment.requirements]
    if state == "withdrawn":
        application.withdrawn_at = application.updated_at = applied + timedelta(days=2)
    if state in ("shortlisted", "declined"):
        application.decided_at = application.updated_at = applied + timedelta(days=3)
        application.decided_by_id = recruiter.id if recruiter else None
        application.decision_reason = reason
    if state == "shortlisted":
        application.shortlist_entry_id = db.session.scalar(sa.select(ShortlistEntry.id).where(
            ShortlistEntry.assignment_id == assignment.id, ShortlistEntry.consultant_id == consultant.id))
    db.session.add(application)
    db.session.flush()
    return application


def _lou(klara: User | None) -> Iterator[str]:
    """The LOU assignment shows its award criteria; Klara said yes to being named in the tender response."""
    assignment = db.session.scalar(sa.select(Assignment).where(Assignment.procurement_reference.is_not(None))
                                   .order_by(Assignment.id))
    if assignment is None or klara is None:
        return
    if not assignment.evaluation_criteria:
        assignment.evaluation_criteria = EVALUATION_CRITERIA
    if db.session.scalar(sa.select(TenderNaming.id).where(TenderNaming.assignment_id == assignment.id,
                                                          TenderNaming.consultant_id == klara.id)) is None:
        db.session.add(TenderNaming(assignment_id=assignment.id, consultant_id=klara.id,
                                    given_at=utcnow() - timedelta(days=20)))
        db.session.flush()
        yield f"LOU assignment #{assignment.id}: award criteria, and {klara.email} agreed to be named"


def _saved_search(klara: User | None) -> Iterator[str]:
    name, filters = SEARCH
    if klara is None or db.session.scalar(sa.select(SavedSearch.id).where(SavedSearch.user_id == klara.id,
                                                                         SavedSearch.name == name)):
        return
    db.session.add(SavedSearch(user_id=klara.id, name=name, notify=True,
                               filters_json=json.dumps(filters, ensure_ascii=False, sort_keys=True)))
    db.session.flush()
    yield f"saved search for {klara.email}, new matches mailed"
