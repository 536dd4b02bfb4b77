"""The rights cover issue 16's tables (R-RIGHTS-2, 4, 5, 6; R-CON-1, R-CON-3, R-CON-10, R-BUY-5): the register
extract holds the person's applications, searches, tender namings, engagements and hours (and an approver's
decisions), nobody else's; the portability file holds what the person gave; erasure deletes applications
and keeps approved hours as minimised bookkeeping, and refuses while an engagement runs; a restriction
freezes applications but not the time reporting of a running engagement."""
from __future__ import annotations

import json
from datetime import date, timedelta

import jsonschema
import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import (Application, ApplicationAnswer, Engagement, EngagementApprover, EngagementChange,
                           SavedSearch, TenderNaming, TimeEntry, TimeReminder, TimeReport, User)
from portal.services import DomainError
from portal.services.actors import Actor
from portal.services.privacy import (access_extract, erasure, erasure_plan, erasure_work, personal_data, portability,
                                     restrictions)
from tests import factories
from tests.conftest import sign_in
from tests.privacy import issue16_factories as f

MONDAYS = [date(2025, 1, 6) + timedelta(weeks=n) for n in range(5)]


@pytest.fixture
def scene(app):
    """Ines worked on an ended engagement (weeks in every state) and applied elsewhere; Olle alongside."""
    buyer = factories.make_organisation("buyer")
    approver = factories.make_user("buyer", organisation=buyer, name="Bodil Beställare", locale="en")
    ines = factories.make_user(name="Ines Inventering", email="ines@example.se", locale="en")
    olle = factories.make_user(name="Olle Annan")
    done = f.assignment(buyer, "Hamnsystem", "filled", date(2024, 12, 1), start_date=MONDAYS[0],
                        end_date=date(2025, 6, 27))
    open_one = f.assignment(buyer, "Fyrsystem")
    f.application(ines, open_one, answer="Ines egna ord")
    f.application(olle, open_one, answer="Olles egna ord")
    f.application(ines, done, "declined", decision_reason="Kunden valde en annan")
    f.saved_search(ines)
    f.saved_search(olle, name="Olles sökning")
    f.tender_naming(ines, open_one)
    f.tender_naming(olle, open_one)
    engaged = f.engagement(ines, done, MONDAYS[0], date(2025, 6, 27), state="ended", approver=approver)
    first = f.week(engaged, MONDAYS[0], "superseded", decided_by=approver, decision_comment="Ok")
    f.week(engaged, MONDAYS[0], "approved", corrects=first, decided_by=approver,
           decision_comment="Godkänt av Bodil Beställare för Ines Inventering")
    f.week(engaged, MONDAYS[1], "approved", decided_by=approver)
    f.week(engaged, MONDAYS[2], "rejected", decided_by=approver, decision_comment="Fel timmar")
    f.week(engaged, MONDAYS[3], "submitted")
    f.week(engaged, MONDAYS[4], "draft")
    f.reminder(engaged, MONDAYS[4], ines)
    f.reminder(engaged, MONDAYS[3], approver, kind="not_approved")
    his = f.engagement(olle, done, MONDAYS[0], date(2025, 6, 27), state="ended", approver=approver)
    f.week(his, MONDAYS[0], "approved", comment="Olles dag", decided_by=approver)
    f.reminder(his, MONDAYS[1], olle)
    db.session.commit()
    return {"ines": ines, "olle": olle, "approver": approver, "engagement": engaged, "his": his,
            "open": open_one, "buyer": buyer}


def _ids(rows) -> set[int]:
    return {r["id"] for r in rows}


def test_the_extract_holds_each_new_table_of_the_person_and_nobody_elses(app, scene):
    ines, olle = scene["ines"], scene["olle"]
    data = personal_data.collect(ines)
    for table in set(erasure_work.TABLES) - {"engagement_approvers"}:
        assert data[table], f"{table}: the fixture gives Ines rows"
    assert {r["consultant_id"] for r in data["applications"]} == {ines.id}
    assert {r["text"] for r in data["application_answers"]} == {"Ines egna ord", "Sju år av Erlang i produktion"}
    assert {r["user_id"] for r in data["saved_searches"]} == {ines.id}
    assert {r["consultant_id"] for r in data["tender_namings"]} == {ines.id}
    assert _ids(data["engagements"]) == {scene["engagement"].id}
    assert {r["engagement_id"] for r in data["engagement_changes"]} == {scene["engagement"].id}
    assert {r["consultant_id"] for r in data["time_reports"]} == {ines.id} and len(data["time_reports"]) == 6
    assert len(data["time_entries"]) == 30 and "Olles dag" not in json.dumps(data["time_entries"])
    assert {r["recipient_id"] for r in data["time_reminders"]} == {ines.id}
    assert data["engagement_approvers"] == []  # she approves nobody's hours
    with app.test_request_context(headers={"Accept-Language": "en"}):
        extract = access_extract.dumps(access_extract.build(ines))
    assert "Olle" not in extract and olle.email not in extract
    titles = {c["category"]: c["title"] for c in json.loads(extract)["categories"]}
    assert titles["applications"] == "Your applications to assignments" and titles["time_entries"] == "Hours per day"
    assert json.loads(extract)["categories"][0]["purpose"]


