"""Processors with their data-processing agreements (GDPR Art. 28) and the adequacy decisions that allow a
transfer outside the EEA (Art. 45; R-SEC-1). Companies and Commission decisions: no personal data."""
from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, deferred, mapped_column

from portal.models.base import Base, utcnow


class AdequacyDecision(Base):
    """A country, territory or international organisation the Commission found adequate; seeded by migration
    c5e8a2d97f46. In force from `decided_on` until `expires_on` (None: no end date)."""

    __tablename__ = "adequacy_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(8), unique=True)  # ISO 3166 alpha-2, or EPO
    name: Mapped[str] = mapped_column(sa.String(120))  # English; pages show the reader's language
    scope: Mapped[str] = mapped_column(sa.String(20))  # services/records/transfers.py SCOPES key
    decision: Mapped[str] = mapped_column(sa.String(200))
    decided_on: Mapped[date]
    expires_on: Mapped[date | None]
    review_on: Mapped[date | None]
    # The United States: only organisations certified under the EU-US Data Privacy Framework.
    requires_certification: Mapped[bool] = mapped_column(default=False)


class Processor(Base):
    """Someone who processes personal data for us, what for, where, and the signed DPA (a PDF kept in the
    database, so it is backed up, restored and rolled back with the row that says it exists)."""

    __tablename__ = "processors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    service: Mapped[str] = mapped_column(sa.String(300))
    integration: Mapped[str | None] = mapped_column(sa.String(20), index=True)  # records/integrations.py key
    data_categories: Mapped[str] = mapped_column(sa.String(500))
    country_code: Mapped[str] = mapped_column(sa.String(8))
    dpf_certified: Mapped[bool] = mapped_column(default=False)
    dpa_signed_on: Mapped[date | None]
    review_on: Mapped[date | None]
    dpa_filename: Mapped[str | None] = mapped_column(sa.String(200))
    dpa_size: Mapped[int | None]
    dpa_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    dpa_pdf: Mapped[bytes | None] = deferred(mapped_column(sa.LargeBinary))  # read only for the download
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __table_args__ = (
        sa.CheckConstraint("review_on IS NULL OR dpa_signed_on IS NULL OR review_on >= dpa_signed_on",
                           name="review_after_signing"),
    )

    @property
    def has_agreement(self) -> bool:
        """A DPA is on record: the signing date and the signed file."""
        return self.dpa_signed_on is not None and self.dpa_sha256 is not None
