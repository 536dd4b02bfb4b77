"""Engagements: the work that follows a filled assignment (R-CON-3, R-BUY-1, R-SUP-1), its recorded
changes, the people who approve its hours, and the weekly time reports.

Billing and payouts come in a later issue; the data is shaped for them now: hours are approved per
week in a TimeReport, a correction is a new report that supersedes the old one once approved, and
`billed_ref` / `paid_ref` are set once on an approved report, so each approved hour can be billed once
and paid once (a correction of a billed week bills only its difference)."""
from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow


class EngagementState(str, enum.Enum):
    ACTIVE = "active"
    ENDED = "ended"


class Engagement(Base):
    __tablename__ = "engagements"
    __subject_column__ = "consultant_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(sa.ForeignKey("assignments.id"), index=True)
    selection_id: Mapped[int | None] = mapped_column(sa.ForeignKey("selections.id", ondelete="SET NULL"),
                                                     unique=True)
    # Kept as bookkeeping material when the consultant is erased: the tombstone id stays (R-RIGHTS-4).
    consultant_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    buyer_organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    supplier_organisation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    start_date: Mapped[date]
    end_date: Mapped[date]
    rate: Mapped[int]
    extent: Mapped[int] = mapped_column(default=100)
    # Who approves the weekly hours: the buyer's approvers, or the supplier for its own consultants.
    approved_by_kind: Mapped[str] = mapped_column(sa.String(10), default="buyer")
    state: Mapped[str] = mapped_column(sa.String(10), default=EngagementState.ACTIVE.value, index=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    assignment: Mapped["Assignment"] = relationship()  # noqa: F821
    selection: Mapped["Selection | None"] = relationship()  # noqa: F821
    consultant: Mapped["User"] = relationship(foreign_keys=[consultant_id])  # noqa: F821
    buyer_organisation: Mapped["Organisation"] = relationship(foreign_keys=[buyer_organisation_id])  # noqa: F821
    supplier_organisation: Mapped["Organisation | None"] = relationship(  # noqa: F821
        foreign_keys=[supplier_organisation_id])
    approvers: Mapped[list[EngagementApprover]] = relationship(
        back_populates="engagement", cascade="all, delete-orphan", order_by="EngagementApprover.id")
    changes: Mapped[list[EngagementChange]] = relationship(
        back_populates="engagement", cascade="all, delete-orphan", order_by="EngagementChange.id")

    __table_args__ = (
        sa.CheckConstraint("end_date >= start_date", name="engagement_date_order"),
        sa.CheckConstraint("rate > 0", name="engagement_rate_positive"),
        sa.CheckConstraint("extent >= 1 AND extent <= 100", name="engagement_extent_range"),
        sa.CheckConstraint("approved_by_kind IN ('buyer', 'supplier')", name="engagement_approved_by_kind"),
    )


class EngagementApprover(Base):
    """A representative (of the buyer, or of the supplier) who approves this engagement's weeks."""

    __tablename__ = "engagement_approvers"
    __subject_column__ = "user_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(sa.ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)

    engagement: Mapped[Engagement] = relationship(back_populates="approvers")
    user: Mapped["User"] = relationship()  # noqa: F821

    __table_args__ = (sa.UniqueConstraint("engagement_id", "user_id", name="uq_engagement_approvers_pair"),)


class EngagementChange(Base):
    """start, extension, early_end: every change of the period is recorded, with who, when and why."""

    __tablename__ = "engagement_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(sa.ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    old_end_date: Mapped[date | None]
    new_end_date: Mapped[date]
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    engagement: Mapped[Engagement] = relationship(back_populates="changes")
    recorded_by: Mapped["User | None"] = relationship()  # noqa: F821

    __table_args__ = (sa.CheckConstraint("kind IN ('start', 'extension', 'early_end')", name="change_kind"),)


class TimeReportState(str, enum.Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"      # back with the consultant, who edits and submits again
    SUPERSEDED = "superseded"  # an approved week whose correction was approved in its place


class TimeReport(Base):
    """One engagement's week (Monday to Sunday) of hours."""

    __tablename__ = "time_reports"
    __subject_column__ = "consultant_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(sa.ForeignKey("engagements.id"), index=True)
    consultant_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    week_start: Mapped[date] = mapped_column(index=True)
    state: Mapped[str] = mapped_column(sa.String(12), default=TimeReportState.DRAFT.value, index=True)
    # A correction of an approved week points at the report it corrects.
    corrects_id: Mapped[int | None] = mapped_column(sa.ForeignKey("time_reports.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    decision_comment: Mapped[str | None] = mapped_column(sa.Text)
    billed_ref: Mapped[str | None] = mapped_column(sa.String(40))
    paid_ref: Mapped[str | None] = mapped_column(sa.String(40))

    engagement: Mapped[Engagement] = relationship()
    decided_by: Mapped["User | None"] = relationship(foreign_keys=[decided_by_id])  # noqa: F821
    corrects: Mapped["TimeReport | None"] = relationship(remote_side=[id])
    entries: Mapped[list[TimeEntry]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="TimeEntry.day")

    __table_args__ = (sa.CheckConstraint("state IN ('draft', 'submitted', 'approved', 'rejected', 'superseded')",
                                         name="time_report_state"),)


class TimeEntry(Base):
    """Minutes worked on one day, or "not working" (never why: a reason such as sick leave is health data)."""

    __tablename__ = "time_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(sa.ForeignKey("time_reports.id", ondelete="CASCADE"), index=True)
    day: Mapped[date]
    minutes: Mapped[int] = mapped_column(default=0)
    not_working: Mapped[bool] = mapped_column(default=False)
    comment: Mapped[str] = mapped_column(sa.String(200), default="")

    report: Mapped[TimeReport] = relationship(back_populates="entries")

    __table_args__ = (
        sa.UniqueConstraint("report_id", "day", name="uq_time_entries_report_day"),
        sa.CheckConstraint("minutes >= 0 AND minutes <= 1440", name="time_entry_minutes_range"),
        sa.CheckConstraint("NOT (not_working AND minutes > 0)", name="time_entry_absence_no_hours"),
    )


class TimeReminder(Base):
    """A reminder mailed once: a week not submitted by Monday 10:00, or not approved within 3 working days."""

    __tablename__ = "time_reminders"
    __subject_column__ = "recipient_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    engagement_id: Mapped[int] = mapped_column(sa.ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    week_start: Mapped[date]
    recipient_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        sa.UniqueConstraint("kind", "engagement_id", "week_start", "recipient_id", name="uq_time_reminders_once"),
        sa.CheckConstraint("kind IN ('not_submitted', 'not_approved')", name="time_reminder_kind"),
    )
