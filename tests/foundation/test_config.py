"""Configuration from the environment, with safe defaults and a refusal to run unsafely."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from portal import create_app
from portal.config import ConfigError
from portal.extensions import db


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    monkeypatch.setenv("PORTAL_CONFIG", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY is missing"):
        create_app()


@pytest.mark.parametrize("key", ["short", "demo-only-secret-key-do-not-use-in-production"])
def test_production_refuses_a_weak_or_demo_key(monkeypatch, key):
    monkeypatch.setenv("PORTAL_CONFIG", "production")
    monkeypatch.setenv("SECRET_KEY", key)
    with pytest.raises(ConfigError):
        create_app()


def test_production_starts_with_a_real_key_and_secure_cookies(monkeypatch, tmp_path):
    monkeypatch.setenv("PORTAL_CONFIG", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 48)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/prod.sqlite3")
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://127.0.0.1:6379/15")
    monkeypatch.setenv("FIELD_ENCRYPTION_KEYS", "0" * 43 + "=")
    monkeypatch.setenv("AUDIT_KEYS", "2026:" + "k" * 40)
    monkeypatch.setenv("PUBLIC_URL", "https://portal.example")
    app = create_app()
    assert app.config["TRUSTED_HOSTS"] == ["portal.example"]
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["SESSION_COOKIE_HTTPONLY"]
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/15"
    assert not app.config["DEMO_MODE"]


def test_postgres_urls_get_the_psycopg_driver(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.example/portal")
    from portal.config import _database_url

    assert _database_url("/tmp") == "postgresql+psycopg://u:p@db.example/portal"


def test_default_database_is_a_sqlite_file_in_instance(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    from portal.config import _database_url

    assert _database_url("/srv/portal/instance") == "sqlite:////srv/portal/instance/portal.sqlite3"


def test_sqlite_connections_use_wal_and_a_busy_timeout(tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/pragmas.sqlite3"})
    with app.app_context(), db.engine.connect() as connection:
        assert connection.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(sa.text("PRAGMA busy_timeout")).scalar() == 5000
        assert connection.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1


def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json == {"status": "ok", "database": "ok"}


def test_behind_a_trusted_proxy_the_client_ip_is_the_forwarded_one(make_app):
    proxied = make_app(PROXY_COUNT=1)
    seen = {}

    from portal.security import PUBLIC, allow

    @allow(PUBLIC)
    def whoami():
        from flask import request

        seen["ip"], seen["secure"] = request.remote_addr, request.is_secure
        return "ok"

    proxied.add_url_rule("/whoami", "whoami", whoami)
    proxied.test_client().get("/whoami", headers={"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"})
    assert seen == {"ip": "203.0.113.7", "secure": True}
