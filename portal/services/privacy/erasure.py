"""The right to erasure carried out (Art. 17, R-RIGHTS-4, R-CON-11, R-BUY-6, R-SUP-6, R-PAR-2).

`execute(actor, user)` carries out a fresh `erasure_plan.plan(user)`: rows deleted from the database,
the profile taken out of the search index at once, stored files deleted from disk, the person's mail
deleted from the outbox (their name and address scrubbed from anybody else's), kept rows minimised,
and the account made a tombstone that can never sign in again. It returns a receipt (erasure_receipt):
counts and codes only, no name. The ways in: the person's own (`erase_self`), an erasure request staff
carry out (`erase_for_request`, drafted by the executor `prepare`), and the queue of former
representatives (`due_queue_items`, `erase_queue_item`).

Decisions:
- The account row stays as a tombstone (id only, "Erased person", an address that cannot receive
  mail), so the security log's ids and kept bookkeeping rows still point somewhere; the name stays on
  it only when bookkeeping material is kept (name and amounts, R-RIGHTS-4).
- Audit events are kept for the retention schedule's audit period (the security log, Art. 5(2) and 32): they hold ids and codes,
  never a name or an address, so after erasure they point at the tombstone only.
- Privacy requests are kept the schedule's period after they close, minimised to kind, dates and state: the
  proof that the request, this erasure included, was handled (Art. 5(2), 12).
- Cookie consent records are append-only evidence; the link to the account is dropped (ConsentLink rows
  deleted, consent_records.user_id set to NULL with a Core UPDATE, which the ORM guard does not see).
- What the person created for an organisation (assignments, comments, ratings, offers) stays with the
  organisation without the person's name (created_by / author set to NULL).
"""
from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext, lazy_gettext as _l

from portal.extensions import db
from portal.models import (
    Assignment, AssignmentComment, AssignmentRating, AssignmentState, Attachment,
    CardShowing, CommunicationPreference, ConsentLink, ConsentRecord, ConsentRequest, ConsultantProfile,
    DataDispute, DataTransfer, Disclosure, DisclosureEnd, DocumentAcceptance, ErasureQueueItem, Invitation, LegalHold,
    MarketingCampaign, MarketingHandover, MarketingObjection, Membership, Offer,
    OfferAnswer, OfferState, OutboxMail, PartnerContact, PartnerDocument, PolicyNotice, PrivacyMessage, PrivacyRequest,
    ProcessingRestriction, ProfileImportDraft, RecoveryCode, Reference, RetentionWarning,
    ReferenceStatement, Selection, ServiceMessage, ServiceRequest, ShortlistEntry, SupplierConsultant,
    User, UserSession, utcnow,
)
from portal.services import DomainError, audit
from portal.services.matching import search
from portal.services.privacy import erasure_plan, erasure_receipt, erasure_work, privacy_requests, storage_hygiene
from portal.services.privacy import marketing
from portal.services.actors import Actor

ERASED_NAME = "Erased person"


def _null(model, column, user_id: int) -> None:
    db.session.execute(sa.update(model).where(column == user_id).values({column.key: None}))


def _delete(model, *where) -> int:
    return db.session.execute(sa.delete(model).where(*where)).rowcount or 0


def _count(model, *where) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where)) or 0


def _scrub(text: str | None, needles: list[str]) -> str | None:
    if not text:
        return text
    for needle in needles:
        lowered = text.lower()
        start = lowered.find(needle.lower())
        while start >= 0:
            text = text[:start] + "[erased]" + text[start + len(needle):]
            lowered = text.lower()
            start = lowered.find(needle.lower(), start + len("[erased]"))
    return text


def _profile(user: User) -> list[Path]:
    """Delete the profile and everything under it; the files' paths are returned to unlink last."""
    profile = db.session.scalar(sa.select(ConsultantProfile).where(ConsultantProfile.user_id == user.id))
    _null(ReferenceStatement, ReferenceStatement.recorded_by_id, user.id)
    if profile is None:
        return []
    directory = Path(current_app.config["UPLOAD_DIR"]) / "attachments"
    paths = [directory / key for key in db.session.scalars(
        sa.select(Attachment.storage_key).where(Attachment.profile_id == profile.id))]
    references = sa.select(Reference.id).where(Reference.profile_id == profile.id)
    _delete(ReferenceStatement, ReferenceStatement.reference_id.in_(references))
    _delete(ProfileImportDraft, ProfileImportDraft.profile_id == profile.id)
    db.session.delete(profile)  # the ORM cascade deletes skills, entries, references and attachment rows
    db.session.flush()
    return paths


