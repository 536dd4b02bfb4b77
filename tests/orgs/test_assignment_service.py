"""The assignments service: rules, the state table, optimistic locking, matching counts (R-BUY-1)."""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import Assignment, AuditEvent, Offer, OfferAnswer, SupplierConsultant
from portal.services import DomainError
from portal.services.assignments import lifecycle, requirement_stats
from portal.services.actors import SYSTEM, Actor
from portal.services.assignments.lifecycle import AssignmentData, Requirement, StaleError
from tests import factories
from tests.orgs.helpers import TODAY, make_assignment


def _data(**overrides) -> AssignmentData:
    data = AssignmentData(title="Analyst", description="Numbers.", role="Analyst",
                          start_date=TODAY + timedelta(days=10), end_date=TODAY + timedelta(days=100),
                          answer_deadline=TODAY + timedelta(days=5),
                          requirements=[Requirement("must", "SQL"), Requirement("should", "Power BI", 3)])
    return replace(data, **overrides)


@pytest.fixture(autouse=True)
def request_context(app):
    """Messages are lazy strings translated in a request's language."""
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


@pytest.fixture
def buyer(app):
    user = factories.make_user(role="buyer")
    return Actor(user=user), user.active_membership().organisation


def _audit(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == action)))


@pytest.mark.parametrize("overrides, field", [
    ({"end_date": TODAY}, "end_date"),  # ends before it starts
    ({"extent": 101}, "extent"),
    ({"extent": 0}, "extent"),
    ({"requirements": [Requirement("must", "SQL", 3)]}, "requirements"),  # a must with a weight
    ({"requirements": [Requirement("should", "SQL", None)]}, "requirements"),
    ({"requirements": [Requirement("should", "SQL", 6)]}, "requirements"),
    ({"consultants_wanted": 0}, "consultants_wanted"),
    ({"call_off_type": "ranking"}, "framework_agreement"),  # a call-off needs its framework agreement
    ({"call_off_type": "lottery", "framework_agreement": "X"}, "call_off_type"),
    ({"remote": "moon"}, "remote"),
])
def test_bad_input_is_refused_and_nothing_is_written(buyer, overrides, field):
    actor, organisation = buyer
    with pytest.raises(DomainError) as caught:
        lifecycle.create(actor, organisation, _data(**overrides))
    assert caught.value.field == field and str(caught.value.message)
    assert db.session.scalar(sa.select(sa.func.count(Assignment.id))) == 0


def test_contact_person_must_represent_the_organisation(buyer):
    actor, organisation = buyer
    outsider = factories.make_user(role="buyer")
    with pytest.raises(DomainError) as caught:
        lifecycle.create(actor, organisation, _data(contact_person_id=outsider.id))
    assert caught.value.field == "contact_person_id"
    assert lifecycle.create(actor, organisation, _data(contact_person_id=actor.user_id)).contact_person_id


def _selected(item, staff: Actor) -> None:
    from portal.models import Selection, ShortlistEntry

    consultant = factories.make_user(role="consultant")
    entry = ShortlistEntry(assignment_id=item.id, consultant_id=consultant.id, reason="Fits", pseudonym="K-TEST",
                           anonymized_card_json="{}", card_k=5, state="released")
    db.session.add(entry)
    db.session.flush()
    db.session.add(Selection(assignment_id=item.id, shortlist_entry_id=entry.id, consultant_id=consultant.id,
                             decided_by_id=staff.user_id, reason="Best fit."))
    db.session.flush()


