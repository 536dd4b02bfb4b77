"""No integration without its processor's DPA (GDPR Art. 28(1), R-SEC-1): the integrations the config
turns on, and the start-up check that refuses to run the portal when one has no agreement on record.

An integration is on when ENABLED_INTEGRATIONS names it, or when a setting points at someone else's
server: MAIL_URL at a host that is not this machine (a local relay is our own infrastructure; name
"mail" in ENABLED_INTEGRATIONS when it forwards to a provider), ANALYTICS_SCRIPT_URL at any host.
"""
from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask_babel import force_locale, lazy_gettext as _l

from portal.config import ConfigError
from portal.extensions import db

INTEGRATIONS = {
    "hosting": _l("Hosting and backups"),
    "mail": _l("Mail delivery (SMTP provider)"),
    "analytics": _l("Web analytics"),
    "sms": _l("Text messages (SMS)"),
    "marketing": _l("Marketing mail service"),
    "other": _l("Other"),
}
_LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


def enabled(config) -> dict[str, str]:
    """integration → the setting that turns it on (for the message that says why the portal refuses)."""
    found = {name: "ENABLED_INTEGRATIONS" for name in config.get("ENABLED_INTEGRATIONS") or ()}
    mail_host = urlsplit(config.get("MAIL_URL") or "").hostname
    if mail_host and mail_host not in _LOCAL_HOSTS:
        found.setdefault("mail", f"MAIL_URL (host {mail_host})")
    if config.get("ANALYTICS_SCRIPT_URL"):
        found.setdefault("analytics", "ANALYTICS_SCRIPT_URL")
    return found


def refusals(config, today) -> list[str]:
    """Why the portal may not start: one sentence per enabled integration without a valid agreement."""
    from portal.services.records import processors

    reasons = []
    for name, setting in sorted(enabled(config).items()):
        if name not in INTEGRATIONS:
            reasons.append(f"ENABLED_INTEGRATIONS names {name!r}, which is no integration; use "
                           f"{', '.join(INTEGRATIONS)}.")
            continue
        agreed = processors.with_agreement(name)
        if not agreed:
            reasons.append(
                f"The {name} integration is enabled by {setting}, but no processor for {name!r} has a "
                f"data-processing agreement on record (GDPR Art. 28). Record the processor with its signed DPA "
                f"(PDF) under Back office → Processors, with integration {name!r}, while {setting} is unset; "
                f"then start again.")
        elif not any(processors.location(p, today)["allowed"] for p in agreed):
            reasons.append(
                f"The {name} integration is enabled by {setting}, but its processor keeps the data where no "
                f"transfer is allowed any more ({', '.join(p.name for p in agreed)}): check its country and "
                f"the adequacy list under Back office → Processors.")
    return reasons


def check(app, today=None) -> None:
    """create_app: raise ConfigError naming each enabled integration that has no DPA on record.

    Skipped while the processors table does not exist yet, so that `flask db upgrade` can create it."""
    if not app.config.get("PROCESSOR_AGREEMENTS_REQUIRED") or not enabled(app.config):
        return
    with app.app_context():
        try:
            if not sa.inspect(db.engine).has_table("processors"):
                return
            with force_locale("en"):
                reasons = refusals(app.config, today or date.today())
        finally:
            db.session.remove()
            db.engine.dispose()  # no pooled connection outlives start-up into a forked worker
    if reasons:
        raise ConfigError("The portal refuses to start: " + " ".join(reasons))
