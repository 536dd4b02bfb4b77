"""The one registry of cookies and storage keys the site may set; staff edit it (R-WEB-1, R-WEB-3)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import CookieCategory, CookieEntry, StorageKind
from portal.services import DomainError, audit
from portal.services.actors import Actor

NAME_PATTERN = re.compile(r"^[A-Za-z0-9_.\-]+\*?$")
MAX_LIFETIME_DAYS = 3650
FIELDS = ("category", "kind", "name", "provider", "purpose_en", "purpose_sv", "lifetime_days", "leaves_eea")


@dataclass(frozen=True)
class EntryData:
    category: str
    kind: str
    name: str
    provider: str
    purpose_en: str
    purpose_sv: str
    lifetime_days: int | None
    leaves_eea: bool


def entries() -> list[CookieEntry]:
    """Every entry, grouped by category in the order visitors see them."""
    order = sa.case({c.value: i for i, c in enumerate(CookieCategory)}, value=CookieEntry.category)
    return list(db.session.scalars(sa.select(CookieEntry).order_by(order, CookieEntry.kind, CookieEntry.name)))


def get(entry_id: int) -> CookieEntry | None:
    return db.session.get(CookieEntry, entry_id)


def matching(name: str, kind: str = StorageKind.COOKIE.value, among: list[CookieEntry] | None = None) -> CookieEntry | None:
    """The entry documenting a cookie or storage key called `name` (a `*` entry covers a family)."""
    for entry in among if among is not None else entries():
        if entry.kind == kind and (entry.name == name or (entry.name.endswith("*")
                                                          and fnmatchcase(name, entry.name))):
            return entry
    return None


def _validate(data: EntryData, protected: set[str], current: CookieEntry | None) -> EntryData:
    name, provider = data.name.strip(), data.provider.strip()
    if data.category not in {c.value for c in CookieCategory}:
        raise DomainError(_l("Choose a category."), field="category")
    if data.kind not in {k.value for k in StorageKind}:
        raise DomainError(_l("Choose whether this is a cookie or a storage key."), field="kind")
    if not NAME_PATTERN.match(name) or len(name) > 120:
        raise DomainError(_l("Use letters, digits, '_', '-' and '.', optionally ending in '*' for a family "
                             "of names."), field="name")
    if not provider:
        raise DomainError(_l("Name who sets or receives it."), field="provider")
    if not data.purpose_en.strip() or not data.purpose_sv.strip():
        field = "purpose_en" if not data.purpose_en.strip() else "purpose_sv"
        raise DomainError(_l("Describe the purpose in both languages."), field=field)
    if data.lifetime_days is not None and not 0 < data.lifetime_days <= MAX_LIFETIME_DAYS:
        raise DomainError(_l("The lifetime must be 1–%(max)d days, or empty for the browser session.",
                             max=MAX_LIFETIME_DAYS), field="lifetime_days")
    if current is not None and current.name in protected and (name != current.name
                                                              or data.category != current.category):
        raise DomainError(_l("The portal sets this cookie itself: it must stay documented under this name "
                             "and category."), field="name")
    clash = db.session.scalar(sa.select(CookieEntry).where(CookieEntry.kind == data.kind, CookieEntry.name == name))
    if clash is not None and clash is not current:
        raise DomainError(_l("There is already an entry with this name."), field="name")
    return EntryData(data.category, data.kind, name, provider, data.purpose_en.strip(), data.purpose_sv.strip(),
                     data.lifetime_days, data.leaves_eea)


def create(actor: Actor, data: EntryData) -> CookieEntry:
    """Add an entry; the banner shows it at once (and asks again if that is a material change)."""
    clean = _validate(data, set(), None)
    entry = CookieEntry(**{f: getattr(clean, f) for f in FIELDS})
    db.session.add(entry)
    db.session.flush()
    audit.record(actor, "cookie_registry.create", obj=entry, detail={"category": entry.category})
    return entry


def update(actor: Actor, entry: CookieEntry, data: EntryData, protected: set[str]) -> CookieEntry:
    clean = _validate(data, protected, entry)
    for field in FIELDS:
        setattr(entry, field, getattr(clean, field))
    db.session.flush()
    audit.record(actor, "cookie_registry.update", obj=entry, detail={"category": entry.category})
    return entry


def delete(actor: Actor, entry: CookieEntry, protected: set[str]) -> None:
    if entry.name in protected:
        raise DomainError(_l("The portal sets this cookie itself: it must stay documented."))
    audit.record(actor, "cookie_registry.delete", obj=entry, detail={"category": entry.category})
    db.session.delete(entry)
    db.session.flush()


def seed(consent_cookie: str, session_cookie: str, consent_days: int) -> list[CookieEntry]:
    """The demo's registry: what the portal really sets. Adds only names not yet present."""
    defaults = [
        EntryData("necessary", "cookie", session_cookie, "Customersonly AB",
                  "Keeps you signed in, protects forms against forgery (CSRF) and remembers the language you "
                  "chose during this visit.",
                  "Håller dig inloggad, skyddar formulär mot förfalskning (CSRF) och minns språket du valde "
                  "under besöket.", None, False),
        EntryData("necessary", "cookie", consent_cookie, "Customersonly AB",
                  "Remembers your cookie choice by a random consent ID, so we can respect and prove it.",
                  "Minns ditt cookieval med ett slumpat samtyckes-id, så att vi kan respektera och visa det.",
                  consent_days, False),
        EntryData("necessary", "session_storage", "htmx-current-path-for-history", "Customersonly AB (htmx)",
                  "Remembers which page this tab shows, so that Back works after in-place page updates. Stays "
                  "in the tab and is never sent anywhere.",
                  "Minns vilken sida fliken visar, så att Bakåt fungerar efter uppdateringar på plats. Stannar "
                  "i fliken och skickas aldrig någonstans.", None, False),
        EntryData("preferences", "cookie", "lang", "Customersonly AB",
                  "Remembers the language you chose after you close the browser.",
                  "Minns språket du valde även efter att du stängt webbläsaren.", 365, False),
        EntryData("statistics", "cookie", "_ga", "Google Ireland Ltd (Google Analytics)",
                  "Tells visits apart, so we see how the site is used and can improve it.",
                  "Skiljer besök åt, så att vi ser hur webbplatsen används och kan förbättra den.", 730, True),
        EntryData("statistics", "cookie", "_ga_*", "Google Ireland Ltd (Google Analytics)",
                  "Keeps the state of a visit for the statistics.",
                  "Håller reda på besöket för statistiken.", 730, True),
    ]
    added = []
    for data in defaults:
        exists = db.session.scalar(sa.select(CookieEntry.id).where(CookieEntry.kind == data.kind,
                                                                   CookieEntry.name == data.name))
        if exists is None:
            entry = CookieEntry(**{f: getattr(data, f) for f in FIELDS})
            db.session.add(entry)
            added.append(entry)
    db.session.flush()
    return added
