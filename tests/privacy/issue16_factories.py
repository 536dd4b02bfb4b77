"""Rows of issue 16's tables for the rights and retention tests, made with the models directly (the services
have their own tests): applications with answers, saved searches, tender namings, engagements with
approvers and changes, weekly reports with their days, reminders."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from portal.extensions import db
from portal.models import (Application, ApplicationAnswer, Assignment, AssignmentRequirement, Engagement,
                           EngagementApprover, EngagementChange, Organisation, SavedSearch, TenderNaming, TimeEntry,
                           TimeReminder, TimeReport, User)


def assignment(organisation: Organisation, title: str = "Hamnsystem", state: str = "published",
               deadline: date = date(2029, 12, 1), **fields) -> Assignment:
    item = Assignment(organisation_id=organisation.id, title=title, description="d", role="Dev",
                      start_date=fields.pop("start_date", date(2030, 1, 1)), answer_deadline=deadline, state=state,
                      **fields)
    item.requirements = [AssignmentRequirement(kind="must", text=f"Erlang för {title}", position=0)]
    db.session.add(item)
    db.session.flush()
    return item


def application(consultant: User, on: Assignment, state: str = "submitted", rate: int = 1050,
                answer: str = "Sju år av Erlang i produktion", **fields) -> Application:
    row = Application(assignment_id=on.id, consultant_id=consultant.id, rate=rate, state=state, **fields)
    row.answers = [ApplicationAnswer(requirement_id=r.id, text=answer) for r in on.requirements]
    db.session.add(row)
    db.session.flush()
    return row


def saved_search(user: User, name: str = "Erlang på Gotland", notify: bool = True) -> SavedSearch:
    row = SavedSearch(user_id=user.id, name=name, notify=notify,
                      filters_json=json.dumps({"q": "erlang", "region": "Gotland"}, ensure_ascii=False))
    db.session.add(row)
    db.session.flush()
    return row


def tender_naming(consultant: User, on: Assignment) -> TenderNaming:
    row = TenderNaming(assignment_id=on.id, consultant_id=consultant.id)
    db.session.add(row)
    db.session.flush()
    return row


def engagement(consultant: User, on: Assignment, start: date, end: date, *, state: str = "active",
               approver: User | None = None, supplier: Organisation | None = None,
               reason: str = "Förlängt för Ines Inventering") -> Engagement:
    row = Engagement(assignment_id=on.id, consultant_id=consultant.id, buyer_organisation_id=on.organisation_id,
                     supplier_organisation_id=supplier.id if supplier else None, start_date=start, end_date=end,
                     rate=1000, state=state, approved_by_kind="supplier" if supplier else "buyer")
    if approver is not None:
        row.approvers = [EngagementApprover(user_id=approver.id)]
    row.changes = [EngagementChange(kind="start", new_end_date=end - timedelta(days=28), reason="Tillsatt"),
                   EngagementChange(kind="extension", old_end_date=end - timedelta(days=28), new_end_date=end,
                                    reason=reason)]
    db.session.add(row)
    db.session.flush()
    return row


def week(of: Engagement, monday: date, state: str = "approved", *, comment: str = "Arbetade hos kunden",
         decided_by: User | None = None, decision_comment: str | None = None, corrects: TimeReport | None = None
         ) -> TimeReport:
    """Monday to Friday at 8 hours, Friday "not working"."""
    report = TimeReport(engagement_id=of.id, consultant_id=of.consultant_id, week_start=monday, state=state,
                        decided_by_id=decided_by.id if decided_by else None, decision_comment=decision_comment,
                        corrects_id=corrects.id if corrects else None,
                        submitted_at=datetime.combine(monday, datetime.min.time()) + timedelta(days=4)
                        if state != "draft" else None)
    for offset in range(5):
        away = offset == 4
        report.entries.append(TimeEntry(day=monday + timedelta(days=offset), minutes=0 if away else 480,
                                        not_working=away, comment="" if away else comment))
    db.session.add(report)
    db.session.flush()
    return report


def reminder(of: Engagement, monday: date, recipient: User, kind: str = "not_submitted") -> TimeReminder:
    row = TimeReminder(kind=kind, engagement_id=of.id, week_start=monday, recipient_id=recipient.id)
    db.session.add(row)
    db.session.flush()
    return row


def everything(consultant: User, on: Assignment) -> Engagement:
    """A row in every provided table of issue 16 for this consultant (tests/privacy/test_inventory.py)."""
    application(consultant, on)
    saved_search(consultant)
    tender_naming(consultant, on)
    engaged = engagement(consultant, on, date(2025, 1, 6), date(2025, 6, 27), state="ended")
    week(engaged, date(2025, 1, 6), "draft")
    return engaged
