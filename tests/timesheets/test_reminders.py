"""Time reminders (R-CON-3, R-BUY-1, R-SUP-1): a week not submitted by Monday 10:00 Stockholm, a week not
approved within 3 working days (Swedish holidays); each reminder sent once, by `flask time send-reminders`."""
from __future__ import annotations

from datetime import date, datetime

import pytest
import sqlalchemy as sa
from flask import url_for

from portal.extensions import db
from portal.models import OutboxMail, TimeReminder
from portal.services.actors import SYSTEM
from portal.services.privacy.deadlines import STOCKHOLM
from portal.services.timesheets import reminders
from tests import factories
from tests.timesheets.approval_factories import add_approver, end_membership, report, setting, stockholm

WEEK = date(2026, 11, 30)  # Monday of week 49; due Monday 7 December 10:00


def _send(app, now: str):
    result = app.test_cli_runner().invoke(args=["time", "send-reminders", "--now", now])
    assert result.exit_code == 0, result.output
    return result.output


def _mails() -> list[OutboxMail]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(OutboxMail).order_by(OutboxMail.id)))


def test_a_week_not_submitted_by_monday_ten_is_reminded_once_by_smtp(app, smtp):
    s = setting(start=WEEK, end=date(2027, 3, 31))
    db.session.commit()
    assert "not submitted 0" in _send(app, "2026-12-07T09:59")
    assert _mails() == [] and smtp.messages == []
    assert "not submitted 1" in _send(app, "2026-12-07T10:00")
    [message] = smtp.wait_for(1)
    assert message["To"] == s.consultant.email and "49, 2026" in message["Subject"]
    with app.test_request_context():
        link = url_for("consultant.time_week", engagement_id=s.engagement.id, week=WEEK.isoformat())
    assert link in smtp.body(message)
    assert "not submitted 0" in _send(app, "2026-12-07T10:30")  # the second run sends nothing
    assert len(_mails()) == 1 and len(smtp.messages) == 1
    [row] = db.session.scalars(sa.select(TimeReminder))
    assert (row.kind, row.engagement_id, row.week_start, row.recipient_id) == (
        "not_submitted", s.engagement.id, WEEK, s.consultant.id)


def test_a_submitted_or_approved_week_is_not_reminded_but_a_draft_or_rejected_one_is(app):
    s = setting(start=date(2026, 11, 9), end=date(2027, 3, 31))
    report(s.engagement, date(2026, 11, 9), state="approved")
    report(s.engagement, date(2026, 11, 16), state="submitted", submitted_at=stockholm("2026-11-23T08:00"))
    report(s.engagement, date(2026, 11, 23), state="draft")
    report(s.engagement, WEEK, state="rejected")
    db.session.commit()
    _send(app, "2026-12-07T10:00")
    weeks = sorted(db.session.scalars(sa.select(TimeReminder.week_start).where(TimeReminder.kind == "not_submitted")))
    assert weeks == [date(2026, 11, 23), WEEK]


def test_weeks_outside_the_engagement_and_beyond_the_look_back_are_left_alone(app):
    setting(start=date(2026, 1, 5), end=date(2026, 11, 25))  # ends on the Wednesday of week 48
    setting(start=date(2026, 12, 7), end=date(2027, 3, 31))  # starts after the week that is due
    db.session.commit()
    _send(app, "2026-12-07T10:00")
    found = sorted(db.session.scalars(sa.select(TimeReminder.week_start)))
    # The window is the 8 weeks up to week 49 (weeks 42–49); the first engagement has weeks 42–48 of it.
    assert found[0] == date(2026, 10, 12) and found[-1] == date(2026, 11, 23) and len(found) == 7


def test_erased_and_deactivated_consultants_are_not_mailed(app):
    gone = setting(start=WEEK)
    paused = setting(start=WEEK)
    gone.consultant.email = f"erased-{gone.consultant.id}@erased.invalid"
    paused.consultant.is_disabled = True
    db.session.commit()
    assert "not submitted 0" in _send(app, "2026-12-08T12:00")
    assert _mails() == []


def test_a_run_that_lost_the_race_sends_nothing(app, make_app):
    """Two runs at once: the other one commits its reminder after this one listed the week as due."""
    s = setting(start=WEEK)
    db.session.commit()
    now = stockholm("2026-12-07T10:05")
    due = reminders.late_weeks(now)
    assert [(e.id, w) for e, w in due] == [(s.engagement.id, WEEK)]
    other = make_app()
    with other.app_context():
        assert reminders.run(SYSTEM, now).sent["not_submitted"] == 1
        db.session.commit()
    assert reminders.remind_not_submitted(SYSTEM, *due[0]) is False  # the unique row: IntegrityError, no mail
    db.session.commit()
    assert len(_mails()) == 1
    assert db.session.scalar(sa.select(sa.func.count(TimeReminder.id))) == 1


