"""The audit log is append-only and hash-chained; tampering is detected (`flask audit verify`)."""
from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, AuditHead
from portal.services import audit
from portal.services.actors import Actor
from tests import factories


def _events(n: int):
    actor = Actor(user=factories.make_user(role="staff"), ip="10.0.0.1")
    subject = factories.make_user()
    for i in range(n):
        audit.record(actor, "person.view", subject=subject, obj=subject, detail={"i": i})
    db.session.commit()


def test_a_clean_chain_verifies(app):
    _events(5)
    report = audit.verify_chain()
    assert report.ok and report.checked == 5
    seqs = list(db.session.scalars(sa.select(AuditEvent.seq).order_by(AuditEvent.seq)))
    assert seqs == [1, 2, 3, 4, 5]


def test_a_changed_event_breaks_the_chain(app):
    _events(5)
    db.session.execute(sa.update(AuditEvent).where(AuditEvent.seq == 3).values(action="person.edit"))
    db.session.commit()
    report = audit.verify_chain()
    assert not report.ok and report.broken_at == 3 and report.checked == 2


def test_a_removed_event_breaks_the_chain(app):
    _events(5)
    db.session.execute(sa.delete(AuditEvent).where(AuditEvent.seq == 2))
    db.session.commit()
    assert audit.verify_chain().broken_at == 3


def test_a_removed_last_event_is_detected(app):
    _events(3)
    db.session.execute(sa.delete(AuditEvent).where(AuditEvent.seq == 3))
    db.session.commit()
    assert not audit.verify_chain().ok


def test_cli_verify_exit_codes(app):
    _events(3)
    runner = app.test_cli_runner()
    ok = runner.invoke(args=["audit", "verify"])
    assert ok.exit_code == 0 and "intact: 3 events" in ok.output
    db.session.execute(sa.update(AuditEvent).where(AuditEvent.seq == 1).values(ip="10.9.9.9"))
    db.session.commit()
    broken = runner.invoke(args=["audit", "verify"])
    assert broken.exit_code == 1 and "BROKEN at event 1" in broken.output


def test_staff_page_verifies_the_chain(login_as):
    _events(2)
    officer = login_as("staff", staff_roles="privacy_officer")
    response = officer.post("/staff/audit/verify", headers={"Accept-Language": "en"})
    assert response.status_code == 200 and "The log is intact" in response.get_data(as_text=True)


def test_events_written_together_chain_like_events_written_one_by_one(app):
    """A ranking page records one view per person shown in one flush; the chain must not notice."""
    actor = Actor(user=factories.make_user(role="staff"), ip="10.0.0.2")
    people = [factories.make_user() for _ in range(4)]
    audit.record(actor, "person.view", subject=people[0])
    written = audit.record_many(actor, "person.view", [(p, p, {"ranking": True}) for p in people[1:]])
    audit.record(actor, "person.view", subject=people[0])
    db.session.commit()
    assert [e.seq for e in written] == [2, 3, 4] and [e.subject_id for e in written] == [p.id for p in people[1:]]
    assert audit.verify_chain().ok and audit.verify_chain().checked == 5
    assert audit.record_many(actor, "person.view", []) == []
    db.session.execute(sa.update(AuditEvent).where(AuditEvent.seq == 3).values(subject_id=people[0].id))
    db.session.commit()
    assert audit.verify_chain().broken_at == 3


def test_views_recorded_at_commit_take_the_log_only_when_the_session_commits(app):
    """A page that shows people renders between its audit and its commit; the log's head stays untouched
    (unlocked) until the commit writes the events, and a rollback leaves no event behind."""
    actor = Actor(user=factories.make_user(role="staff"), ip="10.0.0.2")
    people = [factories.make_user() for _ in range(3)]
    audit.record(actor, "person.view", subject=people[0])
    db.session.commit()
    audit.record_many_at_commit(actor, "person.view", [(p, p, {"ranking": True}) for p in people])
    assert db.session.scalar(sa.select(sa.func.count(AuditEvent.id))) == 1
    assert db.session.get(AuditHead, 1).seq == 1
    db.session.commit()
    assert [e.subject_id for e in db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.seq))] == [
        people[0].id, *[p.id for p in people]]
    assert audit.verify_chain().ok and audit.verify_chain().checked == 4
    audit.record_many_at_commit(actor, "person.view", [(people[0], None, None)])
    db.session.rollback()
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count(AuditEvent.id))) == 4
