"""Kept data expires on schedule (issue 15; R-RIGHTS-4, R-SEC-2): privacy requests, outbox mail, the
security log's addresses and bookkeeping material go at their period's end and not a day before; a
legal hold keeps them; a dry run changes nothing; a second run does nothing more; each category's
deletion is one audit event with a count and goes through storage hygiene."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import (AuditEvent, AuditHead, Assignment, Offer, OfferAnswer, OutboxMail, PrivacyMessage,
                           PrivacyRequest, Selection, ShortlistEntry, SupplierConsultant, utcnow)
from portal.services import audit, audit_anchors
from portal.services.actors import SYSTEM, Actor
from portal.services.privacy import legal_holds
from portal.services.retention import expiry
from tests import factories

DAY = timedelta(days=1)
NOW = datetime(2026, 12, 1, 12, 0)


@pytest.fixture(autouse=True)
def request_context(app, tmp_path):
    app.config["AUDIT_ANCHOR_PATH"] = str(tmp_path / "anchors.jsonl")
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


def _request(user=None, closed_at: datetime | None = None, state: str = "answered") -> PrivacyRequest:
    request = PrivacyRequest(kind="access", state=state, user_id=user.id if user else None, name="Ada Visitor",
                             email="ada@example.se", received_on=date(2023, 1, 2), deadline=date(2023, 2, 2),
                             closed_at=closed_at)
    db.session.add(request)
    db.session.flush()
    db.session.add(PrivacyMessage(request_id=request.id, user_id=request.user_id, body="Here is your extract."))
    db.session.commit()
    return request


def _expire(now: datetime, dry_run: bool = False) -> dict[str, int]:
    counts = expiry.expire_kept(SYSTEM, now, dry_run=dry_run)
    db.session.commit()
    return counts


def _expire_events() -> list[dict]:
    return [json.loads(d) for d in db.session.scalars(
        sa.select(AuditEvent.detail).where(AuditEvent.action == "retention.expire").order_by(AuditEvent.seq))]


def test_a_closed_privacy_request_goes_three_years_after_closing_and_not_a_day_before(app):
    closed = NOW - timedelta(days=3 * 365)
    gone, kept_open = _request(closed_at=closed), _request(state="in_progress")
    recent = _request(closed_at=closed + 2 * DAY)
    assert _expire(NOW - DAY)["privacy_request"] == 0
    assert db.session.get(PrivacyRequest, gone.id) is not None
    assert _expire(NOW)["privacy_request"] == 1
    db.session.expire_all()
    assert db.session.get(PrivacyRequest, gone.id) is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PrivacyMessage)) == 2
    assert {r.id for r in db.session.scalars(sa.select(PrivacyRequest))} == {kept_open.id, recent.id}
    assert _expire_events() == [{"category": "privacy_request", "count": 1}]


def test_sent_mail_goes_after_its_period_and_unsent_mail_waits(app):
    user = factories.make_user()
    sent = NOW - timedelta(days=90)
    for at in (sent, sent + DAY, None):
        db.session.add(OutboxMail(user_id=user.id, to_address=user.email, subject="Hej", body_text="Text",
                                  created_at=sent - DAY, sent_at=at))
    db.session.commit()
    assert _expire(NOW - DAY)["outbox_mail"] == 0
    assert _expire(NOW)["outbox_mail"] == 1
    assert sorted(m.sent_at is None for m in db.session.scalars(sa.select(OutboxMail))) == [False, True]
    assert _expire(NOW + 10 * DAY)["outbox_mail"] == 1


def _events_at(times: list[datetime], actor: Actor, subject=None) -> None:
    """Events as record() would have written them at `times` (the MACs recomputed under the key)."""
    for i, _ in enumerate(times):
        audit.record(actor, "person.view", subject=subject or actor.user, detail={"i": i})
    prev = audit.GENESIS
    for event, at in zip(db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.seq)), times):
        event.at, event.prev_hash = at, prev
        event.hash = audit._mac(prev, event.seq, event, audit.keys())
        prev = event.hash
    db.session.get(AuditHead, 1).last_hash = prev
    db.session.commit()


def test_the_security_logs_addresses_go_after_two_years_and_the_chain_still_verifies(app):
    actor = Actor(user=factories.make_user(role="staff"), ip="10.1.2.3")
    recorded = NOW - timedelta(days=730)
    _events_at([recorded - DAY, recorded + DAY], actor)
    assert _expire(NOW - 2 * DAY)["security_log"] == 0
    assert _expire(NOW)["security_log"] == 1
    addresses = list(db.session.scalars(sa.select(AuditEvent.ip).where(AuditEvent.action == "person.view")
                                        .order_by(AuditEvent.seq)))
    assert addresses == [None, "10.1.2.3"]
    assert audit_anchors.verify().ok
    assert {"category": "security_log", "count": 1} in _expire_events()


def _bookkeeping(end: date, consultant, supplier_record: SupplierConsultant) -> Assignment:
    buyer = factories.make_organisation("buyer")
    assignment = Assignment(organisation_id=buyer.id, title="Platform team", description="d", role="Dev",
                            start_date=end - timedelta(days=180), end_date=end, answer_deadline=end - timedelta(days=200),
                            state="filled")
    db.session.add(assignment)
    db.session.flush()
    entry = ShortlistEntry(assignment_id=assignment.id, consultant_id=consultant.id, reason="Fits",
                           pseudonym="Konsult A", anonymized_card_json='{"rate": 1000}', state="released")
    db.session.add(entry)
    db.session.flush()
    db.session.add(Selection(assignment_id=assignment.id, shortlist_entry_id=entry.id, consultant_id=consultant.id,
                             reason="Best fit."))
    db.session.add(Offer(assignment_id=assignment.id, organisation_id=supplier_record.organisation_id,
                         supplier_consultant_id=supplier_record.id, rate=950, state="shortlisted"))
    db.session.commit()
    return assignment


def _supplier_record(name: str = "Sam Supplied") -> SupplierConsultant:
    supplier = factories.make_organisation("supplier")
    record = SupplierConsultant(organisation_id=supplier.id, name=name, email=f"{name.split()[0].lower()}@example.se")
    db.session.add(record)
    db.session.flush()
    return record


def _rows(model, assignment: Assignment) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(model.assignment_id == assignment.id))


def test_bookkeeping_goes_seven_years_after_the_financial_year_in_stockholm_days(app):
    ended_2019 = _bookkeeping(date(2019, 6, 30), factories.make_user(), _supplier_record())
    ended_2020 = _bookkeeping(date(2020, 1, 15), factories.make_user(), _supplier_record("Kim Kept"))
    last_evening = datetime(2026, 12, 31, 22, 30)  # 23:30 on 31 December in Stockholm: the year is not over
    assert _expire(last_evening)["bookkeeping"] == 0
    assert _expire(last_evening + timedelta(hours=1))["bookkeeping"] == 3  # 00:30 on 1 January 2027
    assert [_rows(m, ended_2019) for m in (ShortlistEntry, Selection, Offer)] == [0, 0, 0]
    assert [_rows(m, ended_2020) for m in (ShortlistEntry, Selection, Offer)] == [1, 1, 1]
    assert db.session.get(Assignment, ended_2019.id) is not None  # the client's record stays
    assert {"category": "bookkeeping", "count": 3} in _expire_events()


def test_a_legal_hold_keeps_a_persons_kept_data(app):
    officer = factories.make_user(role="staff", staff_roles="privacy_officer")
    held = factories.make_user()
    request = _request(user=held, closed_at=NOW - timedelta(days=4 * 365))
    record = _supplier_record()
    record.claimed_by_user_id = held.id
    assignment = _bookkeeping(date(2010, 3, 1), held, record)
    legal_holds.place(Actor(user=officer), held, "A claim", None, today=date(2026, 1, 1))
    db.session.commit()
    counts = _expire(NOW)
    assert counts["privacy_request"] == 0 and counts["bookkeeping"] == 0
    assert db.session.get(PrivacyRequest, request.id) is not None and _rows(Offer, assignment) == 1


def test_a_dry_run_counts_and_changes_nothing_and_a_second_run_does_nothing_more(app):
    _request(closed_at=NOW - timedelta(days=4 * 365))
    user = factories.make_user()
    db.session.add(OutboxMail(user_id=user.id, to_address=user.email, subject="Hej", body_text="Text",
                              sent_at=NOW - timedelta(days=200)))
    assignment = _bookkeeping(date(2012, 5, 1), factories.make_user(), _supplier_record())
    db.session.add(OfferAnswer(offer_id=db.session.scalar(sa.select(Offer.id)), requirement_id=_requirement(assignment),
                               meets=True, evidence="Ten years of Python"))
    db.session.commit()
    events = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent))
    dry = _expire(NOW, dry_run=True)
    assert dry == {"privacy_request": 1, "audit_event": 0, "outbox_mail": 1, "security_log": 0, "bookkeeping": 3,
                   "application": 0}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent)) == events
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PrivacyRequest)) == 1
    assert _expire(NOW) == dry
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OfferAnswer)) == 0  # with its offer
    after = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent))
    assert after == events + 3  # one event per category that deleted something
    assert set(_expire(NOW).values()) == {0}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent)) == after


def _requirement(assignment: Assignment) -> int:
    from portal.models import AssignmentRequirement

    requirement = AssignmentRequirement(assignment_id=assignment.id, text="Python", kind="must", position=0)
    db.session.add(requirement)
    db.session.flush()
    return requirement.id


def test_deletions_reach_storage(app):
    """Through storage_hygiene: after the commit the SQLite WAL is emptied, or PostgreSQL's touched tables
    (and those their ON DELETE rules reach) are vacuumed."""
    _request(closed_at=NOW - timedelta(days=4 * 365))
    _expire(NOW)
    url = sa.make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() == "sqlite":
        assert Path(url.database + "-wal").stat().st_size == 0
    else:
        vacuumed = set(db.session.scalars(sa.text(
            "SELECT relname FROM pg_stat_user_tables WHERE last_vacuum IS NOT NULL")))
        assert {"privacy_requests", "privacy_messages"} <= vacuumed


def test_expire_kept_reports_every_kept_category(app):
    assert set(_expire(utcnow(), dry_run=True)) == {"privacy_request", "audit_event", "outbox_mail", "security_log",
                                                    "bookkeeping", "application"}
