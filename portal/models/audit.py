"""The append-only audit log; each row carries the hash of the previous one."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, utcnow


class AuditEvent(Base):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(unique=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # Plain integers, not foreign keys: the log outlives the rows it talks about.
    actor_id: Mapped[int | None] = mapped_column(index=True)
    action: Mapped[str] = mapped_column(sa.String(64), index=True)
    subject_id: Mapped[int | None] = mapped_column(index=True)
    object_type: Mapped[str | None] = mapped_column(sa.String(40))
    object_id: Mapped[str | None] = mapped_column(sa.String(64))
    ip: Mapped[str | None] = mapped_column(sa.String(45))
    # The chain hashes sha256(nonce + ip), not the address: erasure removes ip and nonce and the hash
    # still verifies, while nobody (key holders included) can tell the address from the digest.
    ip_digest: Mapped[str | None] = mapped_column(sa.String(64))
    ip_nonce: Mapped[str | None] = mapped_column(sa.String(32))
    detail: Mapped[str] = mapped_column(sa.Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(sa.String(64))
    hash: Mapped[str] = mapped_column(sa.String(64))
    # Which AUDIT_KEYS entry keyed this event's HMAC; None for events written before the chain was keyed.
    key_id: Mapped[str | None] = mapped_column(sa.String(32))


class AuditHead(Base):
    """One row; updating it first serialises writers so the chain never forks."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(default=0)
    last_hash: Mapped[str] = mapped_column(sa.String(64))


class AuditSegment(Base):
    """A closed stretch of the chain: the events of one Stockholm calendar month, by sequence number.
    Its closing hash (the last event's) is written to the anchor file outside the database, so when the
    whole segment has expired its events can be deleted and the next event's prev_hash, equal to the
    anchored closing hash, still proves that nothing else went (R-SEC-2). The row stays after deletion."""

    __tablename__ = "audit_segments"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(unique=True)
    first_seq: Mapped[int] = mapped_column(unique=True)
    last_seq: Mapped[int] = mapped_column(unique=True)
    first_at: Mapped[datetime]
    last_at: Mapped[datetime]
    closing_hash: Mapped[str] = mapped_column(sa.String(64))
    closed_at: Mapped[datetime] = mapped_column(default=utcnow)
    anchored_at: Mapped[datetime | None]
    deleted_at: Mapped[datetime | None]

    __table_args__ = (sa.CheckConstraint("last_seq >= first_seq", name="seq_order"),)
