"""The privacy request service: the state machine, refusals, extensions, executors (R-RIGHTS)."""
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, OutboxMail, PrivacyRequest
from portal.services import DomainError
from portal.services.privacy import deadlines, privacy_requests
from portal.services.actors import Actor
from tests import factories


@pytest.fixture(autouse=True)
def request_context(app):
    """Messages are translated for the person asking: a request context gives the locale."""
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


@pytest.fixture
def officer(app):
    return factories.make_user(role="staff", staff_roles="privacy_officer")


@pytest.fixture
def person(app):
    return factories.make_user(role="consultant", locale="en")


def _actions(request):
    return [e.action for e in db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.object_type == "PrivacyRequest",
                                    AuditEvent.object_id == str(request.id)).order_by(AuditEvent.seq))]


def test_a_signed_in_persons_request_is_verified_with_a_one_month_deadline(person):
    received = date(2026, 1, 30)
    request = privacy_requests.open_for_user(Actor(person), person, "access", "all of it", today=received)
    assert request.state == "verified" and request.verified_at is not None
    assert request.deadline == date(2026, 3, 2) == deadlines.one_month_deadline(received)
    assert _actions(request) == ["privacy_request.received"]


def test_every_step_is_audited_and_the_answer_is_mailed(person, officer):
    actor = Actor(officer)
    # Rectification has no executor (erasure's is tested in test_erasure_views.py): the plain steps.
    request = privacy_requests.open_for_user(Actor(person), person, "rectification")
    privacy_requests.start(actor, request)
    assert request.owner_id == officer.id
    privacy_requests.answer(actor, request, "Everything is erased.")
    assert request.state == "answered" and request.closed_at is not None
    assert _actions(request) == ["privacy_request.received", "privacy_request.in_progress",
                                 "privacy_request.answered", "privacy_request.message"]
    mail = db.session.scalars(sa.select(OutboxMail).where(OutboxMail.user_id == person.id)).one()
    assert "Everything is erased." in mail.body_text


@pytest.mark.parametrize("state, target", [
    ("received", "in_progress"), ("answered", "in_progress"), ("refused", "answered"), ("extended", "in_progress"),
])
def test_the_transition_table_refuses_other_moves(person, officer, state, target):
    request = privacy_requests.open_for_user(Actor(person), person, "access")
    request.state = state
    with pytest.raises(DomainError):
        privacy_requests._move(Actor(officer), request, target)
    assert request.state == state


def test_a_closed_request_cannot_be_answered_again(person, officer):
    request = privacy_requests.open_for_user(Actor(person), person, "access")
    privacy_requests.answer(Actor(officer), request, "Here it is.")
    with pytest.raises(DomainError):
        privacy_requests.answer(Actor(officer), request, "Again.")


def test_refusal_needs_one_of_the_policys_grounds_and_a_text(person, officer):
    request = privacy_requests.open_for_user(Actor(person), person, "erasure")
    with pytest.raises(DomainError) as error:
        privacy_requests.refuse(Actor(officer), request, "because", "No.")
    assert error.value.field == "ground"
    with pytest.raises(DomainError):
        privacy_requests.refuse(Actor(officer), request, "bookkeeping", "  ")
    assert request.state == "verified"
    privacy_requests.refuse(Actor(officer), request, "bookkeeping", "Invoices are kept 7 years.")
    assert (request.state, request.refusal_ground) == ("refused", "bookkeeping")
    mail = db.session.scalars(sa.select(OutboxMail).where(OutboxMail.user_id == person.id)).one()
    assert "Bokföringslagen" in mail.body_text and "IMY" in mail.body_text


def test_extension_gives_three_months_from_receipt_and_a_notice(person, officer):
    received = date(2025, 11, 30)
    request = privacy_requests.open_for_user(Actor(person), person, "portability", today=received)
    with pytest.raises(DomainError) as error:
        privacy_requests.extend(Actor(officer), request, "", today=received + timedelta(days=3))
    assert error.value.field == "reason"
    privacy_requests.extend(Actor(officer), request, "Many systems.", today=received + timedelta(days=3))
    assert request.state == "extended" and request.deadline == date(2026, 3, 2)
    mail = db.session.scalars(sa.select(OutboxMail).where(OutboxMail.user_id == person.id)).one()
    assert "Many systems." in mail.body_text
    with pytest.raises(DomainError):
        privacy_requests.extend(Actor(officer), request, "Again.", today=received + timedelta(days=4))


def test_extension_is_only_allowed_within_the_first_month(person, officer):
    received = date(2026, 1, 5)
    request = privacy_requests.open_for_user(Actor(person), person, "access", today=received)
    with pytest.raises(DomainError):
        privacy_requests.extend(Actor(officer), request, "Too late.", today=request.deadline + timedelta(days=1))
    assert request.state == "verified" and request.extended_at is None
    assert db.session.scalar(sa.select(sa.func.count(OutboxMail.id))) == 0


def test_a_registered_executor_prepares_the_answer_and_the_default_is_manual(person, officer, monkeypatch):
    monkeypatch.setattr(privacy_requests, "EXECUTORS", {})
    manual = privacy_requests.open_for_user(Actor(person), person, "access")
    privacy_requests.start(Actor(officer), manual)
    assert manual.prepared_answer is None and manual.state == "in_progress"

    privacy_requests.register_executor("access", lambda actor, request: f"extract for request {request.id}")
    automatic = privacy_requests.open_for_user(Actor(person), person, "access")
    privacy_requests.start(Actor(officer), automatic)
    assert automatic.prepared_answer == f"extract for request {automatic.id}"
    assert "privacy_request.executed" in _actions(automatic)
    with pytest.raises(ValueError):
        privacy_requests.register_executor("telepathy", lambda actor, request: None)


def test_unknown_kind_and_too_long_details_are_refused(person):
    with pytest.raises(DomainError):
        privacy_requests.open_for_user(Actor(person), person, "telepathy")
    with pytest.raises(DomainError):
        privacy_requests.open_for_user(Actor(person), person, "access", "x" * (privacy_requests.MAX_DETAILS + 1))
    assert db.session.scalar(sa.select(sa.func.count(PrivacyRequest.id))) == 0


def test_urgency_marks_overdue_and_near_due_open_requests(person, officer):
    today = date(2026, 3, 10)
    overdue = privacy_requests.open_for_user(Actor(person), person, "access", today=date(2026, 1, 5))
    near = privacy_requests.open_for_user(Actor(person), person, "access", today=date(2026, 2, 12))
    later = privacy_requests.open_for_user(Actor(person), person, "access", today=date(2026, 3, 1))
    assert [privacy_requests.urgency(r, today) for r in (overdue, near, later)] == ["overdue", "near_due", None]
    privacy_requests.answer(Actor(officer), overdue, "Done.")
    assert privacy_requests.urgency(overdue, today) is None
