"""Issue 5, end to end without a browser: a person selects with a reason (R-STAFF-2, R-MATCH-2), the buyer
sees an anonymized shortlist (R-BUY-7), the consultant is asked first (R-CON-9) and every release is logged."""
from __future__ import annotations

import json

import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, ConsentRequest, Disclosure, ShortlistEntry
from tests.shortlists.conftest import EN, answer_link_token, approve, ask_to_meet, last_mail_to, pick, release, say_yes


def _html(portal, url: str) -> str:
    response = portal.get(url, headers=EN)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def test_full_flow_from_pick_to_disclosure(scene):
    klara = scene.consultant.user
    search = _html(scene.staff, f"/staff/assignments/{scene.assignment.id}/shortlist?q=konsultsson")
    assert klara.email in search and scene.other.email not in search
    entry = pick(scene, klara, reason="Led the testing of two bank releases.")
    pick(scene, scene.other)
    assert entry.picked_by_id == scene.staff.user.id and entry.reason == "Led the testing of two bank releases."
    assert entry.state == "proposed" and entry.pseudonym.startswith("K-") and entry.card_k >= 5

    buyer_url = f"/buyer/assignments/{scene.assignment.id}"
    assert entry.pseudonym not in _html(scene.buyer, buyer_url)  # not approved: the buyer sees nothing yet
    approve(scene, entry)
    html = _html(scene.buyer, buyer_url)
    assert f"Candidate {entry.pseudonym}" in html and ">Ask to meet<" in html
    for value in scene.identifying():
        assert value not in html

    assert ask_to_meet(scene, entry).status_code == 303
    db.session.refresh(entry)
    assert entry.state == "consultant_asked"
    mail = last_mail_to(klara)
    assert scene.assignment.title in mail.body_text and scene.assignment.organisation.name in mail.body_text
    html = _html(scene.buyer, buyer_url)
    assert "Asked: waiting" in html and ">Ask to meet<" not in html
    assert all(value not in html for value in scene.identifying())

    question = db.session.scalar(sa.select(ConsentRequest).where(ConsentRequest.shortlist_entry_id == entry.id))
    portal = _html(scene.consultant, "/consultant/requests")
    assert scene.assignment.title in portal and scene.assignment.organisation.name in portal
    assert "One question about you" in _html(scene.consultant, "/consultant/")
    assert say_yes(scene, question, ["name"]).status_code == 303
    db.session.refresh(entry)
    assert entry.state == "consultant_accepted" and question.answered_via == "portal" and question.fields == ["name"]
    assert all(value not in _html(scene.buyer, buyer_url) for value in scene.identifying())  # yes alone sends nothing

    response = release(scene, entry, reason="Interview on Monday.")
    assert response.status_code == 303
    disclosure = db.session.scalar(sa.select(Disclosure))
    assert disclosure.fields == ["name"] and disclosure.consent_request_id == question.id
    assert disclosure.reason == "Interview on Monday." and disclosure.ends_on is not None
    assert disclosure.organisation_id == scene.assignment.organisation_id
    assert disclosure.released_by_id == scene.staff.user.id
    html = _html(scene.buyer, buyer_url)
    assert klara.name in html and klara.email not in html and klara.phone not in html  # only what she chose
    assert scene.other.name not in html and scene.other.email not in html

    mine = _html(scene.consultant, "/consultant/requests")
    assert scene.assignment.organisation.name in mine and "Who has seen my data" in mine
    actions = set(db.session.scalars(sa.select(AuditEvent.action).where(AuditEvent.subject_id == klara.id)))
    assert {"person.view", "shortlist.add", "shortlist.approve_card", "consent_request.ask_disclosure",
            "consent_request.accepted", "disclosure.release"} <= actions


