"""The consultant's time reporting rules, without HTTP (R-CON-3; R-CON-8 for the comment guard)."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, TimeReport
from portal.services import DomainError
from portal.services.actors import Actor
from portal.services.timesheets import reporting, weeks
from portal.services.timesheets.reporting_rules import Cell, CellErrors
from tests import factories
from tests.timesheets.reporting_factories import actor_of, counts, engagement, last_week


@pytest.fixture
def work(app):
    """An engagement, in a request in English (the refusals are in the reader's language)."""
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield engagement()


def _day(offset: int = 0):
    return last_week() + timedelta(days=offset)


@pytest.mark.parametrize("hours, message", [("25", "at most 24"), ("24.25", "at most 24"), ("-1", "negative"),
                                            ("−2", "negative"), ("abc", "number"), ("7.5.5", "number"),
                                            ("1e3", "number"), ("99999999999999999999", "number")])
def test_bad_hours_are_refused_and_nothing_is_saved(work, hours, message):
    """R-CON-3: at most 24 h a day, never negative; nothing written, not even the draft."""
    before = counts()
    with pytest.raises(DomainError, match=message) as refused:
        reporting.save_day(actor_of(work), work, _day(), hours)
    assert refused.value.field == f"hours-{_day()}"
    assert counts() == before


@pytest.mark.parametrize("hours, minutes", [("7.5", 450), ("7,5", 450), ("7:30", 450), ("24", 1440), ("0,25", 15),
                                            (" 8 ", 480), ("0", 0)])
def test_hours_are_stored_as_minutes(work, hours, minutes):
    report = reporting.save_day(actor_of(work), work, _day(), hours, comment="Sprint review" if minutes else "")
    assert report.state == "draft" and [e.minutes for e in report.entries] == ([minutes] if minutes else [])


def test_a_day_outside_the_engagement_is_refused(work):
    """The period starts on a Wednesday: that week's Monday and Tuesday take nothing."""
    before = counts()
    first_monday = weeks.period_of(work).first_week
    with pytest.raises(DomainError, match="outside"):
        reporting.save_day(actor_of(work), work, first_monday, "8")
    with pytest.raises(DomainError, match="outside"):
        reporting.save_day(actor_of(work), work, work.end_date + timedelta(days=1), "8")
    assert counts() == before


def test_not_working_takes_no_hours_and_no_reason(work):
    """R-CON-3: absence is "not working" only; a comment there would be the reason (health data)."""
    before = counts()
    with pytest.raises(DomainError, match="no hours"):
        reporting.save_day(actor_of(work), work, _day(), "8", not_working=True)
    with pytest.raises(DomainError, match="never why"):
        reporting.save_day(actor_of(work), work, _day(), "", not_working=True, comment="Semester")
    assert counts() == before
    report = reporting.save_day(actor_of(work), work, _day(), "", not_working=True)
    assert (report.entries[0].not_working, report.entries[0].minutes, report.entries[0].comment) == (True, 0, "")


@pytest.mark.parametrize("comment", ["sjuk", "Var sjuk hela dagen", "sick leave", "Migrän, hemma", "I was ill",
                                     "Sjuk em", "Hemma med feber", "VAB", "Left early, migraine", "Sick"])
def test_a_comment_about_health_is_refused_by_the_guard(work, comment):
    """R-CON-8: the comment must not become a reason: the sensitive-data guard refuses health data."""
    before = counts()
    with pytest.raises(DomainError, match="health") as refused:
        reporting.save_day(actor_of(work), work, _day(), "2", comment=comment)
    assert refused.value.field == f"comment-{_day()}"
    assert counts() == before


@pytest.mark.parametrize("comment", ["Sprint planning", "Worked on the patient journal system",
                                     "Migrated the healthcare data platform", "Workshop med vårdsystemet"])
def test_a_comment_about_work_is_kept(work, comment):
    assert reporting.save_day(actor_of(work), work, _day(), "8", comment=comment).entries[0].comment == comment


def test_a_comment_needs_hours(work):
    """A comment says what was worked on; on a day without hours it could only be a reason."""
    before = counts()
    with pytest.raises(DomainError, match="worked on") as refused:
        reporting.save_day(actor_of(work), work, _day(), "", comment="Semester")
    assert refused.value.field == f"comment-{_day()}" and counts() == before


def test_a_comment_is_at_most_200_characters(work):
    with pytest.raises(DomainError, match="200"):
        reporting.save_day(actor_of(work), work, _day(), "8", comment="x" * 201)
    assert reporting.save_day(actor_of(work), work, _day(), "8", comment="x" * 200).entries[0].comment == "x" * 200


def test_save_week_is_all_or_nothing_and_lists_every_refusal(work):
    before = counts()
    cells = [Cell(_day(0), "8"), Cell(_day(1), "25"), Cell(_day(2), "-3"), Cell(_day(3), "4", comment="sick leave")]
    with pytest.raises(CellErrors) as refused:
        reporting.save_week(actor_of(work), work, last_week(), cells)
    assert set(refused.value.errors) == {f"hours-{_day(1)}", f"hours-{_day(2)}", f"comment-{_day(3)}"}
    assert [kind for kind, _ in [(f.kind, n) for f, n in refused.value.findings]] == ["health"]
    assert counts() == before


def test_save_week_writes_one_audit_event_per_save(work):
    """R-SEC-2: every save is audited, once per save request, with no personal data in the detail."""
    cells = [Cell(_day(i), "8", comment="Migration") for i in range(5)] + [Cell(_day(5), ""), Cell(_day(6), "")]
    report = reporting.save_week(actor_of(work), work, last_week(), cells)
    events = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "time_report.save")).all()
    assert len(events) == 1 and events[0].object_id == str(report.id) and events[0].subject_id == work.consultant_id
    assert json.loads(events[0].detail) == {"week": last_week().isoformat(), "days": 5, "created": True}
    assert "Migration" not in events[0].detail
    assert reporting.total_minutes(report) == 5 * 480 and len(report.entries) == 5
    # Clearing a day removes its entry; the same report is written to again.
    again = reporting.save_week(actor_of(work), work, last_week(), [Cell(_day(0), "")])
    assert again.id == report.id and len(again.entries) == 4


