"""Suppliers' consultants and offers to published assignments (R-SUP-1). Offers go to staff only."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext, lazy_gettext as _l

from portal.extensions import db
from portal.models import (Assignment, AssignmentComment, AssignmentState, Offer, OfferAnswer, OfferState,
                           Organisation, SupplierConsultant, User, utcnow)
from portal.services import DomainError, audit, mail
from portal.services.accounts import tokens
from portal.services.actors import Actor

# Staff decide: (from, to) pairs; the supplier may only withdraw.
STAFF_TRANSITIONS = {
    (OfferState.SUBMITTED.value, OfferState.REVIEWING.value),
    (OfferState.SUBMITTED.value, OfferState.DECLINED.value),
    (OfferState.REVIEWING.value, OfferState.SHORTLISTED.value),
    (OfferState.REVIEWING.value, OfferState.DECLINED.value),
}
WITHDRAWABLE = {OfferState.SUBMITTED.value, OfferState.REVIEWING.value}


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
    """Store only name and e-mail, and invite the consultant to claim and control their profile."""
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
               link=link_for(token))
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
    db.session.add(offer)
    db.session.flush()
    audit.record(actor, "offer.submit", obj=offer, detail={"assignment": assignment.id})
    return offer


def offers_of(organisation: Organisation) -> list[Offer]:
    return list(db.session.scalars(sa.select(Offer).where(Offer.organisation_id == organisation.id)
                                   .order_by(Offer.created_at.desc(), Offer.id.desc())))


def offer_for(organisation: Organisation, offer_id: int) -> Offer | None:
    return db.session.scalar(sa.select(Offer).where(Offer.id == offer_id, Offer.organisation_id == organisation.id))


def withdraw(actor: Actor, offer: Offer) -> None:
    if offer.state not in WITHDRAWABLE:
        raise DomainError(_l("This offer can no longer be withdrawn."))
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
    return list(db.session.scalars(sa.select(Offer).where(Offer.assignment_id == assignment.id).order_by(Offer.id)))


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
