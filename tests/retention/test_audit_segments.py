"""The audit chain in dated segments (issue 15, R-SEC-2): whole expired segments, anchored, are deleted
and the rest still verifies; an edit, a removal or an insertion inside what remains, a segment deleted
before it expired, or one never anchored, is caught."""
from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, AuditHead, AuditSegment, utcnow
from portal.services import audit, audit_anchors
from portal.services.actors import SYSTEM, Actor
from portal.services.privacy import legal_holds
from portal.services.retention import audit_segments
from tests import factories

DAY = timedelta(days=1)
PERIOD = timedelta(days=730)


@pytest.fixture(autouse=True)
def request_context(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


@pytest.fixture
def anchors(app, tmp_path):
    app.config["AUDIT_ANCHOR_PATH"] = str(tmp_path / "anchors.jsonl")
    return tmp_path / "anchors.jsonl"


def _rechain(events: list[AuditEvent], times: list[datetime]) -> None:
    """Write the events as they would have been written at `times`: each MAC recomputed under the key,
    as record() does (the tests cannot wait two years)."""
    prev = audit.GENESIS
    for event, at in zip(events, times):
        event.at, event.prev_hash = at, prev
        event.hash = audit._mac(prev, event.seq, event, audit.keys())
        prev = event.hash
    db.session.get(AuditHead, 1).last_hash = prev


def _chain(times: list[datetime], subject=None) -> list[AuditEvent]:
    actor = Actor(user=factories.make_user(role="staff"), ip="10.0.0.1")
    for i, _ in enumerate(times):
        audit.record(actor, "person.view", subject=subject or actor.user, detail={"i": i})
    events = list(db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.seq)))
    _rechain(events, times)
    db.session.commit()
    return events


def _months_ago(months: int, day: int = 10) -> datetime:
    now = utcnow()
    index = now.year * 12 + now.month - 1 - months
    return datetime(index // 12, index % 12 + 1, day, 12, 0)


def _old_and_new() -> list[AuditEvent]:
    """Three events in each of three months 30..28 months ago, and three in the current month."""
    times = [_months_ago(m, d) for m in (30, 29, 28) for d in (3, 12, 20)]
    return _chain(times + [utcnow() - timedelta(minutes=m) for m in (3, 2, 1)])


def _segments() -> list[AuditSegment]:
    return list(db.session.scalars(sa.select(AuditSegment).order_by(AuditSegment.number)))


def test_anchoring_closes_each_finished_stockholm_month_once(app, anchors):
    # 23:30 UTC on 31 January is 00:30 on 1 February in Stockholm: a February event
    _chain([datetime(2024, 1, 5, 9), datetime(2024, 1, 31, 22, 30), datetime(2024, 1, 31, 23, 30),
            datetime(2024, 2, 10, 9), utcnow() - timedelta(minutes=1)])
    audit_anchors.write_anchor()
    db.session.commit()
    january, february = _segments()
    assert (january.first_seq, january.last_seq, february.first_seq, february.last_seq) == (1, 2, 3, 4)
    assert january.closing_hash == db.session.scalar(sa.select(AuditEvent.hash).where(AuditEvent.seq == 2))
    assert january.anchored_at is not None and february.anchored_at is not None
    line = json.loads(anchors.read_text().splitlines()[-1])
    assert [s["number"] for s in line["segments"]] == [1, 2] and line["segments"][0]["hash"] == january.closing_hash
    audit_anchors.write_anchor()  # the next day: nothing new to close, nothing listed again
    db.session.commit()
    assert len(_segments()) == 2 and "segments" not in json.loads(anchors.read_text().splitlines()[-1])
    assert audit_anchors.verify().ok
    listed = app.test_cli_runner().invoke(args=["audit", "segments"])
    assert listed.exit_code == 0 and "events 1-2" in listed.output and "anchored" in listed.output


def test_the_chain_verifies_after_expired_segments_are_deleted(app, anchors):
    _old_and_new()
    assert app.test_cli_runner().invoke(args=["audit", "anchor"]).exit_code == 0
    assert len(_segments()) == 3
    deleted = audit_segments.delete_expired(SYSTEM, utcnow())
    db.session.commit()
    assert deleted == 9
    assert list(db.session.scalars(sa.select(AuditEvent.seq).order_by(AuditEvent.seq)))[:3] == [10, 11, 12]
    assert all(s.deleted_at is not None for s in _segments())
    report = audit_anchors.verify()
    assert report.ok and report.checked == 4 and report.last_seq == 13  # 3 new events and the deletion's own
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "retention.expire"))
    assert json.loads(event.detail) == {"category": "audit_event", "count": 9, "segments": [1, 2, 3]}
    result = app.test_cli_runner().invoke(args=["audit", "verify"])
    assert result.exit_code == 0 and "intact: 4 events" in result.output
    assert app.test_cli_runner().invoke(args=["audit", "anchor"]).exit_code == 0  # anchoring goes on


