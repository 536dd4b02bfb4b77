"""The person's data in the business tables: assignments, offers, partnerships, service requests,
the erasure queue, cookie consent and privacy requests. personal_data.collect() merges this in."""
from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.models import (
    Assignment, AssignmentComment, ConsentRequest, Disclosure, ShortlistEntry, AssignmentRating, CommunicationPreference, ConsentLink, ConsentRecord,
    ErasureQueueItem, LegalHold, MarketingObjection, Offer, OfferAnswer, PartnerContact, PartnerDocument, PolicyNotice, PrivacyMessage,
    PrivacyRequest, ServiceMessage, ServiceRequest, SupplierConsultant, User,
)
from portal.models import CardShowing, DataDispute, DisclosureEnd, DocumentAcceptance, ProcessingRestriction, Selection
from portal.models import MarketingCampaign, MarketingHandover


def collect(user: User, rows) -> dict:
    """`rows(model, *where)` lists matching rows as JSON-ready dicts (see personal_data)."""
    from portal.services.marketing import suppression
    from portal.services.privacy.personal_data import row

    supplier_records = rows(SupplierConsultant, sa.or_(
        SupplierConsultant.claimed_by_user_id == user.id, SupplierConsultant.email == user.email,
        SupplierConsultant.invited_by_id == user.id))
    record_ids = [r["id"] for r in supplier_records]
    request_ids = list(db.session.scalars(sa.select(ServiceRequest.id).where(ServiceRequest.user_id == user.id)))
    answers = db.session.scalars(sa.select(OfferAnswer).join(Offer).where(Offer.supplier_consultant_id.in_(record_ids))
                                 .order_by(OfferAnswer.id))
    return {
        "assignments": rows(Assignment, sa.or_(Assignment.created_by_id == user.id,
                                               Assignment.contact_person_id == user.id)),
        "assignment_comments": rows(AssignmentComment, AssignmentComment.author_id == user.id),
        "assignment_ratings": rows(AssignmentRating, sa.or_(
            AssignmentRating.rated_by_id == user.id, AssignmentRating.supplier_consultant_id.in_(record_ids))),
        "supplier_consultants": supplier_records,
        "offers": rows(Offer, sa.or_(Offer.submitted_by_id == user.id, Offer.supplier_consultant_id.in_(record_ids))),
        # What the supplier answered about the person, per requirement (with the requirement's words).
        "offer_answers": [{**row(a), "requirement": a.requirement.text} for a in answers],
        "communication_preferences": rows(CommunicationPreference, CommunicationPreference.user_id == user.id),
        "partner_contacts": rows(PartnerContact, PartnerContact.staff_user_id == user.id),
        "partner_documents": rows(PartnerDocument, PartnerDocument.uploaded_by_id == user.id),
        "service_requests": rows(ServiceRequest, ServiceRequest.user_id == user.id),
        "service_messages": rows(ServiceMessage, sa.or_(ServiceMessage.requester_id == user.id,
                                                        ServiceMessage.author_id == user.id,
                                                        ServiceMessage.request_id.in_(request_ids))),
        "erasure_queue": rows(ErasureQueueItem, ErasureQueueItem.user_id == user.id),
        "processing_restrictions": rows(ProcessingRestriction, ProcessingRestriction.user_id == user.id),
        "data_disputes": rows(DataDispute, DataDispute.user_id == user.id),
        "legal_holds": rows(LegalHold, LegalHold.user_id == user.id),
        "consent_links": rows(ConsentLink, ConsentLink.user_id == user.id),
        "consent_records": rows(ConsentRecord, ConsentRecord.user_id == user.id),
        "privacy_requests": rows(PrivacyRequest, sa.or_(PrivacyRequest.user_id == user.id,
                                                        PrivacyRequest.email == user.email)),
        "privacy_messages": rows(PrivacyMessage, sa.or_(PrivacyMessage.user_id == user.id,
                                                        PrivacyMessage.author_id == user.id)),
        "marketing_objections": rows(MarketingObjection, MarketingObjection.user_id == user.id),
        "policy_notices": rows(PolicyNotice, PolicyNotice.user_id == user.id),
        "marketing_suppressions": [row(s) for s in suppression.rows_for(user.email)],
        "marketing_campaigns": rows(MarketingCampaign, sa.or_(MarketingCampaign.created_by_id == user.id,
                                                              MarketingCampaign.sent_by_id == user.id)),
        "marketing_handovers": rows(MarketingHandover, MarketingHandover.created_by_id == user.id),
        "document_acceptances": rows(DocumentAcceptance, DocumentAcceptance.user_id == user.id),
        "shortlist_entries": rows(ShortlistEntry, ShortlistEntry.consultant_id == user.id),
        "consent_requests": rows(ConsentRequest, ConsentRequest.consultant_id == user.id),
        "disclosures": rows(Disclosure, Disclosure.consultant_id == user.id),
        "disclosure_ends": rows(DisclosureEnd, DisclosureEnd.consultant_id == user.id),
        "card_showings": rows(CardShowing, CardShowing.consultant_id == user.id),
        "selections": rows(Selection, Selection.consultant_id == user.id),
    }
