"""`flask retention run`: the retention schedule enforced once a day (R-CON-11, R-BUY-6, R-SUP-6, R-PAR-2).

Cron (daily at 03:15, as the app's user, from the app directory):
    15 3 * * *  cd /srv/portal && .venv/bin/flask --app wsgi retention run >> /var/log/portal/retention.log 2>&1
The systemd timer is in the README.
"""
from __future__ import annotations

import sys
from datetime import date

import click
from flask.cli import with_appcontext

from portal.extensions import db


@click.group("retention", help="The retention schedule: warn and delete inactive accounts, expire kept data.")
def retention_group():
    pass


def _day(_ctx, _param, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("use the form YYYY-MM-DD, for example 2026-12-12") from None


@retention_group.command("run", help="Warn, delete and expire what the schedule says is due today (run daily; "
                                     "a second run the same day does nothing more).")
@click.option("--dry-run", is_flag=True, help="List who would be warned or deleted and why; change nothing.")
@click.option("--today", callback=_day, metavar="YYYY-MM-DD", help="Run as on this day (default: today).")
@with_appcontext
def retention_run(dry_run: bool, today: date | None):
    from flask_babel import force_locale

    from portal.links import external_url
    from portal.services.actors import SYSTEM
    from portal.services.retention import run

    def link_for(token: str) -> str:
        return external_url("auth.keep_account", token=token)

    def progress(items):
        """A bar when a person watches (a terminal); cron's log gets the summary only."""
        if not sys.stdout.isatty() or not items:
            return items

        def shown():
            with click.progressbar(items, label="Retention run") as bar:
                yield from bar
        return shown()

    with force_locale("en"):
        outcome = run.run(SYSTEM, today, dry_run=dry_run, link_for=link_for, progress=progress,
                          commit=db.session.commit)
    if outcome.already_ran:
        click.echo(f"already ran on {outcome.today.isoformat()} (report {outcome.report.id}); nothing more to do")
        return
    if dry_run:
        for due in outcome.due:
            click.echo(f"would {due.action.replace('_', ' ')}: account {due.user_id} ({due.reason})")
    counts = {k: v for k, v in outcome.counts.items() if k != "expired"}
    expired = outcome.counts.get("expired", {})
    prefix = "dry run, nothing changed: would have" if dry_run else "done:"
    click.echo(f"{prefix} " + ", ".join(f"{k} {v}" for k, v in counts.items())
               + "; expired " + (", ".join(f"{k} {v}" for k, v in sorted(expired.items())) or "nothing"))

