"""Consent records: every choice appended with what was shown, linked to accounts, withdrawn per
category (R-WEB-1..4, R-RIGHTS-1). The web layer reads the cookie; this module only decides."""
from __future__ import annotations

import re
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import BannerVersion, ConsentLink, ConsentMethod, ConsentRecord, User, utcnow
from portal.models.consent import OPTIONAL_CATEGORIES
from portal.services import DomainError, audit
from portal.services.consent import banner_text
from portal.services.actors import Actor

CONSENT_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32}$")
CHOICES = ("accept_all", "reject_all", "save")


def new_consent_id() -> str:
    return secrets.token_urlsafe(24)


def is_consent_id(value: str | None) -> bool:
    return bool(value) and bool(CONSENT_ID_PATTERN.match(value))


def latest(consent_id: str | None) -> ConsentRecord | None:
    if not is_consent_id(consent_id):
        return None
    return db.session.scalar(sa.select(ConsentRecord).where(ConsentRecord.consent_id == consent_id)
                             .order_by(ConsentRecord.id.desc()).limit(1))


def is_current(record: ConsentRecord | None, material_digest: str, max_age_days: int,
               now: datetime | None = None) -> bool:
    """A choice counts while it is younger than the lifetime and the banner has not changed materially."""
    if record is None:
        return False
    if (now or utcnow()) - record.at > timedelta(days=max_age_days):
        return False
    version = db.session.get(BannerVersion, record.banner_version_id)
    return version is not None and version.material_digest == material_digest


def decisions_for(choice: str, offered: list[str], chosen: set[str]) -> dict[str, bool]:
    """Per category, granted or not; a category not offered is never granted."""
    if choice not in CHOICES:
        raise DomainError(_l("Unknown choice."), field="choice")
    if choice == "accept_all":
        wanted = set(OPTIONAL_CATEGORIES)
    elif choice == "reject_all":
        wanted = set()
    else:
        wanted = chosen
    return {category: category in wanted and category in offered for category in OPTIONAL_CATEGORIES}


def record(consent_id: str, decisions: dict[str, bool], *, method: str, language: str, version: BannerVersion,
           user: User | None = None) -> ConsentRecord:
    """Append one choice. No IP address: the consent ID and the stored banner version suffice."""
    if not is_consent_id(consent_id):
        raise DomainError(_l("Malformed consent ID."))
    if method not in {m.value for m in ConsentMethod}:
        raise DomainError(_l("Unknown consent method."))
    entry = ConsentRecord(consent_id=consent_id, banner_version_id=version.id, method=method,
                          language=language, user_id=user.id if user is not None else None, at=utcnow(),
                          **{c: bool(decisions.get(c)) for c in OPTIONAL_CATEGORIES})
    db.session.add(entry)
    db.session.flush()
    return entry


def choose(consent_id: str, choice: str, chosen: set[str], *, via: str, language: str, content: dict,
           previous: ConsentRecord | None, user: User | None = None) -> ConsentRecord:
    """A visitor's choice from the banner or the settings page; taking back a yes is a withdrawal."""
    decisions = decisions_for(choice, content["offered"], chosen)
    method = via
    if previous is not None and any(previous.granted(c) and not decisions[c] for c in OPTIONAL_CATEGORIES):
        method = ConsentMethod.WITHDRAWAL.value
    entry = record(consent_id, decisions, method=method, language=language,
                   version=banner_text.version_for(content), user=user)
    if user is not None:
        link_to_user(consent_id, user)
    return entry


def record_gpc(consent_id: str, *, language: str, content: dict, previous: ConsentRecord | None) -> ConsentRecord:
    """Sec-GPC: 1 without a current explicit choice: statistics and marketing refused; preferences
    kept as they were (off unless the visitor said yes before)."""
    decisions = {c: False for c in OPTIONAL_CATEGORIES}
    if previous is not None:
        decisions["preferences"] = previous.preferences
    return record(consent_id, decisions, method=ConsentMethod.GPC.value, language=language,
                  version=banner_text.version_for(content))


