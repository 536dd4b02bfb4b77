"""Service requests: a person's questions to staff and the messages about them (R-BUY-2)."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow


class ServiceRequest(Base):
    __tablename__ = "service_requests"
    __subject_column__ = "user_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    subject: Mapped[str] = mapped_column(sa.String(200))
    state: Mapped[str] = mapped_column(sa.String(20), default="open", index=True)
    owner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]

    user: Mapped["User"] = relationship(foreign_keys=[user_id])  # noqa: F821
    owner: Mapped["User | None"] = relationship(foreign_keys=[owner_id])  # noqa: F821
    messages: Mapped[list[ServiceMessage]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="ServiceMessage.id")

    @property
    def is_open(self) -> bool:
        return self.state == "open"


class ServiceMessage(Base):
    """One message in a request's thread; part of the requester's data (export, erasure)."""

    __tablename__ = "service_messages"
    __subject_column__ = "requester_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(sa.ForeignKey("service_requests.id", ondelete="CASCADE"), index=True)
    requester_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    from_staff: Mapped[bool] = mapped_column(default=False)
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    request: Mapped[ServiceRequest] = relationship(back_populates="messages")
    author: Mapped["User | None"] = relationship(foreign_keys=[author_id])  # noqa: F821
