"""Marketing campaigns, the suppression list and hand-overs to a named marketing service (R-BUY-3, R-CON-5, R-SEC-4).

A person's choices per topic live in CommunicationPreference (one row per person, one column per topic, e-mail
channel); the objection in MarketingObjection. Neither table here names a person by id: a campaign holds only
counts, a suppression only a keyed hash of an address, a hand-over only how many people it carried.
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, utcnow


class MarketingCampaign(Base):
    """One mailing on one topic to one segment, written by staff in Swedish and English."""

    __tablename__ = "marketing_campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    topic: Mapped[str] = mapped_column(sa.String(20))  # newsletter, events, offers, surveys
    segment_role: Mapped[str] = mapped_column(sa.String(20))  # consultant, buyer, supplier, partner
    segment_locale: Mapped[str | None] = mapped_column(sa.String(5))  # None: every language
    subject_sv: Mapped[str] = mapped_column(sa.String(200))
    subject_en: Mapped[str] = mapped_column(sa.String(200))
    body_sv: Mapped[str] = mapped_column(sa.Text)
    body_en: Mapped[str] = mapped_column(sa.Text)
    state: Mapped[str] = mapped_column(sa.String(20), default="draft")  # draft, sent, handed_over
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    sent_at: Mapped[datetime | None]
    # Counts only (campaign measurement, R-LI): never who.
    sent_count: Mapped[int] = mapped_column(default=0)
    unsubscribed_count: Mapped[int] = mapped_column(default=0)


class MarketingSuppression(Base):
    """An address that unsubscribed from a topic ("all": objected), kept as an HMAC of the normalised address so
    that re-registration or an import never mails it again. Kept after erasure on purpose (Art. 17(3)(b)/21(3):
    remembering a no is the only way to honour it); an explicit new opt-in removes it."""

    __tablename__ = "marketing_suppressions"
    __personal_data__ = "email_hash"

    id: Mapped[int] = mapped_column(primary_key=True)
    email_hash: Mapped[str] = mapped_column(sa.String(64), index=True)
    topic: Mapped[str] = mapped_column(sa.String(20))
    reason: Mapped[str] = mapped_column(sa.String(20))  # unsubscribe, objection, preferences
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (sa.UniqueConstraint("email_hash", "topic", name="uq_marketing_suppressions_hash_topic"),)


class MarketingHandover(Base):
    """One hand-over of name and e-mail to the named marketing service (R-SEC-4); each person in it is logged
    in the audit log under their own id, so it shows in their privacy centre."""

    __tablename__ = "marketing_handovers"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(sa.ForeignKey("marketing_campaigns.id", ondelete="CASCADE"), index=True)
    service: Mapped[str] = mapped_column(sa.String(120))
    recipients: Mapped[int]
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
