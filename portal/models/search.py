"""The search index's own table: the outbox of pending index changes (the synonyms live with Skill)."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, utcnow


class SearchIndexOutbox(Base):
    """A profile change waiting for the indexer; written in the same transaction as the change."""

    __tablename__ = "search_index_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultant_id: Mapped[int] = mapped_column(index=True)
    op: Mapped[str] = mapped_column(sa.String(10))  # upsert / delete
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (sa.CheckConstraint("op in ('upsert', 'delete')", name="op"),)
