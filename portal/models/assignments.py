"""Assignment requests (konsultförfrågningsuppdrag) from buyers, their requirements, ratings, comments."""
from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow


class AssignmentState(str, enum.Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    PUBLISHED = "published"
    SHORTLISTING = "shortlisting"
    FILLED = "filled"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


CLOSED_STATES = frozenset({AssignmentState.FILLED.value, AssignmentState.CANCELLED.value,
                           AssignmentState.EXPIRED.value})
EDITABLE_STATES = frozenset({AssignmentState.DRAFT.value, AssignmentState.SUBMITTED.value,
                             AssignmentState.PUBLISHED.value})


class Assignment(Base):
    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    # Creator and contact stay when they leave the organisation: shown as "former representative".
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    contact_person_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text)
    role: Mapped[str] = mapped_column(sa.String(120))
    languages: Mapped[str] = mapped_column(sa.String(200), default="")
    location: Mapped[str] = mapped_column(sa.String(120), default="")
    remote: Mapped[str] = mapped_column(sa.String(20), default="onsite")
    start_date: Mapped[date]
    end_date: Mapped[date | None]
    extent: Mapped[int] = mapped_column(default=100)
    rate_ceiling: Mapped[int | None]
    consultants_wanted: Mapped[int] = mapped_column(default=1)
    answer_deadline: Mapped[date]
    show_buyer: Mapped[bool] = mapped_column(default=False)
    # LOU (public procurement): all empty when the buyer does not procure under LOU (R-CON-4).
    procurement_reference: Mapped[str | None] = mapped_column(sa.String(80))
    framework_agreement: Mapped[str | None] = mapped_column(sa.String(200))
    call_off_type: Mapped[str | None] = mapped_column(sa.String(40))
    evaluation_model: Mapped[str | None] = mapped_column(sa.String(40))
    # The award criteria as the procurement documents state them, shown to applicants (R-CON-4).
    evaluation_criteria: Mapped[str | None] = mapped_column(sa.Text)
    state: Mapped[str] = mapped_column(sa.String(20), default=AssignmentState.DRAFT.value, index=True)
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_at: Mapped[datetime | None]

    organisation: Mapped["Organisation"] = relationship()  # noqa: F821
    created_by: Mapped["User | None"] = relationship(foreign_keys=[created_by_id])  # noqa: F821
    contact_person: Mapped["User | None"] = relationship(foreign_keys=[contact_person_id])  # noqa: F821
    requirements: Mapped[list[AssignmentRequirement]] = relationship(
        back_populates="assignment", cascade="all, delete-orphan", order_by="AssignmentRequirement.position")

    # Optimistic locking: every UPDATE checks and bumps the version (a stale form cannot win).
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        sa.CheckConstraint("extent >= 1 AND extent <= 100", name="extent_range"),
        sa.CheckConstraint("end_date IS NULL OR end_date >= start_date", name="date_order"),
        sa.CheckConstraint("consultants_wanted >= 1", name="consultants_wanted_positive"),
        # The consultants' browser checks the open assignments on every search from this index alone
        # (portal/services/applications/browse_index.py).
        sa.Index("ix_assignments_browse", "state", "answer_deadline", "published_at", "version", "created_at"),
    )

    @property
    def is_lou(self) -> bool:
        return bool(self.procurement_reference or self.framework_agreement or self.call_off_type)

    @property
    def is_closed(self) -> bool:
        return self.state in CLOSED_STATES

    @property
    def must_requirements(self) -> list[AssignmentRequirement]:
        return [r for r in self.requirements if r.kind == "must"]

    @property
    def should_requirements(self) -> list[AssignmentRequirement]:
        return [r for r in self.requirements if r.kind == "should"]


class AssignmentRequirement(Base):
    """A must requirement (ska-krav) passes or fails; a should requirement (bör-krav) has a weight 1–5."""

    __tablename__ = "assignment_requirements"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(sa.ForeignKey("assignments.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(10))
    text: Mapped[str] = mapped_column(sa.String(200))
    weight: Mapped[int | None]
    position: Mapped[int] = mapped_column(default=0)

    assignment: Mapped[Assignment] = relationship(back_populates="requirements")

    __table_args__ = (
        sa.CheckConstraint("(kind = 'must' AND weight IS NULL) OR "
                           "(kind = 'should' AND weight >= 1 AND weight <= 5)", name="kind_weight"),
    )


class AssignmentRating(Base):
    """The buyer's evaluation of a finished assignment, overall or of one offered consultant."""

    __tablename__ = "assignment_ratings"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(sa.ForeignKey("assignments.id", ondelete="CASCADE"), index=True)
    supplier_consultant_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("supplier_consultants.id", ondelete="SET NULL"), index=True)
    score: Mapped[int]
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    rated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    rated_at: Mapped[datetime] = mapped_column(default=utcnow)

    assignment: Mapped[Assignment] = relationship()
    supplier_consultant: Mapped["SupplierConsultant | None"] = relationship()  # noqa: F821

    __table_args__ = (sa.CheckConstraint("score >= 1 AND score <= 5", name="score_range"),)


class AssignmentComment(Base):
    """A supplier's comment on an assignment; staff read it (R-SUP-1 "evaluate and improve")."""

    __tablename__ = "assignment_comments"
    __subject_column__ = "author_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(sa.ForeignKey("assignments.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped["Organisation"] = relationship()  # noqa: F821
    author: Mapped["User | None"] = relationship()  # noqa: F821
