"""Suppliers' consultants and offers to published assignments (R-SUP-1). An offer waits for the
consultant's yes before it goes to staff (R-CON-9), and goes to staff only, never to the buyer."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext, lazy_gettext as _l

from portal.extensions import db
from portal.models import (Assignment, AssignmentComment, AssignmentState, Offer, OfferAnswer, OfferState,
                           Organisation, SupplierConsultant, User, utcnow)
from portal.services import DomainError, audit, mail
from portal.services.accounts import tokens
from portal.services.actors import Actor
from portal.links import external_url

# What the mails promise: an unanswered offer is deleted after this, an unclaimed record after that.
AWAITING_DAYS = 14
UNCLAIMED_DAYS = 30

# Staff decide: (from, to) pairs; the supplier may only withdraw.
STAFF_TRANSITIONS = {
    (OfferState.SUBMITTED.value, OfferState.REVIEWING.value),
    (OfferState.SUBMITTED.value, OfferState.DECLINED.value),
    (OfferState.REVIEWING.value, OfferState.SHORTLISTED.value),
    (OfferState.REVIEWING.value, OfferState.DECLINED.value),
}
WITHDRAWABLE = {OfferState.AWAITING_CONSULTANT.value, OfferState.SUBMITTED.value, OfferState.REVIEWING.value}
AWAITING = OfferState.AWAITING_CONSULTANT.value


@dataclass
class Answer:
    requirement_id: int
    meets: bool | None = None
    level: int | None = None
    evidence: str = ""


def consultants_of(organisation: Organisation) -> list[SupplierConsultant]:
    return list(db.session.scalars(sa.select(SupplierConsultant)
                                   .where(SupplierConsultant.organisation_id == organisation.id)
                                   .order_by(SupplierConsultant.name)))


def consultant_for(organisation: Organisation, consultant_id: int) -> SupplierConsultant | None:
    return db.session.scalar(sa.select(SupplierConsultant).where(
        SupplierConsultant.id == consultant_id, SupplierConsultant.organisation_id == organisation.id))


def register_consultant(actor: Actor, organisation: Organisation, *, name: str, email: str,
                        link_for) -> SupplierConsultant:
    """Store only name and e-mail, and invite the consultant to claim and control their profile; the
    mail says what else may be stored (an offer awaiting their yes) and for how long."""
    from portal.services.accounts.registration import normalise_email

    address = normalise_email(email)
    if db.session.scalar(sa.select(SupplierConsultant.id).where(
            SupplierConsultant.organisation_id == organisation.id, SupplierConsultant.email == address)):
        raise DomainError(_l("You have already registered a consultant with this e-mail."), field="email")
    consultant = SupplierConsultant(organisation_id=organisation.id, name=name.strip(), email=address,
                                    invited_by_id=actor.user_id)
    db.session.add(consultant)
    db.session.flush()
    token = tokens.issue("consultant_claim", {"supplier_consultant": consultant.id})
    # A callable: the subject is translated in the recipient's language, as plain text.
    mail.queue(address, lambda: gettext("%(organisation)s registered you with Customersonly",
                                        organisation=organisation.name),
               "consultant_claim", organisation=organisation, inviter=actor.user, name=consultant.name,
               link=link_for(token), unclaimed_days=UNCLAIMED_DAYS, offer_days=AWAITING_DAYS)
    audit.record(actor, "supplier_consultant.register", obj=consultant, detail={"organisation": organisation.id})
    return consultant


def open_claim(token: str) -> SupplierConsultant:
    payload = tokens.read("consultant_claim", token)
    consultant = db.session.get(SupplierConsultant, payload.get("supplier_consultant"))
    if consultant is None or consultant.claimed_by_user_id is not None:
        raise tokens.TokenError(_l("This invitation is no longer valid."))
    return consultant


def claim(actor: Actor, token: str, user: User) -> SupplierConsultant:
    """Link the record to the consultant account that followed the link."""
    consultant = open_claim(token)
    if user.role != "consultant":
        raise DomainError(_l("Only a consultant account can claim a consultant profile."))
    tokens.spend("consultant_claim", token)
    consultant.claimed_by_user_id, consultant.claimed_at = user.id, utcnow()
    db.session.flush()
    audit.record(actor, "supplier_consultant.claim", subject=user, obj=consultant)
    return consultant


def submit(actor: Actor, organisation: Organisation, assignment: Assignment, consultant: SupplierConsultant,
           *, rate: int, answers: list[Answer]) -> Offer:
    if assignment.state != AssignmentState.PUBLISHED.value:
        raise DomainError(_l("This assignment no longer takes offers."))
    if consultant.organisation_id != organisation.id:
        raise DomainError(_l("Choose one of your own consultants."), field="consultant_id")
    if rate <= 0:
        raise DomainError(_l("Propose a rate above zero."), field="rate")
    if db.session.scalar(sa.select(Offer.id).where(Offer.assignment_id == assignment.id,
                                                   Offer.supplier_consultant_id == consultant.id)):
        raise DomainError(_l("You have already offered this consultant to this assignment."), field="consultant_id")
    by_id = {a.requirement_id: a for a in answers}
    offer = Offer(assignment_id=assignment.id, organisation_id=organisation.id,
                  supplier_consultant_id=consultant.id, submitted_by_id=actor.user_id, rate=rate)
    for requirement in assignment.requirements:
        answer = by_id.get(requirement.id)
        if requirement.kind == "must" and (answer is None or answer.meets is None):
            raise DomainError(_l("Answer yes or no to every must requirement."), field="answers")
        if requirement.kind == "should" and (answer is None or answer.level is None
                                             or not 0 <= answer.level <= 5):
            raise DomainError(_l("Give a level 0–5 for every should requirement."), field="answers")
        offer.answers.append(OfferAnswer(requirement_id=requirement.id, meets=answer.meets,
                                         level=answer.level, evidence=(answer.evidence or "").strip()))
    offer.state = AWAITING
    db.session.add(offer)
    db.session.flush()
    _ask_consultant(offer, consultant, assignment, organisation)
    audit.record(actor, "offer.submit", obj=offer, detail={"assignment": assignment.id})
    return offer


def answer_deadline(offer: Offer) -> datetime:
    """When an offer the consultant has not accepted is deleted."""
    return offer.created_at + timedelta(days=AWAITING_DAYS)


def _ask_consultant(offer: Offer, consultant: SupplierConsultant, assignment: Assignment,
                    organisation: Organisation) -> None:
    """Mail the consultant, in their language, what the supplier proposes, what we store and for how long,
    and where to answer: their portal, or a fresh link to claim the record first."""
    person = db.session.get(User, consultant.claimed_by_user_id) if consultant.claimed_by_user_id else None
    if person is not None:
        link = external_url("consultant.offers_page")
    else:
        link = external_url("auth.claim_consultant",
                            token=tokens.issue("consultant_claim", {"supplier_consultant": consultant.id}))
    mail.queue(consultant.email, lambda: gettext("%(organisation)s wants to offer you for an assignment",
                                                 organisation=organisation.name),
               "offer_consent", locale=person.locale if person else None, name=consultant.name,
               organisation=organisation, assignment=assignment, offer=offer, answers=offer.answers,
               deadline=answer_deadline(offer), days=AWAITING_DAYS, unclaimed_days=UNCLAIMED_DAYS,
               claimed=person is not None, link=link)


def offers_of(organisation: Organisation) -> list[Offer]:
    return list(db.session.scalars(sa.select(Offer).where(Offer.organisation_id == organisation.id)
                                   .order_by(Offer.created_at.desc(), Offer.id.desc())))


def offer_for(organisation: Organisation, offer_id: int) -> Offer | None:
    return db.session.scalar(sa.select(Offer).where(Offer.id == offer_id, Offer.organisation_id == organisation.id))


def withdraw(actor: Actor, offer: Offer) -> None:
    if offer.state not in WITHDRAWABLE:
        raise DomainError(_l("This offer can no longer be withdrawn."))
    if offer.state == OfferState.AWAITING_CONSULTANT.value:
        offer.answers.clear()  # nobody but the consultant saw them: nothing about them needs keeping
    offer.state, offer.decided_at = OfferState.WITHDRAWN.value, utcnow()
    audit.record(actor, "offer.withdraw", obj=offer)


def decide(actor: Actor, offer: Offer, to_state: str) -> None:
    """Staff move an offer on; shortlisting and the final choice are a person's (R-STAFF-2)."""
    if (offer.state, to_state) not in STAFF_TRANSITIONS:
        raise DomainError(_l("This offer cannot change to that state now."))
    from_state = offer.state
    offer.state, offer.decided_at = to_state, utcnow()
    audit.record(actor, "offer.transition", obj=offer, detail={"from": from_state, "to": to_state})


