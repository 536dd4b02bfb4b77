"""Inactive consultants (R-CON-11): warned 30 days before three years, deleted at three years only when
warned at least 30 days earlier and still inactive; a sign-in or the keep link in between cancels.
The clock is frozen by passing the run's day (`today`), never by patching."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, OutboxMail, RetentionWarning, User
from portal.services.actors import SYSTEM
from portal.services.privacy import erasure_log, legal_holds
from portal.services.retention import run, schedule
from tests import factories

T = date(2030, 3, 1)
PERIOD, WARN = 3 * 365, 30


def link(token: str) -> str:
    return f"http://localhost/auth/keep-account/{token}"


def inactive(days: int, today: date = T, **fields) -> User:
    """A consultant last active `days` before `today` (at noon)."""
    last = datetime.combine(today - timedelta(days=days), time(12))
    user = factories.make_user("consultant", last_active_at=last, **fields)
    db.session.commit()
    return user


def run_on(today: date, dry_run: bool = False) -> run.Outcome:
    return run.run(SYSTEM, today, dry_run=dry_run, link_for=link)


def is_erased(user: User) -> bool:
    db.session.expire_all()
    return db.session.get(User, user.id).email.endswith(erasure_log.ERASED_DOMAIN)


def mails_to(user: User) -> list[OutboxMail]:
    return list(db.session.scalars(sa.select(OutboxMail).where(OutboxMail.user_id == user.id)))


def test_the_periods_come_from_the_schedule(app):
    rule = schedule.rule("consultant_account", "consultant")
    assert (rule.period_days, rule.warn_days) == (PERIOD, WARN)


def test_warned_at_three_years_minus_thirty_days_not_a_day_earlier(app):
    due = inactive(PERIOD - WARN)
    early = inactive(PERIOD - WARN - 1)
    outcome = run_on(T)
    assert outcome.counts["warned"] == 1
    assert [m.user_id for m in mails_to(due)] == [due.id] and mails_to(early) == []
    warning = db.session.scalar(sa.select(RetentionWarning).where(RetentionWarning.user_id == due.id))
    assert warning.state == "sent" and warning.delete_on == T + timedelta(days=WARN)
    assert "/auth/keep-account/" in mails_to(due)[0].body_text


def test_the_warning_is_in_the_persons_language(app):
    swedish, english = inactive(PERIOD - WARN, locale="sv"), inactive(PERIOD - WARN, locale="en")
    run_on(T)
    assert "You have not used your Customersonly consultant account" in mails_to(english)[0].body_text
    sv = mails_to(swedish)[0]
    assert "Du har inte använt ditt konsultkonto hos Customersonly på länge" in sv.body_text
    assert "inte har använts på 3 år raderas" in sv.body_text
    assert sv.subject == "Ditt konto hos Customersonly raderas om du inte behåller det"


def test_deleted_at_three_years_when_warned_thirty_days_earlier_and_still_inactive(app, tmp_path):
    user = inactive(PERIOD - WARN)
    run_on(T)
    assert run_on(T + timedelta(days=WARN - 1)).counts["deleted_inactive"] == 0  # not yet 30 days
    assert not is_erased(user)
    outcome = run_on(T + timedelta(days=WARN))
    assert outcome.counts["deleted_inactive"] == 1 and is_erased(user)
    assert user.id in erasure_log.entries()[0]  # the erasure log for restores has the account number
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RetentionWarning)) == 0


def test_never_deleted_without_a_warning_thirty_days_before(app):
    user = inactive(PERIOD + 400)  # long past three years, but never warned (the first run ever)
    first = run_on(T)
    assert first.counts["warned"] == 1 and first.counts["deleted_inactive"] == 0 and not is_erased(user)
    warning = db.session.scalar(sa.select(RetentionWarning).where(RetentionWarning.user_id == user.id))
    assert warning.delete_on == T + timedelta(days=WARN)
    assert run_on(T + timedelta(days=WARN - 1)).counts["deleted_inactive"] == 0
    assert run_on(T + timedelta(days=WARN)).counts["deleted_inactive"] == 1 and is_erased(user)


def test_a_sign_in_between_cancels_the_deletion(app, client, csrf_off):
    today = date.today()
    user = inactive(PERIOD - WARN, today)
    run_on(today)
    from tests.conftest import sign_in

    sign_in(client, user)  # moves last_active_at to now
    later = run_on(today + timedelta(days=WARN))
    assert later.counts["deleted_inactive"] == 0 and later.counts["active_again"] == 1 and not is_erased(user)
    assert db.session.scalar(sa.select(RetentionWarning.state).where(RetentionWarning.user_id == user.id)) \
        == "active_again"
    assert later.counts["warned"] == 0  # active again: no new warning either


def test_a_legal_hold_blocks_the_deletion_and_is_counted_as_held(app):
    user = inactive(PERIOD - WARN)
    run_on(T)
    legal_holds.place(SYSTEM, user, "A claim against the consultant", None, today=T)
    db.session.commit()
    outcome = run_on(T + timedelta(days=WARN))
    assert outcome.counts["held"] == 1 and outcome.counts["deleted_inactive"] == 0 and not is_erased(user)


def test_the_dry_run_lists_ids_and_reasons_and_changes_nothing(app):
    warn_me, delete_me = inactive(PERIOD - WARN), inactive(PERIOD)
    run_on(T - timedelta(days=WARN))  # only delete_me was due for a warning then
    counted = [db.session.scalar(sa.select(sa.func.count()).select_from(m))
               for m in (AuditEvent, OutboxMail, RetentionWarning)]
    outcome = run_on(T, dry_run=True)
    assert {(d.user_id, d.action) for d in outcome.due} == {(warn_me.id, "warn"), (delete_me.id, "delete")}
    reasons = {d.user_id: d.reason for d in outcome.due}
    assert reasons[delete_me.id].startswith("inactive_since_") and "_warned_" in reasons[delete_me.id]
    assert outcome.counts["warned"] == 1 and outcome.counts["deleted_inactive"] == 1
    assert outcome.report is None and run.report_for(T) is None
    assert [db.session.scalar(sa.select(sa.func.count()).select_from(m))
            for m in (AuditEvent, OutboxMail, RetentionWarning)] == counted
    assert not is_erased(delete_me) and not is_erased(warn_me)
