"""Fixtures: a migrated real database per run, wiped before each test; apps, clients, people."""
from __future__ import annotations

import os
from pathlib import Path

import pyotp
import pytest
import sqlalchemy as sa
from flask import g, has_app_context
from flask.testing import FlaskClient

from portal import create_app
from portal.extensions import db
from portal.models import Base, User
from tests import factories

# The live server and the one Chromium of the test process, for browser tests in any folder.
pytest_plugins = ["tests.browser_fixtures"]

PG_URL = os.environ.get("TEST_DATABASE_URL")
os.environ["PORTAL_CONFIG"] = "test"


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def _postgres_admin():
    base = sa.make_url(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    return base, sa.create_engine(base, isolation_level="AUTOCOMMIT")


def create_postgres_database(name: str) -> str:
    """A new, empty database on the TEST_DATABASE_URL server (an old one of that name is dropped); its URL."""
    base, admin = _postgres_admin()
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


def drop_postgres_database(name: str) -> None:
    _, admin = _postgres_admin()
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """A database for this test process, built by the migrations (not create_all)."""
    if PG_URL:
        # Unique per process: parallel runs (xdist workers, several checkouts) never share one.
        name = f"portal_test_{_worker()}_{os.getpid()}"
        url = create_postgres_database(name)
    else:
        url = "sqlite:///" + str(tmp_path_factory.mktemp("db") / "portal.sqlite3")
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        db.engine.dispose()
    yield url
    if PG_URL:
        drop_postgres_database(name)


def _wipe() -> None:
    tables = [t for t in reversed(Base.metadata.sorted_tables)]
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            conn.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                conn.execute(table.delete())


@pytest.fixture
def app_config(database_url, tmp_path) -> dict:
    return {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SEARCH_INDEX_DIR": str(tmp_path / "index"),
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "ERASURE_LOG_PATH": str(tmp_path / "erasure-log.jsonl"),
        "MAIL_URL": None,
    }


class PortalClient(FlaskClient):
    """The tests hold an app context, which Flask reuses for their requests; so each request
    starts from a clean `g` (as in production) and finds the test's set-up committed."""

    def open(self, *args, **kwargs):
        if has_app_context():
            db.session.commit()
            g.__dict__.clear()
        return super().open(*args, **kwargs)


@pytest.fixture
def app(app_config):
    application = create_app(app_config)
    application.test_client_class = PortalClient
    with application.app_context():
        _wipe()
        yield application
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make_user(app):
    return factories.make_user


class Portal:
    """A signed-in person's browser-less client."""

    def __init__(self, client, user):
        self.client, self.user = client, user

    def __getattr__(self, name):
        return getattr(self.client, name)


def totp_code(user) -> str:
    """The current code for `user`, as if 30 seconds had passed since their last sign-in: a code is
    accepted once (issue 12, finding 4), and tests sign the same person in more often than that."""
    db.session.execute(sa.update(User).where(User.id == user.id).values(totp_last_step=None))
    db.session.commit()
    return pyotp.TOTP(user.totp_secret).now()


def sign_in(client, user, password=factories.PASSWORD):
    response = client.post("/auth/login", data={"email": user.email, "password": password})
    if response.headers.get("Location", "").endswith("/auth/login/code"):
        response = client.post("/auth/login/code", data={"code": totp_code(user)})
    assert response.status_code in (302, 303), response.get_data(as_text=True)[:500]
    return response


@pytest.fixture
def login_as(app, csrf_off):
    """login_as("buyer") or login_as("staff", staff_roles="privacy_officer") → a signed-in client."""

    def login(role: str, **fields) -> Portal:
        user = factories.make_user(role=role, **fields)
        db.session.commit()
        client = app.test_client()
        sign_in(client, user)
        return Portal(client, user)

    return login


@pytest.fixture
def csrf_off(app):
    """Most functional tests post forms without scraping tokens; CSRF has its own tests."""
    app.config["WTF_CSRF_ENABLED"] = False
    yield


def hx(**headers) -> dict:
    """Headers of a request made by htmx."""
    return {"HX-Request": "true", **headers}


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


@pytest.fixture
def smtp(app):
    """A real SMTP server; the app sends to it (MAIL_URL). Yields the inbox."""
    from tests import mailserver

    controller, inbox = mailserver.start()
    app.config["MAIL_URL"] = f"smtp://127.0.0.1:{controller.port}"
    yield inbox
    controller.stop()


@pytest.fixture
def make_app(app_config):
    """Another app on the test database with some settings changed; its engine is closed after."""
    made = []

    def make(**overrides):
        application = create_app({**app_config, **overrides})
        made.append(application)
        return application

    yield make
    for application in made:
        with application.app_context():
            db.engine.dispose()
