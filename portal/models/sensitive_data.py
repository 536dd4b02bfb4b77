"""How often the sensitive-data guard refused a save (R-CON-8): kind and field only, never the text
nor whose save it was, so the statistics hold no personal data."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, utcnow


class SensitiveDataRefusal(Base):
    __tablename__ = "sensitive_data_refusals"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    kind: Mapped[str] = mapped_column(sa.String(32))
    field: Mapped[str] = mapped_column(sa.String(64))


class SensitiveTerm(Base):
    """A word or phrase staff added to the guard's vocabulary (R-CON-8). Who added it is in the
    audit log (as for skill synonyms), so the vocabulary itself holds no personal data."""

    __tablename__ = "sensitive_terms"
    __table_args__ = (sa.UniqueConstraint("key", "language", name="uq_sensitive_terms_key_language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str] = mapped_column(sa.String(80))
    key: Mapped[str] = mapped_column(sa.String(80))  # the term as the guard reads text
    kind: Mapped[str] = mapped_column(sa.String(32))  # a special category, as SensitiveDataRefusal.kind
    role: Mapped[str] = mapped_column(sa.String(8))  # "identity" or "topic"
    language: Mapped[str] = mapped_column(sa.String(3))  # "sv", "en" or "any"
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
