"""Approving and rejecting weekly time reports (R-CON-3, R-BUY-1, R-SUP-1): who may decide, what a decision
records, and the refusals (wrong state, no comment, another organisation) that save nothing."""
from __future__ import annotations

import json
from datetime import date

import pytest
import sqlalchemy as sa
from flask import url_for

from portal.extensions import db
from portal.models import AuditEvent, Membership, OutboxMail, Selection, SensitiveDataRefusal, TimeReport
from portal.services import DomainError
from portal.services.actors import Actor
from portal.services.timesheets import approval
from tests import factories
from tests.conftest import sign_in
from tests.timesheets.approval_factories import add_approver, end_membership, report, setting

WEEK = date(2026, 6, 8)


@pytest.fixture
def client_for(app, csrf_off):
    def make(user):
        db.session.commit()
        client = app.test_client()
        sign_in(client, user)
        return client
    return make


def _events(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == action)))


def _mails() -> list[OutboxMail]:
    return list(db.session.scalars(sa.select(OutboxMail).order_by(OutboxMail.id)))


def _state(report_id: int) -> TimeReport:
    db.session.expire_all()
    return db.session.get(TimeReport, report_id)


def test_the_approver_sees_the_week_and_approves_it(app, client_for):
    s = setting()
    week = report(s.engagement, WEEK)
    client = client_for(s.approver)
    listing = client.get("/buyer/time-approvals")
    assert listing.status_code == 200
    assert f"/buyer/time-approvals/{week.id}" in listing.get_data(as_text=True)
    page = client.get(f"/buyer/time-approvals/{week.id}").get_data(as_text=True)
    assert "Sprint planning" in page and "Not working" in page and "15.5" in page  # 8 h + 7.5 h, one day off
    response = client.post(f"/buyer/time-approvals/{week.id}", data={"decision": "approve", "comment": "Thanks"})
    assert response.status_code == 303
    done = _state(week.id)
    assert (done.state, done.decided_by_id, done.decision_comment) == ("approved", s.approver.id, "Thanks")
    assert done.decided_at is not None
    [event] = _events("time_report.approve")
    assert (event.actor_id, event.subject_id, event.object_id) == (s.approver.id, s.consultant.id, str(week.id))
    assert _mails() == []  # an approval is not mailed


def test_rejecting_records_the_comment_and_mails_the_consultant_in_their_language(app, client_for):
    s = setting(consultant_locale="sv")
    week = report(s.engagement, WEEK)
    client = client_for(s.approver)
    response = client.post(f"/buyer/time-approvals/{week.id}",
                           data={"decision": "reject", "comment": "Tuesday should be 8 hours"})
    assert response.status_code == 303
    done = _state(week.id)
    assert (done.state, done.decision_comment, done.decided_by_id) == ("rejected", "Tuesday should be 8 hours",
                                                                      s.approver.id)
    assert len(_events("time_report.reject")) == 1 and _events("time_report.reject")[0].subject_id == s.consultant.id
    [mail] = _mails()
    assert mail.user_id == s.consultant.id and mail.to_address == s.consultant.email
    assert mail.body_text.startswith(f"Hej {s.consultant.name},")  # Swedish: the consultant's language
    assert "Tuesday should be 8 hours" in mail.body_text
    with app.test_request_context():
        link = url_for("consultant.time_week", engagement_id=s.engagement.id, week=WEEK.isoformat())
    assert link in mail.body_text and "24, 2026" in mail.subject


def test_rejecting_without_a_comment_is_refused_and_saves_nothing(app, client_for):
    s = setting()
    week = report(s.engagement, WEEK)
    response = client_for(s.approver).post(f"/buyer/time-approvals/{week.id}",
                                           data={"decision": "reject", "comment": "   "})
    assert response.status_code == 422
    assert "Write a comment that tells the consultant what to change." in response.get_data(as_text=True)
    assert _state(week.id).state == "submitted" and _state(week.id).decided_at is None
    assert _events("time_report.reject") == [] and _mails() == []


def test_a_comment_about_health_is_refused_and_only_counted(app, client_for):
    s = setting()
    week = report(s.engagement, WEEK)
    response = client_for(s.approver).post(f"/buyer/time-approvals/{week.id}",
                                           data={"decision": "reject", "comment": "Du var sjukskriven på onsdag"})
    assert response.status_code == 422
    assert "seems to contain information about" in response.get_data(as_text=True)
    assert _state(week.id).state == "submitted" and _state(week.id).decision_comment is None
    assert db.session.scalar(sa.select(sa.func.count(SensitiveDataRefusal.id))) == 1
    assert _mails() == []


