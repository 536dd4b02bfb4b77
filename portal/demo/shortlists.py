"""Demo shortlists: the "shortlisting" assignment has approved anonymous cards, Klara Konsult has a question
waiting, Nils said yes to his name and contact details and they are released; on the filled assignment
Klara was selected after her yes, so the buyer may rate her. Called by seed.load(); idempotent."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Iterator

import sqlalchemy as sa

from portal.extensions import db
from portal.models import Assignment, AssignmentState, ShortlistEntry, User
from portal.services.shortlists import consent_requests, disclosures, picks, selections
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
                consent_requests.answer(Actor(user=consultant), request, True, via="portal",
                                        fields=["name", "contact"])
                disclosures.release(staff, entry, reason="Kunden vill träffa konsulten inför intervju.",
                                    ends_on=date.today() + timedelta(days=90))
        made += 1
    yield f"shortlists: {made} demo candidates picked (question waiting, approved, released)"
    yield from _filled(people, staff)


def _filled(people: dict[str, User], staff: Actor) -> Iterator[str]:
    """The filled assignment gets its history the way staff make it: pick, card, yes, release, selection."""
    klara = people.get("konsult")
    filled = db.session.scalar(sa.select(Assignment).where(Assignment.state == AssignmentState.FILLED.value)
                               .order_by(Assignment.id))
    if klara is None or filled is None or selections.of_assignment(filled):
        return
    filled.state = AssignmentState.SHORTLISTING.value  # demo only: replay the path that fills it
    db.session.flush()
    entry = picks.add(staff, filled, klara.id, "Erfaren scrum master med bankbakgrund.")
    picks.approve_card(staff, entry)
    buyer = filled.contact_person or staff.user
    request = consent_requests.ask_to_meet(Actor(user=buyer), filled.organisation, entry, _link)
    consent_requests.answer(Actor(user=klara), request, True, via="portal", fields=["name", "contact", "profile"])
    disclosures.release(staff, entry, reason="Kunden valde henne efter intervjun.",
                        ends_on=date.today() + timedelta(days=180))
    selections.record(staff, filled, [entry.id], "Bäst erfarenhet av agila team i bank; kunden valde efter intervju.")
    yield "filled assignment: Klara Konsult selected after her yes, with the recruiter's reason"
