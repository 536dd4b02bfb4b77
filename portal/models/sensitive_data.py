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
