"""Anchors for the audit chain: its head written outside the database, so a truncated or rewritten
log is caught even by someone holding the database (issue 12, finding 9).

`flask audit anchor` (daily) appends the head — sequence, hash, key id, time — as one JSON line to an
append-only file (AUDIT_ANCHOR_PATH) and mails it to the privacy officers, a second copy nobody with
database access can change. `verify()` checks the chain, then that every anchored event still exists
with exactly that hash and that the log did not shrink below the last anchor.

Segments (issue 15): each anchor run first closes the finished months (retention/audit_segments.py) and
writes the segments not yet anchored into the line. `verify()` then requires every segment the file
records to match the table, and every deleted segment to be one the file records, deleted only after
its last event (as anchored) was past the audit period: events removed from a segment still in its
period, or a segment invented to cover a cut, are caught."""
from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import AuditEvent, AuditHead, AuditSegment, utcnow
from portal.services import audit, mail
from portal.services.audit import ChainReport
from portal.services.privacy import digest
from portal.services.retention import audit_segments


def anchor_path() -> Path:
    configured = current_app.config.get("AUDIT_ANCHOR_PATH")
    return Path(configured) if configured else Path(current_app.instance_path) / "audit-anchors.jsonl"


def _head() -> dict:
    head = db.session.get(AuditHead, 1)
    if head is None or head.seq == 0:
        return {"seq": 0, "hash": audit.GENESIS, "key_id": None}
    last = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.seq == head.seq))
    return {"seq": head.seq, "hash": head.last_hash, "key_id": last.key_id if last else None}


def write_anchor(now: datetime | None = None) -> dict:
    """Close the finished months, then append the head and the segments not yet anchored to the anchor
    file (O_APPEND, fsync): earlier lines are never rewritten. The caller commits."""
    now = now or utcnow()
    audit_segments.close_finished(now)
    pending = audit_segments.unanchored()
    anchor = {**_head(), "at": now.isoformat(timespec="seconds") + "Z"}
    if pending:
        anchor["segments"] = [audit_segments.as_anchor(segment) for segment in pending]
    path = anchor_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(descriptor, (json.dumps(anchor, sort_keys=True) + "\n").encode())
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    for segment in pending:
        segment.anchored_at = now
    db.session.flush()
    return anchor


def mail_anchor(anchor: dict) -> int:
    """The same line to every privacy officer: a copy outside the server. Returns how many were queued."""
    officers = digest.officers()
    for officer in officers:
        mail.queue(officer, _l("Audit log anchor"), "audit_anchor", anchor=json.dumps(anchor, sort_keys=True))
    return len(officers)


def read_anchors() -> list[dict]:
    path = anchor_path()
    if not path.exists():
        return []
    anchors = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            anchor = json.loads(line)
            segments = [{"number": int(s["number"]), "first_seq": int(s["first_seq"]), "last_seq": int(s["last_seq"]),
                         "first_at": str(s["first_at"]), "last_at": str(s["last_at"]), "hash": str(s["hash"])}
                        for s in anchor.get("segments", [])]
            anchors.append({"line": number, "seq": int(anchor["seq"]), "hash": str(anchor["hash"]),
                            "segments": segments})
        except (ValueError, KeyError, TypeError, AttributeError):
            anchors.append({"line": number, "seq": -1, "hash": "", "segments": []})
    return anchors


def _segment_fault(anchors: list[dict], now: datetime) -> tuple[int, str] | None:
    """The segments against the anchor file: (event, reason) of the first that does not fit."""
    recorded: dict[int, dict] = {}
    for anchor in anchors:
        for segment in anchor["segments"]:
            if recorded.setdefault(segment["number"], segment) != segment:
                return segment["last_seq"], (f"anchor file line {anchor['line']} records segment "
                                             f"{segment['number']} differently")
    stored = {s.number: s for s in db.session.scalars(sa.select(AuditSegment))}
    for number, segment in recorded.items():
        row = stored.get(number)
        if row is None or audit_segments.as_anchor(row) != segment:
            return segment["last_seq"], f"segment {number} differs from its anchor: the log was rewritten"
    period = audit_segments.period()
    for row in sorted(stored.values(), key=lambda s: s.number):
        if row.deleted_at is None:
            continue
        segment = recorded.get(row.number)
        if segment is None:
            return row.last_seq, f"segment {row.number} was deleted, but its closing hash was never anchored"
        last_at = datetime.fromisoformat(segment["last_at"])
        if not last_at + period <= row.deleted_at <= now:
            return row.last_seq, f"segment {row.number} was deleted before all of it had expired"
    return None


def verify(now: datetime | None = None) -> ChainReport:
    """The chain recomputed, then checked against every anchor and the segments against the anchors."""
    report = audit.verify_chain()
    if not report.ok:
        return report
    anchors = read_anchors()
    deleted = list(db.session.scalars(sa.select(AuditSegment).where(AuditSegment.deleted_at.is_not(None))))
    for anchor in anchors:
        if anchor["seq"] < 0:
            return ChainReport(report.checked, 0, f"anchor file line {anchor['line']} is unreadable")
        if anchor["seq"] == 0:
            continue
        if anchor["seq"] > report.last_seq:
            return ChainReport(report.checked, report.last_seq + 1,
                               f"the log ends at event {report.last_seq}, but event {anchor['seq']} was anchored: "
                               "events were removed")
        stored = db.session.scalar(sa.select(AuditEvent.hash).where(AuditEvent.seq == anchor["seq"]))
        gone = next((s for s in deleted if s.first_seq <= anchor["seq"] <= s.last_seq), None)
        if gone is not None and stored is None:  # expired with its segment: only a closing head can be checked
            stored = gone.closing_hash if anchor["seq"] == gone.last_seq else anchor["hash"]
        if stored != anchor["hash"]:
            return ChainReport(report.checked, anchor["seq"],
                               f"event {anchor['seq']} differs from its anchor: the log was rewritten")
    fault = _segment_fault(anchors, now or utcnow())
    if fault is not None:
        return ChainReport(report.checked, fault[0], fault[1], report.last_seq)
    return report
