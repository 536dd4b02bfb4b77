"""Campaigns: staff write one in Swedish and English for a topic and a segment, see how many it would reach,
and send it through the outbox, or hand name and e-mail to the named marketing service (R-SEC-4).

Who receives it is decided by privacy.marketing's rules, read here in bulk: the segment's people with a
verified, active account who have not objected, whose choice for the topic is on, whose address is not on
the suppression list. Nothing here stores who received what: a campaign keeps counts only.
"""
from __future__ import annotations

import csv
import io
from typing import Callable

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext, lazy_gettext as _l

from portal.extensions import db
from portal.models import (CommunicationPreference, MarketingCampaign, MarketingHandover, MarketingObjection, User,
                           utcnow)
from portal.services import DomainError, audit, mail
from portal.services.actors import Actor
from portal.services.marketing import suppression, unsubscribe
from portal.services.privacy import legitimate_interests, marketing

SEGMENTS = {
    "consultant": _l("Consultants"),
    "buyer": _l("Buyers' representatives"),
    "supplier": _l("Suppliers' representatives"),
    "partner": _l("Partners' representatives"),
}
LOCALES = {"sv": _l("Swedish"), "en": _l("English")}
STATES = {"draft": _l("Draft"), "sent": _l("Sent"), "handed_over": _l("Handed over")}
MAX_SUBJECT, MAX_BODY = 200, 20000
_COLUMN = {"newsletter": "newsletters", "events": "events", "offers": "offers", "surveys": "surveys"}

LinkFor = Callable[[str], str]


def _text(value: str | None, field: str, limit: int) -> str:
    text = (value or "").strip()
    if not text:
        raise DomainError(_l("Fill this in, in both languages."), field=field)
    if len(text) > limit:
        raise DomainError(gettext("Write at most %(max)d characters.", max=limit), field=field)
    return text


def create(actor: Actor, *, topic: str, segment_role: str, segment_locale: str | None, subject_sv: str,
           subject_en: str, body_sv: str, body_en: str) -> MarketingCampaign:
    if topic not in marketing.TOPICS:
        raise DomainError(_l("Choose what the campaign is about."), field="topic")
    if segment_role not in SEGMENTS:
        raise DomainError(_l("Choose who the campaign is for."), field="segment_role")
    if segment_locale not in (None, *LOCALES):
        raise DomainError(_l("Choose a language, or every language."), field="segment_locale")
    campaign = MarketingCampaign(
        topic=topic, segment_role=segment_role, segment_locale=segment_locale,
        subject_sv=_text(subject_sv, "subject_sv", MAX_SUBJECT), subject_en=_text(subject_en, "subject_en", MAX_SUBJECT),
        body_sv=_text(body_sv, "body_sv", MAX_BODY), body_en=_text(body_en, "body_en", MAX_BODY),
        created_by_id=actor.user_id)
    db.session.add(campaign)
    db.session.flush()
    audit.record(actor, "marketing.campaign_create", obj=campaign, detail={"topic": topic, "segment": segment_role})
    return campaign


def all_campaigns() -> list[MarketingCampaign]:
    return list(db.session.scalars(sa.select(MarketingCampaign).order_by(MarketingCampaign.id.desc())))


def locale_of(user: User) -> str:
    return user.locale if user.locale in LOCALES else current_app.config["BABEL_DEFAULT_LOCALE"]


def recipients(campaign: MarketingCampaign) -> list[User]:
    """The people this campaign may reach now, by the same rules as marketing.choices(), in a few queries."""
    people = [u for u in db.session.scalars(sa.select(User).where(
        User.role == campaign.segment_role, User.is_disabled.is_(False), User.email_verified_at.is_not(None))
        .order_by(User.id)) if campaign.segment_locale in (None, locale_of(u))]
    ids = [u.id for u in people]
    if not ids:
        return []
    objected = set(db.session.scalars(sa.select(MarketingObjection.user_id).where(MarketingObjection.user_id.in_(ids))))
    column = getattr(CommunicationPreference, _COLUMN[campaign.topic])
    said_no = set(db.session.scalars(sa.select(CommunicationPreference.user_id).where(
        CommunicationPreference.user_id.in_(ids), column.is_(False))))
    suppressed = suppression.suppressed_hashes(campaign.topic)
    return [u for u in people if u.id not in objected and u.id not in said_no
            and suppression.address_hash(u.email) not in suppressed]


def _refuse_unless_draft(campaign: MarketingCampaign) -> None:
    if campaign.state != "draft":
        raise DomainError(_l("This campaign has already gone out."))


def send(actor: Actor, campaign: MarketingCampaign, link_for: LinkFor) -> int:
    """Queue one mail per recipient, in their language, each with its own unsubscribe link and the RFC 8058
    headers. Returns how many."""
    _refuse_unless_draft(campaign)
    people = recipients(campaign)
    unmeasured = legitimate_interests.objecting_ids("campaign_measurement", [u.id for u in people])
    for user in people:
        locale = locale_of(user)
        link = link_for(unsubscribe.issue(user, campaign.topic, None if user.id in unmeasured else campaign))
        subject = campaign.subject_sv if locale == "sv" else campaign.subject_en
        mail.queue(user, subject, "marketing_campaign", locale=locale,
                   headers={"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
                   body=campaign.body_sv if locale == "sv" else campaign.body_en, unsubscribe_link=link,
                   topic_label=marketing.TOPICS[campaign.topic])
    campaign.state, campaign.sent_at, campaign.sent_by_id, campaign.sent_count = "sent", utcnow(), actor.user_id, len(people)
    db.session.flush()
    audit.record(actor, "marketing.campaign_send", obj=campaign, detail={"recipients": len(people)})
    return len(people)


def service_name() -> str | None:
    """The marketing service named in the policy and configured (MARKETING_SERVICE_NAME); None: no hand-over."""
    return current_app.config.get("MARKETING_SERVICE_NAME") or None


def hand_over(actor: Actor, campaign: MarketingCampaign) -> str:
    """R-SEC-4: only name and e-mail, as CSV for the named service; each person's hand-over is logged under
    their id (their privacy centre lists it). The file is given to staff, not stored."""
    service = service_name()
    if service is None:
        raise DomainError(_l("No marketing service is configured: send the campaign through our own mail."))
    _refuse_unless_draft(campaign)
    people = recipients(campaign)
    handover = MarketingHandover(campaign_id=campaign.id, service=service, recipients=len(people),
                                 created_by_id=actor.user_id)
    db.session.add(handover)
    campaign.state, campaign.sent_at, campaign.sent_by_id, campaign.sent_count = (
        "handed_over", utcnow(), actor.user_id, len(people))
    db.session.flush()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "email"])
    for user in people:
        writer.writerow([_cell(user.name), user.email])
        audit.record(actor, "marketing.handover", subject=user, obj=handover, detail={"fields": "name,email"})
    audit.record(actor, "marketing.campaign_handover", obj=campaign, detail={"recipients": len(people)})
    return out.getvalue()


def _cell(value: str) -> str:
    """No spreadsheet formulas out of a name (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
