"""The purposes we process on legitimate interest (R-LI, R-BUY-3), each with its basis and what an objection
does in code (Art. 21):

- marketing: stops all marketing at once and for good, with campaign measurement (no case; Art. 21(3));
- assignment_contact: interest questions about assignments stop at once; staff see that the person cannot be
  asked (consent_requests.ask_interest refuses), and the privacy officer still answers the case;
- usage_analysis and campaign_measurement: a case for the privacy officer, and the processing stops until they decide
  (Art. 18(1)(d)): no analytics script for the signed-in person, no counting of their mail reactions; a refusal (our
  grounds prevail) lifts the stop, an answer keeps it;
- improve_services and fraud_prevention: nothing processes one person's data for them today, and the texts say so;
  the recorded objection is what any future processing must check (objects_to);
- security: blocking repeated wrong passwords goes on (it protects the person: compelling grounds, Art. 21(1)), the
  sign-in records serve nothing else; the privacy officer answers the case.
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import PrivacyRequest, User
from portal.services.actors import Actor
from portal.services.privacy import marketing, privacy_requests


@dataclass(frozen=True)
class Purpose:
    code: str
    label: object
    basis: object
    effect: object  # what an objection does, in words the person reads


PURPOSES = (
    Purpose("improve_services", _l("Improving and personalising our services"),
            _l("Our interest in offering services that fit the people who use them (GDPR Art. 6(1)(f))."),
            _l("We do not use any one person's data to personalise or improve our services today. Your objection "
               "is recorded, so that it applies from the first day we would, and our privacy officer answers you.")),
    Purpose("fraud_prevention", _l("Detecting and preventing fraud"),
            _l("Our and our clients' interest in not being defrauded (Art. 6(1)(f), recital 47)."),
            _l("We do not analyse anyone's data for fraud today. Your objection is recorded, so that it applies "
               "from the first day we would, and our privacy officer answers you.")),
    Purpose("security", _l("Securing our networks and systems"),
            _l("Our interest in keeping data safe from unauthorised access (Art. 6(1)(f), recital 49)."),
            _l("Repeated wrong passwords on your account are still blocked, because that protects you; your "
               "sign-in records are used for nothing else, and our privacy officer weighs your objection.")),
    Purpose("usage_analysis", _l("Understanding how people use our sites"),
            _l("Our interest in sites that work well; analytics cookies only with your consent."),
            _l("Our analytics is not loaded for you when you are signed in, whatever your cookie choice, while "
               "our privacy officer decides.")),
    Purpose("assignment_contact", _l("Contacting you about assignments that may interest you"),
            _l("Our interest, and yours, in matching consultants with assignments (R-CON-1)."),
            _l("We stop asking you about assignments at once; our privacy officer confirms it to you.")),
    Purpose("campaign_measurement", _l("Measuring our campaigns"),
            _l("Our interest in knowing which of our communications work."),
            _l("We stop counting your reactions to our mailings while our privacy officer decides.")),
    Purpose("marketing", _l("Marketing: events, offers, surveys, market research"),
            _l("Direct marketing as a legitimate interest (recital 47); you may object at any time, "
               "and we then stop at once (Art. 21(3))."),
            _l("We stop all marketing to you at once, and stop measuring our campaigns on you.")),
)
BY_CODE = {p.code: p for p in PURPOSES}
# An objection to marketing needs no decision; to assignment contact it acts at once; the rest hold until decided.
IMMEDIATE = {"marketing", "assignment_contact"}
# Measuring campaigns stops with either of these objections.
MEASUREMENT_STOPPED_BY = ("campaign_measurement", "marketing")


def _standing(purpose: str):
    """Objection cases that stop the purpose: not refused (open: held; answered: upheld)."""
    return sa.select(PrivacyRequest.user_id).where(
        PrivacyRequest.kind == "objection", PrivacyRequest.purpose == purpose,
        PrivacyRequest.state != "refused", PrivacyRequest.user_id.is_not(None))


def objects_to(user: User | int, purpose: str) -> bool:
    """Does an objection stop this purpose for this person now? (marketing: see privacy.marketing)."""
    user_id = user if isinstance(user, int) else user.id
    if purpose == "marketing":
        person = db.session.get(User, user_id)
        return person is not None and marketing.has_objected(person)
    return db.session.scalar(_standing(purpose).where(PrivacyRequest.user_id == user_id).limit(1)) is not None


def objecting_ids(purpose: str, user_ids) -> set[int]:
    """Which of these people an objection to `purpose` stops (one query, for lists and campaigns)."""
    ids = list(user_ids)
    if not ids:
        return set()
    return set(db.session.scalars(_standing(purpose).where(PrivacyRequest.user_id.in_(ids))))


def objected_purposes(user_id: int) -> set[str]:
    """The person's purposes under objection, for the privacy centre."""
    found = set(db.session.scalars(sa.select(PrivacyRequest.purpose).where(
        PrivacyRequest.kind == "objection", PrivacyRequest.state != "refused",
        PrivacyRequest.user_id == user_id, PrivacyRequest.purpose.is_not(None))))
    return found & set(BY_CODE)


def may_contact_about_assignments(user_id: int) -> bool:
    return not objects_to(user_id, "assignment_contact")


def may_measure(user: User) -> bool:
    """Campaign measurement (R-LI): not for a person who objected to it or to marketing."""
    return not any(objects_to(user, p) for p in MEASUREMENT_STOPPED_BY)


def object_to(actor: Actor, user: User, purpose: str, details: str | None = None) -> PrivacyRequest | None:
    """The person objects: marketing stops now without a case (returns None); any other purpose opens a case
    for the privacy officer and is stopped by it (see objects_to) until a refusal lifts it."""
    if purpose not in BY_CODE:
        raise ValueError(purpose)
    if purpose == "marketing":
        marketing.object_to_marketing(actor, user)
        return None
    return privacy_requests.open_for_user(actor, user, "objection", details, purpose=purpose)
