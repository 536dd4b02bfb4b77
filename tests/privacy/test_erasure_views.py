"""Erasure through the pages (R-RIGHTS-4, R-BUY-6, R-SUP-6, R-PAR-2): the preview, the confirmation
with the password, the receipt (page, files, mail without an outbox copy), staff carrying out requests
and queue items, legal holds; and that nobody reaches another person's erasure."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, ErasureQueueItem, LegalHold, OutboxMail, PrivacyRequest, User, utcnow
from portal.services.organisations import representatives
from portal.services.actors import Actor
from tests import factories

EN = {"Accept-Language": "en"}
ROLES = ["consultant", "buyer", "supplier", "partner"]


def _outbox_to(address: str) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMail).where(OutboxMail.to_address == address))


@pytest.mark.parametrize("role", ROLES)
def test_each_role_previews_confirms_and_gets_a_receipt(login_as, smtp, role):
    person = login_as(role, name="Rut Raderad", email=f"rut.{role}@example.se", locale="en")
    page = person.get("/privacy/erasure", headers=EN).get_data(as_text=True)
    assert "Deleted now" in page and "Kept, why and until when" in page and 'id="erase-now"' in page
    assert "Security log" in page  # a kept item, with its ground and date
    assert person.get("/privacy/", headers=EN).get_data(as_text=True).count('href="/privacy/erasure"') == 1

    wrong = person.post("/privacy/erasure", data={"password": "not the password", "confirm": "y"}, headers=EN)
    assert wrong.status_code == 422 and "The password is not right." in wrong.get_data(as_text=True)
    unticked = person.post("/privacy/erasure", data={"password": factories.PASSWORD}, headers=EN)
    assert unticked.status_code == 422
    assert db.session.get(User, person.user.id).email == f"rut.{role}@example.se"

    done = person.post("/privacy/erasure", data={"password": factories.PASSWORD, "confirm": "y"}, headers=EN)
    assert done.status_code == 303 and done.headers["Location"].endswith("/privacy/erasure/done")
    receipt = person.get("/privacy/erasure/done", headers=EN).get_data(as_text=True)
    assert "Your data is erased" in receipt and "Security log" in receipt and "Rut Raderad" not in receipt
    downloaded = person.get("/privacy/erasure/receipt.json")
    assert downloaded.status_code == 200 and downloaded.get_json()["kept"]
    assert person.get("/privacy/erasure/receipt.txt").status_code == 200
    assert person.get("/privacy/").status_code in (302, 303)  # signed out

    message = smtp.wait_for(1)[0]
    assert message["To"] == f"rut.{role}@example.se" and "Kept, and why" in smtp.body(message)
    assert _outbox_to(f"rut.{role}@example.se") == 0  # the receipt left no copy of the address
    user = db.session.get(User, person.user.id)
    assert user.is_disabled and user.email.endswith("@erased.invalid") and user.name != "Rut Raderad"
    proof = db.session.scalars(sa.select(PrivacyRequest).where(PrivacyRequest.kind == "erasure")).one()
    assert (proof.state, proof.name, proof.email, proof.user_id) == ("answered", "", "", None)
    assert "erasure.execute" in db.session.scalars(sa.select(AuditEvent.action)).all()


def test_the_receipt_is_only_in_the_erasing_browser(client):
    assert client.get("/privacy/erasure/done").status_code == 404
    assert client.get("/privacy/erasure/receipt.json").status_code == 404


def test_a_legal_hold_is_shown_and_the_request_can_go_to_staff(login_as):
    person = login_as("consultant")
    db.session.add(LegalHold(user_id=person.user.id, reason="Secret dispute details",
                             until=date.today() + timedelta(30)))
    db.session.commit()
    page = person.get("/privacy/erasure", headers=EN).get_data(as_text=True)
    assert "Erasure is not possible right now" in page and "A legal hold" in page
    assert "Secret dispute details" not in page and 'id="erase-now"' not in page and 'id="erasure-to-staff"' in page
    refused = person.post("/privacy/erasure", data={"password": factories.PASSWORD, "confirm": "y"}, headers=EN)
    assert refused.status_code == 422 and "A legal hold" in refused.get_data(as_text=True)
    assert not db.session.get(User, person.user.id).is_disabled
    sent = person.post("/privacy/requests", data={"kind": "erasure"})
    assert sent.status_code == 303
    assert db.session.scalars(sa.select(PrivacyRequest)).one().state == "verified"


@pytest.mark.parametrize("role", ROLES)
def test_nobody_reaches_another_persons_erasure_request(login_as, role):
    owner, other = login_as(role), login_as(role)
    assert owner.post("/privacy/requests", data={"kind": "erasure"}).status_code == 303
    request = db.session.scalars(sa.select(PrivacyRequest)).one()
    assert other.get(f"/privacy/requests/{request.id}").status_code == 404
    assert other.post(f"/privacy/requests/{request.id}/messages", data={"body": "x"}).status_code == 404
    # The erasure pages act on the signed-in person only: the other's erasure leaves the owner untouched.
    assert other.post("/privacy/erasure", data={"password": factories.PASSWORD, "confirm": "y"}).status_code == 303
    assert not db.session.get(User, owner.user.id).is_disabled
    assert other.get("/privacy/erasure/done").status_code == 200
    assert owner.get("/privacy/erasure/done").status_code == 404
    recruiter = login_as("staff", staff_roles="recruiter")
    assert recruiter.post(f"/staff/privacy-requests/{request.id}/erase").status_code == 403
    assert owner.post(f"/staff/privacy-requests/{request.id}/erase").status_code == 403
    officer = login_as("staff", staff_roles="privacy_officer")
    assert officer.post("/staff/privacy-requests/999999/erase").status_code == 404
    assert officer.get("/staff/erasure-queue/999999").status_code == 404


def _link(mail: OutboxMail) -> str:
    return re.search(r"http://\S+/privacy/ask/confirm/(\S+)", mail.body_text).group(0)


def test_a_visitor_request_is_started_erased_and_answered_by_staff(client, login_as, smtp, csrf_off):
    person = factories.make_user("consultant", name="Vide Visitor", email="vide@example.se")
    db.session.commit()
    client.post("/privacy/ask", data={"name": "Vide Visitor", "email": "vide@example.se", "kind": "erasure"},
                headers=EN)
    client.post(_link(db.session.scalars(sa.select(OutboxMail)).one()))
    request = db.session.scalars(sa.select(PrivacyRequest)).one()
    assert request.user_id == person.id
    officer = login_as("staff", staff_roles="privacy_officer")
    assert officer.post(f"/staff/privacy-requests/{request.id}/start").status_code == 303
    page = officer.get(f"/staff/privacy-requests/{request.id}", headers=EN).get_data(as_text=True)
    assert 'id="erasure-section"' in page and "Deleted now" in page and "Erase now and send the receipt" in page
    assert officer.post(f"/staff/privacy-requests/{request.id}/erase").status_code == 303
    db.session.refresh(request)
    assert (request.state, request.name, request.email) == ("answered", "", "")
    assert "Deleted:" in request.messages[0].body and "Vide" not in request.messages[0].body
    messages = smtp.wait_for(2)
    assert messages[-1]["To"] == "vide@example.se"
    assert db.session.get(User, person.id).is_disabled
    assert _outbox_to("vide@example.se") == 0


def test_a_visitor_without_an_account_has_the_address_data_erased(client, login_as, csrf_off):
    client.post("/privacy/ask", data={"name": "Nora Noacct", "email": "nora@example.se", "kind": "erasure"})
    client.post(_link(db.session.scalars(sa.select(OutboxMail)).one()))
    request = db.session.scalars(sa.select(PrivacyRequest)).one()
    officer = login_as("staff", staff_roles="privacy_officer")
    officer.post(f"/staff/privacy-requests/{request.id}/start")
    assert officer.post(f"/staff/privacy-requests/{request.id}/erase").status_code == 303
    db.session.refresh(request)
    assert (request.state, request.name, request.email) == ("answered", "", "")
    assert _outbox_to("nora@example.se") == 0


def test_a_blocked_request_cannot_be_erased_by_staff(login_as):
    person = login_as("consultant")
    person.post("/privacy/requests", data={"kind": "erasure"})
    request = db.session.scalars(sa.select(PrivacyRequest)).one()
    db.session.add(LegalHold(user_id=person.user.id, reason="Claim"))
    db.session.commit()
    officer = login_as("staff", staff_roles="privacy_officer")
    officer.post(f"/staff/privacy-requests/{request.id}/start")
    page = officer.get(f"/staff/privacy-requests/{request.id}", headers=EN).get_data(as_text=True)
    assert "A legal hold" in page and "Erase now and send the receipt" not in page
    officer.post(f"/staff/privacy-requests/{request.id}/erase")
    db.session.refresh(request)
    assert request.state == "in_progress" and not db.session.get(User, person.user.id).is_disabled


def _queued(name="Kim Quit", email="kim.quit@example.se") -> ErasureQueueItem:
    admin = factories.make_user("supplier")
    organisation = admin.memberships[0].organisation
    leaver = factories.make_user("supplier", organisation=organisation, is_admin=False, name=name, email=email)
    db.session.flush()
    item = representatives.end(Actor(user=admin), leaver.memberships[0])
    db.session.commit()
    return item


def test_staff_see_the_queue_item_plan_and_erase_it(app, login_as):
    item = _queued()
    officer = login_as("staff", staff_roles="privacy_officer")
    queue = officer.get("/staff/erasure-queue", headers=EN).get_data(as_text=True)
    assert f"/staff/erasure-queue/{item.id}" in queue
    page = officer.get(f"/staff/erasure-queue/{item.id}", headers=EN).get_data(as_text=True)
    assert "Kim Quit" in page and "Kept, why and until when" in page and "Security log" in page
    assert officer.post(f"/staff/erasure-queue/{item.id}/erase").status_code == 303
    db.session.refresh(item)
    assert item.state == "done" and item.user_id is None
    admin_staff = login_as("staff", staff_roles="admin")
    assert admin_staff.get(f"/staff/erasure-queue/{item.id}").status_code == 403


def test_the_cli_erases_due_items_only(app):
    due, later = _queued(), _queued("Lo Later", "lo.later@example.se")
    due.due_at = utcnow() - timedelta(days=1)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["privacy", "process-erasures"])
    assert "erased 1 queued people; 0 blocked" in result.output
    db.session.expire_all()
    assert db.session.get(ErasureQueueItem, due.id).state == "done"
    assert db.session.get(ErasureQueueItem, later.id).state == "pending"


def test_legal_holds_are_placed_and_lifted_by_the_privacy_officer(login_as):
    person = login_as("buyer", email="held@example.se")
    officer = login_as("staff", staff_roles="privacy_officer")
    assert officer.get("/staff/legal-holds", headers=EN).status_code == 200
    bad = officer.post("/staff/legal-holds", data={"email": "nobody@example.se", "reason": "x"}, headers=EN)
    assert bad.status_code == 422 and "No account has this e-mail address." in bad.get_data(as_text=True)
    past = officer.post("/staff/legal-holds", data={"email": "held@example.se", "reason": "Claim",
                                                    "until": "2001-01-01"}, headers=EN)
    assert past.status_code == 422
    placed = officer.post("/staff/legal-holds", data={"email": "held@example.se", "reason": "Claim by a client"})
    assert placed.status_code == 303
    hold = db.session.scalars(sa.select(LegalHold)).one()
    assert hold.user_id == person.user.id and hold.placed_by_id == officer.user.id
    assert "Claim by a client" in officer.get("/staff/legal-holds").get_data(as_text=True)
    assert login_as("staff", staff_roles="recruiter").get("/staff/legal-holds").status_code == 403
    assert officer.post(f"/staff/legal-holds/{hold.id}/lift").status_code == 303
    db.session.refresh(hold)
    assert hold.lifted_at is not None
    assert {"legal_hold.place", "legal_hold.lift"} <= set(db.session.scalars(sa.select(AuditEvent.action)))
