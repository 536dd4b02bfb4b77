"""The audit chain is keyed and anchored: rewriting it without the key, or cutting its tail and
fixing the head, is detected (issue 12, finding 9; R-SEC-2)."""
from __future__ import annotations

import hashlib
import json

import pytest
import sqlalchemy as sa

from portal import create_app
from portal.config import ConfigError
from portal.extensions import db
from portal.models import AuditEvent, AuditHead
from portal.services import audit, audit_anchors
from portal.services.actors import Actor
from tests import factories

KEY_A, KEY_B = "a:" + "A" * 40, "b:" + "B" * 40


@pytest.fixture
def anchors(app, tmp_path):
    app.config["AUDIT_ANCHOR_PATH"] = str(tmp_path / "anchors.jsonl")
    return tmp_path / "anchors.jsonl"


def _events(n: int) -> None:
    actor = Actor(user=factories.make_user(role="staff"), ip="10.0.0.1")
    for i in range(n):
        audit.record(actor, "person.view", subject=actor.user, obj=actor.user, detail={"i": i})
    db.session.commit()


def _plain(prev: str, event: AuditEvent) -> str:
    fields = [prev, event.seq, event.at.isoformat(timespec="microseconds"), event.actor_id, event.action,
              event.subject_id, event.object_type, event.object_id, event.ip, event.detail]
    return hashlib.sha256(json.dumps(fields, separators=(",", ":")).encode()).hexdigest()


def test_rewriting_an_event_and_recomputing_plain_hashes_is_detected(app, anchors):
    """The attack of finding 9: edit, then recompute every hash as the old unkeyed chain did."""
    _events(4)
    db.session.execute(sa.update(AuditEvent).where(AuditEvent.seq == 2).values(action="person.edit"))
    prev = audit.GENESIS
    for event in db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.seq)):
        event.prev_hash, event.hash = prev, _plain(prev, event)
        prev = event.hash
    db.session.get(AuditHead, 1).last_hash = prev
    db.session.commit()
    report = audit_anchors.verify()
    assert not report.ok and report.broken_at == 1 and report.reason == "hash mismatch"


def test_rewriting_as_an_unkeyed_chain_is_caught_by_the_anchor(app, anchors):
    """The same attack, with every key_id set to NULL so the chain passes for one from before the keys."""
    _events(4)
    audit_anchors.write_anchor()
    _events(1)
    db.session.execute(sa.update(AuditEvent).where(AuditEvent.seq == 2).values(action="person.edit"))
    prev = audit.GENESIS
    for event in db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.seq)):
        event.key_id, event.prev_hash, event.hash = None, prev, _plain(prev, event)
        prev = event.hash
    db.session.get(AuditHead, 1).last_hash = prev
    db.session.commit()
    assert audit.verify_chain().ok  # alone, it looks like a legacy log
    report = audit_anchors.verify()
    assert not report.ok and report.broken_at == 4 and "rewritten" in report.reason


def test_anchor_refuses_to_vouch_for_a_broken_log(app, anchors):
    _events(3)
    db.session.execute(sa.update(AuditEvent).where(AuditEvent.seq == 2).values(ip="10.9.9.9"))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["audit", "anchor"])
    assert result.exit_code == 1 and "BROKEN at event 2" in result.output
    assert not anchors.exists()


def test_cutting_the_tail_and_fixing_the_head_is_caught_by_the_anchor(app, anchors):
    _events(5)
    anchor = audit_anchors.write_anchor()
    assert anchor["seq"] == 5
    db.session.execute(sa.delete(AuditEvent).where(AuditEvent.seq >= 4))
    third = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.seq == 3))
    head = db.session.get(AuditHead, 1)
    head.seq, head.last_hash = 3, third.hash
    db.session.commit()
    assert audit.verify_chain().ok  # the chain alone cannot tell
    report = audit_anchors.verify()
    assert not report.ok and "removed" in report.reason
    result = app.test_cli_runner().invoke(args=["audit", "verify"])
    assert result.exit_code == 1 and "BROKEN" in result.output


def test_an_anchored_event_with_another_hash_is_a_rewrite(app, anchors):
    _events(3)
    audit_anchors.write_anchor()
    with anchors.open("a") as handle:  # an anchor the log must still match
        handle.write(json.dumps({"seq": 2, "hash": "f" * 64, "key_id": "derived", "at": "x"}) + "\n")
    report = audit_anchors.verify()
    assert not report.ok and report.broken_at == 2 and "rewritten" in report.reason


