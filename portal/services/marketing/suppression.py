"""The suppression list: HMACs of normalised addresses that said no, so that a new account or an import with
the same address is never mailed marketing again (until that person explicitly opts in)."""
from __future__ import annotations

import hashlib
import hmac
import unicodedata

import sqlalchemy as sa
from flask import current_app

from portal.extensions import db
from portal.models import MarketingSuppression

ALL = "all"  # the whole of marketing: an objection (Art. 21(3))
_PURPOSE = b"portal.marketing.suppression.v1"


def normalise(address: str) -> str:
    """Trimmed, NFC, lower-cased: the form every address is stored and compared in."""
    return unicodedata.normalize("NFC", (address or "").strip()).lower()


def _key() -> bytes:
    # MARKETING_SUPPRESSION_KEY, if set, survives a SECRET_KEY rotation; otherwise derived from SECRET_KEY.
    secret = current_app.config.get("MARKETING_SUPPRESSION_KEY") or current_app.config["SECRET_KEY"]
    return hmac.new(secret.encode() if isinstance(secret, str) else secret, _PURPOSE, hashlib.sha256).digest()


def address_hash(address: str) -> str:
    return hmac.new(_key(), normalise(address).encode(), hashlib.sha256).hexdigest()


def suppress(address: str, topics, reason: str) -> None:
    """Add the address for each topic (idempotent)."""
    digest = address_hash(address)
    have = topics_of(address)
    for topic in dict.fromkeys(topics):
        if topic not in have:
            db.session.add(MarketingSuppression(email_hash=digest, topic=topic, reason=reason))
    db.session.flush()


def topics_of(address: str) -> set[str]:
    return set(db.session.scalars(sa.select(MarketingSuppression.topic).where(
        MarketingSuppression.email_hash == address_hash(address))))


def is_suppressed(address: str, topic: str) -> bool:
    found = topics_of(address)
    return ALL in found or topic in found


def clear(address: str, topics) -> None:
    """An explicit opt-in: the address may be mailed on these topics again."""
    db.session.execute(sa.delete(MarketingSuppression).where(
        MarketingSuppression.email_hash == address_hash(address), MarketingSuppression.topic.in_(list(topics))))
    db.session.flush()


def rows_for(address: str) -> list[MarketingSuppression]:
    """For the person's access extract: what the list holds about their address."""
    return list(db.session.scalars(sa.select(MarketingSuppression).where(
        MarketingSuppression.email_hash == address_hash(address)).order_by(MarketingSuppression.id)))


def suppressed_hashes(topic: str) -> set[str]:
    """Every hash that may not get this topic (the topic's own, and "all"), for a campaign's one query."""
    return set(db.session.scalars(sa.select(MarketingSuppression.email_hash).where(
        MarketingSuppression.topic.in_([topic, ALL]))))
