"""What a partner sees of the partnership: our contacts for them and documents we share."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow


class PartnerContact(Base):
    """A staff member named by staff as a partner's contact at our company."""

    __tablename__ = "partner_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    staff_user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    responsibility: Mapped[str] = mapped_column(sa.String(120), default="")

    staff_user: Mapped["User"] = relationship()  # noqa: F821

    __table_args__ = (sa.UniqueConstraint("organisation_id", "staff_user_id", name="uq_partner_contacts_pair"),)


class PartnerDocument(Base):
    """A file staff share with one partner, stored under UPLOAD_DIR by a random name."""

    __tablename__ = "partner_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    filename: Mapped[str] = mapped_column(sa.String(200))
    stored_name: Mapped[str] = mapped_column(sa.String(64), unique=True)
    content_type: Mapped[str] = mapped_column(sa.String(100))
    size: Mapped[int]
    uploaded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)


class CommunicationPreference(Base):
    """A person's marketing choices, per topic, for the e-mail channel: the one source of truth the campaign
    sender reads (portal/services/privacy/marketing.py). Marketing unless the person says no (R-BUY-3, R-CON-5);
    a MarketingObjection turns every topic off, and only an explicit opt-in turns one on again."""

    __tablename__ = "communication_preferences"
    __subject_column__ = "user_id"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    newsletters: Mapped[bool] = mapped_column(default=True)
    events: Mapped[bool] = mapped_column(default=True)
    offers: Mapped[bool] = mapped_column(default=True)
    surveys: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
