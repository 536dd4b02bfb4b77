"""`flask engagements …`: engagements whose end date has passed are marked ended (R-CON-3). The pages tell
an ended engagement from its dates already; this keeps the stored state in line, safe to run daily."""
from __future__ import annotations

import click

from portal.extensions import db


@click.group("engagements", help="Engagements: the work that follows a filled assignment.")
def engagements_group():
    pass


@engagements_group.command("close-ended", help="Mark engagements whose end date has passed as ended (idempotent).")
def close_ended():
    from portal.services.actors import SYSTEM
    from portal.services.engagements import changes

    count = changes.close_ended(SYSTEM)
    db.session.commit()
    click.echo(f"ended {count} engagements")
