"""People who log in: one User row per person, whatever portal they use."""
from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow


class Role(str, enum.Enum):
    CONSULTANT = "consultant"
    BUYER = "buyer"
    SUPPLIER = "supplier"
    PARTNER = "partner"
    STAFF = "staff"


class StaffRole(str, enum.Enum):
    """Need-to-know roles for employees (R-STAFF-1)."""

    RECRUITER = "recruiter"
    FINANCE = "finance"
    PRIVACY_OFFICER = "privacy_officer"
    ADMIN = "admin"


class User(UserMixin, Base):
    __tablename__ = "users"
    __subject_column__ = "id"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased, so the unique constraint is case-insensitive on every database.
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[str] = mapped_column(sa.String(20))
    staff_roles: Mapped[str] = mapped_column(sa.String(120), default="")
    name: Mapped[str] = mapped_column(sa.String(120))
    job_title: Mapped[str | None] = mapped_column(sa.String(120))
    phone: Mapped[str | None] = mapped_column(sa.String(40))
    locale: Mapped[str | None] = mapped_column(sa.String(5))
    email_verified_at: Mapped[datetime | None]
    totp_secret: Mapped[str | None] = mapped_column(sa.String(64))
    totp_enabled: Mapped[bool] = mapped_column(default=False)
    # The last accepted 30-second step: a code is refused once its step is spent (no replay).
    totp_last_step: Mapped[int | None]
    # Bumped on password change or logout-everywhere: invalidates every older session.
    session_epoch: Mapped[int] = mapped_column(default=0)
    is_disabled: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    # Drives the three-year inactivity rule (R-CON-11).
    last_active_at: Mapped[datetime] = mapped_column(default=utcnow)

    memberships: Mapped[list["Membership"]] = relationship(  # noqa: F821
        back_populates="user", cascade="all, delete-orphan", foreign_keys="Membership.user_id"
    )

    __table_args__ = (sa.CheckConstraint("email = lower(email)", name="email_lower"),)

    def get_id(self) -> str:
        return f"{self.id}:{self.session_epoch}"

    @property
    def is_active(self) -> bool:
        return not self.is_disabled

    @property
    def staff_role_set(self) -> frozenset[str]:
        return frozenset(r for r in self.staff_roles.split() if r)

    def has_staff_role(self, *roles: StaffRole | str) -> bool:
        wanted = {r.value if isinstance(r, StaffRole) else r for r in roles}
        return self.role == Role.STAFF.value and bool(self.staff_role_set & wanted)

    @property
    def is_verified(self) -> bool:
        return self.email_verified_at is not None

    def active_membership(self) -> "Membership | None":  # noqa: F821
        return next((m for m in self.memberships if m.ended_at is None), None)

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"
