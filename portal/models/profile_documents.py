"""References, attachments and LinkedIn import drafts of a consultant profile (R-CON-2, R-CON-7)."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow
from portal.models.profile_entries import PROFILE_FK


class Reference(Base):
    __tablename__ = "profile_references"
    __personal_data__ = "profile_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(sa.ForeignKey(PROFILE_FK, ondelete="CASCADE"), index=True)
    referee_name: Mapped[str] = mapped_column(sa.String(120))
    role: Mapped[str | None] = mapped_column(sa.String(120))
    company: Mapped[str | None] = mapped_column(sa.String(200))
    contact: Mapped[str | None] = mapped_column(sa.String(200))
    relation: Mapped[str | None] = mapped_column(sa.String(200))  # how the referee knows the consultant
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    statements: Mapped[list["ReferenceStatement"]] = relationship(
        cascade="all, delete-orphan", order_by="ReferenceStatement.created_at")


class ReferenceStatement(Base):
    """What a referee said, with who wrote it down and when (R-CON-2)."""

    __tablename__ = "reference_statements"
    __personal_data__ = "reference_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference_id: Mapped[int] = mapped_column(sa.ForeignKey("profile_references.id", ondelete="CASCADE"),
                                              index=True)
    author: Mapped[str] = mapped_column(sa.String(120))
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Attachment(Base):
    """A file's metadata; the bytes live under UPLOAD_DIR, outside static/."""

    __tablename__ = "attachments"
    __personal_data__ = "profile_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(sa.ForeignKey(PROFILE_FK, ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    filename: Mapped[str] = mapped_column(sa.String(200))
    content_type: Mapped[str] = mapped_column(sa.String(100))
    size: Mapped[int]
    storage_key: Mapped[str] = mapped_column(sa.String(64), unique=True)
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)


class ProfileImportDraft(Base):
    """A parsed LinkedIn archive waiting for the consultant's yes; gone on confirm, cancel or expiry."""

    __tablename__ = "profile_import_drafts"
    __personal_data__ = "profile_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(sa.ForeignKey(PROFILE_FK, ondelete="CASCADE"), index=True)
    payload: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
