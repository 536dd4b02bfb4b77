"""The profile's single-form sections: save, refuse bad input with nothing stored (R-CON-6, R-CON-8)."""
from __future__ import annotations

import json
from datetime import datetime

import sqlalchemy as sa

from portal.extensions import db
from portal.models import SensitiveDataRefusal, AuditEvent, ConsultantProfile, OutboxMail, User
from tests.conftest import hx
from tests.profiles.helpers import VALID_BANKGIRO, VALID_PNR, profile_of

EN = {"Accept-Language": "en"}


def _profile(user) -> ConsultantProfile:
    db.session.expire_all()
    return profile_of(user)


def test_profile_page_shows_every_section(login_as):
    consultant = login_as("consultant")
    html = consultant.get("/consultant/profile", headers=EN).get_data(as_text=True)
    for section in ("contact", "identity", "payment", "competence", "availability", "references", "exclusions",
                    "attachments", "linkedin"):
        assert f'id="section-{section}"' in html
    assert 'id="completeness-meter"' in html


def test_identity_saves_and_encrypts_personnummer(login_as):
    consultant = login_as("consultant")
    response = consultant.post("/consultant/profile/identity", data={
        "personnummer": "811218-9876", "date_of_birth": "1981-12-18", "gender": "undisclosed",
        "citizenship": "SE", "work_permit": "not_needed"})
    assert response.status_code == 303
    profile = _profile(consultant.user)
    assert VALID_PNR not in (profile.personnummer_encrypted or "")
    raw = db.session.execute(sa.text("SELECT personnummer_encrypted FROM consultant_profiles")).scalar_one()
    assert "9876" not in raw and "811218" not in raw
    from portal.services.profiles import sections

    assert sections.personnummer(profile) == VALID_PNR
    assert profile.gender == "undisclosed"


def test_coordination_number_is_accepted(login_as):
    consultant = login_as("consultant")
    from stdnum import luhn

    digits = "811278" + "987"  # day 18 + 60
    number = f"19{digits[:6]}-{digits[6:]}{luhn.calc_check_digit(digits)}"
    assert consultant.post("/consultant/profile/identity", data={"personnummer": number}).status_code == 303


def test_invalid_personnummer_is_refused_and_nothing_changes(login_as):
    consultant = login_as("consultant")
    response = consultant.post("/consultant/profile/identity", data={"personnummer": "19811218-9875",
                                                                      "citizenship": "SE"}, headers=EN)
    assert response.status_code == 422
    assert "not a valid personnummer" in response.get_data(as_text=True)
    assert _profile(consultant.user).citizenship is None


def test_date_of_birth_must_match_personnummer(login_as):
    consultant = login_as("consultant")
    response = consultant.post("/consultant/profile/identity", data={"personnummer": VALID_PNR,
                                                                      "date_of_birth": "1981-12-19"}, headers=EN)
    assert response.status_code == 422
    assert "does not match the personnummer" in response.get_data(as_text=True)
    assert _profile(consultant.user).personnummer_encrypted is None


def test_payment_wrong_bankgiro_checksum_is_refused(login_as):
    consultant = login_as("consultant")
    response = consultant.post("/consultant/profile/payment", data={"bankgiro": "5050-1056", "f_tax": "F"},
                               headers=EN)
    assert response.status_code == 422
    assert "not a valid bankgiro number" in response.get_data(as_text=True)
    assert _profile(consultant.user).f_tax is None


def test_payment_saves_encrypted_bankgiro_and_org_number(login_as):
    consultant = login_as("consultant")
    response = consultant.post("/consultant/profile/payment", data={
        "bankgiro": "50501055", "f_tax": "F", "company_name": "Maja AB", "company_org_number": "556036-0793"})
    assert response.status_code == 303
    profile = _profile(consultant.user)
    assert "5050" not in profile.bankgiro_encrypted
    from portal.services.profiles import sections

    assert sections.bankgiro(profile) == VALID_BANKGIRO
    assert profile.company_org_number == "5560360793"


