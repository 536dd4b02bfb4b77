"""Registration stores which policy and terms version the person met, and when; a new policy version is
shown once at the next sign-in; new consultant terms are accepted before going on (R-POLICY-1, 2)."""
from __future__ import annotations

import shutil

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import DocumentAcceptance, User
from portal.services.actors import SYSTEM
from portal.services.organisations import onboarding
from portal.services.privacy import access_extract, acceptances, erasure, personal_data
from tests import factories
from tests.conftest import sign_in

EN = {"Accept-Language": "en"}
PASSWORD = "a long enough password"


def _rows(user) -> list[tuple[str, int, str]]:
    return [(r.document, r.version, r.way) for r in db.session.scalars(
        sa.select(DocumentAcceptance).where(DocumentAcceptance.user_id == user.id)
        .order_by(DocumentAcceptance.document))]


def _user(email: str) -> User:
    return db.session.scalar(sa.select(User).where(User.email == email))


def test_a_consultant_registering_accepts_the_terms_and_is_shown_the_policy(client, csrf_off):
    response = client.post("/auth/register", headers=EN, data={
        "name": "Maja Konsult", "email": "maja@example.se", "password": PASSWORD, "confirm": PASSWORD,
        "accept_terms": "y"})
    assert response.status_code == 303
    user = _user("maja@example.se")
    assert _rows(user) == [("consultant_terms", 1, "registration"), ("privacy_policy", 2, "registration")]
    row = db.session.scalar(sa.select(DocumentAcceptance).where(DocumentAcceptance.document == "privacy_policy"))
    assert row.published.isoformat() == "2026-12-03" and row.accepted_at is not None


def test_registration_without_the_tick_stores_nothing(client, csrf_off):
    response = client.post("/auth/register", headers=EN, data={
        "name": "Maja Konsult", "email": "maja@example.se", "password": PASSWORD, "confirm": PASSWORD})
    assert response.status_code == 422 and "tick the box" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(DocumentAcceptance.id))) == 0


def test_the_registration_page_links_the_terms_and_the_policy(client):
    html = client.get("/auth/register", headers=EN).get_data(as_text=True)
    assert 'href="/auth/terms/consultants"' in html and 'href="/privacy-policy"' in html
    assert "I accept the terms for consultants and have read the privacy policy" in html


def test_an_organisation_representative_is_shown_the_policy_only(client, csrf_off):
    response = client.post("/auth/register/organisation", headers=EN, data={
        "kind": "buyer", "organisation_name": "Köp AB", "org_number": factories.org_number(), "name": "Kim Köpare",
        "job_title": "Inköpschef", "email": "kim@kop.se", "password": PASSWORD, "confirm": PASSWORD,
        "accept_terms": "y"})
    assert response.status_code == 303
    assert _rows(_user("kim@kop.se")) == [("privacy_policy", 2, "organisation_registration")]


def test_an_invited_representative_is_recorded_as_shown_the_policy(client, csrf_off):
    organisation = factories.make_organisation()
    tokens = []
    onboarding.invite(SYSTEM, organisation, "ny@example.se", is_admin=False,
                      link_for=lambda token: tokens.append(token) or f"http://x/{token}")
    db.session.commit()
    page = client.get(f"/auth/invitation/{tokens[0]}", headers=EN).get_data(as_text=True)
    assert 'href="/privacy-policy"' in page
    response = client.post(f"/auth/invitation/{tokens[0]}", data={
        "name": "Nina Ny", "job_title": "Inköpare", "password": PASSWORD, "confirm": PASSWORD})
    assert response.status_code == 303
    assert _rows(_user("ny@example.se")) == [("privacy_policy", 2, "invitation")]


def test_an_account_without_a_record_is_told_of_the_policy_once_at_sign_in(app, client, csrf_off):
    user = factories.make_user(role="buyer")
    db.session.commit()
    sign_in(client, user)
    html = client.get("/buyer/", headers=EN, follow_redirects=True).get_data(as_text=True)
    # Signed in without a language: the notice is in Swedish, the site's default.
    assert "Vi har publicerat version 2 av vår integritetspolicy, som gäller från 3 dec. 2026." in html
    assert '<a href="/privacy-policy">Läs vad som har ändrats</a>' in html
    assert _rows(user) == [("privacy_policy", 2, "sign_in_notice")]
    client.post("/auth/logout")
    sign_in(client, user)
    again = client.get("/buyer/", headers=EN, follow_redirects=True).get_data(as_text=True)
    assert "Vi har publicerat version" not in again
    assert db.session.scalar(sa.select(sa.func.count(DocumentAcceptance.id))) == 1


