"""People whose data is due for deletion, waiting for the privacy back office (R-BUY-6, R-PAR-2)."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, utcnow


class ErasureQueueItem(Base):
    __tablename__ = "erasure_queue"
    __subject_column__ = "user_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Kept (nulled) after the person is erased: the row is the record that the erasure was asked for.
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organisations.id"))
    reason: Mapped[str] = mapped_column(sa.String(40))
    requested_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    due_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(sa.String(20), default="pending", index=True)