def _outbox(user: User, needles: list[str]) -> int:
    removed = _delete(OutboxMail, sa.or_(OutboxMail.user_id == user.id, OutboxMail.to_address == user.email))
    for needle in needles:  # the person named in mail to somebody else (an invitation, a digest)
        pattern = f"%{needle.lower()}%"
        for mail in db.session.scalars(sa.select(OutboxMail).where(sa.or_(
                sa.func.lower(OutboxMail.body_text).like(pattern), sa.func.lower(OutboxMail.subject).like(pattern)))):
            mail.body_text, mail.subject = _scrub(mail.body_text, needles), _scrub(mail.subject, needles)
    return removed


def _business(user: User, kept_offer_ids: set[int]) -> None:
    uid = user.id
    for column in (Assignment.created_by_id, Assignment.contact_person_id):
        db.session.execute(sa.update(Assignment).where(column == uid)
                           .values({column.key: None, "version": Assignment.version + 1}))
    _null(AssignmentComment, AssignmentComment.author_id, uid)
    _null(AssignmentRating, AssignmentRating.rated_by_id, uid)
    _null(PartnerDocument, PartnerDocument.uploaded_by_id, uid)
    _null(Offer, Offer.submitted_by_id, uid)
    _null(SupplierConsultant, SupplierConsultant.invited_by_id, uid)
    records = list(db.session.scalars(
        sa.select(SupplierConsultant).where(SupplierConsultant.id.in_(erasure_plan.supplier_record_ids(user)))))
    for record in records:
        # the supplier's answers about the person go with every offer, kept ones too: bookkeeping needs
        # the name, the rate and the dates, not the evidence
        _delete(OfferAnswer, OfferAnswer.offer_id.in_(sa.select(Offer.id).where(Offer.supplier_consultant_id == record.id)))
        _delete(Offer, Offer.supplier_consultant_id == record.id, Offer.id.not_in(kept_offer_ids or {-1}))
        if _count(Offer, Offer.supplier_consultant_id == record.id):  # bookkeeping: the name and the rate
            record.email, record.claimed_by_user_id = f"erased-{record.id}@erased.invalid", None
        else:
            db.session.delete(record)
    db.session.flush()


def _shortlists(user: User, kept_entries: list[ShortlistEntry]) -> None:
    uid = user.id
    keep = {e.id for e in kept_entries} or {-1}
    _delete(CardShowing, CardShowing.consultant_id == uid)
    _delete(DisclosureEnd, DisclosureEnd.consultant_id == uid)
    _delete(Disclosure, Disclosure.consultant_id == uid)
    _delete(ConsentRequest, ConsentRequest.consultant_id == uid)
    _delete(Selection, Selection.consultant_id == uid, Selection.shortlist_entry_id.not_in(keep))
    _delete(ShortlistEntry, ShortlistEntry.consultant_id == uid, ShortlistEntry.id.not_in(keep))
    for entry in kept_entries:  # bookkeeping: which assignment, when, at which rate; not the card
        card = json.loads(entry.anonymized_card_json or "{}")
        entry.anonymized_card_json = json.dumps({k: card[k] for k in ("rate", "hourly_rate") if k in card})
        entry.reason, entry.explanation_json, entry.removal_reason = "-", None, None
    # bookkeeping keeps that they were selected for the ongoing assignment, not the words about them
    db.session.execute(sa.update(Selection).where(Selection.consultant_id == uid).values(reason="-"))
    for column in (ShortlistEntry.picked_by_id, ShortlistEntry.removed_by_id, ShortlistEntry.approved_by_id):
        _null(ShortlistEntry, column, uid)
    _null(ConsentRequest, ConsentRequest.asked_by_id, uid)
    _null(Disclosure, Disclosure.released_by_id, uid)  # who released it; the content is deleted above
    _null(DisclosureEnd, DisclosureEnd.ended_by_id, uid)
    _null(Selection, Selection.decided_by_id, uid)


