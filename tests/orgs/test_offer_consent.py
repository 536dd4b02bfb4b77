"""A supplier's offer of a consultant waits for the consultant's yes before staff see it, and what
nobody accepted is deleted (issue 13, finding 4; R-CON-9, R-SUP-1)."""
from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, Offer, OfferAnswer, OutboxMail, SupplierConsultant, User, utcnow
from portal.services.actors import SYSTEM, Actor
from portal.services.assignments import lifecycle, offers, requirement_stats
from tests import factories
from tests.conftest import sign_in
from tests.orgs.helpers import make_assignment
from tests.orgs.test_written_text_inert import loose_blocks

EN = {"Accept-Language": "en"}
HOSTILE = '<i hx-get="/x" hx-trigger="load">evil</i>'


def _claim_link(token: str) -> str:
    return f"http://localhost/auth/consultant-invitation/{token}"


def _answers(assignment, evidence="Ten years of Python") -> list[offers.Answer]:
    must, should = assignment.requirements
    return [offers.Answer(must.id, meets=True, evidence=evidence), offers.Answer(should.id, level=4, evidence="Kafka")]


@pytest.fixture
def world(login_as):
    """A supplier, a published assignment, and one consultant of the supplier's who has an account."""
    supplier = login_as("supplier", locale="en")
    organisation = supplier.user.active_membership().organisation
    assignment = make_assignment(factories.make_organisation("buyer"), title="Data platform lead")
    consultant = login_as("consultant", locale="en")
    record = offers.register_consultant(Actor(user=supplier.user), organisation, name="Nora Nord",
                                        email="nora@firm.se", link_for=_claim_link)
    record.claimed_by_user_id, record.claimed_at = consultant.user.id, utcnow()
    db.session.commit()
    return {"supplier": supplier, "organisation": organisation, "assignment": assignment, "consultant": consultant,
            "record": record}


def _offer(world, evidence="Ten years of Python", record=None) -> Offer:
    offer = offers.submit(Actor(user=world["supplier"].user), world["organisation"], world["assignment"],
                          record or world["record"], rate=1075, answers=_answers(world["assignment"], evidence))
    db.session.commit()
    return offer


def _mail_to(address: str, template_marker: str) -> OutboxMail:
    return db.session.scalars(sa.select(OutboxMail).where(OutboxMail.to_address == address,
                                                          OutboxMail.body_text.contains(template_marker))
                              .order_by(OutboxMail.id.desc())).first()


def test_a_new_offer_waits_for_the_consultant_and_staff_and_buyer_do_not_see_it(world, login_as):
    supplier, assignment = world["supplier"], world["assignment"]
    must, should = assignment.requirements
    response = supplier.post(f"/supplier/assignments/{assignment.id}/offer", data={
        "consultant_id": str(world["record"].id), "new_name": "", "new_email": "", "rate": "1075",
        f"meets_{must.id}": "yes", f"evidence_{must.id}": "Ten years", f"level_{should.id}": "4",
        f"evidence_{should.id}": "Kafka"})
    assert response.status_code == 303
    offer = db.session.scalar(sa.select(Offer))
    assert offer.state == "awaiting_consultant"
    assert offers.queue() == [] and offers.on_assignment(assignment) == [] and offers.for_staff(offer.id) is None
    staff = login_as("staff")
    assert f"/staff/offers/{offer.id}" not in staff.get("/staff/offers").text
    page = staff.get(f"/staff/assignments/{assignment.id}", headers=EN).text
    assert f"/staff/offers/{offer.id}" not in page and "Nora Nord" not in page
    # nothing counts towards the buyer's numbers either
    assert lifecycle.offer_counts([assignment.id]) == {}
    assert requirement_stats.count_matching("Python") == 0
    assert "Waiting for the consultant's agreement" in supplier.get(f"/supplier/offers/{offer.id}", headers=EN).text


def test_the_consultant_sees_the_rate_answers_evidence_and_deletion_date(world):
    offer = _offer(world)
    page = world["consultant"].get("/consultant/offers", headers=EN)
    assert page.status_code == 200
    html = page.text
    assert "Data platform lead" in html and world["organisation"].name in html
    assert "1075 SEK per hour" in html and "Ten years of Python" in html and "Kafka" in html
    assert "Meets it" in html and "Level 4 of 5" in html
    assert "Deleted if you do not accept by" in html
    assert f'action="/consultant/offers/{offer.id}/accept"' in html
    assert html.count('name="csrf_token"') >= html.count("<form method=\"post\"") >= 2
    home = world["consultant"].get("/consultant/", headers=EN).text
    assert "One offer from your employer waits for your answer." in home and 'href="/consultant/offers"' in home


