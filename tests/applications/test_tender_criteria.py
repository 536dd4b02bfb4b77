"""R-CON-4, R-BUY-1: a public buyer states the award criteria with the assignment; applicants and suppliers
read them as written. Bad input is refused with a clear message and nothing saved."""
from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.models import Assignment
from tests.orgs.helpers import assignment_form

EN = {"Accept-Language": "en"}
CRITERIA = "Pris 40 %, kvalitet 60 %.\nKvalitet: referensuppdrag enligt bilaga 3."


def _count() -> int:
    return db.session.scalar(sa.select(sa.func.count(Assignment.id)))


def test_the_buyer_states_award_criteria_and_the_public_page_shows_them(login_as):
    buyer = login_as("buyer")
    response = buyer.post("/buyer/assignments/new", data=assignment_form(evaluation_criteria=f"  {CRITERIA}  "))
    assert response.status_code == 303
    assignment = db.session.scalar(sa.select(Assignment))
    assert assignment.evaluation_criteria == CRITERIA
    page = buyer.get(response.headers["Location"], headers=EN).get_data(as_text=True)
    assert "Award criteria" in page and "bilaga 3" in page
    assignment.state = "published"
    db.session.commit()
    public = buyer.get(f"/assignments/{assignment.id}", headers=EN).get_data(as_text=True)
    assert "bilaga 3" in public


def test_blank_criteria_are_stored_as_none(login_as):
    buyer = login_as("buyer")
    assert buyer.post("/buyer/assignments/new", data=assignment_form(evaluation_criteria="   ")).status_code == 303
    assert db.session.scalar(sa.select(Assignment)).evaluation_criteria is None


def test_too_long_criteria_are_refused(login_as):
    buyer = login_as("buyer")
    response = buyer.post("/buyer/assignments/new", data=assignment_form(evaluation_criteria="x" * 4001), headers=EN)
    assert response.status_code == 422
    assert "at most 4,000 characters" in response.get_data(as_text=True)
    assert _count() == 0


def test_criteria_without_a_public_procurement_are_refused(login_as):
    buyer = login_as("buyer")
    response = buyer.post("/buyer/assignments/new", headers=EN, data=assignment_form(
        procurement_reference="", framework_agreement="", call_off_type="", evaluation_criteria=CRITERIA))
    assert response.status_code == 422
    assert "Award criteria belong to a public procurement" in response.get_data(as_text=True)
    assert _count() == 0
