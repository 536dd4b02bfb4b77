"""Configuration: safe defaults in code, secrets and addresses from the environment."""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

DEMO_SECRET_KEY = "demo-only-secret-key-do-not-use-in-production"  # nosec B105  # public on purpose: refused outside demo and test


class ConfigError(RuntimeError):
    """The configuration cannot run safely; the message says what to set."""


class Config:
    SECRET_KEY: str | None = None
    # Comma-separated Fernet keys, the first encrypts; demo and test derive one from SECRET_KEY.
    FIELD_ENCRYPTION_KEYS: str | None = None
    # Comma-separated `id:secret` pairs keying the audit chain's HMAC, the first signs; demo and test
    # derive one from SECRET_KEY. AUDIT_ANCHOR_PATH: the append-only file `flask audit anchor` writes.
    AUDIT_KEYS: str | None = None
    AUDIT_ANCHOR_PATH: str | None = None
    ERASURE_LOG_PATH: str | None = None  # the erasure log for restores (services/privacy/erasure_log.py)
    DEMO_MODE = False
    DEBUG = False
    TESTING = False

    SQLALCHEMY_DATABASE_URI: str | None = None
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SEARCH_INDEX_DIR: str | None = None
    UPLOAD_DIR: str | None = None
    MAIL_URL: str | None = None
    MAIL_FROM = "Customersonly <no-reply@customersonly.com>"
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = True
    # Failures per account and per address (services/accounts/throttle.py), in the same storage.
    THROTTLE_ENABLED = True

    WTF_CSRF_TIME_LIMIT = None
    WTF_CSRF_SSL_STRICT = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SECURE = True
    PERMANENT_SESSION_LIFETIME = 60 * 60 * 8
    MAX_CONTENT_LENGTH = 20 * 1024 * 1024
    PROXY_COUNT = 0  # reverse proxies in front of the app whose X-Forwarded-* headers we trust
    # Where people reach the portal: every link in a mail is built from it, never from the request's
    # Host header; requests for any other host are refused (TRUSTED_HOSTS, derived in load()).
    PUBLIC_URL: str | None = None
    EXTRA_TRUSTED_HOSTS: tuple[str, ...] = ()
    PREFERRED_URL_SCHEME = "https"

    BABEL_DEFAULT_LOCALE = "sv"
    BABEL_DEFAULT_TIMEZONE = "Europe/Stockholm"
    LANGUAGES = ("sv", "en")

    # Cookie consent (R-WEB-1..4): how long a choice counts, and the analytics offered under
    # "statistics" (none by default: then that category is not offered at all).
    CONSENT_COOKIE_NAME = "consent"
    CONSENT_MAX_AGE_DAYS = 182
    ANALYTICS_SCRIPT_URL: str | None = None
    ANALYTICS_CONNECT_SRC: tuple[str, ...] = ()
    # Integrations that hand personal data to a processor (services/records/integrations.py): the portal
    # refuses to start while one is on without a DPA on record. MAIL_URL and ANALYTICS_SCRIPT_URL turn theirs
    # on by themselves; name the others (hosting, sms, ...) here or in the environment, comma-separated.
    ENABLED_INTEGRATIONS: tuple[str, ...] = ()
    PROCESSOR_AGREEMENTS_REQUIRED = True

    # How long the privacy back office has to erase a former representative (one month, GDPR art. 12.3).
    ERASURE_DUE_DAYS = 30
    TOKEN_MAX_AGE = {"verify_email": 60 * 60 * 48, "reset_password": 60 * 60, "invitation": 60 * 60 * 24 * 14,
                     "consultant_claim": 60 * 60 * 24 * 14, "change_email": 60 * 60 * 48,
                     "consent_answer": 60 * 60 * 24 * 30,
                     # A visitor's privacy request waits this long for its confirmation link.
                     "privacy_request": 60 * 60 * 24 * 7,
                     # A portability download link sent to another controller (R-RIGHTS-6).
                     "data_transfer": 60 * 60 * 24 * 7,
                     # The link in the lockout mail that lets the owner sign in again at once.
                     "unlock_account": 60 * 60}
    # Hosts a data transfer may reach over plain http or on a private address: tests' local receiver only.
    TRANSFER_ALLOWED_INSECURE_HOSTS: tuple[str, ...] = ()
    POLICY_DIR: str | None = None  # where the policy versions live; None: portal/content
    # How long a consultant has to answer "may we send your profile?" before it counts as no (R-CON-9).
    DISCLOSURE_ANSWER_DAYS = 5
    # No anonymous card reaches a buyer unless this many consultants of the pool share all it shows.
    CARD_K = 5

    CONTROLLER = {
        "name": "Customersonly AB",
        "org_number": "556706-5981",
        "address": "Katarinavägen 15, vån 3, 116 45 Stockholm, Sverige",
        "email": "dataprotection@customersonly.com",
        "phone": "+46 8 463 03 00",
    }
    SUPERVISORY_AUTHORITY = {
        "name": "Integritetsskyddsmyndigheten (IMY)",
        "address": "Box 8114, 104 20 Stockholm",
        "email": "imy@imy.se",
        "phone": "+46 8 657 61 00",
        "url": "https://www.imy.se",
    }


