"""R-CON-1: a signed-in consultant applies to a published assignment with a short answer per requirement and
the rate, sees exactly what staff and the buyer will see (the anonymous card, R-CON-9), and can withdraw
until staff act. Bad input → a clear 4xx message and nothing saved."""
from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import ApplicationAnswer, AuditEvent, SensitiveDataRefusal
from portal.services.actors import Actor
from portal.services.privacy import restrictions
from tests.applications.apply_scene import (EN, MUST_ANSWER, SHOULD_ANSWER, applications, only_application,
                                            scene)  # noqa: F401  (the fixture)
from tests import factories
from tests.orgs.helpers import make_assignment
from tests.shortlists.conftest import PERSONNUMMER


def _html(portal, url: str, status: int = 200) -> str:
    response = portal.get(url, headers=EN)
    assert response.status_code == status, (url, response.status_code)
    return response.get_data(as_text=True)


def _answers() -> int:
    return db.session.scalar(sa.select(sa.func.count(ApplicationAnswer.id)))


def test_apply_saves_answers_and_rate_and_is_audited(scene):
    response = scene.apply()
    assert response.status_code == 303 and response.headers["Location"].endswith("/consultant/applications")
    application = only_application()
    assert application.consultant_id == scene.consultant.user.id and application.assignment_id == scene.assignment.id
    assert application.rate == 1150 and application.state == "submitted"
    assert {a.requirement_id: a.text for a in application.answers} == {scene.must.id: MUST_ANSWER,
                                                                       scene.should.id: SHOULD_ANSWER}
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "application.submit"))
    assert event.subject_id == scene.consultant.user.id and event.object_id == str(application.id)
    assert json.loads(event.detail) == {"assignment": scene.assignment.id, "again": False}
    mine = _html(scene.consultant, "/consultant/applications")
    assert "Payments engineer" in mine and "Submitted: waiting for our staff" in mine
    assert MUST_ANSWER in mine and "1150 SEK per hour" in mine and "Withdraw my application" in mine
    assert "My applications" in mine  # in the navigation


def test_should_answers_are_optional_and_blank_ones_are_not_stored(scene):
    assert scene.apply(**{f"answer_{scene.should.id}": "   "}).status_code == 303
    assert [a.requirement_id for a in only_application().answers] == [scene.must.id]


def test_the_page_shows_fit_and_the_pseudonymous_card_not_the_name(scene):
    html = _html(scene.consultant, f"/consultant/assignments/{scene.assignment.id}/apply")
    assert "How your profile meets the requirements" in html and "Missing" in html  # no Python on the profile
    assert "Candidate K-" in html and "Test leadership" in html  # the card, under its pseudonym
    person = scene.consultant.user
    for identifying in (person.name, person.email, person.phone, PERSONNUMMER, "Acme Testing AB", "Storgatan"):
        assert identifying not in html.replace(f"Welcome, {person.name}", "")
    assert "leaves us until you say yes to a later question" in html
    assert f'name="answer_{scene.must.id}"' in html and 'name="rate"' in html


def test_applying_twice_is_refused_and_nothing_more_is_saved(scene):
    assert scene.apply().status_code == 303
    response = scene.apply(rate="900", **{f"answer_{scene.must.id}": "Changed my mind."})
    assert response.status_code == 409
    assert "You have already applied to this assignment" in response.get_data(as_text=True)
    application = only_application()
    assert application.rate == 1150 and MUST_ANSWER in [a.text for a in application.answers] and _answers() == 2
    assert "You applied on" in _html(scene.consultant, f"/consultant/assignments/{scene.assignment.id}/apply")


@pytest.mark.parametrize("state, deadline, status", [
    ("draft", 10, 404), ("submitted", 10, 404),  # never published: not found
    ("published", -1, 409), ("shortlisting", 10, 409), ("filled", 10, 409), ("cancelled", 10, 409)])
def test_only_an_open_published_assignment_takes_applications(scene, state, deadline, status):
    from datetime import datetime

    published_at = None if state in ("draft", "submitted") else datetime(2026, 1, 5)
    closed = make_assignment(scene.buyer.user.memberships[0].organisation, state=state, published_at=published_at,
                             answer_deadline=date.today() + timedelta(days=deadline))
    db.session.commit()
    response = scene.apply(assignment=closed, **{f"answer_{closed.requirements[0].id}": "Yes.",
                                                 f"answer_{closed.requirements[1].id}": ""})
    assert response.status_code == status
    if status == 409:
        assert "no longer takes applications" in response.get_data(as_text=True)
        assert "no longer takes applications" in _html(scene.consultant, f"/consultant/assignments/{closed.id}/apply")
    assert applications() == [] and _answers() == 0


def test_the_deadline_day_itself_still_takes_applications(scene):
    today = make_assignment(scene.buyer.user.memberships[0].organisation, answer_deadline=date.today())
    db.session.commit()
    response = scene.apply(assignment=today, **{f"answer_{today.requirements[0].id}": "Yes."})
    assert response.status_code == 303


