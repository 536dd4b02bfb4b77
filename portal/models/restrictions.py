"""Restriction of processing and "this is wrong" disputes (R-RIGHTS-3, R-RIGHTS-5)."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, utcnow


class ProcessingRestriction(Base):
    """Processing of a person's data (all of it, or one category) stopped until lifted."""

    __tablename__ = "processing_restrictions"
    __subject_column__ = "user_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(sa.String(20))  # "profile" = the whole profile
    reason: Mapped[str] = mapped_column(sa.Text)
    # "person" (their own request) or "staff"; a dispute restricts its one item instead (DataDispute).
    source: Mapped[str] = mapped_column(sa.String(20))
    privacy_request_id: Mapped[int | None] = mapped_column(sa.ForeignKey("privacy_requests.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    lifted_at: Mapped[datetime | None]
    lifted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None


class DataDispute(Base):
    """The person says a piece of data they cannot edit is wrong; staff correct it or reject with a reason."""

    __tablename__ = "data_disputes"
    __subject_column__ = "user_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    object_kind: Mapped[str] = mapped_column(sa.String(30))  # reference_statement, rating
    object_id: Mapped[int]
    reason: Mapped[str] = mapped_column(sa.Text)
    state: Mapped[str] = mapped_column(sa.String(20), default="open", index=True)  # open, corrected, rejected
    privacy_request_id: Mapped[int | None] = mapped_column(sa.ForeignKey("privacy_requests.id", ondelete="SET NULL"),
                                                           index=True)
    resolution: Mapped[str | None] = mapped_column(sa.Text)
    resolved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    resolved_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (sa.Index("ix_data_disputes_object", "object_kind", "object_id"),)
