"""Every model, imported so that Alembic and the app see the whole schema."""
from portal.models.accounts import Role, StaffRole, User
from portal.models.assignments import (CLOSED_STATES, EDITABLE_STATES, Assignment, AssignmentComment,
                                      AssignmentRating, AssignmentRequirement, AssignmentState)
from portal.models.audit import AuditEvent, AuditHead
from portal.models.base import Base, utcnow
from portal.models.erasure import ErasureQueueItem
from portal.models.mail import OutboxMail
from portal.models.offers import Offer, OfferAnswer, OfferState, SupplierConsultant
from portal.models.organisations import Invitation, Membership, Organisation, OrganisationKind, OrganisationStatus
from portal.models.partnerships import CommunicationPreference, PartnerContact, PartnerDocument
from portal.models.service_requests import ServiceMessage, ServiceRequest
from portal.models.tokens import UsedToken

__all__ = [
    "CLOSED_STATES", "EDITABLE_STATES", "Assignment", "AssignmentComment", "AssignmentRating",
    "AssignmentRequirement", "AssignmentState", "CommunicationPreference", "ErasureQueueItem", "Offer",
    "OfferAnswer", "OfferState", "PartnerContact", "PartnerDocument", "ServiceMessage", "ServiceRequest",
    "SupplierConsultant",
    "AuditEvent", "AuditHead", "Base", "Invitation", "Membership", "Organisation", "OrganisationKind",
    "OrganisationStatus", "OutboxMail", "Role", "StaffRole", "UsedToken", "User", "utcnow",
]