def _requests_and_preferences(user: User) -> None:
    uid = user.id
    own = sa.select(ServiceRequest.id).where(ServiceRequest.user_id == uid)
    _delete(ServiceMessage, sa.or_(ServiceMessage.requester_id == uid, ServiceMessage.request_id.in_(own)))
    _delete(ServiceRequest, ServiceRequest.user_id == uid)
    _null(ServiceMessage, ServiceMessage.author_id, uid)
    _null(ServiceRequest, ServiceRequest.owner_id, uid)
    marketing.remember_before_erasure(user)  # a no to marketing stays, as address hashes only (kept)
    _delete(CommunicationPreference, CommunicationPreference.user_id == uid)
    _delete(MarketingObjection, MarketingObjection.user_id == uid)
    for column in (MarketingCampaign.created_by_id, MarketingCampaign.sent_by_id):  # staff's work stays, unnamed
        _null(MarketingCampaign, column, uid)
    _null(MarketingHandover, MarketingHandover.created_by_id, uid)
    _delete(PolicyNotice, PolicyNotice.user_id == uid)
    _delete(DocumentAcceptance, DocumentAcceptance.user_id == uid)  # the agreement ends with the account
    _delete(RetentionWarning, RetentionWarning.user_id == uid)
    _delete(PartnerContact, PartnerContact.staff_user_id == uid)
    _delete(Membership, Membership.user_id == uid)
    _delete(Invitation, Invitation.email == user.email)
    _null(Invitation, Invitation.invited_by_id, uid)
    db.session.execute(sa.update(ErasureQueueItem).where(ErasureQueueItem.user_id == uid)
                       .values(user_id=None, state="done"))
    _null(ErasureQueueItem, ErasureQueueItem.requested_by_id, uid)
    _delete(ConsentLink, ConsentLink.user_id == uid)
    _null(ConsentRecord, ConsentRecord.user_id, uid)
    _delete(LegalHold, LegalHold.user_id == uid, LegalHold.lifted_at.is_not(None))
    _delete(DataDispute, DataDispute.user_id == uid)
    _null(DataDispute, DataDispute.resolved_by_id, uid)
    _delete(ProcessingRestriction, ProcessingRestriction.user_id == uid)
    _null(ProcessingRestriction, ProcessingRestriction.created_by_id, uid)
    _null(ProcessingRestriction, ProcessingRestriction.lifted_by_id, uid)
    _delete(DataTransfer, DataTransfer.user_id == uid)
    _delete(UserSession, UserSession.user_id == uid)  # signed out everywhere, at once
    _delete(RecoveryCode, RecoveryCode.user_id == uid)
    _null(LegalHold, LegalHold.placed_by_id, uid)
    _null(LegalHold, LegalHold.lifted_by_id, uid)


def _privacy(user: User) -> None:
    uid = user.id
    requests = sa.or_(PrivacyRequest.user_id == uid, PrivacyRequest.email == user.email)
    ids = sa.select(PrivacyRequest.id).where(requests)
    _delete(PrivacyMessage, sa.or_(PrivacyMessage.user_id == uid, PrivacyMessage.request_id.in_(ids)))
    _null(PrivacyMessage, PrivacyMessage.author_id, uid)
    db.session.execute(sa.update(PrivacyRequest).where(requests).values(
        name="", email="", details="", user_id=None, extract_json=None, prepared_answer=None, refusal_text=None,
        extension_reason=None))
    _null(PrivacyRequest, PrivacyRequest.owner_id, uid)


def _tombstone(user: User, keep_name: bool) -> None:
    """The account can never sign in again; only the id (and, for bookkeeping, the name) is left."""
    user.email = f"erased-{user.id}@erased.invalid"
    user.name = user.name if keep_name else ERASED_NAME
    user.password_hash = "!erased"  # nosec B105  # not a password: no password hashes to it
    user.job_title = user.phone = user.locale = user.totp_secret = None
    user.totp_enabled = False
    user.staff_roles = ""
    user.email_verified_at = user.last_login_at = None
    user.is_disabled = True
    user.session_epoch += 1
    db.session.flush()


