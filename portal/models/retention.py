"""The retention schedule as data, the warnings sent before an account is deleted, and run reports
(R-CON-11, R-BUY-6, R-SUP-6, R-PAR-2)."""
from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, utcnow


class RetentionRule(Base):
    """One row per (data category, person kind): how long, from which trigger, on which basis.
    Seeded by the migration from the policy; the texts people read are built from these rows."""

    __tablename__ = "retention_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    category: Mapped[str] = mapped_column(sa.String(40))
    person_kind: Mapped[str] = mapped_column(sa.String(20))   # consultant | representative | partner | any
    trigger: Mapped[str] = mapped_column(sa.String(40))       # last_activity | membership_or_agreement_end | ...
    period_days: Mapped[int]
    warn_days: Mapped[int | None]                             # a warning this many days before the period ends
    legal_basis: Mapped[str] = mapped_column(sa.String(40))   # a schedule.LEGAL_BASES key
    source: Mapped[str] = mapped_column(sa.String(200))       # where the period comes from (policy, law, requirement)

    __table_args__ = (
        sa.UniqueConstraint("category", "person_kind", name="uq_retention_rules_category_kind"),
        sa.CheckConstraint("period_days > 0", name="period_positive"),
        sa.CheckConstraint("warn_days IS NULL OR (warn_days > 0 AND warn_days < period_days)", name="warn_inside"),
    )


class RetentionWarning(Base):
    """A consultant was told their inactive account will be deleted; `last_active_at` is the activity
    the warning was about, so any later activity shows that the person did something."""

    __tablename__ = "retention_warnings"
    __subject_column__ = "user_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    last_active_at: Mapped[datetime | None]
    warned_at: Mapped[datetime] = mapped_column(default=utcnow)
    delete_on: Mapped[date]
    nonce: Mapped[str] = mapped_column(sa.String(32), unique=True)
    state: Mapped[str] = mapped_column(sa.String(20), default="sent", index=True)  # sent | kept | held
    kept_at: Mapped[datetime | None]


class RetentionRun(Base):
    """What one day's `flask retention run` did: counts per step, never a name or an id of a person."""

    __tablename__ = "retention_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_on: Mapped[date] = mapped_column(unique=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    counts: Mapped[dict] = mapped_column(sa.JSON, default=dict)
