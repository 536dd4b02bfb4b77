"""A legal hold: the privacy officer keeps one person's data from erasure (R-RIGHTS-4), and reviews it."""
from __future__ import annotations

import calendar
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, utcnow

REVIEW_MONTHS = 6


def default_review_on(today: date | None = None) -> date:
    """Six months from today in Stockholm (the last day of the month when the date does not exist there)."""
    today = today or datetime.now(timezone.utc).astimezone(ZoneInfo("Europe/Stockholm")).date()
    index = today.month - 1 + REVIEW_MONTHS
    year, month = today.year + index // 12, index % 12 + 1
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


class LegalHold(Base):
    """A claim, a dispute or an authority's order: while active, erasure of the person is refused.
    `until` empty: until lifted. A lifted hold is deleted with the person's other data on erasure.
    Every hold has a review date: the privacy officer is reminded before it, and a hold past it without a
    renewal is flagged (it still blocks erasure: a forgotten review must not silently free the data)."""

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
    review_on: Mapped[date] = mapped_column(default=default_review_on)
    # The review date a reminder was mailed for: one reminder per date, a renewal's new date gets its own.
    reminded_for: Mapped[date | None]
    renewed_at: Mapped[datetime | None]
    renewal_reason: Mapped[str | None] = mapped_column(sa.Text)

    __table_args__ = (sa.CheckConstraint("length(reason) > 0", name="reason_given"),)

    def is_active(self, today: date) -> bool:
        return self.lifted_at is None and (self.until is None or self.until >= today)

    def review_overdue(self, today: date) -> bool:
        """In force, and its review date has passed without a renewal."""
        return self.is_active(today) and self.review_on < today