def test_a_newer_policy_is_shown_to_someone_who_registered_under_the_older(app, client, tmp_path, repo_root,
                                                                         csrf_off):
    user = factories.make_user(role="consultant")
    acceptances.at_registration(SYSTEM, user, "registration")
    db.session.commit()
    for path in (repo_root / "portal" / "content").glob("policy-*"):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "policy-2027-06-01.sv.txt").write_text("## Version 3\n\nNy text.", encoding="utf-8")
    app.config["POLICY_DIR"] = str(tmp_path)
    sign_in(client, user)
    html = client.get("/consultant/", headers=EN, follow_redirects=True).get_data(as_text=True)
    assert "Vi har publicerat version 3 av vår integritetspolicy" in html
    assert ("privacy_policy", 3, "sign_in_notice") in _rows(user)


def test_the_account_page_says_what_was_accepted_and_when(login_as):
    person = login_as("consultant")
    acceptances.record(SYSTEM, person.user, "consultant_terms", "registration")
    db.session.commit()
    html = person.get("/auth/account", headers=EN).get_data(as_text=True)
    assert "You accepted version 1 of the terms for consultants on" in html
    assert "You were told of version 2 of the privacy policy when you signed in on" in html
    swedish = person.get("/auth/account", headers={"Accept-Language": "sv"}).get_data(as_text=True)
    assert "Du godkände version 1 av villkoren för konsulter" in swedish


def test_the_access_extract_and_erasure_cover_the_acceptances(app, login_as):
    person = login_as("consultant")
    user = person.user
    assert personal_data.collect(user)["document_acceptances"]
    extract = access_extract.build(user, locale="en")
    category = next(c for c in extract["categories"] if c["category"] == "document_acceptances")
    assert category["rows"][0]["version"] == 2 and category["purpose"] and category["legal_basis"]
    erasure.execute(SYSTEM, user)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count(DocumentAcceptance.id))) == 0


@pytest.fixture
def new_terms(app, tmp_path, repo_root):
    """The shipped documents and a version 2 of the consultant terms beside them."""
    for path in (repo_root / "portal" / "content").glob("*-2*"):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "consultant-terms-2027-01-01.sv.txt").write_text("## Villkor 2\n\nNya villkor.", encoding="utf-8")
    (tmp_path / "consultant-terms-2027-01-01.en.txt").write_text("## Terms 2\n\nNew terms.", encoding="utf-8")
    app.config["POLICY_DIR"] = str(tmp_path)


def _consultant_with_terms_1(app):
    app.config["POLICY_DIR"] = None
    user = factories.make_user(role="consultant")
    acceptances.at_registration(SYSTEM, user, "registration")
    db.session.commit()
    return user


def test_new_terms_are_accepted_before_going_on(app, client, tmp_path, repo_root, csrf_off):
    user = _consultant_with_terms_1(app)
    for path in (repo_root / "portal" / "content").glob("*-2*"):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "consultant-terms-2027-01-01.en.txt").write_text("## Terms 2\n\nNew terms.", encoding="utf-8")
    app.config["POLICY_DIR"] = str(tmp_path)
    login = sign_in(client, user)
    assert "/auth/terms/consultants?next=" in login.headers["Location"]
    blocked = client.get("/consultant/", headers=EN)
    assert blocked.status_code == 303 and "/auth/terms/consultants" in blocked.headers["Location"]
    page = client.get("/auth/terms/consultants", headers=EN).get_data(as_text=True)
    assert "New terms." in page and "I accept the terms" in page and "version 2" in page
    assert client.get("/privacy/", headers=EN).status_code == 200  # rights stay open meanwhile
    accepted = client.post("/auth/terms/consultants/accept", data={"next": "/consultant/"}, headers=EN)
    assert accepted.status_code == 303 and accepted.headers["Location"] == "/consultant/"
    assert ("consultant_terms", 2, "accepted") in _rows(user)
    assert client.get("/consultant/", headers=EN).status_code == 200


def test_the_terms_page_is_public_and_only_consultants_accept(app, client, login_as):
    page = client.get("/auth/terms/consultants", headers=EN).get_data(as_text=True)
    assert "Terms for consultants" in page and "I accept the terms" not in page
    assert client.post("/auth/terms/consultants/accept").status_code in (302, 303, 401)
    buyer = login_as("buyer")
    assert buyer.post("/auth/terms/consultants/accept").status_code == 404
    swedish = client.get("/auth/terms/consultants", headers={"Accept-Language": "sv"}).get_data(as_text=True)
    assert '<div lang="sv">' in swedish and "Villkor för konsulter" in swedish


def test_a_hostile_next_after_accepting_goes_home(app, client, tmp_path, repo_root, csrf_off, new_terms):
    app.config["POLICY_DIR"] = None
    user = _consultant_with_terms_1(app)
    new_terms_dir = tmp_path
    app.config["POLICY_DIR"] = str(new_terms_dir)
    sign_in(client, user)
    response = client.post("/auth/terms/consultants/accept", data={"next": "https://evil.example/"})
    assert response.status_code == 303 and "evil" not in response.headers["Location"]
