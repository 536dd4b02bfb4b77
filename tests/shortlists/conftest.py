"""A buyer's assignment, two consultants with identifying data, a recruiter: the shortlist scene."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import OutboxMail, ShortlistEntry, User
from tests.conftest import Portal
from tests.orgs.helpers import make_assignment

EN = {"Accept-Language": "en"}
# A personnummer is never held on a user row today; asserting on it guards the day profiles hold one.
PERSONNUMMER = "19850312-2398"


@dataclass
class Scene:
    staff: Portal
    buyer: Portal
    consultant: Portal
    other: User
    assignment: object

    def identifying(self, *people: User) -> list[str]:
        values = [PERSONNUMMER]
        for person in people or (self.consultant.user, self.other):
            values += [person.name, person.email, person.phone]
        return values


@pytest.fixture
def scene(login_as) -> Scene:
    staff = login_as("staff", staff_roles="recruiter", name="Rita Recruiter")
    buyer = login_as("buyer", name="Bo Buyer")
    consultant = login_as("consultant", name="Klara Konsultsson", email="klara.k@example.se", phone="070-111 22 33")
    other = login_as("consultant", name="Nils Nybergsson", email="nils.n@example.se", phone="073-999 88 77").user
    organisation = buyer.user.memberships[0].organisation
    assignment = make_assignment(organisation, state="shortlisting", title="Test lead for release")
    db.session.commit()
    return Scene(staff, buyer, consultant, other, assignment)


def pick(scene: Scene, consultant: User, reason: str = "Ten years of test leadership.") -> ShortlistEntry:
    response = scene.staff.post(f"/staff/assignments/{scene.assignment.id}/shortlist",
                                data={"consultant_id": consultant.id, "reason": reason})
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return db.session.scalars(sa.select(ShortlistEntry).where(ShortlistEntry.consultant_id == consultant.id)
                              .order_by(ShortlistEntry.id.desc())).first()


def approve(scene: Scene, entry: ShortlistEntry) -> None:
    assert scene.staff.post(f"/staff/shortlist/{entry.id}/approve").status_code == 303


def ask_to_meet(scene: Scene, entry: ShortlistEntry):
    return scene.buyer.post(f"/buyer/assignments/{scene.assignment.id}/shortlist/{entry.id}/meet")


def last_mail_to(user: User) -> OutboxMail:
    return db.session.scalars(sa.select(OutboxMail).where(OutboxMail.to_address == user.email)
                              .order_by(OutboxMail.id.desc())).first()


def answer_link_token(mail: OutboxMail) -> str:
    return re.search(r"/consultant/answer/(\S+)", mail.body_text).group(1)
