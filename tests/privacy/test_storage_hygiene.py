"""Erasure that reaches storage, piece by piece (R-RIGHTS-4, R-SEC-2; issue 14 finding 1): SQLite's
pragmas, the step after the commit, the security log's addresses removed with the chain still verifying
(and tampering still caught), retention deletions, and the erasure log a restore re-applies."""
from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, PrivacyRequest, User, utcnow
from portal.services import audit, audit_anchors
from portal.services.actors import SYSTEM, Actor
from portal.services.privacy import erasure, erasure_log, privacy_requests, retention, storage_hygiene
from tests import factories

IP = "198.51.100.23"


@pytest.fixture(autouse=True)
def request_context(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


def _wal(app) -> Path | None:
    url = sa.make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    return Path(url.database + "-wal") if url.get_backend_name() == "sqlite" else None


def _person_with_events(n: int = 3) -> User:
    user = factories.make_user("consultant", name="Petra Pragma", email="petra.pragma@example.se")
    for i in range(n):
        audit.record(Actor(user=user, ip=IP), "profile.update", subject=user, obj=user, detail={"i": i})
    db.session.commit()
    return user


def test_sqlite_connections_zero_deleted_rows_and_limit_the_log(app):
    if db.engine.dialect.name != "sqlite":
        assert db.engine.dialect.name == "postgresql"  # vacuum instead: test_the_touched_tables_are_vacuumed
        return
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_size_limit").scalar() == 4 * 1024 * 1024
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_an_erasure_empties_the_wal_after_its_commit(app):
    user = _person_with_events()
    erasure.execute(SYSTEM, user)
    wal = _wal(app)
    if wal is not None:
        assert wal.stat().st_size > 0  # not before the commit: the erasure may still roll back
    db.session.commit()
    if wal is not None:
        assert wal.stat().st_size == 0


def test_a_rolled_back_erasure_leaves_no_mark(app):
    user = _person_with_events()
    erasure.execute(SYSTEM, user)
    db.session.rollback()
    assert storage_hygiene.KEY not in db.session.info
    db.session.commit()
    assert erasure_log.entries() == ([], set())
    assert db.session.get(User, user.id).email == "petra.pragma@example.se"
    assert db.session.scalars(sa.select(AuditEvent.ip).where(AuditEvent.actor_id == user.id)).all() == [IP] * 3


def test_the_cascades_of_a_deletion_are_vacuumed_too(app):
    assert {"offers", "offer_answers"} <= storage_hygiene.with_cascades({"offers"})
    assert "profile_references" in storage_hygiene.with_cascades({"consultant_profiles"})


def test_the_touched_tables_are_vacuumed(app):
    done = storage_hygiene.after_erasure({"offers", "users"})
    if db.engine.dialect.name == "sqlite":
        assert done[0] == 0  # [busy, frames, checkpointed]: not busy
    else:
        assert {"offers", "offer_answers", "users"} <= set(done)
        vacuumed = set(db.session.scalars(sa.text(
            "SELECT relname FROM pg_stat_user_tables WHERE last_vacuum IS NOT NULL")))
        assert {"offers", "offer_answers", "users"} <= vacuumed


def test_erasure_removes_the_addresses_and_the_chain_still_verifies(app):
    user = _person_with_events()
    staff = factories.make_user("staff", staff_roles="privacy_officer")
    audit.record(Actor(user=staff, ip="192.0.2.9"), "person.view", subject=user)  # staff's address stays
    db.session.commit()
    erasure.execute(SYSTEM, user)
    db.session.commit()
    events = db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.seq)).all()
    hers = [e for e in events if e.actor_id == user.id]
    assert len(hers) == 3 and all(e.ip is None and e.ip_nonce is None and e.ip_digest for e in hers)
    assert [e.ip for e in events if e.actor_id == staff.id] == ["192.0.2.9"]
    marker = events[-1]
    assert marker.action == audit.REDACT_ACTION and json.loads(marker.detail) == {
        "seqs": [[hers[0].seq, hers[-1].seq]]}
    assert IP not in json.dumps([[e.ip, e.detail] for e in events])
    assert audit.verify_chain().ok and audit_anchors.verify().ok


def test_an_address_removed_without_a_marker_is_tampering(app):
    _person_with_events()
    db.session.execute(sa.update(AuditEvent).where(AuditEvent.seq == 2).values(ip=None, ip_nonce=None))
    db.session.commit()
    report = audit.verify_chain()
    assert (report.broken_at, report.reason) == (2, "address removed without a redaction marker")


@pytest.mark.parametrize("change", [{"ip": "10.6.6.6"}, {"ip_nonce": "00" * 16}, {"ip_nonce": "not hex"}])
def test_a_changed_address_is_tampering(app, change):
    _person_with_events()
    db.session.execute(sa.update(AuditEvent).where(AuditEvent.seq == 3).values(**change))
    db.session.commit()
    report = audit.verify_chain()
    assert (report.broken_at, report.reason) == (3, "address does not match its digest")