def _close_and_delete_first(now=None) -> None:
    audit_anchors.write_anchor()
    db.session.commit()
    audit_segments.delete(SYSTEM, _segments()[0], now or utcnow())
    db.session.commit()


def test_an_event_altered_inside_a_remaining_segment_breaks_the_chain(app, anchors):
    _old_and_new()
    _close_and_delete_first()
    db.session.execute(sa.update(AuditEvent).where(AuditEvent.seq == 5).values(action="person.edit"))
    db.session.commit()
    report = audit_anchors.verify()
    assert not report.ok and report.broken_at == 5 and report.reason == "hash mismatch"


def test_an_event_removed_inside_a_remaining_segment_breaks_the_chain(app, anchors):
    _old_and_new()
    _close_and_delete_first()
    db.session.execute(sa.delete(AuditEvent).where(AuditEvent.seq == 4))  # the first event after the cut
    db.session.commit()
    report = audit_anchors.verify()
    assert not report.ok and report.broken_at == 5 and "missing event" in report.reason


def test_an_event_inserted_inside_a_remaining_segment_breaks_the_chain(app, anchors):
    events = _old_and_new()
    _close_and_delete_first()
    later = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.seq > 5).order_by(AuditEvent.seq.desc()))
    for event in list(later):  # make room after event 5, as a forger must
        event.seq += 1
        db.session.flush()
    forged = AuditEvent(seq=6, at=events[4].at + DAY, action="person.view", detail="{}", prev_hash=events[4].hash,
                        key_id="derived")
    forged.hash = audit._mac(events[4].hash, 6, forged, audit.keys())
    db.session.add(forged)
    head = db.session.get(AuditHead, 1)
    head.seq += 1
    db.session.commit()
    report = audit_anchors.verify()  # even with the key, the anchored closing hash no longer fits
    assert not report.ok and report.broken_at == 6 and report.reason == "segment 2's closing hash differs from its last event"


def test_events_deleted_without_their_whole_segment_are_caught(app, anchors):
    _old_and_new()
    audit_anchors.write_anchor()
    db.session.commit()
    db.session.execute(sa.delete(AuditEvent).where(AuditEvent.seq <= 2))  # part of the first month only
    _segments()[0].deleted_at = utcnow()
    db.session.commit()
    report = audit_anchors.verify()
    assert not report.ok and "missing event before seq 3" in report.reason


