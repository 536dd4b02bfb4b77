"""Asking the consultant first (R-CON-1, R-CON-9) and the append-only log of what was released to whom."""
from __future__ import annotations

import enum
import json
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow


class ConsentRequestKind(str, enum.Enum):
    INTEREST = "interest"        # "are you interested in this assignment?" (R-CON-1)
    DISCLOSURE = "disclosure"    # "may we send your profile to this client?" (R-CON-9)


class ConsentRequestStatus(str, enum.Enum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    TIMED_OUT = "timed_out"


class ConsentRequest(Base):
    __tablename__ = "consent_requests"
    __subject_column__ = "consultant_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(12))
    consultant_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    assignment_id: Mapped[int] = mapped_column(sa.ForeignKey("assignments.id", ondelete="CASCADE"), index=True)
    shortlist_entry_id: Mapped[int] = mapped_column(sa.ForeignKey("shortlist_entries.id", ondelete="CASCADE"),
                                                    index=True)
    asked_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    asked_at: Mapped[datetime] = mapped_column(default=utcnow)
    answer_by: Mapped[datetime]
    status: Mapped[str] = mapped_column(sa.String(12), default=ConsentRequestStatus.PENDING.value, index=True)
    answer: Mapped[bool | None]
    answered_at: Mapped[datetime | None]
    answered_via: Mapped[str | None] = mapped_column(sa.String(10))

    consultant: Mapped["User"] = relationship(foreign_keys=[consultant_id])  # noqa: F821
    assignment: Mapped["Assignment"] = relationship()  # noqa: F821
    shortlist_entry: Mapped["ShortlistEntry"] = relationship()  # noqa: F821

    __table_args__ = (
        sa.CheckConstraint("kind IN ('interest', 'disclosure')", name="kind_known"),
        sa.CheckConstraint("answered_via IS NULL OR answered_via IN ('portal', 'mail')", name="via_known"),
    )


class Disclosure(Base):
    """One release of a consultant's data to a buyer organisation. Rows are never changed."""

    __tablename__ = "disclosures"
    __subject_column__ = "consultant_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultant_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    assignment_id: Mapped[int] = mapped_column(sa.ForeignKey("assignments.id", ondelete="CASCADE"), index=True)
    shortlist_entry_id: Mapped[int] = mapped_column(sa.ForeignKey("shortlist_entries.id", ondelete="CASCADE"),
                                                    index=True)
    consent_request_id: Mapped[int] = mapped_column(sa.ForeignKey("consent_requests.id", ondelete="CASCADE"))
    fields_json: Mapped[str] = mapped_column(sa.Text)
    # Exactly what the buyer was shown, so the buyer's view and the consultant's list agree.
    released_json: Mapped[str] = mapped_column(sa.Text)
    released_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    released_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped["Organisation"] = relationship()  # noqa: F821
    assignment: Mapped["Assignment"] = relationship()  # noqa: F821
    released_by: Mapped["User | None"] = relationship(foreign_keys=[released_by_id])  # noqa: F821
    consent_request: Mapped[ConsentRequest] = relationship()

    @property
    def fields(self) -> list[str]:
        return json.loads(self.fields_json)


@event.listens_for(Disclosure, "before_update")
def _append_only(mapper, connection, target) -> None:
    raise ValueError("disclosures are append-only")
