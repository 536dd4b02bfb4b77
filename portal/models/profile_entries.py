"""What a consultant knows and has done: the profile's child rows (R-CON-6)."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base
from portal.models.profiles import Skill

PROFILE_FK = "consultant_profiles.id"


def _profile_id() -> Mapped[int]:
    return mapped_column(sa.ForeignKey(PROFILE_FK, ondelete="CASCADE"), index=True)


class ProfileSkill(Base):
    __tablename__ = "profile_skills"
    __personal_data__ = "profile_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = _profile_id()
    skill_id: Mapped[int] = mapped_column(sa.ForeignKey("skills.id"), index=True)
    level: Mapped[int] = mapped_column(default=3)
    years: Mapped[int] = mapped_column(default=0)

    skill: Mapped[Skill] = relationship(lazy="joined")

    __table_args__ = (
        sa.UniqueConstraint("profile_id", "skill_id", name="uq_profile_skills_profile_skill"),
        sa.CheckConstraint("level BETWEEN 1 AND 5", name="level_range"),
        sa.CheckConstraint("years >= 0", name="years_positive"),
    )


class ProfileLanguage(Base):
    __tablename__ = "profile_languages"
    __personal_data__ = "profile_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = _profile_id()
    name: Mapped[str] = mapped_column(sa.String(60))
    level: Mapped[str] = mapped_column(sa.String(2))  # CEFR A1–C2


class ProfileInterest(Base):
    __tablename__ = "profile_interests"
    __personal_data__ = "profile_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = _profile_id()
    text: Mapped[str] = mapped_column(sa.String(200))


class ProfileIndustry(Base):
    __tablename__ = "profile_industries"
    __personal_data__ = "profile_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = _profile_id()
    name: Mapped[str] = mapped_column(sa.String(100))


class EmploymentEntry(Base):
    __tablename__ = "employment_entries"
    __personal_data__ = "profile_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = _profile_id()
    employer: Mapped[str] = mapped_column(sa.String(200))
    title: Mapped[str] = mapped_column(sa.String(200))
    start: Mapped[date | None]
    end: Mapped[date | None]
    description: Mapped[str | None] = mapped_column(sa.Text)

    __table_args__ = (sa.CheckConstraint('"end" IS NULL OR start IS NULL OR "end" >= start', name="date_order"),)


class EducationEntry(Base):
    __tablename__ = "education_entries"
    __personal_data__ = "profile_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = _profile_id()
    school: Mapped[str] = mapped_column(sa.String(200))
    degree: Mapped[str | None] = mapped_column(sa.String(200))
    start: Mapped[date | None]
    end: Mapped[date | None]

    __table_args__ = (sa.CheckConstraint('"end" IS NULL OR start IS NULL OR "end" >= start', name="date_order"),)


class Certificate(Base):
    __tablename__ = "certificates"
    __personal_data__ = "profile_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = _profile_id()
    name: Mapped[str] = mapped_column(sa.String(200))
    issuer: Mapped[str | None] = mapped_column(sa.String(200))
    year: Mapped[int | None]


class ExcludedOrganisation(Base):
    """A client the consultant must not be proposed to (read by matching)."""

    __tablename__ = "excluded_organisations"
    __personal_data__ = "profile_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = _profile_id()
    organisation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organisations.id", ondelete="SET NULL"),
                                                        index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
