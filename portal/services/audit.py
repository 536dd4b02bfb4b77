"""The audit trail: append-only, hash-chained with a secret key, verifiable (R-SEC-2, R-STAFF-1).

Each event's hash is an HMAC-SHA256 under a key from AUDIT_KEYS (`id:secret`, the first signs), over
the previous hash and the event's fields; the key's id is stored with the event, so keys rotate by
putting a new one first and keeping the old ones for verification. Without the key nobody can
recompute the chain after an edit. Truncation is caught by the anchors (services/audit_anchors.py).
Events from before the chain was keyed (key_id NULL) verify with plain SHA-256, and only as a prefix.

The address (IP) is not hashed itself: the chain hashes `ip_digest` = sha256(nonce + ip), with a random
nonce stored beside it. Erasure removes ip and nonce (`redact_addresses`) and writes a marker event
listing the events it cleared; verify accepts a missing address only on an event a marker lists, and
checks every address still there against its digest (issue 14: "by account number only"). Events
written before the digest existed hash the address itself and keep it until the log's two years pass.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app

from portal.extensions import db
from portal.models import AuditEvent, AuditHead, User, utcnow
from portal.services.actors import SYSTEM, Actor

GENESIS = "0" * 64
REDACT_ACTION = "audit.redact_addresses"


class AuditKeyError(RuntimeError):
    """An event names a key that AUDIT_KEYS no longer holds."""


def keys() -> dict[str, bytes]:
    """AUDIT_KEYS as {id: secret}, in order (the first signs). Demo and test derive one from SECRET_KEY;
    config.load refuses a production app without AUDIT_KEYS."""
    configured = current_app.config.get("AUDIT_KEYS")
    if not configured:
        derived = hashlib.sha256(f"audit-chain:{current_app.config['SECRET_KEY']}".encode()).hexdigest()
        return {"derived": derived.encode()}
    pairs = (item.strip().partition(":") for item in configured.split(",") if item.strip())
    return {key_id.strip(): secret.strip().encode() for key_id, _, secret in pairs}


def _fields(prev_hash: str, seq: int, event: AuditEvent, keyed: bool = True) -> bytes:
    # A keyed event hashes its address's digest when it has one; the unkeyed ones predate digests.
    address = event.ip_digest if keyed and event.ip_digest is not None else event.ip
    fields = [
        prev_hash, seq, event.at.isoformat(timespec="microseconds"), event.actor_id, event.action,
        event.subject_id, event.object_type, event.object_id, address, event.detail,
    ]
    return json.dumps(fields, separators=(",", ":")).encode()


def address_digest(nonce: str, ip: str) -> str:
    """The commitment the chain hashes instead of the address; without the nonce it tells nothing."""
    return hashlib.sha256(bytes.fromhex(nonce) + ip.encode()).hexdigest()


def _digest(prev_hash: str, seq: int, event: AuditEvent) -> str:
    """Unkeyed SHA-256: only for the events written before the chain was keyed."""
    return hashlib.sha256(_fields(prev_hash, seq, event, keyed=False)).hexdigest()


def _mac(prev_hash: str, seq: int, event: AuditEvent, available: dict[str, bytes]) -> str:
    secret = available.get(event.key_id)
    if secret is None:
        raise AuditKeyError(f"audit key {event.key_id!r} is not in AUDIT_KEYS")
    return hmac.new(secret, _fields(prev_hash, seq, event), hashlib.sha256).hexdigest()


def record(actor: Actor, action: str, *, subject: User | int | None = None, obj=None,
           detail: dict | None = None) -> AuditEvent:
    """Append one event. `detail` must not hold personal data: ids and codes only."""
    subject_id = subject.id if isinstance(subject, User) else subject
    # Updating the head first takes the write lock (SQLite) or the row lock (PostgreSQL).
    updated = db.session.execute(
        sa.update(AuditHead).where(AuditHead.id == 1).values(seq=AuditHead.seq + 1)
    ).rowcount
    if not updated:
        db.session.add(AuditHead(id=1, seq=1, last_hash=GENESIS))
        db.session.flush()
    head = db.session.get(AuditHead, 1, populate_existing=True)
    nonce = secrets.token_hex(16) if actor.ip else None
    event = AuditEvent(
        seq=head.seq, at=utcnow(), actor_id=actor.user_id, action=action, subject_id=subject_id,
        object_type=type(obj).__name__ if obj is not None else None,
        object_id=str(obj.id) if obj is not None else None, ip=actor.ip, ip_nonce=nonce,
        ip_digest=address_digest(nonce, actor.ip) if nonce else None,
        detail=json.dumps(detail or {}, sort_keys=True, default=str),
    )
    available = keys()
    event.key_id = next(iter(available))
    event.prev_hash = head.last_hash
    event.hash = _mac(head.last_hash, head.seq, event, available)
    head.last_hash = event.hash
    db.session.add(event)
    db.session.flush()
    return event


@dataclass
class ChainReport:
    checked: int
    broken_at: int | None
    reason: str | None

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def _address_fault(event: AuditEvent, redacted: set[int]) -> str | None:
    """An address removed without a marker, or one that is not the address the chain committed to."""
    if event.ip_digest is None or event.key_id is None:
        return None
    if event.ip is None:
        return None if event.seq in redacted else "address removed without a redaction marker"
    try:
        fits = event.ip_nonce is not None and hmac.compare_digest(address_digest(event.ip_nonce, event.ip),
                                                                  event.ip_digest)
    except ValueError:
        fits = False
    return None if fits else "address does not match its digest"


def _redacted() -> set[int]:
    """The events whose addresses the markers say were removed (a marker is itself in the chain)."""
    seqs: set[int] = set()
    for detail in db.session.scalars(sa.select(AuditEvent.detail).where(AuditEvent.action == REDACT_ACTION)):
        try:
            for first, last in json.loads(detail).get("seqs", []):
                seqs.update(range(int(first), int(last) + 1))
        except (ValueError, TypeError, AttributeError):  # a forged marker: the chain check reports it
            continue
    return seqs


def redact_addresses(*, user_ids=(), request_ids=()) -> int:
    """Remove the addresses of a person's events (those they did, or that nobody signed in did about
    them or their privacy requests) and write one marker listing them; returns how many."""
    nobody = AuditEvent.actor_id.is_(None)
    about = [AuditEvent.actor_id.in_(user_ids), sa.and_(nobody, AuditEvent.subject_id.in_(user_ids))] if user_ids else []
    if request_ids:
        about.append(sa.and_(nobody, AuditEvent.object_type == "PrivacyRequest",
                             AuditEvent.object_id.in_([str(i) for i in request_ids])))
    if not about:
        return 0
    where = (sa.or_(*about), AuditEvent.ip.is_not(None), AuditEvent.ip_digest.is_not(None))
    seqs = list(db.session.scalars(sa.select(AuditEvent.seq).where(*where).order_by(AuditEvent.seq)))
    if not seqs:
        return 0
    db.session.execute(sa.update(AuditEvent).where(*where).values(ip=None, ip_nonce=None))
    ranges: list[list[int]] = []
    for seq in seqs:
        if ranges and ranges[-1][1] == seq - 1:
            ranges[-1][1] = seq
        else:
            ranges.append([seq, seq])
    record(SYSTEM, REDACT_ACTION, detail={"seqs": ranges})
    return len(seqs)


def verify_chain() -> ChainReport:
    """Recompute every hash in order; report the first event that does not fit."""
    prev, expected_seq, checked, keyed = GENESIS, 1, 0, False
    available = keys()
    redacted = _redacted()
    for event in db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.seq)).yield_per(1000):
        if event.seq != expected_seq:
            return ChainReport(checked, event.seq, f"missing event before seq {event.seq}")
        if event.key_id is None and keyed:
            return ChainReport(checked, event.seq, "an unkeyed event after keyed ones")
        try:
            expected = _digest(prev, event.seq, event) if event.key_id is None else _mac(prev, event.seq, event, available)
        except AuditKeyError as error:
            return ChainReport(checked, event.seq, str(error))
        if event.prev_hash != prev or not hmac.compare_digest(expected, event.hash):
            return ChainReport(checked, event.seq, "hash mismatch")
        fault = _address_fault(event, redacted)
        if fault:
            return ChainReport(checked, event.seq, fault)
        keyed = keyed or event.key_id is not None
        prev, expected_seq, checked = event.hash, expected_seq + 1, checked + 1
    head = db.session.get(AuditHead, 1)
    if head is not None and (head.seq != checked or head.last_hash != prev):
        return ChainReport(checked, checked + 1, "events missing at the end of the log")
    return ChainReport(checked, None, None)


def events_about(user_id: int, limit: int = 200) -> list[AuditEvent]:
    """What the log says was done to or by a person, newest first."""
    query = (
        sa.select(AuditEvent)
        .where(sa.or_(AuditEvent.subject_id == user_id, AuditEvent.actor_id == user_id))
        .order_by(AuditEvent.seq.desc()).limit(limit)
    )
    return list(db.session.scalars(query))
