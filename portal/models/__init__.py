"""Every model, imported so that Alembic and the app see the whole schema."""
from portal.models.accounts import Role, StaffRole, User
from portal.models.acceptances import DocumentAcceptance
from portal.models.applications import (Application, ApplicationAnswer, ApplicationState, SavedSearch,
                                        TenderNaming)
from portal.models.assignments import (CLOSED_STATES, EDITABLE_STATES, Assignment, AssignmentComment,
                                      AssignmentRating, AssignmentRequirement, AssignmentState)
from portal.models.audit import AuditEvent, AuditHead, AuditSegment
from portal.models.base import Base, utcnow
from portal.models.disclosures import (RELEASABLE_FIELDS, CardShowing, ConsentRequest, ConsentRequestKind,
                                      ConsentRequestStatus, Disclosure, DisclosureEnd)
from portal.models.consent import (
    BannerVersion, ConsentLink, ConsentMethod, ConsentRecord, CookieCategory, CookieEntry, StorageKind,
)
from portal.models.engagements import (Engagement, EngagementApprover, EngagementChange, EngagementState,
                                       TimeEntry, TimeReminder, TimeReport, TimeReportState)
from portal.models.erasure import ErasureQueueItem
from portal.models.legal_holds import LegalHold
from portal.models.mail import OutboxMail
from portal.models.marketing import MarketingCampaign, MarketingHandover, MarketingSuppression
from portal.models.offers import Offer, OfferAnswer, OfferState, SupplierConsultant
from portal.models.organisations import Invitation, Membership, Organisation, OrganisationKind, OrganisationStatus
from portal.models.partnerships import CommunicationPreference, PartnerContact, PartnerDocument
from portal.models.privacy_requests import MarketingObjection, PolicyNotice, PrivacyMessage, PrivacyRequest
from portal.models.processors import AdequacyDecision, Processor
from portal.models.profile_documents import Attachment, ProfileImportDraft, Reference, ReferenceStatement
from portal.models.profile_entries import (
    Certificate, EducationEntry, EmploymentEntry, ExcludedOrganisation, ProfileIndustry, ProfileInterest,
    ProfileLanguage, ProfileSkill,
)
from portal.models.profiles import (
    ConsultantProfile, FTaxStatus, Gender, RemotePreference, Skill, SkillSynonym, WorkPermit,
)
from portal.models.restrictions import DataDispute, ProcessingRestriction
from portal.models.retention import RetentionRule, RetentionRun, RetentionWarning
from portal.models.search import SearchIndexOutbox
from portal.models.sessions import RecoveryCode, UserSession
from portal.models.sensitive_data import SensitiveDataRefusal, SensitiveTerm
from portal.models.service_requests import ServiceMessage, ServiceRequest
from portal.models.shortlists import Selection, ShortlistEntry, ShortlistState
from portal.models.tokens import UsedToken
from portal.models.transfers import DataTransfer

__all__ = [
    "Application", "ApplicationAnswer", "ApplicationState", "SavedSearch", "TenderNaming",
    "Engagement", "EngagementApprover", "EngagementChange", "EngagementState", "TimeEntry", "TimeReminder",
    "TimeReport", "TimeReportState",
    "AdequacyDecision", "Processor",
    "DocumentAcceptance",
    "Assignment",
    "AssignmentComment",
    "AssignmentRating",
    "AssignmentRequirement",
    "AssignmentState",
    "Attachment",
    "AuditEvent",
    "AuditHead",
    "AuditSegment",
    "BannerVersion",
    "Base",
    "CLOSED_STATES",
    "Certificate",
    "CommunicationPreference",
    "ConsentRequest",
    "ConsentRequestKind",
    "ConsentRequestStatus",
    "DataDispute",
    "Disclosure", "DisclosureEnd",
    "ConsentLink",
    "ConsentMethod",
    "ConsentRecord",
    "ConsultantProfile",
    "CookieCategory",
    "CookieEntry",
    "DataTransfer",
    "EDITABLE_STATES",
    "EducationEntry",
    "EmploymentEntry",
    "ErasureQueueItem",
    "ExcludedOrganisation",
    "FTaxStatus",
    "Gender",
    "Invitation",
    "LegalHold",
    "MarketingCampaign",
    "MarketingHandover",
    "MarketingObjection",
    "MarketingSuppression",
    "Membership",
    "Offer",
    "OfferAnswer",
    "OfferState",
    "Organisation",
    "OrganisationKind",
    "OrganisationStatus",
    "OutboxMail",
    "PartnerContact",
    "RecoveryCode",
    "UserSession",
    "PartnerDocument",
    "PolicyNotice",
    "PrivacyMessage",
    "PrivacyRequest",
    "ProcessingRestriction",
    "ProfileImportDraft",
    "ProfileIndustry",
    "ProfileInterest",
    "ProfileLanguage",
    "ProfileSkill",
    "Reference",
    "RELEASABLE_FIELDS", "ReferenceStatement",
    "RemotePreference",
    "RetentionRule", "RetentionRun", "RetentionWarning",
    "Role",
    "SearchIndexOutbox", "Selection",
    "SensitiveDataRefusal",
    "SensitiveTerm",
    "ShortlistEntry",
    "ShortlistState",
    "ServiceMessage",
    "ServiceRequest",
    "Skill",
    "SkillSynonym",
    "StaffRole",
    "StorageKind",
    "SupplierConsultant",
    "UsedToken",
    "User",
    "WorkPermit",
    "utcnow",
]
