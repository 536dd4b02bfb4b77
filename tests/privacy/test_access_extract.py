"""The right of access (R-RIGHTS-2): the executor prepares an extract when staff press Start; the person
downloads it from their privacy centre (owner only), staff too (audited); and "Download my data" at once."""
from __future__ import annotations

import json
from datetime import date

import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, ConsultantProfile, PrivacyRequest
from portal.services.privacy import access_extract, privacy_requests

EN = {"Accept-Language": "en"}


def _actions(user_id: int) -> set[str]:
    return set(db.session.scalars(sa.select(AuditEvent.action).where(AuditEvent.subject_id == user_id)))


def _with_profile(portal, city: str):
    db.session.add(ConsultantProfile(user_id=portal.user.id, city=city, title="Tester"))
    db.session.commit()
    return portal


def test_the_executor_is_registered_by_the_app_factory(app):
    assert privacy_requests.EXECUTORS["access"] is access_extract.prepare


def test_start_prepares_the_extract_and_the_owner_downloads_it(login_as):
    person = _with_profile(login_as("consultant", name="Asta Access", email="asta@example.se"), "Kiruna")
    other = _with_profile(login_as("consultant", name="Olle Other", email="olle@example.se"), "Ystad")
    officer = login_as("staff", staff_roles="privacy_officer")
    assert person.post("/privacy/requests", data={"kind": "access"}).status_code == 303
    request = db.session.scalars(sa.select(PrivacyRequest)).one()
    assert person.get(f"/privacy/requests/{request.id}/extract.json").status_code == 404  # not prepared yet

    assert officer.post(f"/staff/privacy-requests/{request.id}/start").status_code == 303
    db.session.refresh(request)
    assert request.extract_json and f"/privacy/requests/{request.id}/extract.json" in request.prepared_answer
    page = person.get(f"/privacy/requests/{request.id}", headers=EN).get_data(as_text=True)
    assert 'id="extract-link"' in page

    response = person.get(f"/privacy/requests/{request.id}/extract.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    extract = response.get_json()
    text = response.get_data(as_text=True)
    assert extract["person"]["email"] == "asta@example.se"
    assert "Kiruna" in text and "Ystad" not in text and "olle@example.se" not in text and "Olle Other" not in text
    profile = next(c for c in extract["categories"] if c["category"] == "consultant_profiles")
    assert profile["legal_basis"] and profile["retention"] and profile["recipients"] and profile["purpose"]
    assert "privacy_request.extract_download" in _actions(person.user.id)

    assert other.get(f"/privacy/requests/{request.id}/extract.json").status_code == 404  # not the owner
    staff_copy = officer.get(f"/staff/privacy-requests/{request.id}/extract.json")
    assert staff_copy.status_code == 200 and staff_copy.get_json()["person"]["id"] == person.user.id
    events = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.actor_id == officer.user.id,
                                                            AuditEvent.action == "person.view")).all()
    assert any(e.subject_id == person.user.id for e in events)
    assert officer.get("/staff/privacy-requests/999999/extract.json").status_code == 404


def test_a_visitor_request_gets_no_automatic_extract(app, login_as):
    from portal.services.actors import SYSTEM
    officer = login_as("staff", staff_roles="privacy_officer")
    request = privacy_requests.submit_from_visitor(SYSTEM, name="Vera Visitor", email="vera@example.se",
                                                   kind="access", details=None, locale="en",
                                                   link_for=lambda token: f"http://localhost/v/{token}")
    request.state = "verified"
    db.session.commit()
    assert officer.post(f"/staff/privacy-requests/{request.id}/start").status_code == 303
    db.session.refresh(request)
    assert request.extract_json is None and request.prepared_answer is None
    assert officer.get(f"/staff/privacy-requests/{request.id}/extract.json").status_code == 404


def test_download_my_data_returns_only_my_rows_and_is_audited(login_as):
    person = _with_profile(login_as("consultant", name="Mira Mine", email="mira@example.se"), "Luleå")
    other = _with_profile(login_as("consultant", name="Tore Their", email="tore@example.se"), "Malmö")
    response = person.post("/privacy/my-data.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and date.today().isoformat() in disposition
    text = response.get_data(as_text=True)
    assert "mira@example.se" in text and "Luleå" in text
    assert "tore@example.se" not in text and "Tore Their" not in text and "Malmö" not in text
    assert json.loads(text)["person"]["id"] == person.user.id
    assert "personal_data.download" in _actions(person.user.id)
    assert "personal_data.download" not in _actions(other.user.id)
    page = person.get("/privacy/", headers=EN).get_data(as_text=True)
    assert 'id="download-my-data"' in page


def test_download_needs_a_signed_in_person_and_the_form_token(client):
    response = client.post("/privacy/my-data.json")
    assert response.status_code in (302, 303, 400, 401) and response.mimetype != "application/json"
    assert db.session.scalar(sa.select(sa.func.count(AuditEvent.id)).where(
        AuditEvent.action == "personal_data.download")) == 0
