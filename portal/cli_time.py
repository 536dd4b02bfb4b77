"""`flask time send-reminders`: mail the time reminders that are due (R-CON-3, R-BUY-1, R-SUP-1).

Run it every hour (it is idempotent: each reminder goes once, see services/timesheets/reminders.py):
    5 * * * *  cd /srv/portal && .venv/bin/flask --app wsgi time send-reminders >> /var/log/portal/time.log 2>&1
"""
from __future__ import annotations

from datetime import datetime, timezone

import click
from flask.cli import with_appcontext

from portal.extensions import db


@click.group("time", help="Time reporting: reminders about weeks not submitted or not approved.")
def time_group():
    pass


def _instant(_ctx, _param, value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("use the form YYYY-MM-DDTHH:MM, for example 2026-12-14T10:00 "
                                 "(Stockholm time unless an offset is given)") from None
    if at.tzinfo is None:
        from portal.services.privacy.deadlines import STOCKHOLM

        at = at.replace(tzinfo=STOCKHOLM)
    return at


@time_group.command("send-reminders", help="Mail the consultants whose week is not submitted by Monday 10:00, and "
                                            "the approvers of weeks waiting more than 3 working days (each once).")
@click.option("--now", callback=_instant, metavar="YYYY-MM-DDTHH:MM",
              help="Run as at this moment, Stockholm time (default: now). For tests and catching up.")
@with_appcontext
def send_reminders(now: datetime | None):
    from flask_babel import force_locale

    from portal.services import mail
    from portal.services.actors import SYSTEM
    from portal.services.timesheets import reminders

    with force_locale("en"):
        outcome = reminders.run(SYSTEM, now or datetime.now(timezone.utc), commit=db.session.commit)
    db.session.commit()
    mail.deliver_pending()
    click.echo(f"reminders sent: not submitted {outcome.sent['not_submitted']}, "
               f"not approved {outcome.sent['not_approved']}")
