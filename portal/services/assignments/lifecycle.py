"""Assignment requests: drafting, revising with optimistic locking, the state machine (R-BUY-1)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext, lazy_gettext as _l
from sqlalchemy.orm.exc import StaleDataError

from portal.extensions import db
from portal.models import (EDITABLE_STATES, Assignment, AssignmentRequirement, AssignmentState, Membership,
                           Offer, OfferState, Organisation, Selection, utcnow)
from portal.services import DomainError, audit
from portal.services.actors import Actor
from portal.services.assignments import revision_review

S = AssignmentState
# (from, to) → who may make the change. "system" is the expiry job.
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (S.DRAFT.value, S.SUBMITTED.value): frozenset({"buyer"}),
    (S.DRAFT.value, S.CANCELLED.value): frozenset({"buyer"}),
    (S.SUBMITTED.value, S.DRAFT.value): frozenset({"buyer", "staff"}),
    (S.SUBMITTED.value, S.PUBLISHED.value): frozenset({"staff"}),
    (S.SUBMITTED.value, S.CANCELLED.value): frozenset({"buyer", "staff"}),
    (S.PUBLISHED.value, S.SHORTLISTING.value): frozenset({"staff"}),
    (S.PUBLISHED.value, S.CANCELLED.value): frozenset({"buyer", "staff"}),
    (S.PUBLISHED.value, S.EXPIRED.value): frozenset({"staff", "system"}),
    (S.SHORTLISTING.value, S.FILLED.value): frozenset({"staff"}),
    (S.SHORTLISTING.value, S.CANCELLED.value): frozenset({"buyer", "staff"}),
    (S.SHORTLISTING.value, S.PUBLISHED.value): frozenset({"staff"}),
}
REMOTE_CHOICES = ("onsite", "hybrid", "remote")
CALL_OFF_TYPES = ("renewed_competition", "ranking", "direct")
EVALUATION_MODELS = ("price", "cost", "best_price_quality")
EVALUATION_CRITERIA_MAX = 4000
OFFER_COUNTED = (OfferState.SUBMITTED.value, OfferState.REVIEWING.value, OfferState.SHORTLISTED.value,
                 OfferState.DECLINED.value)


class StaleError(DomainError):
    """The form was built from an older version of the assignment."""


@dataclass
class Requirement:
    kind: str
    text: str
    weight: int | None = None


@dataclass
class AssignmentData:
    """What a buyer fills in; the service checks every rule, the form only the shapes."""

    title: str
    description: str
    role: str
    start_date: date
    answer_deadline: date
    end_date: date | None = None
    languages: str = ""
    location: str = ""
    remote: str = "onsite"
    extent: int = 100
    rate_ceiling: int | None = None
    consultants_wanted: int = 1
    contact_person_id: int | None = None
    show_buyer: bool = False
    procurement_reference: str | None = None
    framework_agreement: str | None = None
    call_off_type: str | None = None
    evaluation_model: str | None = None
    evaluation_criteria: str | None = None  # the procurement's award criteria as written (R-CON-4)
    requirements: list[Requirement] = field(default_factory=list)


def actor_kind(actor: Actor) -> str:
    if actor.user is None:
        return "system"
    return "staff" if actor.user.role == "staff" else actor.user.role


def _check(data: AssignmentData, organisation: Organisation) -> None:
    if data.end_date and data.end_date < data.start_date:
        raise DomainError(_l("The assignment cannot end before it starts."), field="end_date")
    if not 1 <= data.extent <= 100:
        raise DomainError(_l("The extent is a percentage of full time: 1–100."), field="extent")
    if data.consultants_wanted < 1:
        raise DomainError(_l("Ask for at least one consultant."), field="consultants_wanted")
    if data.rate_ceiling is not None and data.rate_ceiling <= 0:
        raise DomainError(_l("The rate ceiling must be a positive amount."), field="rate_ceiling")
    if data.remote not in REMOTE_CHOICES:
        raise DomainError(_l("Choose where the work is done."), field="remote")
    if data.call_off_type and data.call_off_type not in CALL_OFF_TYPES:
        raise DomainError(_l("Choose a call-off type from the list."), field="call_off_type")
    if data.evaluation_model and data.evaluation_model not in EVALUATION_MODELS:
        raise DomainError(_l("Choose an evaluation model from the list."), field="evaluation_model")
    if data.call_off_type and not data.framework_agreement:
        raise DomainError(_l("A call-off (avrop) is made under a framework agreement: name it."),
                          field="framework_agreement")
    if data.evaluation_criteria and len(data.evaluation_criteria.strip()) > EVALUATION_CRITERIA_MAX:
        raise DomainError(gettext("The award criteria may be at most %(max)s characters long.",
                                  max=EVALUATION_CRITERIA_MAX), field="evaluation_criteria")
    if (data.evaluation_criteria or "").strip() and not (
            data.procurement_reference or data.framework_agreement or data.call_off_type):
        raise DomainError(_l("Award criteria belong to a public procurement: give its procurement reference or "
                             "framework agreement too, or leave the criteria empty."), field="evaluation_criteria")
    for requirement in data.requirements:
        if requirement.kind == "must" and requirement.weight is not None:
            raise DomainError(gettext("A must requirement is pass or fail: it cannot have a weight (“%(text)s”).",
                                 text=requirement.text), field="requirements")
        if requirement.kind == "should" and not (requirement.weight and 1 <= requirement.weight <= 5):
            raise DomainError(gettext("Give each should requirement a weight from 1 to 5 (“%(text)s”).",
                                 text=requirement.text), field="requirements")
        if requirement.kind not in ("must", "should"):
            raise DomainError(_l("A requirement is either must or should."), field="requirements")
    if data.contact_person_id is not None and data.contact_person_id not in {
            m.user_id for m in organisation.memberships if m.ended_at is None}:
        raise DomainError(_l("The contact person must be one of your organisation's representatives."),
                          field="contact_person_id")


def _apply(assignment: Assignment, data: AssignmentData) -> None:
    # No autoflush in between: one revision is one UPDATE, so the version moves by exactly one.
    with db.session.no_autoflush:
        assignment.requirements = [
            AssignmentRequirement(kind=r.kind, text=r.text.strip(), weight=r.weight, position=i)
            for i, r in enumerate(data.requirements)
        ]
        for name in ("title", "description", "role", "start_date", "end_date", "answer_deadline", "languages",
                     "location", "remote", "extent", "rate_ceiling", "consultants_wanted", "contact_person_id",
                     "show_buyer", "procurement_reference", "framework_agreement", "call_off_type",
                     "evaluation_model", "evaluation_criteria"):
            value = getattr(data, name)
            setattr(assignment, name, value.strip() if isinstance(value, str) else value)
        assignment.evaluation_criteria = assignment.evaluation_criteria or None
        assignment.updated_at = utcnow()


def create(actor: Actor, organisation: Organisation, data: AssignmentData) -> Assignment:
    _check(data, organisation)
    assignment = Assignment(organisation_id=organisation.id, created_by_id=actor.user_id, state=S.DRAFT.value)
    _apply(assignment, data)
    db.session.add(assignment)
    db.session.flush()
    audit.record(actor, "assignment.create", obj=assignment, detail={"organisation": organisation.id})
    return assignment


def revise(actor: Actor, assignment: Assignment, data: AssignmentData, *, version: int) -> Assignment:
    """Change an assignment that is still open, only if the form saw its current version."""
    if version != assignment.version:
        raise StaleError(_l("Someone changed this assignment after you opened the form (or it was closed). "
                            "Nothing was saved: reload the page and make your change again."))
    if assignment.state not in EDITABLE_STATES:
        raise StaleError(_l("This assignment is closed and can no longer be changed."))
    _check(data, assignment.organisation)
    before = revision_review.snapshot(assignment)
    _apply(assignment, data)
    try:
        db.session.flush()
    except StaleDataError:
        raise StaleError(_l("Someone changed this assignment at the same moment. Nothing was saved: "
                            "reload the page and make your change again.")) from None
    audit.record(actor, "assignment.revise", obj=assignment, detail={"state": assignment.state,
                                                                     "version": assignment.version})
    found = revision_review.changes(before, revision_review.snapshot(assignment))
    if found and assignment.state == S.PUBLISHED.value and actor_kind(actor) == "buyer":
        revision_review.send_back(actor, assignment, found)
    return assignment


def allowed_transitions(assignment: Assignment, kind: str) -> list[str]:
    return [to for (frm, to), who in TRANSITIONS.items() if frm == assignment.state and kind in who]


def transition(actor: Actor, assignment: Assignment, to_state: str) -> None:
    kind = actor_kind(actor)
    who = TRANSITIONS.get((assignment.state, to_state))
    if who is None or kind not in who:
        raise DomainError(gettext("This assignment cannot go from “%(from)s” to “%(to)s”.",
                             **{"from": assignment.state, "to": to_state}))
    if to_state == S.FILLED.value and not _selected(assignment):
        raise DomainError(_l("Record the final selection on the shortlist page: it fills the assignment with "
                             "who was selected, by whom and why."))
    from_state = assignment.state
    assignment.state = to_state
    if to_state == S.PUBLISHED.value and assignment.published_at is None:
        assignment.published_at = utcnow()
    db.session.flush()
    audit.record(actor, "assignment.transition", obj=assignment, detail={"from": from_state, "to": to_state})


def _selected(assignment: Assignment) -> bool:
    return db.session.scalar(sa.select(Selection.id).where(Selection.assignment_id == assignment.id).limit(1)) \
        is not None


def expire_overdue(actor: Actor, today: date) -> int:
    """Published assignments past their answer deadline become expired; returns how many."""
    overdue = db.session.scalars(sa.select(Assignment).where(
        Assignment.state == S.PUBLISHED.value, Assignment.answer_deadline < today)).all()
    for assignment in overdue:
        transition(actor, assignment, S.EXPIRED.value)
    return len(overdue)


def for_organisation(organisation: Organisation, assignment_id: int) -> Assignment | None:
    """The assignment only when it belongs to this organisation: anything else is "not found"."""
    return db.session.scalar(sa.select(Assignment).where(Assignment.id == assignment_id,
                                                         Assignment.organisation_id == organisation.id))


def list_for(organisation: Organisation) -> list[Assignment]:
    return list(db.session.scalars(sa.select(Assignment).where(Assignment.organisation_id == organisation.id)
                                   .order_by(Assignment.created_at.desc(), Assignment.id.desc())))


def published(assignment_id: int | None = None):
    """The public list, or one published assignment (None when it is not published)."""
    query = sa.select(Assignment).where(Assignment.state == S.PUBLISHED.value)
    if assignment_id is not None:
        return db.session.scalar(query.where(Assignment.id == assignment_id))
    return list(db.session.scalars(query.order_by(Assignment.published_at.desc(), Assignment.id.desc())))


def in_state(states: tuple[str, ...] | None = None) -> list[Assignment]:
    query = sa.select(Assignment).order_by(Assignment.updated_at.desc(), Assignment.id.desc())
    if states:
        query = query.where(Assignment.state.in_(states))
    return list(db.session.scalars(query))


def offer_counts(assignment_ids: list[int]) -> dict[int, int]:
    """How many offers each assignment received (a number only: buyers never see the offers)."""
    if not assignment_ids:
        return {}
    rows = db.session.execute(sa.select(Offer.assignment_id, sa.func.count(Offer.id))
                              .where(Offer.assignment_id.in_(assignment_ids), Offer.state.in_(OFFER_COUNTED))
                              .group_by(Offer.assignment_id))
    return {assignment_id: count for assignment_id, count in rows}


def contact_choices(organisation: Organisation) -> list[tuple[int, str]]:
    return [(m.user.id, m.user.name) for m in db.session.scalars(
        sa.select(Membership).where(Membership.organisation_id == organisation.id, Membership.ended_at.is_(None)))]


def data_of(assignment: Assignment) -> AssignmentData:
    """The assignment as form data, for the revise form."""
    values = {name: getattr(assignment, name) for name in AssignmentData.__dataclass_fields__
              if name != "requirements"}
    return AssignmentData(**values, requirements=[Requirement(r.kind, r.text, r.weight)
                                                  for r in assignment.requirements])
