"""Demo data for erasure: a former representative waiting in the erasure queue, and a legal hold."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Iterator

import sqlalchemy as sa
from flask import current_app

from portal.extensions import db
from portal.models import ErasureQueueItem, LegalHold, Membership, Organisation, User, utcnow
from portal.services import audit
from portal.services.actors import SYSTEM

FORMER = ("tidigare", "Frida Före", "Kodkraft Konsult AB")
HELD = "konsult2"


def load(demo_email, password_hash: str) -> Iterator[str]:
    local, name, organisation_name = FORMER
    if db.session.scalar(sa.select(User.id).where(User.email == demo_email(local))):
        return
    organisation = db.session.scalar(sa.select(Organisation).where(Organisation.name == organisation_name))
    if organisation is None:
        return
    now = utcnow()
    former = User(email=demo_email(local), password_hash=password_hash, role="supplier", name=name, locale="sv",
                  job_title="Konsultchef", email_verified_at=now)
    db.session.add(former)
    db.session.flush()
    db.session.add(Membership(user_id=former.id, organisation_id=organisation.id, started_at=now - timedelta(days=400),
                              ended_at=now - timedelta(days=2)))
    item = ErasureQueueItem(user_id=former.id, organisation_id=organisation.id, reason="no_longer_represents",
                            requested_at=now - timedelta(days=2),
                            due_at=now - timedelta(days=2) + timedelta(days=current_app.config["ERASURE_DUE_DAYS"]))
    db.session.add(item)
    db.session.flush()
    audit.record(SYSTEM, "erasure.queue", subject=former, obj=item, detail={"reason": item.reason, "demo": True})
    held = db.session.scalar(sa.select(User).where(User.email == demo_email(HELD)))
    if held is not None:
        hold = LegalHold(user_id=held.id, reason="Demo: en tvist med en kund om en faktura.",
                         until=date.today() + timedelta(days=180),
                         review_on=date.today() - timedelta(days=3))  # past review: the flag shows
        db.session.add(hold)
        db.session.flush()
        audit.record(SYSTEM, "legal_hold.place", subject=held, obj=hold, detail={"demo": True})
    yield f"queued {demo_email(local)} for erasure; a legal hold on {demo_email(HELD)}"
