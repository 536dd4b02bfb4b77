"""Every model, imported so that Alembic and the app see the whole schema."""
from portal.models.accounts import Role, StaffRole, User
from portal.models.audit import AuditEvent, AuditHead
from portal.models.base import Base, utcnow
from portal.models.mail import OutboxMail
from portal.models.organisations import Invitation, Membership, Organisation, OrganisationKind, OrganisationStatus
from portal.models.search import SearchIndexOutbox, SkillSynonym
from portal.models.tokens import UsedToken

__all__ = [
    "AuditEvent", "AuditHead", "Base", "Invitation", "Membership", "Organisation", "OrganisationKind",
    "OrganisationStatus", "OutboxMail", "Role", "SearchIndexOutbox", "SkillSynonym",
    "StaffRole", "UsedToken", "User", "utcnow",
]
