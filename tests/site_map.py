"""Every page a person can open, per demo login: walked by the HTML, accessibility and reflow checks.

GET routes without arguments are found from the URL map; routes with arguments get real ids
from object_pages(). A GET route with arguments that has no entry there makes urls() fail, so a
new page is checked as soon as it exists (an entry of [] says, with a comment, why it is no page).
"""
from __future__ import annotations

import sqlalchemy as sa
from flask import current_app, url_for

from portal.extensions import db
from portal.models import (
    Assignment, ConsentRequest, ConsultantProfile, CookieEntry, DataTransfer, ErasureQueueItem, Invitation, LegalHold,
    MarketingCampaign, Offer, Processor,
    Organisation, OutboxMail, PrivacyRequest, ProfileImportDraft, ReferenceStatement, ServiceRequest,
    SupplierConsultant, User,
)
from portal.models import RetentionRun, RetentionWarning
from portal.demo import seed
from portal.services.accounts import tokens
from portal.services.retention import keep_link

LOGINS = {  # who → demo e-mail local part
    "anonymous": None, "consultant": "konsult", "buyer": "kopare", "supplier": "leverantor",
    "partner": "partner", "staff": "admin", "buyer2": "kopare2",
}
SKIP = {"static", "public.healthz", "public.favicon"}


def _first(model):
    return db.session.scalar(sa.select(model.id).order_by(model.id).limit(1))


def _shortlisting():
    return db.session.scalar(sa.select(Assignment.id).where(Assignment.state == "shortlisting").limit(1))


def _lou():
    """The first public-procurement (LOU) assignment; 0 (a page not found) when the demo has none."""
    return _in(Assignment, Assignment.procurement_reference.is_not(None))


def _applied(*states: str) -> int:
    """The assignment of the demo consultant's first application in one of these states; 0 when none."""
    from portal.models import Application

    return db.session.scalar(sa.select(Application.assignment_id).join(User, User.id == Application.consultant_id)
                             .where(User.email == demo_email("consultant"), Application.state.in_(states))
                             .order_by(Application.id).limit(1)) or 0


def _open_assignment(lou: bool = False) -> int:
    """An assignment the consultants' browser shows (published, taking answers), an LOU one if asked; 0 when none."""
    from portal.services.applications import browse

    ids = browse.matching_ids(browse.Filters())
    lous = set(db.session.scalars(sa.select(Assignment.id).where(Assignment.procurement_reference.is_not(None))))
    return next((i for i in ids if not lou or i in lous), 0)


def _saved_search_unsubscribe() -> list[str]:
    """A bad link, and a good one for the first saved search (a gone search's link says "already off")."""
    from portal.models import SavedSearch
    from portal.services.applications import saved_searches

    search = db.session.scalar(sa.select(SavedSearch).order_by(SavedSearch.id).limit(1)) or SavedSearch(
        id=0, user_id=_consultant_id())
    return [url_for("consultant.saved_search_unsubscribe", token="bad-token"),
            url_for("consultant.saved_search_unsubscribe", token=saved_searches.issue(search))]


def _not_applied() -> int:
    """A published assignment the demo consultant has not applied to (the apply form); 0 when none."""
    from portal.models import Application

    mine = sa.select(Application.assignment_id).join(User, User.id == Application.consultant_id).where(
        User.email == demo_email("consultant"))
    return _in(Assignment, Assignment.state == "published", Assignment.id.not_in(mine))


def _pending_question():
    return db.session.scalar(sa.select(ConsentRequest.id).where(ConsentRequest.status == "pending").limit(1))


def _unused_transfer():
    return db.session.scalar(sa.select(DataTransfer.id).where(DataTransfer.used_at.is_(None)).limit(1))


def _in(model, *where, joins=()):
    """The first id that matches; 0 (a page not found) once another test has changed the demo data."""
    query = sa.select(model.id).where(*where).order_by(model.id).limit(1)
    for table, on in joins:
        query = query.join(table, on)
    return db.session.scalar(query) or 0


def _assignment(state: str, organisation: str | None = None):
    """The first assignment in this state (of the organisation), or the organisation's first in any state."""
    joins = [(Organisation, Organisation.id == Assignment.organisation_id)] if organisation else []
    of = [Organisation.name == organisation] if organisation else []
    return _in(Assignment, Assignment.state == state, *of, joins=joins) or _in(Assignment, *of, joins=joins)