def test_bad_org_number_is_refused(login_as):
    consultant = login_as("consultant")
    response = consultant.post("/consultant/profile/payment", data={"company_name": "X AB",
                                                                     "company_org_number": "556036-0794"})
    assert response.status_code == 422


def test_sensitive_summary_is_refused_nothing_stored_and_counted(login_as):
    consultant = login_as("consultant")
    response = consultant.post("/consultant/profile/competence", data={
        "title": "Developer", "summary": "I was on sick leave for burnout in 2020."}, headers=EN)
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "Summary" in text and "health or illness" in text
    profile = _profile(consultant.user)
    assert profile.title is None and profile.summary is None
    refusal = db.session.scalar(sa.select(SensitiveDataRefusal))
    assert refusal is not None and (refusal.kind, refusal.field) == ("health", "summary")


def test_ordinary_professional_text_is_accepted(login_as):
    consultant = login_as("consultant")
    response = consultant.post("/consultant/profile/competence", data={
        "title": "Architect", "summary": "Ten years of experience in the health-care sector and banking."})
    assert response.status_code == 303
    assert _profile(consultant.user).summary.startswith("Ten years")


def test_htmx_save_returns_only_the_section_and_the_meter(login_as):
    consultant = login_as("consultant")
    response = consultant.post("/consultant/profile/availability", headers=hx(**EN), data={
        "available_from": "2027-01-01", "extent": "80", "remote": "hybrid", "region": "Stockholm",
        "hourly_rate": "950"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith('<section id="section-availability"')
    assert 'id="section-contact"' not in html and "<html" not in html
    assert 'hx-swap-oob="true"' in html and "Saved: Availability and terms." in html
    assert "HX-Request" in response.headers["Vary"]


def test_htmx_invalid_returns_422_with_the_section(login_as):
    consultant = login_as("consultant")
    response = consultant.post("/consultant/profile/availability", headers=hx(), data={"extent": "150"})
    assert response.status_code == 422
    assert response.get_data(as_text=True).lstrip().startswith('<section id="section-availability"')


def test_every_save_updates_activity_and_writes_audit(login_as):
    consultant = login_as("consultant")
    user = db.session.get(User, consultant.user.id)
    user.last_active_at = datetime(2020, 1, 1)
    db.session.commit()
    consultant.post("/consultant/profile/competence", data={"title": "Developer", "summary": ""})
    db.session.expire_all()
    assert db.session.get(User, consultant.user.id).last_active_at > datetime(2024, 1, 1)
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "profile.update"))
    assert event.subject_id == consultant.user.id and json.loads(event.detail) == {"section": "competence"}


def test_contact_email_change_needs_confirmation_from_the_new_address(login_as, client):
    consultant = login_as("consultant", name="Maja")
    old = consultant.user.email
    response = consultant.post("/consultant/profile/contact", data={
        "name": "Maja Mätare", "email": "Maja.New@Example.se", "phone": "+46 70 123 45 67",
        "street": "Gatan 1", "postal_code": "111 22", "city": "Stockholm", "country": "SE"})
    assert response.status_code == 303
    db.session.expire_all()
    user = db.session.get(User, consultant.user.id)
    assert user.email == old and user.name == "Maja Mätare"
    mail = db.session.scalar(sa.select(OutboxMail).where(OutboxMail.to_address == "maja.new@example.se"))
    link = next(word for word in mail.body_text.split() if "/consultant/profile/email/" in word)
    path = link.split("localhost", 1)[-1]
    assert consultant.get(path).status_code == 200  # a GET only shows the button
    assert db.session.get(User, consultant.user.id).email == old
    assert consultant.post(path).status_code == 303
    db.session.expire_all()
    assert db.session.get(User, consultant.user.id).email == "maja.new@example.se"
    assert consultant.post(path).status_code == 400  # single use


def test_email_change_to_an_address_in_use_is_refused(login_as, make_user):
    other = make_user(email="taken@example.se")
    consultant = login_as("consultant")
    response = consultant.post("/consultant/profile/contact", data={"name": "X", "email": other.email})
    assert response.status_code == 422
    assert db.session.scalar(sa.select(sa.func.count(OutboxMail.id))) == 0
