"""Single use of signed links: a token's id is written here when it is spent."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, utcnow


class UsedToken(Base):
    __tablename__ = "used_tokens"

    jti: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    purpose: Mapped[str] = mapped_column(sa.String(40))
    used_at: Mapped[datetime] = mapped_column(default=utcnow)
