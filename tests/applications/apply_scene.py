"""Set-up for the application tests (R-CON-1): a buyer's published assignment with a must and a should
requirement, a consultant with an identifying profile and a pool to share the anonymous card, a recruiter."""
from __future__ import annotations

from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import Application
from tests.conftest import Portal
from tests.orgs.helpers import make_assignment
from tests.shortlists.conftest import give_profile, pool

EN = {"Accept-Language": "en"}
MUST_ANSWER = "Eight years of Python in payment systems."
SHOULD_ANSWER = "Two projects with Kafka streams."


@dataclass
class Scene:
    staff: Portal
    buyer: Portal
    consultant: Portal
    other: Portal
    assignment: object

    @property
    def must(self):
        return self.assignment.must_requirements[0]

    @property
    def should(self):
        return self.assignment.should_requirements[0]

    def form(self, **overrides) -> dict:
        data = {f"answer_{self.must.id}": MUST_ANSWER, f"answer_{self.should.id}": SHOULD_ANSWER, "rate": "1150"}
        data.update(overrides)
        return data

    def apply(self, portal: Portal | None = None, assignment=None, **overrides):
        assignment = assignment or self.assignment
        return (portal or self.consultant).post(f"/consultant/assignments/{assignment.id}/apply",
                                                data=self.form(**overrides), headers=EN)


@pytest.fixture
def scene(login_as) -> Scene:
    staff = login_as("staff", staff_roles="recruiter", name="Rita Recruiter")
    buyer = login_as("buyer", name="Bo Buyer")
    consultant = login_as("consultant", name="Klara Konsultsson", email="klara.k@example.se", phone="070-111 22 33")
    other = login_as("consultant", name="Nils Nybergsson", email="nils.n@example.se")
    give_profile(consultant.user)
    give_profile(other.user)
    pool(5)
    assignment = make_assignment(buyer.user.memberships[0].organisation, title="Payments engineer")
    db.session.commit()
    return Scene(staff, buyer, consultant, other, assignment)


def applications() -> list[Application]:
    return list(db.session.scalars(sa.select(Application).order_by(Application.id)))


def only_application() -> Application:
    [application] = applications()
    db.session.refresh(application)
    return application
