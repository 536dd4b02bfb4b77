"""Every model, imported so that Alembic and the app see the whole schema."""
from portal.models.accounts import Role, StaffRole, User
from portal.models.audit import AuditEvent, AuditHead
from portal.models.base import Base, utcnow
from portal.models.consent import (
    BannerVersion, ConsentLink, ConsentMethod, ConsentRecord, CookieCategory, CookieEntry, StorageKind,
)
from portal.models.mail import OutboxMail
from portal.models.organisations import Invitation, Membership, Organisation, OrganisationKind, OrganisationStatus
from portal.models.sensitive_data import SensitiveDataRefusal
from portal.models.tokens import UsedToken

__all__ = [
    "AuditEvent",
    "AuditHead",
    "BannerVersion",
    "Base",
    "ConsentLink",
    "ConsentMethod",
    "ConsentRecord",
    "CookieCategory",
    "CookieEntry",
    "Invitation",
    "Membership",
    "Organisation",
    "OrganisationKind",
    "OrganisationStatus",
    "OutboxMail",
    "Role",
    "SensitiveDataRefusal",
    "StaffRole",
    "StorageKind",
    "UsedToken",
    "User",
    "utcnow",
]
