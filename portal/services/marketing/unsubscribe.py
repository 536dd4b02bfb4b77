"""The signed one-click unsubscribe link (RFC 8058): one person, one topic, no sign-in; the signature is the
authority. A replay is harmless: the second use finds the topic already off and says so."""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import MarketingCampaign, User
from portal.services.accounts import tokens
from portal.services.actors import Actor
from portal.services.privacy import marketing

PURPOSE = "unsubscribe"
MAX_AGE = 60 * 60 * 24 * 400  # a mail read a year later still unsubscribes (TOKEN_MAX_AGE["unsubscribe"] wins)


def _max_age() -> int:
    return current_app.config["TOKEN_MAX_AGE"].get(PURPOSE, MAX_AGE)


def issue(user: User, topic: str, campaign: MarketingCampaign | None = None) -> str:
    """`campaign` only when we may measure the campaign on this person (R-LI); else the link counts nothing."""
    return tokens.issue(PURPOSE, {"u": user.id, "t": topic, "c": campaign.id if campaign else None})


@dataclass(frozen=True)
class Link:
    user: User | None  # None: the account is gone (erased); nothing is left to unsubscribe
    topic: str
    campaign_id: int | None


def read(token: str) -> Link:
    """The link's person and topic; TokenError when tampered with or expired. Never spent: replay is safe."""
    payload = tokens.read(PURPOSE, token, max_age=_max_age())
    topic = payload.get("t")
    if topic not in marketing.TOPICS or not isinstance(payload.get("u"), int):
        raise tokens.TokenError(_l("This link is not valid. Check that you copied all of it."))
    campaign_id = payload.get("c")
    return Link(user=db.session.get(User, payload["u"]), topic=topic,
                campaign_id=campaign_id if isinstance(campaign_id, int) else None)


def apply(actor: Actor, token: str) -> tuple[Link, bool]:
    """Unsubscribe; True when this use turned the topic off, False when it already was."""
    link = read(token)
    if link.user is None:
        return link, False
    changed = marketing.unsubscribe(actor, link.user, link.topic)
    campaign = db.session.get(MarketingCampaign, link.campaign_id) if link.campaign_id else None
    if changed and campaign is not None:
        campaign.unsubscribed_count += 1
        db.session.flush()
    return link, changed
