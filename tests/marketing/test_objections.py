"""R-LI: every legitimate-interest purpose has an effect in code when the person objects (issue 14, finding 3)."""
from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.models import CommunicationPreference, ConsentRequest, MarketingObjection, PrivacyRequest
from portal.services.actors import Actor
from portal.services.privacy import legitimate_interests, marketing, privacy_requests
from tests.shortlists.conftest import pick, scene  # noqa: F401  (the shortlist scene fixture)

EN = {"Accept-Language": "en"}


def test_every_purpose_has_a_written_effect():
    assert all(str(p.effect) for p in legitimate_interests.PURPOSES)
    assert {"marketing", "assignment_contact"} <= {p.code for p in legitimate_interests.PURPOSES}


def test_objecting_to_assignment_contact_stops_interest_questions_at_once(scene):  # noqa: F811
    klara = scene.consultant.user
    entry = pick(scene, klara)
    response = scene.consultant.post("/privacy/object", data={"purpose": "assignment_contact"}, headers=EN)
    assert response.status_code == 303
    case = db.session.scalars(sa.select(PrivacyRequest)).one()
    assert (case.kind, case.purpose, case.state) == ("objection", "assignment_contact", "verified")

    page = scene.staff.get(f"/staff/assignments/{scene.assignment.id}/shortlist", headers=EN).get_data(as_text=True)
    assert f'id="no-contact-{entry.id}"' in page and "cannot be asked" in page
    refused = scene.staff.post(f"/staff/shortlist/{entry.id}/ask-interest", headers=EN)
    assert refused.status_code == 422 and "objected to being contacted about assignments" in refused.get_data(
        as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(ConsentRequest.id))) == 0

    # The privacy officer weighs it; a refusal (our grounds prevail) lifts the stop, an answer keeps it.
    officer = Actor(user=scene.staff.user)
    privacy_requests.refuse(officer, case, "no_overriding_reason", "We need to reach you about your assignment.")
    db.session.commit()
    assert legitimate_interests.may_contact_about_assignments(klara.id)
    assert scene.staff.post(f"/staff/shortlist/{entry.id}/ask-interest").status_code == 303


def test_an_upheld_objection_keeps_the_stop(scene):  # noqa: F811
    klara = scene.consultant.user
    scene.consultant.post("/privacy/object", data={"purpose": "assignment_contact"})
    case = db.session.scalars(sa.select(PrivacyRequest)).one()
    privacy_requests.answer(Actor(user=scene.staff.user), case, "We will not contact you about assignments.")
    db.session.commit()
    assert not legitimate_interests.may_contact_about_assignments(klara.id)


def test_objecting_to_marketing_stops_every_topic_and_measurement(login_as):
    person = login_as("buyer")
    assert all(marketing.choices(person.user).values())
    assert legitimate_interests.may_measure(person.user)
    assert person.post("/privacy/object", data={"purpose": "marketing"}).status_code == 303
    db.session.expire_all()
    assert not any(marketing.choices(person.user).values())
    row = db.session.get(CommunicationPreference, person.user.id)
    assert (row.newsletters, row.events, row.offers, row.surveys) == (False, False, False, False)  # one truth
    assert not legitimate_interests.may_measure(person.user)
    assert db.session.scalar(sa.select(sa.func.count(PrivacyRequest.id))) == 0  # no case: Art. 21(3)


def test_other_purposes_open_a_case_and_hold_the_processing(login_as):
    person = login_as("consultant")
    for code in ("improve_services", "fraud_prevention", "security", "usage_analysis", "campaign_measurement"):
        assert not legitimate_interests.objects_to(person.user, code)
        response = person.post("/privacy/object", data={"purpose": code, "details": "Please stop."}, headers=EN)
        assert response.status_code == 303
        assert legitimate_interests.objects_to(person.user, code)
    cases = db.session.scalars(sa.select(PrivacyRequest).order_by(PrivacyRequest.id)).all()
    assert [c.state for c in cases] == ["verified"] * 5
    assert legitimate_interests.objected_purposes(person.user.id) == {
        "improve_services", "fraud_prevention", "security", "usage_analysis", "campaign_measurement"}
    assert not legitimate_interests.may_measure(person.user)  # campaign measurement is held at once
    page = person.get("/privacy/", headers=EN).get_data(as_text=True)
    assert 'id="objected-usage_analysis"' in page and 'id="object-usage_analysis"' not in page
    assert marketing.may_send_marketing(person.user)  # marketing itself is untouched


def test_re_opting_in_after_an_objection_needs_an_explicit_act(login_as):
    person = login_as("partner")
    person.post("/privacy/object", data={"purpose": "marketing"})
    response = person.post("/marketing/choices", data={"events": "y"}, headers=EN)
    assert response.status_code == 422 and "confirm" in response.get_data(as_text=True)
    assert not marketing.choices(person.user)["events"]
    # The organisation's contact page cannot tick it back either.
    response = person.post("/partner/contact-details", data={"name": "P", "events": "y"}, headers=EN)
    assert response.status_code == 422
    assert db.session.scalar(sa.select(MarketingObjection.id)) is not None
    assert person.post("/marketing/choices", data={"events": "y", "confirm": "y"}).status_code == 303
    db.session.expire_all()
    assert marketing.choices(person.user) == {"newsletter": False, "events": True, "offers": False, "surveys": False}
    assert db.session.scalar(sa.select(MarketingObjection.id)) is None


def test_choices_page_is_for_people_and_validates(login_as, client):
    person = login_as("consultant")
    page = person.get("/marketing/choices", headers=EN)
    assert page.status_code == 200 and 'name="newsletter"' in page.get_data(as_text=True)
    assert person.post("/marketing/choices", data={"offers": "y"}).status_code == 303
    db.session.expire_all()
    assert marketing.choices(person.user) == {"newsletter": False, "events": False, "offers": True, "surveys": False}
    assert login_as("staff", staff_roles="admin").get("/marketing/choices").status_code == 403
    assert client.get("/marketing/choices").status_code in (302, 303)


def test_the_choices_page_speaks_swedish(login_as):
    person = login_as("consultant", locale="sv")
    page = person.get("/marketing/choices").get_data(as_text=True)
    assert "Val för marknadsföring" in page and "Inbjudningar till evenemang" in page
