"""Asking the consultant first (R-CON-1, R-CON-9) and the append-only log of what was released to whom."""
from __future__ import annotations

import enum
import json
from datetime import date, datetime

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
    WITHDRAWN = "withdrawn"      # a yes taken back before anything was released


# What a consultant may choose to release, one by one (R-CON-9); staff release exactly this choice.
RELEASABLE_FIELDS = ("name", "contact", "profile", "references")


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
    # A yes to meet names what the consultant lets us release (JSON list of RELEASABLE_FIELDS).
    fields_json: Mapped[str | None] = mapped_column(sa.Text)
    withdrawn_at: Mapped[datetime | None]

    consultant: Mapped["User"] = relationship(foreign_keys=[consultant_id])  # noqa: F821
    assignment: Mapped["Assignment"] = relationship()  # noqa: F821
    shortlist_entry: Mapped["ShortlistEntry"] = relationship()  # noqa: F821

    @property
    def fields(self) -> list[str]:
        return json.loads(self.fields_json) if self.fields_json else []

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
    # Why staff released, and the last day the buyer may use what was released.
    reason: Mapped[str | None] = mapped_column(sa.Text)
    ends_on: Mapped[date | None]

    organisation: Mapped["Organisation"] = relationship()  # noqa: F821
    assignment: Mapped["Assignment"] = relationship()  # noqa: F821
    released_by: Mapped["User | None"] = relationship(foreign_keys=[released_by_id])  # noqa: F821
    consent_request: Mapped[ConsentRequest] = relationship()
    ending: Mapped["DisclosureEnd | None"] = relationship(back_populates="disclosure", uselist=False)

    @property
    def fields(self) -> list[str]:
        return json.loads(self.fields_json)

    def in_force(self, today: date) -> bool:
        return self.ending is None and (self.ends_on is None or today <= self.ends_on)


class DisclosureEnd(Base):
    """The consultant stopped further use of a release: the buyer is told to delete it (R-CON-9, R-RIGHTS-1).
    A row of its own, because disclosures are never changed."""

    __tablename__ = "disclosure_ends"
    __subject_column__ = "consultant_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    disclosure_id: Mapped[int] = mapped_column(sa.ForeignKey("disclosures.id", ondelete="CASCADE"), unique=True)
    consultant_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    ended_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    disclosure: Mapped[Disclosure] = relationship(back_populates="ending")


class CardShowing(Base):
    """A buyer organisation was shown a consultant's anonymous card, once per card and day; the consultant
    sees each showing (R-CON-9: "who has seen my data" includes the anonymous card)."""

    __tablename__ = "card_showings"
    __subject_column__ = "consultant_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultant_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    shortlist_entry_id: Mapped[int] = mapped_column(sa.ForeignKey("shortlist_entries.id", ondelete="CASCADE"))
    assignment_id: Mapped[int] = mapped_column(sa.ForeignKey("assignments.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"))
    shown_on: Mapped[date]

    assignment: Mapped["Assignment"] = relationship()  # noqa: F821
    organisation: Mapped["Organisation"] = relationship()  # noqa: F821

    __table_args__ = (sa.UniqueConstraint("shortlist_entry_id", "shown_on", name="uq_card_showings_entry_day"),)


@event.listens_for(Disclosure, "before_update")
def _append_only(mapper, connection, target) -> None:
    raise ValueError("disclosures are append-only")
