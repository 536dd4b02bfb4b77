"""A recruiter's shortlist for an assignment: who was picked, by whom, why, and where each pick stands
(R-STAFF-2, R-MATCH-2: the system only sorts, a person selects and the pick records who)."""
from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow


class ShortlistState(str, enum.Enum):
    PROPOSED = "proposed"
    APPROVED_FOR_BUYER = "approved_for_buyer"
    MEETING_REQUESTED = "meeting_requested"
    CONSULTANT_ASKED = "consultant_asked"
    CONSULTANT_ACCEPTED = "consultant_accepted"
    CONSULTANT_DECLINED = "consultant_declined"
    TIMED_OUT = "timed_out"
    RELEASED = "released"


class ShortlistEntry(Base):
    __tablename__ = "shortlist_entries"
    __subject_column__ = "consultant_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(sa.ForeignKey("assignments.id", ondelete="CASCADE"), index=True)
    consultant_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    picked_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(sa.Text)
    picked_at: Mapped[datetime] = mapped_column(default=utcnow)
    removed_at: Mapped[datetime | None]
    removed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    removal_reason: Mapped[str | None] = mapped_column(sa.Text)
    pseudonym: Mapped[str] = mapped_column(sa.String(40))
    # The anonymized card exactly as staff reviewed it; the buyer sees this text and nothing else.
    anonymized_card_json: Mapped[str] = mapped_column(sa.Text)
    # How many consultants of the pool share every fact the card shows (k-anonymity); None for a card
    # drafted before the check existed, which no buyer sees until it is drafted again.
    card_k: Mapped[int | None]
    # The ranking's explanation when picked from the ranking (JSON of matching.records.Explanation);
    # None when a recruiter picked by hand (R-MATCH-3: the consultant is told which).
    explanation_json: Mapped[str | None] = mapped_column(sa.Text)
    approved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    approved_at: Mapped[datetime | None]
    state: Mapped[str] = mapped_column(sa.String(24), default=ShortlistState.PROPOSED.value, index=True)

    assignment: Mapped["Assignment"] = relationship()  # noqa: F821
    consultant: Mapped["User"] = relationship(foreign_keys=[consultant_id])  # noqa: F821
    picked_by: Mapped["User | None"] = relationship(foreign_keys=[picked_by_id])  # noqa: F821
    removed_by: Mapped["User | None"] = relationship(foreign_keys=[removed_by_id])  # noqa: F821
    approved_by: Mapped["User | None"] = relationship(foreign_keys=[approved_by_id])  # noqa: F821

    __table_args__ = (sa.CheckConstraint("length(reason) > 0", name="reason_given"),)

    @property
    def is_active(self) -> bool:
        return self.removed_at is None


class Selection(Base):
    """The final, human choice (R-STAFF-2): who was selected for an assignment, by which employee, and why."""

    __tablename__ = "selections"
    __subject_column__ = "consultant_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(sa.ForeignKey("assignments.id", ondelete="CASCADE"), index=True)
    shortlist_entry_id: Mapped[int] = mapped_column(sa.ForeignKey("shortlist_entries.id", ondelete="CASCADE"),
                                                    unique=True)
    consultant_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(sa.Text)
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)

    consultant: Mapped["User"] = relationship(foreign_keys=[consultant_id])  # noqa: F821
    decided_by: Mapped["User | None"] = relationship(foreign_keys=[decided_by_id])  # noqa: F821
    entry: Mapped[ShortlistEntry] = relationship()

    __table_args__ = (sa.CheckConstraint("length(reason) > 0", name="selection_reason_given"),)