def on_assignment(assignment: Assignment) -> list[Offer]:
    """The offers staff see on an assignment: not the ones still waiting for the consultant's yes."""
    return list(db.session.scalars(sa.select(Offer).where(Offer.assignment_id == assignment.id,
                                                          Offer.state != AWAITING).order_by(Offer.id)))


def for_staff(offer_id: int) -> Offer | None:
    """One offer as staff may open it: never one the consultant has not agreed to."""
    return db.session.scalar(sa.select(Offer).where(Offer.id == offer_id, Offer.state != AWAITING))


def queue(states: tuple[str, ...] = (OfferState.SUBMITTED.value, OfferState.REVIEWING.value)) -> list[Offer]:
    return list(db.session.scalars(sa.select(Offer).where(Offer.state.in_(states)).order_by(Offer.created_at)))


def comment(actor: Actor, organisation: Organisation, assignment: Assignment, body: str) -> AssignmentComment:
    if assignment.state != AssignmentState.PUBLISHED.value:
        raise DomainError(_l("Comments are taken while the assignment is published."))
    if not body.strip():
        raise DomainError(_l("Write a comment."), field="body")
    entry = AssignmentComment(assignment_id=assignment.id, organisation_id=organisation.id,
                              author_id=actor.user_id, body=body.strip())
    db.session.add(entry)
    db.session.flush()
    audit.record(actor, "assignment.comment", obj=entry, detail={"assignment": assignment.id})
    return entry


