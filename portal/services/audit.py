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
written before the digest existed hash the address itself: redaction first checks such an event against
its hash, then seals it — the marker keeps its hash and an HMAC over every other field — and removes the
address; verify takes a sealed event's hash from the marker and checks the seal, so a change to any of
its remaining fields is still caught.
The security log's period removes the addresses of old events the same way (`redact_addresses_before`).

Segments (issue 15): the chain is cut into closed stretches (models.AuditSegment, closed and anchored by
`flask audit anchor`, deleted whole by retention). A gap in the sequence is accepted only where deleted
segments cover it exactly, and the event after it must chain from the last deleted segment's closing
hash; whether that hash was anchored and the segment had expired is audit_anchors' check.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app

from sqlalchemy.orm import Session

from portal.extensions import db
from portal.models import AuditEvent, AuditHead, AuditSegment, User, utcnow
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
    event = _chain(actor, action, [(subject, obj, detail)])[0]
    db.session.add(event)
    db.session.flush()
    return event


def record_many(actor: Actor, action: str, entries) -> list[AuditEvent]:
    """Append one event per (subject, obj, detail), in order, with one write to the head and one INSERT: a
    ranking page views twenty people. Through the ORM, SQLite took one statement per row (it must read
    each new id back in order); the rows go in as one executemany, and the events returned are not in
    the session."""
    events = _chain(actor, action, list(entries))
    if events:
        columns = [c.key for c in sa.inspect(AuditEvent).column_attrs if c.key != "id"]
        db.session.execute(sa.insert(AuditEvent), [{key: getattr(e, key) for key in columns} for e in events])
    return events


_AT_COMMIT = "audit_at_commit"


def record_many_at_commit(actor: Actor, action: str, entries) -> None:
    """As record_many, written as the session commits (a rollback drops them). Writing takes the log's lock (the
    head row); a page that shows people renders between its audit and its commit, so an audit written first held
    the lock through the rendering, and every other worker's audited page waited for it."""
    if entries := list(entries):
        db.session.info.setdefault(_AT_COMMIT, []).append((actor, action, entries))


def _write_at_commit(session: Session) -> None:
    for actor, action, entries in session.info.pop(_AT_COMMIT, ()):
        record_many(actor, action, entries)


def _drop_at_commit(session: Session, _previous=None) -> None:
    session.info.pop(_AT_COMMIT, None)


def register() -> None:
    """Listen on every session (once per process), ahead of the other listeners: an erasure's redaction of
    addresses before the commit (privacy/storage_hygiene.py) must find these events already written."""
    for name, listener in (("before_commit", _write_at_commit), ("after_rollback", _drop_at_commit)):
        if not sa.event.contains(Session, name, listener):
            sa.event.listen(Session, name, listener, insert=True)


def _chain(actor: Actor, action: str, entries: list) -> list[AuditEvent]:
    """The next events of the chain, sequenced and keyed, with the head moved past them (under its lock)."""
    if not entries:
        return []
    # Updating the head first takes the write lock (SQLite) or the row lock (PostgreSQL).
    updated = db.session.execute(
        sa.update(AuditHead).where(AuditHead.id == 1).values(seq=AuditHead.seq + len(entries))
    ).rowcount
    if not updated:
        db.session.add(AuditHead(id=1, seq=len(entries), last_hash=GENESIS))
        db.session.flush()
    head = db.session.get(AuditHead, 1, populate_existing=True)
    available = keys()
    key_id = next(iter(available))
    seq, prev, events = head.seq - len(entries) + 1, head.last_hash, []
    for subject, obj, detail in entries:
        nonce = secrets.token_hex(16) if actor.ip else None
        event = AuditEvent(
            seq=seq, at=utcnow(), actor_id=actor.user_id, action=action,
            subject_id=subject.id if isinstance(subject, User) else subject,
            object_type=type(obj).__name__ if obj is not None else None,
            object_id=str(obj.id) if obj is not None else None, ip=actor.ip, ip_nonce=nonce,
            ip_digest=address_digest(nonce, actor.ip) if nonce else None,
            detail=json.dumps(detail or {}, sort_keys=True, default=str), key_id=key_id, prev_hash=prev,
        )
        event.hash = _mac(prev, seq, event, available)
        events.append(event)
        seq, prev = seq + 1, event.hash
    head.last_hash = prev
    return events