def test_an_unknown_decision_is_a_bad_request(app, client_for):
    s = setting()
    week = report(s.engagement, WEEK)
    response = client_for(s.approver).post(f"/buyer/time-approvals/{week.id}", data={"decision": "delete"})
    assert response.status_code == 400
    assert _state(week.id).state == "submitted"


def test_deciding_an_approved_week_again_is_a_conflict(app, client_for):
    s = setting()
    week = report(s.engagement, WEEK, state="approved")
    before = week.decided_at
    response = client_for(s.approver).post(f"/buyer/time-approvals/{week.id}",
                                           data={"decision": "reject", "comment": "Wrong"})
    assert response.status_code == 409
    assert "already approved" in response.get_data(as_text=True)
    done = _state(week.id)
    assert (done.state, done.decided_at, done.decision_comment) == ("approved", before, None)
    assert _events("time_report.reject") == [] and _mails() == []


def test_a_draft_is_not_shown_to_the_approver_and_cannot_be_approved(app, client_for):
    s = setting()
    draft = report(s.engagement, WEEK, state="draft")
    client = client_for(s.approver)
    assert client.get(f"/buyer/time-approvals/{draft.id}").status_code == 404  # the consultant's own working copy
    assert client.post(f"/buyer/time-approvals/{draft.id}", data={"decision": "approve"}).status_code == 404
    db.session.commit()
    with app.test_request_context(headers={"Accept-Language": "en"}), pytest.raises(DomainError, match="not submitted yet"):
        approval.approve(Actor(user=s.approver), draft)
    db.session.rollback()
    assert _state(draft.id).state == "draft" and _events("time_report.approve") == []


def test_another_organisation_cannot_see_or_approve_the_week(app, client_for):
    s = setting()
    week = report(s.engagement, WEEK)
    other = setting()  # another buyer, approver of its own engagement
    add_approver(s.engagement, other.approver)  # even listed as approver: not a member of the approving buyer
    client = client_for(other.approver)
    assert client.get(f"/buyer/time-approvals/{week.id}").status_code == 404
    assert client.post(f"/buyer/time-approvals/{week.id}", data={"decision": "approve"}).status_code == 404
    assert client.get("/buyer/time-approvals/2147483647").status_code == 404
    assert f"/buyer/time-approvals/{week.id}" not in client.get("/buyer/time-approvals").get_data(as_text=True)
    assert _state(week.id).state == "submitted" and _events("time_report.approve") == []
    db.session.commit()
    with app.test_request_context(), pytest.raises(approval.NotApprover):
        approval.approve(Actor(user=other.approver), _state(week.id))
    db.session.rollback()
    assert _state(week.id).state == "submitted"


def test_a_colleague_who_is_not_an_approver_gets_not_found(app, client_for):
    s = setting()
    week = report(s.engagement, WEEK)
    colleague = factories.make_user(role="buyer", organisation=s.buyer)
    client = client_for(colleague)
    assert client.get(f"/buyer/time-approvals/{week.id}").status_code == 404
    assert client.post(f"/buyer/time-approvals/{week.id}", data={"decision": "approve"}).status_code == 404
    assert approval.pending_for(colleague) == []
    assert _state(week.id).state == "submitted"


def test_a_former_representative_may_no_longer_decide(app, client_for):
    s = setting()
    week = report(s.engagement, WEEK)
    assert approval.pending_for(s.approver) == [week]
    end_membership(s.approver)
    assert approval.pending_for(s.approver) == [] and approval.for_approver(s.approver, week.id) is None
    db.session.commit()
    with app.test_request_context(), pytest.raises(approval.NotApprover):
        approval.approve(Actor(user=s.approver), week)
    db.session.rollback()
    # They now represent another buyer: the old engagement's week is "not found" there.
    db.session.add(Membership(user_id=s.approver.id, organisation_id=factories.make_organisation("buyer").id))
    client = client_for(s.approver)
    assert client.get(f"/buyer/time-approvals/{week.id}").status_code == 404
    assert client.post(f"/buyer/time-approvals/{week.id}", data={"decision": "approve"}).status_code == 404
    assert _state(week.id).state == "submitted" and _events("time_report.approve") == []


