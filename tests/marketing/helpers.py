"""Shared steps for the marketing tests."""
from __future__ import annotations

import re

import sqlalchemy as sa

from portal.extensions import db
from portal.models import MarketingCampaign, OutboxMail

CAMPAIGN = {"topic": "events", "segment_role": "consultant", "segment_locale": "", "subject_sv": "Höstträff",
            "subject_en": "Autumn meetup", "body_sv": "Välkommen den 12 november.",
            "body_en": "Welcome on 12 November."}


def compose(staff, **changes) -> MarketingCampaign:
    response = staff.post("/staff/campaigns/new", data={**CAMPAIGN, **changes})
    assert response.status_code == 303, response.get_data(as_text=True)[:300]
    return db.session.scalars(sa.select(MarketingCampaign).order_by(MarketingCampaign.id.desc())).first()


def mails_to(user) -> list[OutboxMail]:
    return list(db.session.scalars(sa.select(OutboxMail).where(OutboxMail.user_id == user.id)))


def unsubscribe_path(mail: OutboxMail) -> str:
    return re.search(r"http://localhost(/unsubscribe/\S+)", mail.body_text).group(1)
