"""Mailed links come from PUBLIC_URL, never from the Host header; other hosts are refused (issue 12,
finding 5; R-SEC-2)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from portal import create_app
from portal.config import ConfigError
from portal.models import OutboxMail
from portal.extensions import db

ROOT = Path(__file__).resolve().parents[2]


def _reset_mail_body() -> str:
    mail = db.session.query(OutboxMail).order_by(OutboxMail.id.desc()).first()
    return mail.body_text


def test_a_reset_asked_for_with_a_foreign_host_is_refused_and_mails_nothing(client, make_user, csrf_off):
    make_user("consultant", email="klara@example.com")
    response = client.post("/auth/password/forgot", data={"email": "klara@example.com"},
                           headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert db.session.query(OutboxMail).count() == 0


def test_a_reset_link_points_at_the_public_url_whatever_the_request_says(app, client, make_user, csrf_off):
    app.config["PUBLIC_URL"] = "https://portal.example"
    app.config["TRUSTED_HOSTS"] = ["portal.example", "localhost", "127.0.0.1"]
    make_user("consultant", email="klara@example.com")
    # A trusted alias (the local health check, say) still mails the public address.
    client.post("/auth/password/forgot", data={"email": "klara@example.com"}, headers={"Host": "127.0.0.1:8000"})
    links = re.findall(r"https?://\S+", _reset_mail_body())
    assert links and all(link.startswith("https://portal.example/auth/password/reset/") for link in links)


def test_links_built_outside_a_request_use_the_public_url_too(app):
    from portal.links import external_url

    app.config["PUBLIC_URL"] = "https://portal.example/ignored/path"
    assert external_url("auth.login") == "https://portal.example/auth/login"


def test_production_refuses_to_start_without_a_public_url(monkeypatch, tmp_path):
    monkeypatch.setenv("PORTAL_CONFIG", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 48)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/prod.sqlite3")
    monkeypatch.setenv("FIELD_ENCRYPTION_KEYS", "0" * 43 + "=")
    monkeypatch.setenv("AUDIT_KEYS", "2026:" + "k" * 40)
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    with pytest.raises(ConfigError, match="PUBLIC_URL is missing"):
        create_app()


def test_no_link_in_the_portal_is_built_from_the_request_host():
    """`url_for(..., _external=True)` would use the Host header: only portal/links.py builds absolute URLs."""
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "portal").rglob("*.py")
                 if "_external=True" in p.read_text(encoding="utf-8")]
    assert offenders == []