def test_accepting_sends_the_offer_to_staff(world, login_as):
    offer = _offer(world)
    response = world["consultant"].post(f"/consultant/offers/{offer.id}/accept")
    assert response.status_code == 303
    db.session.refresh(offer)
    assert offer.state == "submitted"
    assert offers.queue() == [offer]
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "offer.consultant_accept"))
    assert event.subject_id == world["consultant"].user.id and event.object_id == str(offer.id)
    staff = login_as("staff")
    assert f"/staff/offers/{offer.id}" in staff.get("/staff/offers").text
    assert f"/staff/offers/{offer.id}" in staff.get(f"/staff/assignments/{world['assignment'].id}").text
    answered = world["consultant"].get("/consultant/offers", headers=EN).text
    assert "Received by our staff" in answered and "No offers are waiting." in answered


def test_declining_deletes_the_offer_and_answers_and_tells_the_supplier_without_a_reason(world):
    offer = _offer(world)
    offer_id = offer.id
    response = world["consultant"].post(f"/consultant/offers/{offer_id}/decline")
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Offer, offer_id) is None
    assert db.session.scalar(sa.select(sa.func.count(OfferAnswer.id))) == 0
    mail = db.session.scalar(sa.select(OutboxMail).where(OutboxMail.user_id == world["supplier"].user.id))
    assert mail.subject == "A consultant did not accept your offer"
    assert "Nora Nord did not accept your offer" in mail.body_text and "Data platform lead" in mail.body_text
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "offer.consultant_decline"))
    assert json.loads(event.detail) == {"assignment": world["assignment"].id}
    assert "Nora" not in event.detail and "nora@" not in event.detail
    assert world["consultant"].post(f"/consultant/offers/{offer_id}/decline").status_code == 404


def test_another_consultant_can_neither_see_nor_answer_it(world, login_as):
    offer = _offer(world)
    other = login_as("consultant")
    page = other.get("/consultant/offers", headers=EN).text
    assert "Data platform lead" not in page and "Ten years of Python" not in page
    assert other.post(f"/consultant/offers/{offer.id}/accept").status_code == 404
    assert other.post(f"/consultant/offers/{offer.id}/decline").status_code == 404
    assert world["consultant"].post("/consultant/offers/999999/accept").status_code == 404
    db.session.refresh(offer)
    assert offer.state == "awaiting_consultant"


def test_answering_twice_is_a_conflict(world):
    offer = _offer(world)
    consultant = world["consultant"]
    assert consultant.post(f"/consultant/offers/{offer.id}/accept").status_code == 303
    again = consultant.post(f"/consultant/offers/{offer.id}/accept", headers=EN)
    assert again.status_code == 409 and "You have already answered this offer" in again.text
    assert consultant.post(f"/consultant/offers/{offer.id}/decline", headers=EN).status_code == 409
    db.session.refresh(offer)
    assert offer.state == "submitted"


def test_an_offer_past_its_14_days_cannot_be_accepted_nor_one_to_a_closed_assignment(world):
    offer = _offer(world)
    offer.created_at = utcnow() - timedelta(days=15)
    db.session.commit()
    late = world["consultant"].post(f"/consultant/offers/{offer.id}/accept", headers=EN)
    assert late.status_code == 409 and "run out" in late.text
    offer.created_at = utcnow()
    world["assignment"].state = "cancelled"
    db.session.commit()
    assert world["consultant"].post(f"/consultant/offers/{offer.id}/accept").status_code == 409


def test_the_supplier_may_withdraw_an_offer_that_waits(world):
    offer = _offer(world)
    assert world["supplier"].post(f"/supplier/offers/{offer.id}/withdraw").status_code == 303
    db.session.refresh(offer)
    assert offer.state == "withdrawn"
    assert world["consultant"].post(f"/consultant/offers/{offer.id}/accept").status_code == 409


def test_expiry_deletes_offers_not_accepted_in_14_days_with_their_answers(world):
    old, young = _offer(world), None
    second = offers.register_consultant(Actor(user=world["supplier"].user), world["organisation"],
                                        name="Ove Ny", email="ove@firm.se", link_for=_claim_link)
    young = _offer(world, record=second)
    accepted_record = offers.register_consultant(Actor(user=world["supplier"].user), world["organisation"],
                                                 name="Acke Ja", email="acke@firm.se", link_for=_claim_link)
    accepted = factories.accept_offer(_offer(world, record=accepted_record))
    now = utcnow()
    old.created_at, young.created_at = now - timedelta(days=14, minutes=1), now - timedelta(days=13)
    accepted.created_at = now - timedelta(days=40)
    db.session.commit()
    old_id = old.id
    assert offers.expire_unaccepted(SYSTEM, now=now) == 1
    db.session.commit()
    assert db.session.get(Offer, old_id) is None
    assert db.session.scalar(sa.select(sa.func.count(OfferAnswer.id)).where(OfferAnswer.offer_id == old_id)) == 0
    assert {o.id for o in db.session.scalars(sa.select(Offer))} == {young.id, accepted.id}
    assert db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "offer.expire"))