@pytest.mark.parametrize("field, value, message", [
    ("must", "  ", "Answer every must requirement"),
    ("must", "x" * 1001, "An answer is at most 1000 characters."),
    ("should", "y" * 1001, "An answer is at most 1000 characters."),
    ("rate", "", "Give your rate."),
    ("rate", "0", "Give a rate from 1 to 10000 SEK per hour."),
    ("rate", "-5", "Enter a whole number from 1 to 10000"),
    ("rate", "10001", "Give a rate from 1 to 10000 SEK per hour."),
    ("rate", str(2**63), "Enter a whole number from 1 to 10000"),
    ("rate", "12.5", "Not a valid integer value"),
    ("rate", "abc", "Not a valid integer value"),
])
def test_bad_answers_and_rates_are_refused_with_nothing_saved(scene, field, value, message):
    name = {"must": f"answer_{scene.must.id}", "should": f"answer_{scene.should.id}"}.get(field, field)
    response = scene.apply(**{name: value})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert applications() == [] and _answers() == 0


def test_sensitive_data_in_an_answer_is_refused_and_only_counted(scene):
    response = scene.apply(**{f"answer_{scene.should.id}": "Kafka yes, though I have diabetes since 2010."})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "seems to contain information about health or illness" in html and "Kafka" in html
    assert applications() == [] and _answers() == 0
    refusal = db.session.scalar(sa.select(SensitiveDataRefusal))
    assert (refusal.kind, refusal.field) == ("health", "application_answer")


def test_a_restricted_consultant_cannot_apply(scene):
    person = scene.consultant.user
    restrictions.restrict(Actor(person), person, [restrictions.WHOLE], "I dispute my profile.")
    db.session.commit()
    response = scene.apply()
    assert response.status_code == 409 and "restricted the processing of your profile" in response.get_data(
        as_text=True)
    assert applications() == []


def test_withdraw_deletes_the_answers_and_shows_the_state(scene):
    scene.apply()
    application = only_application()
    response = scene.consultant.post(f"/consultant/applications/{application.id}/withdraw", headers=EN)
    assert response.status_code == 303
    application = only_application()
    assert application.state == "withdrawn" and application.withdrawn_at is not None and _answers() == 0
    assert db.session.scalar(sa.select(AuditEvent.id).where(AuditEvent.action == "application.withdraw",
                                                            AuditEvent.subject_id == scene.consultant.user.id))
    mine = _html(scene.consultant, "/consultant/applications")
    assert "Withdrawn" in mine and "Your answers were deleted when you withdrew." in mine
    assert "Withdraw my application" not in mine
    again = scene.consultant.post(f"/consultant/applications/{application.id}/withdraw", headers=EN)
    assert again.status_code == 409 and "already withdrawn" in again.get_data(as_text=True)
    # the assignment is still open: the consultant may apply again, in the same row
    assert scene.apply(rate="1000").status_code == 303
    application = only_application()
    assert application.state == "submitted" and application.rate == 1000 and _answers() == 2


def test_withdraw_after_staff_acted_is_409(scene):
    scene.apply()
    application = only_application()
    response = scene.staff.post(f"/staff/applications/{application.id}/shortlist", data={"reason": "Strong answers."})
    assert response.status_code == 303
    response = scene.consultant.post(f"/consultant/applications/{application.id}/withdraw", headers=EN)
    assert response.status_code == 409
    assert "Our staff have already acted on this application" in response.get_data(as_text=True)
    assert only_application().state == "shortlisted" and _answers() == 2


def test_another_consultants_application_and_huge_ids_are_not_found(scene):
    scene.apply()
    application = only_application()
    assert scene.other.post(f"/consultant/applications/{application.id}/withdraw").status_code == 404
    assert only_application().state == "submitted"
    for huge in (application.id + 1000, 2**31, 2**63, 10**30):
        assert scene.consultant.post(f"/consultant/applications/{huge}/withdraw").status_code == 404
        assert scene.consultant.get(f"/consultant/assignments/{huge}/apply").status_code == 404
        assert scene.consultant.post(f"/consultant/assignments/{huge}/apply", data=scene.form()).status_code == 404
    assert "Payments engineer" not in _html(scene.other, "/consultant/applications")


@pytest.mark.parametrize("role", ["buyer", "supplier", "partner", "staff"])
def test_other_roles_cannot_reach_the_consultant_routes(scene, login_as, role):
    scene.apply()
    application = only_application()
    portal = scene.buyer if role == "buyer" else scene.staff if role == "staff" else login_as(role)
    assert portal.get(f"/consultant/assignments/{scene.assignment.id}/apply").status_code == 403
    assert portal.post(f"/consultant/assignments/{scene.assignment.id}/apply", data=scene.form()).status_code == 403
    assert portal.get("/consultant/applications").status_code == 403
    assert portal.post(f"/consultant/applications/{application.id}/withdraw").status_code == 403
    assert len(applications()) == 1 and only_application().state == "submitted"


def test_anonymous_visitors_sign_in_first_and_come_back_to_the_apply_page(scene, client):
    apply_url = f"/consultant/assignments/{scene.assignment.id}/apply"
    page = client.get(f"/assignments/{scene.assignment.id}", headers=EN).get_data(as_text=True)
    assert f'href="/auth/login?next={apply_url}"' in page and "Sign in and apply" in page
    response = client.get(apply_url)
    assert response.status_code in (302, 303) and "/auth/login" in response.headers["Location"]
    assert client.post(apply_url, data=scene.form()).status_code in (302, 303)
    assert applications() == []
    response = client.post(f"/auth/login?next={apply_url}", data={"email": scene.consultant.user.email,
                                                                  "password": factories.PASSWORD})
    assert response.status_code == 303 and response.headers["Location"].endswith(apply_url)
    assert "Apply in the portal" in _html(scene.consultant, f"/assignments/{scene.assignment.id}")
