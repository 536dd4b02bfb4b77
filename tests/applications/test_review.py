"""R-STAFF-2, R-CON-1: staff read the applications on the assignment page (each view audited, R-STAFF-1),
shortlist one into the existing anonymous-card flow (R-CON-9, R-BUY-7) or decline it with a reason the
consultant reads; both only while the application waits."""
from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, OutboxMail, ShortlistEntry
from tests.applications.apply_scene import EN, MUST_ANSWER, only_application, scene  # noqa: F401  (the fixture)
from tests.hostile import HTMX
from tests.shortlists.conftest import PERSONNUMMER, approve

SCRIPT = "<script>alert('hostile')</script>"


def _staff_page(scene) -> str:
    response = scene.staff.get(f"/staff/assignments/{scene.assignment.id}", headers=EN)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _shortlist(scene, application, reason="Strong answers on Python."):
    return scene.staff.post(f"/staff/applications/{application.id}/shortlist", data={"reason": reason}, headers=EN)


def _decline(scene, application, reason="The client needs ten years of Python."):
    return scene.staff.post(f"/staff/applications/{application.id}/decline", data={"reason": reason}, headers=EN)


def test_staff_see_answers_rate_and_fit_escaped_and_the_view_is_audited(scene):
    scene.apply(**{f"answer_{scene.must.id}": SCRIPT, f"answer_{scene.should.id}": HTMX})
    application = only_application()
    html = _staff_page(scene)
    assert "Applications from consultants" in html and scene.consultant.user.name in html
    assert "1150 SEK per hour" in html and "Missing" in html  # the profile shows no Python
    assert SCRIPT not in html and "&lt;script&gt;alert(" in html
    assert HTMX not in html and "&lt;i hx-get=/x hx-trigger=load&gt;" in html
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "person.view",
                                                          AuditEvent.object_type == "Application"))
    assert event.subject_id == scene.consultant.user.id and event.actor_id == scene.staff.user.id
    assert event.object_id == str(application.id) and json.loads(event.detail) == {"assignment": scene.assignment.id}


def test_withdrawn_applications_are_not_shown_to_staff(scene):
    scene.apply()
    application = only_application()
    scene.consultant.post(f"/consultant/applications/{application.id}/withdraw")
    html = _staff_page(scene)
    assert scene.consultant.user.name not in html and "No consultant has applied yet." in html


def test_shortlisting_puts_an_anonymous_card_on_the_shortlist_and_links_it(scene):
    scene.apply()
    application = only_application()
    response = _shortlist(scene, application)
    assert response.status_code == 303 and response.headers["Location"].endswith(
        f"/staff/assignments/{scene.assignment.id}#application-{application.id}")
    entry = db.session.scalar(sa.select(ShortlistEntry))
    application = only_application()
    assert application.state == "shortlisted" and application.shortlist_entry_id == entry.id
    assert application.decided_by_id == scene.staff.user.id and application.decided_at is not None
    assert entry.consultant_id == scene.consultant.user.id and entry.reason == "Strong answers on Python."
    assert entry.state == "proposed" and entry.pseudonym.startswith("K-") and entry.card_k >= 5
    person = scene.consultant.user
    for identifying in (person.name, person.email, person.phone, PERSONNUMMER, "Acme Testing AB", MUST_ANSWER):
        assert identifying not in entry.anonymized_card_json
    actions = set(db.session.scalars(sa.select(AuditEvent.action).where(AuditEvent.subject_id == person.id)))
    assert {"application.shortlist", "shortlist.add"} <= actions
    mine = scene.consultant.get("/consultant/applications", headers=EN).get_data(as_text=True)
    assert "Shortlisted" in mine and "Our staff are reviewing your anonymous card" in mine
    # the card then follows the approve-for-buyer flow: the buyer sees the pseudonym, never the person
    approve(scene, entry)
    buyer = scene.buyer.get(f"/buyer/assignments/{scene.assignment.id}", headers=EN).get_data(as_text=True)
    assert f"Candidate {entry.pseudonym}" in buyer and person.name not in buyer and MUST_ANSWER not in buyer
    mine = scene.consultant.get("/consultant/applications", headers=EN).get_data(as_text=True)
    assert "The client can see your anonymous card" in mine
    again = _shortlist(scene, application)  # decided: no second pick
    assert again.status_code == 409 and "This application is already decided." in again.get_data(as_text=True)


def test_a_consultant_already_picked_by_hand_keeps_that_entry(scene):
    scene.apply()
    hand = scene.staff.post(f"/staff/assignments/{scene.assignment.id}/shortlist",
                            data={"consultant_id": scene.consultant.user.id, "reason": "Picked by hand."})
    assert hand.status_code == 303
    assert _shortlist(scene, only_application()).status_code == 303
    [entry] = db.session.scalars(sa.select(ShortlistEntry)).all()
    assert only_application().shortlist_entry_id == entry.id and entry.reason == "Picked by hand."


