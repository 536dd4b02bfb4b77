"""Events written before address digests existed hash the address itself (issue 14: the security log keeps
what the receipt says and nothing more). Redaction seals them: the chain still verifies without the address,
and a change to anything else in such an event is still caught (R-RIGHTS-4, R-SEC-2)."""
from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, AuditHead
from portal.services import audit
from portal.services.actors import SYSTEM, Actor
from portal.services.privacy import erasure
from tests import factories

IP = "203.0.113.77"


@pytest.fixture(autouse=True)
def request_context(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


def _as_written_before_digests(event: AuditEvent) -> None:
    """Rewrite the newest event the way the chain wrote it before migration 5e1f0c3a9b27: no digest, the
    address itself under the hash."""
    event.ip_digest = event.ip_nonce = None
    event.hash = audit._mac(event.prev_hash, event.seq, event, audit.keys())
    db.session.get(AuditHead, 1).last_hash = event.hash
    db.session.flush()


def _person_with_an_older_event():
    user = factories.make_user("consultant", name="Olga Äldre", email="olga.aldre@example.se")
    event = audit.record(Actor(user=user, ip=IP), "profile.update", subject=user, obj=user)
    _as_written_before_digests(event)
    db.session.commit()
    assert audit.verify_chain().ok
    return user, event.seq


def test_erasure_removes_the_address_of_an_older_event_and_the_chain_still_verifies(app):
    user, seq = _person_with_an_older_event()
    erasure.execute(SYSTEM, user)
    db.session.commit()
    assert db.session.scalar(sa.select(AuditEvent.ip).where(AuditEvent.seq == seq)) is None
    stored = json.dumps([[e.ip, e.detail] for e in db.session.scalars(sa.select(AuditEvent))])
    assert IP not in stored
    marker = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == audit.REDACT_ACTION))
    assert str(seq) in json.loads(marker.detail)["sealed"]
    assert audit.verify_chain().ok


@pytest.mark.parametrize("change", [{"action": "profile.delete"}, {"subject_id": 999}, {"detail": '{"x": 1}'}])
def test_a_change_to_a_sealed_event_is_still_caught(app, change):
    user, seq = _person_with_an_older_event()
    erasure.execute(SYSTEM, user)
    db.session.commit()
    db.session.execute(sa.update(AuditEvent).where(AuditEvent.seq == seq).values(**change))
    db.session.commit()
    report = audit.verify_chain()
    assert (report.broken_at, report.reason) == (seq, "a sealed event was changed")


def test_an_older_address_removed_without_a_seal_is_caught(app):
    _user, seq = _person_with_an_older_event()
    db.session.execute(sa.update(AuditEvent).where(AuditEvent.seq == seq).values(ip=None))
    db.session.commit()
    report = audit.verify_chain()
    assert (report.broken_at, report.reason) == (seq, "hash mismatch")


def test_an_older_event_already_tampered_with_is_not_sealed(app):
    user, seq = _person_with_an_older_event()
    db.session.execute(sa.update(AuditEvent).where(AuditEvent.seq == seq).values(action="forged"))
    db.session.commit()
    erasure.execute(SYSTEM, user)
    db.session.commit()
    assert db.session.scalar(sa.select(AuditEvent.ip).where(AuditEvent.seq == seq)) == IP  # left as evidence
    assert audit.verify_chain().broken_at == seq