@dataclass
class ChainReport:
    checked: int
    broken_at: int | None
    reason: str | None
    last_seq: int = 0  # the head's sequence number, counting the events of deleted segments

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


def _redacted() -> tuple[set[int], dict[int, list[str]]]:
    """The events whose addresses the markers say were removed, and the seals of the older ones among them
    (seq → [hash, seal, key id]); a marker is itself in the chain."""
    seqs: set[int] = set()
    sealed: dict[int, list[str]] = {}
    for detail in db.session.scalars(sa.select(AuditEvent.detail).where(AuditEvent.action == REDACT_ACTION)):
        try:
            marker = json.loads(detail)
            for first, last in marker.get("seqs", []):
                seqs.update(range(int(first), int(last) + 1))
            sealed.update({int(seq): list(seal) for seq, seal in marker.get("sealed", {}).items()})
        except (ValueError, TypeError, AttributeError):  # a forged marker: the chain check reports it
            continue
    return seqs, sealed


def _seal(event: AuditEvent, secret: bytes) -> str:
    """An HMAC over everything of an event but its address, with the hash it had."""
    fields = [event.seq, event.at.isoformat(timespec="microseconds"), event.actor_id, event.action, event.subject_id,
              event.object_type, event.object_id, event.detail, event.prev_hash, event.hash]
    return hmac.new(secret, json.dumps(fields, separators=(",", ":")).encode(), hashlib.sha256).hexdigest()


def _seal_fault(event: AuditEvent, prev: str, seal: list[str], available: dict[str, bytes]) -> str | None:
    try:
        recorded_hash, recorded_seal, key_id = seal
    except ValueError:
        return "a malformed seal"
    secret = available.get(key_id)
    if secret is None:
        return f"audit key {key_id!r} is not in AUDIT_KEYS"
    if event.prev_hash != prev or event.hash != recorded_hash:
        return "hash mismatch"
    return None if hmac.compare_digest(_seal(event, secret), recorded_seal) else "a sealed event was changed"


def _seal_older(selected) -> dict[str, list[str]]:
    """Events from before address digests: seal those that still fit their hash, then drop their address.
    One that does not fit keeps its address, so verify goes on reporting it."""
    available = keys()
    key_id = next(iter(available))
    seals: dict[str, list[str]] = {}
    older = (selected, AuditEvent.ip.is_not(None), AuditEvent.ip_digest.is_(None))
    for event in db.session.scalars(sa.select(AuditEvent).where(*older).order_by(AuditEvent.seq)):
        try:
            expected = (_digest(event.prev_hash, event.seq, event) if event.key_id is None
                        else _mac(event.prev_hash, event.seq, event, available))
        except AuditKeyError:
            continue
        if hmac.compare_digest(expected, event.hash):
            seals[str(event.seq)] = [event.hash, _seal(event, available[key_id]), key_id]
            event.ip = None
    db.session.flush()
    return seals


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
    return _redact(sa.or_(*about))


def redact_addresses_before(cutoff, keep_user_ids=()) -> int:
    """The security log's period: remove the addresses of events recorded before `cutoff`, except those
    of people under a legal hold (as actor or subject); one marker lists them. Returns how many."""
    where = [AuditEvent.at < cutoff]
    if keep_user_ids:
        kept = list(keep_user_ids)
        where += [sa.or_(AuditEvent.actor_id.is_(None), AuditEvent.actor_id.not_in(kept)),
                  sa.or_(AuditEvent.subject_id.is_(None), AuditEvent.subject_id.not_in(kept))]
    return _redact(sa.and_(*where))


