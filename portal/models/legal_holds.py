"""A legal hold: the privacy officer keeps one person's data from erasure (R-RIGHTS-4)."""
from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, utcnow


class LegalHold(Base):
    """A claim, a dispute or an authority's order: while active, erasure of the person is refused.
    `until` empty: until lifted. A lifted hold is deleted with the person's other data on erasure."""

    __tablename__ = "legal_holds"
    __subject_column__ = "user_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(sa.Text)
    until: Mapped[date | None]
    placed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    placed_at: Mapped[datetime] = mapped_column(default=utcnow)
    lifted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    lifted_at: Mapped[datetime | None]

    __table_args__ = (sa.CheckConstraint("length(reason) > 0", name="reason_given"),)

    def is_active(self, today: date) -> bool:
        return self.lifted_at is None and (self.until is None or self.until >= today)
