"""A consultant's own application to a published assignment (R-CON-1), its answers per requirement, and
the saved searches that mail new matches. Staff and the buyer meet an application only as an anonymous
card on a shortlist: nothing identifying leaves without the consultant's yes (R-CON-9)."""
from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow


class ApplicationState(str, enum.Enum):
    SUBMITTED = "submitted"      # waiting for staff; the consultant may still withdraw
    WITHDRAWN = "withdrawn"      # the consultant took it back before staff acted
    SHORTLISTED = "shortlisted"  # staff picked it into the shortlist (shortlist_entry_id says which)
    DECLINED = "declined"        # staff said no, with a reason the consultant reads


class Application(Base):
    __tablename__ = "applications"
    __subject_column__ = "consultant_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(sa.ForeignKey("assignments.id", ondelete="CASCADE"), index=True)
    consultant_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    rate: Mapped[int]
    state: Mapped[str] = mapped_column(sa.String(20), default=ApplicationState.SUBMITTED.value, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    withdrawn_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    decision_reason: Mapped[str | None] = mapped_column(sa.Text)
    shortlist_entry_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("shortlist_entries.id", ondelete="SET NULL"), index=True)

    assignment: Mapped["Assignment"] = relationship()  # noqa: F821
    consultant: Mapped["User"] = relationship(foreign_keys=[consultant_id])  # noqa: F821
    decided_by: Mapped["User | None"] = relationship(foreign_keys=[decided_by_id])  # noqa: F821
    shortlist_entry: Mapped["ShortlistEntry | None"] = relationship()  # noqa: F821
    answers: Mapped[list[ApplicationAnswer]] = relationship(
        back_populates="application", cascade="all, delete-orphan", order_by="ApplicationAnswer.id")

    __table_args__ = (
        # One application per consultant and assignment: applying twice is refused, not duplicated.
        sa.UniqueConstraint("assignment_id", "consultant_id", name="uq_applications_assignment_consultant"),
        sa.CheckConstraint("rate > 0", name="application_rate_positive"),
    )


class ApplicationAnswer(Base):
    """The consultant's short answer to one must or should requirement."""

    __tablename__ = "application_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    requirement_id: Mapped[int] = mapped_column(
        sa.ForeignKey("assignment_requirements.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(sa.String(1000), default="")

    application: Mapped[Application] = relationship(back_populates="answers")
    requirement: Mapped["AssignmentRequirement"] = relationship()  # noqa: F821

    __table_args__ = (sa.UniqueConstraint("application_id", "requirement_id",
                                          name="uq_application_answers_application_requirement"),)


class SavedSearch(Base):
    """A consultant's saved assignment search. Mail of new matches only when they opted in (notify);
    `checked_through` is the publication time up to which matches were already mailed (idempotent runs)."""

    __tablename__ = "saved_searches"
    __subject_column__ = "user_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    # The browser's filters as JSON (query text, skills, region, remote, start, extent, rate).
    filters_json: Mapped[str] = mapped_column(sa.Text)
    notify: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    checked_through: Mapped[datetime] = mapped_column(default=utcnow)
    last_mailed_at: Mapped[datetime | None]


class TenderNaming(Base):
    """LOU (R-CON-4): the consultant's explicit yes to being named in one assignment's tender response.
    Withdrawn sets withdrawn_at; the tender CV is exported only while a yes is in force."""

    __tablename__ = "tender_namings"
    __subject_column__ = "consultant_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(sa.ForeignKey("assignments.id", ondelete="CASCADE"), index=True)
    consultant_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    given_at: Mapped[datetime] = mapped_column(default=utcnow)
    withdrawn_at: Mapped[datetime | None]

    assignment: Mapped["Assignment"] = relationship()  # noqa: F821

    __table_args__ = (sa.UniqueConstraint("assignment_id", "consultant_id", name="uq_tender_namings_pair"),)