def comments_on(assignment: Assignment, organisation: Organisation | None = None) -> list[AssignmentComment]:
    query = sa.select(AssignmentComment).where(AssignmentComment.assignment_id == assignment.id)
    if organisation is not None:
        query = query.where(AssignmentComment.organisation_id == organisation.id)
    return list(db.session.scalars(query.order_by(AssignmentComment.id)))


def offer(actor: Actor, organisation: Organisation, assignment: Assignment, *, consultant_id: int | None,
          new_name: str, new_email: str, rate: int, answers: list[Answer], link_for) -> Offer:
    """Offer a registered consultant, or register (and invite) a new one and offer them."""
    if consultant_id:
        consultant = consultant_for(organisation, consultant_id)
        if consultant is None:
            raise DomainError(_l("Choose one of your own consultants."), field="consultant_id")
    elif new_name.strip() and new_email.strip():
        consultant = register_consultant(actor, organisation, name=new_name, email=new_email, link_for=link_for)
    else:
        raise DomainError(_l("Choose a consultant, or give a new consultant's name and e-mail."),
                          field="consultant_id")
    return submit(actor, organisation, assignment, consultant, rate=rate, answers=answers)


def claim_with_new_account(actor: Actor, token: str, *, name: str, password: str, locale: str | None) -> User:
    """Create the consultant's account (the link proves the address) and link the record to it."""
    from portal.services.accounts import registration

    consultant = open_claim(token)
    user = registration.register_verified_consultant(actor, name=name, email=consultant.email, password=password,
                                                 locale=locale)
    claim(actor, token, user)
    return user


# --- the consultant's answer (R-CON-9) and the clean-up of what nobody accepted ---------------------

