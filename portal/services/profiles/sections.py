"""The consultant profile's single-form sections (R-CON-1, R-CON-6): contact, identity, payment,
competence headline, availability. Each save checks free text first, then stores, then audits."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Callable

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import ConsultantProfile, FTaxStatus, Gender, RemotePreference, User, WorkPermit, utcnow
from portal.services import DomainError, audit, encryption, mail
from portal.services.accounts import registration, tokens
from portal.services.matching import search
from portal.services.profiles import sensitive_data
from portal.services.actors import Actor
from portal.services.profiles.identity_numbers import (
    birth_date_of, normalise_bankgiro, normalise_org_number, normalise_personnummer,
)


def profile_for(user: User) -> ConsultantProfile:
    """The consultant's profile, created empty the first time it is needed."""
    profile = db.session.scalar(sa.select(ConsultantProfile).where(ConsultantProfile.user_id == user.id))
    if profile is None:
        profile = ConsultantProfile(user_id=user.id)
        db.session.add(profile)
        db.session.flush()
        db.session.info["profile_created"] = True
    return profile


def saved(actor: Actor, profile: ConsultantProfile, section: str, **detail) -> None:
    """Every save: fresh activity time (R-CON-11), an audit event without personal data, and the change queued
    for the search index in the same transaction (R-MATCH-1)."""
    now = utcnow()
    profile.updated_at = now
    db.session.get(User, profile.user_id).last_active_at = now
    db.session.flush()
    search.enqueue(profile.user_id, "upsert")
    audit.record(actor, "profile.update", subject=profile.user_id, obj=profile, detail={"section": section, **detail})


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def update_contact(actor: Actor, profile: ConsultantProfile, *, name: str, phone: str | None, street: str | None,
                   postal_code: str | None, city: str | None, country: str | None, email: str,
                   link_for: Callable[[str], str]) -> bool:
    """Saves contact details; a new e-mail address waits for confirmation. True when a mail was sent."""
    user = db.session.get(User, profile.user_id)
    address = registration.normalise_email(email)
    if not (name or "").strip():
        raise DomainError(_l("Enter your name."), field="name")
    user.name = name.strip()
    user.phone = _clean(phone)
    profile.street, profile.postal_code, profile.city = _clean(street), _clean(postal_code), _clean(city)
    profile.country = _clean(country)
    changing = address != user.email
    if changing:
        if registration.find_by_email(address) is not None:
            raise DomainError(_l("Another account uses this e-mail address."), field="email")
        profile.pending_email = address
        token = tokens.issue("change_email", {"user": user.id, "email": address})
        mail.queue(address, _l("Confirm your new e-mail address"), "change_email", locale=user.locale,
                   user_name=user.name, link=link_for(token))
    saved(actor, profile, "contact", email_change_requested=changing)
    return changing


def confirm_email_change(actor: Actor, token: str) -> User:
    payload = tokens.read("change_email", token)
    user = db.session.get(User, payload.get("user"))
    profile = db.session.scalar(sa.select(ConsultantProfile).where(ConsultantProfile.user_id == payload.get("user")))
    if user is None or profile is None or profile.pending_email != payload.get("email"):
        raise tokens.TokenError(_l("This link is not valid. Check that you copied all of it."))
    if registration.find_by_email(payload["email"]) is not None:
        raise DomainError(_l("Another account uses this e-mail address."), field="email")
    tokens.spend("change_email", token)
    user.email, profile.pending_email = payload["email"], None
    user.email_verified_at = utcnow()
    saved(actor, profile, "contact", email_changed=True)
    return user


def _choice(value: str | None, allowed: type, field: str) -> str | None:
    if not value:
        return None
    if value not in {member.value for member in allowed}:
        raise DomainError(_l("Choose one of the options."), field=field)
    return value


