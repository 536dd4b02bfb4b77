"""The signed-in person's privacy centre: rights, own requests, objections (R-RIGHTS, R-LI)."""
import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import MarketingObjection, OutboxMail, PrivacyMessage, PrivacyRequest
from portal.services.privacy import marketing, privacy_requests
from portal.services.actors import SYSTEM
from tests import factories

EN = {"Accept-Language": "en"}
ROLES = [("consultant", {}), ("buyer", {}), ("supplier", {}), ("partner", {}),
         ("staff", {"staff_roles": "recruiter"}), ("staff", {"staff_roles": "privacy_officer"})]


def test_the_centre_shows_rights_purposes_requests_and_the_complaint_route(login_as):
    person = login_as("consultant")
    page = person.get("/privacy/", headers=EN).get_data(as_text=True)
    for kind in ("access", "portability", "rectification", "erasure", "restriction", "human_review"):
        assert f'id="right-{kind}"' in page
    for code in ("improve_services", "fraud_prevention", "security", "usage_analysis", "assignment_contact",
                 "campaign_measurement", "marketing"):
        assert f'id="object-{code}"' in page
    assert "Integritetsskyddsmyndigheten (IMY)" in page and "dataprotection@customersonly.com" in page
    assert "/auth/account" in page and "/cookies" in page  # the self-service rights link there


@pytest.mark.parametrize("role, fields", ROLES)
def test_each_role_opens_a_verified_request_and_reads_and_answers_it(login_as, role, fields):
    person = login_as(role, **fields)
    response = person.post("/privacy/requests", data={"kind": "access"}, headers=EN)
    assert response.status_code == 303
    request = db.session.scalars(sa.select(PrivacyRequest)).one()
    assert (request.user_id, request.state, request.kind) == (person.user.id, "verified", "access")
    assert response.headers["Location"].endswith(f"/privacy/requests/{request.id}")
    listing = person.get("/privacy/", headers=EN).get_data(as_text=True)
    assert f"/privacy/requests/{request.id}" in listing
    assert person.post(f"/privacy/requests/{request.id}/messages", data={"body": "Also my logs."}).status_code == 303
    detail = person.get(f"/privacy/requests/{request.id}", headers=EN).get_data(as_text=True)
    assert "Also my logs." in detail


@pytest.mark.parametrize("role, fields", ROLES)
def test_nobody_sees_or_answers_another_persons_request(login_as, role, fields):
    someone = factories.make_user(role="consultant")
    theirs = privacy_requests.open_for_user(SYSTEM, someone, "erasure", "secret reasons")
    visitors = PrivacyRequest(kind="access", state="verified", name="V", email="v@example.se", details="",
                              received_on=theirs.received_on, deadline=theirs.deadline)
    db.session.add(visitors)
    db.session.commit()
    person = login_as(role, **fields)
    for foreign in (theirs.id, visitors.id, 999999):
        assert person.get(f"/privacy/requests/{foreign}").status_code == 404
        assert person.post(f"/privacy/requests/{foreign}/messages", data={"body": "hi"}).status_code == 404
    assert "secret reasons" not in person.get("/privacy/", headers=EN).get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(PrivacyMessage.id))) == 0


@pytest.mark.parametrize("data", [{"kind": "telepathy"}, {"kind": ""}, {}, {"kind": "objection"},
                                  {"kind": "access", "details": "x" * 4001}])
def test_a_bad_request_type_is_a_422_and_nothing_stored(login_as, data):
    person = login_as("consultant")
    assert person.post("/privacy/requests", data=data, headers=EN).status_code == 422
    assert db.session.scalar(sa.select(sa.func.count(PrivacyRequest.id))) == 0


def test_an_empty_or_too_long_message_is_a_422(login_as):
    person = login_as("buyer")
    person.post("/privacy/requests", data={"kind": "rectification"})
    request_id = db.session.scalars(sa.select(PrivacyRequest.id)).one()
    for body in ("", "   ", "x" * 4001):
        response = person.post(f"/privacy/requests/{request_id}/messages", data={"body": body}, headers=EN)
        assert response.status_code == 422 and 'id="body-error"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(PrivacyMessage.id))) == 0


def test_objecting_to_marketing_is_immediate_and_the_mail_path_respects_it(login_as):
    person = login_as("buyer")
    assert marketing.may_send_marketing(person.user)
    assert marketing.send(person.user, "News", "marketing_news", text="Our autumn event") is not None
    response = person.post("/privacy/object", data={"purpose": "marketing"}, headers=EN)
    assert response.status_code == 303
    assert db.session.scalars(sa.select(MarketingObjection.user_id)).one() == person.user.id
    assert not marketing.may_send_marketing(person.user)
    assert marketing.send(person.user, "News", "marketing_news", text="Our winter event") is None
    assert db.session.scalar(sa.select(sa.func.count(OutboxMail.id))) == 1
    # No case for staff: the objection to marketing needs no one's decision.
    assert db.session.scalar(sa.select(sa.func.count(PrivacyRequest.id))) == 0
    page = person.get("/privacy/", headers=EN).get_data(as_text=True)
    assert 'id="marketing-objected"' in page and 'id="object-marketing"' not in page
    assert person.post("/privacy/object", data={"purpose": "marketing"}).status_code == 303  # idempotent
    assert db.session.scalar(sa.select(sa.func.count(MarketingObjection.id))) == 1


def test_objecting_to_another_purpose_opens_a_case_for_staff(login_as):
    person = login_as("consultant")
    response = person.post("/privacy/object", data={"purpose": "usage_analysis", "details": "I dislike it."})
    assert response.status_code == 303
    request = db.session.scalars(sa.select(PrivacyRequest)).one()
    assert (request.kind, request.purpose, request.state) == ("objection", "usage_analysis", "verified")
    assert marketing.may_send_marketing(person.user)


def test_an_unknown_purpose_is_a_422(login_as):
    person = login_as("consultant")
    assert person.post("/privacy/object", data={"purpose": "astrology"}, headers=EN).status_code == 422
    assert db.session.scalar(sa.select(sa.func.count(PrivacyRequest.id))) == 0
