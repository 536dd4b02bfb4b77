"""The inventory of personal data: every table that holds data about a person, declared once
(R-RIGHTS-2, 4, 5, 6; GDPR Art. 30).

For each table: why we hold it, on which legal basis, how long and who receives it (the register
extract, Art. 15), whether the person provided it (the portability ZIP, Art. 20: only what they
gave), what erasure does with it (delete, anonymise, or keep on a ground, Art. 17) and which
restriction category covers it, or why none does (Art. 18). The four consumers read it:
access_extract (texts), portability (which of our tables feed which exported table), erasure_plan
(the category per table) and restrictions (the tables per category).

tests/privacy/test_inventory.py walks the SQLAlchemy metadata: a table with personal data that is
not declared here, or an entry that one of the four does not reach, fails it.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from portal.services.privacy import inventory_texts as t

DELETE, ANONYMISE, KEEP = "delete", "anonymise", "keep"
YEAR = 365


@dataclass(frozen=True)
class About:
    """The Art. 15(1) texts for one table (lazy: rendered in the reader's language)."""
    purpose: object
    legal_basis: object
    retention: object
    recipients: object
    source: object


@dataclass(frozen=True)
class Entry:
    table: str
    about: About
    erasure_category: str          # erasure_plan.CATEGORIES key
    erasure: str                   # DELETE | ANONYMISE | KEEP
    keep_days: int | None = None   # the retention period in days, where the text names one
    ground: str | None = None      # erasure_plan.KEEP_GROUNDS key: why rows stay (all, or some)
    restriction: str | None = None  # restrictions.CATEGORIES key
    unrestricted: object = None    # why no restriction category covers it
    export: str | None = None      # the portability table when the person provided the data
    derived: tuple[str, ...] = ()  # columns of a provided table the person did not give (not exported)

    @property
    def provided(self) -> bool:
        return self.export is not None


def _about(purpose, basis, retention, recipients, source) -> About:
    return About(purpose, basis, retention, recipients, source)


_PROFILE = _about(t.PROFILE, t.PROFILE_BASIS, t.PROFILE_RETENTION, t.RECRUITERS, t.YOU_PROFILE)
_ACCOUNT = _about(t.ACCOUNT, t.CONTRACT_OR_INTEREST, t.WHILE_ACTIVE, t.STAFF, t.YOU_REGISTERED)
_RIGHTS = _about(t.RIGHTS, t.RIGHTS_BASIS, t.THREE_YEARS_AFTER, t.OFFICER, t.REQUESTS_SOURCE)
_RIGHTS_OFFICER = _about(t.RIGHTS, t.RIGHTS_BASIS, t.THREE_YEARS_LIKE, t.OFFICER, t.OFFICER_SOURCE)
_SHORTLIST = _about(t.SHORTLISTS, t.PROFILE_BASIS, t.PLACEMENT_RETENTION, t.RECRUITERS, t.SHORTLIST_SOURCE)
_BUSINESS = _about(t.ASSIGNMENTS, t.CONTRACT_OR_INTEREST, t.MEMBERSHIP_RETENTION, t.ORGANISATION, t.YOU)
_SERVICE = _about(t.SERVICE, t.CONTRACT_OR_INTEREST, t.WHILE_ACTIVE, t.STAFF, t.YOU)
_MARKETING = _about(t.MARKETING, t.INTEREST, t.WHILE_ACTIVE, t.STAFF, t.YOU)
_COOKIES = _about(t.COOKIES, t.CONSENT_BASIS, t.CONSENT_RETENTION, t.STAFF, t.YOU)

# Why some tables have no restriction category (Art. 18(2): storage, and what protects the person's rights).
_FOR_RIGHTS = _l("Used only to handle your rights; restricting it would stop that handling (Art. 18(2))")
_FOR_SECURITY = _l("Only stored for accountability and security; never used to decide about you")
_FOR_SIGN_IN = _l("Used only so that you can sign in")
_FOR_CHOICES = _l("Your own choices: used only to respect them")
_FOR_MAIL = _l("Mail already written; nothing new is decided from it")
_FOR_STAFF_WORK = _l("Records of the work you did as our staff; nothing about you is decided from them")
_FOR_SUPPRESSION = _l("Only used to keep marketing away from you")
_FOR_RETENTION = _l("Used only to delete an unused account on time, or to keep it when you ask")
_FOR_ORGANISATION = _l("Your organisation's records under its contract; ask our privacy officer, who "
                         "decides as a case")
_FOR_WORK = _l("Your work on an assignment under your contract: restricting your profile does not stop your time "
              "reporting or its approval; ask our privacy officer, who decides as a case")

_E = Entry
_APPLICATION = _about(t.APPLICATIONS, t.CONTRACT, t.APPLICATION_RETENTION, t.RECRUITERS, t.YOU)
_WORK = _about(t.ENGAGEMENTS, t.BOOKKEEPING_BASIS, t.ENGAGEMENT_RETENTION, t.ENGAGEMENT_RECIPIENTS,
               t.ENGAGEMENT_SOURCE)
WORK_ENTRIES: tuple[Entry, ...] = (
    _E("applications", _APPLICATION, "applications", DELETE, YEAR, restriction="profile", export="applications",
       derived=("state", "updated_at", "decided_at", "decision_reason")),
    _E("application_answers", _APPLICATION, "applications", DELETE, YEAR, restriction="profile",
       export="application_answers"),
    _E("saved_searches", _about(t.APPLICATIONS, t.CONTRACT, t.SEARCH_RETENTION, t.ONLY_YOU, t.YOU),
       "applications", DELETE, restriction="profile", export="saved_searches",
       derived=("checked_through", "last_mailed_at")),
    _E("tender_namings", _about(t.TENDERS, t.CONSENT_BASIS, t.APPLICATION_RETENTION, t.TENDER_RECIPIENTS, t.YOU),
       "applications", DELETE, YEAR, restriction="profile", export="tender_namings"),
    # Bookkeeping material (R-RIGHTS-4): kept after erasure, minimised, the rows pointing at the tombstone.
    _E("engagements", _WORK, "engagements", ANONYMISE, 7 * YEAR, ground="bookkeeping", unrestricted=_FOR_WORK),
    _E("engagement_changes", _WORK, "engagements", ANONYMISE, 7 * YEAR, ground="bookkeeping",
       unrestricted=_FOR_WORK),
    _E("time_reports", _about(t.ENGAGEMENTS, t.BOOKKEEPING_BASIS, t.ENGAGEMENT_RETENTION, t.ENGAGEMENT_RECIPIENTS,
                              t.TIME_SOURCE), "engagements", ANONYMISE, 7 * YEAR, ground="bookkeeping",
       unrestricted=_FOR_WORK),
    _E("time_entries", _about(t.ENGAGEMENTS, t.BOOKKEEPING_BASIS, t.ENGAGEMENT_RETENTION, t.ENGAGEMENT_RECIPIENTS,
                              t.YOU), "engagements", ANONYMISE, 7 * YEAR, ground="bookkeeping",
       unrestricted=_FOR_WORK, export="time_entries"),
    _E("time_reminders", _about(t.ENGAGEMENTS, t.CONTRACT, t.ENGAGEMENT_RETENTION, t.STAFF, t.BY_PORTAL),
       "time_reports", DELETE, unrestricted=_FOR_MAIL),
    # The buyer's or supplier's representative who approves the hours (R-BUY-5, R-SUP-1).
    _E("engagement_approvers", _about(t.APPROVALS, t.EMPLOYER_BASIS, t.MEMBERSHIP_RETENTION, t.ORGANISATION,
                                      t.APPROVER_SOURCE), "approvals", DELETE, unrestricted=_FOR_ORGANISATION),
)
ENTRIES: tuple[Entry, ...] = (
    _E("users", _ACCOUNT, "account", ANONYMISE, ground="security_log", restriction="profile", export="account",
       derived=("password_hash", "role", "staff_roles", "email_verified_at", "totp_secret", "totp_enabled",
                "totp_last_step", "session_epoch", "is_disabled", "last_login_at", "last_active_at")),
    _E("user_sessions", _about(t.SESSIONS, t.CONTRACT_AND_SECURITY, t.SESSION_RETENTION, t.STAFF, t.SESSION_SOURCE),
       "account", DELETE, unrestricted=_FOR_SIGN_IN),
    _E("recovery_codes", _about(t.RECOVERY, t.CONTRACT_AND_SECURITY, t.CODES_RETENTION, t.ONLY_YOU, t.CODES_SOURCE),
       "account", DELETE, unrestricted=_FOR_SIGN_IN),
    _E("consultant_profiles", _PROFILE, "profile", DELETE, 2 * YEAR, restriction="profile", export="profile",
       derived=("created_at", "updated_at")),
    _E("profile_skills", _PROFILE, "profile", DELETE, 2 * YEAR, restriction="profile", export="skills"),
    _E("profile_languages", _PROFILE, "profile", DELETE, 2 * YEAR, restriction="profile", export="languages"),
    _E("profile_interests", _PROFILE, "profile", DELETE, 2 * YEAR, restriction="profile", export="interests"),
    _E("profile_industries", _PROFILE, "profile", DELETE, 2 * YEAR, restriction="profile", export="industries"),
    _E("employment_entries", _PROFILE, "profile", DELETE, 2 * YEAR, restriction="history", export="employment"),
    _E("education_entries", _PROFILE, "profile", DELETE, 2 * YEAR, restriction="history", export="education"),
    _E("certificates", _PROFILE, "profile", DELETE, 2 * YEAR, restriction="profile", export="certificates"),
    _E("excluded_organisations", _PROFILE, "profile", DELETE, 2 * YEAR, restriction="profile",
       export="excluded_organisations"),
    _E("profile_references", _about(t.PROFILE, t.PROFILE_BASIS, t.PROFILE_RETENTION, t.RECRUITERS, t.YOU),
       "profile", DELETE, 2 * YEAR, restriction="references", export="references"),
    _E("reference_statements", _about(t.PROFILE, t.PROFILE_BASIS, t.PROFILE_RETENTION, t.RECRUITERS, t.REFEREES),
       "profile", DELETE, 2 * YEAR, restriction="references", export="reference_statements"),
    _E("profile_import_drafts", _PROFILE, "profile", DELETE, 1, restriction="profile"),
    _E("attachments", _PROFILE, "files", DELETE, 2 * YEAR, restriction="profile", export="attachments",
       derived=("storage_key",)),
    _E("memberships", _about(t.ASSIGNMENTS, t.CONTRACT, t.MEMBERSHIP_RETENTION, t.ORGANISATION, t.ADMIN_OR_YOU),
       "memberships", DELETE, unrestricted=_FOR_ORGANISATION),
    _E("invitations", _about(t.ASSIGNMENTS, t.CONTRACT, t.MEMBERSHIP_RETENTION, t.ORGANISATION, t.INVITER),
       "memberships", DELETE, unrestricted=_FOR_ORGANISATION),
    _E("partner_contacts", _BUSINESS, "memberships", DELETE, unrestricted=_FOR_ORGANISATION),
    _E("erasure_queue", _about(t.REPRESENTATIVES, t.RIGHTS_BASIS, t.MEMBERSHIP_RETENTION, t.OFFICER, t.BY_PORTAL),
       "memberships", ANONYMISE, unrestricted=_FOR_RIGHTS),
    _E("retention_warnings", _about(t.INACTIVITY, t.CONTRACT, t.WARNING_RETENTION, t.STAFF, t.BY_PORTAL),
       "account", DELETE, unrestricted=_FOR_RETENTION),
    _E("outbox_mails", _about(t.MAIL, t.CONTRACT_OR_INTEREST, t.NINETY_DAYS, t.STAFF, t.MAIL_SOURCE),
       "mail", DELETE, 90, unrestricted=_FOR_MAIL),
    _E("assignments", _BUSINESS, "authored", ANONYMISE, unrestricted=_FOR_ORGANISATION),
    _E("assignment_comments", _BUSINESS, "authored", ANONYMISE, unrestricted=_FOR_ORGANISATION,
       export="assignment_comments", derived=("organisation_id",)),
    _E("assignment_ratings", _about(t.ASSIGNMENTS, t.CONTRACT_OR_INTEREST, t.PLACEMENT_RETENTION, t.ORGANISATION,
                                    t.RATING_SOURCE), "authored", ANONYMISE, restriction="ratings"),
    _E("partner_documents", _BUSINESS, "authored", ANONYMISE, unrestricted=_FOR_ORGANISATION),
    _E("supplier_consultants", _about(t.OFFERS, t.CONTRACT_OR_INTEREST, t.OFFER_RETENTION, t.ORGANISATION,
                                      t.SUPPLIER_OR_YOU), "supplier_records", DELETE, ground="bookkeeping",
       restriction="profile"),
    _E("offers", _about(t.OFFERS, t.BOOKKEEPING_BASIS, t.OFFER_RETENTION, t.RECRUITERS, t.SUPPLIER),
       "supplier_records", DELETE, 7 * YEAR, ground="bookkeeping", restriction="profile"),
    # The supplier wrote them, but the consultant accepted them as true before they reached us (R-CON-9):
    # they go into the ZIP, so the person can take them to another broker.
    _E("offer_answers", _about(t.OFFERS, t.CONTRACT_OR_INTEREST, t.OFFER_RETENTION, t.RECRUITERS,
                               t.SUPPLIER_ANSWERS), "supplier_records", DELETE, restriction="profile",
       export="offer_answers"),
    _E("shortlist_entries", _SHORTLIST, "shortlists", DELETE, 7 * YEAR, ground="bookkeeping", restriction="profile"),
    _E("consent_requests", _about(t.SHORTLISTS, t.CONSENT_BASIS, t.PLACEMENT_RETENTION, t.RECRUITERS,
                                  t.QUESTION_SOURCE), "shortlists", DELETE, restriction="profile",
       export="consent_answers", derived=("answer_by", "status", "answered_via", "fields_json", "withdrawn_at")),
    _E("disclosures", _about(t.DISCLOSED, t.CONSENT_BASIS, t.CLIENT_RETENTION, t.CLIENT, t.DISCLOSED_SOURCE),
       "shortlists", DELETE, 2 * YEAR, restriction="profile"),
    _E("disclosure_ends", _about(t.DISCLOSED, t.CONSENT_BASIS, t.CLIENT_RETENTION, t.CLIENT, t.ENDS_SOURCE),
       "shortlists", DELETE, 2 * YEAR, restriction="profile"),
    _E("card_showings", _about(t.SHORTLISTS, t.PROFILE_BASIS, t.PLACEMENT_RETENTION, t.RECRUITERS, t.SHOWING_SOURCE),
       "shortlists", DELETE, restriction="profile"),
    _E("selections", _about(t.SHORTLISTS, t.PROFILE_BASIS, t.PLACEMENT_RETENTION, t.RECRUITERS, t.SELECTION_SOURCE),
       "shortlists", DELETE, 7 * YEAR, ground="bookkeeping", restriction="profile"),
    _E("service_requests", _SERVICE, "service_requests", DELETE, unrestricted=_FOR_RIGHTS,
       export="service_requests", derived=("state", "closed_at")),
    _E("service_messages", _SERVICE, "service_requests", DELETE, unrestricted=_FOR_RIGHTS,
       export="service_messages", derived=("from_staff",)),
    _E("communication_preferences", _MARKETING, "preferences", DELETE, unrestricted=_FOR_CHOICES,
       export="marketing_preferences"),
    _E("marketing_objections", _MARKETING, "preferences", DELETE, unrestricted=_FOR_CHOICES,
       export="marketing_objections"),
    _E("policy_notices", _about(t.POLICY, t.LOG_BASIS, t.WHILE_ACTIVE, t.STAFF, t.BY_PORTAL),
       "preferences", DELETE, unrestricted=_FOR_CHOICES),
    # Proof of the policy version shown and the terms accepted: kept while the account (the agreement) lasts.
    _E("document_acceptances", _about(t.POLICY, t.CONTRACT, t.WHILE_ACTIVE, t.STAFF, t.BY_PORTAL),
       "preferences", DELETE, unrestricted=_FOR_CHOICES),
    _E("document_acceptances", _about(t.ACCEPTANCES, t.CONSENT_BASIS, t.ACCEPTANCE_RETENTION, t.STAFF, t.YOU),
       "preferences", DELETE, unrestricted=_FOR_CHOICES, export="acceptances"),
    _E("marketing_suppressions", _about(t.SUPPRESSION, t.SUPPRESSION_BASIS, t.SUPPRESSION_RETENTION, t.STAFF,
                                        t.SUPPRESSION_SOURCE), "suppression", KEEP, ground="objection",
       unrestricted=_FOR_SUPPRESSION),
    _E("marketing_campaigns", _about(t.STAFF_WORK, t.INTEREST, t.WHILE_ACTIVE, t.STAFF, t.YOU_AS_STAFF),
       "authored", ANONYMISE, unrestricted=_FOR_STAFF_WORK),
    _E("marketing_handovers", _about(t.STAFF_WORK, t.INTEREST, t.WHILE_ACTIVE, t.STAFF, t.YOU_AS_STAFF),
       "authored", ANONYMISE, unrestricted=_FOR_STAFF_WORK),
    _E("consent_links", _COOKIES, "consent", DELETE, unrestricted=_FOR_CHOICES),
    _E("consent_records", _COOKIES, "consent", ANONYMISE, ground="accountability", unrestricted=_FOR_CHOICES,
       export="cookie_choices", derived=("consent_id", "banner_version_id")),
    _E("privacy_requests", _RIGHTS, "privacy_requests", ANONYMISE, 3 * YEAR, ground="accountability",
       unrestricted=_FOR_RIGHTS, export="privacy_requests",
       derived=("state", "name", "email", "locale", "received_on", "verified_at", "deadline", "extended_at",
                "extension_reason", "refusal_ground", "refusal_text", "prepared_answer", "extract_json", "closed_at")),
    _E("privacy_messages", _RIGHTS, "privacy_messages", DELETE, 3 * YEAR, unrestricted=_FOR_RIGHTS,
       export="privacy_messages", derived=("from_staff",)),
    _E("processing_restrictions", _RIGHTS_OFFICER, "rights", DELETE, unrestricted=_FOR_RIGHTS),
    _E("data_disputes", _RIGHTS_OFFICER, "rights", DELETE, unrestricted=_FOR_RIGHTS),
    _E("data_transfers", _about(t.TRANSFERS, t.RIGHTS_BASIS, t.THREE_YEARS_LIKE, t.RECEIVER, t.TRANSFER_SOURCE),
       "rights", DELETE, 3 * YEAR, unrestricted=_FOR_RIGHTS),
    _E("legal_holds", _about(t.RIGHTS, t.LOG_BASIS, t.HOLD_RETENTION, t.OFFICER, t.OFFICER_SOURCE),
       "legal_holds", DELETE, unrestricted=_FOR_RIGHTS),
    # Issue 16: the consultant's own applications (R-CON-1) and the work that follows (R-CON-3, R-BUY-1, R-SUP-1).
    *WORK_ENTRIES,
    _E("audit_events", _about(t.SECURITY, t.LOG_BASIS, t.TWO_YEARS, t.OFFICER_AND_ADMINS, t.LOG_SOURCE),
       "security_log", KEEP, 2 * YEAR, ground="security_log", unrestricted=_FOR_SECURITY),
)
BY_TABLE: dict[str, Entry] = {e.table: e for e in ENTRIES}
# What the portal runs on but holds nothing personal in (the coverage test would otherwise ask about them).
NOT_PERSONAL = {
    "search_index_outbox": "a queue of account numbers to re-index, emptied within seconds",
    "sensitive_data_refusals": "counts of refused inputs: kind and field only, never the text or the person",
    "used_tokens": "ids of spent one-time links, no person",
}


def entry(table: str) -> Entry:
    return BY_TABLE[table]


def about(table: str) -> dict:
    """The Art. 15 texts of one table, rendered in the current locale."""
    texts = BY_TABLE[table].about
    return {"purpose": str(texts.purpose), "legal_basis": str(texts.legal_basis), "retention": str(texts.retention),
            "recipients": str(texts.recipients), "source": str(texts.source)}


def erasure_tables() -> dict[str, str]:
    """table → erasure_plan category."""
    return {e.table: e.erasure_category for e in ENTRIES}


def portability_sources() -> dict[str, str]:
    """exported table → our table, for the data the person provided."""
    return {e.export: e.table for e in ENTRIES if e.export}


def restriction_tables() -> dict[str, tuple[str, ...]]:
    """restriction category → the tables it covers."""
    found: dict[str, list[str]] = {}
    for e in ENTRIES:
        if e.restriction:
            found.setdefault(e.restriction, []).append(e.table)
    return {k: tuple(v) for k, v in found.items()}
