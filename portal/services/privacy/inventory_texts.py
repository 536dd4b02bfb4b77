"""The Art. 15 texts of the inventory (purpose, legal basis, retention, recipients, source), translated.

Lazy strings: the register extract renders them in the person's language (access_extract.build).
"""
from __future__ import annotations

from flask_babel import gettext, lazy_gettext as _l

from portal.services.retention.wording import period_text

# Legal bases
CONTRACT = _l("Contract (Art. 6(1)(b))")
CONTRACT_OR_INTEREST = _l("Contract (Art. 6(1)(b)) or legitimate interest (Art. 6(1)(f))")
CONTRACT_AND_SECURITY = _l("Contract (Art. 6(1)(b)) and security of processing (Art. 32)")
PROFILE_BASIS = _l("Contract (Art. 6(1)(b)); your consent before any disclosure to a client")
LOG_BASIS = _l("Legal obligation (Art. 6(1)(c)) and legitimate interest (Art. 6(1)(f))")
RIGHTS_BASIS = _l("Legal obligation (Art. 6(1)(c), Art. 12–22)")
CONSENT_BASIS = _l("Your consent (Art. 6(1)(a)) and accountability (Art. 5(2))")
INTEREST = _l("Legitimate interest (Art. 6(1)(f))")
BOOKKEEPING_BASIS = _l("Contract (Art. 6(1)(b)); legal obligation for bookkeeping (Art. 6(1)(c), Bokföringslagen)")

# Retention
WHILE_ACTIVE = _l("As long as your account is active, then erased or anonymized")
# Periods come from the retention schedule (portal/services/retention/schedule.py), read when rendered.
PROFILE_RETENTION = period_text("consultant_account", lambda p: gettext(
    "While your account is in use; deleted when it has not been used for %(period)s", period=p))
TWO_YEARS = period_text("audit_event", lambda p: p)
NINETY_DAYS = period_text("outbox_mail", lambda p: gettext("%(period)s after it was sent", period=p))
THREE_YEARS_AFTER = period_text("privacy_request",
                                lambda p: gettext("%(period)s after the request is closed", period=p))
THREE_YEARS_LIKE = period_text("privacy_request",
                               lambda p: gettext("%(period)s, like your privacy requests", period=p))
SESSION_RETENTION = _l("Until you sign out, or eight hours after you signed in")
CODES_RETENTION = _l("Until you make new codes or turn two-factor sign-in off")
CLIENT_RETENTION = _l("As long as the client relationship lasts, at least two years")
PLACEMENT_RETENTION = period_text("bookkeeping", lambda p: gettext(
    "While the assignment is handled; placements %(period)s after the end of the financial year, for bookkeeping",
    period=p))
OFFER_RETENTION = period_text("bookkeeping", lambda p: gettext(
    "An offer you do not accept is deleted after 14 days; others while the assignment is handled, placements "
    "%(period)s after the end of the financial year, for bookkeeping", period=p))
DRAFT_RETENTION = _l("Until you confirm or discard the import, at most one day")
MEMBERSHIP_RETENTION = period_text("representative", lambda p: gettext(
    "While you represent the organisation; erased %(period)s after the membership or the organisation's "
    "agreement ends", period=p))
WARNING_RETENTION = _l("Until you use your account again or it is deleted")
HOLD_RETENTION = _l("Until the hold is lifted, then with your account")
CONSENT_RETENTION = _l("The choice itself is kept as evidence; the link to your account while it is active")


# Recipients
class _StaffAndProcessors:
    """Staff, then the processors of the register with where they keep the data, read when rendered."""

    def __str__(self) -> str:
        from flask import has_app_context
        from flask_babel import gettext

        from portal.services.records import processors

        names = processors.recipients_line() if has_app_context() else ""
        if not names:
            return str(_l("Customersonly AB staff with a need to know"))
        return gettext("Customersonly AB staff with a need to know; our processors: %(processors)s", processors=names)


STAFF = _StaffAndProcessors()
RECRUITERS = _l("Recruiters at Customersonly AB; clients only what you agreed to release")
OFFICER = _l("Customersonly AB privacy officer")
OFFICER_AND_ADMINS = _l("Customersonly AB privacy officer and administrators")
CLIENT = _l("The client named in each row")
ORGANISATION = _l("Your organisation and Customersonly AB staff with a need to know")
RECEIVER = _l("The receiver you named")
ONLY_YOU = _l("Nobody but you and the portal")

