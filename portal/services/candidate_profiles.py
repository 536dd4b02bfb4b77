"""The consultant profile as plain data, and the conservative anonymized card a buyer may see (R-BUY-7).

`profile_dict` is the one seam to the profile models; `anonymized_card` shows no name, e-mail, phone,
city or free text, only what cannot identify a person on its own."""
from __future__ import annotations

import hashlib
import hmac

from flask import current_app

from portal.models import Assignment, User

CARD_FIELDS = ("skills", "languages", "certificates", "available_from", "extent", "hourly_rate", "region", "remote")


def profile_dict(consultant: User) -> dict:
    """Everything the portal holds in a consultant's profile, as plain values."""
    return {
        "consultant_id": consultant.id, "name": consultant.name, "email": consultant.email,
        "phone": consultant.phone or "", "city": "", "region": "", "title": consultant.job_title or "",
        "summary": "", "skills": [], "languages": [], "certificates": [], "employment": [], "education": [],
        "available_from": None, "extent": None, "hourly_rate": None, "remote": None,
    }


def pseudonym(consultant_id: int, assignment_id: int) -> str:
    """Stable within one assignment, unrelated across assignments (no linking a person across shortlists)."""
    key = hashlib.sha256(b"portal.pseudonym:" + current_app.config["SECRET_KEY"].encode()).digest()
    digest = hmac.new(key, f"{consultant_id}:{assignment_id}".encode(), hashlib.sha256).hexdigest()
    return "C-" + digest[:6].upper()


def anonymized_card(consultant: User, assignment: Assignment) -> dict:
    """Skills, languages, certificates, availability, extent, rate and region under a pseudonym."""
    profile = profile_dict(consultant)
    card = {"pseudonym": pseudonym(consultant.id, assignment.id)}
    for name in CARD_FIELDS:
        value = profile.get(name)
        card[name] = str(value) if hasattr(value, "isoformat") else value
    card["skills"] = [{"name": s.get("name"), "level": s.get("level"), "years": s.get("years")}
                      for s in profile.get("skills") or []]
    card["languages"] = [{"name": x.get("name"), "level": x.get("level")} for x in profile.get("languages") or []]
    card["certificates"] = [{"name": c.get("name"), "issuer": c.get("issuer"), "year": c.get("year")}
                            for c in profile.get("certificates") or []]
    return card