def of_consultant(user: User) -> list[Offer]:
    """Offers of the supplier records this person has claimed, newest first."""
    return list(db.session.scalars(
        sa.select(Offer).join(SupplierConsultant, SupplierConsultant.id == Offer.supplier_consultant_id)
        .where(SupplierConsultant.claimed_by_user_id == user.id)
        .order_by(Offer.created_at.desc(), Offer.id.desc())))


def for_consultant(user: User, offer_id: int) -> Offer | None:
    return db.session.scalar(
        sa.select(Offer).join(SupplierConsultant, SupplierConsultant.id == Offer.supplier_consultant_id)
        .where(Offer.id == offer_id, SupplierConsultant.claimed_by_user_id == user.id))


def waiting_count(user: User) -> int:
    return db.session.scalar(
        sa.select(sa.func.count(Offer.id))
        .join(SupplierConsultant, SupplierConsultant.id == Offer.supplier_consultant_id)
        .where(SupplierConsultant.claimed_by_user_id == user.id, Offer.state == AWAITING)) or 0


def _answerable(offer: Offer) -> None:
    if offer.state != AWAITING:
        raise DomainError(_l("You have already answered this offer, or the supplier has withdrawn it."))
    if utcnow() > answer_deadline(offer):
        raise DomainError(_l("The time to answer this offer has run out; it will be deleted."))


def consultant_accept(actor: Actor, offer: Offer) -> None:
    """The consultant agrees: the offer goes to staff."""
    _answerable(offer)
    if offer.assignment.is_closed:
        raise DomainError(_l("This assignment no longer takes offers."))
    offer.state = OfferState.SUBMITTED.value
    db.session.flush()
    audit.record(actor, "offer.consultant_accept", subject=actor.user, obj=offer,
                 detail={"assignment": offer.assignment_id})


def consultant_decline(actor: Actor, offer: Offer) -> None:
    """The consultant says no: the offer and its answers are deleted and the supplier is told, without a reason."""
    _answerable(offer)
    submitter = db.session.get(User, offer.submitted_by_id) if offer.submitted_by_id else None
    if submitter is not None:
        mail.queue(submitter, lambda: gettext("A consultant did not accept your offer"), "offer_not_accepted",
                   consultant_name=offer.consultant.name, assignment=offer.assignment)
    audit.record(actor, "offer.consultant_decline", subject=actor.user, obj=offer,
                 detail={"assignment": offer.assignment_id})
    db.session.delete(offer)
    db.session.flush()


def expire_unaccepted(actor: Actor, now: datetime | None = None) -> int:
    """Delete offers left unaccepted past AWAITING_DAYS, with their answers, and unclaimed consultant
    records older than UNCLAIMED_DAYS that nothing live refers to. Returns how many rows of both."""
    now = now or utcnow()
    stale = list(db.session.scalars(sa.select(Offer).where(
        Offer.state == AWAITING, Offer.created_at < now - timedelta(days=AWAITING_DAYS))))
    for offer in stale:
        audit.record(actor, "offer.expire", obj=offer, detail={"assignment": offer.assignment_id})
        db.session.delete(offer)
    db.session.flush()
    records = list(db.session.scalars(sa.select(SupplierConsultant).where(
        SupplierConsultant.claimed_by_user_id.is_(None),
        SupplierConsultant.invited_at < now - timedelta(days=UNCLAIMED_DAYS))))
    removed = 0
    for record in records:
        left = list(db.session.scalars(sa.select(Offer).where(Offer.supplier_consultant_id == record.id)))
        # A withdrawn offer is the supplier's history, not a reason to keep the person; anything else
        # (an offer still in its 14 days, one staff work on, bookkeeping after erasure) keeps the record.
        if any(o.state != OfferState.WITHDRAWN.value for o in left):
            continue
        for offer in left:
            db.session.delete(offer)
        db.session.flush()
        audit.record(actor, "supplier_consultant.expire", obj=record, detail={"organisation": record.organisation_id})
        db.session.delete(record)
        removed += 1
    db.session.flush()
    return len(stale) + removed