def test_an_approvers_extract_holds_their_role_and_decisions_not_the_consultants_hours(app, scene):
    """R-BUY-5: the representative is the subject of their approver rows and of the decisions they made."""
    approver = scene["approver"]
    data = personal_data.collect(approver)
    assert {r["engagement_id"] for r in data["engagement_approvers"]} == {scene["engagement"].id, scene["his"].id}
    assert {r["decided_by_id"] for r in data["time_reports"]} == {approver.id} and len(data["time_reports"]) == 5
    assert data["time_entries"] == [] and data["applications"] == [] and data["engagements"] == []
    assert {r["recipient_id"] for r in data["time_reminders"]} == {approver.id}


def test_portability_holds_applications_answers_rate_searches_and_hours_but_no_decisions(app, scene):
    ines = scene["ines"]
    document = portability.build(ines)
    jsonschema.validate(json.loads(portability.dumps(document)), json.loads(portability.schema_text("portability")),
                        cls=jsonschema.Draft202012Validator)
    tables = document["tables"]
    assert {(a["assignment"], a["rate"]) for a in tables["applications"]} == {("Fyrsystem", 1050),
                                                                               ("Hamnsystem", 1050)}
    assert "Ines egna ord" in {a["text"] for a in tables["application_answers"]}
    assert [s["name"] for s in tables["saved_searches"]] == ["Erlang på Gotland"]
    assert json.loads(tables["saved_searches"][0]["filters_json"]) == {"q": "erlang", "region": "Gotland"}
    assert len(tables["tender_namings"]) == 1
    assert len(tables["time_entries"]) == 30 and sum(e["minutes"] for e in tables["time_entries"]) == 30 * 480 * 4 // 5
    assert any(e["not_working"] for e in tables["time_entries"])
    text = portability.dumps(document)
    for not_hers in ("Kunden valde en annan", "Fel timmar", "Godkänt av", "Olle", "Tillsatt"):
        assert not_hers not in text  # staff's reasons, approvers' comments, others' data, change reasons
    assert portability.build(scene["approver"])["tables"]["time_entries"] == []


def test_erasure_is_refused_while_an_engagement_runs_and_nothing_changes(app, scene):
    ines, today = scene["ines"], date.today()
    running = f.engagement(ines, scene["open"], today - timedelta(days=30), today + timedelta(days=30))
    stale = f.engagement(ines, scene["open"], today - timedelta(days=90), today - timedelta(days=1))  # not closed yet
    db.session.commit()
    plan = erasure_plan.plan(ines)
    assert [(b.ground, b.what, b.until) for b in plan.blocks] == [("ongoing_assignment", "Fyrsystem",
                                                                    running.end_date)]
    with app.test_request_context(headers={"Accept-Language": "en"}):
        with pytest.raises(DomainError, match="ongoing assignment"):
            erasure.execute(Actor(user=ines), ines)
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(Application.id)).where(Application.consultant_id == ines.id)) == 2
    assert db.session.get(User, ines.id).email == "ines@example.se"
    running.state = "ended"
    db.session.commit()
    assert erasure_plan.plan(ines).allowed and stale.state == "active"


def _count(model, *where) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))


