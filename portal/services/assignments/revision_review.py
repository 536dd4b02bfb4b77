"""A published assignment the buyer changes goes back to staff review, and the suppliers who already
offered are told what changed (issue 12, finding 2; R-BUY-1, R-SUP-1).

Staff reviewed the published text; a buyer's later edit must not reach suppliers and the public
unreviewed, and offers made against the old text must not be judged against the new one unknowingly."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import Assignment, AssignmentState, Membership, Offer, OfferState, User
from portal.services import audit, mail
from portal.services.actors import Actor

# What suppliers and the public see, each with the label the mail uses.
FIELDS = {
    "title": _l("Title"), "role": _l("Role"), "description": _l("Description"), "languages": _l("Languages"),
    "location": _l("Location"), "remote": _l("Where the work is done"), "start_date": _l("Start"),
    "end_date": _l("End"), "extent": _l("Extent (percent of full time)"),
    "rate_ceiling": _l("Rate ceiling (SEK per hour)"), "consultants_wanted": _l("Number of consultants"),
    "answer_deadline": _l("Deadline for answers"), "procurement_reference": _l("Procurement reference"),
    "framework_agreement": _l("Framework agreement"), "call_off_type": _l("Call-off type (avrop)"),
    "evaluation_model": _l("Evaluation model"), "evaluation_criteria": _l("Award criteria"),
}
KIND_LABELS = {"must": _l("Must"), "should": _l("Should")}


@dataclass(frozen=True)
class Change:
    label: object  # a lazy label, rendered in the reader's language
    before: str
    after: str


def snapshot(assignment: Assignment) -> dict:
    values = {name: getattr(assignment, name) for name in FIELDS}
    values["requirements"] = [(r.kind, r.text.strip(), r.weight) for r in assignment.requirements]
    return values


def _shown(value) -> str:
    return "–" if value in (None, "") else str(value)


def _requirement(kind: str, text: str, weight: int | None) -> str:
    return f"{KIND_LABELS[kind]}: {text}" + (f" ({weight})" if weight else "")


def changes(before: dict, after: dict) -> list[Change]:
    found = [Change(label, _shown(before[name]), _shown(after[name]))
             for name, label in FIELDS.items() if before[name] != after[name]]
    old, new = before["requirements"], after["requirements"]
    found += [Change(_l("Requirement removed"), _requirement(*r), "–") for r in old if r not in new]
    found += [Change(_l("Requirement added"), "–", _requirement(*r)) for r in new if r not in old]
    return found


def _suppliers_who_offered(assignment: Assignment) -> list[User]:
    offering = sa.select(Offer.organisation_id).where(
        Offer.assignment_id == assignment.id, Offer.state != OfferState.WITHDRAWN.value)
    return list(db.session.scalars(
        sa.select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.organisation_id.in_(offering), Membership.ended_at.is_(None), User.is_disabled.is_(False))
        .order_by(User.id).distinct()))


def send_back(actor: Actor, assignment: Assignment, found: list[Change]) -> int:
    """Back to staff review (off the public and supplier lists); mails the suppliers who offered.
    Returns how many representatives were told."""
    assignment.state = AssignmentState.SUBMITTED.value
    db.session.flush()
    audit.record(actor, "assignment.sent_back_for_review", obj=assignment, detail={"changes": len(found)})
    recipients = _suppliers_who_offered(assignment)
    for user in recipients:
        mail.queue(user, _l("An assignment you offered on has changed"), "assignment_changed",
                   assignment=assignment, changes=found)
    return len(recipients)
