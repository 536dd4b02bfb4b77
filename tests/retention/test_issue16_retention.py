"""Retention of issue 16's data (R-CON-1, R-CON-3, R-RIGHTS-4, R-CON-11): applications and tender namings go a
year after their assignment closed (from the engagement's end for a consultant who worked on it), not a day
before; engagements and every week of hours go seven years after the financial year they ended in; a legal
hold keeps them; a dry run changes nothing and a second run finds nothing more; saved searches go with
the account, and an inactive consultant on a running engagement is not deleted."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import (Application, ApplicationAnswer, AuditEvent, Engagement, EngagementApprover,
                           EngagementChange, SavedSearch, Selection, ShortlistEntry, TenderNaming, TimeEntry,
                           TimeReminder, TimeReport)
from portal.services.actors import SYSTEM, Actor
from portal.services.privacy import legal_holds
from portal.services.retention import expiry, schedule
from tests import factories
from tests.privacy import issue16_factories as f
from tests.retention.test_inactivity import PERIOD, WARN, T, inactive, is_erased, run_on

NOW = datetime(2026, 12, 1, 12, 0)
YEAR = timedelta(days=365)


@pytest.fixture(autouse=True)
def request_context(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


def _expire(now: datetime, dry_run: bool = False) -> dict[str, int]:
    counts = expiry.expire_kept(SYSTEM, now, dry_run=dry_run)
    db.session.commit()
    return counts


def _count(model, *where) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))


def _closed(deadline: date, state: str = "cancelled", title: str = "Stängt"):
    return f.assignment(factories.make_organisation("buyer"), title, state, deadline, start_date=deadline)


def _applied(consultant, on, at: datetime) -> Application:
    return f.application(consultant, on, created_at=at, updated_at=at)


def test_the_schedule_has_a_rule_for_applications():
    rule = schedule.rule("application", "consultant")
    assert (rule.period_days, rule.trigger, rule.legal_basis) == (365, "assignment_closed", "contract")
    assert "deleted 1 year after the assignment closes" in str(schedule.plain_words(rule))


def test_an_application_goes_a_year_after_its_assignment_closed_and_not_a_day_before(app):
    consultant = factories.make_user()
    day = NOW.date() - YEAR - timedelta(days=1)  # the deadline is what is binding here
    closed = _closed(day)
    gone = _applied(consultant, closed, NOW - YEAR - timedelta(days=3)).id
    f.tender_naming(consultant, closed)
    younger = _applied(factories.make_user(), closed, NOW - YEAR + timedelta(days=1))  # changed later: waits
    still_open = f.assignment(factories.make_organisation("buyer"), "Öppet", "published", day - timedelta(days=9))
    waiting = _applied(consultant, still_open, NOW - 3 * YEAR)
    db.session.commit()
    assert _expire(NOW - timedelta(days=1))["application"] == 0
    assert _expire(NOW)["application"] == 2  # the application and the tender yes
    assert db.session.get(Application, gone) is None and _count(TenderNaming) == 0
    assert {a.id for a in db.session.scalars(sa.select(Application))} == {younger.id, waiting.id}
    assert _count(ApplicationAnswer) == 2  # the answers went with their application
    events = [json.loads(d) for d in db.session.scalars(sa.select(AuditEvent.detail).where(
        AuditEvent.action == "retention.expire"))]
    assert events == [{"category": "application", "count": 2}]


def test_a_final_selection_restarts_the_period(app):
    consultant, chosen = factories.make_user(), factories.make_user()
    filled = _closed(NOW.date() - 2 * YEAR, "filled")
    _applied(consultant, filled, NOW - 2 * YEAR)
    entry = ShortlistEntry(assignment_id=filled.id, consultant_id=chosen.id, reason="r", pseudonym="K-1",
                           anonymized_card_json="{}", state="released")
    db.session.add(entry)
    db.session.flush()
    db.session.add(Selection(assignment_id=filled.id, shortlist_entry_id=entry.id, consultant_id=chosen.id,
                             reason="Bäst", decided_at=NOW - YEAR + timedelta(days=10)))
    db.session.commit()
    assert _expire(NOW + timedelta(days=10))["application"] == 0
    assert _expire(NOW + timedelta(days=11))["application"] == 1


def test_the_application_of_a_consultant_who_worked_on_it_waits_for_the_engagements_end(app):
    consultant = factories.make_user()
    filled = _closed(date(2023, 1, 1), "filled")
    _applied(consultant, filled, datetime(2023, 1, 1, 9))
    engaged = f.engagement(consultant, filled, date(2023, 2, 6), NOW.date() - YEAR + timedelta(days=5),
                           state="ended")
    db.session.commit()
    assert _expire(NOW)["application"] == 0
    assert _expire(NOW + timedelta(days=5))["application"] == 0
    assert _expire(NOW + timedelta(days=6))["application"] == 1
    assert db.session.get(Engagement, engaged.id) is not None  # bookkeeping has its own period


def _worked(end: date, consultant=None):
    """An ended engagement with an approver, its changes, a superseded week, its correction, a draft and a
    reminder."""
    consultant = consultant or factories.make_user()
    approver = factories.make_user("buyer")
    on = _closed(end - timedelta(days=180), "filled", title=f"Klart {end.year}")
    engaged = f.engagement(consultant, on, end - timedelta(days=120), end, state="ended", approver=approver)
    monday = engaged.start_date - timedelta(days=engaged.start_date.weekday()) + timedelta(weeks=1)
    first = f.week(engaged, monday, "superseded", decided_by=approver)
    f.week(engaged, monday, "approved", corrects=first, decided_by=approver)
    f.week(engaged, monday + timedelta(weeks=1), "draft")
    f.reminder(engaged, monday + timedelta(weeks=1), consultant)
    db.session.commit()
    return engaged


def test_engagements_and_their_weeks_go_seven_years_after_the_financial_year_in_stockholm_days(app):
    old, newer = _worked(date(2019, 6, 28)).id, _worked(date(2020, 1, 17)).id
    last_evening = datetime(2026, 12, 31, 22, 30)  # 23:30 on 31 December in Stockholm: the year is not over
    assert _expire(last_evening)["bookkeeping"] == 0
    assert _expire(last_evening + timedelta(hours=1))["bookkeeping"] == 1 + 3  # the engagement and its weeks
    assert db.session.get(Engagement, old) is None
    for model, column in ((TimeReport, TimeReport.engagement_id), (EngagementChange, EngagementChange.engagement_id),
                          (EngagementApprover, EngagementApprover.engagement_id),
                          (TimeReminder, TimeReminder.engagement_id)):
        assert _count(model, column == old) == 0, model.__name__
        assert _count(model, column == newer) > 0, model.__name__
    assert _count(TimeEntry) == 15  # the newer engagement's three weeks
    assert {"category": "bookkeeping", "count": 4} in [json.loads(d) for d in db.session.scalars(
        sa.select(AuditEvent.detail).where(AuditEvent.action == "retention.expire"))]


def test_a_legal_hold_keeps_the_applications_and_the_hours(app):
    officer = factories.make_user(role="staff", staff_roles="privacy_officer")
    held = factories.make_user()
    engaged = _worked(date(2012, 3, 30), consultant=held)
    _applied(held, _closed(date(2015, 1, 1)), datetime(2015, 1, 1))
    legal_holds.place(Actor(user=officer), held, "A claim", None, today=date(2026, 1, 1))
    db.session.commit()
    counts = _expire(NOW)
    assert counts["bookkeeping"] == 0 and counts["application"] == 0
    assert db.session.get(Engagement, engaged.id) is not None and _count(Application) == 1


def test_a_dry_run_counts_and_changes_nothing_and_a_second_run_does_nothing_more(app):
    _worked(date(2015, 5, 29))
    _applied(factories.make_user(), _closed(date(2020, 1, 1)), datetime(2020, 1, 1))
    db.session.commit()
    events = _count(AuditEvent)
    dry = _expire(NOW, dry_run=True)
    assert (dry["bookkeeping"], dry["application"]) == (4, 1)
    assert _count(AuditEvent) == events and _count(Engagement) == 1 and _count(Application) == 1
    assert _expire(NOW) == dry
    assert _count(Engagement) == _count(Application) == _count(TimeEntry) == 0
    assert set(_expire(NOW).values()) == {0}


def test_saved_searches_go_with_the_account_and_a_running_engagement_keeps_it(app):
    gone = inactive(PERIOD - WARN)
    f.saved_search(gone)
    _applied(gone, f.assignment(factories.make_organisation("buyer")), datetime(2026, 1, 1))
    working = inactive(PERIOD - WARN)
    on = f.assignment(factories.make_organisation("buyer"), "Pågår")
    f.engagement(working, on, T - timedelta(days=60), T + timedelta(days=200))
    db.session.commit()
    run_on(T)
    outcome = run_on(T + timedelta(days=WARN))
    assert is_erased(gone) and _count(SavedSearch) == 0 and _count(Application) == 0
    assert outcome.counts["blocked"] == 1 and not is_erased(working)  # the contract runs: "ongoing_assignment"


def test_the_bookkeeping_sentence_names_the_engagements(app):
    assert "engagements and their approved hours" in str(schedule.plain_words(schedule.rule("bookkeeping")))