def test_a_pick_needs_a_reason_and_a_real_consultant(scene):
    url = f"/staff/assignments/{scene.assignment.id}/shortlist"
    response = scene.staff.post(url, data={"consultant_id": scene.consultant.user.id, "reason": "  "}, headers=EN)
    assert response.status_code == 422 and "Say why you pick" in response.get_data(as_text=True)
    response = scene.staff.post(url, data={"consultant_id": scene.buyer.user.id, "reason": "x"}, headers=EN)
    assert response.status_code == 422 and "Choose a consultant" in response.get_data(as_text=True)
    assert scene.staff.post(url, data={"consultant_id": "abc", "reason": "x"}).status_code == 422
    assert db.session.scalar(sa.select(sa.func.count(ShortlistEntry.id))) == 0
    pick(scene, scene.consultant.user)
    response = scene.staff.post(url, data={"consultant_id": scene.consultant.user.id, "reason": "again"}, headers=EN)
    assert response.status_code == 422 and "already on the shortlist" in response.get_data(as_text=True)


def test_removal_needs_a_reason_and_hides_the_candidate(scene):
    entry = pick(scene, scene.consultant.user)
    approve(scene, entry)
    assert scene.staff.post(f"/staff/shortlist/{entry.id}/remove", data={"reason": ""}).status_code == 422
    assert scene.staff.post(f"/staff/shortlist/{entry.id}/remove", data={"reason": "Took another job"}).status_code == 303
    db.session.refresh(entry)
    assert entry.removed_by_id == scene.staff.user.id and entry.removal_reason == "Took another job"
    assert entry.pseudonym not in _html(scene.buyer, f"/buyer/assignments/{scene.assignment.id}")
    assert ask_to_meet(scene, entry).status_code == 404
    assert scene.staff.post(f"/staff/shortlist/{entry.id}/remove", data={"reason": "again"}).status_code == 422


def test_decline_shows_not_available_and_nothing_can_be_released(scene):
    entry = pick(scene, scene.consultant.user)
    approve(scene, entry)
    ask_to_meet(scene, entry)
    question = db.session.scalar(sa.select(ConsentRequest))
    assert scene.consultant.post(f"/consultant/requests/{question.id}/answer", data={"answer": "no"}).status_code == 303
    db.session.refresh(entry)
    assert entry.state == "consultant_declined"
    html = _html(scene.buyer, f"/buyer/assignments/{scene.assignment.id}")
    assert "Not available" in html and ">Ask to meet<" not in html and "Skills" not in html
    response = release(scene, entry)
    assert response.status_code == 422 and "has not said yes" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Disclosure.id))) == 0


def test_nothing_is_released_before_a_yes_nor_without_a_reason_and_an_end(scene):
    entry = pick(scene, scene.consultant.user)
    approve(scene, entry)
    assert release(scene, entry).status_code == 422
    ask_to_meet(scene, entry)
    question = db.session.scalar(sa.select(ConsentRequest))
    say_yes(scene, question)
    url = f"/staff/shortlist/{entry.id}/release"
    assert scene.staff.post(url, data={}).status_code == 422
    response = release(scene, entry, reason=" ")
    assert response.status_code == 422 and "Say why you release" in response.get_data(as_text=True)
    for ends_on in ("", "tomorrow", "2020-01-01", "9999-12-31", "2027-02-30"):
        response = scene.staff.post(url, data={"reason": "Interview", "ends_on": ends_on}, headers=EN)
        assert response.status_code == 422 and "Give the last day" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Disclosure.id))) == 0


def test_answering_twice_and_bad_answers_are_refused(scene):
    entry = pick(scene, scene.consultant.user)
    approve(scene, entry)
    ask_to_meet(scene, entry)
    question = db.session.scalar(sa.select(ConsentRequest))
    url = f"/consultant/requests/{question.id}/answer"
    assert scene.consultant.post(url, data={"answer": "maybe"}).status_code == 400
    response = scene.consultant.post(url, data={"answer": "yes"}, headers=EN)  # a yes that names nothing
    assert response.status_code == 422 and "Choose what we may tell the client" in response.get_data(as_text=True)
    response = scene.consultant.post(url, data={"answer": "yes", "fields": ["name", "salary"]}, headers=EN)
    assert response.status_code == 422 and "Choose only from the list" in response.get_data(as_text=True)
    db.session.refresh(question)
    assert question.status == "pending" and question.fields_json is None
    assert say_yes(scene, question).status_code == 303
    response = scene.consultant.post(url, data={"answer": "no"}, headers=EN)
    assert response.status_code == 409 and "already answered" in response.get_data(as_text=True)
    db.session.refresh(question)
    assert question.status == "accepted"
    assert ask_to_meet(scene, entry).status_code == 409