def test_an_address_put_back_instead_of_its_digest_is_tampering(app):
    _person_with_events()
    db.session.execute(sa.update(AuditEvent).where(AuditEvent.seq == 1).values(ip_digest=None, ip_nonce=None))
    db.session.commit()
    assert audit.verify_chain().reason == "hash mismatch"


def _visitor_request(email: str) -> PrivacyRequest:
    request = privacy_requests.submit_from_visitor(Actor(user=None, ip=IP), name="Vera Visitor", email=email,
                                                   kind="access", details="", locale="en",
                                                   link_for=lambda token: f"http://localhost/{token}")
    db.session.commit()
    return request


def test_a_retention_deletion_removes_the_visitors_address(app):
    request = _visitor_request("vera.v@example.se")
    request.received_at = utcnow() - timedelta(days=30)
    db.session.commit()
    assert db.session.scalars(sa.select(AuditEvent.ip).where(AuditEvent.object_id == str(request.id))).all()
    assert retention.purge_unverified(SYSTEM) == 1
    db.session.commit()
    assert IP not in set(db.session.scalars(sa.select(AuditEvent.ip)))
    assert audit.verify_chain().ok
    wal = _wal(app)
    assert wal is None or wal.stat().st_size == 0


def test_the_erasure_log_has_numbers_and_keyed_hashes_only(app):
    user = _person_with_events()
    erasure.execute(SYSTEM, user)
    db.session.commit()
    erasure_log.erase_again(SYSTEM, "vera.v@example.se")
    db.session.commit()
    text = erasure_log.log_path().read_text()
    assert "petra" not in text and "vera" not in text
    assert erasure_log.entries() == ([user.id], {erasure_log.address_hash("Vera.V@example.se")})


def test_reapply_erases_who_a_restored_backup_still_holds_and_is_idempotent(app):
    """A restore brings back people erased after the backup; the log in its own file brings their erasure back."""
    erased_before = _person_with_events()
    erasure.execute(SYSTEM, erased_before)
    db.session.commit()
    restored = factories.make_user("consultant", name="Rolf Restored", email="rolf.restored@example.se")
    never_in_backup = 999_999
    visitor = _visitor_request("vanja.v@example.se")
    db.session.commit()
    erasure_log.append(user_ids=[restored.id, never_in_backup], addresses=["vanja.v@example.se"])
    runner = app.test_cli_runner()

    result = runner.invoke(args=["privacy", "reapply-erasures"])

    assert result.exit_code == 0 and "erased again 2 people" in result.output, result.output
    db.session.expire_all()
    assert db.session.get(User, restored.id).email.endswith("@erased.invalid")
    assert db.session.get(PrivacyRequest, visitor.id).email == ""
    assert audit.verify_chain().ok
    again = runner.invoke(args=["privacy", "reapply-erasures"])
    assert again.exit_code == 0 and "erased again 0 people" in again.output


def test_reapply_reports_a_blocked_person_and_goes_on(app):
    from portal.services.privacy import legal_holds

    held = factories.make_user("consultant", name="Hedda Held", email="hedda.held@example.se")
    other = factories.make_user("consultant", name="Otto Other", email="otto.other@example.se")
    legal_holds.place(SYSTEM, held, "A court case", None)
    db.session.commit()
    erasure_log.append(user_ids=[held.id, other.id])
    result = app.test_cli_runner().invoke(args=["privacy", "reapply-erasures"])
    assert result.exit_code == 0 and f"account {held.id} not erased" in result.output
    assert "erased again 1 people" in result.output and "Hedda" not in result.output
    db.session.expire_all()
    assert db.session.get(User, held.id).email == "hedda.held@example.se"
    assert db.session.get(User, other.id).is_disabled


def test_events_written_at_commit_lose_an_erased_persons_address_with_the_rest(app):
    """audit.record_many_at_commit writes as the session commits; the redaction before the same commit must
    already see those events, or the address of an erased person would stay in the log."""
    person = factories.make_user()
    db.session.commit()
    audit.record_many_at_commit(Actor(user=person, ip="192.0.2.77"), "person.view", [(person, None, None)])
    storage_hygiene.track(user_id=person.id)
    db.session.commit()
    events = list(db.session.scalars(sa.select(AuditEvent).where(AuditEvent.actor_id == person.id)))
    assert [e.action for e in events] == ["person.view"] and events[0].ip is None and events[0].ip_nonce is None
    assert "192.0.2.77" not in json.dumps([[e.ip, e.detail] for e in db.session.scalars(sa.select(AuditEvent))])
    assert audit.verify_chain().ok
