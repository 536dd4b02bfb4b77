"""An engagement's period changes only as recorded, validated changes (R-CON-3, R-STAFF-2): extension and
early end with old and new end, who, when and why; a bad date or reason is a clear 422 and nothing is saved.
Once the end date has passed the engagement has ended."""
from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, Engagement, EngagementChange, TimeEntry, TimeReport
from portal.services.actors import SYSTEM
from portal.services.engagements import changes
from tests.engagements.conftest import EN


def _url(engagement: Engagement, action: str) -> str:
    return f"/staff/engagements/{engagement.id}/{action}"


def _changes() -> int:
    return db.session.scalar(sa.select(sa.func.count(EngagementChange.id)))


def test_an_extension_is_recorded_with_old_and_new_end_who_and_why(filled):
    engagement = filled.engagement()
    old_end, new_end = engagement.end_date, engagement.end_date + timedelta(days=60)
    response = filled.staff.post(_url(engagement, "extend"), data={"new_end": new_end.isoformat(),
                                                                   "reason": "The client needs the spring too."})
    assert response.status_code == 303
    engagement = filled.engagement()
    change = engagement.changes[-1]
    assert (change.kind, change.old_end_date, change.new_end_date, change.reason, change.recorded_by_id) == (
        "extension", old_end, new_end, "The client needs the spring too.", filled.staff.user.id)
    assert change.recorded_at is not None and engagement.end_date == new_end
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "engagement.extension"))
    assert event.subject_id == filled.consultant.user.id and "spring" not in event.detail  # no reason in the log
    page = filled.staff.get(f"/staff/engagements/{engagement.id}", headers=EN).get_data(as_text=True)
    assert "The client needs the spring too." in page and "Extension" in page


def test_bad_extensions_are_refused_and_nothing_changes(filled):
    engagement = filled.engagement()
    end = engagement.end_date
    cases = [({"new_end": end.isoformat(), "reason": "x"}, "must end after the current end"),
             ({"new_end": (end - timedelta(days=1)).isoformat(), "reason": "x"}, "must end after the current end"),
             ({"new_end": "31/12/2027", "reason": "x"}, "Enter the new end date"),
             ({"new_end": "", "reason": "x"}, "Enter the new end date"),
             ({"new_end": (end + timedelta(days=5)).isoformat(), "reason": "  "}, "Say why the period changes"),
             ({"new_end": (end + timedelta(days=5)).isoformat(), "reason": "x" * 501}, "at most 500 characters"),
             ({"new_end": "2999-12-31", "reason": "x"}, "at most 10 years"),
             ({"new_end": (end + timedelta(days=5)).isoformat(), "reason": "Hon är sjukskriven"},
              "must not be recorded")]
    for data, message in cases:
        response = filled.staff.post(_url(engagement, "extend"), data=data, headers=EN)
        assert response.status_code == 422, data
        html = response.get_data(as_text=True)
        assert message in html and 'aria-invalid="true"' in html, data
        assert _changes() == 1 and filled.engagement().end_date == end


def test_an_early_end_is_validated_against_start_end_and_handed_in_hours(filled):
    engagement = filled.engagement()
    start, end = engagement.start_date, engagement.end_date
    for new_end, message in ((end, "must be before the current end"),
                             (end + timedelta(days=3), "before the current end"),
                             (start - timedelta(days=1), "cannot end before it starts")):
        response = filled.staff.post(_url(engagement, "end-early"), data={"new_end": new_end.isoformat(),
                                                                         "reason": "Budget cut."}, headers=EN)
        assert response.status_code == 422 and message in response.get_data(as_text=True)
    report = TimeReport(engagement_id=engagement.id, consultant_id=engagement.consultant_id,
                        week_start=start - timedelta(days=start.weekday()), state="approved")
    report.entries.append(TimeEntry(day=start + timedelta(days=10), minutes=480))
    db.session.add(report)
    db.session.commit()
    response = filled.staff.post(_url(engagement, "end-early"), data={
        "new_end": (start + timedelta(days=9)).isoformat(), "reason": "Budget cut."}, headers=EN)
    assert response.status_code == 422 and "Hours are handed in up to" in response.get_data(as_text=True)
    assert _changes() == 1 and filled.engagement().end_date == end
    response = filled.staff.post(_url(engagement, "end-early"), data={
        "new_end": (start + timedelta(days=10)).isoformat(), "reason": "Budget cut."})
    assert response.status_code == 303
    engagement = filled.engagement()
    assert engagement.end_date == start + timedelta(days=10)
    assert (engagement.changes[-1].kind, engagement.changes[-1].old_end_date) == ("early_end", end)


def test_the_engagement_ends_when_its_end_date_passes(filled):
    engagement = filled.engagement()
    assert changes.phase(engagement, engagement.start_date - timedelta(days=1)) == "upcoming"
    assert changes.phase(engagement, engagement.end_date) == "active"
    assert changes.phase(engagement, engagement.end_date + timedelta(days=1)) == "ended"
    later = engagement.end_date + timedelta(days=1)
    assert changes.close_ended(SYSTEM, later) == 1
    assert changes.close_ended(SYSTEM, later) == 0  # idempotent
    assert filled.engagement().state == "ended"
    # an extension past that day makes it active again
    changes.extend(SYSTEM, engagement, later + timedelta(days=30), "Renewed.", today=later)
    assert filled.engagement().state == "active"


def test_an_early_end_in_the_past_ends_it_at_once(filled):
    engagement = filled.engagement()
    engagement.start_date = date.today() - timedelta(days=30)
    db.session.commit()
    changes.end_early(SYSTEM, engagement, date.today() - timedelta(days=1), "The project stopped.")
    assert filled.engagement().state == "ended"
    html = filled.consultant.get(f"/consultant/engagements/{engagement.id}", headers=EN).get_data(as_text=True)
    assert "Ended" in html and "Early end" in html and "The project stopped." not in html  # the reason is staff's


def test_finance_reads_but_does_not_change(filled, login_as):
    finance = login_as("staff", staff_roles="finance")
    engagement = filled.engagement()
    page = finance.get(f"/staff/engagements/{engagement.id}", headers=EN)
    assert page.status_code == 200 and "Extend" not in page.get_data(as_text=True)
    assert finance.post(_url(engagement, "extend"), data={"new_end": "2030-01-01", "reason": "x"}).status_code == 403
    assert _changes() == 1


def test_the_command_marks_ended_engagements_once(filled, app):
    engagement = filled.engagement()
    engagement.start_date, engagement.end_date = date.today() - timedelta(days=20), date.today() - timedelta(days=1)
    db.session.commit()
    runner = app.test_cli_runner()
    assert "ended 1 engagements" in runner.invoke(args=["engagements", "close-ended"]).output
    assert "ended 0 engagements" in runner.invoke(args=["engagements", "close-ended"]).output
    assert filled.engagement().state == "ended"
    ended = sa.select(sa.func.count(AuditEvent.id)).where(AuditEvent.action == "engagement.ended")
    assert db.session.scalar(ended) == 1


def test_a_change_without_a_valid_csrf_token_is_refused(filled, app):
    engagement = filled.engagement()
    end = engagement.end_date
    app.config["WTF_CSRF_ENABLED"] = True
    new_end = (end + timedelta(days=9)).isoformat()
    for extra in ({}, {"csrf_token": "forged"}):
        response = filled.staff.post(_url(engagement, "extend"), data={"new_end": new_end, "reason": "x", **extra})
        assert response.status_code == 400
    assert _changes() == 1 and filled.engagement().end_date == end