def test_anchors_are_appended_never_rewritten(app, anchors):
    _events(2)
    assert app.test_cli_runner().invoke(args=["audit", "anchor"]).exit_code == 0
    first = anchors.read_text()
    inode = anchors.stat().st_ino
    _events(1)
    assert app.test_cli_runner().invoke(args=["audit", "anchor"]).exit_code == 0
    text = anchors.read_text()
    assert text.startswith(first) and len(text.splitlines()) == 2 and anchors.stat().st_ino == inode
    assert [json.loads(line)["seq"] for line in text.splitlines()] == [2, 3]
    assert json.loads(text.splitlines()[1])["key_id"] == "derived"
    result = app.test_cli_runner().invoke(args=["audit", "verify"])
    assert result.exit_code == 0 and "intact: 3 events, 2 anchors" in result.output


def test_the_anchor_is_mailed_to_the_privacy_officers(app, anchors, smtp):
    officer = factories.make_user(role="staff", staff_roles="privacy_officer")
    factories.make_user(role="staff", staff_roles="recruiter")
    _events(2)
    result = app.test_cli_runner().invoke(args=["audit", "anchor"])
    assert result.exit_code == 0 and "mailed to 1 privacy officer" in result.output
    [message] = smtp.wait_for(1)
    assert message["To"] == officer.email
    line = anchors.read_text().splitlines()[-1]
    assert json.loads(line)["seq"] == 2 and line in smtp.body(message)


def test_keys_rotate_old_events_keep_verifying(app, anchors):
    app.config["AUDIT_KEYS"] = KEY_A
    _events(2)
    app.config["AUDIT_KEYS"] = f"{KEY_B},{KEY_A}"
    _events(2)
    ids = list(db.session.scalars(sa.select(AuditEvent.key_id).order_by(AuditEvent.seq)))
    assert ids[:2] == ["a", "a"] and ids[-1] == "b"
    assert audit_anchors.verify().ok
    app.config["AUDIT_KEYS"] = KEY_B  # the old key dropped too early
    report = audit_anchors.verify()
    assert not report.ok and "'a' is not in AUDIT_KEYS" in report.reason


def _make_legacy(events: list[AuditEvent], prev: str) -> str:
    """Rewrite `events` as the unkeyed chain wrote them before this change; the last hash."""
    for event in events:
        event.key_id, event.prev_hash, event.hash = None, prev, _plain(prev, event)
        prev = event.hash
    return prev


def _rekey(event: AuditEvent, prev: str) -> str:
    event.key_id, event.prev_hash = "derived", prev
    event.hash = audit._mac(prev, event.seq, event, audit.keys())
    return event.hash


def test_events_from_before_the_keyed_chain_verify_as_a_prefix(app, anchors):
    _events(4)
    events = list(db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.seq)))
    prev = _rekey(events[3], _rekey(events[2], _make_legacy(events[:2], audit.GENESIS)))
    db.session.get(AuditHead, 1).last_hash = prev
    db.session.commit()
    report = audit_anchors.verify()
    assert report.ok and report.checked == 4


def test_an_unkeyed_event_after_a_keyed_one_is_tampering(app, anchors):
    _events(4)
    events = list(db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.seq)))
    prev = _make_legacy(events[3:], _rekey(events[2], _make_legacy(events[:2], audit.GENESIS)))
    db.session.get(AuditHead, 1).last_hash = prev
    db.session.commit()
    report = audit_anchors.verify()
    assert not report.ok and report.broken_at == 4 and "unkeyed event after keyed" in report.reason


def test_production_refuses_to_start_without_audit_keys(monkeypatch, tmp_path):
    for name, value in {"PORTAL_CONFIG": "production", "SECRET_KEY": "x" * 48,
                        "DATABASE_URL": f"sqlite:///{tmp_path}/prod.sqlite3", "FIELD_ENCRYPTION_KEYS": "0" * 43 + "=",
                        "PUBLIC_URL": "https://portal.example",
                        "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/15"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AUDIT_KEYS", raising=False)
    with pytest.raises(ConfigError, match="AUDIT_KEYS is missing.*secrets.token_urlsafe"):
        create_app()
    for malformed in ("2026:short", "no-colon-" + "k" * 40, ":" + "k" * 40):
        monkeypatch.setenv("AUDIT_KEYS", malformed)
        with pytest.raises(ConfigError, match="AUDIT_KEYS"):
            create_app()
    monkeypatch.setenv("AUDIT_KEYS", f"{KEY_B},{KEY_A}")
    assert create_app().config["AUDIT_KEYS"] == f"{KEY_B},{KEY_A}"
