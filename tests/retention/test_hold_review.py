"""Legal holds have a review date (issue 15, R-RIGHTS-4): a reminder to the privacy officers before it,
sent once; a hold past it without a renewal is flagged on their start page and the holds page and still
blocks erasure; renewing (a new date and a reason, audited) clears the flag; bad input is refused."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, LegalHold, OutboxMail
from portal.models.legal_holds import default_review_on
from portal.services import DomainError
from portal.services.actors import SYSTEM, Actor
from portal.services.privacy import deadlines, erasure_plan, legal_holds
from tests import factories

EN = {"Accept-Language": "en"}
NOW = datetime(2026, 6, 1, 10, 0)
TODAY = date(2026, 6, 1)


@pytest.fixture
def request_context(app):
    with app.test_request_context(headers=EN):
        yield


def _hold(review_on: date, officer=None, **fields) -> LegalHold:
    officer = officer or factories.make_user(role="staff", staff_roles="privacy_officer")
    person = factories.make_user(email=fields.pop("email", None) or f"held{review_on:%Y%m%d}@example.se")
    hold = LegalHold(user_id=person.id, reason="A client's claim", placed_by_id=officer.id, review_on=review_on,
                     **fields)
    db.session.add(hold)
    db.session.commit()
    return hold


def _reminders() -> list[OutboxMail]:
    return list(db.session.scalars(sa.select(OutboxMail).where(OutboxMail.subject == "Legal holds to review")))


def test_the_review_date_defaults_to_six_months_and_is_checked(app, request_context):
    officer = factories.make_user(role="staff", staff_roles="privacy_officer")
    person = factories.make_user()
    hold = legal_holds.place(Actor(user=officer), person, "A claim", None, today=date(2026, 8, 31))
    assert hold.review_on == date(2027, 2, 28) == default_review_on(date(2026, 8, 31))
    ending = legal_holds.place(Actor(user=officer), person, "An order", date(2026, 10, 1), today=date(2026, 8, 31))
    assert ending.review_on == date(2026, 10, 1)  # reviewed when it ends, if that comes first
    for review, message in ((date(2026, 8, 31), "after today"), (date(2029, 1, 1), "within two years")):
        with pytest.raises(DomainError, match=message):
            legal_holds.place(Actor(user=officer), person, "A claim", None, today=date(2026, 8, 31), review_on=review)
    with pytest.raises(DomainError, match="after the hold ends"):
        legal_holds.place(Actor(user=officer), person, "A claim", date(2026, 9, 10), today=date(2026, 8, 31),
                          review_on=date(2026, 9, 20))


def test_the_reminder_goes_once_fourteen_days_before_review(app, request_context):
    officer = factories.make_user(role="staff", staff_roles="privacy_officer", locale="en")
    factories.make_user(role="staff", staff_roles="recruiter")
    due = _hold(TODAY + timedelta(days=14), officer)
    _hold(TODAY + timedelta(days=15), officer)
    assert legal_holds.remind_hold_reviews(SYSTEM, NOW - timedelta(days=1)) == 0
    assert legal_holds.remind_hold_reviews(SYSTEM, NOW) == 1
    db.session.commit()
    [mail] = _reminders()
    assert mail.to_address == officer.email and f"Hold #{due.id}" in mail.body_text
    assert legal_holds.remind_hold_reviews(SYSTEM, NOW) == 0  # the same day, or any later day: once
    assert legal_holds.remind_hold_reviews(SYSTEM, NOW + timedelta(days=5)) == 1  # the other hold is due now
    db.session.commit()
    assert len(_reminders()) == 2
    actions = list(db.session.scalars(sa.select(AuditEvent.action).where(
        AuditEvent.action == "legal_hold.review_reminder")))
    assert len(actions) == 2


def test_a_renewal_gets_its_own_reminder_and_a_lifted_hold_none(app, request_context):
    officer = factories.make_user(role="staff", staff_roles="privacy_officer")
    hold = _hold(TODAY + timedelta(days=3), officer)
    lifted = _hold(TODAY + timedelta(days=2), officer, lifted_at=NOW - timedelta(days=1))
    assert legal_holds.remind_hold_reviews(SYSTEM, NOW) == 1
    legal_holds.renew(Actor(user=officer), hold, TODAY + timedelta(days=100), "Still in court", today=TODAY)
    db.session.commit()
    assert legal_holds.remind_hold_reviews(SYSTEM, NOW + timedelta(days=80)) == 0
    assert legal_holds.remind_hold_reviews(SYSTEM, NOW + timedelta(days=86)) == 1
    assert lifted.reminded_for is None


def test_a_hold_past_review_is_flagged_still_blocks_and_renewing_clears_the_flag(login_as):
    officer = login_as("staff", staff_roles="privacy_officer")
    today = deadlines.today()
    hold = _hold(today - timedelta(days=1), officer.user)
    start = officer.get("/staff/", headers=EN).get_data(as_text=True)
    assert "One legal hold is past its review date: renew or lift it." in start
    page = officer.get("/staff/legal-holds", headers=EN).get_data(as_text=True)
    assert f'id="hold-overdue-{hold.id}"' in page and 'id="holds-overdue"' in page
    person = db.session.get(LegalHold, hold.id).user_id
    from portal.models import User

    plan = erasure_plan.plan(db.session.get(User, person), today)
    assert [b.ground for b in plan.blocks] == ["legal_hold"]  # flagged, not dropped
    assert officer.get(f"/staff/legal-holds/{hold.id}/renew", headers=EN).status_code == 200
    renewed = officer.post(f"/staff/legal-holds/{hold.id}/renew", headers=EN, data={
        "review_on": (today + timedelta(days=90)).isoformat(), "reason": "The claim is still open"})
    assert renewed.status_code == 303
    db.session.expire_all()
    hold = db.session.get(LegalHold, hold.id)
    assert hold.review_on == today + timedelta(days=90) and hold.renewal_reason == "The claim is still open"
    page = officer.get("/staff/legal-holds", headers=EN).get_data(as_text=True)
    assert f'id="hold-overdue-{hold.id}"' not in page and 'id="holds-overdue"' not in page
    assert "past its review date" not in officer.get("/staff/", headers=EN).get_data(as_text=True)
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "legal_hold.renew"))
    assert event.actor_id == officer.user.id and "claim" not in event.detail


@pytest.mark.parametrize("data, message", [
    ({"review_on": "", "reason": "Still needed"}, "Choose the next review date."),
    ({"review_on": "2001-01-01", "reason": "Still needed"}, "The review date must be after today."),
    ({"review_on": "31/02/2027", "reason": "Still needed"}, "Not a valid date value."),
    ({"review_on": "NEXT", "reason": "   "}, "Write why the data must still be kept."),
    ({"review_on": "2099-01-01", "reason": "Still needed"}, "Choose a review date within two years."),
    ({"review_on": "NEXT", "reason": "x" * 1001}, "Field cannot be longer than 1000 characters."),
])
def test_bad_renewal_input_is_refused_with_the_message_and_nothing_saved(login_as, data, message):
    officer = login_as("staff", staff_roles="privacy_officer")
    review = deadlines.today() - timedelta(days=2)
    hold = _hold(review, officer.user)
    if data["review_on"] == "NEXT":
        data = {**data, "review_on": (deadlines.today() + timedelta(days=30)).isoformat()}
    refused = officer.post(f"/staff/legal-holds/{hold.id}/renew", headers=EN, data=data)
    assert refused.status_code == 422 and message in refused.get_data(as_text=True)
    db.session.expire_all()
    hold = db.session.get(LegalHold, hold.id)
    assert hold.review_on == review and hold.renewal_reason is None and hold.renewed_at is None
    assert not db.session.scalar(sa.select(AuditEvent.id).where(AuditEvent.action == "legal_hold.renew"))


def test_only_the_privacy_officer_renews_and_a_lifted_hold_is_not_found(login_as):
    officer = login_as("staff", staff_roles="privacy_officer")
    hold = _hold(deadlines.today() - timedelta(days=1), officer.user)
    recruiter = login_as("staff", staff_roles="recruiter")
    data = {"review_on": (deadlines.today() + timedelta(days=30)).isoformat(), "reason": "Still needed"}
    assert recruiter.get(f"/staff/legal-holds/{hold.id}/renew").status_code == 403
    assert recruiter.post(f"/staff/legal-holds/{hold.id}/renew", data=data).status_code == 403
    assert login_as("consultant").post(f"/staff/legal-holds/{hold.id}/renew", data=data).status_code in (302, 403)
    db.session.expire_all()
    assert db.session.get(LegalHold, hold.id).renewed_at is None
    assert officer.post(f"/staff/legal-holds/{hold.id}/lift").status_code == 303
    assert officer.post(f"/staff/legal-holds/{hold.id}/renew", data=data).status_code == 404
    assert officer.get("/staff/legal-holds/999999/renew").status_code == 404


def test_placing_takes_a_review_date(login_as):
    login_as("buyer", email="held.person@example.se")
    officer = login_as("staff", staff_roles="privacy_officer")
    form = officer.get("/staff/legal-holds", headers=EN).get_data(as_text=True)
    assert f'value="{default_review_on(deadlines.today()).isoformat()}"' in form
    past = officer.post("/staff/legal-holds", headers=EN, data={
        "email": "held.person@example.se", "reason": "A claim", "review_on": "2001-01-01"})
    assert past.status_code == 422 and "The review date must be after today." in past.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LegalHold)) == 0
    review = deadlines.today() + timedelta(days=60)
    placed = officer.post("/staff/legal-holds", headers=EN, data={
        "email": "held.person@example.se", "reason": "A claim", "review_on": review.isoformat()})
    assert placed.status_code == 303
    assert db.session.scalars(sa.select(LegalHold)).one().review_on == review