def _offer(*states: str, supplier: str | None = None):
    joins = [(Organisation, Organisation.id == Offer.organisation_id)] if supplier else []
    return _in(Offer, Offer.state.in_(states), *([Organisation.name == supplier] if supplier else []), joins=joins)


def _user(who: str):
    return db.session.scalar(sa.select(User).where(User.email == demo_email(who)))


def _consultant_id():
    return _in(User, User.email == demo_email("consultant")) or _in(User, User.role == "consultant")


def _profile_entries() -> list[str]:
    """One edit page per kind of entry the demo consultant has."""
    from portal.services.profiles.entries import KINDS

    profile_id = _in(ConsultantProfile, ConsultantProfile.user_id == _consultant_id())
    found = []
    for kind, spec in KINDS.items():
        if entry_id := _in(spec.model, spec.model.profile_id == profile_id):
            found.append(url_for("consultant.edit_entry", kind=kind, entry_id=entry_id))
    return found


def _time_weeks() -> list[str]:
    """The first engagement's current week, or its first week; engagement 0 (a page not found) when none."""
    from portal.models import Engagement
    from portal.services.timesheets import weeks

    engagement = db.session.scalar(sa.select(Engagement).order_by(Engagement.id).limit(1))
    if engagement is None:
        return [url_for("consultant.time_week", engagement_id=0, week=weeks.this_week().isoformat())]
    period = weeks.period_of(engagement)
    week = weeks.this_week() if period.holds_week(weeks.this_week()) else period.first_week
    return [url_for("consultant.time_week", engagement_id=engagement.id, week=week.isoformat())]


def _engagement_pages() -> dict[str, list[str]]:
    """Each audience's engagement page: the demo consultant's, one with a supplier, the first (0 when none)."""
    from portal.models import Engagement

    first, supplied = _in(Engagement), _in(Engagement, Engagement.supplier_organisation_id.is_not(None))
    return {"consultant.engagement": [url_for("consultant.engagement", engagement_id=_in(
                Engagement, Engagement.consultant_id == _consultant_id()))],
            "buyer.engagement": [url_for("buyer.engagement", engagement_id=first)],
            "supplier.engagement": [url_for("supplier.engagement", engagement_id=supplied)],
            "staff.engagement": [url_for("staff.engagement", engagement_id=first)]}


def _time_approvals() -> dict[str, list[str]]:
    """Each portal's approval page: the first submitted week (the decision form) and the first approved one,
    of an engagement that portal approves; 0 (a page not found) when the demo has none."""
    from portal.models import Engagement, TimeReport

    def week(kind: str, state: str) -> int:
        return _in(TimeReport, TimeReport.state == state, Engagement.approved_by_kind == kind,
                   joins=[(Engagement, Engagement.id == TimeReport.engagement_id)])

    return {f"{kind}.time_approval": [url_for(f"{kind}.time_approval", report_id=week(kind, state))
                                      for state in ("submitted", "approved")] for kind in ("buyer", "supplier")}


