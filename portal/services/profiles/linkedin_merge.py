"""LinkedIn import (R-CON-7): parse → draft row → preview → merge on confirm, nothing before."""
from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import ConsultantProfile, ProfileImportDraft, utcnow
from portal.services import DomainError, audit
from portal.services.matching import skills
from portal.services.profiles import linkedin_archive, entries, sensitive_data
from portal.services.actors import Actor
from portal.services.profiles.sections import saved

LIFETIME = timedelta(hours=1)
LEVELS = {"native or bilingual proficiency": "C2", "full professional proficiency": "C1",
          "professional working proficiency": "B2", "limited working proficiency": "B1",
          "elementary proficiency": "A2"}


def purge_expired() -> int:
    result = db.session.execute(sa.delete(ProfileImportDraft).where(ProfileImportDraft.expires_at < utcnow()))
    return result.rowcount or 0


def start(actor: Actor, profile: ConsultantProfile, data: bytes) -> ProfileImportDraft:
    """Read the archive and keep it as a short-lived draft; the profile is not touched."""
    purge_expired()
    archive = linkedin_archive.read_archive(data)
    payload = json.dumps(asdict(archive), default=lambda d: d.isoformat() if isinstance(d, date) else str(d))
    db.session.execute(sa.delete(ProfileImportDraft).where(ProfileImportDraft.profile_id == profile.id))
    draft = ProfileImportDraft(profile_id=profile.id, payload=payload, expires_at=utcnow() + LIFETIME)
    db.session.add(draft)
    db.session.flush()
    audit.record(actor, "profile.import_preview", subject=profile.user_id, obj=draft)
    return draft


def draft_for(profile: ConsultantProfile, draft_id: int) -> ProfileImportDraft | None:
    draft = db.session.get(ProfileImportDraft, draft_id)
    if draft is None or draft.profile_id != profile.id or draft.expires_at < utcnow():
        return None
    return draft


def preview(draft: ProfileImportDraft) -> dict:
    return json.loads(draft.payload)


def loose_date(value: str | date | None) -> date | None:
    """ISO dates as the reader stores them; a bare year or year-month is taken as its first day."""
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    for candidate in (text[:10], text[:7] + "-01", text[:4] + "-01-01"):
        try:
            return date.fromisoformat(candidate)
        except ValueError:
            continue
    return None


def confirm(actor: Actor, profile: ConsultantProfile, draft: ProfileImportDraft) -> None:
    """Merge: fill empty headline fields, add entries not already there; then drop the draft."""
    data = preview(draft)
    head = data["profile"]
    texts = {"summary": (_l("Summary"), head.get("summary")), "headline": (_l("Title"), head.get("headline"))}
    texts.update({f"position{i}": (_l("Description"), f"{p.get('title') or ''}. {p.get('description') or ''}")
                  for i, p in enumerate(data["positions"])})
    texts.update({f"skill{i}": (_l("Skill"), name) for i, name in enumerate(data["skills"])})  # before any is shared
    texts.update({f"language{i}": (_l("Language"), lang["name"]) for i, lang in enumerate(data["languages"])})
    texts.update({f"degree{i}": (_l("Degree or programme"), e["degree"]) for i, e in enumerate(data["education"])})
    try:
        sensitive_data.check_fields(texts)
    except sensitive_data.SensitiveDataError as error:
        error.field = "archive"
        raise
    profile.title = profile.title or (head.get("headline") or None)
    profile.summary = profile.summary or (head.get("summary") or None)
    existing = {(e.employer.casefold(), e.title.casefold()) for e in profile.employment}
    for p in data["positions"]:
        if p["company"] and (p["company"].casefold(), (p["title"] or "-").casefold()) not in existing:
            entries.add(actor, profile, "employment", {
                "employer": p["company"], "title": p["title"] or "-", "description": p["description"] or None,
                "start": loose_date(p["started_on"]), "end": loose_date(p["finished_on"])})
    schools = {e.school.casefold() for e in profile.education}
    for e in data["education"]:
        if e["school"] and e["school"].casefold() not in schools:
            entries.add(actor, profile, "education", {"school": e["school"], "degree": e["degree"] or None,
                                                              "start": loose_date(e["start"]), "end": loose_date(e["end"])})
    have = {s.skill.key for s in profile.skills}
    for name in data["skills"]:
        if skills.key(name) and skills.resolve(name).key not in have:  # "—" names no skill
            entries.add(actor, profile, "skills", {"name": name, "level": 3, "years": 0})
            have.add(skills.resolve(name).key)
    languages = {lang.name.casefold() for lang in profile.languages}
    for lang in data["languages"]:
        if lang["name"] and lang["name"].casefold() not in languages:
            level = LEVELS.get((lang["proficiency"] or "").casefold(), "B1")
            entries.add(actor, profile, "languages", {"name": lang["name"], "level": level})
    certificates = {c.name.casefold() for c in profile.certificates}
    for c in data["certifications"]:
        if c["name"] and c["name"].casefold() not in certificates:
            started = loose_date(c["started_on"])
            year = started.year if started else None
            entries.add(actor, profile, "certificates",
                                {"name": c["name"], "issuer": c["authority"] or None, "year": year})
    db.session.delete(draft)
    saved(actor, profile, "linkedin", action="import")


def cancel(actor: Actor, profile: ConsultantProfile, draft: ProfileImportDraft) -> None:
    db.session.delete(draft)
    db.session.flush()
    audit.record(actor, "profile.import_cancel", subject=profile.user_id)


def require(draft: ProfileImportDraft | None) -> ProfileImportDraft:
    if draft is None:
        raise DomainError(_l("This import has expired or was already used. Upload the archive again."))
    return draft
