"""Unconfirmed visitor requests are not kept: once their link has expired they are deleted."""
from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from portal.extensions import db
from portal.models import PrivacyRequest, utcnow
from portal.services import audit
from portal.services.actors import Actor
from portal.services.privacy import storage_hygiene


def purge_unverified(actor: Actor, now: datetime | None = None) -> int:
    """Delete requests still 'received' after the confirmation link's lifetime; returns how many."""
    max_age = current_app.config["TOKEN_MAX_AGE"]["privacy_request"]
    cutoff = (now or utcnow()) - timedelta(seconds=max_age)
    stale = list(db.session.scalars(sa.select(PrivacyRequest).where(PrivacyRequest.state == "received",
                                                                    PrivacyRequest.received_at < cutoff)))
    if stale:  # at commit: their addresses out of the security log, the WAL emptied
        storage_hygiene.track(request_ids=[r.id for r in stale])
    for request in stale:
        audit.record(actor, "privacy_request.purge_unverified", obj=request, detail={"kind": request.kind})
        db.session.delete(request)
    db.session.flush()
    return len(stale)
