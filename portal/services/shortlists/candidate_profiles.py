"""The consultant profile as plain data (R-BUY-7, R-CON-9).

`profile_dict` is the one seam between the profile models (ConsultantProfile and its child rows) and
shortlists, disclosures and the card drafter (cards.py)."""
from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa

from portal.extensions import db
from portal.models import ConsultantProfile, User


def _rate(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def profile_dict(consultant: User) -> dict:
    """Everything the portal holds in a consultant's profile, as plain values (an empty profile when the
    consultant has not filled one in; nothing is created here)."""
    profile = db.session.scalar(sa.select(ConsultantProfile).where(ConsultantProfile.user_id == consultant.id))
    data = {"consultant_id": consultant.id, "name": consultant.name, "email": consultant.email,
            "phone": consultant.phone or "", "city": "", "region": "", "title": consultant.job_title or "",
            "summary": "", "skills": [], "languages": [], "certificates": [], "employment": [], "education": [],
            "available_from": None, "extent": None, "hourly_rate": None, "remote": None}
    if profile is None:
        return data
    data.update({
        "city": profile.city or "", "region": profile.region or "", "title": profile.title or data["title"],
        "summary": profile.summary or "",
        "skills": [{"name": s.skill.name, "level": s.level, "years": s.years} for s in profile.skills],
        "languages": [{"name": x.name, "level": x.level} for x in profile.languages],
        "certificates": [{"name": c.name, "issuer": c.issuer, "year": c.year} for c in profile.certificates],
        "employment": [{"employer": e.employer, "title": e.title, "start": e.start, "end": e.end,
                        "description": e.description} for e in profile.employment],
        "education": [{"school": e.school, "degree": e.degree, "start": e.start, "end": e.end}
                      for e in profile.education],
        "available_from": profile.available_from, "extent": profile.extent,
        "hourly_rate": _rate(profile.hourly_rate), "remote": profile.remote,
    })
    return data

