"""`flask retention run` (R-CON-11, R-BUY-6, R-PAR-2): one report per day with counts only, idempotent,
a dry run that lists account numbers and reasons, and the staff pages that show the schedule and the
reports to the privacy officer and admins only."""
from __future__ import annotations

import json
from datetime import date, timedelta

import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, OutboxMail, RetentionRun, RetentionWarning, User
from portal.services.retention import run
from tests import factories
from tests.retention.test_inactivity import PERIOD, WARN, T, inactive, is_erased, run_on


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_a_second_run_the_same_day_does_nothing_more(app):
    inactive(PERIOD - WARN)
    first = run_on(T)
    assert first.counts["warned"] == 1 and first.report is not None
    state = [count(m) for m in (OutboxMail, RetentionWarning, RetentionRun, AuditEvent)]
    second = run_on(T)
    assert second.already_ran and second.report.id == first.report.id
    assert [count(m) for m in (OutboxMail, RetentionWarning, RetentionRun, AuditEvent)] == state


def test_the_work_itself_is_idempotent_on_the_next_day(app):
    user = inactive(PERIOD - WARN)
    run_on(T)
    nxt = run_on(T + timedelta(days=1))
    assert nxt.counts["warned"] == 0 and count(OutboxMail) == 1 and count(RetentionRun) == 2
    run_on(T + timedelta(days=WARN))
    assert is_erased(user)
    assert run_on(T + timedelta(days=WARN + 1)).counts["deleted_inactive"] == 0  # a tombstone is never picked again


def test_the_report_holds_counts_and_no_personal_data(app):
    user = inactive(PERIOD - WARN, name="Astrid Lindqvist", email="astrid.lindqvist@example.se")
    report = run_on(T).report
    stored = json.dumps(report.counts)
    assert set(report.counts) == set(run.COUNT_KEYS) | {"expired"}
    assert all(isinstance(v, int) for k, v in report.counts.items() if k != "expired")
    assert all(isinstance(v, int) for v in report.counts["expired"].values())
    assert "Astrid" not in stored and "lindqvist" not in stored and user.email not in stored
    columns = set(RetentionRun.__table__.columns.keys())
    assert columns == {"id", "run_on", "started_at", "finished_at", "counts"}


def test_the_run_includes_the_expiry_of_kept_data(app):
    counts = run_on(T).counts["expired"]
    assert set(counts) >= {"privacy_request", "audit_event", "outbox_mail", "security_log", "bookkeeping"}


def test_the_command_dry_run_prints_account_numbers_and_reasons_only(app):
    user = inactive(PERIOD - WARN, name="Astrid Lindqvist")
    result = app.test_cli_runner().invoke(args=["retention", "run", "--dry-run", "--today", T.isoformat()])
    assert result.exit_code == 0, result.output
    assert f"would warn: account {user.id} (inactive_since_" in result.output
    assert "dry run, nothing changed" in result.output and "warned 1" in result.output
    assert "Astrid" not in result.output and user.email not in result.output
    assert count(RetentionRun) == 0 and count(RetentionWarning) == 0 and count(OutboxMail) == 0


def test_the_command_runs_writes_the_report_and_says_so_the_second_time(app):
    inactive(PERIOD - WARN)
    runner = app.test_cli_runner()
    first = runner.invoke(args=["retention", "run", "--today", T.isoformat()])
    assert first.exit_code == 0, first.output
    assert "done: warned 1" in first.output and "expired" in first.output
    assert "Retention run" not in first.output  # no progress bar when the output is not a terminal
    second = runner.invoke(args=["retention", "run", "--today", T.isoformat()])
    assert second.exit_code == 0 and "already ran on 2030-03-01" in second.output
    assert count(RetentionRun) == 1 and count(OutboxMail) == 1


