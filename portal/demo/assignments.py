"""Demo assignments in every state, offers, supplier consultants, partner contacts and documents,
service requests. Called by seed.load(); idempotent (keyed on titles, e-mails and subjects)."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Iterator

import sqlalchemy as sa

from portal.extensions import db
from portal.models import (Assignment, AssignmentRating, AssignmentRequirement, Offer, OfferAnswer, Organisation,
                           PartnerContact, PartnerDocument, ServiceMessage, ServiceRequest, SupplierConsultant, User,
                           utcnow)
from portal.services import audit
from portal.services.organisations import partnerships
from portal.services.actors import SYSTEM

ASSIGNMENTS = [
    # buyer index, title, role, state, show buyer, LOU
    (0, "Utvecklare till kundportal", "Back-end developer", "draft", False, False),
    (0, "Projektledare nätutbyggnad", "Project manager", "submitted", True, False),
    (0, "Dataingenjör för mätdata", "Data engineer", "published", True, False),
    (1, "Säkerhetsarkitekt, avrop", "Security architect", "published", False, True),
    (1, "Testledare inför release", "Test manager", "shortlisting", False, False),
    (1, "Scrum master", "Scrum master", "filled", True, False),
    (0, "Molnmigrering", "Cloud engineer", "cancelled", False, False),
    (1, "UX-designer för app", "UX designer", "expired", False, False),
]
REQUIREMENTS = [("must", "Python", None), ("must", "Svenska", None), ("should", "PostgreSQL", 4),
                ("should", "Kubernetes", 2)]
CONSULTANTS = [(0, "Sara Svensson", "sara.svensson"), (0, "Omar Haddad", "omar.haddad"),
               (1, "Eva Lind", "eva.lind")]


def _assignment(buyer: Organisation, contact: User | None, title, role, state, show, lou, n) -> Assignment:
    existing = db.session.scalar(sa.select(Assignment).where(Assignment.title == title,
                                                             Assignment.organisation_id == buyer.id))
    if existing:
        return existing
    today = date.today()
    deadline = today - timedelta(days=5) if state == "expired" else today + timedelta(days=14 + n)
    item = Assignment(organisation_id=buyer.id, created_by_id=contact.id if contact else None,
                      contact_person_id=contact.id if contact else None, title=title, role=role,
                      description=f"{role} för {buyer.name}. Uppdraget beskrivs närmare vid intervju.",
                      languages="Svenska, engelska", location="Stockholm", remote="hybrid",
                      start_date=today + timedelta(days=30), end_date=today + timedelta(days=210), extent=100,
                      rate_ceiling=1100 + 50 * n, consultants_wanted=1, answer_deadline=deadline,
                      show_buyer=show, state=state,
                      published_at=utcnow() if state not in ("draft", "submitted") else None)
    if lou:
        item.procurement_reference, item.framework_agreement = "DNR 2026-0117", "IT-konsulttjänster 2024"
        item.call_off_type, item.evaluation_model = "renewed_competition", "best_price_quality"
    item.requirements = [AssignmentRequirement(kind=k, text=t, weight=w, position=i)
                         for i, (k, t, w) in enumerate(REQUIREMENTS)]
    db.session.add(item)
    db.session.flush()
    audit.record(SYSTEM, "assignment.create", obj=item, detail={"demo": True, "state": state})
    return item


def _consultant(supplier: Organisation, name: str, local: str, inviter: User | None) -> SupplierConsultant:
    email = f"{local}@{supplier.org_number}.demo.customersonly.se"
    found = db.session.scalar(sa.select(SupplierConsultant).where(SupplierConsultant.email == email))
    if found:
        return found
    consultant = SupplierConsultant(organisation_id=supplier.id, name=name, email=email,
                                    invited_by_id=inviter.id if inviter else None)
    db.session.add(consultant)
    db.session.flush()
    return consultant


def _offer(assignment: Assignment, consultant: SupplierConsultant, state: str, rate: int) -> Offer:
    found = db.session.scalar(sa.select(Offer).where(Offer.assignment_id == assignment.id,
                                                     Offer.supplier_consultant_id == consultant.id))
    if found:
        return found
    offer = Offer(assignment_id=assignment.id, organisation_id=consultant.organisation_id,
                  supplier_consultant_id=consultant.id, submitted_by_id=consultant.invited_by_id, rate=rate,
                  state=state, decided_at=utcnow() if state in ("declined", "withdrawn") else None)
    for requirement in assignment.requirements:
        offer.answers.append(OfferAnswer(requirement_id=requirement.id,
                                         meets=True if requirement.kind == "must" else None,
                                         level=4 if requirement.kind == "should" else None,
                                         evidence="Flera års erfarenhet i liknande uppdrag."))
    db.session.add(offer)
    db.session.flush()
    audit.record(SYSTEM, "offer.submit", obj=offer, detail={"demo": True})
    return offer


def load(organisations: list[Organisation], people: dict[str, User]) -> Iterator[str]:
    buyers = [organisations[0], organisations[1]]
    suppliers = [organisations[2], organisations[3]]
    partner = organisations[4]
    buyer_contacts = [people.get("kopare"), people.get("kopare2")]
    made = {}
    for n, (b, title, role, state, show, lou) in enumerate(ASSIGNMENTS):
        made[state + str(b)] = _assignment(buyers[b], buyer_contacts[b], title, role, state, show, lou, n)
    consultants = [_consultant(suppliers[s], name, local, people.get("leverantor" if s == 0 else "leverantor2"))
                   for s, name, local in CONSULTANTS]
    klara = people.get("konsult")
    if klara is not None and consultants[0].claimed_by_user_id is None:
        consultants[0].claimed_by_user_id, consultants[0].claimed_at = klara.id, utcnow()
    published = [a for a in made.values() if a.state == "published"]
    # Offers in every state; Klara (konsult) has one waiting for her agreement, the others are past it.
    _offer(published[0], consultants[0], "submitted", 1050)
    _offer(published[1], consultants[0], "awaiting_consultant", 1050)
    _offer(published[0], consultants[1], "declined", 980)
    _offer(published[1], consultants[1], "withdrawn", 1020)
    for assignment in published:
        _offer(assignment, consultants[2], "reviewing", 990)
    shortlisting = next(a for a in made.values() if a.state == "shortlisting")
    _offer(shortlisting, consultants[1], "shortlisted", 1000)
    filled = next(a for a in made.values() if a.state == "filled")
    _offer(filled, consultants[0], "shortlisted", 1100)
    if not db.session.scalar(sa.select(AssignmentRating.id).where(AssignmentRating.assignment_id == filled.id)):
        db.session.add(AssignmentRating(assignment_id=filled.id, supplier_consultant_id=consultants[0].id, score=5,
                                        comment="Mycket bra samarbete.", rated_by_id=buyer_contacts[1].id
                                        if buyer_contacts[1] else None))
    yield f"assignments: {len(made)} in every state; offers in every state and {len(consultants)} supplier consultants"
    yield from _partner(partner, people)
    yield from _requests(people)


def _partner(partner: Organisation, people: dict[str, User]) -> Iterator[str]:
    for local, responsibility in (("admin", "Avtal och samarbete"), ("rekryterare", "Evenemang")):
        staff = people.get(local)
        if staff and not db.session.scalar(sa.select(PartnerContact.id).where(
                PartnerContact.organisation_id == partner.id, PartnerContact.staff_user_id == staff.id)):
            db.session.add(PartnerContact(organisation_id=partner.id, staff_user_id=staff.id,
                                          responsibility=responsibility))
    title = "Samarbetsavtal 2024"
    if not db.session.scalar(sa.select(PartnerDocument.id).where(PartnerDocument.organisation_id == partner.id,
                                                                 PartnerDocument.title == title)):
        partnerships.share_document(SYSTEM, partner, title=title, filename="samarbetsavtal-2024.txt",
                                    content_type="text/plain",
                                    data="Samarbetsavtal mellan Customersonly AB och partnern (demo).\n".encode())
    yield "partner: contacts and a shared document"


def _requests(people: dict[str, User]) -> Iterator[str]:
    for local, subject, body in (
            ("kopare", "Fakturafråga för mars", "Hej! Vi undrar över en rad på fakturan för mars."),
            ("leverantor", "Hur avropar vi?", "Hur fungerar avrop med förnyad konkurrensutsättning hos er?"),
            ("konsult", "Byta e-postadress", "Jag vill byta e-postadress på mitt konto.")):
        user = people.get(local)
        if user is None or db.session.scalar(sa.select(ServiceRequest.id).where(
                ServiceRequest.user_id == user.id, ServiceRequest.subject == subject)):
            continue
        request = ServiceRequest(user_id=user.id, subject=subject)
        request.messages.append(ServiceMessage(requester_id=user.id, author_id=user.id, body=body))
        db.session.add(request)
    db.session.flush()
    yield "service requests: three open"