def object_pages() -> dict[str, list[str]]:
    """Pages that need an object id or a token, by endpoint."""
    from portal.buyer.assignment_page import PARTS
    from portal.consultant.profile_page import SECTIONS

    user_id = db.session.scalar(sa.text("SELECT id FROM users ORDER BY id LIMIT 1"))
    return {
        "staff.organisation": [url_for("staff.organisation", organisation_id=_first(Organisation))],
        "staff.outbox_mail": [url_for("staff.outbox_mail", mail_id=_first(OutboxMail))],
        "auth.verify_email": [url_for("auth.verify_email", token=tokens.issue("verify_email", {"user": user_id}))],
        "auth.reset_password": [url_for("auth.reset_password", token="bad-token")],
        "staff.cookie_edit": [url_for("staff.cookie_edit", entry_id=_first(CookieEntry))],
        "privacy.request_detail": [url_for("privacy.request_detail", request_id=_first(PrivacyRequest))],
        "staff.privacy_request": [url_for("staff.privacy_request", request_id=_first(PrivacyRequest))],
        "staff.erasure_item": [url_for("staff.erasure_item", item_id=_first(ErasureQueueItem))],
        "staff.legal_hold_renew_page": [url_for("staff.legal_hold_renew_page", hold_id=_first(LegalHold))],
        "privacy.confirm": [url_for("privacy.confirm", token=tokens.issue("privacy_request", {"request": 1}))],
        "privacy.transfer_detail": [url_for("privacy.transfer_detail", transfer_id=_first(DataTransfer))],
        "privacy.transfer_link": [url_for("privacy.transfer_link", token="bad-token"), url_for(
            "privacy.transfer_link", token=tokens.issue("data_transfer", {"transfer": _unused_transfer()}))],
        "privacy.schema": [],  # JSON, not a page: tests/privacy/test_portability.py
        "privacy.transfer_file": [],  # a ZIP download
        "public.privacy_policy_version": [url_for("public.privacy_policy_version", published="2019-04-15")],
        "staff.shortlist": [url_for("staff.shortlist", assignment_id=_shortlisting(), q="konsult"),
                            url_for("staff.shortlist", assignment_id=_lou())],  # the LOU one: its tender part
        "staff.tender_cv": [],  # a PDF download: tests/applications/test_tender_cv.py
        "consultant.tender_naming": [url_for("consultant.tender_naming", assignment_id=_lou())],
        "staff.ranking": [url_for("staff.ranking", assignment_id=_shortlisting())],
        "consultant.apply": [url_for("consultant.apply", assignment_id=_not_applied()),  # the form
                             url_for("consultant.apply", assignment_id=_applied("submitted"))],  # already applied
        "buyer.assignment": [url_for("buyer.assignment", assignment_id=_shortlisting()),  # with its shortlist
                             url_for("buyer.assignment", assignment_id=_assignment("draft", "Nordvik Energi AB"))],
        "privacy.new_dispute": [url_for("privacy.new_dispute", kind="reference_statement", object_id=_first(
            ReferenceStatement))],
        "consultant.answer_by_mail": [
            url_for("consultant.answer_by_mail", token=tokens.issue("consent_answer", {"request": _pending_question()})),
            url_for("consultant.answer_by_mail", token="bad-token")],
        "public.assignment": [url_for("public.assignment", assignment_id=_assignment("published"))],
        "consultant.assignment": [url_for("consultant.assignment", assignment_id=_open_assignment()),
                                  url_for("consultant.assignment", assignment_id=_open_assignment(lou=True))],
        "consultant.saved_search_unsubscribe": _saved_search_unsubscribe(),
        "auth.claim_consultant": [url_for("auth.claim_consultant", token=tokens.issue("consultant_claim", {
            "supplier_consultant": _in(SupplierConsultant, SupplierConsultant.claimed_by_user_id.is_(None))}))],
        "auth.accept_invitation": [url_for("auth.accept_invitation", token=tokens.issue(
            "invitation", {"invitation": _in(Invitation)}))],
        "auth.unlock": [url_for("auth.unlock", token="bad-token")],  # a GET only shows the button
        "buyer.assignment_edit": [  # the whole form, then each part's own (None: no part)
            url_for("buyer.assignment_edit", assignment_id=_assignment("draft", "Nordvik Energi AB"), part=part)
            for part in (None, *PARTS)],
        "consultant.edit_entry": _profile_entries(),
        "consultant.profile_section": [url_for("consultant.profile_section", section=section)
                                       for section in SECTIONS],
        "consultant.download_attachment": [],  # a file download
        "consultant.confirm_email": [url_for("consultant.confirm_email", token="bad-token")],  # GET shows the button
        "consultant.import_preview": [url_for("consultant.import_preview", draft_id=_in(ProfileImportDraft))],
        "partner.document": [],  # a file download
        "privacy.request_extract": [],  # a JSON download: tests/privacy
        "staff.assignment": [url_for("staff.assignment", assignment_id=_assignment("published"))],
        "staff.consultant": [url_for("staff.consultant", user_id=_consultant_id())],
        "staff.consultant_attachment": [],  # a file download
        "staff.offer": [url_for("staff.offer", offer_id=_offer("submitted", "reviewing"))],
        "staff.partnership": [url_for("staff.partnership",
                                      organisation_id=_in(Organisation, Organisation.kind == "partner"))],
        "staff.privacy_extract": [],  # a JSON download: tests/privacy
        "staff.service_request": [url_for("staff.service_request", request_id=_in(ServiceRequest))],
        "supplier.assignment": [url_for("supplier.assignment", assignment_id=_assignment("published"))],
        "supplier.offer_new": [url_for("supplier.offer_new", assignment_id=_assignment("published"))],
        "supplier.offer": [url_for("supplier.offer", offer_id=_offer("submitted", supplier="Kodkraft Konsult AB"))],
        "marketing.unsubscribe": [url_for("marketing.unsubscribe", token="bad-token"), url_for(
            "marketing.unsubscribe", token=tokens.issue("unsubscribe", {"u": _consultant_id(), "t": "events"}))],
        "staff.campaign": [url_for("staff.campaign", campaign_id=_in(MarketingCampaign))],
        "staff.processor_edit": [url_for("staff.processor_edit", processor_id=_in(Processor))],
        "staff.processor_agreement": [],  # a PDF download: tests/records
        "staff.retention_run_report": [url_for("staff.retention_run_report", run_id=_in(RetentionRun))],
        "auth.keep_account": [url_for("auth.keep_account", token="bad-token"), *(  # the demo's warned consultant
            url_for("auth.keep_account", token=keep_link.issue(w)) for w in db.session.scalars(
                sa.select(RetentionWarning).where(RetentionWarning.state == "sent").limit(1)))],
        "consultant.time_week": _time_weeks(),  # the first engagement's current (or first) week
        **_engagement_pages(),
        **_time_approvals(),  # the first submitted (and approved) week each portal approves
        "support.detail": [url_for("support.detail", request_id=request_id) for request_id in db.session.scalars(
            sa.select(ServiceRequest.id).order_by(ServiceRequest.id))],  # each requester sees their own
    }


