"""Which version of the privacy policy and of the consultant terms a person accepted or was shown, and when."""
from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, utcnow

DOCUMENTS = ("privacy_policy", "consultant_terms")
# How the person met the version: ticked it when registering, or was shown it by a notice at sign-in.
WAYS = ("registration", "organisation_registration", "invitation", "sign_in_notice", "accepted")


class DocumentAcceptance(Base):
    """One person, one document, one version: proof of what they accepted (a contract) or were told (the
    policy is information, not consent) — kept for the agreement's lifetime (R-POLICY-1, R-POLICY-2)."""

    __tablename__ = "document_acceptances"
    __subject_column__ = "user_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    document: Mapped[str] = mapped_column(sa.String(40))
    version: Mapped[int]
    published: Mapped[date]
    way: Mapped[str] = mapped_column(sa.String(40))
    accepted_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        sa.UniqueConstraint("user_id", "document", "version", name="uq_document_acceptances_user_document_version"),
        sa.CheckConstraint(f"document IN {DOCUMENTS}", name="document_known"),
    )