def execute(actor: Actor, user: User, today: date | None = None, *, purge_index: bool = True) -> dict:
    """Carry out the erasure now (a fresh plan decides); returns the receipt (see `erasure_receipt.receipt`).
    `purge_index=False` (a batch, e.g. the retention run) takes the profile out of the index at once but
    leaves rewriting the segment files to the caller's one `search.remove_now(id, purge=True)` at the end."""
    current = erasure_plan.plan(user, today)
    if not current.allowed:
        ground = current.blocks[0].ground
        raise DomainError(gettext("Erasure is not possible now: %(ground)s.",
                             ground=privacy_requests.REFUSAL_GROUNDS[ground]))
    storage_hygiene.track(user_id=user.id)  # at commit: addresses out of the security log, WAL emptied
    entries, offers = erasure_plan.placements(user)
    needles = [n for n in (user.name.strip(), user.email) if n and len(n) >= 4]
    was_consultant = db.session.scalar(sa.select(ConsultantProfile.id).where(ConsultantProfile.user_id == user.id))
    paths = _profile(user)
    mails = _outbox(user, needles)
    worked = erasure_work.erase(user, lambda text: _scrub(text, needles))  # kept minimised: see erasure_work
    _business(user, {o.id for o in offers})
    _shortlists(user, entries)
    _requests_and_preferences(user)
    _privacy(user)
    _tombstone(user, keep_name=bool(entries or offers or worked))
    db.session.expire_all()
    if was_consultant is not None:
        search.remove_now(user.id, purge=purge_index)
    removed_files = 0
    for path in paths:
        if path.exists():
            path.unlink()
            removed_files += 1
    result = erasure_receipt.receipt(current, files=removed_files, mails=mails)
    audit.record(actor, "erasure.execute", subject=user.id, obj=user,
                 detail={"deleted": {i["category"]: i["count"] for i in result["deleted"]},
                         "kept": [i["category"] for i in result["kept"]]})
    return result


def check_password(user: User, password: str | None) -> None:
    """The person confirms with their password: a left-open session cannot erase an account."""
    from portal.services.accounts.passwords import verify_password

    if not verify_password(user.password_hash, password or ""):
        raise DomainError(_l("The password is not right."), field="password")


# --- requests: the person's own, and the ones staff carry out ------------------------------------

def _erase_address(actor: Actor, address: str) -> dict:
    """A visitor without an account: what we hold under the address alone."""
    today = date.today()
    storage_hygiene.track(address=address, request_ids=list(db.session.scalars(
        sa.select(PrivacyRequest.id).where(PrivacyRequest.email == address))))
    mails = _delete(OutboxMail, OutboxMail.to_address == address)
    invitations = _delete(Invitation, Invitation.email == address)
    records = list(db.session.scalars(sa.select(SupplierConsultant).where(
        SupplierConsultant.email == address, SupplierConsultant.claimed_by_user_id.is_(None))))
    kept_offers = 0
    for record in records:
        placed = sa.select(Assignment.id).where(Assignment.state == AssignmentState.FILLED.value)
        _delete(OfferAnswer, OfferAnswer.offer_id.in_(sa.select(Offer.id).where(Offer.supplier_consultant_id == record.id)))
        _delete(Offer, Offer.supplier_consultant_id == record.id,
                sa.not_(sa.and_(Offer.state == OfferState.SHORTLISTED.value, Offer.assignment_id.in_(placed))))
        kept = _count(Offer, Offer.supplier_consultant_id == record.id)
        kept_offers += kept
        if kept:
            record.email = f"erased-{record.id}@erased.invalid"
        else:
            db.session.delete(record)
    requests = _count(PrivacyRequest, PrivacyRequest.email == address)
    ids = sa.select(PrivacyRequest.id).where(PrivacyRequest.email == address)
    _delete(PrivacyMessage, PrivacyMessage.request_id.in_(ids))
    db.session.execute(sa.update(PrivacyRequest).where(PrivacyRequest.email == address).values(
        name="", email="", details="", extract_json=None, prepared_answer=None, refusal_text=None,
        extension_reason=None))
    db.session.flush()
    done = erasure_plan.ErasurePlan(user_id=0, today=today)
    done.deleted = [erasure_plan.Item(c, n) for c, n in (
        ("mail", mails), ("memberships", invitations),
        ("supplier_records", len(records) - (1 if kept_offers else 0))) if n > 0]
    if kept_offers:
        done.kept.append(erasure_plan.Item("placements", kept_offers, "bookkeeping",
                                           erasure_plan.year_end(today, erasure_plan.bookkeeping_years())))
    done.kept.append(erasure_plan.Item("privacy_requests", requests, "accountability",
                                       erasure_plan.kept_until("privacy_request", today)))
    result = erasure_receipt.receipt(done, files=0, mails=mails)
    audit.record(actor, "erasure.execute", detail={"visitor": True, "deleted": {i["category"]: i["count"]
                                                                                for i in result["deleted"]}})
    return result