def test_interest_question_by_mail_link(scene, client):
    entry = pick(scene, scene.consultant.user)
    assert scene.staff.post(f"/staff/shortlist/{entry.id}/ask-interest").status_code == 303
    assert scene.staff.post(f"/staff/shortlist/{entry.id}/ask-interest").status_code == 422  # one open at a time
    mail = last_mail_to(scene.consultant.user)
    assert scene.assignment.organisation.name in mail.body_text
    token = answer_link_token(mail)
    page = client.get(f"/consultant/answer/{token}", headers=EN)
    assert page.status_code == 200 and scene.assignment.title in page.get_data(as_text=True)
    assert client.post(f"/consultant/answer/{token}", data={"answer": "yes"}).status_code == 200
    question = db.session.scalar(sa.select(ConsentRequest))
    assert question.kind == "interest" and question.status == "accepted" and question.answered_via == "mail"
    db.session.refresh(entry)
    assert entry.state == "proposed"  # interest is for staff; nothing changes for the buyer
    reused = client.post(f"/consultant/answer/{token}", data={"answer": "no"}, headers=EN)
    assert reused.status_code == 400 and "already been used" in reused.get_data(as_text=True)
    assert client.get(f"/consultant/answer/{token}").status_code == 400


def test_tampered_expired_and_answered_links_are_a_clear_400(scene, client, app):
    entry = pick(scene, scene.consultant.user)
    approve(scene, entry)
    ask_to_meet(scene, entry)
    token = answer_link_token(last_mail_to(scene.consultant.user))
    tampered = client.get(f"/consultant/answer/{token[:-3]}abc", headers=EN)
    assert tampered.status_code == 400 and "not valid" in tampered.get_data(as_text=True)
    app.config["TOKEN_MAX_AGE"] = {**app.config["TOKEN_MAX_AGE"], "consent_answer": -1}
    expired = client.post(f"/consultant/answer/{token}", data={"answer": "yes"}, headers=EN)
    assert expired.status_code == 400 and "expired" in expired.get_data(as_text=True)
    app.config["TOKEN_MAX_AGE"] = {**app.config["TOKEN_MAX_AGE"], "consent_answer": 3600}
    question = db.session.scalar(sa.select(ConsentRequest))
    scene.consultant.post(f"/consultant/requests/{question.id}/answer", data={"answer": "no"})
    answered = client.post(f"/consultant/answer/{token}", data={"answer": "yes"}, headers=EN)
    assert answered.status_code == 400 and "already answered" in answered.get_data(as_text=True)
    db.session.refresh(question)
    assert question.status == "declined"


def test_disclosures_are_append_only_and_in_the_personal_data(scene):
    from portal.services.shortlists import disclosures

    entry = pick(scene, scene.consultant.user)
    approve(scene, entry)
    ask_to_meet(scene, entry)
    question = db.session.scalar(sa.select(ConsentRequest))
    say_yes(scene, question, ["contact"])
    release(scene, entry)
    disclosure = db.session.scalar(sa.select(Disclosure))
    klara = scene.consultant.user
    assert json.loads(disclosure.released_json) == {"email": klara.email, "phone": klara.phone}
    disclosure.fields_json = "[]"
    try:
        db.session.flush()
    except ValueError:
        db.session.rollback()
    else:
        raise AssertionError("a disclosure was changed")
    kinds = [item["type"] for item in disclosures.for_person(scene.consultant.user)]
    assert kinds == ["shortlist_entry", "consent_request", "disclosure"]
