"""`flask applications mail-saved-searches`: mail consultants the new matches of the saved searches they asked
mail for (R-CON-1). Idempotent: each search's matches are mailed once (services/applications/saved_searches.py).

Run it every hour (or daily; a run mails what was published since the last one):
    20 * * * *  cd /srv/portal && .venv/bin/flask --app wsgi applications mail-saved-searches >> /var/log/portal/applications.log 2>&1
"""
from __future__ import annotations

import click
from flask.cli import with_appcontext

from portal.extensions import db


@click.group("applications", help="Consultants' applications and saved assignment searches.")
def applications_group():
    pass


@applications_group.command("mail-saved-searches", help="Mail each opted-in saved search's assignments published "
                                                        "since its last mail (once; a second run sends nothing).")
@with_appcontext
def mail_saved_searches():
    from flask_babel import force_locale

    from portal.services import mail
    from portal.services.actors import SYSTEM
    from portal.services.applications import saved_searches

    with force_locale("en"):  # each mail is rendered in its consultant's language; this is for the rest
        outcome = saved_searches.mail_new_matches(SYSTEM)
    db.session.commit()
    mail.deliver_pending(limit=10_000)
    click.echo(f"saved searches with mail on: {outcome.searches}; mailed: {outcome.mailed}; "
               f"left alone (processing restricted): {outcome.restricted}")