def update_identity(actor: Actor, profile: ConsultantProfile, *, personnummer: str | None, national_id: str | None,
                    national_id_country: str | None, date_of_birth: date | None, gender: str | None,
                    citizenship: str | None, work_permit: str | None, work_permit_expires: date | None) -> None:
    number = normalise_personnummer(personnummer) if _clean(personnummer) else None
    if number and date_of_birth and birth_date_of(number) != date_of_birth:
        raise DomainError(_l("The date of birth does not match the personnummer."), field="date_of_birth")
    if _clean(national_id) and not national_id_country:
        raise DomainError(_l("Choose the country that issued the ID."), field="national_id_country")
    if work_permit == WorkPermit.VALID.value and work_permit_expires is None:
        raise DomainError(_l("Enter when the work permit expires."), field="work_permit_expires")
    profile.personnummer_encrypted = encryption.encrypt(number)
    profile.national_id = _clean(national_id)
    profile.national_id_country = national_id_country if profile.national_id else None
    profile.date_of_birth = date_of_birth or (birth_date_of(number) if number else None)
    profile.gender = _choice(gender, Gender, "gender")
    profile.citizenship = _clean(citizenship)
    profile.work_permit = _choice(work_permit, WorkPermit, "work_permit")
    profile.work_permit_expires = work_permit_expires if work_permit in (WorkPermit.VALID.value, None) else None
    saved(actor, profile, "identity")


def update_payment(actor: Actor, profile: ConsultantProfile, *, bankgiro: str | None, f_tax: str | None,
                   company_name: str | None, company_org_number: str | None) -> None:
    number = normalise_bankgiro(bankgiro) if _clean(bankgiro) else None
    org = normalise_org_number(company_org_number) if _clean(company_org_number) else None
    if org and not _clean(company_name):
        raise DomainError(_l("Enter the name of the company you invoice through."), field="company_name")
    profile.bankgiro_encrypted = encryption.encrypt(number)
    profile.f_tax = _choice(f_tax, FTaxStatus, "f_tax")
    profile.company_name, profile.company_org_number = _clean(company_name), org
    saved(actor, profile, "payment")


def update_competence(actor: Actor, profile: ConsultantProfile, *, title: str | None, summary: str | None) -> None:
    sensitive_data.check_fields({"summary": (_l("Summary"), summary), "title": (_l("Title"), title)})
    profile.title, profile.summary = _clean(title), _clean(summary)
    saved(actor, profile, "competence")


def update_availability(actor: Actor, profile: ConsultantProfile, *, available_from: date | None,
                        extent: int | None, remote: str | None, region: str | None,
                        hourly_rate: Decimal | None) -> None:
    if extent is not None and not 0 <= extent <= 100:
        raise DomainError(_l("The extent is a percentage between 0 and 100."), field="extent")
    if hourly_rate is not None and hourly_rate < 0:
        raise DomainError(_l("The hourly rate cannot be negative."), field="hourly_rate")
    profile.available_from, profile.extent = available_from, extent
    profile.remote = _choice(remote, RemotePreference, "remote")
    profile.region, profile.hourly_rate = _clean(region), hourly_rate
    saved(actor, profile, "availability")


def personnummer(profile: ConsultantProfile) -> str | None:
    return encryption.decrypt(profile.personnummer_encrypted)


def bankgiro(profile: ConsultantProfile) -> str | None:
    return encryption.decrypt(profile.bankgiro_encrypted)


def rotate_keys() -> int:
    """Re-encrypt every encrypted value with the current key; returns how many values changed."""
    count = 0
    for profile in db.session.scalars(sa.select(ConsultantProfile)).yield_per(200):
        for column in ("personnummer_encrypted", "bankgiro_encrypted"):
            value = getattr(profile, column)
            if value is not None:
                setattr(profile, column, encryption.rotate(value))
                count += 1
    db.session.flush()
    return count


def visible_numbers(viewer: User, profile: ConsultantProfile) -> dict[str, str | None]:
    """Personnummer and bankgiro in full for the owner and staff whose role needs them, else masked."""
    from portal.services.profiles.identity_numbers import mask_bankgiro, mask_personnummer

    owner = viewer.id == profile.user_id
    pnr, bg = personnummer(profile), bankgiro(profile)
    return {
        "personnummer": pnr if owner or viewer.has_staff_role("recruiter") else mask_personnummer(pnr),
        "bankgiro": bg if owner or viewer.has_staff_role("finance") else mask_bankgiro(bg),
    }