def test_erasure_deletes_applications_and_keeps_approved_hours_minimised(app, scene):
    ines, olle, engaged = scene["ines"], scene["olle"], scene["engagement"]
    with app.test_request_context(headers={"Accept-Language": "en"}):
        receipt = erasure.execute(Actor(user=ines), ines)
    db.session.commit()
    for model, column in ((Application, Application.consultant_id), (SavedSearch, SavedSearch.user_id),
                          (TenderNaming, TenderNaming.consultant_id), (TimeReminder, TimeReminder.recipient_id)):
        assert _count(model, column == ines.id) == 0, model.__name__
        assert _count(model, column == olle.id) == 1, model.__name__  # somebody else's stay
    assert _count(ApplicationAnswer) == 1
    kept = db.session.scalars(sa.select(TimeReport).where(TimeReport.consultant_id == ines.id)
                              .order_by(TimeReport.id)).all()
    assert [r.state for r in kept] == ["superseded", "approved", "approved"]  # never-approved weeks are gone
    assert all(r.decision_comment is None for r in kept)
    entries = [e for r in kept for e in r.entries]
    assert len(entries) == 15 and sum(e.minutes for e in entries) == 12 * 480  # days and minutes: bookkeeping
    assert {e.comment for e in entries} == {""} and not any(e.not_working for e in entries)
    assert _count(TimeEntry) == 15 + 5  # Olle's week untouched
    assert "Olles dag" in {e.comment for e in db.session.scalars(sa.select(TimeEntry))}
    engagement = db.session.get(Engagement, engaged.id)
    assert engagement.consultant_id == ines.id and {c.reason for c in engagement.changes} == {""}
    tombstone = db.session.get(User, ines.id)
    assert tombstone.email.endswith("@erased.invalid") and tombstone.name == "Ines Inventering"  # bookkeeping
    assert {"category": "engagements", "count": 4, "ground": "bookkeeping", "until": "2032-12-31"} in receipt["kept"]
    deleted = {i["category"]: i["count"] for i in receipt["deleted"]}
    assert deleted["applications"] == 2 + 2 + 1 + 1  # applications, their answers, the search, the tender yes
    assert deleted["time_reports"] == 3 + 15 + 1  # weeks never approved, their days, her reminder


def test_the_erasure_preview_says_what_goes_and_what_is_kept_and_why(app, scene, csrf_off):
    client = app.test_client()
    sign_in(client, scene["ines"])
    page = client.get("/privacy/erasure").get_data(as_text=True)
    assert "Your applications to assignments with your answers and rate" in page
    assert "Weeks of hours never approved" in page
    assert "Engagements you worked on and their approved weeks" in page
    assert "2032-12-31" in page or "31 December 2032" in page or "Dec 31, 2032" in page


def test_an_erased_approver_leaves_no_role_and_no_name_on_the_weeks(app, scene):
    approver, ines = scene["approver"], scene["ines"]
    with app.test_request_context(headers={"Accept-Language": "en"}):
        receipt = erasure.execute(Actor(user=approver), approver)
    db.session.commit()
    assert _count(EngagementApprover) == 0
    assert _count(TimeReport, TimeReport.decided_by_id == approver.id) == 0
    assert _count(TimeReport, TimeReport.consultant_id == ines.id) == 6  # the consultant's weeks stay
    comments = set(db.session.scalars(sa.select(TimeReport.decision_comment)))
    assert "Godkänt av [erased] för Ines Inventering" in comments and not any(
        "Bodil" in (c or "") for c in comments)
    assert {i["category"] for i in receipt["deleted"]} >= {"approvals"}
    assert _count(EngagementChange) == 4


def test_a_restriction_freezes_applications_but_the_running_engagement_is_reported_and_approved(app, scene):
    from portal.services.applications import review
    from portal.services.timesheets import approval, reporting

    ines, approver = scene["ines"], scene["approver"]
    monday = date.today() - timedelta(days=date.today().weekday())
    running = f.engagement(ines, scene["open"], monday - timedelta(weeks=2), monday + timedelta(weeks=8),
                           approver=approver)
    restrictions.restrict(Actor(user=ines), ines, [restrictions.WHOLE], "Min historik stämmer inte")
    db.session.commit()
    assert {"applications", "application_answers", "saved_searches", "tender_namings"} <= set(
        restrictions.TABLES[restrictions.WHOLE])
    covered = {t for tables in restrictions.TABLES.values() for t in tables}
    assert not covered & {"engagements", "time_reports", "time_entries", "engagement_changes"}
    recruiter = factories.make_user("staff")
    waiting = db.session.scalar(sa.select(Application).where(Application.consultant_id == ines.id,
                                                             Application.state == "submitted"))
    with app.test_request_context(headers={"Accept-Language": "en"}):
        with pytest.raises(DomainError, match="restricted"):
            review.shortlist(Actor(user=recruiter), waiting, "Passar bra")
        db.session.rollback()
        report = reporting.save_day(Actor(user=ines), running, monday - timedelta(weeks=1), "7,5")
        reporting.submit(Actor(user=ines), report)
        approval.approve(Actor(user=approver), report)
        db.session.commit()
    assert db.session.get(Application, waiting.id).state == "submitted"
    assert db.session.get(TimeReport, report.id).state == "approved"
    assert db.session.get(TimeReport, report.id).entries[0].minutes == 450


def test_the_privacy_centre_says_what_a_restriction_does_to_applications_and_hours(app, scene, csrf_off):
    client = app.test_client()
    sign_in(client, scene["ines"])
    page = client.get("/privacy/restriction").get_data(as_text=True)
    assert 'id="restriction-work"' in page and "saved searches send no mail" in page
    buyer = app.test_client()
    sign_in(buyer, scene["approver"])
    assert 'id="restriction-work"' not in buyer.get("/privacy/restriction").get_data(as_text=True)