class DemoConfig(Config):
    """`make run`: plain HTTP on localhost, a known key, mails kept in the outbox."""

    DEMO_MODE = True
    SECRET_KEY = DEMO_SECRET_KEY
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False
    WTF_CSRF_SSL_STRICT = False
    PREFERRED_URL_SCHEME = "http"
    PUBLIC_URL = "http://127.0.0.1:5000"
    EXTRA_TRUSTED_HOSTS = ("localhost", "127.0.0.1")


class TestConfig(DemoConfig):
    TESTING = True
    SECRET_KEY = "test-secret-key-not-for-production-0123456789"  # nosec B105  # the suite's key; production refuses it
    RATELIMIT_ENABLED = False
    SERVER_NAME = None
    PROCESSOR_AGREEMENTS_REQUIRED = False  # tests/records turn it on to test the refusal
    PUBLIC_URL = "http://localhost"
    ARGON2_PROFILE = "CHEAPEST"  # argon2id still; honoured only when TESTING (services/accounts/passwords.py)


def _database_url(instance_path: str) -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        return "sqlite:///" + str(Path(instance_path) / "portal.sqlite3")
    # Hosted services hand out postgres:// URLs; SQLAlchemy wants the driver named.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def load(app, overrides: dict | None) -> None:
    """Fill app.config from the class named by PORTAL_CONFIG, the environment, then overrides."""
    name = os.environ.get("PORTAL_CONFIG", "production").lower()
    base = {"demo": DemoConfig, "test": TestConfig}.get(name, Config)
    app.config.from_object(base)
    env = os.environ
    if env.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = env["SECRET_KEY"]
    _consent_from(env, app.config)
    for key in ("MAIL_URL", "MAIL_FROM", "RATELIMIT_STORAGE_URI", "SEARCH_INDEX_DIR", "UPLOAD_DIR",
                "FIELD_ENCRYPTION_KEYS", "PUBLIC_URL", "AUDIT_KEYS", "AUDIT_ANCHOR_PATH",
                "ERASURE_LOG_PATH"):
        if env.get(key):
            app.config[key] = env[key]
    if env.get("ENABLED_INTEGRATIONS"):
        app.config["ENABLED_INTEGRATIONS"] = tuple(env["ENABLED_INTEGRATIONS"].replace(",", " ").lower().split())
    if env.get("TRUSTED_HOSTS"):
        app.config["EXTRA_TRUSTED_HOSTS"] = tuple(env["TRUSTED_HOSTS"].replace(",", " ").split())
    if env.get("PROXY_COUNT", "").isdigit():
        app.config["PROXY_COUNT"] = int(env["PROXY_COUNT"])
    app.config["SQLALCHEMY_DATABASE_URI"] = _database_url(app.instance_path)
    if overrides:
        app.config.update(overrides)
    instance = Path(app.instance_path)
    app.config["SEARCH_INDEX_DIR"] = app.config["SEARCH_INDEX_DIR"] or str(instance / "search-index")
    app.config["UPLOAD_DIR"] = app.config["UPLOAD_DIR"] or str(instance / "uploads")
    _refuse_unsafe(app.config)
    _trust_public_host(app.config)


