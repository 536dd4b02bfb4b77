"""Silence past the deadline counts as no (`flask shortlists expire`), and every role sees only its own:
a buyer never reaches another buyer's candidates, a consultant never answers another's question."""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from portal.extensions import db
from portal.models import ConsentRequest, ShortlistEntry, utcnow
from tests.orgs.helpers import make_assignment
from tests.shortlists.conftest import EN, answer_link_token, approve, ask_to_meet, last_mail_to, pick


def _asked(scene) -> tuple[ShortlistEntry, ConsentRequest]:
    entry = pick(scene, scene.consultant.user)
    approve(scene, entry)
    assert ask_to_meet(scene, entry).status_code == 303
    return entry, db.session.scalar(sa.select(ConsentRequest).where(ConsentRequest.shortlist_entry_id == entry.id))


def test_the_deadline_follows_the_setting(scene, app):
    app.config["DISCLOSURE_ANSWER_DAYS"] = 2
    _, question = _asked(scene)
    assert timedelta(days=1, hours=23) < question.answer_by - question.asked_at <= timedelta(days=2)


def test_expire_times_out_unanswered_questions_and_the_buyer_sees_not_available(scene, app):
    entry, question = _asked(scene)
    token = answer_link_token(last_mail_to(scene.consultant.user))
    runner = app.test_cli_runner()
    assert "timed out 0" in runner.invoke(args=["shortlists", "expire"]).output  # not yet due
    question.answer_by = utcnow() - timedelta(minutes=1)
    db.session.commit()
    result = runner.invoke(args=["shortlists", "expire"])
    assert result.exit_code == 0 and "timed out 1" in result.output
    db.session.refresh(entry)
    db.session.refresh(question)
    assert question.status == "timed_out" and entry.state == "timed_out"
    html = scene.buyer.get(f"/buyer/assignments/{scene.assignment.id}", headers=EN).get_data(as_text=True)
    assert "Not available" in html and "Skills" not in html
    late = scene.consultant.post(f"/consultant/requests/{question.id}/answer", data={"answer": "yes"}, headers=EN)
    assert late.status_code == 409
    assert scene.consultant.get(f"/consultant/answer/{token}").status_code == 400


def test_answering_after_the_deadline_times_out_even_before_the_job_runs(scene):
    entry, question = _asked(scene)
    question.answer_by = utcnow() - timedelta(seconds=1)
    db.session.commit()
    response = scene.consultant.post(f"/consultant/requests/{question.id}/answer", data={"answer": "yes"}, headers=EN)
    assert response.status_code == 409 and "no longer open" in response.get_data(as_text=True)
    db.session.refresh(question)
    assert question.status == "pending"  # the refusal rolled back; the job records the time-out


def test_a_buyer_never_reaches_another_buyers_candidates(scene, login_as):
    entry = pick(scene, scene.consultant.user)
    approve(scene, entry)
    stranger = login_as("buyer")
    own = make_assignment(stranger.user.memberships[0].organisation, state="shortlisting")
    db.session.commit()
    assert stranger.get(f"/buyer/assignments/{scene.assignment.id}").status_code == 404
    assert stranger.post(f"/buyer/assignments/{scene.assignment.id}/shortlist/{entry.id}/meet").status_code == 404
    assert stranger.post(f"/buyer/assignments/{own.id}/shortlist/{entry.id}/meet").status_code == 404
    assert stranger.post(f"/buyer/assignments/{own.id}/shortlist/999999/meet").status_code == 404
    assert db.session.scalar(sa.select(sa.func.count(ConsentRequest.id))) == 0
    colleague = login_as("buyer", organisation=scene.assignment.organisation)
    assert colleague.post(f"/buyer/assignments/{scene.assignment.id}/shortlist/{entry.id}/meet").status_code == 303


def test_a_proposed_card_cannot_be_asked_for(scene):
    entry = pick(scene, scene.consultant.user)
    assert ask_to_meet(scene, entry).status_code == 404


def test_a_consultant_answers_only_their_own_questions(scene, login_as):
    _, question = _asked(scene)
    other = login_as("consultant")
    assert other.post(f"/consultant/requests/{question.id}/answer", data={"answer": "yes"}).status_code == 404
    assert scene.consultant.user.name not in other.get("/consultant/requests").get_data(as_text=True)
    db.session.refresh(question)
    assert question.status == "pending"


def test_staff_without_the_recruiter_role_are_refused(scene, login_as):
    entry = pick(scene, scene.consultant.user)
    finance = login_as("staff", staff_roles="finance")
    assert finance.get(f"/staff/assignments/{scene.assignment.id}/shortlist").status_code == 403
    assert finance.post(f"/staff/shortlist/{entry.id}/approve").status_code == 403
    assert scene.staff.post("/staff/shortlist/999999/approve").status_code == 404
