"""The consultant's "Why was I suggested?" (R-MATCH-3): the ranking's explanation in plain words, or the
recruiter's hand-pick reason, and a button that asks the privacy officer for a human review."""
from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.models import ConsentRequest, PrivacyRequest
from portal.services.matching import explanations
from portal.services.privacy import privacy_requests
from portal.services.shortlists import picks
from portal.services.actors import Actor
from portal.services.matching.records import Explanation, Factor, MustCheck, ShouldMatch
from tests.shortlists.conftest import EN, approve, ask_to_meet, pick

EXPLANATION = Explanation(
    musts=[MustCheck("skill", "Test leadership", "3", True, "Test leadership (4)")],
    shoulds=[ShouldMatch("Selenium", 2, None, 0, 0.0)],
    factors=[Factor("availability", 5.0, {"days_late": 0})])


def _question(scene, entry) -> ConsentRequest:
    approve(scene, entry)
    assert ask_to_meet(scene, entry).status_code == 303
    return db.session.scalar(sa.select(ConsentRequest).where(ConsentRequest.shortlist_entry_id == entry.id))


def test_a_hand_pick_says_so_with_the_recruiters_reason(scene):
    question = _question(scene, pick(scene, scene.consultant.user, reason="Ten years of test leadership."))
    html = scene.consultant.get("/consultant/requests", headers=EN).get_data(as_text=True)
    assert "Why was I suggested?" in html
    assert "A recruiter picked you by hand for this reason: Ten years of test leadership." in html
    assert f"/consultant/shortlists/{question.shortlist_entry_id}/human-review" in html


def test_a_ranked_pick_is_explained_in_plain_words(scene):
    actor = Actor(scene.staff.user)
    entry = picks.add(actor, scene.assignment, scene.consultant.user.id, "Top of the ranking.",
                           explanation=EXPLANATION)
    db.session.commit()
    assert explanations.loads(entry.explanation_json) == EXPLANATION
    _question(scene, entry)
    html = scene.consultant.get("/consultant/requests", headers=EN).get_data(as_text=True)
    assert "You meet the requirement “Test leadership” with Test leadership (4)." in html
    assert "The assignment wishes for “Selenium”, which your profile does not show." in html
    assert "picked you by hand" not in html


def test_asking_for_a_human_review_opens_a_privacy_request(scene):
    question = _question(scene, pick(scene, scene.consultant.user))
    response = scene.consultant.post(f"/consultant/shortlists/{question.shortlist_entry_id}/human-review", headers=EN)
    assert response.status_code == 303
    request = db.session.scalar(sa.select(PrivacyRequest))
    assert request.kind == "human_review" and request.user_id == scene.consultant.user.id
    assert request.state == "verified" and scene.assignment.title in request.details
    assert request in privacy_requests.queue(kind="human_review")  # the privacy officer's queue


def test_nobody_asks_a_review_on_someone_elses_question(scene, login_as):
    question = _question(scene, pick(scene, scene.consultant.user))
    stranger = login_as("consultant", name="Sven Stranger")
    assert stranger.post(f"/consultant/shortlists/{question.shortlist_entry_id}/human-review").status_code == 404
    assert scene.consultant.post("/consultant/shortlists/999999/human-review").status_code == 404
    assert db.session.scalar(sa.select(sa.func.count(PrivacyRequest.id))) == 0


def test_every_pick_is_explained_before_any_question_is_sent(scene):
    """R-MATCH-3: a consultant picked for a shortlist sees why and can ask for a human review at once,
    not only after a question reaches them."""
    entry = pick(scene, scene.consultant.user, reason="Strong on release testing.")
    assert db.session.scalar(sa.select(sa.func.count(ConsentRequest.id))) == 0
    html = scene.consultant.get("/consultant/requests", headers=EN).get_data(as_text=True)
    assert scene.assignment.title in html and "Strong on release testing." in html
    response = scene.consultant.post(f"/consultant/shortlists/{entry.id}/human-review", headers=EN)
    assert response.status_code == 303
    assert db.session.scalar(sa.select(PrivacyRequest)).kind == "human_review"