def link_to_user(consent_id: str | None, user: User) -> ConsentLink | None:
    """Tie a browser's consent ID to an account (R-WEB-2); once, and only a well-formed ID."""
    if not is_consent_id(consent_id):
        return None
    link = db.session.scalar(sa.select(ConsentLink).where(ConsentLink.consent_id == consent_id,
                                                          ConsentLink.user_id == user.id))
    if link is None:
        link = ConsentLink(consent_id=consent_id, user_id=user.id)
        db.session.add(link)
        db.session.flush()
        audit.record(Actor(user=user), "consent.link", subject=user, obj=link)
    return link


def consent_ids_of(user: User) -> list[str]:
    linked = db.session.scalars(sa.select(ConsentLink.consent_id).where(ConsentLink.user_id == user.id))
    own = db.session.scalars(sa.select(ConsentRecord.consent_id).where(ConsentRecord.user_id == user.id).distinct())
    return sorted(set(linked) | set(own))


def history_for(user: User) -> list[ConsentRecord]:
    """Every consent record of the account, newest first: for the privacy centre and the extract."""
    ids = consent_ids_of(user)
    query = sa.select(ConsentRecord).where(sa.or_(ConsentRecord.user_id == user.id,
                                                  ConsentRecord.consent_id.in_(ids)))
    return list(db.session.scalars(query.order_by(ConsentRecord.at.desc(), ConsentRecord.id.desc())))


def current_grants(user: User, material_digest: str, max_age_days: int,
                   this_browser: str | None = None) -> dict[str, list[ConsentRecord]]:
    """Per optional category, the still-current latest records (one per consent ID of the account,
    and of the browser in use) that grant it."""
    grants: dict[str, list[ConsentRecord]] = {c: [] for c in OPTIONAL_CATEGORIES}
    ids = set(consent_ids_of(user)) | ({this_browser} if is_consent_id(this_browser) else set())
    for consent_id in sorted(ids):
        last = latest(consent_id)
        if is_current(last, material_digest, max_age_days):
            for category in OPTIONAL_CATEGORIES:
                if last.granted(category):
                    grants[category].append(last)
    return grants


def withdraw_for_user(actor: Actor, user: User, category: str, *, language: str, content: dict,
                      max_age_days: int) -> int:
    """Withdraw one category on every browser the account chose from (R-RIGHTS-1); returns how many."""
    if category not in OPTIONAL_CATEGORIES:
        raise DomainError(_l("Unknown category."), field="category")
    granting = current_grants(user, banner_text.material_digest(content), max_age_days)[category]
    version = banner_text.version_for(content)
    for last in granting:
        decisions = {c: last.granted(c) and c != category for c in OPTIONAL_CATEGORIES}
        record(last.consent_id, decisions, method=ConsentMethod.WITHDRAWAL.value, language=language,
               version=version, user=user)
    if granting:
        audit.record(actor, "consent.withdraw", subject=user, detail={"category": category, "browsers": len(granting)})
    return len(granting)


def lookup(actor: Actor, consent_id: str) -> tuple[list[ConsentRecord], dict[int, BannerVersion], list[ConsentLink]]:
    """A privacy officer's proof of one consent ID: its records, the versions shown, linked accounts."""
    if not is_consent_id(consent_id):
        raise DomainError(_l("A consent ID is 32 letters, digits, '-' or '_'."), field="consent_id")
    records = list(db.session.scalars(sa.select(ConsentRecord).where(ConsentRecord.consent_id == consent_id)
                                      .order_by(ConsentRecord.id)))
    versions = {r.banner_version_id: db.session.get(BannerVersion, r.banner_version_id) for r in records}
    links = list(db.session.scalars(sa.select(ConsentLink).where(ConsentLink.consent_id == consent_id)))
    audit.record(actor, "consent.lookup", detail={"records": len(records)})
    for user_id in sorted({link.user_id for link in links} | {r.user_id for r in records if r.user_id}):
        audit.record(actor, "person.view", subject=user_id, detail={"what": "consent_records"})
    return records, versions, links