def test_state_table_who_may_do_what_and_every_change_is_audited(buyer):
    actor, organisation = buyer
    staff = Actor(user=factories.make_user(role="staff"))
    item = lifecycle.create(actor, organisation, _data())
    with pytest.raises(DomainError):
        lifecycle.transition(actor, item, "published")  # a draft is not published directly
    lifecycle.transition(actor, item, "submitted")
    with pytest.raises(DomainError):
        lifecycle.transition(actor, item, "published")  # buyers do not publish
    lifecycle.transition(staff, item, "published")
    assert item.published_at is not None
    lifecycle.transition(staff, item, "shortlisting")
    with pytest.raises(DomainError, match="Record the final selection"):
        lifecycle.transition(staff, item, "filled")  # R-STAFF-2: nobody is filled without a recorded choice
    _selected(item, staff)
    lifecycle.transition(staff, item, "filled")
    with pytest.raises(DomainError):
        lifecycle.transition(staff, item, "published")  # filled is final
    moves = [e.detail for e in _audit("assignment.transition")]
    assert len(moves) == 4 and '"to": "filled"' in moves[-1]
    assert lifecycle.allowed_transitions(item, "staff") == []


def test_every_state_reachable_by_the_table():
    reachable = {"draft"} | {to for (_, to) in lifecycle.TRANSITIONS}
    assert reachable == {"draft", "submitted", "published", "shortlisting", "filled", "cancelled", "expired"}


def test_revise_with_a_stale_version_changes_nothing(buyer):
    actor, organisation = buyer
    item = lifecycle.create(actor, organisation, _data())
    db.session.flush()
    version = item.version
    lifecycle.revise(actor, item, _data(title="Analyst II"), version=version)
    assert item.version == version + 1 and item.title == "Analyst II"
    with pytest.raises(StaleError):
        lifecycle.revise(actor, item, _data(title="Stale title"), version=version)
    assert item.title == "Analyst II"


def test_a_closed_assignment_cannot_be_revised_even_with_the_current_version(buyer):
    actor, organisation = buyer
    item = lifecycle.create(actor, organisation, _data())
    lifecycle.transition(actor, item, "cancelled")
    with pytest.raises(StaleError):
        lifecycle.revise(actor, item, _data(title="Reopened?"), version=item.version)
    assert item.title == "Analyst"


def test_expire_overdue_moves_published_past_deadline(app):
    organisation = factories.make_organisation("buyer")
    late = make_assignment(organisation, answer_deadline=TODAY - timedelta(days=1))
    on_time = make_assignment(organisation)
    assert lifecycle.expire_overdue(SYSTEM, TODAY) == 1
    assert late.state == "expired" and on_time.state == "published"


def test_public_list_shows_only_published(app):
    organisation = factories.make_organisation("buyer")
    shown = make_assignment(organisation)
    make_assignment(organisation, state="draft")
    make_assignment(organisation, state="submitted")
    assert lifecycle.published() == [shown]


def _offer_answers(assignment, n: int, meets: bool = True):
    supplier = factories.make_organisation("supplier")
    for i in range(n):
        consultant = SupplierConsultant(organisation_id=supplier.id, name=f"C{i}", email=f"c{i}@x.se")
        db.session.add(consultant)
        db.session.flush()
        offer = Offer(assignment_id=assignment.id, organisation_id=supplier.id, supplier_consultant_id=consultant.id,
                      rate=900, state="submitted")
        offer.answers = [OfferAnswer(requirement_id=assignment.requirements[0].id, meets=meets),
                         OfferAnswer(requirement_id=assignment.requirements[1].id, level=4)]
        db.session.add(offer)
    db.session.flush()


def test_requirement_counts_and_the_few_matches_hint(app):
    organisation = factories.make_organisation("buyer")
    earlier = make_assignment(organisation)
    _offer_answers(earlier, 2)
    _offer_answers(earlier, 3, meets=False)  # a "no" is not a match
    current = make_assignment(organisation, state="draft")
    # The count is of consultant profiles in the index (tests/matching/test_requirements_as_written.py),
    # no longer of supplier offers: offers alone count nobody.
    assert requirement_stats.count_matching("python") == 0
    assert requirement_stats.count_matching("Kafka") == 0
    rows = {r["requirement"].text: r for r in requirement_stats.for_assignment(current)}
    assert rows["Python"]["count"] == 0 and rows["Python"]["hint"] is True
    assert rows["Kafka"]["hint"] is False  # hints are for must requirements only
    assert lifecycle.offer_counts([earlier.id, current.id]) == {earlier.id: 5}
