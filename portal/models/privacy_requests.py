"""Requests a person makes under the GDPR rights, their message thread, and objections (R-RIGHTS, R-LI)."""
from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow


class PrivacyRequest(Base):
    """One request by one person; `user_id` is empty for a visitor without an account."""

    __tablename__ = "privacy_requests"
    __subject_column__ = "user_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(30), index=True)
    state: Mapped[str] = mapped_column(sa.String(20), index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    email: Mapped[str] = mapped_column(sa.String(254))
    locale: Mapped[str | None] = mapped_column(sa.String(5))
    details: Mapped[str] = mapped_column(sa.Text, default="")
    # Which legitimate-interest purpose an objection is about (R-LI).
    purpose: Mapped[str | None] = mapped_column(sa.String(40))
    received_on: Mapped[date]
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    verified_at: Mapped[datetime | None]
    deadline: Mapped[date]
    extended_at: Mapped[datetime | None]
    extension_reason: Mapped[str | None] = mapped_column(sa.Text)
    refusal_ground: Mapped[str | None] = mapped_column(sa.String(40))
    refusal_text: Mapped[str | None] = mapped_column(sa.Text)
    prepared_answer: Mapped[str | None] = mapped_column(sa.Text)
    # An access request's extract (R-RIGHTS-2), JSON, built when staff press Start; only the person
    # (their privacy centre) and staff (audited) can download it.
    extract_json: Mapped[str | None] = mapped_column(sa.Text)
    closed_at: Mapped[datetime | None]
    owner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)

    owner: Mapped["User | None"] = relationship(foreign_keys=[owner_id])  # noqa: F821
    messages: Mapped[list["PrivacyMessage"]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="PrivacyMessage.id")


class PrivacyMessage(Base):
    """A message in a request's thread: from the person, or from staff (mailed to the person)."""

    __tablename__ = "privacy_messages"
    __subject_column__ = "user_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(sa.ForeignKey("privacy_requests.id", ondelete="CASCADE"), index=True)
    # The person the request is about (empty for a visitor), so their data is found by person.
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    from_staff: Mapped[bool] = mapped_column(default=False)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    request: Mapped[PrivacyRequest] = relationship(back_populates="messages")


class MarketingObjection(Base):
    """The person objected to marketing: absolute and immediate (Art. 21(3), R-BUY-3, R-CON-5)."""

    __tablename__ = "marketing_objections"
    __subject_column__ = "user_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    objected_at: Mapped[datetime] = mapped_column(default=utcnow)


class PolicyNotice(Base):
    """A material policy change told to one person: queued once per version, seen when read (R-POLICY-2)."""

    __tablename__ = "policy_notices"
    __subject_column__ = "user_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    version: Mapped[date]
    queued_at: Mapped[datetime] = mapped_column(default=utcnow)
    seen_at: Mapped[datetime | None]

    __table_args__ = (sa.UniqueConstraint("user_id", "version", name="uq_policy_notices_user_version"),)
