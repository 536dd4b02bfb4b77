"""Direct transfers of a person's data to another controller (Art. 20(2), R-RIGHTS-6)."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, utcnow


class DataTransfer(Base):
    """One signed, expiring, single-use download link sent to a receiver the person named.

    `kind` is "email" or "endpoint" (an HTTPS URL we POST the link to); `state` moves
    sent/failed → downloaded; `error` says in a few words why sending failed."""

    __tablename__ = "data_transfers"
    __subject_column__ = "user_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(10))
    destination: Mapped[str] = mapped_column(sa.String(500))
    state: Mapped[str] = mapped_column(sa.String(12), default="pending")
    error: Mapped[str | None] = mapped_column(sa.String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
