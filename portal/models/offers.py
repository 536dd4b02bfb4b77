"""Suppliers' consultants and the offers suppliers make to published assignments."""
from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow


class SupplierConsultant(Base):
    """A consultant a supplier employs. Until they claim it, only name and e-mail are stored;
    their own profile (issue 3) belongs to the consultant account that claims this record."""

    __tablename__ = "supplier_consultants"
    __subject_column__ = "claimed_by_user_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    email: Mapped[str] = mapped_column(sa.String(254))
    invited_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    invited_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_by_user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"),
                                                           index=True)
    claimed_at: Mapped[datetime | None]

    organisation: Mapped["Organisation"] = relationship()  # noqa: F821

    __table_args__ = (sa.UniqueConstraint("organisation_id", "email", name="uq_supplier_consultants_org_email"),)


class OfferState(str, enum.Enum):
    AWAITING_CONSULTANT = "awaiting_consultant"  # the consultant has not agreed yet: staff do not see it
    SUBMITTED = "submitted"
    REVIEWING = "reviewing"
    SHORTLISTED = "shortlisted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class Offer(Base):
    """A supplier offers one consultant to one assignment; once the consultant agrees it goes to staff,
    never to the buyer (R-CON-9)."""

    __tablename__ = "offers"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(sa.ForeignKey("assignments.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    supplier_consultant_id: Mapped[int] = mapped_column(sa.ForeignKey("supplier_consultants.id"), index=True)
    submitted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    rate: Mapped[int]
    state: Mapped[str] = mapped_column(sa.String(20), default=OfferState.AWAITING_CONSULTANT.value)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]

    assignment: Mapped["Assignment"] = relationship()  # noqa: F821
    organisation: Mapped["Organisation"] = relationship()  # noqa: F821
    consultant: Mapped[SupplierConsultant] = relationship()
    answers: Mapped[list[OfferAnswer]] = relationship(back_populates="offer", cascade="all, delete-orphan")

    __table_args__ = (
        sa.UniqueConstraint("assignment_id", "supplier_consultant_id", name="uq_offers_assignment_consultant"),
        sa.CheckConstraint("rate > 0", name="rate_positive"),
    )


class OfferAnswer(Base):
    """For a must requirement: meets yes/no with evidence; for a should: a level 0–5 with text."""

    __tablename__ = "offer_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(sa.ForeignKey("offers.id", ondelete="CASCADE"), index=True)
    requirement_id: Mapped[int] = mapped_column(sa.ForeignKey("assignment_requirements.id", ondelete="CASCADE"),
                                                index=True)
    meets: Mapped[bool | None]
    level: Mapped[int | None]
    evidence: Mapped[str] = mapped_column(sa.Text, default="")

    offer: Mapped[Offer] = relationship(back_populates="answers")
    requirement: Mapped["AssignmentRequirement"] = relationship()  # noqa: F821