def test_week_for_reads_only(work):
    before = counts()
    assert reporting.week_for(work, last_week()) is None
    assert reporting.week_rows(work)[0].state == "not_started"
    assert counts() == before


def test_a_superseded_report_never_changes(work):
    report = reporting.save_day(actor_of(work), work, _day(), "8")
    report.state = "superseded"
    db.session.flush()
    before = counts()
    with pytest.raises(DomainError, match="replaced"):
        reporting.save_day(actor_of(work), report, _day(1), "8")
    with pytest.raises(DomainError):
        reporting.submit(actor_of(work), report)
    with pytest.raises(DomainError):
        reporting.correct(actor_of(work), report)
    assert counts() == before


@pytest.mark.parametrize("state", ["approved", "submitted"])
def test_no_change_after_submission_or_approval(work, state):
    """R-CON-3: never after approval; a submitted week waits for the approver's decision."""
    report = reporting.save_day(actor_of(work), work, _day(), "8")
    report.state = state
    db.session.flush()
    before = counts()
    with pytest.raises(DomainError):
        reporting.save_day(actor_of(work), work, _day(1), "8")
    with pytest.raises(DomainError):
        reporting.save_day(actor_of(work), report, _day(1), "8")
    with pytest.raises(DomainError):
        reporting.save_week(actor_of(work), work, last_week(), [Cell(_day(0), "4")])
    with pytest.raises(DomainError):
        reporting.submit(actor_of(work), report)
    assert counts() == before
    db.session.refresh(report)
    assert report.state == state and report.entries[0].minutes == 480