def erase_for_request(actor: Actor, request: PrivacyRequest) -> tuple[dict, str, str | None]:
    """Erase the person of an erasure request and close the request with the receipt as its answer.
    Returns (receipt, address, locale): the view mails the receipt after its commit, without
    storing it (mail.send_unstored), so no copy of the address stays in the outbox."""
    if request.kind != "erasure" or request.state not in ("verified", "in_progress", "extended"):
        raise DomainError(_l("Only an open erasure request can be carried out."))
    address, locale = request.email, request.locale
    user = db.session.get(User, request.user_id) if request.user_id else None
    if user is not None:
        locale = user.locale or locale
        result = execute(actor, user)
    else:
        result = _erase_address(actor, address)
    db.session.refresh(request)
    result["request"] = request.id
    body = erasure_receipt.receipt_text(result, locale or current_app.config["BABEL_DEFAULT_LOCALE"])
    privacy_requests._move(actor, request, "answered")  # no mail from the outbox: see the docstring
    privacy_requests._add_message(actor, request, body, from_staff=True)
    return result, address, locale


def erase_self(actor: Actor, user: User, password: str | None, confirmed: bool) -> tuple[dict, str, str | None]:
    """The person erases their own account from the privacy centre, at once (R-RIGHTS-4)."""
    if not confirmed:
        raise DomainError(_l("Tick the box to confirm that you want your data erased."), field="confirm")
    check_password(user, password)
    current = erasure_plan.plan(user)
    if not current.allowed:
        raise DomainError(gettext("Erasure is not possible now: %(ground)s.",
                             ground=privacy_requests.REFUSAL_GROUNDS[current.blocks[0].ground]))
    request = privacy_requests.open_for_user(actor, user, "erasure")
    return erase_for_request(actor, request)


def prepare(actor: Actor, request: PrivacyRequest) -> str | None:
    """Executor for "erasure": Start computes the plan and drafts the answer; staff then review the
    plan on the request page and press "Erase now", or refuse on the ground the plan shows."""
    if request.user_id is None:
        return str(_l("No account has this address. Erasing removes the mail, invitations and supplier "
                      "records held under the address; the request itself is kept without name or address."))
    current = erasure_plan.plan(db.session.get(User, request.user_id))
    if current.allowed:
        return str(_l("Your data is erased. The receipt lists what was deleted and what we keep, why and until when."))
    return "\n".join(f"{label}: {what}" for label, what, _until in current.block_labels())


def due_queue_items(now: datetime | None = None) -> list[ErasureQueueItem]:
    """Pending queue items whose time has come, oldest first."""
    now = now or utcnow()
    return list(db.session.scalars(sa.select(ErasureQueueItem).where(
        ErasureQueueItem.state == "pending", ErasureQueueItem.due_at <= now).order_by(ErasureQueueItem.due_at)))


def erase_queue_item(actor: Actor, item: ErasureQueueItem) -> dict:
    """A representative whose organisation ended the membership (R-BUY-6, R-SUP-6, R-PAR-2)."""
    if item.state != "pending" or item.user_id is None:
        raise DomainError(_l("This person is already erased."))
    user = db.session.get(User, item.user_id)
    if any(m.ended_at is None for m in user.memberships):
        raise DomainError(_l("The person represents an organisation again; erase only on their own request."))
    item_id = item.id
    result = execute(actor, user)
    audit.record(actor, "erasure.queue_done", obj=db.session.get(ErasureQueueItem, item_id))
    return result


def register() -> None:
    """Make `prepare` the executor of erasure requests."""
    privacy_requests.register_executor("erasure", prepare)