def test_unclaimed_records_are_deleted_after_30_days_when_no_offer_waits(world):
    actor, organisation = Actor(user=world["supplier"].user), world["organisation"]

    def record(email):
        return offers.register_consultant(actor, organisation, name="X", email=email, link_for=_claim_link)

    bare, recent, waiting, withdrawn = (record(e) for e in ("bare@x.se", "recent@x.se", "wait@x.se", "gone@x.se"))
    waiting_offer = _offer(world, record=waiting)
    withdrawn_offer = _offer(world, record=withdrawn)
    offers.withdraw(actor, withdrawn_offer)
    now = utcnow()
    for item in (bare, waiting, withdrawn, world["record"]):  # world's record is claimed: it stays
        item.invited_at = now - timedelta(days=31)
    recent.invited_at = now - timedelta(days=29)
    db.session.commit()
    ids = {name: item.id for name, item in (("bare", bare), ("recent", recent), ("waiting", waiting),
                                            ("withdrawn", withdrawn), ("claimed", world["record"]))}
    assert offers.expire_unaccepted(SYSTEM, now=now) == 2
    db.session.commit()
    left = {r.id for r in db.session.scalars(sa.select(SupplierConsultant))}
    assert left == {ids["recent"], ids["waiting"], ids["claimed"]}
    assert {o.id for o in db.session.scalars(sa.select(Offer))} == {waiting_offer.id}


def test_the_cli_command_expires_and_prints_the_count(world, app):
    offer = _offer(world)
    offer.created_at = utcnow() - timedelta(days=20)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["offers", "expire"])
    assert result.exit_code == 0, result.output
    assert "deleted 1 unaccepted offers" in result.output
    assert db.session.scalar(sa.select(sa.func.count(Offer.id))) == 0


def test_the_mails_say_what_is_stored_and_for_how_long(world, client, app):
    app.config["BABEL_DEFAULT_LOCALE"] = "en"  # the language of a consultant without an account
    # a consultant with an account: the offer, the rate, the answers, the 14 days and a link to the portal
    _offer(world, evidence="Built three data platforms")
    mail = _mail_to("nora@firm.se", "1075")
    body = mail.body_text
    assert mail.subject == f"{world['organisation'].name} wants to offer you for an assignment"
    assert "Data platform lead" in body and "1075 SEK per hour" in body and "Built three data platforms" in body
    assert "Meets it" in body and "Level 4 of 5" in body
    assert "your name and e-mail address as" in body and "(14 days), we delete the offer and its answers" in body
    assert "http://localhost/consultant/offers" in body and "consultant-invitation" not in body
    # the invitation says what is stored and for how long
    new = offers.register_consultant(Actor(user=world["supplier"].user), world["organisation"], name="Ny Person",
                                     email="ny@firm.se", link_for=_claim_link)
    invitation = _mail_to("ny@firm.se", "registered you as one of their consultants").body_text
    assert "30 days after" in invitation and "within 14 days is deleted" in invitation
    assert "nothing more until you accept" not in invitation
    # a consultant without one: a fresh claim link, and where the offer will wait
    _offer(world, record=new)
    body = _mail_to("ny@firm.se", "1075").body_text
    assert "“Offers from your employer”" in body and "30 days after" in body
    link = re.search(r"http://localhost(/auth/consultant-invitation/\S+)", body).group(1)
    assert client.post(link, data={"name": "Ny Person", "password": "a long password 123",
                                   "confirm": "a long password 123", "accept_terms": "y"}).status_code == 303
    person = db.session.get(User, db.session.get(SupplierConsultant, new.id).claimed_by_user_id)
    sign_in(client, person, password="a long password 123")
    waiting = client.get("/consultant/offers", headers=EN).text
    assert "Data platform lead" in waiting and "No offers are waiting." not in waiting


def test_hostile_evidence_is_shown_escaped_inside_an_hx_disable_block(world):
    _offer(world, evidence=HOSTILE)
    html = world["consultant"].get("/consultant/offers", headers=EN).text
    assert "<i hx-get" not in html
    assert "&lt;i hx-get=&#34;/x&#34; hx-trigger=&#34;load&#34;&gt;evil" in html
    assert loose_blocks(html) == []
