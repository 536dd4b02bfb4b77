"""The consultant profile (R-CON-1, R-CON-6): one row per consultant, with identity and terms; the skill vocabulary."""
from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow


class FTaxStatus(str, enum.Enum):
    F = "F"
    FA = "FA"
    NONE = "none"


class RemotePreference(str, enum.Enum):
    REMOTE = "remote"
    ONSITE = "onsite"
    HYBRID = "hybrid"


class Gender(str, enum.Enum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNDISCLOSED = "undisclosed"


class WorkPermit(str, enum.Enum):
    NOT_NEEDED = "not_needed"
    VALID = "valid"
    APPLIED = "applied"
    NONE = "none"


class ConsultantProfile(Base):
    __tablename__ = "consultant_profiles"
    __subject_column__ = "user_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    # Contact (name, phone and e-mail live on users)
    street: Mapped[str | None] = mapped_column(sa.String(200))
    postal_code: Mapped[str | None] = mapped_column(sa.String(20))
    city: Mapped[str | None] = mapped_column(sa.String(100))
    country: Mapped[str | None] = mapped_column(sa.String(2))
    pending_email: Mapped[str | None] = mapped_column(sa.String(254))
    # Identity for assignments; the personnummer is a Fernet token (portal.services.encryption)
    personnummer_encrypted: Mapped[str | None] = mapped_column(sa.Text)
    national_id: Mapped[str | None] = mapped_column(sa.String(40))
    national_id_country: Mapped[str | None] = mapped_column(sa.String(2))
    date_of_birth: Mapped[date | None]
    gender: Mapped[str | None] = mapped_column(sa.String(20))
    citizenship: Mapped[str | None] = mapped_column(sa.String(2))
    work_permit: Mapped[str | None] = mapped_column(sa.String(20))
    work_permit_expires: Mapped[date | None]
    # Payment and tax; the bankgiro number is a Fernet token
    bankgiro_encrypted: Mapped[str | None] = mapped_column(sa.Text)
    f_tax: Mapped[str | None] = mapped_column(sa.String(10))
    company_name: Mapped[str | None] = mapped_column(sa.String(200))
    company_org_number: Mapped[str | None] = mapped_column(sa.String(10))
    # Competence headline
    title: Mapped[str | None] = mapped_column(sa.String(200))
    summary: Mapped[str | None] = mapped_column(sa.Text)
    # The anonymous pitch for client cards, checked against the consultant's identifiers (card_pitch.py).
    card_pitch: Mapped[str | None] = mapped_column(sa.Text)
    # Availability and terms
    available_from: Mapped[date | None]
    extent: Mapped[int | None]
    remote: Mapped[str | None] = mapped_column(sa.String(10))
    region: Mapped[str | None] = mapped_column(sa.String(100))
    hourly_rate: Mapped[Decimal | None] = mapped_column(sa.Numeric(8, 2))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped["User"] = relationship()  # noqa: F821
    skills: Mapped[list["ProfileSkill"]] = relationship(  # noqa: F821
        cascade="all, delete-orphan", order_by="ProfileSkill.id")
    languages: Mapped[list["ProfileLanguage"]] = relationship(  # noqa: F821
        cascade="all, delete-orphan", order_by="ProfileLanguage.id")
    interests: Mapped[list["ProfileInterest"]] = relationship(  # noqa: F821
        cascade="all, delete-orphan", order_by="ProfileInterest.id")
    industries: Mapped[list["ProfileIndustry"]] = relationship(  # noqa: F821
        cascade="all, delete-orphan", order_by="ProfileIndustry.id")
    employment: Mapped[list["EmploymentEntry"]] = relationship(  # noqa: F821
        cascade="all, delete-orphan", order_by="EmploymentEntry.start.desc()")
    education: Mapped[list["EducationEntry"]] = relationship(  # noqa: F821
        cascade="all, delete-orphan", order_by="EducationEntry.start.desc()")
    certificates: Mapped[list["Certificate"]] = relationship(  # noqa: F821
        cascade="all, delete-orphan", order_by="Certificate.id")
    references: Mapped[list["Reference"]] = relationship(  # noqa: F821
        cascade="all, delete-orphan", order_by="Reference.id")
    attachments: Mapped[list["Attachment"]] = relationship(  # noqa: F821
        cascade="all, delete-orphan", order_by="Attachment.id")
    exclusions: Mapped[list["ExcludedOrganisation"]] = relationship(  # noqa: F821
        cascade="all, delete-orphan", order_by="ExcludedOrganisation.id")

    __table_args__ = (
        sa.CheckConstraint("extent IS NULL OR (extent >= 0 AND extent <= 100)", name="extent_range"),
        sa.CheckConstraint("hourly_rate IS NULL OR hourly_rate >= 0", name="rate_positive"),
    )


class Skill(Base):
    """A named skill profiles point at: one row per skill, whatever people call it."""

    __tablename__ = "skills"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    # The vocabulary's key (portal.services.matching.skills.key): what makes "Node.js" and "nodejs" one skill.
    key: Mapped[str] = mapped_column(sa.String(100), unique=True)


class SkillSynonym(Base):
    """One spelling of a skill (`alias`) and the skill it means (`canonical`), edited by staff.

    Profile input and search both read it: "Postgres" typed anywhere means PostgreSQL.
    """

    __tablename__ = "skill_synonyms"

    id: Mapped[int] = mapped_column(primary_key=True)
    alias_key: Mapped[str] = mapped_column(sa.String(80), unique=True)
    alias: Mapped[str] = mapped_column(sa.String(80))
    canonical: Mapped[str] = mapped_column(sa.String(80))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
