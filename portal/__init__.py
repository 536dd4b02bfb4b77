"""The portal's application factory: a table of contents of what the app is made of."""
from __future__ import annotations

from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, template_folder=str(ROOT / "templates"), static_folder=str(ROOT / "static"),
                instance_path=str(ROOT / "instance"))
    from portal import config as portal_config

    portal_config.load(app, config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if app.config["PROXY_COUNT"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)
    register_extensions(app)
    register_converters(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_request_hooks(app)
    register_templating(app)
    register_cli(app)
    register_privacy_executors()
    register_search(app)
    refuse_integrations_without_agreements(app)
    return app


def refuse_integrations_without_agreements(app: Flask) -> None:
    """Mail, analytics, SMS... only with their processor's DPA on record (GDPR Art. 28, R-SEC-1)."""
    from portal.services.records import integrations

    integrations.check(app)


def register_privacy_executors() -> None:
    """The rights other features carry out when staff press Start on a privacy request (R-RIGHTS-2)."""
    from portal.services.privacy import access_extract, data_transfer, erasure, restrictions

    access_extract.register()
    restrictions.register()
    data_transfer.register()
    erasure.register()


def register_extensions(app: Flask) -> None:
    from portal import database, languages
    from portal.extensions import babel, csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    database.configure_engine(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(ROOT / "translations"))
    babel.init_app(app, locale_selector=languages.select_locale)
    limiter.init_app(app)
    login_manager.init_app(app)
    from portal import sessions

    sessions.configure(login_manager)


def register_converters(app: Flask) -> None:
    from portal.routing import register_converters as register

    register(app)


def register_blueprints(app: Flask) -> None:
    from portal.auth.views import bp as auth
    from portal.buyer.views import bp as buyer
    from portal.consent.views import bp as consent
    from portal.consultant.views import bp as consultant
    from portal.marketing.views import bp as marketing
    from portal.partner.views import bp as partner
    from portal.privacy.views import bp as privacy
    from portal.public.views import bp as public
    from portal.staff.views import bp as staff
    from portal.supplier.views import bp as supplier
    from portal.support.views import bp as support

    app.register_blueprint(public)
    app.register_blueprint(consent)
    app.register_blueprint(auth, url_prefix="/auth")
    app.register_blueprint(consultant, url_prefix="/consultant")
    app.register_blueprint(buyer, url_prefix="/buyer")
    app.register_blueprint(supplier, url_prefix="/supplier")
    app.register_blueprint(partner, url_prefix="/partner")
    app.register_blueprint(staff, url_prefix="/staff")
    app.register_blueprint(privacy, url_prefix="/privacy")
    app.register_blueprint(support, url_prefix="/support")
    app.register_blueprint(marketing)  # /unsubscribe/<token> and /marketing/choices


def register_errorhandlers(app: Flask) -> None:
    from portal.errors import register_errorhandlers as register

    register(app)


def register_request_hooks(app: Flask) -> None:
    from portal import request_log, routing, sessions
    from portal.consent import state as consent_state
    from portal.security import enforce_access, set_security_headers
    from portal.services.matching import search

    app.before_request(routing.refuse_nul_characters)
    app.before_request(enforce_access)
    app.before_request(sessions.touch_activity)
    consent_state.register(app)
    app.after_request(set_security_headers)
    app.after_request(sessions.deliver_queued_mail)
    app.after_request(search.index_queued_changes)
    request_log.register(app)


def register_search(app: Flask) -> None:
    """Connect the search index to the real profile tables (drain, rebuild, verify read them)."""
    from portal.services.matching import search, documents

    search.set_document_loader(documents.load_document, batch=documents.load_documents)
    search.set_id_source(documents.consultant_ids)


def register_templating(app: Flask) -> None:
    """Core filters and labels, then the questions each capability lets templates ask."""
    from portal.services.organisations import template_globals as organisation_globals
    from portal.services.privacy import template_globals as privacy_globals
    from portal.services.retention import template_globals as retention_globals
    from portal.services.timesheets import template_globals as timesheet_globals
    from portal.templating import register_templating as register

    register(app)
    organisation_globals.register(app)
    privacy_globals.register(app)
    retention_globals.register(app)
    timesheet_globals.register(app)


def register_cli(app: Flask) -> None:
    from portal.cli import register

    register(app)
