"""What each table of the inventory is called where a person reads it: the register extract's headings
and contents (R-RIGHTS-2). A table name such as `offer_answers` tells nobody what it holds."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

TITLES = {
    "users": _l("Your account"),
    "user_sessions": _l("Where you are signed in"),
    "recovery_codes": _l("Recovery codes for two-step sign-in"),
    "consultant_profiles": _l("Your consultant profile"),
    "profile_skills": _l("Skills in your profile"),
    "profile_languages": _l("Languages in your profile"),
    "profile_interests": _l("Interests in your profile"),
    "profile_industries": _l("Industries in your profile"),
    "employment_entries": _l("Employments"),
    "education_entries": _l("Education"),
    "certificates": _l("Certificates"),
    "excluded_organisations": _l("Clients you do not want to be shown to"),
    "profile_references": _l("Your references"),
    "reference_statements": _l("What your references said"),
    "profile_import_drafts": _l("CV imports waiting for your review"),
    "attachments": _l("Files you uploaded"),
    "memberships": _l("Organisations you represent"),
    "invitations": _l("Invitations to represent an organisation"),
    "partner_contacts": _l("Partner contacts"),
    "erasure_queue": _l("Planned erasures"),
    "retention_warnings": _l("Warnings before an unused account is deleted"),
    "outbox_mails": _l("Mail we sent you"),
    "assignments": _l("Assignments you published or edited"),
    "assignment_comments": _l("Comments on assignments"),
    "assignment_ratings": _l("Ratings of consultants for assignments"),
    "partner_documents": _l("Partner documents"),
    "supplier_consultants": _l("Your record at your employer"),
    "offers": _l("Offers of you to assignments"),
    "offer_answers": _l("Answers about you in offers"),
    "shortlist_entries": _l("Shortlists you were on"),
    "consent_requests": _l("Questions we asked you"),
    "disclosures": _l("What was disclosed to clients, with your yes"),
    "disclosure_ends": _l("Disclosures you stopped"),
    "card_showings": _l("Days your anonymous card was shown"),
    "selections": _l("Selections for assignments"),
    "service_requests": _l("Service requests"),
    "service_messages": _l("Messages in service requests"),
    "communication_preferences": _l("Your mail choices"),
    "marketing_objections": _l("Your objection to marketing"),
    "policy_notices": _l("Privacy policy notices shown to you"),
    "document_acceptances": _l("Policy and terms versions you accepted"),
    "marketing_suppressions": _l("Addresses never to be sent marketing"),
    "marketing_campaigns": _l("Campaigns you sent"),
    "marketing_handovers": _l("Hand-overs to our marketing service"),
    "consent_links": _l("Cookie choices linked to your account"),
    "consent_records": _l("Your cookie choices"),
    "privacy_requests": _l("Your privacy requests"),
    "privacy_messages": _l("Messages about your privacy requests"),
    "processing_restrictions": _l("Restrictions of processing"),
    "data_disputes": _l("Data you disputed"),
    "data_transfers": _l("Transfers of your data to another service"),
    "legal_holds": _l("Legal holds"),
    "applications": _l("Your applications to assignments"),
    "application_answers": _l("Your answers in applications"),
    "saved_searches": _l("Your saved searches"),
    "tender_namings": _l("Your yes to be named in tender responses"),
    "engagements": _l("Engagements"),
    "engagement_approvers": _l("Engagements whose hours you approve"),
    "engagement_changes": _l("Changes of engagements"),
    "time_reports": _l("Weekly time reports"),
    "time_entries": _l("Hours per day"),
    "time_reminders": _l("Reminders about weekly hours"),
    "audit_events": _l("The log of what was done with your data"),
}


def title(table: str) -> str:
    """The table's heading in the current language; the table name itself only for one not named here (the
    inventory test keeps that from happening)."""
    found = TITLES.get(table)
    return str(found) if found is not None else table