def test_the_command_refuses_a_malformed_day(app):
    result = app.test_cli_runner().invoke(args=["retention", "run", "--today", "1 March"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
    assert count(RetentionRun) == 0


# --- the staff pages -------------------------------------------------------------------------

def test_the_privacy_officer_sees_the_schedule_and_the_reports(app, login_as):
    report = run_on(T).report
    db.session.commit()
    officer = login_as("staff", staff_roles="privacy_officer")
    page = officer.get("/staff/retention", headers={"Accept-Language": "en"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Consultant accounts" in html and "3 years" in html and "Bokföringslagen" in html
    assert f"/staff/retention/runs/{report.id}" in html
    detail = officer.get(f"/staff/retention/runs/{report.id}", headers={"Accept-Language": "en"})
    assert detail.status_code == 200 and "Inactive consultants warned" in detail.get_data(as_text=True)
    assert officer.get("/staff/retention/runs/99999").status_code == 404
    assert "/staff/retention" in officer.get("/staff/").get_data(as_text=True)  # in the staff navigation


def test_admins_see_it_too_and_in_swedish(app, login_as):
    admin = login_as("staff", staff_roles="admin")
    html = admin.get("/staff/retention", headers={"Accept-Language": "sv"}).get_data(as_text=True)
    assert "Gallringsplan" in html and "3 år" in html


def test_other_roles_may_not_open_the_retention_pages(app, login_as):
    report = run_on(T).report
    db.session.commit()
    recruiter = login_as("staff", staff_roles="recruiter")
    assert recruiter.get("/staff/retention").status_code == 403
    assert recruiter.get(f"/staff/retention/runs/{report.id}").status_code == 403
    consultant = login_as("consultant")
    assert consultant.get("/staff/retention").status_code in (403, 404)
    assert app.test_client().get("/staff/retention").status_code in (302, 303)


def test_the_demo_gives_the_staff_pages_something_to_show(app):
    from portal.demo import retention as demo_retention
    from portal.demo.seed import demo_email

    user = factories.make_user("consultant", email=demo_email(demo_retention.INACTIVE), locale="sv")
    db.session.commit()
    today = date(2026, 12, 1)
    assert len(list(demo_retention.load(demo_email, today=today))) == 2
    db.session.commit()
    assert count(RetentionRun) == 1 and count(RetentionWarning) == 1 and count(OutboxMail) == 1
    assert list(demo_retention.load(demo_email, today=today)) == []  # safe to run again
    assert count(RetentionRun) == 1 and count(RetentionWarning) == 1
    warning = db.session.scalar(sa.select(RetentionWarning))
    assert warning.user_id == user.id and warning.delete_on == today + timedelta(days=WARN - 20)


def test_a_restricted_consultant_is_kept_for_the_privacy_officer_not_deleted(app):
    """Art. 18(1)(b), (c): a person may ask for restriction instead of erasure; the run does not decide for them."""
    from portal.services.actors import Actor
    from portal.services.privacy import restrictions

    user = inactive(PERIOD - WARN)
    run_on(T)
    with app.test_request_context():  # the confirmation mail is written in a request's language
        restrictions.restrict(Actor(user=user), user, [restrictions.WHOLE], "I need the profile kept for a dispute.")
    db.session.commit()
    assert run_on(T + timedelta(days=WARN), dry_run=True).counts["restricted"] == 1
    outcome = run_on(T + timedelta(days=WARN))
    assert outcome.counts["restricted"] == 1 and outcome.counts["deleted_inactive"] == 0 and not is_erased(user)


def test_the_run_mails_the_privacy_officer_about_holds_due_for_review_once(app):
    from portal.services.actors import SYSTEM
    from portal.services.privacy import legal_holds

    officer = factories.make_user("staff", staff_roles="privacy_officer")
    person = factories.make_user("consultant")
    legal_holds.place(SYSTEM, person, "A claim", None, today=T - timedelta(days=200), review_on=T + timedelta(days=3))
    db.session.commit()
    assert run_on(T).counts["hold_reviews"] == 1
    mails = db.session.scalars(sa.select(OutboxMail).where(OutboxMail.user_id == officer.id)).all()
    assert len(mails) == 1
    assert run_on(T + timedelta(days=1)).counts["hold_reviews"] == 0  # once per review date


def test_an_ongoing_assignment_keeps_an_inactive_consultant_and_is_counted_as_blocked(app):
    """R-RIGHTS-4: an ongoing brokered assignment refuses erasure; the run counts it and goes on."""
    from portal.models import Assignment, ShortlistEntry

    user, other = inactive(PERIOD - WARN), inactive(PERIOD - WARN)
    run_on(T)
    buyer = factories.make_organisation("buyer")
    assignment = Assignment(organisation_id=buyer.id, title="Platform team", description="d", role="Dev",
                            start_date=T, end_date=T + timedelta(days=365), answer_deadline=T, state="filled")
    db.session.add(assignment)
    db.session.flush()
    db.session.add(ShortlistEntry(assignment_id=assignment.id, consultant_id=user.id, reason="fits",
                                  pseudonym="Konsult A", anonymized_card_json="{}", state="released"))
    db.session.commit()
    assert run_on(T + timedelta(days=WARN), dry_run=True).counts["blocked"] == 1
    outcome = run_on(T + timedelta(days=WARN))
    assert (outcome.counts["blocked"], outcome.counts["deleted_inactive"]) == (1, 1)
    assert not is_erased(user) and is_erased(other)