def test_approving_a_correction_supersedes_the_week_it_corrects(app, client_for):
    s = setting()
    first = report(s.engagement, WEEK, state="approved")
    correction = report(s.engagement, WEEK, corrects=first, days=((0, 480, False, ""), (1, 480, False, "")))
    client = client_for(s.approver)
    page = client.get(f"/buyer/time-approvals/{correction.id}").get_data(as_text=True)
    assert f"/buyer/time-approvals/{first.id}" in page  # the approver can compare with the approved week
    assert client.post(f"/buyer/time-approvals/{correction.id}", data={"decision": "approve"}).status_code == 303
    assert _state(correction.id).state == "approved" and _state(first.id).state == "superseded"
    [event] = _events("time_report.approve")
    assert json.loads(event.detail)["supersedes"] == first.id


def test_a_correction_of_a_week_that_is_no_longer_approved_is_refused_whole(app):
    s = setting()
    first = report(s.engagement, WEEK, state="superseded")
    correction = report(s.engagement, WEEK, corrects=first)
    db.session.commit()
    with app.test_request_context(headers={"Accept-Language": "en"}), pytest.raises(DomainError, match="no longer the approved one"):
        approval.approve(Actor(user=s.approver), correction)
    db.session.rollback()
    assert _state(correction.id).state == "submitted" and _state(first.id).state == "superseded"


def test_the_supplier_approves_when_the_engagement_says_so(app, client_for):
    s = setting(approved_by="supplier")
    week = report(s.engagement, WEEK)
    buyer_rep = factories.make_user(role="buyer", organisation=s.buyer)
    add_approver(s.engagement, buyer_rep)  # listed, but the engagement is approved by the supplier
    assert client_for(buyer_rep).get(f"/buyer/time-approvals/{week.id}").status_code == 404
    client = client_for(s.approver)
    assert f"/supplier/time-approvals/{week.id}" in client.get("/supplier/time-approvals").get_data(as_text=True)
    assert client.post(f"/supplier/time-approvals/{week.id}", data={"decision": "approve"}).status_code == 303
    assert _state(week.id).state == "approved" and _state(week.id).decided_by_id == s.approver.id


def test_decided_weeks_are_listed_as_recently_decided(app, client_for):
    s = setting()
    week = report(s.engagement, WEEK)
    with app.test_request_context():
        approval.reject(Actor(user=s.approver), week, "Please split Monday")
    db.session.commit()
    listing = client_for(s.approver).get("/buyer/time-approvals").get_data(as_text=True)
    assert "No weeks are waiting for you." in listing
    assert f"/buyer/time-approvals/{week.id}" in listing and "Rejected" in listing


def test_the_buyer_sees_the_consultant_only_by_the_name_released_to_it(app, client_for):
    """engagements.shown: the released name while the release is in force, never the account's own data."""
    s = setting()
    week = report(s.engagement, WEEK)
    client = client_for(s.approver)
    page = client.get(f"/buyer/time-approvals/{week.id}").get_data(as_text=True)
    assert s.consultant.name not in page and "The consultant" in page  # nothing released: no name
    entry = factories.selected_with_name(s.engagement.assignment, s.consultant)
    s.engagement.selection_id = db.session.scalar(sa.select(Selection.id).where(
        Selection.shortlist_entry_id == entry.id))
    db.session.commit()
    assert s.consultant.name in client.get(f"/buyer/time-approvals/{week.id}").get_data(as_text=True)
    assert s.consultant.name in client.get("/buyer/time-approvals").get_data(as_text=True)


def test_a_decision_on_a_week_decided_meanwhile_is_refused(app):
    """Two approvers at once: the second decision finds the week no longer submitted (a conditional update)."""
    s = setting()
    week = report(s.engagement, WEEK)
    db.session.commit()
    assert week.state == "submitted"  # loaded by this request, then another approver decides
    db.session.execute(sa.update(TimeReport).where(TimeReport.id == week.id).values(state="approved")
                       .execution_options(synchronize_session=False))
    assert week.state == "submitted"  # the object this request holds is stale
    with app.test_request_context(headers={"Accept-Language": "en"}), pytest.raises(DomainError, match="already approved"):
        approval.reject(Actor(user=s.approver), week, "Too many hours")
    db.session.rollback()
    assert _state(week.id).decision_comment is None and _mails() == []