def unreached(app) -> list[str]:
    """GET routes that take arguments but have no entry in object_pages(), and entries for no route."""
    pages = object_pages()
    routes = {rule.endpoint for rule in app.url_map.iter_rules()
              if rule.arguments and "GET" in rule.methods and rule.endpoint not in SKIP}
    return sorted(routes - pages.keys()) + sorted(f"{name} (no such route)" for name in pages.keys() - routes)


def urls(app) -> list[str]:
    """Every GET page, in a stable order, with real ids where a route needs one."""
    if missing := unreached(app):
        raise LookupError("add these endpoints to tests/site_map.py object_pages(): " + ", ".join(missing))
    found, extra = [], object_pages()
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint in SKIP or "GET" not in rule.methods:
            continue
        if rule.arguments:
            found += extra.get(rule.endpoint, [])
        else:
            found.append(url_for(rule.endpoint))
    return found


def load_demo():
    for _ in seed.load():
        pass
    from portal.services import mail

    mail.queue(seed.demo_email("konsult"), "Demo", "reset_password", link="http://localhost/x")
    _pages_the_demo_lacks()
    db.session.commit()
    from portal.services.matching import search

    search.rebuild()  # as `flask demo load` does: the ranking page has candidates to show


def _pages_the_demo_lacks() -> None:
    """An open invitation and a LinkedIn import waiting for Klara's yes: their pages exist only then."""
    from portal.services.actors import SYSTEM
    from portal.services.profiles import linkedin_merge
    from portal.services.profiles.sections import profile_for
    from tests.profiles.helpers import linkedin_zip

    buyer = _user("buyer")
    db.session.add(Invitation(organisation_id=buyer.memberships[0].organisation_id, email="ny.kollega@example.se",
                              invited_by_id=buyer.id))
    with current_app.test_request_context():  # the archive reader words its refusals in the request's language
        linkedin_merge.start(SYSTEM, profile_for(_user("consultant")), linkedin_zip())
    from portal.services.marketing import campaigns  # a draft campaign: its page shows the count and the send form

    campaigns.create(SYSTEM, topic="events", segment_role="consultant", segment_locale=None, subject_sv="Höstträff",
                     subject_en="Autumn meetup", body_sv="Välkommen den 12 november.", body_en="Welcome on 12 November.")
    db.session.flush()


def demo_email(who: str) -> str | None:
    local = LOGINS[who]
    return seed.demo_email(local) if local else None
