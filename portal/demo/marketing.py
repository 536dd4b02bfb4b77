"""Demo campaigns: one sent to consultants (its counts and the mails with their unsubscribe links are in the
outbox) and one draft for buyers, so staff see both states and a consultant can try the one-click link."""
from __future__ import annotations

from typing import Iterator

import sqlalchemy as sa

from portal.extensions import db
from portal.links import external_url
from portal.models import MarketingCampaign
from portal.services.actors import SYSTEM
from portal.services.marketing import campaigns


def load() -> Iterator[str]:
    if db.session.scalar(sa.select(sa.func.count(MarketingCampaign.id))):
        return
    sent = campaigns.create(
        SYSTEM, topic="events", segment_role="consultant", segment_locale=None,
        subject_sv="Konsultfrukost i Stockholm", subject_en="Consultant breakfast in Stockholm",
        body_sv="Välkommen på frukost med korta föredrag om säkra molnplattformar, torsdag 14 januari kl. 8.",
        body_en="Join us for breakfast and short talks on secure cloud platforms, Thursday 14 January at 8.")
    count = campaigns.send(SYSTEM, sent, lambda token: external_url("marketing.unsubscribe", token=token))
    campaigns.create(
        SYSTEM, topic="surveys", segment_role="buyer", segment_locale="sv",
        subject_sv="Vad tycker du om våra kortlistor?", subject_en="What do you think of our shortlists?",
        body_sv="Fem frågor, två minuter: hjälp oss göra kortlistorna bättre.",
        body_en="Five questions, two minutes: help us make our shortlists better.")
    yield f"demo campaigns: one sent to {count} consultants, one draft for buyers"
