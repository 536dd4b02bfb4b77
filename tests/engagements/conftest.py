"""An assignment in shortlisting with a released candidate, a buyer contact, a recruiter: the fill scene.
Optionally the candidate came through a supplier's offer. Engagements are made the way staff make them:
by recording the selection (R-STAFF-2)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import (Assignment, ConsentRequest, Disclosure, Engagement, Offer, ShortlistEntry,
                           SupplierConsultant, User, utcnow)
from tests.conftest import Portal
from tests.orgs.helpers import make_assignment

EN = {"Accept-Language": "en"}


def released_entry(assignment: Assignment, consultant: User, released: dict | None = None,
                   ends_on: date | None = None, pseudonym: str = "K-7Q2") -> ShortlistEntry:
    """A shortlist entry the consultant said yes to, with `released` (default: the name) released to the buyer."""
    released = {"name": consultant.name} if released is None else released
    entry = ShortlistEntry(assignment_id=assignment.id, consultant_id=consultant.id, reason="Fits the role.",
                           pseudonym=pseudonym, anonymized_card_json="{}", card_k=5, state="released")
    db.session.add(entry)
    db.session.flush()
    fields = sorted({{"email": "contact", "phone": "contact"}.get(key, key) for key in released})
    yes = ConsentRequest(kind="disclosure", consultant_id=consultant.id, assignment_id=assignment.id,
                         shortlist_entry_id=entry.id, answer_by=utcnow(), status="accepted", answer=True,
                         answered_at=utcnow(), answered_via="portal", fields_json=json.dumps(fields))
    db.session.add(yes)
    db.session.flush()
    db.session.add(Disclosure(consultant_id=consultant.id, organisation_id=assignment.organisation_id,
                              assignment_id=assignment.id, shortlist_entry_id=entry.id, consent_request_id=yes.id,
                              fields_json=json.dumps(fields), released_json=json.dumps(released),
                              reason="Interview", ends_on=ends_on or date.today() + timedelta(days=90)))
    db.session.flush()
    return entry


def via_supplier(assignment: Assignment, consultant: User, supplier: User, rate: int = 1000) -> Offer:
    """The consultant came through this supplier's shortlisted offer (registered under the supplier's name for them)."""
    organisation = supplier.memberships[0].organisation
    record = SupplierConsultant(organisation_id=organisation.id, name="K. Konsult (as the supplier knows her)",
                                email=consultant.email, claimed_by_user_id=consultant.id, claimed_at=utcnow())
    db.session.add(record)
    db.session.flush()
    offer = Offer(assignment_id=assignment.id, organisation_id=organisation.id, supplier_consultant_id=record.id,
                  submitted_by_id=supplier.id, rate=rate, state="shortlisted")
    db.session.add(offer)
    db.session.flush()
    return offer


@dataclass
class Scene:
    staff: Portal
    buyer: Portal
    consultant: Portal
    assignment: Assignment
    entry: ShortlistEntry

    def fill(self, headers=EN, **terms):
        """Record the selection of the scene's entry, with `rate`/`end_date` typed in the fill form."""
        data = {"entries": [self.entry.id], "selection_reason": "Best interview."}
        data.update({f"{key}-{self.entry.id}": value for key, value in terms.items()})
        return self.staff.post(f"/staff/assignments/{self.assignment.id}/selection", data=data, headers=headers)

    def engagement(self) -> Engagement:
        db.session.expire_all()
        return db.session.scalar(sa.select(Engagement).where(Engagement.assignment_id == self.assignment.id))


@pytest.fixture
def scene(login_as) -> Scene:
    staff = login_as("staff", staff_roles="recruiter", name="Rita Recruiter")
    buyer = login_as("buyer", name="Bo Buyer")
    consultant = login_as("consultant", name="Klara Konsultsson", email="klara.k@example.se", phone="070-111 22 33")
    organisation = buyer.user.memberships[0].organisation
    assignment = make_assignment(organisation, state="shortlisting", title="Test lead for release",
                                 contact_person_id=buyer.user.id, created_by_id=buyer.user.id, extent=80)
    entry = released_entry(assignment, consultant.user)
    db.session.commit()
    return Scene(staff, buyer, consultant, assignment, entry)


@pytest.fixture
def filled(scene) -> Scene:
    """The scene after staff filled it with rate 1150."""
    assert scene.fill(rate="1150").status_code == 303
    return scene


def engage(assignment: Assignment, consultant: User, staff: User, **terms) -> Engagement:
    """An engagement made by the service, as filling makes it (for tests that need several)."""
    from portal.services.actors import Actor
    from portal.services.shortlists import selections
    from portal.services.engagements.create import Terms

    entry = released_entry(assignment, consultant)
    selections.record(Actor(user=staff), assignment, [entry.id], "Chosen.", terms={entry.id: Terms(**terms)})
    db.session.commit()
    return db.session.scalar(sa.select(Engagement).where(Engagement.assignment_id == assignment.id))