def test_a_rejected_week_is_editable_and_submitted_again(work):
    report = reporting.save_day(actor_of(work), work, _day(), "8")
    report.state, report.decision_comment = "rejected", "Tuesday is missing"
    db.session.flush()
    reporting.save_day(actor_of(work), work, _day(1), "6")
    assert reporting.week_rows(work)[1].rejection_comment == "Tuesday is missing"
    reporting.submit(actor_of(work), report)
    assert report.state == "submitted" and reporting.total_minutes(report) == 14 * 60


def test_submit(work):
    report = reporting.save_day(actor_of(work), work, _day(), "8")
    submitted = reporting.submit(actor_of(work), report)
    assert submitted.state == "submitted" and submitted.submitted_at is not None
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "time_report.submit"))
    assert json.loads(event.detail)["minutes"] == 480
    assert reporting.week_rows(work)[1].state == "submitted"


def test_submit_refuses_an_empty_or_future_week(work):
    empty = reporting.save_day(actor_of(work), work, _day(), "8")
    reporting.save_day(actor_of(work), work, _day(), "")
    with pytest.raises(DomainError, match="Nothing to submit"):
        reporting.submit(actor_of(work), empty)
    future = reporting.save_day(actor_of(work), work, weeks.this_week() + timedelta(weeks=1), "8")
    with pytest.raises(DomainError, match="not started"):
        reporting.submit(actor_of(work), future)
    assert empty.state == "draft" and future.state == "draft"


def test_correction_is_a_linked_draft_and_the_approved_week_stays(work):
    """R-CON-3: a correction is a new report linked to the old one, approved again."""
    approved = reporting.save_week(actor_of(work), work, last_week(), [Cell(_day(0), "8", comment="Design"),
                                                                       Cell(_day(1), "", not_working=True)])
    approved.state = "approved"
    db.session.flush()
    correction = reporting.correct(actor_of(work), approved)
    assert correction.id != approved.id and correction.corrects_id == approved.id and correction.state == "draft"
    assert [(e.day, e.minutes, e.not_working, e.comment) for e in correction.entries] == [
        (_day(0), 480, False, "Design"), (_day(1), 0, True, "")]
    reporting.save_day(actor_of(work), work, _day(0), "7.5")  # the correction is what the week's saves change
    db.session.refresh(approved)
    assert approved.state == "approved" and approved.entries[0].minutes == 480
    assert reporting.week_for(work, last_week()).id == correction.id
    assert reporting.approved_of(work, last_week()).id == approved.id
    assert correction.entries[0].minutes == 450
    with pytest.raises(DomainError, match="already under way"):
        reporting.correct(actor_of(work), approved)
    assert db.session.scalar(sa.select(AuditEvent.id).where(AuditEvent.action == "time_report.correct"))


def test_only_an_approved_week_can_be_corrected(work):
    draft = reporting.save_day(actor_of(work), work, _day(), "8")
    with pytest.raises(DomainError, match="approved"):
        reporting.correct(actor_of(work), draft)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(TimeReport)) == 1


def test_only_the_engagements_consultant_reports(work):
    other = Actor(user=factories.make_user(role="consultant"))
    before = counts()
    with pytest.raises(DomainError):
        reporting.save_day(other, work, _day(), "8")
    with pytest.raises(DomainError):
        reporting.save_week(other, work, last_week(), [Cell(_day(), "8")])
    assert counts() == before
    assert reporting.engagement_of(other.user, work.id) is None
    assert reporting.engagement_of(actor_of(work).user, work.id) is work


def test_week_rows_show_every_week_to_this_one_with_its_state(work):
    reporting.save_day(actor_of(work), work, _day(), "8")
    rows = reporting.week_rows(work)
    assert [r.week_start for r in rows] == [weeks.this_week() - timedelta(weeks=n) for n in range(5)]
    assert rows[1].state == "draft" and rows[1].minutes == 480 and rows[0].state == "not_started"
