"""Cookie consent: the registry of what the site stores, the banner versions shown, and the
append-only consent records that prove each choice (R-WEB-1..4, GDPR Art. 7(1))."""
from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, utcnow


class CookieCategory(str, enum.Enum):
    NECESSARY = "necessary"
    PREFERENCES = "preferences"
    STATISTICS = "statistics"
    MARKETING = "marketing"


OPTIONAL_CATEGORIES = (CookieCategory.PREFERENCES.value, CookieCategory.STATISTICS.value,
                       CookieCategory.MARKETING.value)


class StorageKind(str, enum.Enum):
    COOKIE = "cookie"
    LOCAL_STORAGE = "local_storage"
    SESSION_STORAGE = "session_storage"


class ConsentMethod(str, enum.Enum):
    BANNER = "banner"
    SETTINGS = "settings"
    GPC = "gpc"
    WITHDRAWAL = "withdrawal"


class CookieEntry(Base):
    """One cookie or storage key the site may set; `name` may end in `*` for a family (`_ga_*`)."""

    __tablename__ = "cookie_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    category: Mapped[str] = mapped_column(sa.String(20))
    kind: Mapped[str] = mapped_column(sa.String(20), default=StorageKind.COOKIE.value)
    name: Mapped[str] = mapped_column(sa.String(120))
    provider: Mapped[str] = mapped_column(sa.String(120))
    purpose_en: Mapped[str] = mapped_column(sa.Text)
    purpose_sv: Mapped[str] = mapped_column(sa.Text)
    # None: until the browser closes (cookie), the tab closes (session storage) or it is cleared.
    lifetime_days: Mapped[int | None]
    leaves_eea: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __table_args__ = (sa.UniqueConstraint("kind", "name", name="uq_cookie_entries_kind_name"),)


class BannerVersion(Base):
    """The exact text and category list shown, in every language, kept for good."""

    __tablename__ = "consent_banner_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    digest: Mapped[str] = mapped_column(sa.String(64), unique=True)
    # Only what a visitor agrees to (the English master text and the category list); when it
    # changes, earlier choices no longer count and the banner asks again.
    material_digest: Mapped[str] = mapped_column(sa.String(64), index=True)
    content: Mapped[str] = mapped_column(sa.Text)


class ConsentRecord(Base):
    """One choice. Append-only: never updated or deleted by the application."""

    __tablename__ = "consent_records"
    __subject_column__ = "user_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    consent_id: Mapped[str] = mapped_column(sa.String(43), index=True)
    banner_version_id: Mapped[int] = mapped_column(sa.ForeignKey("consent_banner_versions.id"))
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    method: Mapped[str] = mapped_column(sa.String(20))
    language: Mapped[str] = mapped_column(sa.String(5))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    preferences: Mapped[bool] = mapped_column(default=False)
    statistics: Mapped[bool] = mapped_column(default=False)
    marketing: Mapped[bool] = mapped_column(default=False)

    def granted(self, category: str) -> bool:
        return category == CookieCategory.NECESSARY.value or bool(getattr(self, category, False))


class ConsentLink(Base):
    """A consent ID tied to the account made from the same browser (R-WEB-2)."""

    __tablename__ = "consent_links"
    __subject_column__ = "user_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    consent_id: Mapped[str] = mapped_column(sa.String(43), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    linked_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (sa.UniqueConstraint("consent_id", "user_id", name="uq_consent_links_consent_id_user_id"),)


class AppendOnlyError(RuntimeError):
    """Consent records and banner versions are evidence; they are never changed."""


@event.listens_for(ConsentRecord, "before_update")
@event.listens_for(ConsentRecord, "before_delete")
@event.listens_for(BannerVersion, "before_update")
@event.listens_for(BannerVersion, "before_delete")
def _refuse_change(mapper, connection, target):
    raise AppendOnlyError(f"{type(target).__name__} rows are append-only")
