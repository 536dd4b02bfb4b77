"""The privacy officer's queue and actions (issue 6); admins do not pass without the role."""
import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, OutboxMail, PrivacyRequest
from portal.services.privacy import deadlines, privacy_requests
from portal.services.actors import SYSTEM
from tests import factories

EN = {"Accept-Language": "en"}


@pytest.fixture
def officer(login_as):
    return login_as("staff", staff_roles="privacy_officer")


def _request(kind="access", days_ago=0, **fields):
    person = factories.make_user(role="consultant", locale="en", **fields)
    request = privacy_requests.open_for_user(SYSTEM, person, kind, today=date.today() - timedelta(days=days_ago))
    db.session.commit()
    return request


@pytest.mark.parametrize("staff_roles", ["admin", "recruiter", "finance", "admin recruiter finance"])
def test_other_staff_roles_are_refused(login_as, staff_roles):
    request = _request()
    other = login_as("staff", staff_roles=staff_roles)
    assert other.get("/staff/privacy-requests").status_code == 403
    assert other.get(f"/staff/privacy-requests/{request.id}").status_code == 403
    assert other.post(f"/staff/privacy-requests/{request.id}/answer", data={"answer-text": "x"}).status_code == 403


def test_the_queue_highlights_overdue_and_near_due_and_filters(officer):
    overdue = _request(days_ago=40)
    near = _request(kind="erasure")
    near.received_on = deadlines.add_months(date.today(), -1) + timedelta(days=3)
    near.deadline = date.today() + timedelta(days=3)
    fresh = _request(kind="restriction")
    db.session.commit()
    page = officer.get("/staff/privacy-requests", headers=EN).get_data(as_text=True)
    assert re.search(rf'<tr id="request-{overdue.id}" class="overdue">', page)
    assert re.search(rf'<tr id="request-{near.id}" class="near-due">', page)
    assert f'<tr id="request-{fresh.id}">' in page
    only_erasure = officer.get("/staff/privacy-requests?kind=erasure", headers=EN).get_data(as_text=True)
    assert f"request-{near.id}" in only_erasure and f"request-{overdue.id}" not in only_erasure
    privacy_requests.answer(SYSTEM, fresh, "Done.")
    db.session.commit()
    assert f"request-{fresh.id}" not in officer.get("/staff/privacy-requests").get_data(as_text=True)
    answered = officer.get("/staff/privacy-requests?state=answered").get_data(as_text=True)
    assert f"request-{fresh.id}" in answered


def test_viewing_a_request_is_audited_as_a_view_of_the_person(officer):
    request = _request()
    assert officer.get(f"/staff/privacy-requests/{request.id}", headers=EN).status_code == 200
    views = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "person.view")).all()
    assert [(v.actor_id, v.subject_id) for v in views] == [(officer.user.id, request.user_id)]


def test_unknown_request_is_404(officer):
    assert officer.get("/staff/privacy-requests/999999").status_code == 404
    assert officer.post("/staff/privacy-requests/999999/start").status_code == 404


def test_assign_start_and_answer_mail_the_person(officer):
    request = _request()
    base = f"/staff/privacy-requests/{request.id}"
    assert officer.post(f"{base}/assign").status_code == 303
    assert officer.post(f"{base}/start").status_code == 303
    assert officer.post(f"{base}/answer", data={"answer-text": "Your extract is attached."}).status_code == 303
    db.session.refresh(request)
    assert (request.state, request.owner_id) == ("answered", officer.user.id)
    mail = db.session.scalars(sa.select(OutboxMail).where(OutboxMail.user_id == request.user_id)).one()
    assert "Your extract is attached." in mail.body_text
    refused = officer.post(f"{base}/start", headers=EN)  # closed: no transition back
    assert refused.status_code == 422 and "cannot go from" in refused.get_data(as_text=True)


def test_refuse_needs_a_ground_and_keeps_the_request_open_until_given(officer):
    request = _request(kind="erasure")
    base = f"/staff/privacy-requests/{request.id}"
    response = officer.post(f"{base}/refuse", data={"refuse-ground": "", "refuse-text": "No."}, headers=EN)
    assert response.status_code == 422 and 'id="refuse-ground-error"' in response.get_data(as_text=True)
    response = officer.post(f"{base}/refuse", data={"refuse-ground": "whim", "refuse-text": "No."})
    assert response.status_code == 422
    db.session.refresh(request)
    assert request.state == "verified"
    assert officer.post(f"{base}/refuse", data={"refuse-ground": "ongoing_assignment",
                                                "refuse-text": "Your assignment runs until June."}).status_code == 303
    db.session.refresh(request)
    assert (request.state, request.refusal_ground) == ("refused", "ongoing_assignment")


def test_extend_sends_a_notice_and_moves_the_deadline(officer):
    request = _request(kind="portability", days_ago=3)
    base = f"/staff/privacy-requests/{request.id}"
    assert officer.post(f"{base}/extend", data={"extend-reason": ""}, headers=EN).status_code == 422
    assert officer.post(f"{base}/extend", data={"extend-reason": "Five systems to search."}).status_code == 303
    db.session.refresh(request)
    assert request.state == "extended"
    assert request.deadline == deadlines.extended_deadline(request.received_on)
    mail = db.session.scalars(sa.select(OutboxMail).where(OutboxMail.user_id == request.user_id)).one()
    assert "Five systems to search." in mail.body_text


def test_extension_after_the_first_month_is_refused(officer):
    request = _request(days_ago=45)
    response = officer.post(f"/staff/privacy-requests/{request.id}/extend",
                            data={"extend-reason": "Late."}, headers=EN)
    assert response.status_code == 422 and "within the first month" in response.get_data(as_text=True)
    db.session.refresh(request)
    assert request.state == "verified" and request.extended_at is None


def test_a_message_to_the_person_keeps_the_request_open(officer):
    request = _request()
    response = officer.post(f"/staff/privacy-requests/{request.id}/message",
                            data={"message-text": "Which years do you mean?"})
    assert response.status_code == 303
    db.session.refresh(request)
    assert request.state == "verified" and request.messages[0].from_staff


def test_a_forged_csrf_token_changes_nothing(app, officer):
    request = _request()
    app.config["WTF_CSRF_ENABLED"] = True
    response = officer.post(f"/staff/privacy-requests/{request.id}/answer",
                            data={"answer-text": "x", "csrf_token": "forged"})
    assert response.status_code == 400
    db.session.refresh(request)
    assert request.state == "verified"


def test_viewing_a_visitors_request_is_audited_too(officer):
    today = date.today()
    visitor = PrivacyRequest(kind="access", state="verified", name="V", email="v@example.se", details="",
                             received_on=today, deadline=deadlines.one_month_deadline(today))
    db.session.add(visitor)
    db.session.commit()
    assert officer.get(f"/staff/privacy-requests/{visitor.id}", headers=EN).status_code == 200
    event = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "privacy_request.view")).one()
    assert (event.actor_id, event.object_id) == (officer.user.id, str(visitor.id))