def test_a_segment_not_wholly_expired_is_not_deleted(app, anchors):
    last = utcnow() - PERIOD + 5 * DAY  # the month's last event is five days short of two years
    _chain([last - 2 * DAY, last, utcnow()])
    audit_anchors.write_anchor(now=utcnow())
    db.session.commit()
    [segment] = _segments()
    with pytest.raises(audit_segments.SegmentNotExpired, match="Not all of this segment has expired"):
        audit_segments.delete(SYSTEM, segment, utcnow())
    assert audit_segments.delete_expired(SYSTEM, utcnow()) == 0
    # done by hand in the database, it is caught: the anchored last event is within the period
    db.session.execute(sa.delete(AuditEvent).where(AuditEvent.seq <= 2))
    segment.deleted_at = utcnow()
    db.session.commit()
    report = audit_anchors.verify()
    assert not report.ok and report.reason == "segment 1 was deleted before all of it had expired"


def test_each_segment_goes_at_its_periods_end_and_not_a_day_before(app, anchors):
    last = utcnow() - PERIOD - DAY
    _chain([last - DAY, last, utcnow()])
    audit_anchors.write_anchor()
    db.session.commit()
    assert audit_segments.delete_expired(SYSTEM, last + PERIOD - DAY) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent)) == 3
    assert audit_segments.delete_expired(SYSTEM, last + PERIOD) == 2
    db.session.commit()
    assert audit_anchors.verify().ok


def test_an_unanchored_segment_is_not_deleted_and_a_forged_one_is_caught(app, anchors):
    _old_and_new()
    audit_segments.close_finished(utcnow())  # closed, but no anchor line records it
    db.session.commit()
    with pytest.raises(audit_segments.SegmentNotExpired, match="not anchored"):
        audit_segments.delete(SYSTEM, _segments()[0], utcnow())
    assert audit_segments.delete_expired(SYSTEM, utcnow()) == 0
    first = _segments()[0]
    db.session.execute(sa.delete(AuditEvent).where(AuditEvent.seq <= first.last_seq))
    first.deleted_at, first.anchored_at = utcnow(), utcnow()  # a database-only forgery
    db.session.commit()
    report = audit_anchors.verify()
    assert not report.ok and report.reason == "segment 1 was deleted, but its closing hash was never anchored"


def test_a_segment_rewritten_after_its_anchor_is_caught(app, anchors):
    _old_and_new()
    audit_anchors.write_anchor()
    db.session.commit()
    _segments()[1].last_at = utcnow() - 5 * PERIOD  # to make it look older than it is
    db.session.commit()
    report = audit_anchors.verify()
    assert not report.ok and report.reason == "segment 2 differs from its anchor: the log was rewritten"


def test_a_held_persons_segment_is_kept_and_later_ones_still_go(app, anchors):
    officer = factories.make_user(role="staff", staff_roles="privacy_officer")
    held = factories.make_user()
    actor = Actor(user=officer)
    times = [_months_ago(m, d) for m in (30, 29, 28) for d in (3, 12)] + [utcnow()]
    for i, _ in enumerate(times):
        audit.record(actor, "person.view", subject=held if i == 3 else officer, detail={"i": i})
    _rechain(list(db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.seq))), times)
    db.session.commit()
    audit_anchors.write_anchor()
    legal_holds.place(actor, held, "A claim", None)
    db.session.commit()
    assert audit_segments.delete_expired(SYSTEM, utcnow(), dry_run=True) == 4
    assert audit_segments.delete_expired(SYSTEM, utcnow()) == 4
    db.session.commit()
    assert [s.deleted_at is not None for s in _segments()] == [True, False, True]
    assert audit_anchors.verify().ok


def test_a_dry_run_changes_nothing_and_a_second_run_does_nothing_more(app, anchors):
    _old_and_new()
    audit_anchors.write_anchor()
    db.session.commit()
    before = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent))
    assert audit_segments.delete_expired(SYSTEM, utcnow(), dry_run=True) == 9
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent)) == before
    assert all(s.deleted_at is None for s in _segments())
    assert audit_segments.delete_expired(SYSTEM, utcnow()) == 9
    db.session.commit()
    after = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent))
    assert audit_segments.delete_expired(SYSTEM, utcnow()) == 0
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent)) == after
    assert audit_anchors.verify().ok
