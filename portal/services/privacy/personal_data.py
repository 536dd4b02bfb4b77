"""Everything the portal holds about a person, as structured data (R-RIGHTS-2, 4, 5, 6).

Export, erasure and restriction start here. tests/profiles/test_personal_data.py fails when a table
that holds personal data (declares __subject_column__ / __personal_data__, or points at users or
consultant_profiles) has no key in collect()'s result: whoever adds such a table extends this.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa

from portal.extensions import db
from portal.models import (
    Attachment, AuditEvent, Certificate, ConsultantProfile, DataTransfer, EducationEntry, EmploymentEntry, ExcludedOrganisation,
    Invitation, Membership, OutboxMail, ProfileImportDraft, ProfileIndustry, ProfileInterest, ProfileLanguage,
    ProfileSkill, RecoveryCode, Reference, ReferenceStatement, RetentionWarning, User, UserSession,
)
from portal.services import encryption
from portal.services.privacy import personal_data_business, personal_data_work

SECRETS = {"password_hash", "totp_secret", "token_hash", "code_hash", "storage_key", "personnummer_encrypted", "bankgiro_encrypted", "payload"}


def _value(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def row(obj) -> dict:
    """A row's columns as JSON-ready values; credentials and ciphertext left out."""
    return {c.key: _value(getattr(obj, c.key)) for c in sa.inspect(obj).mapper.column_attrs if c.key not in SECRETS}


def _rows(model, *where) -> list[dict]:
    order = sa.inspect(model).primary_key
    return [row(r) for r in db.session.scalars(sa.select(model).where(*where).order_by(*order))]


def collect(user: User) -> dict:
    """A dict with one key per table holding this person's data (table name → rows)."""
    profile = db.session.scalar(sa.select(ConsultantProfile).where(ConsultantProfile.user_id == user.id))
    pid = profile.id if profile else -1
    profile_data = row(profile) if profile else None
    if profile is not None:
        profile_data["personnummer"] = encryption.decrypt(profile.personnummer_encrypted)
        profile_data["bankgiro"] = encryption.decrypt(profile.bankgiro_encrypted)
    references = _rows(Reference, Reference.profile_id == pid)
    reference_ids = [r["id"] for r in references]
    result = {
        "users": [row(user)],
        "memberships": _rows(Membership, Membership.user_id == user.id),
        "invitations": _rows(Invitation, sa.or_(Invitation.email == user.email, Invitation.invited_by_id == user.id)),
        "consultant_profiles": [profile_data] if profile_data else [],
        "profile_skills": [{**row(s), "skill": s.skill.name}
                           for s in db.session.scalars(sa.select(ProfileSkill).where(ProfileSkill.profile_id == pid))],
        "profile_languages": _rows(ProfileLanguage, ProfileLanguage.profile_id == pid),
        "profile_interests": _rows(ProfileInterest, ProfileInterest.profile_id == pid),
        "profile_industries": _rows(ProfileIndustry, ProfileIndustry.profile_id == pid),
        "employment_entries": _rows(EmploymentEntry, EmploymentEntry.profile_id == pid),
        "education_entries": _rows(EducationEntry, EducationEntry.profile_id == pid),
        "certificates": _rows(Certificate, Certificate.profile_id == pid),
        "excluded_organisations": _rows(ExcludedOrganisation, ExcludedOrganisation.profile_id == pid),
        "profile_references": references,
        "reference_statements": _rows(ReferenceStatement, sa.or_(
            ReferenceStatement.reference_id.in_(reference_ids), ReferenceStatement.recorded_by_id == user.id)),
        "attachments": _rows(Attachment, Attachment.profile_id == pid),
        "profile_import_drafts": _rows(ProfileImportDraft, ProfileImportDraft.profile_id == pid),
        "audit_events": _rows(AuditEvent, sa.or_(AuditEvent.subject_id == user.id, AuditEvent.actor_id == user.id)),
        "data_transfers": _rows(DataTransfer, DataTransfer.user_id == user.id),
        "user_sessions": _rows(UserSession, UserSession.user_id == user.id),
        "recovery_codes": _rows(RecoveryCode, RecoveryCode.user_id == user.id),
        "outbox_mails": _rows(OutboxMail, sa.or_(OutboxMail.user_id == user.id, OutboxMail.to_address == user.email)),
        "retention_warnings": _rows(RetentionWarning, RetentionWarning.user_id == user.id),
    }
    result.update(personal_data_business.collect(user, _rows))
    result.update(personal_data_work.collect(user, _rows))
    return result