def _redact(selected) -> int:
    sealed = _seal_older(selected)
    where = (selected, AuditEvent.ip.is_not(None), AuditEvent.ip_digest.is_not(None))
    seqs = list(db.session.scalars(sa.select(AuditEvent.seq).where(*where).order_by(AuditEvent.seq)))
    if not seqs and not sealed:
        return 0
    db.session.execute(sa.update(AuditEvent).where(*where).values(ip=None, ip_nonce=None))
    ranges: list[list[int]] = []
    for seq in seqs:
        if ranges and ranges[-1][1] == seq - 1:
            ranges[-1][1] = seq
        else:
            ranges.append([seq, seq])
    record(SYSTEM, REDACT_ACTION, detail={"seqs": ranges, **({"sealed": sealed} if sealed else {})})
    return len(seqs) + len(sealed)


def _deleted_run(deleted: dict[int, AuditSegment], seq: int) -> AuditSegment | None:
    """The last of the consecutive deleted segments starting at `seq` (None: no deleted segment starts there)."""
    last = None
    while seq in deleted:
        last = deleted[seq]
        seq = last.last_seq + 1
    return last


def verify_chain() -> ChainReport:
    """Recompute every hash in order, across the gaps deleted segments left; report the first event that
    does not fit."""
    prev, expected_seq, checked, keyed = GENESIS, 1, 0, False
    available = keys()
    redacted, sealed = _redacted()
    segments = list(db.session.scalars(sa.select(AuditSegment).order_by(AuditSegment.first_seq)))
    deleted = {s.first_seq: s for s in segments if s.deleted_at is not None}
    closing = {s.last_seq: s for s in segments}
    for event in db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.seq)).yield_per(1000):
        if event.seq != expected_seq:
            run = _deleted_run(deleted, expected_seq)
            if run is None or run.last_seq != event.seq - 1:
                return ChainReport(checked, event.seq, f"missing event before seq {event.seq}")
            prev, expected_seq = run.closing_hash, event.seq
        if event.key_id is None and keyed:
            return ChainReport(checked, event.seq, "an unkeyed event after keyed ones")
        if event.seq in sealed and event.ip is None and event.ip_digest is None:
            fault = _seal_fault(event, prev, sealed[event.seq], available)
            if fault:
                return ChainReport(checked, event.seq, fault)
        else:
            try:
                expected = (_digest(prev, event.seq, event) if event.key_id is None
                            else _mac(prev, event.seq, event, available))
            except AuditKeyError as error:
                return ChainReport(checked, event.seq, str(error))
            if event.prev_hash != prev or not hmac.compare_digest(expected, event.hash):
                return ChainReport(checked, event.seq, "hash mismatch")
        fault = _address_fault(event, redacted)
        if fault:
            return ChainReport(checked, event.seq, fault)
        segment = closing.get(event.seq)
        if segment is not None and segment.deleted_at is not None:
            return ChainReport(checked, event.seq, f"segment {segment.number} is marked deleted, but its events remain")
        if segment is not None and segment.closing_hash != event.hash:
            return ChainReport(checked, event.seq, f"segment {segment.number}'s closing hash differs from its last event")
        keyed = keyed or event.key_id is not None
        prev, expected_seq, checked = event.hash, expected_seq + 1, checked + 1
    run = _deleted_run(deleted, expected_seq)  # every event of the newest segments expired and went
    if run is not None:
        prev, expected_seq = run.closing_hash, run.last_seq + 1
    head = db.session.get(AuditHead, 1)
    if head is not None and (head.seq != expected_seq - 1 or head.last_hash != prev):
        return ChainReport(checked, expected_seq, "events missing at the end of the log", expected_seq - 1)
    return ChainReport(checked, None, None, expected_seq - 1)


def events_about(user_id: int, limit: int = 200) -> list[AuditEvent]:
    """What the log says was done to or by a person, newest first."""
    query = (
        sa.select(AuditEvent)
        .where(sa.or_(AuditEvent.subject_id == user_id, AuditEvent.actor_id == user_id))
        .order_by(AuditEvent.seq.desc()).limit(limit)
    )
    return list(db.session.scalars(query))
