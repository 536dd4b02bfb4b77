"""Client companies, consultancy firms and partners, and the people who represent them."""
from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow


class OrganisationKind(str, enum.Enum):
    BUYER = "buyer"
    SUPPLIER = "supplier"
    PARTNER = "partner"


class OrganisationStatus(str, enum.Enum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class Organisation(Base):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    name: Mapped[str] = mapped_column(sa.String(200))
    # Ten digits, no hyphen; validated with python-stdnum before it gets here.
    org_number: Mapped[str] = mapped_column(sa.String(10), unique=True)
    status: Mapped[str] = mapped_column(sa.String(20), default=OrganisationStatus.PENDING.value)
    agreement_start: Mapped[date | None]
    agreement_end: Mapped[date | None]
    # Days the members' data is kept after a membership or the agreement ends; empty: the schedule's default.
    retention_grace_days: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    memberships: Mapped[list[Membership]] = relationship(back_populates="organisation")

    __table_args__ = (
        sa.CheckConstraint(
            "agreement_end IS NULL OR agreement_start IS NULL OR agreement_end >= agreement_start",
            name="agreement_order",
        ),
    )

    @property
    def is_approved(self) -> bool:
        return self.status == OrganisationStatus.APPROVED.value

    def agreement_in_force(self, today: date) -> bool:
        if not self.is_approved or self.agreement_start is None:
            return False
        return self.agreement_start <= today and (self.agreement_end is None or today <= self.agreement_end)


class Membership(Base):
    """A person representing an organisation; ended_at is set when they no longer do (R-BUY-6)."""

    __tablename__ = "memberships"
    __subject_column__ = "user_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    is_admin: Mapped[bool] = mapped_column(default=False)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]

    user: Mapped["User"] = relationship(back_populates="memberships", foreign_keys=[user_id])  # noqa: F821
    organisation: Mapped[Organisation] = relationship(back_populates="memberships")


class Invitation(Base):
    """A signed link that lets a person join an organisation as its representative."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    email: Mapped[str] = mapped_column(sa.String(254))
    is_admin: Mapped[bool] = mapped_column(default=False)
    invited_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    accepted_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    organisation: Mapped[Organisation] = relationship()
