"""Every model, imported so that Alembic and the app see the whole schema."""
from portal.models.accounts import Role, StaffRole, User
from portal.models.audit import AuditEvent, AuditHead
from portal.models.base import Base, utcnow
from portal.models.mail import OutboxMail
from portal.models.organisations import Invitation, Membership, Organisation, OrganisationKind, OrganisationStatus
from portal.models.profile_documents import Attachment, ProfileImportDraft, Reference, ReferenceStatement
from portal.models.profile_entries import (
    Certificate, EducationEntry, EmploymentEntry, ExcludedOrganisation, ProfileIndustry, ProfileInterest,
    ProfileLanguage, ProfileSkill,
)
from portal.models.profiles import (
    ConsultantProfile, FTaxStatus, Gender, RemotePreference, Skill, SkillAlias, WorkPermit,
)
from portal.models.tokens import UsedToken

__all__ = [
    "Attachment", "AuditEvent", "AuditHead", "Base", "Certificate", "ConsultantProfile", "EducationEntry",
    "EmploymentEntry", "ExcludedOrganisation", "FTaxStatus", "Gender", "Invitation", "Membership", "Organisation",
    "OrganisationKind", "OrganisationStatus", "OutboxMail", "ProfileImportDraft", "ProfileIndustry",
    "ProfileInterest", "ProfileLanguage", "ProfileSkill", "Reference", "ReferenceStatement", "RemotePreference",
    "Role", "Skill", "SkillAlias", "StaffRole", "UsedToken", "User", "WorkPermit", "utcnow",
]