@pytest.mark.parametrize("submitted, due", [
    ("2026-12-07T14:00", "2026-12-10T14:00"),  # Monday → Thursday, no holiday
    ("2026-12-11T16:00", "2026-12-16T16:00"),  # Friday → Wednesday over a weekend
    ("2026-06-18T12:00", "2026-06-24T12:00"),  # Thursday before midsummer: Friday 19 June is midsommarafton
    ("2026-12-23T10:00", "2026-12-30T10:00"),  # julafton, juldagen, then Monday 28 – Wednesday 30
    ("2027-03-25T09:00", "2027-04-01T09:00"),  # Good Friday 26 March and Easter Monday 29 March 2027
    ("2026-04-30T15:00", "2026-05-06T15:00"),  # Thursday before 1 May (a Friday in 2026)
])
def test_three_working_days_skip_weekends_and_swedish_holidays(submitted, due):
    expected = datetime.fromisoformat(due).replace(tzinfo=STOCKHOLM)
    assert reminders.approval_due(stockholm(submitted)) == expected


def test_a_week_not_approved_in_three_working_days_over_midsummer_reminds_each_approver_once(app, smtp):
    s = setting(start=date(2026, 6, 1), approver_locale="sv")
    second = factories.make_user(role="buyer", organisation=s.buyer, locale="en")
    add_approver(s.engagement, second)
    former = factories.make_user(role="buyer", organisation=s.buyer)
    add_approver(s.engagement, former)
    end_membership(former)
    factories.make_user(role="buyer", organisation=s.buyer)  # a colleague who is no approver
    week = report(s.engagement, date(2026, 6, 15), submitted_at=stockholm("2026-06-18T12:00"))
    for monday in (date(2026, 6, 1), date(2026, 6, 8)):
        report(s.engagement, monday, state="approved")
    db.session.commit()
    # Tuesday 23 June: three days counting midsommarafton as a working day, only two without it.
    assert "not approved 0" in _send(app, "2026-06-23T13:00")
    assert "not approved 2" in _send(app, "2026-06-24T12:00")
    messages = smtp.wait_for(2)
    assert sorted(m["To"] for m in messages) == sorted([s.approver.email, second.email])
    swedish = next(m for m in messages if m["To"] == s.approver.email)
    assert smtp.body(swedish).startswith(f"Hej {s.approver.name},")  # the approver's language
    with app.test_request_context():
        link = url_for("buyer.time_approval", report_id=week.id)
    assert all(link in smtp.body(m) for m in messages)
    assert all(s.consultant.name not in smtp.body(m) for m in messages)  # no name was released to the buyer
    assert "not approved 0" in _send(app, "2026-06-26T12:00")
    assert len(smtp.messages) == 2


def test_a_decided_week_is_not_reminded(app):
    s = setting(start=date(2026, 6, 1))
    report(s.engagement, date(2026, 6, 15), state="approved", submitted_at=stockholm("2026-06-16T12:00"))
    db.session.commit()
    assert reminders.waiting_reports(stockholm("2026-06-30T12:00")) == []


def test_the_supplier_approver_gets_the_supplier_link(app):
    s = setting(approved_by="supplier", start=date(2026, 6, 1))
    week = report(s.engagement, date(2026, 6, 8), submitted_at=stockholm("2026-06-08T09:00"))
    db.session.commit()
    _send(app, "2026-06-11T09:00")
    [mail] = [m for m in _mails() if m.user_id == s.approver.id]
    with app.test_request_context():
        assert url_for("supplier.time_approval", report_id=week.id) in mail.body_text


def test_a_bad_now_is_a_usage_error(app):
    result = app.test_cli_runner().invoke(args=["time", "send-reminders", "--now", "Monday morning"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_a_rolled_back_reminder_is_not_recorded_as_sent(app):
    """The row and its mail are one transaction: a failure after the claim leaves neither behind."""
    s = setting(start=WEEK)
    db.session.commit()
    assert reminders.remind_not_submitted(SYSTEM, s.engagement, WEEK) is True
    assert reminders.remind_not_submitted(SYSTEM, s.engagement, WEEK) is False  # same transaction: claimed
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(TimeReminder.id))) == 0 and _mails() == []
    assert reminders.remind_not_submitted(SYSTEM, s.engagement, WEEK) is True