def test_decline_needs_a_reason_and_the_consultant_reads_it(scene):
    scene.apply()
    application = only_application()
    for blank in ("", "   "):
        response = _decline(scene, application, blank)
        assert response.status_code == 422
        assert "Say why you decline" in response.get_data(as_text=True)
        assert only_application().state == "submitted"
    assert _decline(scene, application, "x" * 2001).status_code == 422
    response = _decline(scene, application, f"Too few years of Python. {SCRIPT}")
    assert response.status_code == 303
    application = only_application()
    assert application.state == "declined" and application.decision_reason.startswith("Too few years of Python.")
    assert db.session.scalar(sa.select(AuditEvent.id).where(AuditEvent.action == "application.decline"))
    mine = scene.consultant.get("/consultant/applications", headers=EN).get_data(as_text=True)
    assert "Declined" in mine and "Too few years of Python." in mine and SCRIPT not in mine
    told = db.session.scalars(sa.select(OutboxMail).where(OutboxMail.user_id == application.consultant_id)).all()
    assert [m.subject for m in told] == [f"Din ansökan till ”{scene.assignment.title}”"]  # in her language, Swedish
    assert "Too few years of Python." in told[0].body_text and "/consultant/applications" in told[0].body_text
    assert _decline(scene, application).status_code == 409
    assert db.session.scalar(sa.select(sa.func.count(OutboxMail.id)).where(
        OutboxMail.user_id == application.consultant_id)) == 1  # a refused second decline mails nobody
    assert _shortlist(scene, application).status_code == 409
    assert db.session.scalar(sa.select(sa.func.count(ShortlistEntry.id))) == 0


def test_a_shortlist_without_a_reason_is_422_and_nothing_changes(scene):
    scene.apply()
    response = _shortlist(scene, only_application(), " ")
    assert response.status_code == 422 and "Say why you shortlist" in response.get_data(as_text=True)
    assert only_application().state == "submitted"
    assert db.session.scalar(sa.select(sa.func.count(ShortlistEntry.id))) == 0


def test_staff_cannot_act_on_a_withdrawn_application(scene):
    scene.apply()
    application = only_application()
    scene.consultant.post(f"/consultant/applications/{application.id}/withdraw")
    response = _shortlist(scene, application)
    assert response.status_code == 409 and "withdrawn this application" in response.get_data(as_text=True)
    assert _decline(scene, application).status_code == 409
    assert only_application().state == "withdrawn" and db.session.scalar(sa.select(ShortlistEntry.id)) is None


@pytest.mark.parametrize("huge", [10**6, 2**31, 2**63, 10**30])
def test_huge_ids_are_not_found(scene, huge):
    assert scene.staff.post(f"/staff/applications/{huge}/shortlist", data={"reason": "x"}).status_code == 404
    assert scene.staff.post(f"/staff/applications/{huge}/decline", data={"reason": "x"}).status_code == 404


@pytest.mark.parametrize("who", ["consultant", "buyer", "supplier", "staff:privacy_officer", "staff:finance"])
def test_only_recruiting_staff_may_act(scene, login_as, who):
    scene.apply()
    application = only_application()
    if who.startswith("staff:"):
        portal = login_as("staff", staff_roles=who.partition(":")[2])
    else:
        portal = scene.consultant if who == "consultant" else login_as(who)
    for action in ("shortlist", "decline"):
        assert portal.post(f"/staff/applications/{application.id}/{action}", data={"reason": "x"}).status_code == 403
    assert only_application().state == "submitted"


def test_anonymous_visitors_are_sent_to_sign_in(scene, client):
    scene.apply()
    response = client.post(f"/staff/applications/{only_application().id}/decline", data={"reason": "x"})
    assert response.status_code in (302, 303) and "/auth/login" in response.headers["Location"]
    assert only_application().state == "submitted"


def test_a_restricted_profile_is_read_only_for_staff(scene):
    from portal.services.actors import Actor
    from portal.services.privacy import restrictions

    scene.apply()
    person = scene.consultant.user
    restrictions.restrict(Actor(person), person, [restrictions.WHOLE], "I dispute my profile.")
    db.session.commit()
    for response in (_shortlist(scene, only_application()), _decline(scene, only_application())):
        assert response.status_code == 409 and "is restricted" in response.get_data(as_text=True)
    assert only_application().state == "submitted" and db.session.scalar(sa.select(ShortlistEntry.id)) is None
