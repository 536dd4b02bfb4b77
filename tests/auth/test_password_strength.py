"""Passwords: length and strength (zxcvbn score ≥ 3), and the reason in the person's language
(issue 12, finding 8; ASVS 2.1.7)."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import User
from portal.services.accounts import password_strength
from tests import factories

FORM = {"name": "Maja Konsult", "email": "maja@example.se", "accept_terms": "y"}


@pytest.mark.parametrize("weak", ["aaaaaaaaaaaa", "123456789012", "password1234", "qwertyuiopås",
                                  "maja@example.se1", "Maja Konsult 1"])
def test_weak_passwords_are_refused_with_a_reason_in_both_languages(client, csrf_off, weak):
    data = {**FORM, "password": weak, "confirm": weak}
    english = client.post("/auth/register", data=data, headers={"Accept-Language": "en"})
    swedish = client.post("/auth/register", data=data, headers={"Accept-Language": "sv"})
    assert english.status_code == swedish.status_code == 422
    assert "too easy to guess" in english.text
    assert "för lätt att gissa" in swedish.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def test_the_reason_says_why():
    assert any("Repeats" in str(r) for r in password_strength.weakness("aaaaaaaaaaaa"))
    assert any("common password" in str(r) for r in password_strength.weakness("password1234"))
    assert password_strength.weakness("correct horse battery staple") is None


def test_a_strong_passphrase_is_accepted(client, csrf_off):
    strong = "violet tram under seven ferns"
    response = client.post("/auth/register", data={**FORM, "password": strong, "confirm": strong})
    assert response.status_code == 303


def test_changing_to_a_weak_password_is_refused(login_as):
    portal = login_as("consultant")
    response = portal.post("/auth/account/password", headers={"Accept-Language": "en"}, data={
        "pw-current_password": factories.PASSWORD, "pw-password": "password1234", "pw-confirm": "password1234"})
    assert response.status_code == 422 and "too easy to guess" in response.text


def test_create_staff_refuses_a_weak_password(app):
    result = app.test_cli_runner().invoke(args=["users", "create-staff", "--email", "s@example.se", "--name", "S",
                                                "--password", "123456789012"])
    assert result.exit_code != 0 and "stronger password" in result.output