# Purposes
ACCOUNT = _l("Your account: signing in, contacting you")
RUNNING = _l("Running the portal and the services you use in it")
PROFILE = _l("Matching you with assignments and presenting you to clients")
SECURITY = _l("Security and accountability: who did what with your data")
MAIL = _l("Mail we sent you")
RIGHTS = _l("Handling your data protection requests")
DISCLOSED = _l("The log of what we sent to clients about you")
SESSIONS = _l("Keeping you signed in; showing you where you are signed in")
RECOVERY = _l("Signing in when you lose your authenticator app")
TRANSFERS = _l("Sending your data to another controller when you ask (Art. 20(2))")
SHORTLISTS = _l("Proposing you for assignments and asking you before anything is released")
ASSIGNMENTS = _l("Brokering assignments for your organisation")
OFFERS = _l("Offers of you to assignments, with the supplier's answers about you")
SERVICE = _l("Answering your questions to our service desk")
MARKETING = _l("Respecting what you chose to receive from us")
COOKIES = _l("Remembering and proving your cookie choices")
POLICY = _l("Telling you about changes to our privacy policy")
REPRESENTATIVES = _l("Erasing the data of former representatives of organisations")
INACTIVITY = _l("Telling you before an unused account is deleted, and keeping it when you ask")
ACCEPTANCES = _l("Proof of which version of our policy and agreement you accepted, and when")
STAFF_WORK = _l("Records of the marketing work you did as our staff")
SUPPRESSION = _l("Never sending you marketing again after you said no")
SUPPRESSION_BASIS = _l("Legal obligation to respect your objection (Art. 21(3)) and legitimate interest "
                       "(Art. 6(1)(f))")
SUPPRESSION_RETENTION = _l("Until you opt in again; kept after erasure, as a keyed hash of your address only")
ACCEPTANCE_RETENTION = _l("As long as the agreement lasts")

# Sources (Art. 15(1)(g))
YOU_REGISTERED = _l("You, when you registered and used the portal")
YOU_PROFILE = _l("You (typed in or imported from your CV or LinkedIn file at your request)")
YOU = _l("You")
BY_PORTAL = _l("Recorded by the portal")
LOG_SOURCE = _l("Recorded by the portal when you or our staff act on your data")
MAIL_SOURCE = _l("Written by the portal")
REQUESTS_SOURCE = _l("You, and our privacy officer's answers")
DISCLOSED_SOURCE = _l("Recorded by the portal when a recruiter sent your profile")
SESSION_SOURCE = _l("Recorded by the portal when you signed in (browser and system only)")
CODES_SOURCE = _l("Made by the portal when you turned on two-factor sign-in")
TRANSFER_SOURCE = _l("You, when you asked for the transfer")
RATING_SOURCE = _l("The client or recruiter who rated the assignment")
SHORTLIST_SOURCE = _l("Our recruiters, helped by the portal's matching")
SHOWING_SOURCE = _l("Recorded by the portal when a client was shown your anonymous card")
ENDS_SOURCE = _l("You, when you stopped a client's further use of what was released")
SELECTION_SOURCE = _l("The recruiter who made the final selection")
QUESTION_SOURCE = _l("Our recruiters' questions and your answers")
INVITER = _l("The person who invited you")
REFEREES = _l("Your referees, as recorded by our recruiters")
ADMIN_OR_YOU = _l("Your organisation's administrator or you")
SUPPLIER_OR_YOU = _l("The supplier that offered you, or you")
SUPPLIER = _l("The supplier that submitted the offer")
SUPPLIER_ANSWERS = _l("The supplier that offered you; you accepted the answers before they reached us")
OFFICER_SOURCE = _l("Our privacy officer, or you")
YOU_AS_STAFF = _l("You, as our staff")
SUPPRESSION_SOURCE = _l("Recorded by the portal when you unsubscribed or objected")

# Issue 16: applications, tender namings, engagements and time reports (R-CON-1, R-CON-3, R-CON-4, R-CON-10, R-BUY-5)
APPLICATIONS = _l("Your applications to assignments, with your answers and rate, and the searches you saved")
TENDERS = _l("Naming you in a public buyer's tender response (LOU), only while your yes is in force")
ENGAGEMENTS = _l("Carrying out your assignment: the engagement, its changes and your weekly hours, for approval, "
                 "invoicing and payment")
APPROVALS = _l("Approving the weekly hours of consultants working for your organisation")
EMPLOYER_BASIS = _l("Your employer's agreement with us (Art. 6(1)(b)) and legitimate interest in carrying it out "
                    "(Art. 6(1)(f))")
APPLICATION_RETENTION = period_text("application", lambda p: gettext(
    "Until the assignment closes, then %(period)s; if you work on it, %(period)s after the engagement ends",
    period=p))
ENGAGEMENT_RETENTION = period_text("bookkeeping", lambda p: gettext(
    "While the engagement lasts; the engagement and the approved hours %(period)s after the end of the financial "
    "year it ended in, for bookkeeping; weeks never approved and reminders go with your account", period=p))
SEARCH_RETENTION = _l("Until you delete the search or your account")
ENGAGEMENT_RECIPIENTS = _l("The approvers named on the engagement (the client's, or your supplier's), and our "
                           "recruiters and finance staff")
TENDER_RECIPIENTS = _l("The public buyer, in the tender response: only what you released")
ENGAGEMENT_SOURCE = _l("Our staff when the assignment was filled, and the changes recorded since")
TIME_SOURCE = _l("You, and the approver's decision on each week")
APPROVER_SOURCE = _l("Our staff or your organisation, when the engagement was set up")
