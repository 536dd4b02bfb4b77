"""Demo shortlists (issue 5): the "shortlisting" assignment has approved anonymized candidates, Klara Konsult
has a question waiting, and one disclosure is released. Called by seed.load(); idempotent."""
from __future__ import annotations

from typing import Iterator

import sqlalchemy as sa

from portal.extensions import db
from portal.models import Assignment, ShortlistEntry, User
from portal.services.shortlists import consent_requests, disclosures, picks
from portal.services.actors import Actor
from portal.links import external_url

PICKS = [  # assignment state, consultant local part, reason, how far it goes
    ("shortlisting", "konsult", "Lång erfarenhet av testledning i bank; tillgänglig till start.", "asked"),
    ("shortlisting", "konsult2", "Certifierad testledare, har arbetat med liknande releaser.", "released"),
    ("shortlisting", "konsult3", "Stark inom testautomatisering; bra komplement.", "approved"),
]


def _link(token: str) -> str:
    return external_url("consultant.answer_by_mail", token=token)


def load(people: dict[str, User]) -> Iterator[str]:
    recruiter = people.get("rekryterare")
    if recruiter is None:
        return
    staff = Actor(user=recruiter)
    made = 0
    for state, local, reason, stage in PICKS:
        assignment = db.session.scalar(sa.select(Assignment).where(Assignment.state == state).order_by(Assignment.id))
        consultant = people.get(local)
        if assignment is None or consultant is None or db.session.scalar(sa.select(ShortlistEntry.id).where(
                ShortlistEntry.assignment_id == assignment.id, ShortlistEntry.consultant_id == consultant.id)):
            continue
        entry = picks.add(staff, assignment, consultant.id, reason)
        picks.approve_card(staff, entry)
        if stage in ("asked", "released"):
            buyer = assignment.contact_person or recruiter
            request = consent_requests.ask_to_meet(Actor(user=buyer), assignment.organisation, entry, _link)
            if stage == "released":
                consent_requests.answer(Actor(user=consultant), request, True, via="portal")
                disclosures.release(staff, entry, ["name", "email"])
        made += 1
    yield f"shortlists: {made} demo candidates picked (question waiting, approved, released)"
