"""Server-side sign-in sessions and two-factor recovery codes (R-SEC-2)."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow


class UserSession(Base):
    """One signed-in browser. The cookie carries a random token; only its hash is stored, so a copy
    of the database opens no session. Deleting the row ends the session at once."""

    __tablename__ = "user_sessions"
    __subject_column__ = "user_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    # A coarse label ("Firefox on Linux"), never the full user-agent string or an IP address.
    device: Mapped[str] = mapped_column(sa.String(80), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped["User"] = relationship()  # noqa: F821


class RecoveryCode(Base):
    """A single-use code for signing in when the authenticator app is lost; stored hashed."""

    __tablename__ = "recovery_codes"
    __subject_column__ = "user_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    used_at: Mapped[datetime | None]