def _trust_public_host(config) -> None:
    """Only the public host (and those named in TRUSTED_HOSTS) may be asked for: Flask answers 400."""
    host = urlsplit(config.get("PUBLIC_URL") or "").hostname
    trusted = [*([host] if host else []), *config["EXTRA_TRUSTED_HOSTS"]]
    config["TRUSTED_HOSTS"] = trusted or None


def _consent_from(env, config) -> None:
    """Cookie-consent settings from the environment: the analytics offered, how long a choice lasts."""
    if env.get("ANALYTICS_SCRIPT_URL"):
        config["ANALYTICS_SCRIPT_URL"] = env["ANALYTICS_SCRIPT_URL"]
    if env.get("ANALYTICS_CONNECT_SRC"):
        config["ANALYTICS_CONNECT_SRC"] = tuple(env["ANALYTICS_CONNECT_SRC"].split())
    if env.get("CONSENT_MAX_AGE_DAYS", "").isdigit():
        config["CONSENT_MAX_AGE_DAYS"] = int(env["CONSENT_MAX_AGE_DAYS"])
    if env.get("DISCLOSURE_ANSWER_DAYS", "").isdigit():
        config["DISCLOSURE_ANSWER_DAYS"] = int(env["DISCLOSURE_ANSWER_DAYS"])
    if env.get("CARD_K", "").isdigit():  # never below 5: a lower k would break the policy's promise
        config["CARD_K"] = max(5, int(env["CARD_K"]))


def _refuse_unsafe(config) -> None:
    if config["DEMO_MODE"] or config["DEBUG"] or config["TESTING"]:
        return
    key = config.get("SECRET_KEY")
    if not key or key == DEMO_SECRET_KEY or len(key) < 32:
        raise ConfigError(
            "SECRET_KEY is missing, too short or the demo key. Set SECRET_KEY to a random value of at "
            "least 32 characters (for example: python -c 'import secrets; print(secrets.token_urlsafe(48))'), "
            "or run the demo with PORTAL_CONFIG=demo."
        )
    if not config.get("FIELD_ENCRYPTION_KEYS"):
        raise ConfigError(
            "FIELD_ENCRYPTION_KEYS is missing. Personnummer and bankgiro are encrypted at rest: set it to one "
            "or more comma-separated Fernet keys, the current one first (create one with: python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())', or `PORTAL_CONFIG=demo flask keys generate`), "
            "or run the demo with PORTAL_CONFIG=demo."
        )
    audit_keys = [item.partition(":") for item in (config.get("AUDIT_KEYS") or "").split(",") if item.strip()]
    if not audit_keys or any(not key_id.strip() or len(secret.strip()) < 32 for key_id, _, secret in audit_keys):
        raise ConfigError(
            "AUDIT_KEYS is missing or malformed. The audit log's hash chain is keyed: set AUDIT_KEYS to "
            "comma-separated id:secret pairs, the current one first, each secret at least 32 characters "
            "(for example: AUDIT_KEYS=2026:$(python -c 'import secrets; print(secrets.token_urlsafe(48))')), "
            "or run the demo with PORTAL_CONFIG=demo."
        )
    public_url = urlsplit(config.get("PUBLIC_URL") or "")
    if public_url.scheme not in ("http", "https") or not public_url.hostname:
        raise ConfigError(
            "PUBLIC_URL is missing. Links in mails are built from it, never from the request: set it to the "
            "address people use, for example PUBLIC_URL=https://portal.customersonly.com, "
            "or run the demo with PORTAL_CONFIG=demo."
        )
    if config["RATELIMIT_STORAGE_URI"].startswith("memory") and os.environ.get("WEB_CONCURRENCY") != "1":
        raise ConfigError(
            "RATELIMIT_STORAGE_URI is memory://, so each worker would count sign-in failures alone and the "
            "limits would multiply. Set RATELIMIT_STORAGE_URI=redis://127.0.0.1:6379/0 (shared by every "
            "worker), or run a single worker with WEB_CONCURRENCY=1, or the demo with PORTAL_CONFIG=demo."
        )
