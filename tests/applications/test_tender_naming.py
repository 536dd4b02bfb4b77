"""R-CON-4: a LOU assignment shows applicants its procurement terms as the procurement states them, and the
consultant explicitly consents (and may always withdraw) to being named in the tender response."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import render_template
from flask_babel import force_locale

from portal.extensions import db
from portal.models import AuditEvent, TenderNaming
from portal.services import DomainError
from portal.services.actors import Actor
from portal.services.applications import tender
from tests import factories
from tests.applications.tender_scene import CRITERIA, lou_assignment

EN = {"Accept-Language": "en"}
YES = {"decision": "give", "understood": "y"}


def _url(assignment) -> str:
    return f"/consultant/assignments/{assignment.id}/tender-naming"


def _events(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == action)))


def test_lou_terms_include_shows_the_procurement_as_stated(app):
    """R-CON-4: reference, framework agreement, call-off, evaluation model, award criteria, must and should."""
    assignment = lou_assignment(evaluation_criteria="<b>Pris</b> 40 %\nKvalitet 60 %")
    db.session.commit()
    with app.test_request_context("/", headers=EN):
        html = render_template("consultant/_lou_terms.html", assignment=assignment)
    for text in ("DNR 2026-0117", "IT-konsulttjänster 2024", "Renewed competition (förnyad konkurrensutsättning)",
                 "Best price–quality ratio", "Säkerhetsskyddsklassad", "CISSP · weight 4", "Kvalitet 60 %"):
        assert text in html, text
    assert "&lt;b&gt;Pris&lt;/b&gt;" in html and "<b>Pris</b>" not in html  # the buyer's text, escaped
    assert f'href="/consultant/assignments/{assignment.id}/tender-naming"' in html


def test_lou_terms_without_award_criteria_say_so(app):
    assignment = lou_assignment(evaluation_criteria=None)
    db.session.commit()
    with app.test_request_context("/", headers=EN):
        html = render_template("consultant/_lou_terms.html", assignment=assignment)
    assert "has not stated award criteria" in html


def test_the_page_says_plainly_what_a_yes_means(login_as):
    consultant = login_as("consultant")
    assignment = lou_assignment()
    page = consultant.get(_url(assignment), headers=EN)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for text in ("public document", "offentlighetsprincipen", "Secrecy Act", "withdraw your yes at any time",
                 "never your personal identity number", CRITERIA, "DNR 2026-0117", 'type="checkbox"'):
        assert text in html, text
    assert "You have not said yes" in html


def test_giving_needs_the_ticked_box(login_as):
    consultant = login_as("consultant")
    assignment = lou_assignment()
    response = consultant.post(_url(assignment), data={"decision": "give"}, headers=EN)
    assert response.status_code == 422
    assert "Tick the box to say yes" in response.get_data(as_text=True)
    assert not tender.in_force(consultant.user.id, assignment.id)
    assert db.session.scalar(sa.select(sa.func.count(TenderNaming.id))) == 0


def test_give_and_withdraw_are_recorded_and_audited(login_as):
    consultant = login_as("consultant")
    assignment = lou_assignment()
    assert consultant.post(_url(assignment), data=YES).status_code == 303
    assert tender.in_force(consultant.user.id, assignment.id)
    given = _events("tender_naming.give")
    assert [(e.subject_id, e.actor_id) for e in given] == [(consultant.user.id, consultant.user.id)]
    page = consultant.get(_url(assignment), headers=EN).get_data(as_text=True)
    assert "You said yes on" in page and "Withdraw my yes" in page

    again = consultant.post(_url(assignment), data=YES, headers=EN)
    assert again.status_code == 409 and "already said yes" in again.get_data(as_text=True)

    assert consultant.post(_url(assignment), data={"decision": "withdraw"}).status_code == 303
    assert not tender.in_force(consultant.user.id, assignment.id)
    assert len(_events("tender_naming.withdraw")) == 1
    twice = consultant.post(_url(assignment), data={"decision": "withdraw"}, headers=EN)
    assert twice.status_code == 409 and "no yes to withdraw" in twice.get_data(as_text=True)

    assert consultant.post(_url(assignment), data=YES).status_code == 303  # a new yes after a withdrawal
    assert tender.in_force(consultant.user.id, assignment.id)
    assert db.session.scalar(sa.select(sa.func.count(TenderNaming.id))) == 1


def test_withdrawal_stays_possible_after_the_assignment_closed(login_as):
    consultant = login_as("consultant")
    assignment = lou_assignment()
    consultant.post(_url(assignment), data=YES)
    assignment.state = "filled"
    db.session.commit()
    assert consultant.get(_url(assignment)).status_code == 200
    assert consultant.post(_url(assignment), data={"decision": "withdraw"}).status_code == 303
    refused = consultant.post(_url(assignment), data=YES, headers=EN)
    assert refused.status_code == 409 and "closed" in refused.get_data(as_text=True)
    assert not tender.in_force(consultant.user.id, assignment.id)


@pytest.mark.parametrize("state", ["draft", "submitted", "filled", "cancelled"])
def test_an_assignment_not_open_to_consultants_is_not_found(login_as, state):
    consultant = login_as("consultant")
    assignment = lou_assignment(state=state)
    assert consultant.get(_url(assignment)).status_code == 404
    assert consultant.post(_url(assignment), data=YES).status_code == 404
    assert db.session.scalar(sa.select(sa.func.count(TenderNaming.id))) == 0


def test_a_non_lou_assignment_is_refused(login_as):
    consultant = login_as("consultant")
    assignment = lou_assignment(lou=False)
    assert consultant.get(_url(assignment)).status_code == 404
    assert consultant.post(_url(assignment), data=YES).status_code == 404
    with force_locale("en"), pytest.raises(DomainError, match="not a public procurement"):
        tender.give(Actor(user=consultant.user), consultant.user, assignment)
    assert db.session.scalar(sa.select(sa.func.count(TenderNaming.id))) == 0


def test_nobody_gives_for_somebody_else(login_as):
    klara = login_as("consultant")
    other = login_as("consultant")
    staff = factories.make_user(role="staff")
    assignment = lou_assignment()
    for actor in (Actor(user=other.user), Actor(user=staff), Actor(user=None)):
        with pytest.raises(tender.NotTheirs):
            tender.give(actor, klara.user, assignment)
    # The route answers only for whoever is signed in, whatever the form says.
    assert other.post(_url(assignment), data={**YES, "consultant_id": str(klara.user.id)}).status_code == 303
    assert tender.in_force(other.user.id, assignment.id) and not tender.in_force(klara.user.id, assignment.id)
    tender.give(Actor(user=klara.user), klara.user, assignment)
    with pytest.raises(tender.NotTheirs):
        tender.withdraw(Actor(user=other.user), klara.user, assignment)
    assert tender.in_force(klara.user.id, assignment.id)


def test_bad_decision_huge_ids_and_other_roles(login_as):
    consultant = login_as("consultant")
    assignment = lou_assignment()
    assert consultant.post(_url(assignment), data={"decision": "maybe"}).status_code == 400
    assert consultant.get("/consultant/assignments/999999999/tender-naming").status_code == 404
    assert consultant.get("/consultant/assignments/99999999999999999999/tender-naming").status_code == 404
    for role in ("buyer", "supplier"):
        assert login_as(role).get(_url(assignment)).status_code == 403
    assert login_as("staff").post(_url(assignment), data=YES).status_code == 403
    assert db.session.scalar(sa.select(sa.func.count(TenderNaming.id))) == 0


def test_the_assignment_page_shows_applicants_the_lou_terms_once(login_as):
    """R-CON-4 on the page applicants read: the procurement's terms, and the way to the naming question."""
    consultant = login_as("consultant")
    assignment = lou_assignment()
    plain = lou_assignment(lou=False)
    html = consultant.get(f"/consultant/assignments/{assignment.id}", headers=EN).get_data(as_text=True)
    assert html.count(CRITERIA) == 1 and html.count("DNR 2026-0117") == 1
    assert "Must requirements (ska-krav)" in html and f'href="{_url(assignment)}"' in html
    other = consultant.get(f"/consultant/assignments/{plain.id}", headers=EN).get_data(as_text=True)
    assert "Public procurement (LOU)" not in other and "tender-naming" not in other
